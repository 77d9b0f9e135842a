"""The corrections and updates log: on the story, in its JSON-LD, on /corrections/."""

from datetime import UTC, datetime, timedelta
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from articles.models import Article, Correction
from tests.base import make_article
from tests.test_article_admin import change_form
from tests.test_article_detail import story_json_ld

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/articles/article/"


def log(article, kind, text, at):
    return Correction.objects.create(
        article=article, kind=kind, text=text, published_at=at
    )


def test_the_story_shows_its_log_in_a_marked_box_and_in_its_json_ld(client):
    story = make_article(published_at=datetime(2026, 11, 27, 8, 0, tzinfo=UTC))
    log(
        story,
        Correction.Kind.CORRECTION,
        "An earlier version gave the wrong date for the vote.",
        datetime(2026, 11, 27, 12, 2, tzinfo=UTC),
    )
    log(
        story,
        Correction.Kind.UPDATE,
        "The council has since confirmed the figures.",
        datetime(2026, 11, 28, 9, 30, tzinfo=UTC),
    )

    response = client.get(story.get_absolute_url())

    html = response.content.decode()
    box = html[html.index('<aside class="story__corrections"') :]
    box = box[: box.index("</aside>")]
    assert "Corrections and updates" in box
    assert box.index("<strong>Correction</strong>") < box.index(
        "<strong>Update</strong>"
    )
    assert "27 November 2026, 12:02" in box
    assert "An earlier version gave the wrong date for the vote." in box
    data = story_json_ld(response)
    assert data["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "Correction: An earlier version gave the wrong date for the vote.",
            "datePublished": "2026-11-27T12:02:00+00:00",
        },
        {
            "@type": "CorrectionComment",
            "text": "Update: The council has since confirmed the figures.",
            "datePublished": "2026-11-28T09:30:00+00:00",
        },
    ]
    # A log entry is a change readers are told about.
    assert data["dateModified"] == "2026-11-28T09:30:00+00:00"
    assert "Updated <time" in html


def test_a_story_without_a_log_shows_no_box_and_no_correction(client):
    story = make_article()

    response = client.get(story.get_absolute_url())

    assert b"story__corrections" not in response.content
    assert "correction" not in story_json_ld(response)


def test_story_page_queries_do_not_grow_with_log_entries(
    client, django_assert_max_num_queries
):
    story = make_article()
    for number in range(12):
        log(story, "correction", f"Fix {number}.", timezone.now())

    # story, bylines, tags, menu, comments, corrections, related (three), most read
    with django_assert_max_num_queries(10):
        response = client.get(story.get_absolute_url())

    assert response.content.count(b'class="correction correction--') == 12


def test_a_typo_fix_or_a_status_change_does_not_mark_the_story_updated(client, editor):
    story = make_article(published_at=timezone.now() - timedelta(days=1))
    client.force_login(editor)
    change = f"{CHANGELIST}{story.pk}/change/"

    client.post(change, change_form(story, standfirst="A typo, fixed."))
    client.post(
        CHANGELIST,
        {"action": "back_to_draft", "_selected_action": [story.pk]},
    )
    client.post(
        CHANGELIST,
        {"action": "publish_now", "_selected_action": [story.pk]},
    )
    client.logout()

    response = client.get(story.get_absolute_url())
    assert b"A typo, fixed." in response.content
    assert b"Updated" not in response.content
    data = story_json_ld(response)
    assert data["dateModified"] == data["datePublished"]


def test_an_edit_marked_substantive_marks_the_story_updated(client, editor):
    story = make_article(published_at=timezone.now() - timedelta(days=1))
    client.force_login(editor)

    client.post(
        f"{CHANGELIST}{story.pk}/change/",
        change_form(story, standfirst="Now with the final result.", substantive="on"),
    )
    client.logout()

    story.refresh_from_db()
    response = client.get(story.get_absolute_url())
    assert "Updated <time" in response.content.decode()
    assert story_json_ld(response)["dateModified"] == story.revised_at.isoformat(
        timespec="seconds"
    )


def test_editor_logs_a_correction_from_the_change_form(client, editor):
    story = make_article(published_at=timezone.now() - timedelta(days=1))
    # Both pages are in the cache before the entry is logged.
    client.get(story.get_absolute_url())
    client.get("/corrections/")
    client.force_login(editor)

    response = client.post(
        f"{CHANGELIST}{story.pk}/change/",
        change_form(
            story,
            **{
                "corrections-TOTAL_FORMS": "1",
                "corrections-0-kind": "clarification",
                "corrections-0-text": "The figure is for the whole region.",
                "corrections-0-published_at_0": "2026-11-29",
                "corrections-0-published_at_1": "10:00:00",
            },
        ),
    )
    client.logout()

    assert response.status_code == 302
    page = client.get(story.get_absolute_url()).content.decode()
    assert "<strong>Clarification</strong>" in page
    assert "The figure is for the whole region." in page
    listed = client.get("/corrections/").content.decode()
    assert "The figure is for the whole region." in listed


def test_an_entry_without_text_is_refused_and_nothing_is_saved(client, editor):
    story = make_article()
    client.force_login(editor)

    response = client.post(
        f"{CHANGELIST}{story.pk}/change/",
        change_form(
            story,
            headline="A new headline",
            **{
                "corrections-TOTAL_FORMS": "1",
                "corrections-0-kind": "correction",
                "corrections-0-text": "",
                "corrections-0-published_at_0": "2026-11-29",
                "corrections-0-published_at_1": "10:00:00",
            },
        ),
    )

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    story.refresh_from_db()
    assert story.headline != "A new headline"
    assert not Correction.objects.exists()


def test_the_corrections_page_lists_entries_of_live_stories_newest_first(client):
    live = make_article(headline="Council passes the budget")
    draft = make_article(headline="Not out yet", status=Article.Status.DRAFT)
    scheduled = make_article(
        headline="Under embargo", published_at=timezone.now() + timedelta(days=1)
    )
    now = timezone.now()
    log(live, "correction", "The vote was 12 to 11.", now - timedelta(hours=2))
    log(live, "update", "The mayor has signed it.", now - timedelta(hours=1))
    log(draft, "correction", "Hidden draft entry.", now)
    log(scheduled, "correction", "Hidden embargoed entry.", now)

    html = client.get("/corrections/").content.decode()

    assert html.index("The mayor has signed it.") < html.index("The vote was 12 to 11.")
    assert "Council passes the budget" in html
    assert "Hidden" not in html
    assert f'href="{live.get_absolute_url()}#correction-' in html


def test_the_corrections_page_paginates_with_a_fixed_query_count(
    client, settings, django_assert_max_num_queries
):
    settings.ARTICLES_PER_PAGE = 5
    stories = [make_article() for _ in range(4)]
    for number in range(12):
        log(stories[number % 4], "update", f"Entry {number}.", timezone.now())

    # entries with their stories, their count, the menu
    with django_assert_max_num_queries(3):
        first = client.get("/corrections/")
    last = client.get("/corrections/?page=3")

    assert first.content.decode().count('<li id="correction-') == 5
    assert "Page 1 of 3" in first.content.decode()
    assert last.content.decode().count('<li id="correction-') == 2
    assert client.get("/corrections/?page=9").status_code == 404


def test_the_corrections_feed_names_each_story_and_kind(client):
    story = make_article(headline="Council passes the budget")
    entry = log(story, "correction", "The vote was 12 to 11.", timezone.now())

    response = client.get("/corrections/feed.rss")

    assert response["Content-Type"].startswith("application/rss+xml")
    [item] = ElementTree.fromstring(response.content).iter("item")
    assert item.findtext("title") == "Correction: Council passes the budget"
    assert item.findtext("description") == "The vote was 12 to 11."
    assert item.findtext("link").endswith(
        f"{story.get_absolute_url()}#correction-{entry.pk}"
    )


def test_unpublishing_a_story_takes_its_entries_off_the_cached_page(client):
    story = make_article(headline="Council passes the budget")
    log(story, "correction", "The vote was 12 to 11.", timezone.now())
    assert b"The vote was 12 to 11." in client.get("/corrections/").content

    story.status = Article.Status.DRAFT
    story.save()

    assert b"The vote was 12 to 11." not in client.get("/corrections/").content


def test_editing_or_deleting_an_entry_refreshes_the_cached_pages(client):
    story = make_article()
    entry = log(story, "correction", "The vote was 12 to 11.", timezone.now())
    other = log(story, "update", "The mayor has signed it.", timezone.now())
    for path in (story.get_absolute_url(), "/corrections/"):
        assert b"The vote was 12 to 11." in client.get(path).content

    other.text = "The mayor signed it on Friday."
    other.save()
    entry.delete()

    for path in (story.get_absolute_url(), "/corrections/"):
        page = client.get(path).content
        assert b"The vote was 12 to 11." not in page
        assert b"The mayor signed it on Friday." in page
