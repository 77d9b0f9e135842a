import json
import re
from datetime import timedelta
from urllib.parse import quote

import pytest
import time_machine
from django.utils import timezone

from articles.models import Article
from tests.base import make_article, make_author, make_section

pytestmark = pytest.mark.django_db


def story_json_ld(response):
    html = response.content.decode()
    start = html.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    return json.loads(html[start : html.index("</script>", start)])


def test_reader_sees_headline_standfirst_byline_section_and_body(client):
    section = make_section(name="World", slug="world")
    jane = make_author(name="Jane Doe", slug="jane-doe")
    article = make_article(
        headline="Talks open in Istanbul",
        standfirst="Delegations meet for the first time since the fighting began.",
        body="<p>The first round began on Monday.</p>"
        "<blockquote><p>“We came to listen,” said the envoy.</p></blockquote>",
        section=section,
        authors=[jane],
        byline_credit="news agencies",
    )

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="story__headline">Talks open in Istanbul</h1>' in html
    assert "Delegations meet for the first time" in html
    assert (
        '<a href="/authors/jane-doe/" rel="author">Jane Doe</a> and news agencies'
        in (html)
    )
    assert '<a href="/sections/world/"><bdi>World</bdi></a>' in html
    assert (
        "<blockquote><p>“We came to listen,” said the envoy.</p></blockquote>" in html
    )


def test_the_story_invites_readers_to_follow_the_site_on_its_accounts(client, settings):
    settings.FOLLOW_US = [
        ("Facebook", "https://www.facebook.com/newsroom"),
        ("X", "https://x.com/newsroom"),
        ("Instagram", "https://www.instagram.com/newsroom"),
    ]
    html = client.get(make_article().get_absolute_url()).content.decode()

    follow = re.search(r'<p class="story__follow">(.*?)</p>', html)[1]
    assert re.sub(r"<[^>]+>", "", follow) == (
        "Follow Newsroom on Facebook, X and Instagram"
    )
    assert '<a href="https://x.com/newsroom" rel="me noopener">X</a>' in follow
    assert html.index("story__dateline") < html.index("story__follow")
    assert html.index("story__follow") < html.index("story__body")


def test_no_follow_line_when_the_site_names_no_accounts(client, settings):
    settings.FOLLOW_US = []

    html = client.get(make_article().get_absolute_url()).content.decode()

    assert "story__follow" not in html


def test_story_url_carries_its_publication_date(client):
    published = timezone.make_aware(timezone.datetime(2026, 8, 21, 9, 30))
    article = make_article(slug="budget-vote", published_at=published)

    response = client.get("/2026/aug/21/budget-vote/")

    assert response.context["article"] == article


def test_an_old_date_in_the_url_redirects_to_the_current_address(client):
    published = timezone.make_aware(timezone.datetime(2026, 8, 21, 9, 30))
    make_article(slug="budget-vote", published_at=published)

    response = client.get("/2026/aug/20/budget-vote/")

    assert response.status_code == 301
    assert response["Location"] == "/2026/aug/21/budget-vote/"


def test_story_with_a_hebrew_slug_opens(client):
    published = timezone.make_aware(timezone.datetime(2026, 11, 24, 8, 0))
    make_article(slug="גל-חום", published_at=published)

    response = client.get(quote("/2026/nov/24/גל-חום/"))

    assert response.status_code == 200


def test_tags_link_to_their_topic_pages(client):
    article = make_article(tags=["Ceasefire talks", "ירושלים"])

    response = client.get(article.get_absolute_url())

    assert b'<a href="/tags/ceasefire-talks/" rel="tag">Ceasefire talks</a>' in (
        response.content
    )
    hebrew_href = quote("/tags/ירושלים/")
    assert f'<a href="{hebrew_href}" rel="tag">ירושלים</a>' in response.content.decode()


def test_publication_time_is_machine_readable_and_update_shown_when_later(client):
    published = timezone.now() - timedelta(days=1)
    article = make_article(published_at=published)
    Article.objects.filter(pk=article.pk).update(revised_at=timezone.now())

    response = client.get(article.get_absolute_url())

    html = response.content.decode()
    assert f'Published <time datetime="{published.isoformat()}" dir="ltr">' in html
    assert "Updated <time datetime=" in html


def test_no_update_line_when_the_story_was_not_changed_after_publication(client):
    article = make_article(published_at=timezone.now())

    response = client.get(article.get_absolute_url())

    assert b"Updated" not in response.content


@pytest.mark.parametrize(
    "status", [Article.Status.DRAFT, Article.Status.IN_REVIEW], ids=str
)
def test_reader_cannot_see_an_unpublished_story(client, status):
    article = make_article(status=status)

    assert client.get(article.get_absolute_url()).status_code == 404


def test_reader_cannot_see_a_scheduled_story_until_its_time(client):
    goes_live = timezone.now() + timedelta(hours=2)
    article = make_article(published_at=goes_live)

    assert client.get(article.get_absolute_url()).status_code == 404
    with time_machine.travel(goes_live + timedelta(seconds=1)):
        assert client.get(article.get_absolute_url()).status_code == 200


def test_unknown_story_is_not_found(client):
    assert client.get("/2026/aug/21/no-such-story/").status_code == 404


def test_hebrew_story_is_marked_right_to_left(client):
    article = make_article(
        headline="השיחות נפתחו באיסטנבול", language=Article.Language.HEBREW
    )

    response = client.get(article.get_absolute_url())

    assert b'<article class="story" lang="he" dir="rtl">' in response.content
    assert "השיחות נפתחו באיסטנבול" in response.content.decode()


def test_story_page_has_canonical_url_and_social_cards(client, settings):
    settings.SITE_URL = "https://news.example.com"
    article = make_article(headline="Rail strike called off", tags=["Transport"])
    url = "https://news.example.com" + article.get_absolute_url()

    response = client.get(article.get_absolute_url())

    html = response.content.decode()
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert '<meta property="og:title" content="Rail strike called off">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="article:tag" content="Transport">' in html
    assert '<meta name="twitter:card" content="summary">' in html


def test_json_ld_describes_a_news_article(client, settings):
    settings.SITE_URL = "https://news.example.com"
    settings.SITE_NAME = "Newsroom"
    jane = make_author(name="Jane Doe", slug="jane-doe")
    reuters = make_author(name="Reuters", slug="reuters", is_agency=True)
    article = make_article(
        headline="Talks </script> open",
        standfirst="A first round.",
        authors=[jane, reuters],
    )

    data = story_json_ld(client.get(article.get_absolute_url()))

    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Talks </script> open"
    assert data["description"] == "A first round."
    assert data["datePublished"] == article.published_at.isoformat(timespec="seconds")
    # Never revised: modified when published.
    assert data["dateModified"] == data["datePublished"]
    assert [(a["@type"], a["name"]) for a in data["author"]] == [
        ("Person", "Jane Doe"),
        ("Organization", "Reuters"),
    ]
    assert data["publisher"]["name"] == "Newsroom"
    assert data["url"] == "https://news.example.com" + article.get_absolute_url()


def test_story_page_queries_do_not_grow_with_authors_and_tags(
    client, django_assert_max_num_queries
):
    authors = [make_author() for _ in range(8)]
    article = make_article(authors=authors, tags=[f"Topic {i}" for i in range(15)])

    # story with section, bylines with authors, tags, section menu, comments,
    # corrections, related stories (three), most read
    with django_assert_max_num_queries(10):
        response = client.get(article.get_absolute_url())

    assert response.content.count(b'rel="tag"') == 15
    assert response.content.count(b'rel="author"') == 8


def test_a_live_story_whose_slug_changed_keeps_its_old_address(client):
    story = make_article(slug="council-passes-budget")
    old_url = story.get_absolute_url()
    assert client.get(old_url).status_code == 200  # and kept in the cache

    story.slug = "council-passes-budget-late-at-night"
    story.save()
    story.slug = "eastbridge-budget-passes"
    story.save()

    first = client.get(old_url)
    second = client.get(
        old_url.replace("council-passes-budget", "council-passes-budget-late-at-night")
    )
    assert first.status_code == second.status_code == 301
    assert first["Location"] == second["Location"] == story.get_absolute_url()
    assert client.get(story.get_absolute_url()).status_code == 200


def test_going_back_to_an_old_slug_serves_the_story_there(client):
    story = make_article(slug="harbour-deal")
    story.slug = "harbour-deal-signed"
    story.save()
    story.slug = "harbour-deal"
    story.save()

    assert client.get(story.get_absolute_url()).status_code == 200
    moved = client.get(
        story.get_absolute_url().replace("harbour-deal", "harbour-deal-signed")
    )
    assert moved.status_code == 301
    assert moved["Location"] == story.get_absolute_url()


def test_a_draft_renamed_before_publication_leaves_no_old_address(client):
    story = make_article(slug="first-draft-name", status=Article.Status.DRAFT)
    story.slug = "final-name"
    story.save()
    story.status = Article.Status.PUBLISHED
    story.save()

    old = story.get_absolute_url().replace("final-name", "first-draft-name")
    assert client.get(old).status_code == 404


def test_the_old_address_of_a_story_taken_down_is_gone_too(client):
    story = make_article(slug="harbour-deal")
    old_url = story.get_absolute_url()
    story.slug = "harbour-deal-signed"
    story.save()
    story.status = Article.Status.DRAFT
    story.save()

    assert client.get(old_url).status_code == 404
