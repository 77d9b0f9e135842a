"""
What a cached page or part depends on, and how it learns that one of those things
changed.

While a page (or a part of one) is built, everything it reads that a write can
change is noted as a key (`depends_on`; stories note themselves when loaded, see
`Article.from_db`). Each key has a *version* in the cache: the time of the last
write that made it stale. A page is stored with the versions of its keys and is
fresh while they are unchanged; `invalidate()` gives keys new versions.

Every write also moves the *last change* of all. A page built after it, while it
has not moved since, is fresh without its keys being looked at one by one: one
lookup instead of dozens (the home page shows about 85 keys).
"""

import logging
import time
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import partial

from django.core.cache import cache
from django.db import connection, transaction

from articles import replica
from articles.pagecache import keys as cache_keys
from articles.pagecache import purge

VERSION_PREFIX = "pc:v:"
LAST_CHANGE_KEY = "pc:last-change"

_build = ContextVar("pagecache_build", default=None)
# What this process changed while the cache did not answer (Redis down, hanging or
# left alone for CACHE_RETRY_SECONDS): the keys whose new versions it could not write.
_unrecorded = set()

logger = logging.getLogger("newsroom.cache")


@dataclass
class Build:
    """A page or part being built: what it has read so far."""

    lists_only: bool = False
    keys: set = field(default_factory=set)
    started: int = field(default_factory=time.time_ns)


@contextmanager
def building(lists_only=False):
    """
    Collect the keys of what is read inside; a part's keys are its page's too, and
    a part counts as started with its page, so that the versions it notes anew
    (`stamp`) do not look like changes made during the page's build.
    """
    outer = _build.get()
    build = Build(lists_only=lists_only or bool(outer and outer.lists_only))
    if outer is not None:
        build.started = outer.started
    token = _build.set(build)
    try:
        yield build
    finally:
        _build.reset(token)
        if outer is not None:
            outer.keys |= build.keys


def is_building():
    return _build.get() is not None


def depends_on(*keys):
    """Note that the page being built, if any, shows what `keys` name."""
    build = _build.get()
    if build is not None:
        build.keys.update(keys)


def shows_item(*keys):
    """
    depends_on() for one item of a list (a story, its comment count). A page that
    lists stories by address only (sitemaps) depends on the lists, not on every
    item: thousands of keys would cost more than the page.
    """
    build = _build.get()
    if build is not None and not build.lists_only:
        build.keys.update(keys)


def versions(keys):
    """{key: its current version, or None when the cache has none}."""
    return get_many_with_versions([], keys)[1]


def get_many_with_versions(cache_keys, keys):
    """cache.get_many(cache_keys), and versions(keys), in one round trip."""
    keys = list(keys)
    found = cache.get_many([*cache_keys, *(VERSION_PREFIX + key for key in keys)])
    return found, {key: found.get(VERSION_PREFIX + key) for key in keys}


def is_fresh(stored_versions):
    """Whether nothing a page or part was built from has changed since, key by key."""
    return versions(stored_versions) == stored_versions


@dataclass(frozen=True)
class Stamp:
    """What a finished page or part is kept with, to tell whether it is fresh."""

    versions: dict  # key -> version: what it shows, as of when it was built
    # The last change of all, when nothing had changed since the build started;
    # None when something had (then only its keys' versions tell).
    last_change: int | None


# Cache key of a page or part -> the last change of all when this process last
# found it fresh key by key: after a change, each page is looked at key by key
# once, not on every request.
_checked_at = {}
CHECKED_AT_ROOM = 2**17


def still_fresh(cache_key, stamp, last_change):
    """
    Whether the page or part kept under `cache_key` with `stamp` shows nothing
    that has changed, given the `last_change` of all just read (None: unknown).
    """
    if last_change is not None and last_change in (
        stamp.last_change,
        _checked_at.get(cache_key),
    ):
        return True
    if not is_fresh(stamp.versions):
        return False
    if last_change is not None:
        if len(_checked_at) >= CHECKED_AT_ROOM:
            _checked_at.clear()
        _checked_at[cache_key] = last_change
    return True


def stamp(build):
    """
    The Stamp to keep a finished build with, or None when one of its keys
    changed while it was being built: its content may be older than the change.
    """
    found, current = get_many_with_versions([LAST_CHANGE_KEY], build.keys)
    for key, version in current.items():
        if version is None:
            current[key] = _first_version(VERSION_PREFIX + key, build)
    if any(version is None or version > build.started for version in current.values()):
        return None
    last_change = found.get(LAST_CHANGE_KEY)
    if last_change is None:
        last_change = _first_version(LAST_CHANGE_KEY, build)
    if last_change is not None and last_change > build.started:
        last_change = None
    return Stamp(current, last_change)


def _first_version(version_key, build):
    """
    A version for a key the cache holds none of (never written, or dropped to make
    room): the build's start, after every change it shows. Never a fixed value: a
    page kept before the key was dropped, whose version was older, must not match
    it and come back to life. add(), not set(): a write that got there first must
    not be undone. None when the cache does not answer.
    """
    if cache.add(version_key, build.started, None):
        return build.started
    return cache.get(version_key)


def invalidate(keys):
    """
    Make stale every cached page and part that shows what `keys` name, at once and
    again when the transaction commits (a page built in between read the old rows),
    and tell the CDN once the change is visible.
    """
    keys = set(keys)
    if not keys:
        return
    _new_versions(keys)
    replica.note_change()
    if cache_keys.STORIES in keys:
        from articles.pagecache import schedule

        schedule.plan()
    if connection.in_atomic_block:
        transaction.on_commit(partial(_committed, keys))
    else:
        purge.send(keys)


def _committed(keys):
    _new_versions(keys)
    purge.send(keys)


def _new_versions(keys):
    keys = keys | _unrecorded
    version = time.time_ns()
    # The last change after the keys' versions (one MSET on Redis): whoever sees
    # it move sees the versions that moved with it.
    changes = {VERSION_PREFIX + key: version for key in keys} | {
        LAST_CHANGE_KEY: version
    }
    if cache.set_many(changes, timeout=None):
        _unrecorded.update(keys)
    else:
        _unrecorded.clear()


def record_missed_changes():
    """
    Write the new versions of what this process changed while the cache did not
    answer, once it does: Redis may still hold pages showing the old rows, which
    would otherwise be served as fresh. Called before every request is served.
    """
    if not _unrecorded or not getattr(cache, "available", True):
        return
    missed = set(_unrecorded)
    _new_versions(set())
    if _unrecorded:
        return  # not answering yet
    if cache_keys.STORIES in missed:
        from articles.pagecache import schedule

        schedule.reset_unless_unreachable()  # a story may have been scheduled
    logger.info(
        "Cache: the changes made while it was unavailable are recorded (%d keys)",
        len(missed),
    )
