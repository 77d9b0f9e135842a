"""
Reader pages, and the parts they are built from, cached for anonymous readers.

Every cache key carries a *generation*: a number that is replaced whenever anything
a reader page shows is saved, so one call makes every cached page (home, sections,
tags, authors, stories, galleries, feeds, sitemaps) out of date at once. A
scheduled story going live is a change too: pages are cached no longer than until
the next scheduled publication time.

There are two generations. `pages` changes with everything, comments included, and
keys whole pages. `stories` changes with everything but comments, and keys the parts
of a page that show no comments (a story's text and photos, the section menu), so
when a moderator approves a comment the story pages that were cached are built
again from their cached parts instead of from the database (`remember()` and the
`{% cached %}` template tag).

Pages are stored by the `reader_page` view decorator and served, when found, by
`articles.middleware.PageCacheMiddleware`, before sessions and users are looked at.

Cached HTML never holds anything personal or time-bound, so every reader, and a
CDN in front, gets the same bytes. The comment form is sent without its CSRF token
and signed start time: the reader's browser asks for them when the reader starts
writing (`articles.views.comment_form_tokens`, from `comment-form.js`). Readers
with a session (staff) or a pending message are served pages built afresh and
never stored.
"""

import hashlib
import time
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

GENERATION_KEY = "pages:generation"
STORIES_GENERATION_KEY = "pages:stories-generation"
NEXT_SCHEDULED_KEY = "pages:next-scheduled"
NO_SCHEDULED = 0


@dataclass
class CachedPage:
    content: bytes
    content_type: str
    etag: str
    last_modified: str  # an HTTP date


@dataclass(frozen=True)
class Generations:
    pages: int  # changes with anything a reader sees
    stories: int  # changes with anything a reader sees but comments


def content_changed():
    """Make every cached reader page, and every cached part of one, out of date."""
    _changed(_new_generations)


def comments_changed():
    """Make every cached page out of date; the parts showing no comments stay."""
    _changed(_new_pages_generation)


def release_changed():
    """
    Make everything cached by an earlier release out of date. Reads no table, as
    the database may be halfway through its migrations: the next request starts
    new generations.
    """
    cache.delete_many([GENERATION_KEY, STORIES_GENERATION_KEY, NEXT_SCHEDULED_KEY])


def _changed(new_generation):
    new_generation()
    if connection.in_atomic_block:
        # A page rebuilt before the commit would keep the old content under the
        # new generation: start another one once the change is visible.
        transaction.on_commit(new_generation)


def _new_generations():
    now = time.time_ns()
    state = {
        GENERATION_KEY: now,
        STORIES_GENERATION_KEY: now,
        NEXT_SCHEDULED_KEY: _next_scheduled_at(),
    }
    cache.set_many(state, timeout=None)
    return state


def _new_pages_generation():
    cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def _next_scheduled_at():
    from articles.models import Article

    upcoming = Article.objects.scheduled().order_by("published_at").first()
    return upcoming.published_at.timestamp() if upcoming else NO_SCHEDULED


def _generations(start=True):
    """
    (Generations, seconds a page may be kept). When new generations are due, and
    `start` is false, None: starting them reads the database.
    """
    keys = [GENERATION_KEY, STORIES_GENERATION_KEY, NEXT_SCHEDULED_KEY]
    state = cache.get_many(keys)
    next_scheduled = state.get(NEXT_SCHEDULED_KEY, NO_SCHEDULED)
    if len(state) < len(keys) or NO_SCHEDULED < next_scheduled <= time.time():
        # First request after a restart, or a scheduled story has just gone live.
        if not start:
            return None
        state = _new_generations()
        next_scheduled = state[NEXT_SCHEDULED_KEY]
    timeout = settings.PAGE_CACHE_SECONDS
    if next_scheduled:
        timeout = min(timeout, max(1, int(next_scheduled - time.time())))
    generations = Generations(
        pages=state[GENERATION_KEY], stories=state[STORIES_GENERATION_KEY]
    )
    return generations, timeout


@dataclass
class Lookup:
    """Where a request's page is kept, and whether it is there."""

    generations: Generations
    key: str
    timeout: int  # seconds a page built now may be kept
    page: CachedPage | None


def look_up(request, start=True):
    """
    Look for the request's page in the cache and note the result on the request
    (`request.page_lookup`), for `reader_page` and `remember()`. Only for requests
    that may be served cached pages. With `start` false, None rather than start
    new generations (see _generations).
    """
    found = _generations(start)
    if found is None:
        return None
    generations, timeout = found
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    key = f"pages:{generations.pages}:{path}"
    request.page_lookup = Lookup(generations, key, timeout, page=cache.get(key))
    return request.page_lookup


def remember(request, name, compute, *, shows_comments=False):
    """
    compute(), kept in the cache under `name` until what it shows changes: a
    story, photo, section or author, or with `shows_comments` a comment too. For a
    request that is not served cached pages (`is_cacheable`), computed afresh.
    """
    lookup = getattr(request, "page_lookup", None)
    if lookup is None or settings.PART_CACHE_SECONDS <= 0:
        return compute()
    generations = lookup.generations
    generation = generations.pages if shows_comments else generations.stories
    # The shorter the key, the quicker the cache checks it; md5 as Django's own
    # template fragment cache uses it, not for security.
    name_hash = hashlib.md5(name.encode(), usedforsecurity=False).hexdigest()
    key = f"parts:{generation}:{name_hash}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, settings.PART_CACHE_SECONDS)
    return value


def is_cacheable(request):
    """May this request be answered from the page cache (and its page kept)?"""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def reader_page(view):
    """
    Serve `view` from the page cache to anonymous readers, and cache it. Pages
    in the cache are usually answered earlier, by PageCacheMiddleware.
    """

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        if not is_cacheable(request):
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_store=True)
            return response
        lookup = getattr(request, "page_lookup", None) or look_up(request)
        page = lookup.page
        if page is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
            if response.status_code != 200 or response.cookies:
                return response
            page = CachedPage(
                content=response.content,
                content_type=response["Content-Type"],
                etag=f'"{hashlib.sha256(response.content).hexdigest()[:32]}"',
                last_modified=http_date(),
            )
            if lookup.timeout > 0:
                cache.set(lookup.key, page, lookup.timeout)
        return response_from(page)

    return cached_view


def response_from(page):
    response = HttpResponse(page.content, content_type=page.content_type)
    response["ETag"] = page.etag
    response["Last-Modified"] = page.last_modified
    # Set whole rather than patched: this is the answer served most often.
    seconds = settings.PAGE_CACHE_SECONDS
    response["Cache-Control"] = (
        f"public, max-age={settings.BROWSER_CACHE_SECONDS}, s-maxage={seconds}, "
        f"stale-while-revalidate={seconds}"
    )
    return response
