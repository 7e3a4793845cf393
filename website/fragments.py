"""Pieces of pages that are the same for every visitor, rendered once and reused.

The sections other apps add to the home and forum pages and the site's menu cost most of a
page's queries. Each worker keeps them in its own memory (no network round trip), filed under
the content generation of website/cache.py: any change to public content gives the next
request a new generation in every worker, so nothing stale is shown, exactly as for the
full-page cache. FRAGMENT_CACHE_SECONDS bounds how long content that depends on the clock
(upcoming events, open lesson dates, the current fiscal year) may lag behind it.

Previews never use or fill the fragment cache.
"""

import hashlib

from django.conf import settings
from django.core.cache import caches

from website.cache import current_generation, page_cache

_UNREAD = object()


def content_generation(request):
    """The content generation this request is rendered under, read once per request (None
    when the shared cache does not answer)."""
    generation = getattr(request, "content_generation", _UNREAD)
    if generation is _UNREAD:
        generation = request.content_generation = current_generation(page_cache())
    return generation


def fragment_cache_applies(request):
    # Without a generation nothing kept could be told stale: render everything afresh.
    return (
        settings.FRAGMENT_CACHE_ENABLED
        and not getattr(request, "is_preview", False)
        and content_generation(request) is not None
    )


def fragment_key(request, key):
    full_key = f"fragment:{content_generation(request)}:{request.get_host()}:{key}"
    if len(full_key) > 200 or not full_key.isprintable() or " " in full_key:
        # Paths and search words: keep keys short and free of spaces, as every backend wants.
        full_key = f"fragment:{hashlib.sha256(full_key.encode()).hexdigest()}"
    return full_key


def remember(request, key, find):
    """What `find()` answered for this key under the current generation; None is not kept."""
    if not fragment_cache_applies(request):
        return find()
    cache = caches[settings.FRAGMENT_CACHE_ALIAS]
    full_key = fragment_key(request, key)
    value = cache.get(full_key)
    if value is None:
        value = find()
        if value is not None:
            cache.set(full_key, value, settings.FRAGMENT_CACHE_SECONDS)
    return value
