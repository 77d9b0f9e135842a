"""A moderator sees what became of a commenter's other comments."""

import re

import pytest
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Comment
from tests.base import make_article, make_comment

pytestmark = pytest.mark.django_db

QUEUE = "/admin/articles/comment/"


@pytest.fixture
def story():
    return make_article(headline="Council passes the budget")


def by_dana(story, status, **overrides):
    fields = {"author_name": "Dana Levi", "author_email": "dana@example.org"}
    return make_comment(story, status=status, **fields | overrides)


def row_of(html, text):
    return next(row for row in html.split("<tr") if text in row)


def test_the_queue_shows_each_commenters_record(client, moderator, story):
    other_story = make_article(headline="Harbour plan approved")
    by_dana(other_story, "approved")
    by_dana(other_story, "approved", author_email="DANA@Example.org")
    by_dana(story, "rejected", rejection_reason="abuse")
    by_dana(story, "spam", rejection_reason="spam")
    by_dana(story, "pending", body="Dana again, waiting.")
    make_comment(story, status="pending", body="A newcomer writes.")
    client.force_login(moderator)

    html = client.get(QUEUE).content.decode()

    assert "2 approved · 1 rejected · 1 spam" in row_of(html, "Dana again, waiting.")
    assert "0 approved · 0 rejected · 0 spam" in row_of(html, "A newcomer writes.")


def test_the_record_links_to_all_of_the_commenters_comments(client, moderator, story):
    approved = by_dana(story, "approved", body="An approved one.")
    rejected = by_dana(story, "rejected", body="A rejected one.")
    waiting = by_dana(story, "pending", author_email="Dana@example.org")
    make_comment(story, body="Someone else.")
    client.force_login(moderator)
    html = client.get(QUEUE).content.decode()
    link = re.search(r'class="commenter-record" href="([^"]+)"', html).group(1)

    response = client.get(link.replace("&amp;", "&"))

    assert set(response.context["cl"].result_list) == {approved, rejected, waiting}
    assert b"dana@example.org" in response.content


def test_a_comment_lists_the_commenters_other_comments_with_their_decisions(
    client, moderator, editor, story
):
    old = by_dana(story, "pending", body="My first try.")
    Comment.objects.filter(pk=old.pk).decide("rejected", by=editor, reason="libel")
    Comment.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timezone.timedelta(days=3)
    )
    recent = by_dana(story, "pending", body="Better this time.")
    Comment.objects.filter(pk=recent.pk).decide("approved", by=moderator)
    by_dana(story, "spam", blocklist_match="traitor", body="Blocked one.")
    waiting = by_dana(story, "pending", body="The one being moderated.")
    make_comment(story, body="Not by Dana.")
    client.force_login(moderator)

    html = client.get(f"{QUEUE}{waiting.pk}/change/").content.decode()

    history = html[html.index("The commenter&#x27;s other comments") :]
    assert "1 approved · 1 rejected · 1 spam" in history
    assert "Not by Dana." not in history
    assert "The one being moderated." not in history.split("</table>")[0]
    # Newest first, each with its decision.
    assert (
        history.index("Blocked one.")
        < history.index("Better this time.")
        < history.index("My first try.")
    )
    assert "Spam by the blocklist" in row_of(history, "Blocked one.")
    assert "Approved by moderator" in row_of(history, "Better this time.")
    assert "Rejected (libel) by editor" in row_of(history, "My first try.")
    assert f'href="/admin/articles/comment/{old.pk}/change/"' in history
    assert "All of their comments" not in history


def comment_page_queries(client, comment):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{QUEUE}{comment.pk}/change/")
    assert response.status_code == 200
    return len(queries), response


def test_a_long_history_costs_no_more_queries_than_a_short_one(
    client, moderator, story
):
    for _ in range(3):
        by_dana(story, "approved")
    short = by_dana(story, "pending")
    client.force_login(moderator)
    short_queries, _ = comment_page_queries(client, short)
    for _ in range(60):
        by_dana(make_article(), "approved")

    long_queries, response = comment_page_queries(client, short)

    assert long_queries == short_queries
    html = response.content.decode()
    assert "63 approved · 0 rejected · 0 spam" in html
    history = html[html.index('class="commenter-history"') :].split("</table>")[0]
    assert history.count("<tr>") == 1 + 20
    assert "All of their comments" in html


def test_queue_queries_do_not_grow_with_commenters_or_their_histories(
    client, moderator, story, django_assert_max_num_queries
):
    for n in range(40):
        for status in ["approved", "rejected", "pending"]:
            make_comment(story, status=status, author_email=f"reader{n}@example.org")
    client.force_login(moderator)

    # 1-2: session and user; 3-4: the user's and their groups' permissions;
    # 5: the queue's count; 6: the page's comments with their stories; 7-9:
    # their commenters' records and marks, and their open reports; 10-11: the
    # header's pending count and oldest comment.
    with django_assert_max_num_queries(11):
        response = client.get(QUEUE)
    assert response.content.decode().count("1 approved · 1 rejected · 0 spam") == 40


def test_only_moderators_see_commenters_histories(client, story):
    comment = by_dana(story, "pending")
    by_dana(story, "approved")
    viewer = User.objects.create_user("viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_comment"))
    client.force_login(viewer)

    queue = client.get(QUEUE).content.decode()
    page = client.get(f"{QUEUE}{comment.pk}/change/").content.decode()

    for html in (queue, page):
        assert "1 approved" not in html
        assert "commenter-history" not in html
    assert "Dana Levi" in queue
