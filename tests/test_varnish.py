"""Readers behind Varnish (newsroom/varnish.vcl), which the site purges by key."""

import http.client
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from articles.models import Comment
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
