"""
Cache backends: a Redis cache whose failure costs the site its speed, never its
pages, and the default file cache shared by the site's processes on one machine.
"""

import logging
import time

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger("newsroom.cache")

_UNAVAILABLE = object()


class ReusedClientRedisCacheClient(RedisCacheClient):
    """
    Django's Redis cache client, keeping one redis-py client per connection pool:
    Django's makes a new one for every call, which costs about 0.17 ms each with
    redis-py 8, as much as the round trip itself.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    """
    Django's Redis cache, answering "nothing there" instead of raising while Redis
    cannot be reached or does not answer within CACHE_TIMEOUT seconds.

    After a failure, Redis is left alone for CACHE_RETRY_SECONDS (`available` is
    False meanwhile), so a Redis that hangs costs one timeout per period, not one
    per cache call; the next call after that tries again. One warning is logged
    when a failure period starts, one info line when Redis answers again. Django
    keeps a cache object per thread, and gunicorn's sync workers run one thread
    each, so that is once per worker process.
    """

    def __init__(self, server, params):
        timeout = settings.CACHE_TIMEOUT
        options = {"socket_connect_timeout": timeout, "socket_timeout": timeout}
        options |= params.get("OPTIONS", {})
        super().__init__(server, params | {"OPTIONS": options})
        self._class = ReusedClientRedisCacheClient
        self._failed_at = None  # time.monotonic() of the last failure, until an answer

    def validate_key(self, key):
        # Django checks each key character by character for memcached's limits,
        # which Redis does not have; a cached page checks dozens of keys.
        pass

    @property
    def available(self):
        """False while Redis is left alone after a failure."""
        return (
            self._failed_at is None
            or time.monotonic() - self._failed_at >= settings.CACHE_RETRY_SECONDS
        )

    def _call(self, operation, *args, unavailable=None):
        """operation(*args), or `unavailable` when Redis fails or is left alone."""
        if not self.available:
            return unavailable
        try:
            result = operation(*args)
        except RedisError as error:
            self._failed(error)
            return unavailable
        if self._failed_at is not None:
            self._failed_at = None
            logger.info("Cache is answering again")
        return result

    def _failed(self, error):
        if self._failed_at is None:
            logger.warning(
                "Cache unavailable (%s): pages are served uncached until it "
                "answers again",
                error,
            )
        self._failed_at = time.monotonic()

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().add, key, value, timeout, version, unavailable=False)

    def get(self, key, default=None, version=None):
        return self._call(super().get, key, default, version, unavailable=default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._call(super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().touch, key, timeout, version, unavailable=False)

    def delete(self, key, version=None):
        return self._call(super().delete, key, version, unavailable=False)

    def get_many(self, keys, version=None):
        return self._call(super().get_many, keys, version, unavailable={})

    def has_key(self, key, version=None):
        return self._call(super().has_key, key, version, unavailable=False)

    def incr(self, key, delta=1, version=None):
        value = self._call(super().incr, key, delta, version, unavailable=_UNAVAILABLE)
        if value is _UNAVAILABLE:
            # As for a key that is not there, which callers already handle
            # (articles.abuse.over_rate_limit).
            raise ValueError(f"Key '{key}' not found: the cache is unavailable.")
        return value

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # The keys that were not stored, as Django's set_many() reports them.
        return self._call(
            super().set_many, data, timeout, version, unavailable=list(data)
        )

    def delete_many(self, keys, version=None):
        self._call(super().delete_many, keys, version)

    def clear(self):
        return self._call(super().clear, unavailable=False)


class SharedFileCache(FileBasedCache):
    """
    Django's file cache, counting its files to make room only every CULL_EVERY
    writes of a process: Django's own lists the whole folder on every write
    (about 4 ms per 1,000 entries), which would make every page stored slower
    as the cache fills.
    """

    CULL_EVERY = 500

    def __init__(self, dir, params):
        super().__init__(dir, params)
        self._writes = 0

    def _cull(self):
        self._writes += 1
        if self._writes % self.CULL_EVERY == 1:
            super()._cull()
