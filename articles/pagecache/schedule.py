"""
Scheduled stories appear on cached pages at their publication time, with nobody
acting: the cache keeps the time of the next one, and the first page lookup after
it makes stale the pages that story enters. A job queued for that time does the
same, so a CDN in front is purged then even if no reader's request reaches us.
"""

import logging
import time
from datetime import UTC, datetime

from django.core.cache import cache
from django.db import DatabaseError

NEXT_GO_LIVE_KEY = "pc:next-go-live"
LOCK_KEY = "pc:go-live-lock"
NOTHING_SCHEDULED = 0

logger = logging.getLogger("newsroom.cache")


def reset():
    """Note when the next scheduled story goes live (reads the database)."""
    from articles.models import Article

    upcoming = (
        Article.objects.scheduled()
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    next_go_live = upcoming.timestamp() if upcoming else NOTHING_SCHEDULED
    cache.set(NEXT_GO_LIVE_KEY, next_go_live, timeout=None)
    return upcoming


def plan():
    """reset(), and queue the job that puts the next scheduled story live."""
    from articles import tasks

    if upcoming := reset():
        tasks.queue_go_live(upcoming)


def reset_unless_unreachable():
    """reset(), unless the database is down: the page being built will say so."""
    try:
        reset()
    except DatabaseError:
        pass


def is_due(next_go_live):
    return next_go_live is not None and NOTHING_SCHEDULED < next_go_live <= time.time()


def go_live_if_due(due_at):
    """
    go_live() for the job queued for `due_at` (a timestamp), unless a reader's
    request did it first. Also while the cache does not answer: the CDN is told.
    """
    next_go_live = cache.get(NEXT_GO_LIVE_KEY, due_at)
    if is_due(next_go_live):
        go_live(next_go_live)


def go_live(next_go_live):
    """Make stale what the stories due since `next_go_live` enter; one process does."""
    from articles.models.touches import went_live
    from articles.pagecache.dependencies import invalidate

    locked = cache.add(LOCK_KEY, 1, timeout=30)
    if not locked and getattr(cache, "available", True):
        return
    try:
        invalidate(went_live(since=datetime.fromtimestamp(next_go_live, UTC)))
        reset()
    except DatabaseError as error:
        logger.warning("Scheduled stories could not be put live yet: %s", error)
    finally:
        cache.delete(LOCK_KEY)
