"""
Cache backends: a Redis cache whose failure costs the site its speed, never its
pages and that serves the keys read on every page from the process's memory, and
the default file cache shared by the site's processes on one machine.
"""

import fcntl
import logging
import os
import time
from collections import OrderedDict
from contextlib import contextmanager

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


class LocalCopies:
    """
    Values of the Redis keys under some prefixes, kept in this process and dropped
    as soon as Redis says they changed, whoever changed them: Redis's client-side
    caching in broadcast mode (CLIENT TRACKING ON BCAST PREFIX …), whose
    invalidation messages come over a connection of its own and are read before
    every lookup. A page read on every request is then served with no round trip
    to Redis, and a change made by any process is still seen at once. While that
    connection is not open (Redis down or restarted), nothing is kept. Room:
    `max_bytes`, the least recently used copies making way.
    """

    # A process left idle this long starts afresh rather than read what Redis
    # announced meanwhile (each announcement waits in Redis until it is read).
    IDLE_SECONDS = 30

    def __init__(self, prefixes, max_bytes):
        self.prefixes = tuple(prefixes)
        self.max_bytes = max_bytes
        self._values = OrderedDict()  # Redis key -> its value's bytes
        self._bytes = 0
        self._connection = None
        self._pid = None
        self._synced_at = 0.0

    def tracks(self, key):
        return key.startswith(self.prefixes)

    def sync(self, pool):
        """Drop what changed since the last call; connect first when need be."""
        if self._pid != os.getpid():
            # A forked process must not read its parent's connection.
            self._connection = None
            self.clear()
            self._pid = os.getpid()
        now = time.monotonic()
        if now - self._synced_at > self.IDLE_SECONDS:
            # The announcements piled up meanwhile, in Redis's memory and then
            # here, would take longer to read than the copies are worth.
            self.close()
        self._synced_at = now
        try:
            if self._connection is None:
                self._connect(pool)
            while self._connection.can_read(timeout=0):
                self._connection.read_response(push_request=True)
        except RedisError:
            self.close()
            raise

    def _connect(self, pool):
        connection = pool.connection_class(**pool.connection_kwargs | {"protocol": 3})
        connection.connect()
        # How redis-py's own client-side cache receives invalidation messages.
        connection._parser.set_invalidation_push_handler(self._invalidated)
        prefixes = [word for prefix in self.prefixes for word in ("PREFIX", prefix)]
        connection.send_command("CLIENT", "TRACKING", "ON", "BCAST", *prefixes)
        connection.read_response()
        self._connection = connection

    def close(self):
        if self._connection is not None:
            self._connection.disconnect()
            self._connection = None
        self.clear()

    def _invalidated(self, message):
        keys = message[1]
        if keys is None:  # the database was emptied
            self.clear()
        else:
            for key in keys:
                self.drop(key.decode())

    def get(self, key):
        """A value kept: a number as it is, anything else as its bytes."""
        value = self._values.get(key)
        if value is not None:
            self._values.move_to_end(key)
        return value

    def keep(self, key, stored, value):
        """Keep `value`, read from Redis as the bytes `stored`."""
        if self._connection is None or len(stored) > self.max_bytes // 4:
            return
        self.drop(key)
        # A number (a version) cannot be changed by whoever reads it: kept
        # decoded. Anything else is decoded afresh for each reader.
        self._values[key] = value if type(value) is int else stored
        self._bytes += _size(self._values[key])
        while self._bytes > self.max_bytes:
            self._bytes -= _size(self._values.popitem(last=False)[1])

    def drop(self, key):
        value = self._values.pop(key, None)
        if value is not None:
            self._bytes -= _size(value)

    def clear(self):
        self._values.clear()
        self._bytes = 0


def _size(value):
    return len(value) if type(value) is bytes else 32


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

    The page cache's keys, read for every page, are also kept in the process's
    memory (LocalCopies), up to CACHE_LOCAL_MB megabytes; 0 keeps none.
    """

    # articles.pagecache's keys: pages, their parts and the versions of what
    # they show.
    LOCAL_COPY_PREFIXES = ("pc:",)

    def __init__(self, server, params):
        timeout = settings.CACHE_TIMEOUT
        options = {"socket_connect_timeout": timeout, "socket_timeout": timeout}
        options |= params.get("OPTIONS", {})
        super().__init__(server, params | {"OPTIONS": options})
        self._class = ReusedClientRedisCacheClient
        self._failed_at = None  # time.monotonic() of the last failure, until an answer
        self._local = None
        if settings.CACHE_LOCAL_MB > 0:
            prefixes = [self.make_key(prefix) for prefix in self.LOCAL_COPY_PREFIXES]
            self._local = LocalCopies(prefixes, settings.CACHE_LOCAL_MB * 2**20)

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

    def run(self, operation, unavailable=None):
        """
        operation(a redis-py client) for what the cache's own methods do not
        offer (sorted sets), with the same handling of a Redis that fails.
        """
        return self._call(
            lambda: operation(self._cache.get_client(write=True)),
            unavailable=unavailable,
        )

    def _failed(self, error):
        if self._failed_at is None:
            logger.warning(
                "Cache unavailable (%s): pages are served uncached until it "
                "answers again",
                error,
            )
        self._failed_at = time.monotonic()
        if self._local is not None:
            # Changes made meanwhile may never be announced: start afresh.
            self._local.close()

    def _written(self, keys, version):
        """Forget the local copies of keys this process writes."""
        if self._local is not None:
            for key in keys:
                self._local.drop(self.make_key(key, version))

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._written([key], version)
        return self._call(super().add, key, value, timeout, version, unavailable=False)

    def get(self, key, default=None, version=None):
        if self._local is None:
            return self._call(super().get, key, default, version, unavailable=default)
        return self.get_many([key], version).get(key, default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._written([key], version)
        self._call(super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().touch, key, timeout, version, unavailable=False)

    def delete(self, key, version=None):
        self._written([key], version)
        return self._call(super().delete, key, version, unavailable=False)

    def get_many(self, keys, version=None):
        if self._local is None:
            return self._call(super().get_many, keys, version, unavailable={})
        return self._call(self._get_many_locally, keys, version, unavailable={})

    def _get_many_locally(self, keys, version):
        """get_many(), from the local copies where they are kept."""
        client = self._cache
        local = self._local
        local.sync(client._get_connection_pool(write=False))
        loads = client._serializer.loads
        found, missing = {}, {}
        for key in keys:
            redis_key = self.make_key(key, version)
            value = local.get(redis_key)
            if value is None:
                missing[redis_key] = key
            else:
                found[key] = loads(value) if type(value) is bytes else value
        if missing:
            stored_values = client.get_client(None).mget(list(missing))
            for redis_key, stored in zip(missing, stored_values, strict=True):
                if stored is not None:
                    value = found[missing[redis_key]] = loads(stored)
                    if local.tracks(redis_key):
                        local.keep(redis_key, stored, value)
        return found

    def has_key(self, key, version=None):
        return self._call(super().has_key, key, version, unavailable=False)

    def incr(self, key, delta=1, version=None):
        self._written([key], version)
        value = self._call(super().incr, key, delta, version, unavailable=_UNAVAILABLE)
        if value is _UNAVAILABLE:
            # As for a key that is not there, which callers already handle
            # (articles.abuse.over_rate_limit).
            raise ValueError(f"Key '{key}' not found: the cache is unavailable.")
        return value

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        self._written(data, version)
        # The keys that were not stored, as Django's set_many() reports them.
        return self._call(
            super().set_many, data, timeout, version, unavailable=list(data)
        )

    def delete_many(self, keys, version=None):
        self._written(keys, version)
        self._call(super().delete_many, keys, version)

    def clear(self):
        if self._local is not None:
            self._local.clear()
        return self._call(super().clear, unavailable=False)


class SharedFileCache(FileBasedCache):
    """
    Django's file cache, shared by the site's processes on one machine, with two
    changes:

    - add() and incr() are atomic between processes, as Redis's are: Django's
      look, then write, so two processes could both take the page cache's build
      lock, or a version noted for the first time could overwrite the one a write
      had just set. Every write takes a lock on a file in the folder meanwhile.
    - It counts its files to make room only every CULL_EVERY writes of a
      process: Django's own lists the whole folder on every write (about 4 ms
      per 1,000 entries), which would make every page stored slower as the
      cache fills.
    """

    CULL_EVERY = 500
    LOCK_FILE_NAME = "writes.lock"  # not a .djcache file: never culled or cleared

    def __init__(self, dir, params):
        super().__init__(dir, params)
        self._writes = 0
        self._lock_file = None
        self._lock_pid = None
        self._lock_depth = 0

    @contextmanager
    def _writing(self):
        """Hold the folder's write lock (again, if this cache object holds it)."""
        if self._lock_pid != os.getpid():
            # A forked process must not share its parent's lock.
            self._createdir()
            path = os.path.join(self._dir, self.LOCK_FILE_NAME)
            self._lock_file = open(path, "a")
            self._lock_pid = os.getpid()
            self._lock_depth = 0
        if self._lock_depth == 0:
            fcntl.flock(self._lock_file, fcntl.LOCK_EX)
        self._lock_depth += 1
        try:
            yield
        finally:
            self._lock_depth -= 1
            if self._lock_depth == 0:
                fcntl.flock(self._lock_file, fcntl.LOCK_UN)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        with self._writing():
            return super().add(key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        with self._writing():
            super().set(key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        with self._writing():
            return super().set_many(data, timeout, version)

    def incr(self, key, delta=1, version=None):
        with self._writing():
            return super().incr(key, delta, version)

    def _cull(self):
        self._writes += 1
        if self._writes % self.CULL_EVERY == 1:
            super()._cull()
