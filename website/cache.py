"""Full-page cache for anonymous visitors, invalidated by any change to public content.

A cached page is stored under a key made of the site's address and the full path with its
query string, tagged with the "content generation" it was rendered under. Every change that
can alter a public page (a page published, unpublished, moved or deleted, a view
restriction, a snippet, the site settings, a booking or registration in a project app…)
replaces the generation, so the next request finds a stale tag and renders fresh content.

Never cached: anything but GET/HEAD, visitors with a session (logged-in editors, people who
entered a page password) or pending messages, the admin, Wagtail previews, responses other
than 200, responses that set a cookie or used a CSRF token (pages with forms), responses
marked private/no-store/no-cache (Wagtail sends privacy-restricted pages that way), and
views or page types that opt out with `page_cache_exempt`.

Generations are scoped. "content" is replaced by any change, as above; a model registered
with `scope_for()` replaces only its own scope instead: event registrations "registrations",
lesson bookings and slots "bookings", the KPI figures "kpi". A response or fragment that
shows such data declares it (`depends_on()`, a page type's `cache_scopes`,
`remember(..., scopes=...)`) and is current while "content" and each of its scopes are;
every other page stays cached when someone registers for an event.

Bulk writes (`QuerySet.update()`, `bulk_create()`) send no signals: call
`invalidate_page_cache()` (or `invalidate_page_cache(scope)`) after them.
"""

import functools
import hashlib
import secrets

from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import cc_delim_re
from django.utils.translation import get_language_from_path
from taggit.models import TagBase
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage, AbstractRendition
from wagtail.models import BaseLogEntry, BaseViewRestriction, Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from website.redis_cache import redis_recovered

GENERATION_KEY = "pagecache:generation"
CONTENT = "content"
# Each scope's generation; "content" keeps the key it always had.
GENERATION_KEYS = {
    CONTENT: GENERATION_KEY,
    "registrations": f"{GENERATION_KEY}:registrations",
    "bookings": f"{GENERATION_KEY}:bookings",
    "kpi": f"{GENERATION_KEY}:kpi",
}
CACHE_HEADER = "X-Cache"
UNCACHEABLE_DIRECTIVES = {"private", "no-store", "no-cache"}

# Page saves that only concern drafts, locks or the editor's bookkeeping change nothing public.
DRAFT_ONLY_PAGE_FIELDS = {
    "comments",
    "draft_title",
    "has_unpublished_changes",
    "latest_revision",
    "latest_revision_created_at",
    "locked",
    "locked_at",
    "locked_by",
}
IMAGE_BOOKKEEPING_FIELDS = {"file_hash", "file_size"}


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


# --- invalidation -------------------------------------------------------------------------


def invalidate_page_cache(scope=CONTENT):
    """From now on every cached page and fragment that depends on `scope` (all of them for
    "content") is stale (again once the current transaction commits)."""
    _new_generation(scope)
    connection = connections[DEFAULT_DB_ALIAS]
    bump = _BUMPS[scope]
    if connection.in_atomic_block and not _bump_already_pending(connection, bump):
        # A request that starts between now and the commit still reads the old rows and
        # would cache them under the new generation: bump once more after the commit.
        transaction.on_commit(bump)


def _new_generation(scope=CONTENT):
    page_cache().set(GENERATION_KEYS[scope], secrets.token_hex(8), timeout=None)


# One callable per scope, so that a transaction schedules each scope's bump only once.
_BUMPS = {scope: functools.partial(_new_generation, scope) for scope in GENERATION_KEYS}


def _bump_already_pending(connection, bump):
    return any(callback is bump for _, callback, *_ in connection.run_on_commit)


def current_generations(cache):
    """Every scope's current generation, read in one round trip; None when the cache does not
    answer (Redis down): then nothing may be served from or kept in the page and fragment
    caches."""
    return generations_and(cache)[0]


def generations_and(cache, *keys):
    """The current generations (as `current_generations`) and the values of `keys`, read in
    the same round trip."""
    generation_keys = list(GENERATION_KEYS.values())
    found = cache.get_many([*generation_keys, *keys])
    if any(key not in found for key in generation_keys):
        for key in generation_keys:
            if key not in found:
                cache.add(key, secrets.token_hex(8), timeout=None)
        found = {**found, **cache.get_many(generation_keys)}
        if any(key not in found for key in generation_keys):
            return None, {}
    generations = {scope: found[key] for scope, key in GENERATION_KEYS.items()}
    return generations, {key: found[key] for key in keys if key in found}


def current_generation(cache):
    """The current content generation (None when the cache does not answer)."""
    generations = current_generations(cache)
    return None if generations is None else generations[CONTENT]


def depends_on(request, *scopes):
    """What this request renders shows data of these scopes (besides content): its cached
    response, and each fragment being rendered for it, is current only while they are."""
    unknown = set(scopes) - set(GENERATION_KEYS)
    if unknown:
        raise ValueError(f"Unknown cache scopes: {sorted(unknown)}")
    request.cache_scopes = getattr(request, "cache_scopes", frozenset()) | set(scopes)
    for open_fragment in getattr(request, "open_fragments", ()):
        open_fragment.update(scopes)


def generation_stamp(generations, scopes):
    """What a cached response or fragment is filed under: the generation of "content" and of
    each scope it depends on."""
    return tuple((scope, generations[scope]) for scope in sorted({CONTENT, *scopes}))


def stamp_is_current(stamp, generations):
    return isinstance(stamp, tuple) and all(
        generations.get(scope) == generation for scope, generation in stamp
    )


def _redis_recovered(sender, location, **kwargs):
    # Changes made while Redis did not answer could not replace the generation: whatever was
    # kept before the outage may be stale.
    _new_generation()


_model_scopes = {}


def scope_for(model, scope):
    """Saving or deleting `model` replaces only `scope`'s generation, not the content one:
    everything that shows it must say so with `depends_on()` (or a fragment's scopes)."""
    if scope not in GENERATION_KEYS:
        raise ValueError(f"Unknown cache scope: {scope}")
    _model_scopes[model] = scope


def scope_of(model):
    return _model_scopes.get(model, CONTENT)


@functools.cache
def shows_on_public_pages(model):
    """Whether saving or deleting this model can change what a public page shows."""
    if issubclass(model, (AbstractRendition, BaseLogEntry)):
        return False
    if model._meta.label in settings.PAGE_CACHE_IGNORED_MODELS:
        return False
    if model._meta.app_label in settings.PROJECT_APPS:
        return True
    return issubclass(
        model,
        (
            Page,
            BaseViewRestriction,
            Site,
            AbstractImage,
            AbstractDocument,
            TagBase,
            SearchPromotion,  # 検索のおすすめ, above the search results
        ),
    )


def _is_bookkeeping_save(model, update_fields):
    if not update_fields:
        return False
    if issubclass(model, Page):
        return set(update_fields) <= DRAFT_ONLY_PAGE_FIELDS
    if issubclass(model, AbstractImage):
        return set(update_fields) <= IMAGE_BOOKKEEPING_FIELDS
    return False


def _model_saved(sender, update_fields=None, **kwargs):
    if shows_on_public_pages(sender) and not _is_bookkeeping_save(sender, update_fields):
        invalidate_page_cache(scope_of(sender))


def _model_deleted(sender, **kwargs):
    if shows_on_public_pages(sender):
        invalidate_page_cache(scope_of(sender))


def _relation_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and shows_on_public_pages(type(instance)):
        invalidate_page_cache(scope_of(type(instance)))


def _page_changed(sender, **kwargs):
    invalidate_page_cache()


def connect_signals():
    post_save.connect(_model_saved, dispatch_uid="website.cache.model_saved")
    post_delete.connect(_model_deleted, dispatch_uid="website.cache.model_deleted")
    m2m_changed.connect(_relation_changed, dispatch_uid="website.cache.relation_changed")
    # Publishing, unpublishing and moving also rewrite rows without a model save (descendant
    # paths, revisions); the signals make sure every one of them counts.
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_page_changed, dispatch_uid=f"website.cache.{id(signal)}")
    redis_recovered.connect(_redis_recovered, dispatch_uid="website.cache.redis_recovered")


# --- opting out ---------------------------------------------------------------------------


def page_cache_exempt(view):
    """Never keep this view's responses in the page cache (the browser's cache is untouched)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        request.page_cache_exempt = True
        return view(request, *args, **kwargs)

    return wrapped


def exempt_opted_out_pages(page, request, serve_args, serve_kwargs):
    """before_serve_page hook: a page type with `page_cache_exempt = True` is never cached;
    one with `cache_scopes` (every URL of it, a routable page's too) depends on them."""
    if getattr(page, "page_cache_exempt", False):
        request.page_cache_exempt = True
    depends_on(request, *getattr(page, "cache_scopes", ()))


# --- the middleware -----------------------------------------------------------------------


class PageCacheMiddleware:
    """Serve anonymous GET/HEAD requests from the cache; store what is safe to share.

    Comes first of all middleware, so a hit skips everything else: the stored response
    already carries the headers that the other middleware added when it was rendered.
    Responses say `X-Cache: HIT`, `MISS` (rendered and stored) or `BYPASS`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
            return self.get_response(request)  # files: WhiteNoise and the web server's job
        if not self.can_use_cache(request):
            response = self.get_response(request)
            if settings.PAGE_CACHE_ENABLED:
                response[CACHE_HEADER] = "BYPASS"
            return response

        cache = page_cache()
        key = self.cache_key(request)
        # A hit costs one round trip to the shared cache: the current generations and the page.
        generations, found = generations_and(cache, key)
        # The fragment cache files under the same generations.
        request.cache_generations = generations
        request.content_generation = generations and generations[CONTENT]
        if generations is None:  # the cache does not answer: render from the database
            response = self.get_response(request)
            response[CACHE_HEADER] = "BYPASS"
            return response
        entry = found.get(key)
        if entry is not None and stamp_is_current(entry[0], generations):
            return self.rebuild(entry)

        response = self.get_response(request)
        if request.method == "GET" and self.can_store(request, response):
            # Tagged with the generations read *before* rendering: if what it shows changed
            # meanwhile, this entry is already stale and will not be served.
            headers = [(name, value) for name, value in response.items() if name != CACHE_HEADER]
            stamp = generation_stamp(generations, getattr(request, "cache_scopes", ()))
            entry = (stamp, headers, response.content)
            cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
            response[CACHE_HEADER] = "MISS"
        else:
            response[CACHE_HEADER] = "BYPASS"
        return response

    @staticmethod
    def can_use_cache(request):
        if not settings.PAGE_CACHE_ENABLED or request.method not in ("GET", "HEAD"):
            return False
        if getattr(request, "is_dummy", False):  # Wagtail builds previews from a dummy request
            return False
        if request.path_info.startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PATHS)):
            return False
        if "HTTP_AUTHORIZATION" in request.META:
            return False
        personal_cookies = (settings.SESSION_COOKIE_NAME, *settings.PAGE_CACHE_BYPASS_COOKIES)
        return not any(name in request.COOKIES for name in personal_cookies)

    @staticmethod
    def can_store(request, response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if getattr(request, "page_cache_exempt", False) or getattr(request, "is_preview", False):
            return False
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # the page holds a form's CSRF token
            return False
        directives = {
            directive.split("=")[0].strip().lower()
            for directive in cc_delim_re.split(response.get("Cache-Control", ""))
        }
        return not directives & UNCACHEABLE_DIRECTIVES

    @staticmethod
    def cache_key(request):
        """Per address and language: the language is the one the path says (/en/… English,
        every other path the default, Japanese), as LocaleMiddleware, which comes after this
        middleware, will decide. A Japanese visitor never gets an English page or the reverse."""
        language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        address = f"{language}:{request.scheme}://{request.get_host()}{request.get_full_path()}"
        return f"pagecache:page:{hashlib.sha256(address.encode()).hexdigest()}"

    @staticmethod
    def rebuild(entry):
        _, headers, content = entry
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        response[CACHE_HEADER] = "HIT"
        return response
