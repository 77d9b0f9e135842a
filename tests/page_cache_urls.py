"""The site's URLs plus reader pages that test what the page cache may keep."""

import time

from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import path
from django.utils.cache import patch_cache_control, patch_vary_headers

from articles.pagecache import depends_on, invalidate, positive_int, reader_page
from newsroom.urls import urlpatterns as site_urlpatterns

calls = []


def counted(request, answer="ok", delay=0.0):
    """An answer that notes each time it is built, with what it read."""
    calls.append(dict(request.GET.items()))
    time.sleep(delay)
    return HttpResponse(f"{answer} {dict(request.GET.items())} #{len(calls)}")


def uses_csrf_token(request):
    return counted(request, answer=f"token {get_token(request)}")


def sets_cookie(request):
    response = counted(request)
    response.set_cookie("seen", "1")
    return response


def public_but_sets_cookie(request):
    response = sets_cookie(request)
    patch_cache_control(response, public=True, max_age=600)
    return response


def varies_on_cookie(request):
    response = counted(request)
    patch_vary_headers(response, ["Cookie"])
    return response


def private(request):
    response = counted(request, answer="preview")
    patch_cache_control(response, private=True)
    return response


def with_header(request):
    response = counted(request)
    response["X-Robots-Tag"] = "noindex"
    return response


def slow(request):
    return counted(request, delay=0.3)


def changed_while_built(request):
    """A page showing story 1, which an editor saves while the page is built."""
    depends_on("story-1")
    invalidate(["story-1"])
    return counted(request)


urlpatterns = [
    path("test/counted/", reader_page(counted, query={"n": positive_int})),
    path("test/uses-csrf-token/", reader_page(uses_csrf_token)),
    path("test/sets-cookie/", reader_page(sets_cookie)),
    path("test/public-but-sets-cookie/", reader_page(public_but_sets_cookie)),
    path("test/varies-on-cookie/", reader_page(varies_on_cookie)),
    path("test/private/", reader_page(private)),
    path("test/with-header/", reader_page(with_header)),
    path("test/slow/", reader_page(slow)),
    path("test/changed-while-built/", reader_page(changed_while_built)),
    *site_urlpatterns,
]
