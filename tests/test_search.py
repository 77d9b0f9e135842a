"""Reader search at /search/ and in the admin story list, on SQLite and PostgreSQL."""

from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from articles.models import Article
from tests.base import make_article, make_articles, make_section

pytestmark = pytest.mark.django_db


def search(client, **query):
    return client.get("/search/?" + urlencode(query))


def headlines(response):
    return [found.article.headline for found in response.context["page_obj"]]


def test_a_headline_match_ranks_above_a_standfirst_match_above_a_body_match(client):
    make_article(headline="Rain again", body="<p>The reservoir is full.</p>")
    make_article(headline="Weather", standfirst="The reservoir rises.")
    make_article(headline="Reservoir opens to swimmers")

    response = search(client, q="reservoir")

    assert headlines(response) == [
        "Reservoir opens to swimmers",
        "Weather",
        "Rain again",
    ]
    assert b"3 stories found for \xe2\x80\x9creservoir\xe2\x80\x9d" in response.content


def test_only_live_stories_are_found(client):
    make_article(headline="Harbour live")
    make_article(headline="Harbour draft", status=Article.Status.DRAFT)
    make_article(
        headline="Harbour scheduled", published_at=timezone.now() + timedelta(days=1)
    )

    response = search(client, q="harbour")

    assert headlines(response) == ["Harbour live"]
    assert b"Harbour draft" not in response.content
    assert b"Harbour scheduled" not in response.content


def test_matching_words_are_marked_in_the_headline_and_an_excerpt(client):
    make_article(
        headline="Ferry timetable changes",
        body="<p>Long introduction.</p><p>The new <b>ferry</b> leaves at dawn.</p>",
    )

    response = search(client, q="ferry")

    assert b"<mark>Ferry</mark> timetable changes" in response.content
    assert b"The new <mark>ferry</mark> leaves at dawn" in response.content
    assert b"<b>" not in response.content.split(b'class="search-results"')[1]


def test_story_text_and_the_query_are_escaped_in_results(client):
    make_article(
        headline="Alert: 5 < 6 & <script>alert(1)</script>",
        standfirst="A standfirst with <img src=x onerror=alert(2)>.",
        body="<p>Written about: &lt;script&gt;alert(3)&lt;/script&gt; tags.</p>",
    )

    response = search(client, q="alert <script>")

    content = response.content.decode()
    assert "<script>" not in content
    assert "<img src=x" not in content
    assert "<mark>Alert</mark>: 5 &lt; 6 &amp; &lt;" in content
    assert "&gt;<mark>alert</mark>(3)&lt;/" in content
    assert "“alert &lt;script&gt;”" in content


def test_quotes_or_and_minus_work_as_on_a_web_search_engine(client):
    make_article(headline="Night bus routes cut")
    make_article(headline="Bus night shift ends")
    make_article(headline="Tram routes extended")

    assert set(headlines(search(client, q='"night bus"'))) == {"Night bus routes cut"}
    assert set(headlines(search(client, q="bus -shift"))) == {"Night bus routes cut"}
    assert set(headlines(search(client, q="tram OR shift"))) == {
        "Bus night shift ends",
        "Tram routes extended",
    }
    assert len(headlines(search(client, q="routes"))) == 2


def test_a_hebrew_word_finds_it_after_a_one_letter_prefix(client):
    make_article(headline="הבית הלבן הודיע על שיחות", language="he")
    make_article(headline="ביקור בירושלים", language="he")
    make_article(headline="ומשרד החינוך הגיב", language="he")

    assert headlines(search(client, q="בית")) == ["הבית הלבן הודיע על שיחות"]
    assert headlines(search(client, q="ירושלים")) == ["ביקור בירושלים"]
    assert headlines(search(client, q="משרד")) == ["ומשרד החינוך הגיב"]
    assert headlines(search(client, q="ירושלים -ביקור")) == []


def test_an_english_word_also_finds_its_other_forms(client):
    make_article(
        headline="Council approves housing budgets",
        body="<p>Members were voting late into the night.</p>",
    )
    make_article(headline="Budgie show returns")

    response = search(client, q="budget votes")

    assert headlines(response) == ["Council approves housing budgets"]
    assert b"housing <mark>budgets</mark>" in response.content
    assert b"Members were <mark>voting</mark> late" in response.content
    assert headlines(search(client, q='"housing budget"')) == [
        "Council approves housing budgets"
    ]
    assert headlines(search(client, q="the")) == ["Council approves housing budgets"]


def test_results_can_be_narrowed_to_a_section_and_dates(client):
    world = make_section(name="World", slug="world")
    sport = make_section(name="Sport", slug="sport")
    now = timezone.now()
    make_article(headline="Final in world news", section=world)
    make_article(headline="Final in sport", section=sport, published_at=now)
    make_article(
        headline="Old final", section=sport, published_at=now - timedelta(days=40)
    )
    today = timezone.localdate(now)

    assert headlines(search(client, q="final", section="world")) == [
        "Final in world news"
    ]
    recent = search(client, q="final", section="sport", **{"from": str(today)})
    assert headlines(recent) == ["Final in sport"]
    old = search(client, q="final", to=str(today - timedelta(days=30)))
    assert headlines(old) == ["Old final"]


@pytest.mark.parametrize(
    "query, message",
    [
        ({"from": "yesterday"}, "Enter a date as YYYY-MM-DD, such as 2026-11-30."),
        ({"to": "2026-02-30"}, "Enter a date as YYYY-MM-DD, such as 2026-11-30."),
        (
            {"from": "2026-12-01", "to": "2026-11-01"},
            "The “From” date is after the “To” date.",
        ),
        ({"section": "no-such-section"}, "There is no such section."),
    ],
)
def test_bad_filters_get_a_clear_message(client, query, message):
    make_article(headline="Final whistle")

    response = search(client, q="final", **query)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["page_obj"].object_list == []
    assert "no-store" in response["Cache-Control"]


def test_far_dates_do_not_break_the_page(client):
    make_article(headline="Final whistle")

    response = search(client, q="final", **{"from": "0001-01-01", "to": "9999-12-31"})

    assert headlines(response) == ["Final whistle"]


def test_results_are_paginated_keeping_the_query_and_filters(client, settings):
    settings.ARTICLES_PER_PAGE = 10
    make_section(name="World", slug="world")
    make_articles(25, headline="Budget story", standfirst="Budget.")

    first = search(client, q="budget", section="world")
    last = search(client, q="budget", section="world", page=3)

    assert len(first.context["page_obj"]) == 10
    assert b'href="?q=budget&amp;section=world&amp;page=2"' in first.content
    assert len(last.context["page_obj"]) == 5
    assert b"Page 3 of 3" in last.content


def test_past_the_most_stories_listed_the_page_says_more_than(
    client, settings, monkeypatch
):
    monkeypatch.setattr("articles.models.search.MAX_RESULTS", 4)
    settings.ARTICLES_PER_PAGE = 2
    make_articles(4, headline="Budget story")
    make_articles(2, headline="Budget story", standfirst="Late.")

    first = search(client, q="budget")
    last = search(client, q="budget", page=2)

    assert b"More than 4 stories found for \xe2\x80\x9cbudget\xe2\x80\x9d" in (
        first.content
    )
    assert b"Page 1 of 2" in first.content
    assert len(headlines(last)) == 2
    assert b'rel="next"' not in last.content
    exactly_four = search(client, q="budget -late")
    assert b"4 stories found for" in exactly_four.content
    assert b"More than" not in exactly_four.content


HOSTILE_QUERIES = [
    "x" * 10_000,
    "budget " * 2_000,
    '"unbalanced quote',
    'budget"',
    '""""',
    "'; DROP TABLE articles_article; --",
    "1' OR '1'='1",
    "budget) OR (1=1",
    "🙂🚀 budget 🙂",
    "🙂",
    "* NEAR(a b) ^ : AND OR NOT",
    "or",
    "-budget",
    "- - -",
    "\\",
    "%_%",
    "<script>alert(1)</script>",
    "budget\x00",
    "ק" * 300,
    "ב" * 2,
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_queries_give_results_or_an_empty_page_never_an_error(client, query):
    make_article(headline="Budget passes")

    response = search(client, q=query)

    assert response.status_code == 200
    assert Article.objects.filter(headline="Budget passes").exists()


def test_an_empty_search_asks_for_words(client):
    response = client.get("/search/")

    assert response.status_code == 200
    assert b"Type one or more words" in response.content


def test_a_search_that_finds_nothing_says_so(client):
    make_article(headline="Budget passes")

    response = search(client, q="zebra")

    assert b"No story matches \xe2\x80\x9czebra\xe2\x80\x9d" in response.content


def test_the_search_page_needs_the_same_queries_however_many_stories_match(
    client, django_assert_max_num_queries
):
    make_articles(30, headline="Council budget", standfirst="Budget.")
    # 1: sections for the form; 2: the stories listed, best first (their number
    # is the count; PostgreSQL first looks up the words' English stems); 3: the
    # page's stories with their marked text (on SQLite 3a: the marked text, 3b:
    # the stories); 4: their bylines; 5: the section menu.
    with django_assert_max_num_queries(6):
        response = search(client, q="budget")
    assert len(response.context["page_obj"]) == 20


def test_the_index_follows_every_way_a_story_is_written(client):
    story = make_article(headline="Quiet day")
    assert headlines(search(client, q="flood")) == []

    story.headline = "Flood warning"
    story.save()
    assert headlines(search(client, q="flood")) == ["Flood warning"]

    Article.objects.filter(pk=story.pk).update(body="<p>Tidal surge expected.</p>")
    assert headlines(search(client, q="surge")) == ["Flood warning"]

    story.standfirst = "Rivers rise."
    Article.objects.bulk_update([story], ["standfirst"])
    assert headlines(search(client, q="rivers")) == ["Flood warning"]

    Article.objects.filter(pk=story.pk).delete()
    assert headlines(search(client, q="flood")) == []


def test_a_story_moved_unpublished_or_rescheduled_is_found_where_it_now_is(client):
    world = make_section(name="World", slug="world")
    sport = make_section(name="Sport", slug="sport")
    story = make_article(headline="Flood warning", section=world)

    Article.objects.filter(pk=story.pk).update(section=sport)
    assert headlines(search(client, q="flood", section="world")) == []
    assert headlines(search(client, q="flood", section="sport")) == ["Flood warning"]

    Article.objects.filter(pk=story.pk).update(
        published_at=timezone.now() + timedelta(days=1)
    )
    assert headlines(search(client, q="flood")) == []

    Article.objects.filter(pk=story.pk).update(
        published_at=timezone.now(), status=Article.Status.DRAFT
    )
    assert headlines(search(client, q="flood")) == []


def test_the_header_on_every_page_has_a_search_box(client):
    make_article()

    response = client.get("/")

    assert b'<form class="site-search" role="search" action="/search/"' in (
        response.content
    )


@pytest.mark.postgresql
def test_near_misses_are_found_when_nothing_matches_postgresql(client):
    make_article(headline="Eastbridge council passes budget")
    make_article(headline="Harbour City win the cup")

    response = search(client, q="eastbrige")

    assert headlines(response) == ["Eastbridge council passes budget"]
    assert b"Stories with similar words" in response.content


@pytest.mark.postgresql
def test_near_misses_keep_the_words_left_out_and_mark_the_similar_words_postgresql(
    client,
):
    make_article(headline="Eastbridge council passes budget")
    make_article(headline="Eastbridge harbour reopens")

    response = search(client, q="eastbrige -budget")

    assert headlines(response) == ["Eastbridge harbour reopens"]
    assert b"<mark>Eastbridge</mark> harbour reopens" in response.content


@pytest.mark.postgresql
def test_of_more_matches_than_are_listed_the_newest_are_ranked_postgresql(
    client, monkeypatch
):
    monkeypatch.setattr("articles.models.search.MAX_RESULTS", 2)
    now = timezone.now()
    make_article(headline="Reservoir opens", published_at=now - timedelta(days=9))
    for days in (1, 2, 3):
        make_article(
            headline=f"Weather on day {days}",
            body="<p>The reservoir is full.</p>",
            published_at=now - timedelta(days=days),
        )

    assert headlines(search(client, q="reservoir")) == [
        "Weather on day 1",
        "Weather on day 2",
    ]


@pytest.mark.postgresql
def test_a_phrase_is_found_in_older_stories_than_those_with_its_words_postgresql(
    client, settings
):
    settings.ARTICLES_PER_PAGE = 1
    now = timezone.now()
    make_article(headline="Talks on a ceasefire", published_at=now)
    make_article(headline="Ceasefire talks begin", published_at=now - timedelta(1))

    response = search(client, q='"ceasefire talks"')

    assert headlines(response) == ["Ceasefire talks begin"]
    assert b"1 story found" in response.content


def test_editors_search_the_story_list_with_the_same_rules(client, editor):
    make_article(headline="Night bus routes cut", status=Article.Status.DRAFT)
    make_article(headline="Bus night shift ends")
    make_article(headline="הבית הלבן", language="he")
    client.force_login(editor)

    def found(query):
        response = client.get("/admin/articles/article/?" + urlencode({"q": query}))
        assert response.status_code == 200
        return {str(article) for article in response.context["cl"].result_list}

    assert found('"night bus"') == {"Night bus routes cut"}
    assert found("bus -shift") == {"Night bus routes cut"}
    assert found("בית") == {"הבית הלבן"}
    assert found('"; DROP TABLE') == set()


# The page cache: search pages are kept per query, within bounds.


@pytest.mark.caching
def test_a_search_page_is_kept_and_served_for_every_spelling_of_the_query(
    client, django_assert_num_queries
):
    make_article(headline="Budget passes")
    search(client, q="budget")

    with django_assert_num_queries(0):
        again = search(client, q="  BUDGET ", utm_source="mail")

    assert b"<mark>Budget</mark> passes" in again.content
    assert "public" in again["Cache-Control"]


@pytest.mark.caching
def test_a_search_that_finds_nothing_is_never_kept(client):
    make_article(headline="Budget passes")

    response = search(client, q="zebra")

    assert "no-store" in response["Cache-Control"]
    assert response.context is not None  # built again: nothing was kept
    assert search(client, q="zebra").context is not None


@pytest.mark.caching
def test_only_the_first_pages_and_pages_that_exist_are_kept(client, settings):
    settings.ARTICLES_PER_PAGE = 1
    settings.SEARCH_PAGES_KEPT = 2
    make_articles(3, headline="Budget story")

    assert "public" in search(client, q="budget", page=2)["Cache-Control"]
    assert "no-store" in search(client, q="budget", page=3)["Cache-Control"]
    assert "no-store" in search(client, q="budget", page=9)["Cache-Control"]


@pytest.mark.caching
def test_made_up_queries_cannot_fill_the_cache(client, settings):
    settings.SEARCH_CACHE_PAGES = 2
    make_article(headline="Budget vote on the harbour plan")

    kept = [
        "public" in search(client, q=query)["Cache-Control"]
        for query in ("budget", "vote", "harbour", "plan", "budget vote")
    ]

    assert kept == [True, True, False, False, False]
    assert "public" in search(client, q="budget")["Cache-Control"]  # still kept


@pytest.mark.caching
def test_a_kept_search_page_refreshes_when_a_story_starts_or_stops_matching(client):
    make_article(headline="Flood warning")
    other = make_article(headline="Quiet day")
    draft = make_article(headline="Flood defences", status=Article.Status.DRAFT)
    assert headlines(search(client, q="flood")) == ["Flood warning"]

    other.headline = "Flood reaches the quay"
    other.save()
    assert len(headlines(search(client, q="flood"))) == 2

    draft.status = Article.Status.PUBLISHED
    draft.save()
    assert len(headlines(search(client, q="flood"))) == 3

    Article.objects.filter(pk=other.pk).update(status=Article.Status.DRAFT)
    assert "Flood reaches the quay" not in headlines(search(client, q="flood"))


@pytest.mark.sqlite
def test_migrate_puts_back_index_triggers_a_table_rebuild_dropped_sqlite(client):
    make_article(headline="Flood warning")
    with connection.cursor() as cursor:
        # What Django's SQLite schema editor does to a table it alters.
        cursor.execute("DROP TRIGGER articles_article_search_insert")
        cursor.execute("DROP TRIGGER articles_article_search_update")
    make_article(headline="Flood defences")

    call_command("migrate", verbosity=0)

    make_article(headline="Flood barrier")
    assert len(headlines(search(client, q="flood"))) == 3
