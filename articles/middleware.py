import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.urls import reverse

from articles import caching
from articles.caching import CSRF_PLACEHOLDER, STARTED_PLACEHOLDER
from articles.forms import started_token

logger = logging.getLogger("newsroom.database")

RETRY_AFTER_SECONDS = 30


class DatabaseUnavailableMiddleware:
    """
    Answer 503 with Retry-After, rather than a 500, while the database cannot be
    reached. Connections are checked before reuse (CONN_HEALTH_CHECKS), so the site
    recovers by itself once the database is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Database unavailable for %s: %s", request.path, exception)
        response = render(request, "errors/503.html", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        # Logged once above; Django would log the 503 a second time.
        response._has_been_logged = True
        return response


class AdminContentSecurityPolicyMiddleware:
    """
    Give admin pages SECURE_CSP_ADMIN: the rich-text editor and the autocomplete
    widgets set inline styles. Scripts stay as strict as on reader pages.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(reverse("admin:index")):
            # What django.views.decorators.csp.csp_override does for one view.
            response._csp_config = settings.SECURE_CSP_ADMIN
        return response


class FormTokensMiddleware:
    """
    Fill in the comment form's per-reader values where a page holds placeholders
    for them: this reader's CSRF token, and the time the form was handed out, so a
    page from the cache works for the reader it is served to, and a bot posting at
    once from a cached page is still "too fast".
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        placeholder = CSRF_PLACEHOLDER.encode()
        if (
            not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and placeholder in response.content
        ):
            response.content = response.content.replace(
                placeholder, get_token(request).encode()
            ).replace(STARTED_PLACEHOLDER.encode(), started_token().encode())
        return response


class PageCacheMiddleware:
    """
    Answer an anonymous reader from the page cache before the middleware after
    this one runs: a cached page needs no session, user or database, so it costs
    less than Django's own minimal response. The middleware before this one still
    gives the page its headers, answers conditional requests with 304, and fills
    in the reader's own form tokens.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if caching.is_cacheable(request):
            # Any page, not only a reader page, may get here: none that reads the
            # database, such as an error page, must start new generations.
            lookup = caching.look_up(request, start=False)
            if lookup and lookup.page:
                return caching.response_from(lookup.page)
        return self.get_response(request)
