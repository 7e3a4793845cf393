"""Per-IP rate limits for public forms, counted in the cache.

In production the cache is Redis, so every app server shares the counters.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache


def client_ip(request):
    """The visitor's address; behind proxies, the one our nearest trusted proxy reports.

    With TRUST_X_FORWARDED_FOR on, each of the TRUSTED_PROXY_COUNT proxies appends the
    address it saw to X-Forwarded-For, so the visitor's is that many entries from the right;
    anything to its left was sent by the visitor and may be forged.
    """
    if getattr(settings, "TRUST_X_FORWARDED_FOR", False):
        forwarded = [
            address.strip()
            for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if address.strip()
        ]
        proxies = max(1, getattr(settings, "TRUSTED_PROXY_COUNT", 1))
        if forwarded:
            return forwarded[-min(proxies, len(forwarded))]
    return request.META.get("REMOTE_ADDR", "")


def _key(request, scope):
    digest = hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}"


def count(request, scope):
    """How many attempts this IP has made in the current period."""
    return cache.get(_key(request, scope), 0)


def reset(request, scope):
    cache.delete(_key(request, scope))


def hit(request, scope, *, limit, period):
    """Count one attempt; True when this IP has gone over `limit` attempts in `period` seconds."""
    key = _key(request, scope)
    if cache.add(key, 1, timeout=period):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=period)
            count = 1
    return count > limit
