"""Galleries placed between paragraphs, and the gallery page readers open from them."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import Article, Gallery
from tests.base import make_article, make_gallery, make_photo, paragraphs
from tests.test_article_admin import story_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    gallery = make_gallery(photos=3, title="Delegations arrive", slug="delegations")
    return make_article(
        slug="talks-open",
        published_at=timezone.make_aware(timezone.datetime(2026, 11, 20, 9, 0)),
        body=paragraphs("First paragraph.", gallery, "Second paragraph."),
    )


GALLERY = "/2026/nov/20/talks-open/galleries/delegations/"


def test_a_gallery_shows_as_a_teaser_between_paragraphs(client, story):
    response = client.get(story.get_absolute_url())

    html = response.content.decode()
    teaser = html.index('<figure class="gallery-teaser">')
    assert html.index("First paragraph.") < teaser < html.index("Second paragraph.")
    assert "[gallery:" not in html
    link = re.search(r'<a class="gallery-teaser__link" href="([^"]+)">', html)[1]
    assert link == f"{GALLERY}1/"
    label = re.sub(r"<[^>]+>", "", html[html.index('class="gallery-teaser__label"') :])
    assert label.split("\n")[0].endswith("3 View gallery")


def test_the_teaser_shows_the_first_photos_caption_and_credit(client, story):
    html = client.get(story.get_absolute_url()).content.decode()

    teaser = html[html.index('<figure class="gallery-teaser">') :]
    caption = teaser[teaser.index("<figcaption>") : teaser.index("</figcaption>")]
    assert '<span class="gallery-teaser__title">Delegations arrive</span>' in caption
    assert "Photo 1 of gallery" in caption
    assert "Photo 2 of gallery" not in html
    assert '<span class="photo-credit">(Photo: <bdi>Reuters</bdi>)</span>' in caption


def test_teaser_uses_responsive_lazy_images(client, story):
    response = client.get(story.get_absolute_url())

    html = response.content.decode()
    teaser = html[html.index('<figure class="gallery-teaser">') :]
    webp = re.search(r'<source type="image/webp" srcset="([^"]+)"', teaser)[1]
    assert len(webp.split(", ")) >= 1
    img = re.search(r"<img [^>]+>", teaser)[0]
    assert 'loading="lazy"' in img
    assert re.search(r'width="\d+" height="\d+"', img)
    assert 'alt="משלחות נפגשות באולם" dir="rtl"' in img


def test_lead_photo_loads_first_with_its_credit(client):
    photo = make_photo(size=(1800, 1200), caption="Crowds at the port.", credit="AFP")
    article = make_article(lead_photo=photo)

    response = client.get(article.get_absolute_url())

    html = response.content.decode()
    figure = html[html.index('<figure class="story__lead-photo">') :]
    assert 'fetchpriority="high"' in figure.split("</figure>")[0]
    srcset = re.search(r'<source type="image/webp" srcset="([^"]+)"', figure)[1]
    assert [entry.split()[-1] for entry in srcset.split(", ")] == [
        "480w",
        "960w",
        "1600w",
    ]
    assert "Crowds at the port." in figure
    assert "(Photo: <bdi>AFP</bdi>)" in figure


def test_a_missing_gallery_is_a_validation_error_not_a_broken_page():
    article = make_article(body="<p>Intro.</p><p>[gallery:no-such-gallery]</p>")

    with pytest.raises(ValidationError) as error:
        article.full_clean()

    assert error.value.message_dict["body"] == [
        "There is no gallery called “no-such-gallery”. Check the placeholder against "
        "the gallery list."
    ]


def test_a_gallery_deleted_later_is_left_out_of_the_page(client, story):
    Gallery.objects.all().delete()

    response = client.get(story.get_absolute_url())

    assert response.status_code == 200
    assert b"gallery-teaser" not in response.content


def test_gallery_page_shows_one_photo_with_caption_credit_and_position(client, story):
    response = client.get(f"{GALLERY}1/")

    html = response.content.decode()
    assert '<h1 class="gallery__title">Delegations arrive</h1>' in html
    assert "Photo 1 of gallery" in html
    assert "(Photo: <bdi>Reuters</bdi>)" in html
    assert '<span class="gallery__position" dir="ltr">1 / 3</span>' in html
    assert f'rel="next" href="{GALLERY}2/"' in html
    assert 'rel="prev"' not in html
    assert f'<a href="{story.get_absolute_url()}">Back to the story:' in html
    assert 'alt="משלחות נפגשות באולם" dir="rtl"' in html


def test_gallery_page_links_both_ways_and_stops_at_the_end(client, story):
    middle = client.get(f"{GALLERY}2/").content.decode()
    last = client.get(f"{GALLERY}3/").content.decode()

    assert f'rel="prev" href="{GALLERY}1/"' in middle
    assert f'rel="next" href="{GALLERY}3/"' in middle
    assert "Photo 2 of gallery" in middle
    assert f'rel="prev" href="{GALLERY}2/"' in last
    assert 'rel="next"' not in last


def test_gallery_address_without_a_number_opens_the_first_photo(client, story):
    response = client.get(GALLERY)

    assert response.status_code == 301
    assert response["Location"] == f"{GALLERY}1/"


@pytest.mark.parametrize("number", [0, 4])
def test_a_photo_number_outside_the_gallery_is_not_found(client, story, number):
    assert client.get(f"{GALLERY}{number}/").status_code == 404


def test_a_gallery_not_placed_in_the_story_is_not_found(client, story):
    make_gallery(slug="elsewhere")

    assert (
        client.get("/2026/nov/20/talks-open/galleries/elsewhere/1/").status_code == 404
    )


def test_a_gallery_of_an_unpublished_story_is_not_found(client, story):
    Article.objects.filter(pk=story.pk).update(status=Article.Status.DRAFT)

    assert client.get(f"{GALLERY}1/").status_code == 404


def test_gallery_page_script_is_external(client, story):
    response = client.get(f"{GALLERY}1/")

    assert b'<script src="/static/articles/gallery.js" defer></script>' in (
        response.content
    )


def test_story_page_queries_stay_flat_with_three_galleries_of_twenty_photos(
    client, django_assert_max_num_queries
):
    galleries = [make_gallery(photos=20) for _ in range(3)]
    article = make_article(
        lead_photo=make_photo(),
        body=paragraphs("One.", galleries[0], "Two.", galleries[1], galleries[2]),
        tags=["a", "b", "c"],
    )

    # story with section and lead photo, bylines, tags, menu, gallery photos,
    # comments, corrections, related stories (three), most read
    with django_assert_max_num_queries(11):
        response = client.get(article.get_absolute_url())

    assert response.content.count(b"20</span> View gallery") == 3


def test_gallery_page_queries_stay_flat_with_fifty_photos(
    client, django_assert_max_num_queries
):
    gallery = make_gallery(photos=50, slug="big")
    article = make_article(body=paragraphs("Intro.", gallery))

    # story, gallery photos, menu
    with django_assert_max_num_queries(5):
        response = client.get(article.gallery_photo_url("big", 25))

    assert b"25 / 50" in response.content


def test_photos_without_details_block_publishing_and_are_named():
    incomplete = make_photo(alt_text="", caption="Night vigil")
    gallery = make_gallery(photos=[make_photo(), incomplete])
    lead = make_photo(credit="", caption="Harbour at dawn")
    article = make_article(
        status=Article.Status.DRAFT,
        published_at=None,
        body=paragraphs("Intro.", gallery),
        lead_photo=lead,
    )
    article.status = Article.Status.PUBLISHED
    article.published_at = timezone.now()

    with pytest.raises(ValidationError) as error:
        article.full_clean()

    assert error.value.messages == [
        "The story cannot be published until these photos have alt text and a "
        f"credit, and are processed: Photo {incomplete.pk}: Night vigil (no alt text); "
        f"Photo {lead.pk}: Harbour at dawn (no credit)."
    ]


def test_publish_now_skips_stories_whose_photos_lack_details(editor):
    incomplete = make_gallery(photos=[make_photo(credit="")])
    blocked = make_article(
        status=Article.Status.DRAFT, published_at=None, body=paragraphs(incomplete)
    )
    ready = make_article(
        status=Article.Status.DRAFT,
        published_at=None,
        body=paragraphs(make_gallery(photos=2)),
    )

    count = Article.objects.filter(pk__in=[blocked.pk, ready.pk]).publish_now(editor)

    assert count == 1
    assert list(Article.objects.live()) == [ready]


def test_editor_is_told_which_photos_stop_a_story_from_publishing(client, editor):
    photo = make_photo(alt_text="", caption="Crowd outside the court")
    article = make_article(
        headline="Verdict due",
        status=Article.Status.DRAFT,
        published_at=None,
        body=paragraphs(make_gallery(photos=[photo])),
    )
    client.force_login(editor)

    response = client.post(
        "/admin/articles/article/",
        {"action": "publish_now", "_selected_action": [article.pk]},
        follow=True,
    )

    [message] = [str(m) for m in response.context["messages"]]
    assert message.startswith(
        "“Verdict due” was not published: its photos need alt text and a credit, and "
        "their processing finished, first."
    )
    link = f'<a href="/admin/articles/photo/{photo.pk}/change/"><img src="'
    assert link in message
    assert 'class="photo-thumbnail">' in message
    assert f"Photo {photo.pk}: Crowd outside the court (no alt text)</a>" in message
    assert message in response.content.decode()  # shown as links, not escaped
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_the_story_form_shows_the_photos_stopping_publication(client, editor):
    photo = make_photo(alt_text="", credit="", caption="Crowd outside the court")
    article = make_article(
        headline="Verdict due",
        status=Article.Status.DRAFT,
        published_at=None,
        body=paragraphs(make_gallery(photos=[photo])),
    )
    client.force_login(editor)

    response = client.post(
        f"/admin/articles/article/{article.pk}/change/",
        story_form(
            headline="Verdict due",
            slug=article.slug,
            body=article.body,
            section=str(article.section_id),
            status="published",
        ),
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert '<div class="photos-to-fix" role="alert">' in html
    assert f'href="/admin/articles/photo/{photo.pk}/change/" target="_blank"' in html
    assert "Crowd outside the court (no alt text, no credit)" in html
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_saving_a_story_records_the_galleries_it_places():
    first, second = make_gallery(photos=1), make_gallery(photos=1)
    article = make_article(body=paragraphs(first, "Text.", second))

    assert set(article.galleries.all()) == {first, second}
    article.body = paragraphs("Text.", second)
    article.save()
    assert list(article.galleries.all()) == [second]


def test_scheduled_story_gallery_stays_hidden_until_publication(client):
    gallery = make_gallery(photos=2, slug="later")
    article = make_article(
        published_at=timezone.now() + timedelta(hours=1), body=paragraphs(gallery)
    )

    assert client.get(article.gallery_photo_url("later", 1)).status_code == 404
