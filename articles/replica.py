"""
Reads from a PostgreSQL replica (DATABASE_REPLICA_URL) where they are safe.

Only reader pages read from the replica, while the page cache builds them for an
anonymous reader (articles/pagecache/pages.py). Everything else reads from the
primary: the admin, previews, every write and what a write reads first (all reads
inside a transaction, `select_for_update()` among them), a reader's requests for
REPLICA_STICKY_SECONDS after they wrote (`note_write`), and the whole page when
the replica is behind.

Behind means missing a change the page cache was told of. Every such change also
moves one row, ChangeMark, in the same transaction; the first read of a page
compares that row on both databases and reads from the replica only when its
count is the primary's. So a page rebuilt because something changed is never
built, and kept, from the replica's older copy.
"""

import logging
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.models import F

REPLICA = "replica"
ROUTER = "articles.replica.ReplicaRouter"
STICKY_COOKIE = "wrote"

logger = logging.getLogger("newsroom.replica")
# For the page being built: None (read from the primary), or whether the replica
# holds every change, once a read has asked.
_page = ContextVar("replica_page", default=None)


def configured():
    return ROUTER in settings.DATABASE_ROUTERS


@contextmanager
def reader_page(request):
    """Reads inside may go to the replica: the page an anonymous reader asked for."""
    if not configured() or STICKY_COOKIE in request.COOKIES:
        yield
        return
    # Reads in a transaction opened from here on go to the primary.
    token = _page.set({"depth": len(connections[DEFAULT_DB_ALIAS].atomic_blocks)})
    try:
        yield
    finally:
        _page.reset(token)


def note_write(response):
    """The reader given `response` wrote: their next requests read from the primary."""
    if configured():
        response.set_cookie(
            STICKY_COOKIE,
            "1",
            max_age=settings.REPLICA_STICKY_SECONDS,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
    return response


def note_change():
    """Move the change mark, in the transaction of the change (if any)."""
    from articles.models import ChangeMark

    if configured():
        marks = ChangeMark.objects.using(DEFAULT_DB_ALIAS)
        if not marks.filter(pk=1).update(count=F("count") + 1):
            marks.get_or_create(pk=1)


def _replica_holds_every_change():
    counts = {}
    for alias in (DEFAULT_DB_ALIAS, REPLICA):
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT count FROM articles_changemark WHERE id = 1")
            row = cursor.fetchone()
        counts[alias] = row[0] if row else 0
    return counts[REPLICA] >= counts[DEFAULT_DB_ALIAS]


def _reads_from_replica():
    page = _page.get()
    if page is None or len(connections[DEFAULT_DB_ALIAS].atomic_blocks) > page["depth"]:
        return False
    if "current" not in page:
        try:
            page["current"] = _replica_holds_every_change()
        except DatabaseError as error:
            logger.warning("Replica unavailable, reading from the primary: %s", error)
            page["current"] = False
    return page["current"]


class ReplicaRouter:
    """DATABASE_ROUTERS entry when a replica is configured."""

    def db_for_read(self, model, **hints):
        return REPLICA if _reads_from_replica() else DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same rows, wherever they were read
