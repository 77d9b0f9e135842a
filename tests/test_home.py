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
    # Pinned stories come with the others, in the same query.
    old = make_articles(3, published_at=timezone.now() - timedelta(days=30))
    for position, article in enumerate(old, start=1):
        article.front_page_position = position
        article.save()

    # 1: ranked stories with sections; 2: their bylines with authors; 3: menu;
    # 4: most read
    with django_assert_max_num_queries(9):
        response = client.get("/")

    assert response.content.count(b'class="article-card"') == 3 + 6 * 4


def test_editors_pin_the_lead_and_the_top_stories_in_their_order(client):
    now = timezone.now()
    make_article(headline="Newest of all", published_at=now)
    analysis = make_article(
        headline="What the budget means", published_at=now - timedelta(days=2)
    )
    vote = make_article(headline="Council votes", published_at=now - timedelta(days=1))
    rail = make_article(headline="Rail talks", published_at=now - timedelta(hours=3))
    for story, position in ((vote, 1), (analysis, 2), (rail, 3)):
        story.front_page_position = position
        story.save()

    response = client.get("/")

    page = response.context["front_page"]
    assert page.lead == vote
    assert page.top == [analysis, rail]
    in_sections = [a for group in page.sections for a in group.articles]
    assert [a.headline for a in in_sections] == ["Newest of all"]
    html = response.content.decode()
    assert (
        html.index("Council votes")
        < html.index("Top stories")
        < html.index("What the budget means")
        < html.index("Rail talks")
        < html.index("Newest of all")
    )


def test_unpinning_gives_the_lead_back_to_the_newest_story_on_the_cached_page(
    client,
):
    make_article(headline="Newest of all")
    vote = make_article(
        headline="Council votes", published_at=timezone.now() - timedelta(days=1)
    )
    vote.front_page_position = 1
    vote.save()
    assert client.get("/").context["front_page"].lead == vote

    Article.objects.filter(pk=vote.pk).update(front_page_position=None)

    html = client.get("/").content.decode()
    assert html.index("Newest of all") < html.index("Council votes")
    assert "Top stories" not in html


def test_a_pinned_story_waits_for_its_time(client):
    make_article(headline="Newest of all")
    make_article(
        headline="Embargoed scoop",
        published_at=timezone.now() + timedelta(hours=1),
        front_page_position=1,
    )

    html = client.get("/").content.decode()

    assert "Embargoed scoop" not in html
    assert html.index("Newest of all") < html.index("</section>")


def test_editors_set_positions_from_the_story_list(client, editor):
    first = make_article(headline="Council votes")
    second = make_article(headline="Rail talks")
    wanted = {first.pk: "2", second.pk: "1"}
    client.force_login(editor)
    listed = client.get("/admin/articles/article/").context["cl"].result_list
    data = {"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "2", "_save": "Save"}
    for number, story in enumerate(listed):
        data[f"form-{number}-id"] = str(story.pk)
        data[f"form-{number}-front_page_position"] = wanted[story.pk]

    response = client.post("/admin/articles/article/", data)
    pinned = client.get("/admin/articles/article/?pinned=yes").context["cl"]
    client.logout()

    assert response.status_code == 302
    assert list(pinned.result_list) == [second, first]
    page = client.get("/").context["front_page"]
    assert page.lead == second
    assert page.top == [first]


def test_pinning_a_story_not_on_the_cached_home_page_puts_it_there(client):
    stories = make_articles(7)  # the lead, four in its section, two not shown
    oldest = stories[-1]
    assert oldest.headline not in client.get("/").content.decode()

    Article.objects.filter(pk=oldest.pk).update(front_page_position=1)

    assert client.get("/").context["front_page"].lead == oldest
