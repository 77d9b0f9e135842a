"""Share links: a draft read by someone without an account, until expiry or revoke."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from articles import sharing
from articles.models import Article
from tests.base import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    return make_article(
        headline="Harbour deal close",
        slug="harbour-deal-close",
        status=Article.Status.DRAFT,
        published_at=None,
    )


def make_link(client, story, **data):
    """The share link path the admin gives the editor, from its message."""
    response = client.post(
        f"/admin/articles/article/{story.pk}/share/", data, follow=True
    )
    messages = [str(m) for m in response.context["messages"]]
    [url] = [re.search(r"https?://\S+", m)[0] for m in messages if "Share link" in m]
    return urlsplit(url).path


def test_anyone_with_the_link_reads_the_draft_marked_as_a_preview(
    client, editor, draft
):
    client.force_login(editor)
    link = make_link(client, draft)
    reader = Client()

    response = reader.get(link)

    assert link.startswith("/preview/shared/")
    assert "?" not in link
    assert response.status_code == 200
    html = response.content.decode()
    assert "Harbour deal close" in html
    assert "Preview, not published." in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert 'id="comment-form"' not in html
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"
    assert not response.cookies


def test_a_link_expires_after_48_hours_by_default(client, editor, draft):
    client.force_login(editor)
    link = make_link(client, draft)

    with time_machine.travel(timezone.now() + timedelta(hours=47)):
        assert Client().get(link).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(hours=49)):
        assert Client().get(link).status_code == 404


def test_the_editor_chooses_a_shorter_life(client, editor, draft):
    client.force_login(editor)
    link = make_link(client, draft, hours="1")

    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        assert Client().get(link).status_code == 404


def test_revoking_ends_every_link_made_so_far(client, editor, draft):
    client.force_login(editor)
    first, second = make_link(client, draft), make_link(client, draft)

    response = client.post(
        f"/admin/articles/article/{draft.pk}/share/", {"revoke": "all"}, follow=True
    )
    after = make_link(client, draft)

    assert "now answers “Page not found”" in str(list(response.context["messages"]))
    assert Client().get(first).status_code == 404
    assert Client().get(second).status_code == 404
    assert Client().get(after).status_code == 200


def test_a_forged_or_altered_link_is_not_found(client, editor, draft):
    client.force_login(editor)
    link = make_link(client, draft)
    other = make_article(status=Article.Status.DRAFT, published_at=None)

    assert Client().get(link[:-3] + "xyz/").status_code == 404
    assert Client().get("/preview/shared/not-a-token/").status_code == 404
    assert Client().get(sharing.share_url(other)).status_code == 200
    assert (
        Client().get(sharing.share_url(other).replace("/preview/", "/x/")).status_code
        == 404
    )


def test_once_the_story_is_live_the_link_leads_to_its_page(client, editor, draft):
    client.force_login(editor)
    link = make_link(client, draft)
    draft.status = Article.Status.PUBLISHED
    draft.save()

    response = Client().get(link)

    assert response.status_code == 302
    assert response["Location"] == draft.get_absolute_url()


def test_a_shared_draft_stays_out_of_feeds_sitemaps_and_lists(client, editor, draft):
    client.force_login(editor)
    link = make_link(client, draft)
    reader = Client()
    reader.get(link)

    for path in ("/", "/feed.rss", "/sitemap-articles.xml", "/news-sitemap.xml"):
        assert b"harbour-deal-close" not in reader.get(path).content, path


def test_a_moderator_cannot_make_share_links(client, moderator, draft):
    client.force_login(moderator)

    response = client.post(f"/admin/articles/article/{draft.pk}/share/")

    assert response.status_code == 403


def test_the_story_form_offers_share_links_only_before_publication(
    client, editor, draft
):
    live = make_article()
    client.force_login(editor)

    assert (
        b"Make a share link"
        in client.get(f"/admin/articles/article/{draft.pk}/change/").content
    )
    assert (
        b"Make a share link"
        not in client.get(f"/admin/articles/article/{live.pk}/change/").content
    )
