"""Section, tag and author pages: live stories about one subject, paginated."""

from datetime import timedelta
from urllib.parse import quote

import pytest
from django.utils import timezone

from articles.models import Article
from tests.base import make_article, make_articles, make_author, make_section

pytestmark = pytest.mark.django_db


def test_section_page_lists_its_live_stories_newest_first(client):
    world = make_section(name="World", slug="world", description="News abroad.")
    make_article(
        headline="Older", section=world, published_at=timezone.now() - timedelta(2)
    )
    make_article(headline="Newer", section=world)
    make_article(headline="Elsewhere", section=make_section())
    make_article(headline="Draft", section=world, status=Article.Status.DRAFT)

    response = client.get("/sections/world/")

    assert response.status_code == 200
    assert [a.headline for a in response.context["page_obj"]] == ["Newer", "Older"]
    assert b"<h1>World</h1>" in response.content
    assert b"News abroad." in response.content
    assert (
        b'<a href="/sections/world/" aria-current="page">World</a>' in response.content
    )


def test_tag_page_lists_stories_with_that_tag(client):
    make_article(headline="Talks resume", tags=["Diplomacy"])
    make_article(headline="Budget passes", tags=["Economy"])

    response = client.get("/tags/diplomacy/")

    assert [a.headline for a in response.context["page_obj"]] == ["Talks resume"]
    assert b"<h1>Diplomacy</h1>" in response.content


def test_hebrew_tag_has_a_page(client):
    make_article(headline="Jerusalem story", tags=["ירושלים"])

    response = client.get(quote("/tags/ירושלים/"))

    assert [a.headline for a in response.context["page_obj"]] == ["Jerusalem story"]


def test_author_page_shows_the_author_and_their_stories(client):
    jane = make_author(name="Jane Doe", slug="jane-doe", role="Diplomatic editor")
    make_article(headline="Her story", authors=[jane])
    make_article(headline="Not hers", authors=[make_author()])

    response = client.get("/authors/jane-doe/")

    assert [a.headline for a in response.context["page_obj"]] == ["Her story"]
    assert b"Diplomatic editor" in response.content


def test_agency_page_says_it_is_a_news_agency(client):
    make_author(name="Reuters", slug="reuters", is_agency=True)

    response = client.get("/authors/reuters/")

    assert b"News agency" in response.content
    assert b"No stories here yet." in response.content


@pytest.mark.parametrize(
    "path", ["/sections/nowhere/", "/tags/nothing/", "/authors/nobody/"]
)
def test_unknown_subject_is_not_found(client, path):
    assert client.get(path).status_code == 404


def test_listings_paginate(client, settings):
    settings.ARTICLES_PER_PAGE = 5
    section = make_section(slug="news")
    articles = make_articles(12, section=section)

    first = client.get("/sections/news/")
    third = client.get("/sections/news/?page=3")

    assert list(first.context["page_obj"]) == articles[:5]
    assert b'<a rel="next" href="?page=2">Older stories</a>' in first.content
    assert b"Page 1 of 3" in first.content
    assert list(third.context["page_obj"]) == articles[10:]
    assert b'<a rel="prev" href="?page=2">Newer stories</a>' in third.content
    assert b'rel="next"' not in third.content


def test_a_page_past_the_end_is_not_found(client, settings):
    settings.ARTICLES_PER_PAGE = 5
    make_articles(12, section=make_section(slug="news"))

    assert client.get("/sections/news/?page=4").status_code == 404


@pytest.mark.parametrize("page", ["zero", "0", "-1", "01", "2.0"])
def test_a_page_number_that_is_not_one_shows_the_first_page(client, settings, page):
    settings.ARTICLES_PER_PAGE = 5
    make_articles(12, section=make_section(slug="news"))

    response = client.get(f"/sections/news/?page={page}")

    assert response.status_code == 200
    assert b"Page 1 of 3" in response.content


@pytest.mark.parametrize(
    "path", ["/sections/busy/", "/tags/busy/", "/authors/busy/"], ids=str
)
def test_listing_queries_do_not_grow_with_stories(
    client, path, django_assert_max_num_queries
):
    authors = [make_author(slug="busy"), make_author(), make_author()]
    make_articles(
        20, section=make_section(slug="busy"), authors=authors, tags=["busy", "x"]
    )

    # subject, count, stories with sections, bylines with authors, menu
    with django_assert_max_num_queries(8):
        response = client.get(path)

    assert response.content.count(b'class="article-card article-card--compact"') == 20
