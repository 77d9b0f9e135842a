"""Personas and data helpers shared by the tests: plain functions, sensible defaults."""

import io
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import timedelta
from itertools import count
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth.models import Group, User
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from articles import images, tasks
from articles.forms import started_token
from articles.models import (
    Article,
    Author,
    Byline,
    Comment,
    Gallery,
    GalleryPhoto,
    Photo,
    Section,
)

PROJECT = Path(__file__).resolve().parent.parent

_serial = count(1)


def make_section(**overrides):
    n = next(_serial)
    fields = {"name": f"Section {n}", "slug": f"section-{n}", "order": n}
    return Section.objects.create(**fields | overrides)


def make_author(**overrides):
    n = next(_serial)
    fields = {"name": f"Reporter {n}", "slug": f"reporter-{n}", "role": "Reporter"}
    return Author.objects.create(**fields | overrides)


def make_article(*, authors=(), tags=(), **overrides):
    """A live story published an hour ago, unless `overrides` say otherwise."""
    n = next(_serial)
    fields = {
        "headline": f"Story number {n}",
        "slug": f"story-{n}",
        "standfirst": f"What happened in story {n}.",
        "body": f"<p>First paragraph of story {n}.</p>",
        "status": Article.Status.PUBLISHED,
        "published_at": timezone.now() - timedelta(hours=1),
    }
    fields |= overrides
    if "section" not in fields:
        fields["section"] = Section.objects.first() or make_section()
    article = Article.objects.create(**fields)
    Byline.objects.bulk_create(
        Byline(article=article, author=author, position=position)
        for position, author in enumerate(authors)
    )
    if tags:
        article.tags.add(*tags)
    return article


def make_articles(number, **overrides):
    """`number` live stories, newest first, one minute apart."""
    now = timezone.now()
    return [
        make_article(**{"published_at": now - timedelta(minutes=i + 1)} | overrides)
        for i in range(number)
    ]


def make_staff(username, group_name):
    user = User.objects.create_user(
        username, f"{username}@newsroom.test", "correct horse battery", is_staff=True
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


def image_bytes(size=(64, 48), image_format="JPEG", color="steelblue", **options):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=image_format, **options)
    return buffer.getvalue()


def image_upload(name="photo.jpg", content=None, content_type="image/jpeg"):
    return SimpleUploadedFile(name, content or image_bytes(), content_type)


def make_photo(size=(64, 48), **overrides):
    """A photo through the real upload pipeline, with renditions and full details."""
    fields = {
        "alt_text": "משלחות נפגשות באולם",
        "caption": "Delegations meet in Solberg, 12 November 2026.",
        "credit": "Reuters",
    }
    upload = image_upload(content=image_bytes(size))
    photo = Photo(image=images.clean_upload(upload), **fields | overrides)
    photo.save()
    tasks.run_queued_jobs()
    photo.refresh_from_db()
    return photo


def run_jobs_and_their_retries():
    """Run the queued jobs, then each retry of those that fail, at its time."""
    tasks.run_queued_jobs()
    moment = timezone.now()
    for delay in tasks.RETRY_AFTER_SECONDS:
        moment += timedelta(seconds=delay + 1)
        with time_machine.travel(moment, tick=False):
            tasks.run_queued_jobs()


def make_gallery(photos=3, **overrides):
    """A gallery of `photos` new photos, or of the photos given, in that order."""
    n = next(_serial)
    fields = {"title": f"Gallery {n}", "slug": f"gallery-{n}"}
    gallery = Gallery.objects.create(**fields | overrides)
    if isinstance(photos, int):
        photos = [
            make_photo(caption=f"Photo {i + 1} of gallery {n}") for i in range(photos)
        ]
    GalleryPhoto.objects.bulk_create(
        GalleryPhoto(gallery=gallery, photo=photo, position=position)
        for position, photo in enumerate(photos)
    )
    return gallery


def paragraphs(*blocks):
    """Body HTML from plain paragraphs and galleries, in order."""
    return "".join(
        f"<p>[gallery:{block.slug}]</p>"
        if isinstance(block, Gallery)
        else f"<p>{block}</p>"
        for block in blocks
    )


def make_comment(article, **overrides):
    """An approved comment on `article`, unless `overrides` say otherwise."""
    n = next(_serial)
    fields = {
        "author_name": f"Reader {n}",
        "author_email": f"reader{n}@example.org",
        "body": f"Comment number {n}.",
        "status": Comment.Status.APPROVED,
        "policy_version": "2026-11",
        "consented_at": timezone.now(),
        "ip_address": "203.0.113.7",
    }
    fields |= overrides
    if fields["status"] == Comment.Status.REJECTED:
        fields.setdefault("rejection_reason", Comment.RejectionReason.ABUSE)
    return Comment.objects.create(article=article, **fields)


def post_comment(client, story, body):
    """A reader's comment on `story`, sent as the story page's form sends it."""
    return client.post(
        story.get_comment_post_url(),
        {
            "author_name": "Dana Levi",
            "author_email": "dana@example.org",
            "body": body,
            "consent": "on",
            "started": started_token(),
        },
    )


def log_in(page, username):
    """Sign `username` (a make_staff user) in to the admin in the browser `page`."""
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    expect(
        page.get_by_role("link", name="Log out").or_(
            page.get_by_role("button", name="Log out")
        )
    ).to_be_visible()


def stored_files():
    """The name of every file in the default storage, on disk or in a bucket."""
    names = []
    folders = [""]
    while folders:
        folder = folders.pop()
        try:
            subfolders, files = default_storage.listdir(folder)
        except FileNotFoundError:  # nothing was ever stored on disk
            continue
        prefix = f"{folder}/" if folder else ""
        folders += [prefix + subfolder for subfolder in subfolders]
        names += [prefix + name for name in files]
    return sorted(names)


def free_port():
    """A loopback port no process listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_answering(url, process, what, output=lambda: "", seconds=60):
    """Wait for `url` to answer (any HTTP status) while `process` runs."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except urllib.error.HTTPError:
            return  # answering
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"{what} did not start: {output()}")
            time.sleep(0.2)


def site_environ(**settings):
    """
    The environment of the site run in production settings on loopback by a test,
    with `settings`, and nothing else of the test's own environment.
    """
    return {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/"),
        "DEBUG": "0",
        "SECRET_KEY": "a-site-on-loopback-for-a-test",
        "ALLOWED_HOSTS": "127.0.0.1",
        "HTTPS": "0",
        "LOG_LEVEL": "WARNING",
    } | settings


def start_gunicorn(port, environ):
    """The site under gunicorn (one worker) on `port`, once it answers."""
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "newsroom.wsgi"]
        + ["--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=PROJECT,
        env=environ,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    wait_until_answering(
        f"http://127.0.0.1:{port}/robots.txt",
        server,
        "gunicorn",
        lambda: server.stderr.read(),
    )
    return server
