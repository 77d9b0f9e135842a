"""
Reader pages kept whole in the cache, and the parts they are built from.

A reader page is a view wrapped in `reader_page()`, which says which query
parameters it reads. `PageCacheMiddleware` answers such a page from the cache
before sessions, users and the view are looked at, builds it when it is missing or
stale (one process at a time), and decides from the finished response whether it
may be kept: never one that set a cookie, used a CSRF token, varies on cookies or
is marked private, whatever its template did.
"""

import gzip
import hashlib
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, fields
from functools import lru_cache, wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, QueryDict
from django.urls import Resolver404, resolve
from django.utils.cache import get_max_age, patch_cache_control, patch_vary_headers
from django.utils.http import http_date, split_header_value

from articles import replica
from articles.pagecache import keys as cache_keys
from articles.pagecache import schedule
from articles.pagecache.dependencies import (
    LAST_CHANGE_KEY,
    Stamp,
    building,
    depends_on,
    is_building,
    record_missed_changes,
    stamp,
    still_fresh,
)

# How long one process may take to build a page before another tries; and how long
# a reader with no copy to be given waits for it, in steps.
BUILD_LOCK_SECONDS = 10
BUILD_WAIT_SECONDS = 2.0
BUILD_WAIT_STEP = 0.02
# Headers a cached page gets anew each time it is served.
SERVED_HEADERS = {
    "cache-control",
    "etag",
    "last-modified",
    "content-length",
    "date",
    "surrogate-key",
    "cache-tag",
}
# As django.middleware.gzip reads Accept-Encoding.
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def positive_int(value):
    """A query value that must be a whole number from 1 up, in canonical form."""
    number = int(value)
    if number < 1 or str(number) != value.strip():
        raise ValueError(value)
    return str(number)


# The query of a paginated page.
PAGINATED = {"page": positive_int}


@dataclass(frozen=True)
class PagePolicy:
    """What a reader page reads from its request beyond the host and the path."""

    query: dict  # parameter name -> function returning its canonical value
    lists_only: bool = False
    # Seconds a CDN may keep the page when not PAGE_CACHE_SECONDS; a function, as
    # settings are read when the page is served. Browsers then ask each time.
    shared_seconds: Callable[[], int] | None = None

    def cache_control(self):
        """Who may keep the page as served, and for how long."""
        if self.shared_seconds is not None:
            return f"public, max-age=0, s-maxage={self.shared_seconds()}"
        seconds = settings.PAGE_CACHE_SECONDS
        return (
            f"public, max-age={settings.BROWSER_CACHE_SECONDS}, s-maxage={seconds}, "
            f"stale-while-revalidate={seconds}"
        )

    def canonical_query(self, request):
        """The declared parameters with valid values; anything else is dropped."""
        canonical = QueryDict(mutable=True)
        for name, convert in sorted(self.query.items()):
            value = request.GET.get(name)
            if value is None:
                continue
            try:
                canonical[name] = convert(value)
            except ValueError:
                continue
        canonical._mutable = False
        return canonical


def reader_page(view, query=None, lists_only=False, shared_seconds=None):
    """
    Mark `view` as a reader page, the same bytes for every anonymous reader, kept
    in the page cache. `query` maps the query parameters the view reads to a
    function that returns a value's canonical form or raises ValueError; the view
    sees those parameters alone, so no other can change the page, and the cache
    key holds exactly them. `lists_only`: the page lists stories by address
    alone (sitemaps), so it depends on the story lists, not on each story.
    `shared_seconds()`: how long a CDN may keep a page readers ask for again and
    again (live updates), if not PAGE_CACHE_SECONDS.
    """
    policy = PagePolicy(
        query=dict(query or {}), lists_only=lists_only, shared_seconds=shared_seconds
    )

    @wraps(view)
    def page_view(request, *args, **kwargs):
        request.GET = policy.canonical_query(request)
        response = view(request, *args, **kwargs)
        if not is_anonymous_reader(request):
            patch_cache_control(response, private=True, no_store=True)
        return response

    page_view.page_policy = policy
    return page_view


def admit(kind, limit):
    """
    Whether one more page of `kind` may be kept: at most `limit` are in each
    PAGE_CACHE_SECONDS (pages are kept for two, so at most three times `limit`
    at once). For pages whose addresses readers make up, such as searches.
    """
    if not getattr(cache, "available", True):
        return False
    window = int(time.time() // max(settings.PAGE_CACHE_SECONDS, 1))
    key = f"pc:admitted:{kind}:{window}"
    cache.add(key, 0, timeout=2 * max(settings.PAGE_CACHE_SECONDS, 1))
    try:
        return cache.incr(key) <= limit
    except ValueError:  # expired in between, or the cache failed
        return False


def is_anonymous_reader(request):
    """May this request be answered from the page cache (and its page kept)?"""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


# Room for every story of a large site; an entry is a path and a reference.
@lru_cache(maxsize=2**17)
def policy_for(urlconf, path):
    """The PagePolicy of the reader page at `path`, or None for any other page."""
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return None
    return getattr(match.func, "page_policy", None)


@dataclass
class CachedPage:
    # The body, gzipped once when kept: given as it is to readers whose browser
    # accepts gzip (every browser and CDN says so), decompressed for others. A
    # story page takes a quarter of the room, so four times as many pages fit in
    # each process's copies (CACHE_LOCAL_MB) and in Redis. No page kept holds a
    # secret (see why_not_kept), so compressing it gives BREACH nothing to find.
    gzipped_content: bytes
    headers: list  # (name, value): what the view and the middleware below set
    stamp: Stamp  # what the page shows, as of when it was built
    built_at: float
    etag: str

    @classmethod
    def from_response(cls, response, stamp):
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in SERVED_HEADERS
        ]
        etag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
        gzipped = gzip.compress(response.content, mtime=0)
        return cls(gzipped, headers, stamp, time.time(), etag)

    def is_fresh(self, key, last_change):
        age = time.time() - self.built_at
        return age < settings.PAGE_CACHE_SECONDS and still_fresh(
            key, self.stamp, last_change
        )

    def response(self, request, policy):
        if ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
            response = HttpResponse(self.gzipped_content)
            response["Content-Encoding"] = "gzip"
            # The same page in other bytes, as Django's GZipMiddleware marks it.
            response["ETag"] = f"W/{self.etag}"
        else:
            response = HttpResponse(gzip.decompress(self.gzipped_content))
            response["ETag"] = self.etag
        for name, value in self.headers:
            response[name] = value
        patch_vary_headers(response, ["Accept-Encoding"])
        response["Last-Modified"] = http_date(self.built_at)
        # Set whole rather than patched: this is the answer served most often.
        response["Cache-Control"] = policy.cache_control()
        keys = sorted(self.stamp.versions)
        response["Surrogate-Key"] = " ".join(keys)
        response["Cache-Tag"] = ",".join(keys)
        return response


def why_not_kept(request, response):
    """Why a finished reader page may not be kept for other readers, or None."""
    if response.status_code != 200 or response.streaming:
        return f"status {response.status_code}"
    if response.cookies:
        return "it sets a cookie"
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return "it used a CSRF token"
    vary = {header.lower() for header in split_header_value(response.get("Vary", ""))}
    if vary - {"accept-encoding"}:
        return f"it varies on {response['Vary']}"
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return "it is private"
    if get_max_age(response) == 0:
        return "it may not be kept"
    return None


class PageCacheMiddleware:
    """
    Answer an anonymous reader's reader page from the cache before the middleware
    after this one runs: a cached page needs no session, user or database. The
    middleware before this one still gives the page its headers and answers
    conditional requests with 304.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        record_missed_changes()
        policy = policy_for(settings.ROOT_URLCONF, request.path_info)
        if policy is None or not is_anonymous_reader(request):
            return self.get_response(request)
        with replica.reader_page(request):
            return self.reader_page(request, policy)

    def reader_page(self, request, policy):
        """The page from the cache, or built and kept."""
        if not getattr(cache, "available", True):
            # The cache is down: build the page without it, as quickly as before.
            return self.get_response(request)
        if settings.PAGE_CACHE_SECONDS <= 0:
            return self.build(request, policy)  # from cached parts, if those are kept
        key = page_key(request, policy)
        # The page, when the next story goes live and the last change: one round
        # trip, which is all a page needs while nothing changes.
        found = cache.get_many([key, schedule.NEXT_GO_LIVE_KEY, LAST_CHANGE_KEY])
        next_go_live = found.get(schedule.NEXT_GO_LIVE_KEY)
        last_change = found.get(LAST_CHANGE_KEY)
        if schedule.is_due(next_go_live):
            schedule.go_live(next_go_live)
            last_change = None  # read before the stories went live
        page = found.get(key)
        if page is not None and page.is_fresh(key, last_change):
            return page.response(request, policy)
        lock = f"{key}:building"
        building_here = cache.add(lock, 1, timeout=BUILD_LOCK_SECONDS)
        if not building_here and getattr(cache, "available", True):
            # Another process is building this page: give its last copy, or wait.
            page = page or wait_for(key)
            if page is not None:
                return page.response(request, policy)
        try:
            if next_go_live is None:
                schedule.reset_unless_unreachable()
            return self.build(request, policy, key)
        finally:
            if building_here:
                cache.delete(lock)

    def build(self, request, policy, key=None):
        """Build the page; keep it under `key`, if given and it may be kept."""
        with building(lists_only=policy.lists_only) as build:
            depends_on(cache_keys.ALL)
            response = self.get_response(request)
        if why_not_kept(request, response):
            if response.status_code == 200:
                # Personal: no CDN or browser cache in between may keep it either.
                patch_cache_control(response, private=True, no_store=True)
            return response
        kept_with = stamp(build) if key else None
        page = CachedPage.from_response(
            response, kept_with or Stamp(dict.fromkeys(build.keys), None)
        )
        if kept_with is not None:
            # Kept a while past its time, to be given while one process rebuilds it.
            cache.set(key, page, timeout=2 * settings.PAGE_CACHE_SECONDS)
        response = page.response(request, policy)
        if key and kept_with is None:
            # Something it shows changed while it was built, so it may show the
            # old version; the purge of that change may reach a CDN before it does.
            response["Cache-Control"] = "no-cache"
        return response


def page_key(request, policy):
    """
    Where a request's page is kept: its scheme, host (checked against
    ALLOWED_HOSTS), path and the query parameters its view reads. Feeds and
    sitemaps build links from the host they are asked on.
    """
    query = policy.canonical_query(request).urlencode()
    url = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    return PAGE_PREFIX + hashlib.sha256(url.encode()).hexdigest()


def wait_for(key):
    """The page another process is building, once it is kept; None if it takes long."""
    deadline = time.monotonic() + BUILD_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(BUILD_WAIT_STEP)
        page = cache.get(key)
        if page is not None:
            return page
    return None


@dataclass
class CachedPart:
    value: object
    stamp: Stamp


def layout(*kept_classes):
    """
    A short name for the fields of what is kept, in every page's and part's key:
    entries an earlier release kept with other fields (still in Redis after a
    deployment) are never read, whoever changes those classes.
    """
    names = [
        f"{kept.__name__}.{field.name}"
        for kept in kept_classes
        for field in fields(kept)
    ]
    return hashlib.md5(" ".join(names).encode(), usedforsecurity=False).hexdigest()[:8]


PAGE_PREFIX = f"pc:page:{layout(CachedPage, Stamp)}:"
PART_PREFIX = f"pc:part:{layout(CachedPart, Stamp)}:"


def remember(name, compute, *, keys=()):
    """
    compute(), kept in the cache under `name` until what it shows changes: the
    `keys` given and whatever it reads. Outside a page build (a request that is
    not served cached pages), computed afresh.
    """
    if not is_building() or settings.PART_CACHE_SECONDS <= 0:
        return compute()
    # md5 as Django's own template fragment cache uses it, not for security.
    key = PART_PREFIX + hashlib.md5(name.encode(), usedforsecurity=False).hexdigest()
    found = cache.get_many([key, LAST_CHANGE_KEY])
    part = found.get(key)
    if part is not None and still_fresh(key, part.stamp, found.get(LAST_CHANGE_KEY)):
        depends_on(*part.stamp.versions)
        return part.value
    with building() as build:
        depends_on(cache_keys.ALL, *keys)
        value = compute()
    kept_with = stamp(build)
    if kept_with is not None:
        cache.set(key, CachedPart(value, kept_with), settings.PART_CACHE_SECONDS)
    return value
