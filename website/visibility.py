"""Which parts of the site are privacy-restricted, read at most once per request.

Every public listing excludes restricted sections (`visible()`), and Wagtail checks the
restrictions of each page it serves. Wagtail reads the restrictions afresh each time: ten
times for the home page's sections. `ViewRestrictionsMiddleware` opens a scope for each GET
request in which they are read once; outside one (writes, the shell, tasks) they are read
every time, as Wagtail does.

The same scope remembers the pk of each language's locale once the request has found the home
page in that language (website/i18n.py). Listings then filter on the page's own `locale_id`:
joined through the locales, PostgreSQL cannot tell how many pages a language has and walks the
locale index, 2 ms over 4,000 pages where the path index takes 0.4 ms.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models import IntegerField, Prefetch, Q, Value
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet

from website.languages import active_language, is_default_language

_request_scope = ContextVar("view_restrictions_scope", default=None)


def view_restrictions():
    """(pk, path of the restricted page) of every view restriction."""
    return [(pk, path) for pk, path in _restricted_paths() if pk is not None]


def paths_checked_by_wagtail():
    """The paths of the restricted pages and of their aliases (and aliases of those): a page
    that none of them is above, or is, has no view restriction by Wagtail's rules, which check
    an alias by its source. Read at most once per request, and only when a page is restricted:
    Wagtail reads the ancestors of every page it serves to find out."""
    scope = _request_scope.get()
    if scope is not None and "checked_paths" in scope:
        return scope["checked_paths"]
    rows = _restricted_paths()
    paths = [path for _pk, path in rows]
    sources = [path for pk, path in rows if pk is None]  # the aliases read with the restrictions
    while sources:
        sources = list(
            Page.objects.filter(alias_of__path__in=sources).values_list("path", flat=True)
        )
        paths += sources
    if scope is not None:
        scope["checked_paths"] = paths
    return paths


def _restricted_paths():
    """(pk, path of the restricted page) of every view restriction, then (None, path) of each
    alias of a restricted page, in one query: every listing needs the first, every page served
    the second (Wagtail checks an alias by its source)."""
    scope = _request_scope.get()
    if scope is not None and "rows" in scope:
        return scope["rows"]
    restrictions = PageViewRestriction.objects.order_by().values_list("pk", "page__path")
    aliases = (
        Page.objects.filter(alias_of__view_restrictions__isnull=False)
        .order_by()
        .values_list(Value(None, output_field=IntegerField()), "path")
    )
    rows = list(restrictions.union(aliases, all=True))
    if scope is not None:
        scope["rows"] = rows
    return rows


def remember_locale(language, locale_id):
    """The pk of `language`'s locale, as found by this request (website/i18n.py)."""
    scope = _request_scope.get()
    if scope is not None:
        scope.setdefault("locales", {})[language] = locale_id


def in_language_q(language):
    scope = _request_scope.get()
    locale_id = scope.get("locales", {}).get(language) if scope is not None else None
    if locale_id is not None:
        return Q(locale_id=locale_id)
    return Q(locale__language_code=language)


@contextmanager
def read_once_per_request(request):
    if request.method not in ("GET", "HEAD"):
        yield
        return
    token = _request_scope.set({})
    try:
        yield
    finally:
        _request_scope.reset(token)


class ViewRestrictionsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with read_once_per_request(request):
            return self.get_response(request)


class VisiblePageQuerySet(PageQuerySet):
    def visible(self):
        """What the public may see: live, not privacy-restricted and in the language being
        read (website/i18n.py). Every listing uses this."""
        language = active_language()
        # Wagtail's live() and public() conditions, in one filter: each filter copies the query.
        conditions = [self.live_q(), ~self.private_q(), in_language_q(language)]
        if not is_default_language(language):
            # wagtail-localize makes the untranslated parents of a translated page aliases
            # of the Japanese ones: Japanese text, never listed as English.
            conditions.append(Q(alias_of__isnull=True))
        return self.filter(*conditions)

    def private_q(self):
        """Wagtail's, from the restrictions read once per request (website/visibility.py)."""
        q = Q()
        for _pk, path in view_restrictions():
            q |= Q(path__startswith=path)
        return q if q else Q(pk__in=[])

    def listed(self, *page_fields):
        """Only what a list shows of each page: Wagtail's title and URL path (its link), the
        page type's own fields but its StreamFields, and `page_fields`. Wagtail's page rows
        are wide, and every column costs on every item of every list."""
        own_fields = [
            field.name
            for field in self.model._meta.concrete_fields
            if field.model is self.model and not isinstance(field, StreamField)
        ]
        return self.only("title", "url_path", *own_fields, *page_fields)

    def with_image(self, field, *rendition_specs):
        """The image in the listing's own query and its renditions in one more.

        Wagtail's `Prefetch(field, queryset=images.prefetch_renditions(…))` takes a query
        for the images and another for their renditions; `{% image %}` finds them either way.
        """
        renditions = (
            get_image_model().get_rendition_model().objects.filter(filter_spec__in=rendition_specs)
        )
        return self.select_related(field).prefetch_related(
            Prefetch(f"{field}__renditions", queryset=renditions, to_attr="prefetched_renditions")
        )


VisiblePageManager = PageManager.from_queryset(VisiblePageQuerySet)
