"""
A scheduled story is under embargo everywhere until its time, then appears
everywhere at once, with nobody acting and every page served from the cache.
"""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Correction
from articles.pagecache.pages import PageCacheMiddleware
from tests.base import make_article, make_author, make_gallery, make_section, paragraphs

pytestmark = [pytest.mark.django_db, pytest.mark.caching]

HEADLINE = "Harbour deal signed at dawn"
SLUG = "harbour-deal-signed"
# Seconds from now the story goes live: time enough to read every page first.
EMBARGO_SECONDS = 4


@pytest.fixture
def embargoed():
    section = make_section(name="Business", slug="business")
    author = make_author(name="Noa Ben David", slug="noa-ben-david")
    gallery = make_gallery(photos=2, slug="harbour-deal")
    story = make_article(
        headline=HEADLINE,
        slug=SLUG,
        section=section,
        authors=[author],
        tags=["Harbour"],
        body=paragraphs("The deal was signed at dawn.", gallery),
        published_at=timezone.now() + timedelta(seconds=EMBARGO_SECONDS),
    )
    Correction.objects.create(
        article=story, kind="update", text="Harbour deal: the unions agreed."
    )
    # Another story on the same lists, so that no list is empty.
    make_article(
        headline="Markets open higher",
        section=section,
        authors=[author],
        tags=["Harbour"],
    )
    return story


def lists():
    """Pages that list stories or their corrections: none may mention the story."""
    return [
        "/",
        "/sections/business/",
        "/tags/harbour/",
        "/authors/noa-ben-david/",
        "/feed.rss",
        "/feed.atom",
        "/sections/business/feed.rss",
        "/sections/business/feed.atom",
        "/sitemap-articles.xml",
        "/news-sitemap.xml",
        "/corrections/",
        "/corrections/feed.rss",
    ]


def own_pages(story):
    return [
        story.get_absolute_url(),
        story.gallery_photo_url("harbour-deal", 1),
        story.gallery_photo_url("harbour-deal", 2),
    ]


def test_a_scheduled_story_appears_everywhere_at_its_time_and_not_before(
    client, embargoed
):
    for path in lists():
        response = client.get(path)
        assert response.status_code == 200, path
        assert HEADLINE not in response.content.decode(), path
        assert SLUG not in response.content.decode(), path
    for path in own_pages(embargoed):
        assert client.get(path).status_code == 404, path

    time.sleep(max(0, (embargoed.published_at - timezone.now()).total_seconds()))
    time.sleep(0.1)

    for path in lists():
        page = client.get(path).content.decode()
        assert SLUG in page, path
        if "sitemap" not in path:
            assert HEADLINE in page or "Harbour deal: the unions agreed." in page, path
    for path in own_pages(embargoed):
        assert client.get(path).status_code == 200, path


def test_the_lists_were_served_from_the_cache_until_the_story_went_live(
    client, embargoed, monkeypatch
):
    for path in lists():
        client.get(path)
    builds = []
    build = PageCacheMiddleware.build

    def counting_build(self, request, *args, **kwargs):
        builds.append(request.path)
        return build(self, request, *args, **kwargs)

    monkeypatch.setattr(PageCacheMiddleware, "build", counting_build)

    for path in lists():
        client.get(path)
    assert builds == []

    time.sleep(max(0, (embargoed.published_at - timezone.now()).total_seconds()))
    time.sleep(0.1)
    for path in lists():
        client.get(path)

    assert sorted(builds) == sorted(lists())
