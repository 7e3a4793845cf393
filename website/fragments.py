"""Pieces of pages that are the same for every visitor, rendered once and reused.

The sections other apps add to the home and forum pages and the site's menu cost most of a
page's queries. Each worker keeps them in its own memory (no network round trip), filed under
the content generation of website/cache.py: any change to public content gives the next
request a new generation in every worker, so nothing stale is shown, exactly as for the
full-page cache. FRAGMENT_CACHE_SECONDS bounds how long content that depends on the clock
(upcoming events, open lesson dates, the current fiscal year) may lag behind it.

A fragment that shows registrations, bookings or KPI figures names their scope
(`remember(..., scopes=("bookings",))`, `{% fragment ... depends="bookings" %}`): it is filed
under that scope's generation too, and the page it is part of depends on it. A fragment
whose rendering turns out to depend on a scope it did not name is not kept (and logged).

Previews never use or fill the fragment cache.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import caches
from django.utils.translation import get_language

from website.cache import CONTENT, current_generations, depends_on, page_cache

logger = logging.getLogger("sankaku.cache")

_UNREAD = object()


def cache_generations(request):
    """The generations this request is rendered under, read once per request (None when the
    shared cache does not answer)."""
    generations = getattr(request, "cache_generations", _UNREAD)
    if generations is _UNREAD:
        generations = request.cache_generations = current_generations(page_cache())
        request.content_generation = generations and generations[CONTENT]
    return generations


def content_generation(request):
    """The content generation this request is rendered under (None when the shared cache
    does not answer)."""
    generations = cache_generations(request)
    return generations and generations[CONTENT]


def fragment_cache_applies(request):
    # Without a generation nothing kept could be told stale: render everything afresh.
    return (
        settings.FRAGMENT_CACHE_ENABLED
        and not getattr(request, "is_preview", False)
        and content_generation(request) is not None
    )


def fragment_key(request, key, scopes=()):
    generations = cache_generations(request)
    stamp = ":".join(generations[scope] for scope in (CONTENT, *sorted(set(scopes))))
    # Per language: the English menu, footer and sections are other fragments.
    full_key = f"fragment:{stamp}:{get_language() or ''}:{request.get_host()}:{key}"
    if len(full_key) > 200 or not full_key.isprintable() or " " in full_key:
        # Paths and search words: keep keys short and free of spaces, as every backend wants.
        full_key = f"fragment:{hashlib.sha256(full_key.encode()).hexdigest()}"
    return full_key


def remember(request, key, find, scopes=()):
    """What `find()` answered for this key under the current generations (of content and of
    `scopes`); None is not kept."""
    if scopes:
        depends_on(request, *scopes)
    if not fragment_cache_applies(request):
        return find()
    cache = caches[settings.FRAGMENT_CACHE_ALIAS]
    full_key = fragment_key(request, key, scopes)
    value = cache.get(full_key)
    if value is None:
        value, found_scopes = finding_scopes(request, find)
        if found_scopes - set(scopes):
            logger.warning(
                "Fragment %r shows %s without naming it: not kept.", key, sorted(found_scopes)
            )
        elif value is not None:
            cache.set(full_key, value, settings.FRAGMENT_CACHE_SECONDS)
    return value


def finding_scopes(request, find):
    """`find()`'s answer and the scopes that what it rendered said it depends on."""
    found_scopes = set()
    open_fragments = request.__dict__.setdefault("open_fragments", [])
    open_fragments.append(found_scopes)
    try:
        return find(), found_scopes
    finally:
        open_fragments.pop()
