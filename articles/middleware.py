import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.shortcuts import render
from django.urls import reverse

logger = logging.getLogger("newsroom.database")

RETRY_AFTER_SECONDS = 30


def database_unavailable(request, error):
    """
    The answer to any request while the database cannot be reached: 503 with
    Retry-After, saying that a comment being sent was not saved.
    """
    logger.error("Database unavailable for %s: %s", request.path, error)
    response = render(request, "errors/503.html", status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # Logged once above; Django would log the 503 a second time.
    response._has_been_logged = True
    return response


class DatabaseUnavailableMiddleware:
    """
    Answer 503 (database_unavailable), rather than a 500, while the database cannot
    be reached. Connections are checked before reuse (CONN_HEALTH_CHECKS), so the
    site recovers by itself once the database is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        return database_unavailable(request, exception)


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
