from datetime import timedelta

import pytest
import time_machine
from django.db import IntegrityError
from django.utils import timezone

from articles.models import Article
from tests.base import make_article, make_author

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(timezone.datetime(2026, 11, 25, 12, 0))


@time_machine.travel(NOW, tick=False)
def test_live_means_published_and_not_in_the_future():
    live = make_article(published_at=NOW - timedelta(minutes=1))
    on_the_minute = make_article(published_at=NOW)
    make_article(published_at=NOW + timedelta(minutes=1))
    make_article(status=Article.Status.DRAFT, published_at=NOW - timedelta(days=1))
    make_article(status=Article.Status.IN_REVIEW, published_at=None)

    assert set(Article.objects.live()) == {live, on_the_minute}


def test_a_scheduled_story_goes_live_by_itself():
    with time_machine.travel(NOW, tick=False):
        scheduled = make_article(published_at=NOW + timedelta(hours=3))
        assert scheduled.is_scheduled() is True
        assert list(Article.objects.live()) == []

    with time_machine.travel(NOW + timedelta(hours=3), tick=False):
        assert list(Article.objects.live()) == [scheduled]
        scheduled.refresh_from_db()
        assert scheduled.is_published() is True


def test_publishing_without_a_time_sets_it_to_now():
    with time_machine.travel(NOW, tick=False):
        article = make_article(status=Article.Status.PUBLISHED, published_at=None)

    assert article.published_at == NOW


def test_database_refuses_a_published_story_without_a_time():
    article = make_article()

    with pytest.raises(IntegrityError):
        Article.objects.filter(pk=article.pk).update(published_at=None)


def test_database_refuses_two_stories_with_one_slug():
    make_article(slug="budget-vote")

    with pytest.raises(IntegrityError):
        make_article(slug="budget-vote")


@time_machine.travel(NOW, tick=False)
def test_publish_now_publishes_drafts_now_and_keeps_earlier_publication_times(editor):
    draft = make_article(status=Article.Status.DRAFT, published_at=None)
    scheduled = make_article(published_at=NOW + timedelta(days=1))
    unpublished = make_article(
        status=Article.Status.DRAFT, published_at=NOW - timedelta(days=3)
    )

    Article.objects.filter(pk__in=[draft.pk, scheduled.pk, unpublished.pk]).publish_now(
        editor
    )

    draft.refresh_from_db()
    scheduled.refresh_from_db()
    unpublished.refresh_from_db()
    assert (draft.status, draft.published_at) == ("published", NOW)
    assert scheduled.published_at == NOW
    assert unpublished.published_at == NOW - timedelta(days=3)
    assert draft.updated_by == editor
    assert set(Article.objects.live()) == {draft, scheduled, unpublished}


def test_back_to_draft_takes_stories_off_the_site(editor):
    article = make_article()

    Article.objects.filter(pk=article.pk).back_to_draft(editor)

    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert article.updated_by == editor
    assert list(Article.objects.live()) == []


@pytest.mark.parametrize(
    ("staff", "agencies", "credit", "expected"),
    [
        (["Jane Doe"], [], "", "Jane Doe"),
        (["Jane Doe"], ["Reuters"], "", "Jane Doe and Reuters"),
        (["Jane Doe", "John Roe"], ["AFP"], "", "Jane Doe, John Roe and AFP"),
        ([], [], "Newsroom staff, news agencies", "Newsroom staff, news agencies"),
        (["Jane Doe"], [], "news agencies", "Jane Doe and news agencies"),
    ],
)
def test_byline_reads_like_print(staff, agencies, credit, expected):
    authors = [make_author(name=name) for name in staff]
    authors += [make_author(name=name, is_agency=True) for name in agencies]
    article = make_article(authors=authors, byline_credit=credit)

    article = Article.objects.for_listing().get(pk=article.pk)

    assert article.byline() == expected


def test_hebrew_byline_joins_the_last_name_with_vav():
    authors = [make_author(name="יעל כהן"), make_author(name="רויטרס", is_agency=True)]
    article = make_article(authors=authors, language=Article.Language.HEBREW)

    article = Article.objects.for_listing().get(pk=article.pk)

    assert article.byline() == "יעל כהן ורויטרס"


def test_byline_keeps_the_order_editors_set():
    first, second = make_author(name="Second"), make_author(name="First")
    article = make_article(authors=[second, first])

    assert (
        Article.objects.for_listing().get(pk=article.pk).byline() == "First and Second"
    )
