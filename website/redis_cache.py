"""Django's Redis cache backend, keeping one client per server and failing open.

Django builds a new `redis.Redis` for every cache operation; with redis-py 8 that costs more
than the round trip itself (it copies a table of ~170 response callbacks each time), which
made a page-cache hit five times dearer than serving a static file. A client is safe to
share between threads: each command takes a connection from the pool.

Redis only ever speeds the site up, so when it does not answer (refused, or silent past the
short socket timeouts set in the production settings) every operation answers as an empty
cache that forgets what it is given would: reads miss, writes are dropped, `add()` succeeds,
`incr()` finds no key. After a failure Redis is left alone for `retry_seconds` (OPTIONS,
default 10) by every thread of the process, the failure is logged once for that interval,
and `redis_recovered` is sent when it answers again.
"""

import functools
import logging
import threading
import time

import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from django.dispatch import Signal

logger = logging.getLogger("sankaku.cache")

# Sent with `location` when a Redis that failed answers again.
redis_recovered = Signal()

UNREACHABLE = (redis.ConnectionError, redis.TimeoutError)


class CircuitBreaker:
    """Whether Redis at one location may be asked, shared by every thread and cache alias."""

    _all = {}
    _all_lock = threading.Lock()

    def __init__(self, location, retry_seconds):
        self.location = location
        self.retry_seconds = retry_seconds
        self.open_until = 0.0  # monotonic time before which Redis is not asked
        self.failed = False  # failed since it last answered
        self.lock = threading.Lock()

    @classmethod
    def for_location(cls, location, retry_seconds):
        with cls._all_lock:
            breaker = cls._all.get(location)
            if breaker is None:
                breaker = cls._all[location] = cls(location, retry_seconds)
            breaker.retry_seconds = retry_seconds
            return breaker

    def allows(self):
        return time.monotonic() >= self.open_until

    def failure(self, error):
        with self.lock:
            if not self.allows():
                return  # another thread already logged this interval
            self.open_until = time.monotonic() + self.retry_seconds
            self.failed = True
        logger.warning(
            "Redis at %s does not answer (%s): serving without the cache, next try in %s s.",
            self.location,
            error.__class__.__name__,
            self.retry_seconds,
        )

    def success(self):
        """Redis answered; True when that ends a failure (`redis_recovered` is sent)."""
        if not self.failed:
            return False
        with self.lock:
            if not self.failed:
                return False
            self.failed = False
        logger.warning("Redis at %s answers again: the cache is back in use.", self.location)
        redis_recovered.send(sender=CircuitBreaker, location=self.location)
        return True


def fail_open(fallback, *, read=False):
    """Run the cache operation unless the breaker is open; on a Redis failure, `fallback`."""

    def decorate(method):
        @functools.wraps(method)
        def wrapped(self, *args, **kwargs):
            if not self.breaker.allows():
                return fallback(*args, **kwargs)
            try:
                result = method(self, *args, **kwargs)
            except UNREACHABLE as error:
                self.breaker.failure(error)
                return fallback(*args, **kwargs)
            if self.breaker.success() and read:
                # Redis answers again and `redis_recovered` may just have replaced what was
                # read (the cache generations): read it again.
                result = method(self, *args, **kwargs)
            return result

        return wrapped

    return decorate


def _no_key(*args, **kwargs):
    raise ValueError("Key not found (Redis unreachable).")


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, servers, *args, **kwargs):
        super().__init__(servers, *args, **kwargs)
        self._clients = {}
        self._single_server = len(servers) == 1

    def get_client(self, key=None, *, write=False):
        # One client for writes, one for reads (the same one with a single server); with
        # replicas, each process keeps reading from the replica it drew first.
        slot = write or self._single_server
        client = self._clients.get(slot)
        if client is None:
            client = self._clients[slot] = super().get_client(key, write=write)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        retry_seconds = float(options.pop("retry_seconds", 10))
        super().__init__(server, {**params, "OPTIONS": options})
        # Django's only way to choose the client class (tested in tests/production/test_faults.py).
        self._class = SharedClientRedisCacheClient
        self._location = server if isinstance(server, str) else ",".join(server)
        self.breaker = CircuitBreaker.for_location(self._location, retry_seconds)

    def validate_key(self, key):
        """Redis takes any key. Django's warnings are about memcached's limits, and checking
        them reads every character of each key: five keys on every page-cache hit."""

    @fail_open(lambda key, default=None, version=None: default, read=True)
    def get(self, key, default=None, version=None):
        return super().get(key, default, version)

    @fail_open(lambda keys, version=None: {}, read=True)
    def get_many(self, keys, version=None):
        return super().get_many(keys, version)

    @fail_open(lambda key, version=None: False)
    def has_key(self, key, version=None):
        return super().has_key(key, version)

    @fail_open(lambda *args, **kwargs: True)
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return super().add(key, value, timeout, version)

    @fail_open(lambda *args, **kwargs: None)
    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return super().set(key, value, timeout, version)

    @fail_open(lambda data, *args, **kwargs: list(data))
    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return super().set_many(data, timeout, version)

    @fail_open(lambda *args, **kwargs: False)
    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return super().touch(key, timeout, version)

    @fail_open(lambda *args, **kwargs: False)
    def delete(self, key, version=None):
        return super().delete(key, version)

    @fail_open(lambda *args, **kwargs: None)
    def delete_many(self, keys, version=None):
        return super().delete_many(keys, version)

    @fail_open(_no_key)
    def incr(self, key, delta=1, version=None):
        return super().incr(key, delta, version)

    @fail_open(lambda *args, **kwargs: False)
    def clear(self):
        return super().clear()
