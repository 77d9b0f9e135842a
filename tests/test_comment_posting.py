"""A reader comments on a story: nothing shows until a moderator approves it."""

import re
import time
from datetime import timedelta

import pytest
import time_machine
from django.core import signing
from django.test import Client
from django.utils import timezone

from articles.forms import STARTED_SALT
from articles.models import Article, BlockedTerm, Comment
from tests.base import make_article, make_comment

pytestmark = pytest.mark.django_db

AWAITING = "Thank you. Your comment will appear once a moderator has approved it."


@pytest.fixture
def story():
    return make_article(headline="Council passes the budget")


def started(seconds_ago=60):
    return signing.dumps(time.time() - seconds_ago, salt=STARTED_SALT)


def comment_data(**overrides):
    data = {
        "author_name": "Dana Levi",
        "author_email": "dana@example.org",
        "body": "The bus fare freeze will help a lot of families.",
        "consent": "on",
        "website": "",
        "started": started(),
        "parent": "",
    }
    return data | overrides


def hidden_value(html, name):
    return re.search(rf'name="{name}" value="([^"]*)"', html)[1]


def send_again(client, story, html):
    """Send the form that came back in `html`, with the tokens it carries."""
    return client.post(
        story.get_comment_post_url(),
        comment_data(
            csrfmiddlewaretoken=hidden_value(html, "csrfmiddlewaretoken"),
            started=hidden_value(html, "started"),
        ),
    )


def post(client, story, address="198.51.100.20", **overrides):
    return client.post(
        story.get_comment_post_url(), comment_data(**overrides), REMOTE_ADDR=address
    )


def test_story_page_shows_the_form_with_the_policy_and_its_links(client, story):
    response = client.get(story.get_absolute_url())

    html = response.content.decode()
    assert 'id="comment-form"' in html
    assert "I agree to the privacy policy and the terms of use" in html
    assert "incitement, libel" in html
    assert '<a href="/privacy/">privacy policy</a>' in html
    assert '<a href="/terms/">terms of use</a>' in html
    assert "(version 2026-11)" in html
    assert (
        client.get("/privacy/").status_code == client.get("/terms/").status_code == 200
    )


def test_a_posted_comment_waits_for_a_moderator_and_records_consent(client, story):
    response = post(client, story)

    assert response.status_code == 302
    assert response["Location"] == f"{story.get_absolute_url()}#comment-sent"
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.policy_version == "2026-11"
    assert timezone.now() - comment.consented_at < timedelta(minutes=1)
    assert comment.ip_address == "198.51.100.20"
    page = client.get(response["Location"])
    assert AWAITING in page.content.decode()
    assert b"The bus fare freeze" not in page.content


def test_approved_comments_show_oldest_first_with_replies_under_their_parent(
    client, story
):
    first = make_comment(story, body="First!")
    second = make_comment(story, body="Second thoughts.")
    make_comment(story, body="Reply to the first.", parent=first)
    make_comment(story, body="Still waiting.", status=Comment.Status.PENDING)
    make_comment(story, body="Rejected.", status=Comment.Status.REJECTED)

    html = client.get(story.get_absolute_url()).content.decode()

    assert "3 comments" in html
    assert html.index("First!") < html.index("Reply to the first.")
    assert html.index("Reply to the first.") < html.index("Second thoughts.")
    assert "Still waiting." not in html
    assert "Rejected." not in html
    assert f'href="?reply={second.pk}#comment-form"' in html


def test_reply_link_fills_the_parent(client, story):
    parent = make_comment(story, author_name="Amir")

    response = client.get(f"{story.get_absolute_url()}?reply={parent.pk}")

    html = response.content.decode()
    assert "Reply to <bdi>Amir</bdi>" in html
    assert f'name="parent" value="{parent.pk}"' in html


def test_a_reply_is_stored_under_its_parent(client, story):
    parent = make_comment(story)

    post(client, story, parent=str(parent.pk))

    assert Comment.objects.get(status="pending").parent == parent


@pytest.mark.parametrize(
    "parent",
    ["pending", "other story", "reply"],
)
def test_a_reply_to_a_comment_a_reader_cannot_answer_is_refused(client, story, parent):
    top = make_comment(story)
    targets = {
        "pending": make_comment(story, status=Comment.Status.PENDING),
        "other story": make_comment(make_article()),
        "reply": make_comment(story, parent=top),
    }

    response = post(client, story, parent=str(targets[parent].pk))

    assert response.status_code == 400
    form = response.context["comment_form"]
    assert form.errors["parent"] == [
        "The comment you are replying to is not available."
    ]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("body", "", "Please write your comment."),
        ("author_name", "", "Please give a name to show with your comment."),
        ("author_email", "not-an-email", "That does not look like an email address."),
        (
            "consent",
            "",
            "Please tick the box to accept the comment policy, or your comment "
            "cannot be published.",
        ),
    ],
)
def test_bad_input_comes_back_with_a_clear_message_and_what_was_typed(
    client, story, field, value, message
):
    response = post(client, story, **{field: value})

    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "Your comment was not sent." in html
    if field != "body":
        assert "The bus fare freeze will help a lot of families." in html
    assert Comment.objects.count() == 0


def test_a_form_sent_back_with_errors_can_be_sent_again(story, settings):
    settings.COMMENT_MIN_SECONDS = 0
    reader = Client(enforce_csrf_checks=True)
    tokens = reader.get("/comments/form-tokens/").json()

    first = reader.post(story.get_comment_post_url(), comment_data(consent="") | tokens)
    html = first.content.decode()
    again = send_again(reader, story, html)

    assert first.status_code == 400
    assert again.status_code == 302
    assert Comment.objects.count() == 1


def test_a_comment_sent_without_its_security_token_comes_back_to_send_again(
    story, settings, caplog
):
    settings.COMMENT_MIN_SECONDS = 0
    reader = Client(enforce_csrf_checks=True)  # a browser that runs no scripts
    reader.get(story.get_absolute_url())

    first = reader.post(story.get_comment_post_url(), comment_data(started=""))

    assert first.status_code == 403
    html = first.content.decode()
    assert "Your comment has not been sent yet" in html
    assert "The bus fare freeze will help a lot of families." in html
    assert 'value="Dana Levi"' in html
    assert Comment.objects.count() == 0
    assert "CSRF failure on" in caplog.text

    again = send_again(reader, story, html)

    assert again.status_code == 302
    assert Comment.objects.get().author_name == "Dana Levi"


def test_a_comment_over_the_length_limit_is_refused(client, story, settings):
    settings.COMMENT_MAX_LENGTH = 50

    response = post(client, story, body="x" * 60)

    assert response.context["comment_form"].errors["body"] == [
        "Comments can be at most 50 characters long; this one has 60."
    ]


def test_comment_text_is_shown_escaped_and_links_are_not_clickable(client, story):
    make_comment(
        story, body='<script>alert("x")</script> see https://spam.example/offer'
    )

    html = client.get(story.get_absolute_url()).content.decode()

    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert '<script>alert("x")' not in html
    assert 'href="https://spam.example' not in html


def test_fields_not_on_the_form_cannot_be_set_by_a_post(client, story, editor):
    other = make_article()

    post(
        client,
        story,
        status="approved",
        article=str(other.pk),
        moderated_by=str(editor.pk),
        is_first_comment="",
        blocklist_match="",
    )

    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.article == story
    assert comment.moderated_by is None


def test_a_closed_story_shows_no_form_and_refuses_a_post(client, story):
    Article.objects.filter(pk=story.pk).update(comment_mode=Article.CommentMode.CLOSED)

    page = client.get(story.get_absolute_url())
    response = post(client, story)

    assert b'id="comment-form"' not in page.content
    assert b"Comments on this story are closed." in page.content
    assert response.status_code == 403
    assert b"Comments on this story are closed, so your comment was not sent." in (
        response.content
    )
    assert b"The bus fare freeze will help a lot of families." in response.content
    assert Comment.objects.count() == 0


def test_a_reply_sent_without_its_security_token_stays_a_reply(story):
    parent = make_comment(story, author_name="Avi")
    reader = Client(enforce_csrf_checks=True)

    response = post(reader, story, parent=str(parent.pk))

    assert response.status_code == 403
    html = response.content.decode()
    assert "Reply to <bdi>Avi</bdi>" in html
    assert hidden_value(html, "parent") == str(parent.pk)


def test_a_post_to_a_closed_story_without_its_token_still_shows_the_text_back(story):
    Article.objects.filter(pk=story.pk).update(comment_mode=Article.CommentMode.CLOSED)
    reader = Client(enforce_csrf_checks=True)

    response = post(reader, story)

    assert response.status_code == 403
    assert b"Comments on this story are closed, so your comment was not sent." in (
        response.content
    )
    assert b"The bus fare freeze will help a lot of families." in response.content


def test_stories_close_by_themselves_after_some_days(client, story, settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 3

    with time_machine.travel(story.published_at + timedelta(days=3, minutes=1)):
        assert post(client, story).status_code == 403
    with time_machine.travel(story.published_at + timedelta(days=2)):
        assert post(client, story).status_code == 302


def test_an_editor_sets_how_many_days_a_story_takes_comments(client, story, settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 14
    story.comment_days = 2
    story.save()

    with time_machine.travel(story.published_at + timedelta(days=2, minutes=1)):
        assert post(client, story).status_code == 403
        assert (
            b"Comments on this story are closed."
            in client.get(story.get_absolute_url()).content
        )
    with time_machine.travel(story.published_at + timedelta(days=1)):
        assert post(client, story).status_code == 302


@pytest.mark.parametrize(
    "trap",
    [
        lambda: {"website": "http://cheap-pills.example"},
        lambda: {"started": started(seconds_ago=1)},
        lambda: {"started": started(seconds_ago=60 * 60 * 24)},
        lambda: {"started": "forged"},
    ],
    ids=["honeypot", "too fast", "too old", "forged timestamp"],
)
def test_bots_get_the_usual_answer_but_nothing_is_saved(client, story, trap, caplog):
    response = post(client, story, **trap())

    assert response.status_code == 302
    assert AWAITING in client.get(response["Location"]).content.decode()
    assert Comment.objects.count() == 0
    assert "Comment from 198.51.100.20 dropped" in caplog.text


def test_the_same_text_twice_from_one_address_is_one_comment(client, story):
    post(client, story)
    second = post(
        client, story, body="  The bus fare freeze will help a lot of\nfamilies. "
    )

    assert second.status_code == 302
    assert Comment.objects.count() == 1


def test_the_same_text_from_another_address_is_another_comment(client, story):
    post(client, story, address="198.51.100.20")
    post(client, story, address="198.51.100.21")

    assert Comment.objects.count() == 2


def test_posting_too_often_gets_429_with_a_readable_page(client, story, settings):
    settings.COMMENT_RATE_LIMIT = 5

    answers = [post(client, story, body=f"Comment {i}").status_code for i in range(6)]

    assert answers == [302] * 5 + [429]
    assert Comment.objects.count() == 5
    last = post(client, story, body="One more")
    assert b"Please wait a minute and try again" in last.content


def test_a_spoofed_forwarded_for_header_does_not_get_round_the_limit(
    client, story, settings
):
    settings.COMMENT_RATE_LIMIT = 2
    answers = [
        client.post(
            story.get_comment_post_url(),
            comment_data(body=f"Comment {i}"),
            REMOTE_ADDR="198.51.100.20",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{i}",
        ).status_code
        for i in range(3)
    ]

    assert answers == [302, 302, 429]
    assert set(Comment.objects.values_list("ip_address", flat=True)) == {
        "198.51.100.20"
    }


def test_behind_a_trusted_proxy_the_address_it_saw_is_used(client, story, settings):
    settings.TRUSTED_PROXY_COUNT = 1

    client.post(
        story.get_comment_post_url(),
        comment_data(),
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.99",
    )

    assert Comment.objects.get().ip_address == "198.51.100.99"


def test_two_or_more_links_flag_the_comment_for_the_moderator(client, story):
    post(client, story, body="See https://a.example and www.b.example for more.")

    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.has_many_links()


@pytest.mark.parametrize(
    ("value", "overrides"),
    [
        ("בוגד", {"body": "הוא והבוגדים... לא, וְהַבּוֹגֵד הזה"}),
        ("שקרן", {"body": "איזה שקרנ"}),
        ("idiot", {"body": "What an IDIOT."}),
    ],
    ids=["hebrew with prefix and niqqud", "final letter", "english"],
)
def test_blocklisted_comments_go_straight_to_spam(client, story, value, overrides):
    BlockedTerm.objects.create(value=value)

    response = post(client, story, **overrides)

    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.SPAM
    assert comment.blocklist_match == value


@pytest.mark.parametrize(
    ("body", "links"),
    [
        ("See https://www.example.org/report", 1),
        ("See www.example.org and http://example.com/a", 2),
        ("No links, just www talk.", 0),
    ],
)
def test_links_are_counted_once_each(story, body, links):
    assert make_comment(story, body=body).link_count == links


def test_first_comment_from_an_email_is_flagged(client, story):
    make_comment(story, author_email="known@example.org")

    post(client, story, author_email="new@example.org")
    post(client, story, author_email="KNOWN@example.org", body="Another view.")

    flags = dict(
        Comment.objects.pending().values_list("author_email", "is_first_comment")
    )
    assert flags == {"new@example.org": True, "KNOWN@example.org": False}


def test_story_page_queries_stay_flat_with_two_hundred_comments(
    client, django_assert_max_num_queries
):
    article = make_article(tags=["a", "b"])
    parents = [make_comment(article) for _ in range(100)]
    for parent in parents:
        make_comment(article, parent=parent)

    # story, bylines, tags, menu, comments, corrections, related (three), most read
    with django_assert_max_num_queries(10):
        response = client.get(article.get_absolute_url())

    assert b"200 comments" in response.content
    assert response.content.count(b'class="comment"') == 200


def test_old_addresses_and_browsers_are_erased(story):
    from django.core.management import call_command

    old = make_comment(story, user_agent="Firefox")
    Comment.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=91)
    )
    recent = make_comment(story, user_agent="Chrome")

    call_command("purge_comment_data", stdout=open("/dev/null", "w"))

    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.ip_address, old.user_agent) == (None, "")
    assert (recent.ip_address, recent.user_agent) == ("203.0.113.7", "Chrome")


def test_the_confirmation_is_shown_under_the_form_not_at_the_top_of_the_story(
    client, story
):
    page = client.get(post(client, story)["Location"]).content.decode()

    form_ends = page.index("</form>")
    confirmation = re.search(r'<ul class="messages" role="status"[^>]*>', page)
    assert confirmation[0] == (
        '<ul class="messages" role="status" id="comment-sent" tabindex="-1">'
    )
    assert confirmation.start() > form_ends
    assert page.index(AWAITING) > form_ends
    assert page.count(AWAITING) == 1


def test_a_refused_comment_comes_back_at_the_form(client, story):
    page = client.get(story.get_absolute_url()).content.decode()
    refused = post(client, story, author_email="not an address")

    # The browser keeps the action's fragment: the answer opens at the form.
    action = f'action="{story.get_comment_post_url()}#comment-form"'
    assert action in page
    assert action in refused.content.decode()
