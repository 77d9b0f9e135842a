"""Many people at once: readers posting together, moderators deciding together."""

import threading
import time

import pytest
from django.core import signing
from django.db import connection
from django.test import Client

from articles.forms import STARTED_SALT
from articles.models import Comment
from tests.base import make_article, make_comment

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def run_together(jobs):
    """Start every job at the same moment, in its own thread, and wait for all."""
    barrier = threading.Barrier(len(jobs))
    errors = []

    def run(job):
        try:
            barrier.wait()
            job()
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_fifty_readers_posting_at_once_leave_fifty_comments(settings):
    settings.COMMENT_RATE_LIMIT = 100
    story = make_article()
    started = signing.dumps(time.time() - 60, salt=STARTED_SALT)
    statuses = []

    def post(n):
        response = Client().post(
            story.get_comment_post_url(),
            {
                "author_name": f"Reader {n}",
                "author_email": f"reader{n}@example.org",
                "body": f"My view, number {n}.",
                "consent": "on",
                "started": started,
            },
            REMOTE_ADDR=f"198.51.100.{n}",
        )
        statuses.append(response.status_code)

    run_together([lambda n=n: post(n) for n in range(50)])

    assert statuses == [302] * 50
    assert Comment.objects.filter(article=story).count() == 50


def test_two_moderators_deciding_at_once_leave_one_final_state(
    staff_groups, moderator, editor
):
    story = make_article()
    for _ in range(10):
        comment = make_comment(story, status=Comment.Status.PENDING)
        changed = {}

        def decide(user, status, comment=comment, changed=changed):
            changed[status] = Comment.objects.filter(pk=comment.pk).decide(
                status,
                by=user,
                reason="abuse" if status == "rejected" else "",
                expected=Comment.Status.PENDING,
            )

        run_together(
            [lambda: decide(moderator, "approved"), lambda: decide(editor, "rejected")]
        )

        comment.refresh_from_db()
        assert sorted(changed.values()) == [0, 1]
        (winner,) = [status for status, count in changed.items() if count]
        assert comment.status == winner
        assert [d.status for d in comment.decisions.all()] == [winner]
