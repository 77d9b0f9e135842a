import io
import re
import tempfile
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.test import TestCase, override_settings
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from articles import demo_content, images
from articles.management.commands.seed_demo import Command
from articles.models import (
    Article,
    Author,
    Byline,
    Gallery,
    GalleryPhoto,
    Photo,
    Section,
)

User = get_user_model()

DEMO_PLACES = re.compile(
    r"Eastbridge|Solberg|Valmora|Esterra|Varnik|Ostmark|Lesk|Pelin"
)
DATE = re.compile(
    r"\b\d{1,2} (January|February|March|April|May|June|July|August|"
    r"September|October|November|December) \d{4}\b"
)


def seed_demo():
    """Run the command and return what it printed."""
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def files_under(root):
    return {path.relative_to(root) for path in Path(root).rglob("*") if path.is_file()}


class SeedDemoTests(TestCase):
    # Seeded once for the whole class: every photo is drawn and gets its renditions,
    # which takes seconds.
    @classmethod
    def setUpTestData(cls):
        cls.media_root = cls.enterClassContext(tempfile.TemporaryDirectory())
        with override_settings(
            DEBUG=True, MEDIA_ROOT=cls.media_root, SITE_URL="http://127.0.0.1:8000"
        ):
            cls.output = seed_demo()

    def seed_again(self):
        with self.settings(DEBUG=True, MEDIA_ROOT=self.media_root):
            return seed_demo()

    def snapshot(self):
        models = [Section, Author, Article, Byline, Tag, TaggedItem, User]
        models += [Photo, Gallery, GalleryPhoto]
        counts = {model.__name__: model.objects.count() for model in models}
        published_at = dict(Article.objects.values_list("slug", "published_at"))
        return counts, published_at, files_under(self.media_root)

    def test_running_twice_changes_nothing(self):
        first = self.snapshot()

        self.seed_again()

        self.assertEqual(self.snapshot(), first)

    def test_it_creates_a_newsroom_worth_of_content(self):
        now = timezone.now()
        self.assertGreaterEqual(Section.objects.count(), 5)
        self.assertGreaterEqual(Article.objects.count(), 40)
        self.assertGreaterEqual(Article.objects.filter(language="he").count(), 4)
        self.assertTrue(Article.objects.filter(authors__is_agency=True).exists())
        credit_only = Article.objects.filter(authors=None, byline_credit__gt="")
        self.assertTrue(credit_only.exists())
        unpublished = Article.objects.exclude(status="published")
        self.assertEqual(
            set(unpublished.values_list("status", flat=True)), {"draft", "in_review"}
        )
        scheduled = Article.objects.filter(status="published", published_at__gt=now)
        self.assertEqual(scheduled.count(), 1)
        self.assertGreaterEqual(Article.objects.live().count(), 40)

    def test_galleries_hold_photos_with_hebrew_alt_text_captions_and_credits(self):
        galleries = Gallery.objects.prefetch_related("gallery_photos__photo")
        self.assertGreaterEqual(len(galleries), 4)
        for gallery in galleries:
            entries = list(gallery.gallery_photos.all())
            with self.subTest(gallery=gallery.slug):
                self.assertTrue(gallery.title)
                self.assertIn(len(entries), range(3, 7))
                positions = [entry.position for entry in entries]
                self.assertEqual(positions, list(range(len(entries))))
            for photo in (entry.photo for entry in entries):
                with self.subTest(photo=photo.caption):
                    self.assertRegex(photo.alt_text, "[\u0590-\u05ff]")
                    self.assertRegex(photo.caption, DEMO_PLACES)
                    self.assertRegex(photo.caption, DATE)
                    self.assertTrue(photo.credit)

    def test_a_live_story_places_three_galleries_between_its_paragraphs(self):
        with_three = Article.objects.live().annotate(placed=Count("galleries"))
        self.assertTrue(with_three.filter(placed=3).exists())

        talks = Article.objects.get(
            slug="valmora-esterra-talks-end-without-breakthrough"
        )
        blocks = talks.body_blocks()
        self.assertEqual(
            [block.gallery is not None for block in blocks],
            [False, True, False, True, False, True, False],
        )

    def test_stories_are_linked_to_the_galleries_their_body_places(self):
        stories = Article.objects.prefetch_related("galleries")
        for story in stories:
            linked = {gallery.slug for gallery in story.galleries.all()}
            self.assertEqual(linked, set(story.gallery_slugs()), story.slug)
        with_galleries = stories.filter(galleries__isnull=False).distinct()
        self.assertGreaterEqual(with_galleries.count(), 3)

    def test_about_ten_live_stories_have_a_lead_photo(self):
        with_lead = Article.objects.live().exclude(lead_photo=None)
        self.assertGreaterEqual(with_lead.count(), 10)

    def test_every_photo_went_through_the_upload_pipeline_and_has_renditions(self):
        photos = Photo.objects.all()
        # Each once, though some are both in a gallery and a story's lead photo.
        self.assertEqual(len(photos), len(demo_content.PHOTOS))
        for photo in photos:
            with self.subTest(photo=photo.caption):
                # A name made by clean_upload, not the one the demo gave the file.
                self.assertRegex(photo.image.name, r"^photos/.*/[0-9a-f]{32}\.jpg$")
                self.assertEqual(photo.renditions["version"], images.RENDITIONS_VERSION)
                for name in [photo.image.name, *photo.rendition_names()]:
                    self.assertTrue(Path(self.media_root, name).is_file(), name)

    def test_the_summary_counts_photos_and_galleries(self):
        photos, galleries = Photo.objects.count(), Gallery.objects.count()
        self.assertIn(f"{galleries} galleries, {photos} photos", self.output)

    def test_editor_and_moderator_can_log_in_with_the_printed_password(self):
        for username, group in [("editor", "Editors"), ("moderator", "Moderators")]:
            label = username.capitalize()
            match = re.search(rf"{label} login: {username} / (\S+)", self.output)
            user = authenticate(username=username, password=match[1])
            self.assertIsNotNone(user)
            self.assertIs(user.is_staff, True)
            self.assertEqual(list(user.groups.values_list("name", flat=True)), [group])
        self.assertIn("http://127.0.0.1:8000/admin/", self.output)

    def test_rerun_keeps_a_changed_password(self):
        editor = User.objects.get(username="editor")
        editor.set_password("chosen-by-the-editor")
        editor.save()

        self.seed_again()

        self.assertIsNotNone(
            authenticate(username="editor", password="chosen-by-the-editor")
        )


class SeedDemoRefusalTests(TestCase):
    def test_it_refuses_to_run_with_debug_off(self):
        with self.settings(DEBUG=False):
            with self.assertRaisesMessage(CommandError, "DEBUG=1"):
                seed_demo()

        self.assertFalse(User.objects.exists())
        self.assertFalse(Article.objects.exists())

    def test_an_interrupted_run_leaves_no_photos_behind(self):
        # One gallery and no stories: three photos are drawn before the interruption.
        one_gallery = mock.patch.multiple(
            demo_content, GALLERIES=demo_content.GALLERIES[:1], STORIES=[]
        )
        interrupted = mock.patch.object(
            Command, "seed_user", side_effect=KeyboardInterrupt
        )
        with self.settings(DEBUG=True), one_gallery, interrupted:
            with self.assertRaises(KeyboardInterrupt):
                seed_demo()

        self.assertTrue(Path(settings.MEDIA_ROOT, "photos").is_dir())
        self.assertEqual(files_under(settings.MEDIA_ROOT), set())
        self.assertFalse(Photo.objects.exists())
