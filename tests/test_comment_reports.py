"""Readers report approved comments; enough reports hide one until a moderator acts."""

import re

import pytest
from django.test import Client

from articles.models import Comment, CommentReport
from tests.base import make_article, make_comment

pytestmark = pytest.mark.django_db

QUEUE = "/admin/articles/comment/"


@pytest.fixture
def story():
    return make_article(headline="Council passes the budget")


@pytest.fixture
def comment(story):
    return make_comment(story, author_name="Mallory", body="You are all traitors.")


def report_url(comment):
    return f"{comment.article.get_absolute_url()}comments/{comment.pk}/report/"


def report(comment, address="198.51.100.1", client=None, **data):
    client = client or Client(enforce_csrf_checks=True)
    page = client.get(report_url(comment))
    token = re.search(
        r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()
    )
    fields = {"reason": "abuse", "note": "", "csrfmiddlewaretoken": token[1]}
    return client.post(report_url(comment), fields | data, REMOTE_ADDR=address)


def shown(story, text, client=None):
    return text.encode() in (client or Client()).get(story.get_absolute_url()).content


def test_each_shown_comment_links_to_its_report_form(client, story, comment):
    make_comment(story, status="pending", body="Waiting")

    html = client.get(story.get_absolute_url()).content.decode()

    assert html.count('class="comment__report"') == 1
    assert f'href="{report_url(comment)}" rel="nofollow">Report' in html
    assert (
        client.get(report_url(make_comment(story, status="pending"))).status_code == 404
    )


def test_the_report_form_asks_for_a_reason_from_the_policy(client, comment):
    response = client.get(report_url(comment))

    html = response.content.decode()
    assert response.status_code == 200
    assert "You are all traitors." in html
    options = re.findall(r'<option value="([^"]*)"( selected)?>', html)
    assert options == [
        ("", " selected"),
        ("incitement", ""),
        ("libel", ""),
        ("privacy", ""),
        ("abuse", ""),
        ("off_topic", ""),
        ("spam", ""),
        ("other", ""),
    ]
    assert "Anything the moderator should know (optional)" in html
    # This reader's own token: the page is never kept for another reader.
    assert 'name="csrfmiddlewaretoken" value="' in html
    assert "public" not in response.get("Cache-Control", "")


def test_a_report_without_a_reason_is_sent_back_with_what_to_fix(comment):
    response = report(comment, reason="", note="Look at this")

    assert response.status_code == 400
    html = response.content.decode()
    assert "Your report was not sent. Please correct the following:" in html
    assert "Please choose a reason." in html
    assert "Look at this</textarea>" in html
    assert not CommentReport.objects.exists()


def test_a_report_is_kept_for_the_moderator_and_the_reader_thanked(story, comment):
    reader = Client(enforce_csrf_checks=True)
    response = report(comment, client=reader, reason="incitement", note="Calls names")

    assert response.status_code == 302
    assert response["Location"] == f"{story.get_absolute_url()}#comment-sent"
    page = reader.get(response["Location"]).content.decode()
    assert "Thank you. A moderator will look at the comment you reported." in page
    stored = CommentReport.objects.get()
    assert (stored.comment, stored.reason, stored.note) == (
        comment,
        "incitement",
        "Calls names",
    )
    assert "198.51.100.1" not in stored.reporter
    assert stored.handled_at is None
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED


def test_a_reader_reporting_twice_counts_once(comment, settings):
    settings.COMMENT_REPORTS_TO_HIDE = 2

    report(comment)
    report(comment, reason="spam")

    assert CommentReport.objects.count() == 1
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED


def test_enough_readers_hide_a_comment_from_the_cached_page(story, comment, settings):
    settings.COMMENT_REPORTS_TO_HIDE = 3
    assert shown(story, "You are all traitors.")  # and now cached

    report(comment, address="198.51.100.1")
    report(comment, address="198.51.100.2")
    assert shown(story, "You are all traitors.")
    report(comment, address="198.51.100.3")

    assert not shown(story, "You are all traitors.")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert comment.rule == "Hidden after 3 readers' reports"
    decision = comment.decisions.get()
    assert (decision.status, decision.decided_by) == ("pending", None)


def test_reports_are_rate_limited_per_reader(story, settings):
    settings.COMMENT_REPORT_RATE_LIMIT = 2
    comments = [make_comment(story) for _ in range(3)]

    responses = [report(c, address="203.0.113.5") for c in comments]

    assert [r.status_code for r in responses] == [302, 302, 429]
    assert "You have sent several reports in the last hour." in (
        responses[2].content.decode()
    )
    assert CommentReport.objects.count() == 2


def test_the_reported_queue_lists_reported_and_hidden_comments(
    client, moderator, story, comment, settings
):
    settings.COMMENT_REPORTS_TO_HIDE = 2
    report(comment, address="198.51.100.1", reason="abuse")
    report(comment, address="198.51.100.2", reason="abuse")
    shown_one = make_comment(story, body="Reported once.")
    report(shown_one, reason="spam")
    make_comment(story, body="Nobody minds this one.")
    client.force_login(moderator)

    response = client.get(f"{QUEUE}?status=reported")

    assert set(response.context["cl"].result_list) == {comment, shown_one}
    html = response.content.decode()
    assert '<span class="comment-flag">2 reports: abuse ×2</span>' in html
    assert '<span class="comment-flag">1 report: spam</span>' in html
    hidden_row = next(r for r in html.split("<tr") if "You are all traitors." in r)
    shown_row = next(r for r in html.split("<tr") if "Reported once." in r)
    assert ">Approve</button>" in hidden_row
    assert f'formaction="/admin/articles/comment/{shown_one.pk}/keep/"' in shown_row
    assert 'name="expected" value="approved"' in shown_row


def test_keeping_a_reported_comment_closes_its_reports(
    client, moderator, story, comment, settings
):
    settings.COMMENT_REPORTS_TO_HIDE = 2
    report(comment, address="198.51.100.1")
    client.force_login(moderator)

    response = client.post(f"/admin/articles/comment/{comment.pk}/keep/", follow=True)

    assert "Comment by Mallory kept; its reports closed." in response.content.decode()
    stored = CommentReport.objects.get()
    assert stored.handled_by == moderator
    assert list(client.get(f"{QUEUE}?status=reported").context["cl"].result_list) == []
    # Kept reports no longer count: two new readers are needed to hide it.
    report(comment, address="198.51.100.2")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED


def test_a_moderator_approving_a_hidden_comment_shows_it_again(
    client, moderator, story, comment, settings
):
    settings.COMMENT_REPORTS_TO_HIDE = 1
    report(comment)
    assert not shown(story, "You are all traitors.")
    client.force_login(moderator)

    client.post(
        f"/admin/articles/comment/{comment.pk}/decide/approved/",
        {"expected": "pending"},
    )

    assert shown(story, "You are all traitors.")
    assert CommentReport.objects.get().handled_by == moderator


def test_a_moderator_rejecting_a_reported_comment_hides_it(
    client, moderator, story, comment
):
    report(comment)
    assert shown(story, "You are all traitors.")
    client.force_login(moderator)

    client.post(
        f"/admin/articles/comment/{comment.pk}/decide/rejected/",
        {"expected": "approved", f"reason-{comment.pk}": "abuse"},
    )

    assert not shown(story, "You are all traitors.")
    comment.refresh_from_db()
    assert (comment.status, comment.rejection_reason) == ("rejected", "abuse")


def test_the_comment_page_lists_its_reports(client, moderator, comment):
    report(comment, reason="privacy", note="Names my neighbour")
    client.force_login(moderator)

    html = client.get(f"{QUEUE}{comment.pk}/change/").content.decode()

    reports = html[html.index("Readers&#x27; reports") :]
    assert "Invades privacy" in reports
    assert "Names my neighbour" in reports


def test_a_hebrew_storys_report_form_is_in_hebrew(client):
    story = make_article(headline="המועצה אישרה את התקציב", language="he")
    comment = make_comment(story, author_name="מלורי", body="כולכם בוגדים.")

    html = client.get(story.get_absolute_url()).content.decode()
    form = client.get(report_url(comment)).content.decode()
    refused = report(comment, reason="").content.decode()

    assert '">דיווח<span class="visually-hidden"> על התגובה של <bdi>מלורי</bdi>' in html
    assert '<html lang="he" dir="rtl">' in form
    assert "למה כדאי שמנהל יבדוק את התגובה הזאת?" in form
    assert '<option value="libel">לשון הרע</option>' in form
    assert "נא לבחור סיבה." in refused
