"""Story revisions: recorded on every admin save, compared, restored, recovered."""

import re

import pytest
from reversion.models import Version
from taggit.models import Tag

from articles.models import Article
from tests.base import make_article, make_author
from tests.test_article_admin import change_form, story_form

pytestmark = pytest.mark.django_db

ADMIN = "/admin/articles/article/"


def selected_tags(form_html):
    """The tags the story form shows selected."""
    start = form_html.index('<select name="tags"')
    tags = form_html[start : form_html.index("</select>", start)]
    return re.findall(r'<option value="(\d+)" selected>', tags)


def save_in_admin(client, story, **changes):
    story.refresh_from_db()
    response = client.post(f"{ADMIN}{story.pk}/change/", change_form(story, **changes))
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.fixture
def story():
    return make_article(
        headline="Council passes the budget",
        standfirst="The vote was close.",
        body="<p>It passed by one vote after a long night.</p>",
        tags=["Budget"],
    )


def test_every_admin_save_is_a_revision_listed_with_who_and_when(client, editor, story):
    client.force_login(editor)
    save_in_admin(client, story, headline="Council passes the budget at last")
    save_in_admin(client, story, standfirst="The vote was 31 to 24.")

    history = client.get(f"{ADMIN}{story.pk}/history/").content.decode()

    assert len(Version.objects.get_for_object(story)) == 2
    ids = [str(version.pk) for version in Version.objects.get_for_object(story)]
    assert re.findall(r'name="from" value="(\d+)"', history) == ids
    assert len(re.findall(r"<td>editor</td>", history)) == 2


def test_two_revisions_compare_field_by_field_with_a_word_diff(client, editor, story):
    client.force_login(editor)
    save_in_admin(client, story)
    save_in_admin(
        client,
        story,
        headline="Council passes the budget at last",
        body="<p>It passed by two votes after a long night.</p>",
        new_tags="Eastbridge",
        status="draft",
    )
    newer, older = Version.objects.get_for_object(story)

    response = client.get(
        f"{ADMIN}{story.pk}/history/compare/", {"from": older.pk, "to": newer.pk}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Council passes the budget <ins>at last</ins>" in html
    assert (
        "It passed by <del>one vote</del> <ins>two votes</ins> after a long night."
        in html
    )
    assert "<del>Published</del> → <ins>Draft</ins>" in html
    assert "<del>Budget</del> → <ins>Budget, Eastbridge</ins>" in html
    assert "Standfirst" not in html  # unchanged fields are not listed


def test_restoring_a_revision_keeps_every_later_one(client, editor, story):
    client.force_login(editor)
    save_in_admin(client, story)
    save_in_admin(client, story, headline="A headline we regret", new_tags="Oops")
    first = Version.objects.get_for_object(story).last()

    form = client.get(f"{ADMIN}{story.pk}/history/{first.pk}/").content.decode()
    # What the editor's browser sends back: the revision's values, as shown.
    values = dict(re.findall(r'name="(\w+)" value="([^"]*)"', form))
    restored = client.post(
        f"{ADMIN}{story.pk}/history/{first.pk}/",
        story_form(
            headline=values["headline"],
            slug=values["slug"],
            standfirst=story.standfirst,
            body=story.body,
            section=str(story.section_id),
            status="published",
            published_at_0=values["published_at_0"],
            published_at_1=values["published_at_1"],
            tags=selected_tags(form),
            **{"bylines-TOTAL_FORMS": "0"},
        ),
    )

    assert restored.status_code == 302
    story.refresh_from_db()
    assert story.headline == "Council passes the budget"
    assert sorted(story.tags.names()) == ["Budget"]
    assert len(Version.objects.get_for_object(story)) == 3


def test_a_deleted_story_can_be_recovered(client, editor, story):
    client.force_login(editor)
    save_in_admin(client, story)
    author = make_author(name="Jane Doe")
    story.bylines.create(author=author, position=0)
    save_in_admin(client, story)
    client.post(f"{ADMIN}{story.pk}/delete/", {"post": "yes"})
    assert not Article.objects.filter(pk=story.pk).exists()

    assert "Recover deleted articles" in client.get(ADMIN).content.decode()
    recover_list = client.get(f"{ADMIN}recover/").content.decode()
    [deleted] = Version.objects.get_deleted(Article)
    assert "Council passes the budget" in recover_list
    form = client.get(f"{ADMIN}recover/{deleted.pk}/").content.decode()
    client.post(
        f"{ADMIN}recover/{deleted.pk}/",
        story_form(
            headline="Council passes the budget",
            slug=story.slug,
            standfirst=story.standfirst,
            body=story.body,
            section=str(story.section_id),
            status="published",
            published_at_0=story.published_at.strftime("%Y-%m-%d"),
            published_at_1=story.published_at.strftime("%H:%M:%S"),
            tags=selected_tags(form),
            **{"bylines-TOTAL_FORMS": "0"},
        ),
    )

    recovered = Article.objects.get(pk=story.pk)
    assert recovered.headline == "Council passes the budget"
    assert [b.author.name for b in recovered.bylines.all()] == ["Jane Doe"]
    assert sorted(recovered.tags.names()) == ["Budget"]
    assert client.get(recovered.get_absolute_url()).status_code == 200


def test_a_moderator_cannot_see_story_history(client, moderator, story):
    client.force_login(moderator)

    assert client.get(f"{ADMIN}{story.pk}/history/").status_code == 403
    assert client.get(f"{ADMIN}{story.pk}/history/compare/").status_code == 403


def test_compare_queries_do_not_grow_with_tags_and_authors(
    client, editor, story, django_assert_max_num_queries
):
    client.force_login(editor)
    save_in_admin(client, story)
    for number in range(8):
        story.bylines.create(author=make_author(), position=number)
    save_in_admin(client, story, new_tags=", ".join(f"Topic {n}" for n in range(12)))
    newer, older = Version.objects.get_for_object(story)

    # session, user, story, permissions x2, the two versions and their revisions;
    # per version: its section, lead photo, tag links, tag names, bylines, authors
    # and the revision's user. However many tags and authors.
    with django_assert_max_num_queries(24):
        response = client.get(
            f"{ADMIN}{story.pk}/history/compare/", {"from": older.pk, "to": newer.pk}
        )

    html = response.content.decode()
    assert "Topic 11" in html
    assert '<th scope="row">Byline</th>' in html


def test_a_revision_keeps_its_tag_names_when_a_tag_is_renamed_later(
    client, editor, story
):
    client.force_login(editor)
    save_in_admin(client, story)
    save_in_admin(client, story, new_tags="Eastbridge")
    Tag.objects.filter(name="Budget").update(name="City budget", slug="city-budget")
    newer, older = Version.objects.get_for_object(story)

    html = client.get(
        f"{ADMIN}{story.pk}/history/compare/", {"from": older.pk, "to": newer.pk}
    ).content.decode()

    assert "<del>Budget</del> → <ins>Budget, Eastbridge</ins>" in html
