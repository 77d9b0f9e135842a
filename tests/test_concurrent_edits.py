"""Two editors with the same story open: neither silently undoes the other."""

import pytest
from django.test import Client
from taggit.models import Tag

from articles.models import Article
from tests.base import make_article, make_staff
from tests.test_article_admin import change_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    return make_article(headline="Council passes the budget", slug="budget")


@pytest.fixture
def second_editor():
    return make_staff("dana", "Editors")


def change_url(story):
    return f"/admin/articles/article/{story.pk}/change/"


def open_story(client, story):
    """The change form as the editor's browser holds it: what it will send back."""
    response = client.get(change_url(story))
    form = response.context["adminform"].form
    return response, form["opened_as"].value()


def save(client, story, opened_as, **changes):
    form = change_form(story, opened_as=opened_as, **changes)
    return client.post(change_url(story), form)


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_form_says_who_else_has_the_story_open(story, editor, second_editor):
    first, second = logged_in(editor), logged_in(second_editor)

    open_story(first, story)
    response, _ = open_story(second, story)

    messages = [str(m) for m in response.context["messages"]]
    assert (
        "editor also has this story open. If they save first, your save will be "
        "refused with what they changed." in messages
    )


def test_the_second_save_is_refused_with_what_the_first_changed(
    story, editor, second_editor
):
    first, second = logged_in(editor), logged_in(second_editor)
    _, first_opened = open_story(first, story)
    _, second_opened = open_story(second, story)

    saved_first = save(
        second, story, second_opened, headline="Budget passes by one vote"
    )
    # The first editor's browser still holds the story as it was.
    response = save(
        first,
        story,
        first_opened,
        standfirst="A late-night vote.",
        new_tags="Budget",
    )

    assert saved_first.status_code == 302
    assert response.status_code == 200
    (error,) = response.context["adminform"].form.non_field_errors()
    assert error.startswith("Not saved: dana saved this story at ")
    assert error.endswith(
        ", after you opened it, and changed headline. Saving now would undo their "
        "changes. Open the story again to see them, then make yours."
    )
    saved = Article.objects.get(pk=story.pk)
    assert saved.headline == "Budget passes by one vote"
    assert saved.standfirst == story.standfirst
    assert not Tag.objects.filter(name="Budget").exists()


def test_a_change_of_tags_counts_too(story, editor, second_editor):
    first, second = logged_in(editor), logged_in(second_editor)
    _, first_opened = open_story(first, story)
    _, second_opened = open_story(second, story)

    save(second, story, second_opened, new_tags="Budget")
    response = save(first, story, first_opened, standfirst="A late-night vote.")

    (error,) = response.context["adminform"].form.non_field_errors()
    assert "and changed tags." in error


def test_an_editor_saving_again_after_reopening_is_not_refused(story, editor):
    client = logged_in(editor)
    _, opened = open_story(client, story)
    assert save(client, story, opened, headline="First fix").status_code == 302

    story.refresh_from_db()
    _, reopened = open_story(client, story)
    response = save(client, story, reopened, headline="Second fix")

    assert response.status_code == 302
    assert Article.objects.get(pk=story.pk).headline == "Second fix"


def test_an_editor_who_saved_is_no_longer_listed_as_editing(
    story, editor, second_editor
):
    first, second = logged_in(editor), logged_in(second_editor)
    _, opened = open_story(first, story)
    save(first, story, opened, headline="Budget passes")

    response, _ = open_story(second, story)

    assert not [str(m) for m in response.context["messages"]]
