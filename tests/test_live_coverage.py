"""
Live coverage: an editor starts it, posts updates and ends it; readers see the
updates newest first, and open pages poll one answer that every reader shares.
"""

import json
import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.test import Client
from django.utils import timezone

from articles.models import Article, LiveUpdate
from tests.base import make_article, make_photo, make_section
from tests.test_article_detail import story_json_ld

pytestmark = pytest.mark.django_db


def live_story(**overrides):
    story = make_article(**overrides)
    story.start_live_coverage()
    return story


def post(story, text, minutes_ago=0, **fields):
    at = timezone.now() - timedelta(minutes=minutes_ago)
    return LiveUpdate.objects.create(
        article=story, text=text, published_at=at, **fields
    )


def poll(client, story):
    return client.get(story.get_live_updates_url())


def update_ids(response):
    return [int(pk) for pk in re.findall(rb'data-update="(\d+)"', response.content)]


# The rules


def test_a_story_is_live_from_the_start_of_coverage_until_its_end():
    story = make_article()
    assert not story.is_live() and not story.has_live_coverage()

    story.start_live_coverage()
    started = story.live_started_at
    story.refresh_from_db()
    assert story.is_live() and story.live_started_at == started

    story.end_live_coverage()
    story.refresh_from_db()
    assert not story.is_live() and story.has_live_coverage()
    assert story.live_ended_at >= started

    story.start_live_coverage()  # the coverage goes on, from when it began
    story.refresh_from_db()
    assert story.is_live()
    assert (story.live_started_at, story.live_ended_at) == (started, None)


def test_the_database_refuses_coverage_that_ended_without_starting():
    story = make_article()
    with pytest.raises(IntegrityError):
        Article.objects.filter(pk=story.pk).update(live_ended_at=timezone.now())


def error_codes(update):
    with pytest.raises(ValidationError) as caught:
        update.full_clean()
    return {
        field: [error.code for error in errors]
        for field, errors in caught.value.error_dict.items()
    }


def test_an_update_needs_a_story_with_live_coverage():
    update = LiveUpdate(article=make_article(), text="Polls have opened.")
    assert error_codes(update) == {"article": ["not_live"]}


def test_an_update_photo_needs_alt_text_and_a_credit():
    update = LiveUpdate(
        article=live_story(), text="The crowd.", photo=make_photo(credit="")
    )
    assert error_codes(update) == {"photo": ["photo_details_missing"]}


def test_an_update_cannot_be_dated_in_the_future():
    update = LiveUpdate(
        article=live_story(),
        text="Polls will close.",
        published_at=timezone.now() + timedelta(hours=1),
    )
    assert error_codes(update) == {"published_at": ["future_update"]}


# The editor's screens


def test_editor_starts_and_ends_live_coverage_from_the_story_form(client, editor):
    story = make_article()
    client.force_login(editor)
    form = client.get(f"/admin/articles/article/{story.pk}/change/")
    assert b"Start live coverage" in form.content

    response = client.post(
        f"/admin/articles/article/{story.pk}/live/", {"start": "1"}, follow=True
    )
    story.refresh_from_db()
    assert story.is_live()
    assert b"The story is live" in response.content
    assert b"End live coverage" in response.content
    assert f"/admin/articles/liveupdate/add/?article={story.pk}".encode() in (
        response.content
    )

    response = client.post(
        f"/admin/articles/article/{story.pk}/live/", {"end": "1"}, follow=True
    )
    story.refresh_from_db()
    assert not story.is_live() and story.live_ended_at is not None
    assert b"Live coverage has ended" in response.content


def test_editors_may_post_change_and_delete_updates(editor, moderator):
    for action in ("add", "change", "delete"):
        assert editor.has_perm(f"articles.{action}_liveupdate")
        assert not moderator.has_perm(f"articles.{action}_liveupdate")


def test_a_moderator_cannot_start_live_coverage(client, moderator):
    story = make_article()
    client.force_login(moderator)

    response = client.post(f"/admin/articles/article/{story.pk}/live/", {})

    assert response.status_code == 403
    story.refresh_from_db()
    assert not story.has_live_coverage()


def test_editor_posts_an_update_and_gets_a_fresh_form_for_the_next(client, editor):
    story = live_story()
    client.force_login(editor)
    form = client.get(f"/admin/articles/liveupdate/add/?article={story.pk}")
    assert form.status_code == 200

    response = client.post(
        "/admin/articles/liveupdate/add/",
        {
            "article": story.pk,
            "text": "Turnout is 41% at noon.",
            "is_key_event": "on",
            "published_at_0": timezone.localtime().strftime("%Y-%m-%d"),
            "published_at_1": timezone.localtime().strftime("%H:%M:%S"),
        },
    )

    assert response.status_code == 302
    assert response["Location"] == (
        f"/admin/articles/liveupdate/add/?article={story.pk}"
    )
    update = LiveUpdate.objects.get()
    assert (update.text, update.is_key_event, update.created_by) == (
        "Turnout is 41% at noon.",
        True,
        editor,
    )
    assert b"Turnout is 41% at noon." in Client().get(story.get_absolute_url()).content


def test_an_update_with_an_uncredited_photo_is_refused_in_the_admin(client, editor):
    story = live_story()
    photo = make_photo(credit="")
    client.force_login(editor)

    response = client.post(
        "/admin/articles/liveupdate/add/",
        {
            "article": story.pk,
            "text": "Queues outside the polling station.",
            "photo": photo.pk,
            "published_at_0": timezone.localtime().strftime("%Y-%m-%d"),
            "published_at_1": timezone.localtime().strftime("%H:%M:%S"),
        },
    )

    assert response.status_code == 200
    assert b"This photo needs alt text and a credit" in response.content
    assert not LiveUpdate.objects.exists()


def test_the_updates_list_loads_with_its_filters(client, editor):
    story = live_story(headline="Election night")
    post(story, "Polls have closed.", is_key_event=True)
    post(story, "Counting goes on.")
    post(live_story(headline="Storm warning"), "Winds reach 90 km/h.")
    client.force_login(editor)

    response = client.get(
        "/admin/articles/liveupdate/",
        {"article__id__exact": story.pk, "is_key_event__exact": 1},
    )

    assert response.status_code == 200
    assert b"Polls have closed." in response.content
    assert b"Counting goes on." not in response.content
    assert b"Winds reach" not in response.content
    filters = response.context["cl"].filter_specs
    assert [spec.title for spec in filters] == ["key event", "article"]


# The reader's page


def test_the_page_shows_a_live_story_s_updates_newest_first_with_their_times(client):
    story = live_story(headline="Election night")
    first = post(story, "Polls have opened.", minutes_ago=30)
    key = post(story, "Polls have closed.", minutes_ago=10, is_key_event=True)
    last = post(story, "First results are in.", minutes_ago=1)

    response = client.get(story.get_absolute_url())

    content = response.content.decode()
    assert '<span class="live-badge">Live</span>' in content
    assert update_ids(response) == [last.pk, key.pk, first.pk]
    assert f'id="update-{key.pk}"' in content
    assert f'<time datetime="{timezone.localtime(key.published_at).isoformat()}"' in (
        content
    )
    summary = content.split('class="live__key-events"')[1].split("</nav>")[0]
    assert f'href="{story.get_absolute_url()}#update-{key.pk}"' in summary
    assert "Polls have closed." in summary and "Polls have opened." not in summary
    assert f'data-poll-url="{story.get_live_updates_url()}"' in content
    assert re.search(r'<script src="[^"]*articles/live\.js" defer></script>', content)


def test_a_story_never_live_shows_no_updates_and_no_script(client):
    story = make_article()

    content = client.get(story.get_absolute_url()).content.decode()

    assert 'class="live"' not in content and "live.js" not in content
    assert "live-badge" not in content


def test_after_coverage_ends_the_updates_stay_and_the_page_stops_polling(client):
    story = live_story()
    post(story, "Polls have closed.")
    story.end_live_coverage()

    content = client.get(story.get_absolute_url()).content.decode()

    assert "Live coverage has ended" in content
    assert "Polls have closed." in content
    assert "data-poll-url" not in content and "live.js" not in content
    assert "live-badge" not in content


def test_a_preview_shows_the_updates_prepared_and_polls_nothing(client, editor):
    draft = make_article(status=Article.Status.DRAFT, published_at=None)
    draft.start_live_coverage()
    post(draft, "Coverage begins at 6am.")
    client.force_login(editor)

    content = client.get(f"/preview/{draft.pk}/").content.decode()

    assert "Coverage begins at 6am." in content
    assert "data-poll-url" not in content and "live.js" not in content


def test_a_long_live_story_pages_its_older_updates(client):
    story = live_story()
    updates = [post(story, f"Update {n}.", minutes_ago=100 - n) for n in range(25)]
    early_key = updates[2]
    LiveUpdate.objects.filter(pk=early_key.pk).update(is_key_event=True)
    url = story.get_absolute_url()

    first = client.get(url)
    older = client.get(f"{url}?updates=2")

    assert update_ids(first) == [u.pk for u in reversed(updates[5:])]
    assert f'href="{url}?updates=2#live">Older updates' in first.content.decode()
    assert update_ids(older) == [u.pk for u in reversed(updates[:5])]
    assert f'href="{url}#live">Newer updates' in older.content.decode()
    assert b"Older updates" not in older.content
    # Only the newest updates' page looks for new ones.
    assert b"data-poll-url" not in older.content
    # A key event on the older page is linked there.
    assert f'href="{url}?updates=2#update-{early_key.pk}"' in first.content.decode()
    assert client.get(f"{url}?updates=3").status_code == 404


def test_the_page_s_queries_do_not_grow_with_its_updates(
    client, django_assert_max_num_queries
):
    story = live_story()
    for n in range(45):
        post(
            story,
            f"Update {n}.",
            minutes_ago=50 - n,
            is_key_event=n % 3 == 0,
            photo=make_photo() if n % 10 == 0 else None,
        )

    # story with section, bylines, tags, section menu, comments, corrections;
    # the newest updates with their photos (page and JSON-LD); the key events;
    # related stories (three); most read
    with django_assert_max_num_queries(12):
        response = client.get(story.get_absolute_url())

    assert len(update_ids(response)) == 20
    assert response.content.count(b'class="live-update__photo"') == 2


# The answer open pages poll


def test_the_poll_answer_gives_the_newest_updates_rendered(client):
    story = live_story()
    older = post(story, "Polls have opened.", minutes_ago=5)
    newer = post(story, "Turnout <b>high</b>.", minutes_ago=1, is_key_event=True)

    response = poll(client, story)

    assert response["Content-Type"] == "application/json"
    answer = json.loads(response.content)
    assert answer["live"] is True
    assert [update["id"] for update in answer["updates"]] == [newer.pk, older.pk]
    html = answer["updates"][0]["html"]
    assert f'id="update-{newer.pk}"' in html
    assert "Turnout &lt;b&gt;high&lt;/b&gt;." in html and "Key event" in html


def test_the_poll_answer_says_which_updates_and_key_events_an_edit_changed(client):
    """An open page compares these digests with its own to replace what changed."""
    story = live_story()
    update = post(story, "Turnout is 14%.", minutes_ago=1)
    page = client.get(story.get_absolute_url()).content.decode()
    before = json.loads(poll(client, story).content)
    assert f'data-digest="{before["updates"][0]["digest"]}"' in page
    assert before["key_events"] == {"digest": "", "html": ""}

    update.text = "Turnout is 41%."
    update.is_key_event = True
    update.save()

    after = json.loads(poll(client, story).content)
    assert after["updates"][0]["digest"] != before["updates"][0]["digest"]
    assert "Turnout is 41%." in after["updates"][0]["html"]
    key_events = after["key_events"]
    assert key_events["digest"] and "Turnout is 41%." in key_events["html"]
    page = client.get(story.get_absolute_url()).content.decode()
    assert f'data-digest="{key_events["digest"]}"' in page
    assert f'data-digest="{after["updates"][0]["digest"]}"' in page


def test_the_poll_answer_is_shared_and_kept_by_cdns_for_half_the_interval(
    client, settings, django_assert_num_queries
):
    settings.LIVE_POLL_SECONDS = 10
    story = live_story()
    post(story, "Polls have opened.")

    first = poll(client, story)
    # Whatever a reader adds to the address, it is the same answer.
    with django_assert_num_queries(0):
        again = client.get(f"{story.get_live_updates_url()}?after=123&_=999")

    assert first["Cache-Control"] == "public, max-age=0, s-maxage=5"
    assert again["Cache-Control"] == "public, max-age=0, s-maxage=5"
    assert again.content == first.content
    assert f"live-{story.pk}" in again["Surrogate-Key"].split()
    assert not first.cookies
    assert "cookie" not in first.get("Vary", "").lower()
    revalidated = client.get(
        story.get_live_updates_url(), headers={"if-none-match": again["ETag"]}
    )
    assert revalidated.status_code == 304


def test_the_poll_answer_s_queries_do_not_grow_with_the_updates(
    client, django_assert_max_num_queries
):
    story = live_story()
    for n in range(60):
        post(story, f"Update {n}.", minutes_ago=60 - n, is_key_event=n % 5 == 0)

    # story with section; a page of updates with their photos; the key events
    with django_assert_max_num_queries(3):
        response = poll(client, story)

    assert len(json.loads(response.content)["updates"]) == 20


def test_the_poll_answer_says_when_coverage_has_ended(client):
    story = live_story()
    post(story, "Polls have closed.")
    assert json.loads(poll(client, story).content)["live"] is True

    story.end_live_coverage()

    assert json.loads(poll(client, story).content)["live"] is False


@pytest.mark.parametrize("case", ["never live", "draft", "wrong date", "unknown story"])
def test_there_is_no_poll_answer_for_a_story_readers_cannot_follow(client, case):
    story = make_article(slug="vote")
    url = story.get_live_updates_url()
    match case:
        case "draft":
            story.start_live_coverage()
            Article.objects.filter(pk=story.pk).update(status=Article.Status.DRAFT)
        case "wrong date":
            story.start_live_coverage()
            url = re.sub(r"/\d+/(\w+)/\d+/", "/2001/\\1/1/", url)
        case "unknown story":
            url = url.replace("/vote/", "/no-such-story/")

    assert client.get(url).status_code == 404


# Posting refreshes the pages showing the updates, and only those


WRITES = {
    "posted": lambda story, update: post(story, "Results are in."),
    "edited": lambda story, update: LiveUpdate.objects.filter(pk=update.pk).update(
        text="Results are in."
    ),
    "saved": lambda story, update: (
        setattr(update, "text", "Results are in."),
        update.save(),
    ),
    "deleted": lambda story, update: update.delete(),
    "photo recaptioned": lambda story, update: update.photo.__class__.objects.filter(
        pk=update.photo_id
    ).update(caption="Results are in."),
}


@pytest.mark.caching
@pytest.mark.parametrize("write", WRITES)
def test_a_write_to_an_update_refreshes_the_story_and_its_poll_answer_only(
    write, django_assert_num_queries
):
    story = live_story()
    update = post(story, "Counting has begun.", minutes_ago=5, photo=make_photo())
    # In a section of its own, so that its related stories do not list the story.
    other = live_story(section=make_section())
    reader = Client()
    refreshed = {
        "story": story.get_absolute_url(),
        "poll": story.get_live_updates_url(),
    }
    untouched = {
        "other story": other.get_absolute_url(),
        "other poll": other.get_live_updates_url(),
        "home": "/",
    }
    for path in [*refreshed.values(), *untouched.values()]:
        assert reader.get(path).status_code == 200

    WRITES[write](story, update)

    for name, path in refreshed.items():
        content = reader.get(path).content.decode()
        assert ("Results are in." in content) == (write != "deleted"), name
        if write == "deleted":
            assert "Counting has begun." not in content
    if write == "photo recaptioned":
        del untouched["home"]  # a photo counts as the story, whose card is there
    for path in untouched.values():
        with django_assert_num_queries(0):
            reader.get(path)


def test_ending_coverage_refreshes_the_poll_answer():
    story = live_story()
    reader = Client()
    assert json.loads(poll(reader, story).content)["live"] is True

    story.end_live_coverage()

    assert json.loads(poll(reader, story).content)["live"] is False


# Search engines


def test_a_live_story_is_a_live_blog_posting_with_its_updates(client, settings):
    story = live_story()
    first = post(story, "Polls have opened across the country.", minutes_ago=30)
    last = post(story, "Polls have closed.", minutes_ago=1)

    data = story_json_ld(client.get(story.get_absolute_url()))

    assert data["@type"] == "LiveBlogPosting"
    assert data["coverageStartTime"] == story.live_started_at.isoformat(
        timespec="seconds"
    )
    assert "coverageEndTime" not in data
    assert data["dateModified"] == last.published_at.isoformat(timespec="seconds")
    assert data["liveBlogUpdate"] == [
        {
            "@type": "BlogPosting",
            "headline": update.text,
            "articleBody": update.text,
            "datePublished": update.published_at.isoformat(timespec="seconds"),
            "url": f"{settings.SITE_URL}{story.get_absolute_url()}#update-{update.pk}",
        }
        for update in [last, first]
    ]


def test_ended_coverage_gives_its_end_time(client):
    story = live_story()
    post(story, "Polls have closed.")
    story.end_live_coverage()

    data = story_json_ld(client.get(story.get_absolute_url()))

    assert data["@type"] == "LiveBlogPosting"
    assert data["coverageEndTime"] == story.live_ended_at.isoformat(timespec="seconds")


def test_a_story_never_live_stays_a_news_article(client):
    data = story_json_ld(client.get(make_article().get_absolute_url()))

    assert data["@type"] == "NewsArticle"
    assert "liveBlogUpdate" not in data
