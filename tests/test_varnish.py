"""Readers behind Varnish (newsroom/varnish.vcl), which the site purges by key."""

import http.client
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.signals import request_started

from articles import sharing
from articles.models import Article, Comment
from tests.base import free_port, make_article, make_comment

pytestmark = pytest.mark.django_db(transaction=True)

VCL = Path(__file__).resolve().parent.parent / "newsroom" / "varnish.vcl"
VCL_BACKEND_PORT = '.port = "8000";'


@pytest.fixture
def varnish(live_server, tmp_path, settings):
    """
    The address of a varnishd of its own, with the project's VCL in front of the
    live server, and the site set to purge it.
    """
    vcl = VCL.read_text()
    assert vcl.count(VCL_BACKEND_PORT) == 1
    backend_port = urlsplit(live_server.url).port
    vcl_path = tmp_path / "varnish.vcl"
    vcl_path.write_text(vcl.replace(VCL_BACKEND_PORT, f'.port = "{backend_port}";'))
    port = free_port()
    log_path = tmp_path / "varnishd.log"
    with log_path.open("w") as log:
        # -j none: the working directory under tmp_path is the test user's; no
        # unprivileged varnish user could read it.
        varnishd = subprocess.Popen(
            [
                "varnishd",
                "-F",
                "-j", "none",
                "-n", str(tmp_path / "varnish"),
                "-a", f"127.0.0.1:{port}",
                "-f", str(vcl_path),
                "-s", "malloc,32m",
                "-T", "none",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        wait_for_port(varnishd, port, log_path)
        settings.CDN_PURGER = "varnish"
        settings.CDN_PURGE_URL = f"http://127.0.0.1:{port}/"
        yield f"http://127.0.0.1:{port}"
    finally:
        varnishd.terminate()
        varnishd.wait(timeout=10)


def wait_for_port(process, port, log_path):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"varnishd stopped:\n{log_path.read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    pytest.fail(f"varnishd did not listen on {port}:\n{log_path.read_text()}")


def read(address, path, **headers):
    """(X-Cache, page) for `path` read through Varnish at `address`."""
    request = urllib.request.Request(address + path, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers["X-Cache"], response.read().decode()


def test_approving_a_comment_refreshes_its_story_and_no_other(
    varnish, staff_groups, moderator
):
    budget = make_article(headline="Council passes the budget")
    harbour = make_article(headline="Harbour reopens after the storm")
    make_comment(budget, body="Long overdue.")
    make_comment(harbour, body="Good news for the fishermen.")
    pending = make_comment(
        budget, body="A fair budget in hard times.", status=Comment.Status.PENDING
    )
    for article in (budget, harbour):
        assert read(varnish, article.get_absolute_url())[0] == "MISS"
        assert read(varnish, article.get_absolute_url())[0] == "HIT"

    Comment.objects.filter(pk=pending.pk).decide("approved", by=moderator)

    cache_status, page = read(varnish, budget.get_absolute_url())
    assert cache_status == "MISS"
    assert "A fair budget in hard times." in page
    assert read(varnish, budget.get_absolute_url()) == ("HIT", page)
    cache_status, page = read(varnish, harbour.get_absolute_url())
    assert cache_status == "HIT"
    assert "Good news for the fishermen." in page


def test_a_reader_with_other_cookies_is_served_the_kept_page(varnish):
    path = make_article().get_absolute_url()
    read(varnish, path)

    assert read(varnish, path, Cookie="_ga=GA1.1.123; theme=dark")[0] == "HIT"


@pytest.mark.parametrize("cookie", ["sessionid=abc123", "messages=abc123"])
def test_staff_and_readers_with_a_message_get_pages_built_for_them(varnish, cookie):
    path = make_article().get_absolute_url()
    read(varnish, path)

    assert read(varnish, path, Cookie=f"_ga=GA1.1.123; {cookie}")[0] == "MISS"
    assert read(varnish, path, Cookie=cookie)[0] == "MISS"


def test_comment_form_tokens_are_never_kept(varnish):
    read(varnish, "/comments/form-tokens/")

    assert read(varnish, "/comments/form-tokens/")[0] == "MISS"


@pytest.fixture
def site_requests():
    """
    The requests that reach the site behind Varnish: (path, Cookie header), in
    the order they came.
    """
    seen = []

    def note(environ, **kwargs):
        seen.append((environ["PATH_INFO"], environ.get("HTTP_COOKIE")))

    request_started.connect(note, dispatch_uid="test_varnish.site_requests")
    yield seen
    request_started.disconnect(dispatch_uid="test_varnish.site_requests")


def ask(address, path, cookie):
    """(status, X-Cache) of a GET of `path` through Varnish, redirects not followed."""
    parts = urlsplit(address)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request("GET", path, headers={"Cookie": cookie})
        response = connection.getresponse()
        response.read()
        return response.status, response.headers["X-Cache"]
    finally:
        connection.close()


# A cookie only analytics read: Varnish drops it from every request it may answer
# from its cache, so the site seeing it shows that Varnish passed the request.
ANALYTICS = "_ga=GA1.1.123"


@pytest.mark.parametrize(
    ("kind", "expected_status"),
    [
        ("admin", 302),
        ("admin login", 200),
        ("staff preview", 302),
        ("share link", 200),
        ("comment form tokens", 200),
        ("comment post", 405),
        ("comment report", 200),
        ("session", 200),
    ],
)
def test_admin_preview_comment_and_staff_requests_are_passed_to_the_site_every_time(
    varnish, site_requests, kind, expected_status
):
    """
    The site marks these answers private or gives them no Cache-Control, so
    Varnish would not keep them either way; what shows that the VCL passes them
    is that each reaches the site with the cookies it came with.
    """
    story = make_article()
    draft = make_article(status=Article.Status.DRAFT, published_at=None)
    comment = make_comment(story)
    path, cookie = {
        "admin": ("/admin/", ANALYTICS),
        "admin login": ("/admin/login/", ANALYTICS),
        "staff preview": (f"/preview/{draft.pk}/", ANALYTICS),
        "share link": (sharing.share_url(draft), ANALYTICS),
        "comment form tokens": ("/comments/form-tokens/", ANALYTICS),
        "comment post": (f"{story.get_absolute_url()}comments/", ANALYTICS),
        "comment report": (
            f"{story.get_absolute_url()}comments/{comment.pk}/report/",
            ANALYTICS,
        ),
        "session": (story.get_absolute_url(), f"{ANALYTICS}; sessionid=abc123"),
    }[kind]

    answers = [ask(varnish, path, cookie) for _ in range(3)]

    assert answers == [(expected_status, "MISS")] * 3
    assert [seen for seen in site_requests if seen[0] == urlsplit(path).path] == [
        (urlsplit(path).path, cookie)
    ] * 3

    # Beside them, a reader's page is kept, and the cookie never reaches the site.
    site_requests.clear()
    answers = [ask(varnish, story.get_absolute_url(), ANALYTICS) for _ in range(3)]
    assert answers[-1] == (200, "HIT")
    built = [seen for seen in site_requests if seen[0] == story.get_absolute_url()]
    assert built and len(built) < 3
    assert {sent for _, sent in built} == {None}


def test_a_purge_from_another_address_is_refused(varnish):
    path = make_article().get_absolute_url()
    read(varnish, path)
    # Still loopback, but not an address the purgers ACL names.
    connection = http.client.HTTPConnection(
        urlsplit(varnish).hostname,
        urlsplit(varnish).port,
        timeout=10,
        source_address=("127.0.0.2", 0),
    )
    connection.request("PURGE", "/", headers={"xkey-purge": "all"})
    status = connection.getresponse().status
    connection.close()

    assert status == 403
    assert read(varnish, path)[0] == "HIT"
