"""
Photo renditions, scheduled go-lives and the daily erasure of comment data are
jobs: queued in the database, run by the worker (`manage.py db_worker`).
"""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles import images, tasks
from articles.models import Article, Comment, GalleryPhoto, LiveUpdate, Photo
from tests.base import (
    image_bytes,
    image_upload,
    make_article,
    make_comment,
    make_gallery,
    make_photo,
    paragraphs,
    run_jobs_and_their_retries,
    stored_files,
)

pytestmark = pytest.mark.django_db


def uploaded_photo(size=(1200, 800), **fields):
    """A photo just uploaded: saved, its renditions not made yet."""
    photo = Photo(
        image=images.clean_upload(image_upload(content=image_bytes(size))),
        alt_text="Fishing boats at the quay",
        credit="AFP",
        **fields,
    )
    photo.save()
    return photo


def gallery_count(html):
    return int(re.search(r'gallery-teaser__count">(\d+)<', html)[1])


def test_readers_see_a_new_photo_once_the_worker_has_made_its_renditions(client):
    gallery = make_gallery(photos=1, slug="harbour")
    story = make_article(body=paragraphs("The fleet came home.", gallery))
    assert gallery_count(client.get(story.get_absolute_url()).content.decode()) == 1

    photo = uploaded_photo(caption="The last boat in")
    GalleryPhoto.objects.create(gallery=gallery, photo=photo, position=1)

    assert photo.status == Photo.Status.PROCESSING
    assert gallery_count(client.get(story.get_absolute_url()).content.decode()) == 1
    assert client.get(story.gallery_photo_url("harbour", 2)).status_code == 404

    tasks.run_queued_jobs()

    # The cached story page is rebuilt when the renditions are recorded.
    assert gallery_count(client.get(story.get_absolute_url()).content.decode()) == 2
    page = client.get(story.gallery_photo_url("harbour", 2)).content.decode()
    assert "The last boat in" in page
    photo.refresh_from_db()
    assert photo.cropped.src in page or photo.uncropped.src in page


def test_a_story_cannot_go_live_with_a_photo_still_processing(editor):
    photo = uploaded_photo(caption="Quay at dusk")
    story = make_article(
        status=Article.Status.DRAFT,
        published_at=None,
        body=paragraphs("The fleet came home.", make_gallery(photos=[photo])),
    )
    story.status = Article.Status.PUBLISHED
    story.published_at = timezone.now()

    with pytest.raises(ValidationError) as error:
        story.full_clean()
    assert error.value.messages == [
        "The story cannot be published until these photos have alt text and a "
        f"credit, and are processed: Photo {photo.pk}: Quay at dusk (still "
        "processing)."
    ]
    assert Article.objects.filter(pk=story.pk).publish_now(editor) == 0

    tasks.run_queued_jobs()

    story.full_clean()
    assert Article.objects.filter(pk=story.pk).publish_now(editor) == 1


def test_a_live_update_cannot_show_a_photo_still_processing():
    story = make_article()
    story.start_live_coverage()
    update = LiveUpdate(
        article=story,
        text="Boats are still coming in.",
        photo=uploaded_photo(),
        published_at=timezone.now(),
    )

    with pytest.raises(ValidationError) as error:
        update.full_clean()
    assert error.value.message_dict["photo"] == [
        "This photo needs alt text and a credit, and its processing finished, "
        "before readers can see it (still processing)."
    ]


def test_a_replaced_file_is_shown_by_its_old_renditions_until_the_new_are_made(
    client, django_capture_on_commit_callbacks
):
    photo = make_photo((1200, 800))
    story = make_article(lead_photo=photo, body=paragraphs("The fleet came home."))
    old_src = photo.cropped.src

    with django_capture_on_commit_callbacks(execute=True):
        photo.image = images.clean_upload(
            image_upload(content=image_bytes((900, 600), color="darkred"))
        )
        photo.save()

    assert photo.status == Photo.Status.READY
    assert old_src in client.get(story.get_absolute_url()).content.decode()

    tasks.run_queued_jobs()

    photo.refresh_from_db()
    page = client.get(story.get_absolute_url()).content.decode()
    assert old_src not in page
    assert photo.cropped.src in page
    assert sorted(stored_files()) == sorted(
        [photo.image.name, *photo.rendition_names()]
    )


def test_renditions_of_a_file_replaced_meanwhile_are_thrown_away():
    photo = uploaded_photo()
    in_the_job = Photo.objects.get(pk=photo.pk)
    photo.image = images.clean_upload(image_upload(content=image_bytes((900, 600))))
    photo.save()

    in_the_job.make_renditions()  # of the first file, now replaced

    photo.refresh_from_db()
    assert photo.status == Photo.Status.PROCESSING
    assert photo.renditions == {}
    assert sorted(stored_files()) == sorted([in_the_job.image.name, photo.image.name])


def test_a_photo_deleted_before_its_turn_leaves_no_files(
    django_capture_on_commit_callbacks,
):
    photo = uploaded_photo()
    with django_capture_on_commit_callbacks(execute=True):
        photo.delete()

    tasks.run_queued_jobs()

    assert stored_files() == []


def test_a_photo_that_could_not_be_processed_is_processed_again_from_the_admin(
    client, editor, monkeypatch
):
    photo = uploaded_photo()
    monkeypatch.setattr(images, "render_renditions", broken_renditions)
    run_jobs_and_their_retries()
    photo.refresh_from_db()
    assert photo.status == Photo.Status.FAILED
    client.force_login(editor)
    listing = client.get("/admin/articles/photo/?status=failed").content.decode()
    assert f"Photo {photo.pk}:" in listing
    assert "Could not be processed" in listing
    monkeypatch.undo()

    response = client.post(
        "/admin/articles/photo/",
        {"action": "process_again", "_selected_action": [photo.pk]},
        follow=True,
    )

    assert "1 photo will be processed again in a moment." in [
        str(m) for m in response.context["messages"]
    ]
    photo.refresh_from_db()
    assert photo.status == Photo.Status.PROCESSING
    tasks.run_queued_jobs()
    photo.refresh_from_db()
    assert photo.status == Photo.Status.READY
    assert len(photo.rendition_names()) == 12


def broken_renditions(file, stem, *args):
    raise OSError("broken data stream when reading image file")


def test_a_passing_failure_is_tried_again_and_the_photo_made_ready(monkeypatch):
    photo = uploaded_photo()
    make_renditions = images.render_renditions
    tries = []

    def failing_once(*args):
        tries.append(args)
        if len(tries) == 1:
            raise ConnectionError("the object store did not answer")
        return make_renditions(*args)

    monkeypatch.setattr(images, "render_renditions", failing_once)
    tasks.run_queued_jobs()
    photo.refresh_from_db()
    assert photo.status == Photo.Status.PROCESSING  # not given up
    [retry] = tasks.waiting(tasks.make_renditions)
    assert retry.run_after > timezone.now()

    with time_machine.travel(retry.run_after + timedelta(seconds=1)):
        tasks.run_queued_jobs()

    photo.refresh_from_db()
    assert photo.status == Photo.Status.READY
    assert len(tries) == 2


def test_the_daily_job_erases_old_comment_data_and_queues_the_next_day():
    tasks.queue_daily_jobs()  # as each migrate does
    [job] = tasks.waiting(tasks.erase_old_comment_data)
    runs_at = timezone.localtime(job.run_after)
    assert runs_at.hour == tasks.DAILY_AT_HOUR
    assert timezone.now() < runs_at <= timezone.now() + timedelta(days=1)
    story = make_article()
    old = make_comment(story, user_agent="Firefox")
    Comment.objects.filter(pk=old.pk).update(created_at=runs_at - timedelta(days=91))
    recent = make_comment(story, user_agent="Chrome")

    with time_machine.travel(runs_at - timedelta(minutes=1)):
        tasks.run_queued_jobs()
    old.refresh_from_db()
    assert old.user_agent == "Firefox"  # not yet

    with time_machine.travel(runs_at + timedelta(minutes=1)):
        tasks.run_queued_jobs()

    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.ip_address, old.user_agent) == (None, "")
    assert (recent.ip_address, recent.user_agent) == ("203.0.113.7", "Chrome")
    [tomorrow] = tasks.waiting(tasks.erase_old_comment_data)
    assert tomorrow.run_after == job.run_after + timedelta(days=1)


def test_the_daily_job_deletes_the_rows_of_jobs_finished_two_weeks_ago():
    tasks.queue_daily_jobs()
    [job] = tasks.waiting(tasks.prune_finished_jobs)
    runs_at = job.run_after
    uploaded_photo()
    tasks.run_queued_jobs()
    renditions = DBTaskResult.objects.filter(
        task_path=tasks.make_renditions.module_path
    )
    assert renditions.count() == 1

    with time_machine.travel(runs_at + timedelta(days=13)):
        tasks.run_queued_jobs()
    assert renditions.count() == 1  # finished 13 days ago: kept

    with time_machine.travel(runs_at + timedelta(days=15)):
        tasks.run_queued_jobs()
    assert renditions.count() == 0
    assert tasks.waiting(tasks.prune_finished_jobs).count() == 1


def test_superusers_see_each_job_and_why_one_failed(admin_client, monkeypatch):
    uploaded_photo()
    monkeypatch.setattr(images, "render_renditions", broken_renditions)
    run_jobs_and_their_retries()

    listing = admin_client.get("/admin/django_tasks_database/dbtaskresult/")

    assert "make_renditions" in listing.content.decode()
    job = DBTaskResult.objects.filter(
        task_path=tasks.make_renditions.module_path
    ).latest("finished_at")
    page = admin_client.get(
        f"/admin/django_tasks_database/dbtaskresult/{job.pk}/change/"
    )
    assert page.status_code == 200
    assert "broken data stream when reading image file" in page.content.decode()
