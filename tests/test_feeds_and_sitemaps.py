from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from articles.models import Article
from articles.sitemaps import ArticleSitemap
from tests.base import make_article, make_section

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def parse(response):
    assert response.status_code == 200
    return ElementTree.fromstring(response.content)


@pytest.fixture
def stories():
    world = make_section(name="World", slug="world")
    sport = make_section(name="Sport", slug="sport")
    now = timezone.now()
    return {
        "talks": make_article(
            headline="Talks resume", section=world, tags=["Diplomacy"], published_at=now
        ),
        "final": make_article(
            headline="Cup final tonight",
            section=sport,
            published_at=now - timedelta(hours=1),
        ),
        "old": make_article(
            headline="Last week's summit",
            section=world,
            published_at=now - timedelta(days=7),
        ),
        "draft": make_article(
            headline="Unfinished", section=world, status=Article.Status.DRAFT
        ),
        "scheduled": make_article(
            headline="Embargoed", section=world, published_at=now + timedelta(hours=1)
        ),
    }


def test_rss_feed_lists_live_stories_newest_first(client, stories):
    channel = parse(client.get("/feed.rss")).find("channel")

    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == [
        "Talks resume",
        "Cup final tonight",
        "Last week's summit",
    ]
    assert items[0].findtext("link").endswith(stories["talks"].get_absolute_url())
    assert items[0].findtext("category") == "Diplomacy"
    assert items[0].findtext("pubDate")


def test_atom_feed_lists_live_stories(client, stories):
    feed = parse(client.get("/feed.atom"))

    titles = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
    assert titles == ["Talks resume", "Cup final tonight", "Last week's summit"]
    assert feed.findtext(f"{ATOM}title") == "Newsroom: latest stories"


@pytest.mark.parametrize(
    ("path", "titles"),
    [
        ("/sections/world/feed.rss", "channel/item/title"),
        ("/sections/world/feed.atom", f"{ATOM}entry/{ATOM}title"),
    ],
)
def test_section_feeds_hold_only_that_sections_live_stories(
    client, stories, path, titles
):
    feed = parse(client.get(path))

    assert [title.text for title in feed.findall(titles)] == [
        "Talks resume",
        "Last week's summit",
    ]


def test_feed_of_unknown_section_is_not_found(client):
    assert client.get("/sections/nowhere/feed.rss").status_code == 404


def test_sitemap_index_points_to_article_and_section_sitemaps(client, stories):
    index = parse(client.get("/sitemap.xml"))

    locations = [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    assert locations == [
        "http://testserver/sitemap-articles.xml",
        "http://testserver/sitemap-sections.xml",
    ]


def test_article_sitemap_lists_every_live_story(client, stories):
    urlset = parse(client.get("/sitemap-articles.xml"))

    locations = {loc.text for loc in urlset.iter(f"{SITEMAP}loc")}
    assert locations == {
        "http://testserver" + stories[name].get_absolute_url()
        for name in ("talks", "final", "old")
    }
    assert urlset.find(f"{SITEMAP}url/{SITEMAP}lastmod") is not None


def test_a_long_article_sitemap_is_split_into_pages_the_index_names(
    client, stories, monkeypatch
):
    monkeypatch.setattr(ArticleSitemap, "limit", 2)

    index = parse(client.get("/sitemap.xml"))
    first = parse(client.get("/sitemap-articles.xml"))
    second = parse(client.get("/sitemap-articles.xml?p=2"))

    assert "http://testserver/sitemap-articles.xml?p=2" in [
        loc.text for loc in index.iter(f"{SITEMAP}loc")
    ]
    assert [loc.text for loc in second.iter(f"{SITEMAP}loc")] == [
        "http://testserver" + stories["old"].get_absolute_url()
    ]
    assert len(list(first.iter(f"{SITEMAP}loc"))) == 2


def test_section_sitemap_lists_sections(client, stories):
    urlset = parse(client.get("/sitemap-sections.xml"))

    locations = {loc.text for loc in urlset.iter(f"{SITEMAP}loc")}
    assert locations == {
        "http://testserver/sections/world/",
        "http://testserver/sections/sport/",
    }


def test_news_sitemap_lists_live_stories_of_the_last_two_days(client, stories):
    urlset = parse(client.get("/news-sitemap.xml"))

    entries = urlset.findall(f"{SITEMAP}url")
    assert [e.findtext(f"{NEWS}news/{NEWS}title") for e in entries] == [
        "Talks resume",
        "Cup final tonight",
    ]
    news = entries[0].find(f"{NEWS}news")
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "Newsroom"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "en"
    assert news.findtext(f"{NEWS}publication_date") == (
        stories["talks"].published_at.isoformat()
    )


def test_robots_txt_points_crawlers_at_the_sitemaps(client, settings):
    settings.SITE_URL = "https://news.example.com"

    response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain"
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Sitemap: https://news.example.com/sitemap.xml" in lines
    assert "Sitemap: https://news.example.com/news-sitemap.xml" in lines
