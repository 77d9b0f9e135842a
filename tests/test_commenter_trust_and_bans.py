"""Moderators trust regulars, hold or ban others; rules decide what needs no one."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Ban, BlockedTerm, Comment, CommenterMark
from tests.base import make_article, make_comment
from tests.test_comment_posting import post

pytestmark = pytest.mark.django_db

QUEUE = "/admin/articles/comment/"


@pytest.fixture
def story():
    return make_article(headline="Council passes the budget")


@pytest.fixture
def auto_approval(settings):
    settings.COMMENT_AUTO_APPROVE_AFTER = 3
    settings.COMMENT_AUTO_APPROVE_DAYS = 30


def history(story, status, count, days_ago=1, email="dana@example.org"):
    for _ in range(count):
        comment = make_comment(story, status=status, author_email=email)
        Comment.objects.filter(pk=comment.pk).update(
            created_at=timezone.now() - timedelta(days=days_ago)
        )


def posted():
    return Comment.objects.latest("pk")


def test_no_comment_is_approved_automatically_by_default(client, story):
    history(story, "approved", 50)

    post(client, story)

    assert posted().status == Comment.Status.PENDING


def test_a_commenter_with_a_clean_record_is_approved_and_the_history_says_so(
    client, story, auto_approval
):
    history(story, "approved", 3, email="Dana@Example.org")
    history(story, "rejected", 1, days_ago=45)
    page = client.get(story.get_absolute_url())
    assert b"The bus fare freeze" not in page.content

    post(client, story, body="The bus fare freeze will help.")

    comment = posted()
    assert comment.status == Comment.Status.APPROVED
    assert comment.moderated_by is None
    assert comment.rule == "3+ approved, none refused, in 30 days"
    decision = comment.decisions.get()
    assert (decision.status, decision.decided_by, decision.rule) == (
        "approved",
        None,
        "3+ approved, none refused, in 30 days",
    )
    # The cached story page is made stale: the comment shows at once.
    assert (
        b"The bus fare freeze will help."
        in client.get(story.get_absolute_url()).content
    )


@pytest.mark.parametrize(
    ("records", "why"),
    [
        ([("approved", 2, 1)], "too few approved"),
        ([("approved", 3, 40)], "approved too long ago"),
        ([("approved", 5, 1), ("rejected", 1, 20)], "a rejection within the days"),
        ([("approved", 5, 1), ("spam", 1, 2)], "spam within the days"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_a_commenter_without_a_clean_record_waits(
    client, story, auto_approval, records, why
):
    for status, count, days_ago in records:
        history(story, status, count, days_ago)

    post(client, story)

    assert posted().status == Comment.Status.PENDING, why


def test_a_trusted_commenter_is_approved_without_a_history(client, story, moderator):
    CommenterMark.objects.create(
        email="DANA@example.org", kind="trusted", marked_by=moderator
    )

    response = post(client, story)

    comment = posted()
    assert (comment.status, comment.rule) == ("approved", "Trusted commenter")
    page = client.get(response["Location"]).content.decode()
    assert "Thank you. Your comment is published." in page
    assert "The bus fare freeze will help a lot of families." in page


def test_a_commenter_marked_always_hold_waits_despite_a_clean_record(
    client, story, auto_approval
):
    history(story, "approved", 10)
    CommenterMark.objects.create(email="dana@example.org", kind="hold")

    post(client, story)

    assert posted().status == Comment.Status.PENDING


@pytest.mark.parametrize(
    ("kind", "value", "email", "address"),
    [
        ("email", "dana@example.org", "Dana@Example.ORG", "198.51.100.20"),
        ("domain", "example.org", "someone@example.org", "198.51.100.20"),
        ("network", "198.51.100.0/24", "dana@example.org", "198.51.100.20"),
        ("network", "2001:db8::/32", "dana@example.org", "2001:db8::7"),
    ],
    ids=["email", "domain", "network", "ipv6 network"],
)
def test_a_banned_commenters_comment_goes_straight_to_spam(
    client, story, auto_approval, kind, value, email, address
):
    history(story, "approved", 5, email=email)
    Ban.objects.create(kind=kind, value=value, reason="Abuse")

    post(client, story, address=address, author_email=email)

    comment = posted()
    assert (comment.status, comment.rejection_reason) == ("spam", "spam")
    assert comment.decisions.get().rule == comment.rule
    # Answered as any comment waiting for a moderator.
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Your comment will appear once a moderator has approved it." in page
    assert comment.rule.startswith("Ban on ")
    assert b"The bus fare freeze" not in client.get(story.get_absolute_url()).content


def test_a_ban_that_expired_or_covers_someone_else_changes_nothing(client, story):
    Ban.objects.create(
        kind="email",
        value="dana@example.org",
        expires_at=timezone.now() - timedelta(minutes=1),
    )
    Ban.objects.create(kind="domain", value="example.com")
    Ban.objects.create(kind="network", value="198.51.100.0/25")

    post(client, story, address="198.51.100.200")

    assert posted().status == Comment.Status.PENDING


def test_a_ban_comes_before_a_trust_mark(client, story):
    CommenterMark.objects.create(email="dana@example.org", kind="trusted")
    Ban.objects.create(kind="email", value="dana@example.org")

    post(client, story)

    assert posted().status == Comment.Status.SPAM


def test_the_blocklist_keeps_words_and_the_queue_says_who_decided(
    client, moderator, story, auto_approval
):
    BlockedTerm.objects.create(value="idiot")
    CommenterMark.objects.create(email="dana@example.org", kind="trusted")
    post(client, story, body="What an idiot.")
    post(client, story, body="A fair point.")
    client.force_login(moderator)

    spam = client.get(f"{QUEUE}?status=spam").content.decode()
    approved = client.get(f"{QUEUE}?status=approved").content.decode()

    assert "blocklist: idiot" in spam
    assert "Approved automatically (Trusted commenter)" in approved


def add_ban(client, **data):
    fields = {"kind": "domain", "value": "", "reason": "", "expires_at_0": ""}
    return client.post("/admin/articles/ban/add/", fields | {"expires_at_1": ""} | data)


def test_a_free_mail_domain_is_banned_only_once_confirmed(client, moderator):
    client.force_login(moderator)

    refused = add_ban(client, value="@GMail.com", reason="Spam wave")

    assert refused.status_code == 200
    assert (
        "gmail.com is a free-mail domain: banning it bans everyone who writes from "
        "it. Tick the box to confirm, or ban an email address."
    ) in refused.content.decode()
    assert not Ban.objects.exists()

    confirmed = add_ban(
        client, value="@GMail.com", reason="Spam wave", confirm_free_mail="on"
    )

    assert confirmed.status_code == 302
    ban = Ban.objects.get()
    assert (ban.value, ban.created_by, ban.reason) == (
        "gmail.com",
        moderator,
        "Spam wave",
    )


@pytest.mark.parametrize(
    ("kind", "value", "stored"),
    [
        ("domain", "Example.ORG", "example.org"),
        ("email", " Dana@Example.org ", "dana@example.org"),
        ("network", "198.51.100.7", "198.51.100.7/32"),
        ("network", "198.51.100.7/24", "198.51.100.0/24"),
    ],
)
def test_bans_are_stored_as_they_are_matched(client, moderator, kind, value, stored):
    client.force_login(moderator)

    response = add_ban(client, kind=kind, value=value)

    assert response.status_code == 302
    assert Ban.objects.get().value == stored


@pytest.mark.parametrize(
    ("kind", "value", "error"),
    [
        ("network", "198.51.100", "Enter an IP address or a network"),
        ("domain", "localhost", "Enter a domain such as example.org."),
        ("email", "example.org", "Enter an email address."),
    ],
)
def test_a_ban_that_is_not_one_is_refused(client, moderator, kind, value, error):
    client.force_login(moderator)

    response = add_ban(client, kind=kind, value=value)

    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Ban.objects.exists()


def test_one_action_spams_the_pending_comments_a_ban_covers(client, moderator, story):
    waiting = [
        make_comment(story, status="pending", author_email="troll@example.org"),
        make_comment(story, status="pending", ip_address="203.0.113.9"),
    ]
    approved = make_comment(story, author_email="troll@example.org")
    innocent = make_comment(story, status="pending", ip_address="192.0.2.1")
    bans = [
        Ban.objects.create(kind="email", value="troll@example.org"),
        Ban.objects.create(kind="network", value="203.0.113.0/24"),
    ]
    client.force_login(moderator)

    response = client.post(
        "/admin/articles/ban/",
        {"action": "spam_pending", "_selected_action": [b.pk for b in bans]},
        follow=True,
    )

    assert "2 pending comments marked as spam." in response.content.decode()
    for comment in waiting:
        comment.refresh_from_db()
        assert (comment.status, comment.moderated_by) == ("spam", moderator)
    approved.refresh_from_db()
    innocent.refresh_from_db()
    assert (approved.status, innocent.status) == ("approved", "pending")


def test_the_queue_links_to_trust_hold_and_ban_a_commenter(client, moderator, story):
    make_comment(story, status="pending", author_email="Dana@Example.org")
    held = make_comment(story, status="pending", author_email="held@example.org")
    mark = CommenterMark.objects.create(email="held@example.org", kind="hold")
    client.force_login(moderator)

    html = client.get(QUEUE).content.decode()

    assert (
        '<a href="/admin/articles/commentermark/add/?email=dana%40example.org">' in html
    )
    assert (
        '<a href="/admin/articles/ban/add/?kind=email&amp;value=dana%40example.org">'
    ) in html
    row = next(r for r in html.split("<tr") if f"{held.excerpt()}" in r)
    assert "Always hold for a moderator" in row
    assert f'<a href="/admin/articles/commentermark/{mark.pk}/change/">' in row
    add_form = client.get(
        "/admin/articles/ban/add/?kind=email&value=dana%40example.org"
    )
    assert 'value="dana@example.org"' in add_form.content.decode()


def test_moderators_mark_commenters_and_the_mark_records_who(client, moderator):
    client.force_login(moderator)

    response = client.post(
        "/admin/articles/commentermark/add/",
        {"email": "Dana@Example.org", "kind": "trusted", "note": "Regular since 2019"},
    )

    assert response.status_code == 302
    mark = CommenterMark.objects.get()
    assert (mark.email, mark.marked_by) == ("dana@example.org", moderator)


@pytest.mark.parametrize("path", ["ban", "commentermark", "blockedterm"])
def test_the_lists_of_bans_marks_and_words_load_with_their_filters(
    client, moderator, path
):
    Ban.objects.create(kind="email", value="troll@example.org")
    CommenterMark.objects.create(email="dana@example.org", kind="hold")
    BlockedTerm.objects.create(value="idiot")
    client.force_login(moderator)

    response = client.get(f"/admin/articles/{path}/")

    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 1
    filters = [spec.title for spec in response.context["cl"].filter_specs]
    assert filters == ([] if path == "blockedterm" else ["kind"])


@pytest.mark.parametrize(
    ("action", "status", "message"),
    [
        ("approve_commenters", "approved", "2 comments approved."),
        ("spam_commenters", "spam", "2 comments spam."),
    ],
)
def test_one_action_decides_every_pending_comment_of_the_chosen_commenters(
    client, moderator, story, action, status, message
):
    chosen = make_comment(story, status="pending", author_email="dana@example.org")
    also = make_comment(story, status="pending", author_email="DANA@example.org")
    earlier = make_comment(story, status="rejected", author_email="dana@example.org")
    other = make_comment(story, status="pending", author_email="owen@example.org")
    client.force_login(moderator)

    response = client.post(
        QUEUE, {"action": action, "_selected_action": [chosen.pk]}, follow=True
    )

    assert message in response.content.decode()
    for comment in (chosen, also, earlier, other):
        comment.refresh_from_db()
    assert (chosen.status, also.status) == (status, status)
    assert {chosen.moderated_by, also.moderated_by} == {moderator}
    assert (earlier.status, other.status) == ("rejected", "pending")


@pytest.mark.django_db(transaction=True)
def test_blocked_email_and_ip_addresses_become_bans_when_migrating(staff_groups):
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate([("articles", "0022_commenter_history")])
    old = executor.loader.project_state(("articles", "0022_commenter_history")).apps
    OldTerm = old.get_model("articles", "BlockedTerm")
    OldTerm.objects.create(kind="word", value="traitor", note="Abuse wave")
    OldTerm.objects.create(kind="email", value="Troll@Example.org", note="Names")
    OldTerm.objects.create(kind="ip", value="198.51.100.66", note="Many names")

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes("articles"))

    assert list(BlockedTerm.objects.values_list("value", "note")) == [
        ("traitor", "Abuse wave")
    ]
    assert sorted(Ban.objects.values_list("kind", "value", "reason")) == [
        ("email", "troll@example.org", "Names"),
        ("network", "198.51.100.66/32", "Many names"),
    ]
