"""Moderators and editors see how long readers wait and how the desk decides."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth.models import Permission, User

from articles.models import Comment, CommentDecision
from tests.base import make_article, make_comment

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/articles/comment/dashboard/"
NOW = datetime(2026, 11, 30, 15, 30, tzinfo=UTC)


def at(hours_ago=0, days_ago=0, hour=None, minute=0):
    """A time today at `hour`:`minute`, or so long before NOW."""
    if hour is not None:
        return NOW.replace(hour=hour, minute=minute) - timedelta(days=days_ago)
    return NOW - timedelta(hours=hours_ago, days=days_ago)


def posted(story, when, status="pending", **overrides):
    comment = make_comment(story, status=status, **overrides)
    Comment.objects.filter(pk=comment.pk).update(created_at=when)
    return comment


def decided(story, posted_at, decided_at, status, by, reason=""):
    comment = posted(story, posted_at)
    Comment.objects.filter(pk=comment.pk).decide(status, by=by, reason=reason)
    Comment.objects.filter(pk=comment.pk).update(moderated_at=decided_at)
    CommentDecision.objects.filter(comment=comment).update(decided_at=decided_at)
    return comment


@pytest.fixture
def desk(moderator, editor):
    """
    A known day. Today, decided by moderators, after waits of 10 min, 30 min,
    2 h and 20 min; one approved by a rule; 3 days ago a wait of 1 h, 20 days
    ago one of 5 min. Waiting now: three on the budget story, one since
    yesterday on the harbour story, and one there that readers hid at noon.
    """
    budget = make_article(headline="Council passes the budget")
    harbour = make_article(headline="Harbour plan approved")
    with time_machine.travel(NOW, tick=False):
        decided(budget, at(hour=14), at(hour=14, minute=10), "approved", moderator)
        decided(
            budget, at(hour=13), at(hour=13, minute=30), "rejected", moderator, "abuse"
        )
        decided(budget, at(hour=12), at(hour=14), "spam", editor, "spam")
        decided(harbour, at(hour=10), at(hour=10, minute=20), "approved", moderator)
        decided(
            harbour, at(hour=9, days_ago=3), at(hour=10, days_ago=3), "approved", editor
        )
        decided(
            harbour,
            at(days_ago=20),
            at(days_ago=20) + timedelta(minutes=5),
            "approved",
            moderator,
        )
        automatic = posted(
            budget, at(hour=11), status="approved", rule="Trusted commenter"
        )
        CommentDecision.objects.create(
            comment=automatic, status="approved", rule="Trusted commenter"
        )
        CommentDecision.objects.filter(comment=automatic).update(decided_at=at(hour=11))
        # Readers hid the 10:00 comment at 12:00: no decision, and it waits again.
        hidden = Comment.objects.get(created_at=at(hour=10))
        Comment.objects.filter(pk=hidden.pk).decide("pending", by=None, rule="Hidden")
        CommentDecision.objects.filter(comment=hidden, status="pending").update(
            decided_at=at(hour=12)
        )
        for hour, minute in [(15, 0), (14, 30), (9, 30)]:
            posted(
                budget, at(hour=hour, minute=minute), body=f"Waiting {hour}:{minute}"
            )
        posted(harbour, at(days_ago=1), body="Waiting since yesterday")
    return budget, harbour


def dashboard(client, user, period=None):
    client.force_login(user)
    with time_machine.travel(NOW, tick=False):
        url = f"{DASHBOARD}?period={period}" if period else DASHBOARD
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def figure(html, name):
    return re.search(rf'id="{name}">([^<]*)<', html).group(1)


def rows(html, table):
    body = html.split(f'id="{table}"')[1].split("</table>")[0]
    return [
        [
            re.sub(r"<[^>]+>", "", cell)
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", body.split("<tbody>")[1], re.S)
    ]


@pytest.mark.parametrize(
    ("period", "median", "p90", "waited"),
    [
        (None, "25 min", "2 h 0 min", "4"),
        ("7d", "30 min", "2 h 0 min", "5"),
        ("30d", "25 min", "2 h 0 min", "6"),
    ],
)
def test_the_wait_from_posting_to_decision(
    client, moderator, desk, period, median, p90, waited
):
    html = dashboard(client, moderator, period)

    assert figure(html, "median-wait") == median
    assert figure(html, "p90-wait") == p90
    assert figure(html, "waited") == waited


def test_the_queue_now(client, moderator, desk):
    html = dashboard(client, moderator)

    assert figure(html, "pending-now") == "5"
    assert figure(html, "oldest-pending") == "1\xa0day"
    stories = html.split('id="busiest-stories"')[1].split("</ol>")[0]
    assert re.findall(r">([^<]+)</a>: (\d+) waiting", stories) == [
        ("Council passes the budget", "3"),
        ("Harbour plan approved", "2"),
    ]


def test_decisions_per_moderator_and_the_rates(client, moderator, desk):
    today = dashboard(client, moderator)
    month = dashboard(client, moderator, "30d")

    assert rows(today, "decisions-by-moderator") == [
        ["moderator", "2", "1", "0", "3"],
        ["Automatic (rules)", "1", "0", "0", "1"],
        ["editor", "0", "0", "1", "1"],
    ]
    assert rows(today, "decision-rates") == [["60%", "20%", "20%"]]
    assert rows(month, "decisions-by-moderator") == [
        ["moderator", "3", "1", "0", "4"],
        ["editor", "1", "0", "1", "2"],
        ["Automatic (rules)", "1", "0", "0", "1"],
    ]
    assert rows(month, "decision-rates") == [["71%", "14%", "14%"]]


def test_a_quiet_period_says_so(client, moderator):
    html = dashboard(client, moderator)

    assert figure(html, "pending-now") == "0"
    assert figure(html, "median-wait") == "—"
    assert "No decisions in this period." in html
    assert rows(html, "decision-rates") == [["0%", "0%", "0%"]]


def test_the_charts_draw_the_queue_and_the_wait_hour_by_hour(client, moderator, desk):
    html = dashboard(client, moderator)

    queue, wait = html.split('<figure class="dashboard-chart">')[1:3]
    queue_bars = re.findall(r"<title>30 Nov (\d\d):00: (\d+)</title>", queue)
    # The queue at each hour's end (at 15:30 for the last): yesterday's comment
    # alone until 9:30, then posted less decided, the comment hidden at 12:00
    # waiting again from then.
    assert [int(length) for _, length in queue_bars] == (
        [1] * 9 + [2, 2, 4, 5, 4, 5, 5]
    )
    assert "Queue length (top of the chart: 5)" in queue
    assert re.findall(r"<title>30 Nov (\d\d):00: ([^<]+)</title>", wait) == [
        ("10", "20 min"),
        ("13", "30 min"),
        ("14", "1 h 5 min"),
    ]
    # The longest wait reaches the top; the bars share the width.
    heights = re.findall(
        r'<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)" height="([\d.]+)"', wait
    )
    assert heights == [("44.0", "36.9"), ("44.0", "55.4"), ("44.0", "120.0")]
    assert '<svg viewBox="0 0 720 120"' in queue
    assert "<script" not in html.split('id="content-main"')[1]


def test_editors_see_the_dashboard_and_others_do_not(client, editor, desk):
    assert "Pending now" in dashboard(client, editor)
    viewer = User.objects.create_user("viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_comment"))
    client.force_login(viewer)

    assert client.get(DASHBOARD).status_code == 403
    client.logout()
    assert client.get(DASHBOARD).status_code == 302


def test_the_admin_index_and_the_queue_show_the_queue_and_its_age(
    client, moderator, desk
):
    client.force_login(moderator)

    with time_machine.travel(NOW, tick=False):
        pages = [client.get("/admin/"), client.get("/admin/articles/comment/")]

    for response in pages:
        text = " ".join(re.sub(r"<[^>]+>", "", response.content.decode()).split())
        assert "5 comments waiting for moderation, the oldest for 1 day." in text
        assert f'href="{DASHBOARD}"' in response.content.decode()


def test_the_dashboard_reads_a_fixed_number_of_queries(
    client, moderator, desk, django_assert_max_num_queries
):
    budget, _ = desk
    with time_machine.travel(NOW, tick=False):
        for n in range(30):
            decided(budget, at(hour=8), at(hour=8, minute=n), "approved", moderator)
            posted(budget, at(hour=7, minute=n))
    client.force_login(moderator)

    # 1-4: session, user, permissions; 5-6: the queue now (its length, its
    # oldest); 7: the period's waits; 8: its decisions by moderator; 9: the
    # busiest stories; 10: the comments in the queue during the period.
    with time_machine.travel(NOW, tick=False), django_assert_max_num_queries(10):
        client.get(DASHBOARD)
