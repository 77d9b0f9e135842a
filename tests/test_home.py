from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.base import (
    make_article,
    make_articles,
    make_author,
    make_comment,
    make_section,
)

pytestmark = pytest.mark.django_db


def test_newest_story_leads_the_home_page(client):
    make_article(
        headline="Yesterday's news", published_at=timezone.now() - timedelta(1)
    )
    make_article(headline="Breaking: rail strike called off")

    response = client.get("/")

    lead = response.context["front_page"].lead
    assert lead.headline == "Breaking: rail strike called off"
    html = response.content.decode()
    assert html.index("Breaking: rail strike") < html.index("Yesterday&#x27;s news")


def test_latest_stories_are_grouped_by_section_in_section_order(client):
    sport = make_section(name="Sport", slug="sport", order=2)
    world = make_section(name="World", slug="world", order=1)
    hour_ago = timezone.now() - timedelta(hours=1)
    make_article(headline="Lead story", section=sport, published_at=timezone.now())
    make_article(
        headline="Final goes to extra time", section=sport, published_at=hour_ago
    )
    make_article(headline="Envoys meet in Geneva", section=world, published_at=hour_ago)

    response = client.get("/")

    groups = response.context["front_page"].sections
    assert [g.section for g in groups] == [world, sport]
    assert [a.headline for a in groups[1].articles] == ["Final goes to extra time"]
    assert b'<h2 id="section-world" class="section-group__title">' in response.content


def test_each_section_shows_only_its_newest_stories(client):
    section = make_section()
    make_articles(10, section=section)

    response = client.get("/")

    (group,) = response.context["front_page"].sections
    assert len(group.articles) == 4


def test_drafts_and_scheduled_stories_stay_off_the_home_page(client):
    make_article(headline="A draft", status=Article.Status.DRAFT)
    make_article(headline="Later", published_at=timezone.now() + timedelta(hours=1))
    make_article(headline="Live story")

    response = client.get("/")

    assert b"Live story" in response.content
    assert b"A draft" not in response.content
    assert b"Later" not in response.content


def test_cards_show_how_many_comments_are_approved(client):
    article = make_article()
    for status in ("approved", "approved", "pending", "spam"):
        make_comment(article, status=status)

    response = client.get("/")

    assert f'href="{article.get_absolute_url()}#comments">2 comments</a>'.encode() in (
        response.content
    )


def test_home_page_with_no_stories_says_so(client):
    response = client.get("/")

    assert b"No stories have been published yet." in response.content


def test_home_page_queries_do_not_grow_with_stories_or_sections(
    client, django_assert_max_num_queries
):
    authors = [make_author() for _ in range(3)]
    for _ in range(6):
        for article in make_articles(
            6, section=make_section(), authors=authors, tags=["a", "b"]
        ):
            make_comment(article)

    # 1: ranked stories with sections; 2: their bylines with authors; 3: menu
    with django_assert_max_num_queries(8):
        response = client.get("/")

    assert response.content.count(b'class="article-card"') == 1 + 6 * 4
