"""
The story form is autosaved for its editor without saving the story, and offered
back when the form is opened again; a save of the story ends the autosave.
"""

import json
from datetime import timedelta
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from articles.models import Article, Autosave
from articles.models.drafts import KEEP_DAYS, MAX_BYTES
from tests.base import make_article, make_author, make_section, make_staff
from tests.test_article_admin import change_form, story_form

pytestmark = pytest.mark.django_db

NEW_STORY = "/admin/articles/article/add/"
NOTICE = "You have unsaved changes from"


@pytest.fixture
def story():
    return make_article(headline="Council passes the budget", slug="budget-vote")


def change_url(story):
    return f"/admin/articles/article/{story.pk}/change/"


def autosave_url(story=None):
    if story is None:
        return "/admin/articles/article/autosave/"
    return f"/admin/articles/article/{story.pk}/autosave/"


def as_autosave(form):
    """The form's values as autosave.js sends them."""
    fields = {
        name: [str(item) for item in value] if isinstance(value, list) else [value]
        for name, value in form.items()
    }
    return {"fields": fields, "labels": {}}


def autosave(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def test_an_autosave_keeps_the_form_without_touching_the_story(client, editor, story):
    client.force_login(editor)
    updated_at = story.updated_at
    data = as_autosave(change_form(story, headline="Council rejects the budget"))

    with mock.patch("articles.pagecache.writes.invalidate") as invalidate:
        response = autosave(client, autosave_url(story), data)

    assert response.status_code == 200
    saved = Autosave.objects.get(user=editor, article=story)
    assert response.json()["time"] == timezone.localtime(saved.saved_at).strftime(
        "%H:%M"
    )
    assert saved.data["fields"]["headline"] == ["Council rejects the budget"]
    story.refresh_from_db()
    assert story.headline == "Council passes the budget"
    assert story.updated_at == updated_at
    assert Version.objects.get_for_object(story).count() == 0
    invalidate.assert_not_called()


def test_a_second_autosave_replaces_the_first(client, editor, story):
    client.force_login(editor)

    autosave(client, autosave_url(story), as_autosave(change_form(story, headline="A")))
    autosave(client, autosave_url(story), as_autosave(change_form(story, headline="B")))

    saved = Autosave.objects.get()
    assert saved.data["fields"]["headline"] == ["B"]


def test_a_new_story_is_autosaved_once_per_editor(client, editor):
    client.force_login(editor)

    for headline in ["Draft one", "Draft two"]:
        response = autosave(
            client, autosave_url(), as_autosave(story_form(headline=headline))
        )
        assert response.status_code == 200

    saved = Autosave.objects.get()
    assert saved.article is None
    assert saved.data["fields"]["headline"] == ["Draft two"]
    assert Article.objects.count() == 0


def test_autosaves_nobody_came_back_to_are_pruned_on_the_next_write(
    client, editor, story
):
    other = make_staff("other-editor", "Editors")
    Autosave.objects.store(other, story, as_autosave(change_form(story)))
    Autosave.objects.update(saved_at=timezone.now() - timedelta(days=KEEP_DAYS + 1))
    client.force_login(editor)

    autosave(client, autosave_url(), as_autosave(story_form()))

    assert list(Autosave.objects.values_list("user__username", flat=True)) == ["editor"]


def test_a_moderator_may_not_autosave_a_story(client, moderator, story):
    client.force_login(moderator)

    response = autosave(client, autosave_url(story), as_autosave(change_form(story)))
    new = autosave(client, autosave_url(), as_autosave(story_form()))

    assert response.status_code == 403
    assert response.json() == {"error": "You may not edit this story."}
    assert new.status_code == 403
    assert Autosave.objects.count() == 0


def test_an_anonymous_visitor_is_sent_to_log_in(client, story):
    response = autosave(client, autosave_url(story), as_autosave(change_form(story)))

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert Autosave.objects.count() == 0


def test_an_autosave_needs_the_csrf_token(editor, story):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    client.get(change_url(story))
    data = json.dumps(as_autosave(change_form(story)))

    refused = client.post(autosave_url(story), data, content_type="application/json")
    accepted = client.post(
        autosave_url(story),
        data,
        content_type="application/json",
        headers={"X-CSRFToken": client.cookies["csrftoken"].value},
    )

    assert refused.status_code == 403
    assert accepted.status_code == 200
    assert Autosave.objects.count() == 1


def test_an_autosave_is_sent_by_post_only(client, editor, story):
    client.force_login(editor)

    response = client.get(autosave_url(story))

    assert response.status_code == 405


def test_a_form_too_large_is_refused(client, editor, story):
    client.force_login(editor)
    body = "<p>" + "x" * MAX_BYTES + "</p>"

    response = autosave(client, autosave_url(story), as_autosave({"body": body}))

    assert response.status_code == 413
    assert "larger than" in response.json()["error"]
    assert Autosave.objects.count() == 0


@pytest.mark.parametrize(
    "body",
    ["not json", "[]", '{"fields": {"headline": "not a list"}}', '{"labels": {}}'],
)
def test_a_malformed_autosave_is_refused_with_the_reason(client, editor, story, body):
    client.force_login(editor)

    response = client.post(autosave_url(story), body, content_type="application/json")

    assert response.status_code == 400
    assert response.json()["error"]
    assert Autosave.objects.count() == 0


def test_an_autosave_of_a_story_that_is_gone_answers_404(client, editor):
    client.force_login(editor)

    response = autosave(
        client, "/admin/articles/article/999999/autosave/", {"fields": {}}
    )

    assert response.status_code == 404
    assert response.json() == {"error": "No such story."}


def test_saving_the_story_deletes_the_editors_autosave(client, editor, story):
    other = make_staff("other-editor", "Editors")
    Autosave.objects.store(editor, story, as_autosave(change_form(story)))
    Autosave.objects.store(other, story, as_autosave(change_form(story)))
    client.force_login(editor)

    response = client.post(change_url(story), change_form(story, headline="Saved"))

    assert response.status_code == 302
    assert list(Autosave.objects.values_list("user__username", flat=True)) == [
        "other-editor"
    ]


def test_adding_a_story_deletes_the_editors_new_story_autosave(client, editor):
    Autosave.objects.store(editor, None, as_autosave(story_form()))
    client.force_login(editor)

    response = client.post(NEW_STORY, story_form(section=make_section().pk))

    assert response.status_code == 302
    assert Autosave.objects.count() == 0


def test_the_form_offers_a_newer_autosave_that_differs(client, editor, story):
    changed = change_form(story, headline="Council rejects the budget")
    Autosave.objects.store(editor, story, as_autosave(changed))
    client.force_login(editor)

    response = client.get(change_url(story))

    assert NOTICE in response.content.decode()
    assert b"Restore them" in response.content
    assert b"Discard" in response.content
    assert b'id="autosave-data"' in response.content
    assert b"Council rejects the budget" in response.content


def test_the_form_does_not_offer_an_autosave_older_than_the_last_save(
    client, editor, story
):
    changed = change_form(story, headline="Council rejects the budget")
    Autosave.objects.store(editor, story, as_autosave(changed))
    Autosave.objects.update(saved_at=story.updated_at - timedelta(minutes=1))
    client.force_login(editor)

    response = client.get(change_url(story))

    assert NOTICE not in response.content.decode()
    assert b'id="autosave-data"' not in response.content


def test_the_form_does_not_offer_an_autosave_the_same_as_the_story(
    client, editor, story
):
    Autosave.objects.store(editor, story, as_autosave(change_form(story)))
    client.force_login(editor)

    response = client.get(change_url(story))

    assert NOTICE not in response.content.decode()


def test_a_changed_byline_alone_counts_as_a_difference(client, editor, story):
    author = make_author()
    form = change_form(
        story,
        **{
            "bylines-TOTAL_FORMS": "1",
            "bylines-0-author": str(author.pk),
            "bylines-0-position": "0",
        },
    )
    Autosave.objects.store(editor, story, as_autosave(form))
    client.force_login(editor)

    response = client.get(change_url(story))

    assert NOTICE in response.content.decode()


def test_the_form_does_not_offer_another_editors_autosave(client, editor, story):
    other = make_staff("other-editor", "Editors")
    changed = change_form(story, headline="Council rejects the budget")
    Autosave.objects.store(other, story, as_autosave(changed))
    client.force_login(editor)

    response = client.get(change_url(story))

    assert NOTICE not in response.content.decode()


def test_the_new_story_form_offers_the_editors_autosave(client, editor):
    Autosave.objects.store(editor, None, as_autosave(story_form(headline="Unsaved")))
    client.force_login(editor)

    response = client.get(NEW_STORY)

    assert NOTICE in response.content.decode()
    assert b'data-url="/admin/articles/article/autosave/"' in response.content


def test_the_form_says_where_and_how_often_to_autosave(client, editor, story):
    client.force_login(editor)

    response = client.get(change_url(story))

    content = response.content.decode()
    assert f'data-url="/admin/articles/article/{story.pk}/autosave/"' in content
    assert 'data-seconds="30"' in content
    assert 'id="autosave-status"' in content
    assert "articles/autosave.js" in content
    assert NOTICE not in content


def test_discard_deletes_the_autosave(client, editor, story):
    changed = change_form(story, headline="Council rejects the budget")
    Autosave.objects.store(editor, story, as_autosave(changed))
    Autosave.objects.store(editor, None, as_autosave(story_form()))
    client.force_login(editor)

    response = client.post(f"/admin/articles/article/{story.pk}/autosave/discard/")
    new = client.post("/admin/articles/article/autosave/discard/")

    assert response.status_code == 200
    assert new.status_code == 200
    assert Autosave.objects.count() == 0
    assert NOTICE not in client.get(change_url(story)).content.decode()


def test_a_moderator_may_not_discard_an_autosave(client, editor, moderator, story):
    Autosave.objects.store(moderator, story, as_autosave(change_form(story)))
    client.force_login(moderator)

    response = client.post(f"/admin/articles/article/{story.pk}/autosave/discard/")

    assert response.status_code == 403
    assert Autosave.objects.count() == 1
