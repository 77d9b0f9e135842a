"""
Photos in an S3-compatible object store (MEDIA_STORAGE_URL): moto's server on
loopback stands in for S3, reached over HTTP as the site reaches S3.
"""

import io
import re
import urllib.request

import pytest
from django.core.management import call_command

from articles import images, tasks
from articles.models import Photo
from tests.base import image_bytes, image_upload, make_article, make_photo, paragraphs

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_in_object_store")]


def objects(bucket):
    return sorted(entry.key for entry in bucket.objects.all())


def fetch(url):
    """(status, headers, body) of a GET of `url`, as a browser would fetch it."""
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.headers, response.read()


def photo_addresses(html):
    """Every address an <img> or <source> of `html` loads a photo from."""
    sources = re.findall(r'<img[^>]* src="([^"]+)"', html)
    for srcset in re.findall(r'srcset="([^"]+)"', html):
        sources += [entry.split()[0] for entry in srcset.split(", ")]
    return sources


def test_an_upload_and_its_renditions_are_stored_in_the_bucket_not_on_disk(
    client, editor, media_in_object_store, settings
):
    client.force_login(editor)

    response = client.post(
        "/admin/articles/photo/add/",
        {
            "image": image_upload(content=image_bytes((1200, 800))),
            "alt_text": "Harbour cranes at dawn",
            "caption": "",
            "credit": "AFP",
        },
    )

    assert response.status_code == 302
    tasks.run_queued_jobs()
    photo = Photo.objects.get()
    assert objects(media_in_object_store) == sorted(
        [photo.image.name, *photo.rendition_names()]
    )
    # the original and 3 widths, cropped and whole, in WebP and JPEG
    assert len(objects(media_in_object_store)) == 1 + 3 * 2 * 2
    assert not settings.MEDIA_ROOT.exists()


def test_readers_fetch_photos_from_the_media_address_never_signed(client, settings):
    photo = make_photo((1200, 800))
    story = make_article(lead_photo=photo, body=paragraphs("Cranes stood idle."))

    html = client.get(story.get_absolute_url()).content.decode()

    addresses = photo_addresses(html)
    assert len(addresses) == 1 + 3 + 3  # src, then the JPEG and WebP srcsets
    assert all(address.startswith(settings.MEDIA_URL) for address in addresses)
    assert "X-Amz-" not in html and "Signature=" not in html
    status, headers, body = fetch(addresses[0])
    assert status == 200
    assert headers["Content-Type"] == "image/jpeg"
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert body.startswith(b"\xff\xd8")  # a JPEG


def test_regenerating_renditions_replaces_them_in_the_bucket(media_in_object_store):
    photo = make_photo((1200, 800))
    before = set(photo.rendition_names())

    call_command(
        "regenerate_renditions", "--force", stdout=io.StringIO(), stderr=io.StringIO()
    )

    photo.refresh_from_db()
    after = set(photo.rendition_names())
    assert len(after) == len(before) == 12
    assert not before & after
    assert objects(media_in_object_store) == sorted([photo.image.name, *after])


def test_deleting_a_photo_deletes_its_files_from_the_bucket(
    media_in_object_store, django_capture_on_commit_callbacks
):
    kept = make_photo()
    deleted = make_photo()

    with django_capture_on_commit_callbacks(execute=True):
        deleted.delete()

    assert objects(media_in_object_store) == sorted(
        [kept.image.name, *kept.rendition_names()]
    )


def test_replacing_a_photos_file_deletes_the_old_files_from_the_bucket(
    media_in_object_store, django_capture_on_commit_callbacks
):
    photo = make_photo()
    old = {photo.image.name, *photo.rendition_names()}

    with django_capture_on_commit_callbacks(execute=True):
        photo.image = images.clean_upload(image_upload(content=image_bytes((90, 60))))
        photo.save()
        tasks.run_queued_jobs()

    photo.refresh_from_db()
    new = {photo.image.name, *photo.rendition_names()}
    assert not old & new
    assert objects(media_in_object_store) == sorted(new)
