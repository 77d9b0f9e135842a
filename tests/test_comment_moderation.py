"""Moderators work through the queue in the admin; every decision is recorded."""

import re

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Comment
from tests.base import make_article, make_comment

pytestmark = pytest.mark.django_db

QUEUE = "/admin/articles/comment/"


@pytest.fixture
def story():
    return make_article(headline="Council passes the budget")


def pending(story, **overrides):
    return make_comment(story, status=Comment.Status.PENDING, **overrides)


def test_queue_opens_on_pending_comments_oldest_first(client, moderator, story):
    newer = pending(story, body="Newer")
    older = pending(story, body="Older")
    Comment.objects.filter(pk=older.pk).update(
        created_at=timezone.now() - timezone.timedelta(hours=2)
    )
    make_comment(story, body="Already approved")
    client.force_login(moderator)

    response = client.get(QUEUE)

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [older, newer]
    html = response.content.decode()
    assert "Council passes the budget" in html
    assert "2\xa0hours" in html


@pytest.mark.parametrize("status", ["approved", "rejected", "spam", "all"])
def test_queue_filters_by_every_status(client, moderator, story, status):
    for choice in Comment.Status.values:
        make_comment(story, status=choice, body=f"A {choice} comment")
    client.force_login(moderator)

    response = client.get(f"{QUEUE}?status={status}")

    statuses = {c.status for c in response.context["cl"].result_list}
    assert statuses == (set(Comment.Status.values) if status == "all" else {status})


def test_queue_shows_the_flags(client, moderator, story):
    pending(
        story,
        body="Go to https://a.example and https://b.example",
        is_first_comment=True,
    )
    make_comment(story, status=Comment.Status.SPAM, blocklist_match="בוגד")
    client.force_login(moderator)

    queue = client.get(QUEUE).content.decode()
    spam = client.get(f"{QUEUE}?status=spam").content.decode()

    assert '<span class="comment-flag">2 links</span>' in queue
    assert '<span class="comment-flag">first comment</span>' in queue
    assert '<span class="comment-flag">blocklist: בוגד</span>' in spam


def test_admin_index_shows_how_many_comments_wait(client, moderator, story):
    pending(story)
    pending(story)
    make_comment(story)
    client.force_login(moderator)

    response = client.get("/admin/")

    assert b"2 comments waiting for moderation" in response.content


def test_one_click_approve_is_a_post_and_records_who_and_when(client, moderator, story):
    comment = pending(story)
    client.force_login(moderator)
    queue = client.get(QUEUE).content.decode()
    url = f"/admin/articles/comment/{comment.pk}/decide/approved/"
    assert f'formaction="{url}"' in queue
    assert 'name="csrfmiddlewaretoken"' in queue

    assert client.get(url).status_code == 405
    response = client.post(url, {"expected": "pending"}, follow=True)

    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.moderated_by == moderator
    assert timezone.now() - comment.moderated_at < timezone.timedelta(minutes=1)
    assert [(d.status, d.decided_by) for d in comment.decisions.all()] == [
        ("approved", moderator)
    ]
    assert f"Comment by {comment.author_name} approved." in [
        str(m) for m in response.context["messages"]
    ]


def test_one_click_reject_takes_the_reason_from_its_row(client, moderator, story):
    comment = pending(story)
    client.force_login(moderator)

    client.post(
        f"/admin/articles/comment/{comment.pk}/decide/rejected/",
        {"expected": "pending", f"reason-{comment.pk}": "libel"},
    )

    comment.refresh_from_db()
    assert (comment.status, comment.rejection_reason) == ("rejected", "libel")


def test_no_reason_is_chosen_for_the_moderator(client, moderator, story):
    comment = pending(story)
    client.force_login(moderator)

    html = client.get(QUEUE).content.decode()

    select = re.search(
        rf'<select name="reason-{comment.pk}"[^>]*>(.*?)</select>', html, re.S
    )
    assert select.group(1).startswith('<option value="">Reason…</option>')
    assert "selected" not in select.group(1)


def test_rejecting_without_a_reason_changes_nothing_and_says_why(
    client, moderator, story
):
    comment = pending(story, author_name="Dana Levi")
    client.force_login(moderator)

    for reason in [None, "", "not-a-reason"]:
        data = {"expected": "pending"}
        if reason is not None:
            data[f"reason-{comment.pk}"] = reason
        response = client.post(
            f"/admin/articles/comment/{comment.pk}/decide/rejected/",
            data,
            HTTP_REFERER=f"http://testserver{QUEUE}",
            follow=True,
        )

        assert response.redirect_chain[-1][0] == f"http://testserver{QUEUE}"
        assert (
            "Comment by Dana Levi was not rejected: choose a reason for rejecting "
            "it, then press Reject."
        ) in [str(m) for m in response.context["messages"]]
        comment.refresh_from_db()
        assert comment.status == Comment.Status.PENDING
        assert comment.decisions.count() == 0


def test_the_database_refuses_a_rejection_without_a_reason(moderator, story):
    comment = pending(story)

    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.filter(pk=comment.pk).decide("rejected", by=moderator)

    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_the_one_click_buttons_need_the_csrf_token(moderator, story):
    from django.test import Client

    comment = pending(story)
    client = Client(enforce_csrf_checks=True)
    client.force_login(moderator)

    response = client.post(
        f"/admin/articles/comment/{comment.pk}/decide/approved/",
        {"expected": "pending"},
    )

    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


@pytest.mark.parametrize(
    ("action", "status", "reason"),
    [
        ("approve", "approved", ""),
        ("mark_spam", "spam", "spam"),
        ("reject_incitement", "rejected", "incitement"),
        ("reject_privacy", "rejected", "privacy"),
        ("reject_off_topic", "rejected", "off_topic"),
    ],
)
def test_bulk_actions_decide_many_comments_at_once(
    client, moderator, story, action, status, reason
):
    comments = [pending(story) for _ in range(3)]
    client.force_login(moderator)

    response = client.post(
        QUEUE,
        {"action": action, "_selected_action": [c.pk for c in comments]},
        follow=True,
    )

    assert response.status_code == 200
    for comment in comments:
        comment.refresh_from_db()
        assert (comment.status, comment.rejection_reason) == (status, reason)
        assert comment.decisions.get().decided_by == moderator


def test_a_second_moderator_acting_on_a_decided_comment_changes_nothing(
    client, moderator, editor, story
):
    comment = pending(story)
    client.force_login(moderator)
    client.post(
        f"/admin/articles/comment/{comment.pk}/decide/approved/",
        {"expected": "pending"},
    )
    client.force_login(editor)

    response = client.post(
        f"/admin/articles/comment/{comment.pk}/decide/rejected/",
        {"expected": "pending", f"reason-{comment.pk}": "abuse"},
        follow=True,
    )

    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.decisions.count() == 1
    assert (
        f"Comment by {comment.author_name} was not changed: moderator had already "
        "marked it approved."
    ) in [str(m) for m in response.context["messages"]]


def test_the_history_shows_every_decision(client, moderator, editor, story):
    comment = make_comment(story)
    Comment.objects.filter(pk=comment.pk).decide(
        "rejected", by=moderator, reason="abuse"
    )
    Comment.objects.filter(pk=comment.pk).decide("approved", by=editor)
    client.force_login(moderator)

    response = client.get(f"{QUEUE}{comment.pk}/change/")

    html = response.content.decode()
    history = html[html.index("History of decisions") :]
    assert history.index("Rejected") < history.index("Approved")
    assert [d.decided_by for d in comment.decisions.all()] == [moderator, editor]


def test_comment_text_is_escaped_everywhere_in_the_admin(client, moderator, story):
    attack = '<img src=x onerror="steal()"><script>alert(1)</script>'
    comment = pending(story, body=attack, author_name="<b>Mallory</b>")
    client.force_login(moderator)

    pages = [
        client.get(QUEUE).content.decode(),
        client.get(f"{QUEUE}{comment.pk}/change/").content.decode(),
        client.get(f"{QUEUE}?q=steal").content.decode(),
    ]

    for html in pages:
        assert "<script>alert(1)</script>" not in html
        assert '<img src=x onerror="steal()">' not in html
        assert "<b>Mallory</b>" not in html
        assert "&lt;b&gt;Mallory&lt;/b&gt;" in html


def test_moderators_cannot_add_or_delete_comments(client, moderator, story):
    comment = pending(story)
    client.force_login(moderator)

    assert client.get(f"{QUEUE}add/").status_code == 403
    assert client.get(f"{QUEUE}{comment.pk}/delete/").status_code == 403


def test_editors_may_moderate_too(client, editor, story):
    comment = pending(story)
    client.force_login(editor)

    client.post(
        f"/admin/articles/comment/{comment.pk}/decide/approved/",
        {"expected": "pending"},
    )

    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED


def test_readers_cannot_moderate(client, story):
    comment = pending(story)

    response = client.post(
        f"/admin/articles/comment/{comment.pk}/decide/approved/",
        {"expected": "pending"},
    )

    assert response.status_code == 302
    assert re.match(r"/admin/login/", response["Location"])
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_moderators_manage_the_blocklist(client, moderator):
    client.force_login(moderator)

    response = client.post(
        "/admin/articles/blockedterm/add/",
        {"value": "בוגד", "note": "Abuse campaign, November"},
    )

    assert response.status_code == 302


def test_approving_shows_the_comment_to_readers(client, moderator, story):
    comment = pending(story, body="Well argued.")
    assert b"Well argued." not in client.get(story.get_absolute_url()).content

    Comment.objects.filter(pk=comment.pk).decide("approved", by=moderator)

    assert b"Well argued." in client.get(story.get_absolute_url()).content


def test_queue_queries_do_not_grow_with_comments(
    client, moderator, story, django_assert_max_num_queries
):
    for _ in range(40):
        pending(story)
    client.force_login(moderator)

    with django_assert_max_num_queries(12):
        client.get(QUEUE)
