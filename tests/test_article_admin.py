from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import Permission, User
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from taggit.models import Tag

from articles.admin.stories import ArticleAdmin
from articles.models import Article
from tests.base import make_article, make_articles, make_author, make_section

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/articles/article/"


def story_form(**overrides):
    """The add/change form as an editor submits it, with one byline row."""
    data = {
        "headline": "Council passes the budget",
        "slug": "council-passes-the-budget",
        "standfirst": "The vote was closer than expected.",
        "body": "<p>It passed by one vote.</p><script>alert(1)</script>",
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "comment_mode": "open",
        "comment_days": "",
        "byline_credit": "",
        "language": "en",
        "new_tags": "",
        "bylines-TOTAL_FORMS": "1",
        "bylines-INITIAL_FORMS": "0",
        "bylines-MIN_NUM_FORMS": "0",
        "bylines-MAX_NUM_FORMS": "1000",
        "bylines-0-position": "0",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
    }
    return data | overrides


def change_form(story, **overrides):
    """The change form of `story` as the admin shows it, with `overrides` typed in."""
    published = timezone.localtime(story.published_at)
    return (
        story_form(
            headline=story.headline,
            slug=story.slug,
            standfirst=story.standfirst,
            body=story.body,
            section=str(story.section_id),
            status=story.status,
            published_at_0=published.strftime("%Y-%m-%d"),
            published_at_1=published.strftime("%H:%M:%S"),
            comment_mode=story.comment_mode,
            tags=[tag.pk for tag in story.tags.all()],
            **{"bylines-TOTAL_FORMS": "0"},
        )
        | overrides
    )


def test_editor_sees_the_story_list_with_its_columns(client, editor):
    make_article(headline="On the list", authors=[make_author(name="Jane Doe")])
    client.force_login(editor)

    response = client.get(CHANGELIST)

    assert response.status_code == 200
    assert b"On the list" in response.content
    assert b"Jane Doe" in response.content
    for column in (b"Headline", b"Section", b"State", b"Byline", b"Publication time"):
        assert column in response.content


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("state=draft", "By state"),
        ("state=scheduled", "By state"),
        ("state=live", "By state"),
        ("section__id__exact=1", "By section"),
        ("language__exact=he", "By language"),
        ("authors__id__exact=1", "By authors"),
        ("q=budget", None),
        ("published_at__year=2026", None),
    ],
)
def test_every_filter_and_search_of_the_story_list_works(client, editor, query, title):
    # Two of everything: a filter with a single choice is not shown.
    make_article(
        headline="Budget vote", authors=[make_author()], section=make_section()
    )
    make_article(authors=[make_author()], section=make_section())
    client.force_login(editor)

    response = client.get(f"{CHANGELIST}?{query}")

    # An unknown lookup would redirect to ?e=1 instead.
    assert response.status_code == 200
    if title:
        assert title.encode() in response.content


def test_the_story_list_says_which_stories_are_scheduled_and_when(client, editor):
    make_article(headline="Out now")
    make_article(headline="Still a draft", status=Article.Status.DRAFT)
    make_article(
        headline="Under embargo",
        published_at=datetime(2030, 1, 2, 9, 30, tzinfo=UTC),
    )
    client.force_login(editor)

    response = client.get(CHANGELIST)
    rows = {
        story.headline: ArticleAdmin.state(None, story)
        for story in response.context["cl"].result_list
    }
    scheduled = client.get(f"{CHANGELIST}?state=scheduled").context["cl"]

    assert rows == {
        "Out now": "Published",
        "Still a draft": "Draft",
        "Under embargo": "Scheduled for 2 January 2030, 09:30",
    }
    assert "Scheduled for 2 January 2030, 09:30" in response.content.decode()
    assert [story.headline for story in scheduled.result_list] == ["Under embargo"]


def test_editor_closes_and_reopens_comments_from_the_story_form(client, editor):
    story = make_article(headline="Council passes the budget", slug="budget")
    client.force_login(editor)
    change = f"{CHANGELIST}{story.pk}/change/"
    form = change_form(story)

    assert 'name="comment_mode"' in client.get(change).content.decode()
    client.post(change, form | {"comment_mode": "closed"})
    client.logout()
    closed = client.get(story.get_absolute_url()).content.decode()
    client.force_login(editor)
    client.post(change, form | {"comment_mode": "open"})
    client.logout()
    reopened = client.get(story.get_absolute_url()).content.decode()

    assert "Comments on this story are closed." in closed
    assert 'id="comment-form"' not in closed
    assert 'id="comment-form"' in reopened


def test_story_list_queries_do_not_grow_with_stories(
    client, editor, django_assert_max_num_queries
):
    authors = [make_author() for _ in range(3)]
    make_articles(40, authors=authors, tags=["a"])
    client.force_login(editor)

    # session, user, permissions x2, filter choices x2, counts x2, stories,
    # bylines with authors, date hierarchy x2, and a savepoint and its release
    # (django-reversion runs the list in a transaction, for its revisions)
    with django_assert_max_num_queries(14):
        response = client.get(CHANGELIST)

    assert response.context["cl"].result_count == 40


def test_editor_writes_a_story_with_byline_and_tags(client, editor):
    section = make_section()
    jane = make_author(name="Jane Doe")
    diplomacy = Tag.objects.create(name="Diplomacy")
    client.force_login(editor)

    response = client.post(
        "/admin/articles/article/add/",
        story_form(
            section=section.pk,
            tags=[diplomacy.pk],
            new_tags="Budget, City hall",
            **{"bylines-0-author": jane.pk},
        ),
    )

    assert response.status_code == 302, response.context["errors"]
    article = Article.objects.get(slug="council-passes-the-budget")
    assert article.body == "<p>It passed by one vote.</p>"
    assert article.byline_authors == [jane]
    assert sorted(article.tags.names()) == ["Budget", "City hall", "Diplomacy"]
    assert article.created_by == editor
    assert article.updated_by == editor
    assert article.status == Article.Status.DRAFT


def test_editor_publishes_a_new_story_at_once_by_leaving_the_time_empty(client, editor):
    client.force_login(editor)

    response = client.post(
        "/admin/articles/article/add/",
        story_form(
            section=make_section().pk, status="published", **{"bylines-0-author": ""}
        ),
    )

    assert response.status_code == 302, response.context["errors"]
    assert Article.objects.live().get().slug == "council-passes-the-budget"


def test_a_taken_slug_is_reported_and_nothing_is_saved(client, editor):
    make_article(slug="council-passes-the-budget")
    client.force_login(editor)

    response = client.post(
        "/admin/articles/article/add/",
        story_form(section=make_section().pk, **{"bylines-0-author": ""}),
    )

    assert response.status_code == 200
    assert "slug" in response.context["adminform"].form.errors
    assert Article.objects.count() == 1


def test_editor_publishes_stories_from_the_list(client, editor):
    drafts = make_articles(2, status=Article.Status.DRAFT, published_at=None)
    client.force_login(editor)

    response = client.post(
        CHANGELIST,
        {"action": "publish_now", "_selected_action": [a.pk for a in drafts]},
        follow=True,
    )

    assert b"2 stories published." in response.content
    assert set(Article.objects.live()) == set(drafts)


def test_editor_sends_a_story_back_to_draft(client, editor):
    article = make_article()
    client.force_login(editor)

    response = client.post(
        CHANGELIST,
        {"action": "back_to_draft", "_selected_action": [article.pk]},
        follow=True,
    )

    assert b"1 story moved back to draft." in response.content
    assert list(Article.objects.live()) == []


def test_staff_without_the_publish_permission_cannot_publish(client):
    reporter = User.objects.create_user("reporter", is_staff=True)
    article_type = ContentType.objects.get_for_model(Article)
    reporter.user_permissions.set(
        Permission.objects.filter(
            content_type=article_type, codename__in=["view_article", "change_article"]
        )
    )
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    client.force_login(reporter)

    changelist = client.get(CHANGELIST)
    change_form = client.get(f"{CHANGELIST}{article.pk}/change/")

    assert b'value="publish_now"' not in changelist.content
    assert "status" not in change_form.context["adminform"].form.fields


@pytest.mark.parametrize(
    "path", [CHANGELIST, f"{CHANGELIST}add/", "/admin/articles/section/"]
)
def test_moderator_cannot_open_stories_or_sections(client, moderator, path):
    client.force_login(moderator)

    assert client.get(path).status_code == 403


def test_editor_previews_a_draft_with_the_reader_template(client, editor):
    article = make_article(
        headline="Embargoed report", status=Article.Status.DRAFT, published_at=None
    )
    client.force_login(editor)

    response = client.get(f"/preview/{article.pk}/")

    assert response.status_code == 200
    assert b'<h1 class="story__headline">Embargoed report</h1>' in response.content
    assert b"Readers cannot see this story yet: draft" in response.content
    assert b"Preview, not published." in response.content
    assert b'<meta name="robots" content="noindex, nofollow">' in response.content


def test_view_on_site_opens_the_preview_until_the_story_is_live(client, editor):
    draft = make_article(status=Article.Status.DRAFT, published_at=None)
    live = make_article()
    client.force_login(editor)

    draft_page = client.get(f"{CHANGELIST}{draft.pk}/change/")
    live_page = client.get(f"{CHANGELIST}{live.pk}/change/")

    assert f'href="/preview/{draft.pk}/"'.encode() in draft_page.content
    assert f'href="{live.get_absolute_url()}"'.encode() in live_page.content


def test_reader_is_sent_to_log_in_before_a_preview(client):
    article = make_article(status=Article.Status.DRAFT, published_at=None)

    response = client.get(f"/preview/{article.pk}/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_moderator_may_not_preview_stories(client, moderator):
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    client.force_login(moderator)

    assert client.get(f"/preview/{article.pk}/").status_code == 403


def test_editor_finds_tags_and_authors_by_autocomplete(client, editor):
    Tag.objects.create(name="Diplomacy")
    Tag.objects.create(name="Sport")
    make_author(name="Jane Doe")
    client.force_login(editor)

    tags = client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "article", "field_name": "tags"}
        | {"term": "dipl"},
    )
    authors = client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "byline", "field_name": "author"}
        | {"term": "jane"},
    )

    assert [r["text"] for r in tags.json()["results"]] == ["Diplomacy"]
    assert [r["text"] for r in authors.json()["results"]] == ["Jane Doe"]


@pytest.mark.parametrize(
    "path", ["/admin/articles/section/", "/admin/articles/author/?is_agency__exact=1"]
)
def test_editor_manages_sections_and_authors(client, editor, path):
    make_author(name="Reuters", is_agency=True)
    make_section(name="World")
    client.force_login(editor)

    assert client.get(path).status_code == 200
