"""The site tells the CDN in front which pages a write made stale (CDN_PURGER)."""

import json
import logging
import socket
import threading
import time
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from articles.pagecache import purge


class PurgeAPI(BaseHTTPRequestHandler):
    """Keeps each request it is sent, and answers with its server's `status`."""

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        self.server.received.append(
            (self.command, self.headers, self.rfile.read(length))
        )
        self.send_response(self.server.status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_PURGE = do_POST

    def log_message(self, format, *args):
        pass


@pytest.fixture
def cdn(settings):
    """A purge API on a loopback port, at CDN_PURGE_URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeAPI)
    server.received = []
    server.status = 200
    # Polled often, so that shutdown() at teardown returns at once.
    serve = partial(server.serve_forever, poll_interval=0.01)
    threading.Thread(target=serve, daemon=True).start()
    settings.CDN_PURGE_URL = f"http://127.0.0.1:{server.server_port}/purge_cache"
    yield server
    server.shutdown()
    server.server_close()


def test_the_http_purger_posts_the_keys_as_tags_with_the_token(cdn, settings):
    settings.CDN_PURGER = "http"
    settings.CDN_PURGE_TOKEN = "cf-token"

    purge.send({"story-42", "comments-42", "all"})

    [(method, headers, body)] = cdn.received
    assert method == "POST"
    assert headers["Authorization"] == "Bearer cf-token"
    assert headers["Content-Type"] == "application/json"
    assert json.loads(body) == {"tags": ["all", "comments-42", "story-42"]}


def test_the_http_purger_sends_no_authorization_without_a_token(cdn, settings):
    settings.CDN_PURGER = "http"
    settings.CDN_PURGE_TOKEN = ""

    purge.send({"menu"})

    [(_, headers, _)] = cdn.received
    assert "Authorization" not in headers


def test_the_http_purger_sends_at_most_30_tags_a_request(cdn, settings):
    settings.CDN_PURGER = "http"
    keys = {f"story-{n}" for n in range(65)}

    purge.send(keys)

    tags = [json.loads(body)["tags"] for _, _, body in cdn.received]
    assert [len(batch) for batch in tags] == [30, 30, 5]
    assert {tag for batch in tags for tag in batch} == keys


def test_the_varnish_purger_names_every_key_in_one_purge(cdn, settings):
    settings.CDN_PURGER = "varnish"

    purge.send({"story-42", "comments-42", "all"})

    [(method, headers, body)] = cdn.received
    assert method == "PURGE"
    assert headers["xkey-purge"] == "all comments-42 story-42"
    assert body == b""


def test_nothing_is_sent_without_a_purger(cdn, settings):
    settings.CDN_PURGER = "none"

    purge.send({"story-42"})

    assert cdn.received == []


def test_an_unreachable_cdn_is_logged_and_the_write_carries_on(settings, caplog):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    settings.CDN_PURGER = "varnish"
    settings.CDN_PURGE_URL = f"http://127.0.0.1:{port}/"

    with caplog.at_level(logging.WARNING, logger="newsroom.cache"):
        purge.send({"story-42", "all"})

    [record] = caplog.records
    assert record.name == "newsroom.cache"
    assert "2 of 2 keys not purged" in record.getMessage()


def test_a_refused_purge_is_logged_and_later_batches_are_not_tried(
    cdn, settings, caplog
):
    settings.CDN_PURGER = "http"
    cdn.status = 403

    with caplog.at_level(logging.WARNING, logger="newsroom.cache"):
        purge.send({f"story-{n}" for n in range(65)})

    assert len(cdn.received) == 1
    assert "HTTP Error 403" in caplog.text
    assert "65 of 65 keys not purged" in caplog.text


def test_a_cdn_that_does_not_answer_is_given_up_on_after_the_timeout(settings, caplog):
    settings.CDN_PURGER = "http"
    settings.CDN_PURGE_TIMEOUT = 0.2
    # Connections wait in the backlog, never accepted or answered.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        settings.CDN_PURGE_URL = f"http://127.0.0.1:{silent.getsockname()[1]}/"
        started = time.monotonic()

        with caplog.at_level(logging.WARNING, logger="newsroom.cache"):
            purge.send({"story-42"})

    assert time.monotonic() - started < 2
    assert "timed out" in caplog.text
