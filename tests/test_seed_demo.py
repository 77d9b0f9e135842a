import io
import re
import subprocess
import tempfile
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.test import RequestFactory, TestCase, override_settings
from django.utils import timezone
from django.utils.html import escape
from reversion.models import Version
from taggit.models import Tag, TaggedItem

from articles import demo_content, images
from articles.management.commands.seed_demo import Command
from articles.models import (
    Article,
    Author,
    Ban,
    BlockedTerm,
    Byline,
    Comment,
    CommentDecision,
    CommenterMark,
    Correction,
    Gallery,
    GalleryPhoto,
    LiveUpdate,
    Photo,
    ReadCount,
    Section,
)
from articles.models.moderation import Desk

User = get_user_model()

PROJECT = Path(__file__).resolve().parent.parent

DEMO_PLACES = re.compile(
    r"Eastbridge|Solberg|Valmora|Esterra|Varnik|Ostmark|Lesk|Pelin"
)
HEBREW = re.compile("[\u0590-\u05ff]")
# The address ranges kept for documentation (RFC 5737).
DOCUMENTATION_ADDRESS = re.compile(r"^(192\.0\.2|198\.51\.100|203\.0\.113)\.\d+$")
DATE = re.compile(
    r"\b\d{1,2} (January|February|March|April|May|June|July|August|"
    r"September|October|November|December) \d{4}\b"
)


def seed_demo(*args):
    """Run the command and return what it printed."""
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def log_in(username, password):
    """The user those credentials authenticate, as the admin's login form would."""
    # Login throttling needs to know who is trying, so authenticate() gets a request.
    request = RequestFactory().post("/admin/login/")
    return authenticate(request, username=username, password=password)


def files_under(root):
    return {path.relative_to(root) for path in Path(root).rglob("*") if path.is_file()}


def written_comments():
    """The demo's comments written one by one, not the desk's drawn history."""
    desk = [reader["author_email"] for reader in demo_content.DESK_READERS.values()]
    return Comment.objects.exclude(author_email__in=desk)


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

    def seed_again(self, *args):
        with self.settings(DEBUG=True, MEDIA_ROOT=self.media_root):
            return seed_demo(*args)

    def snapshot(self):
        models = [Section, Author, Article, Byline, Tag, TaggedItem, User]
        models += [Photo, Gallery, GalleryPhoto, Comment, CommentDecision, BlockedTerm]
        models += [Correction, LiveUpdate]
        counts = {model.__name__: model.objects.count() for model in models}
        counts["reads"] = sum(ReadCount.objects.values_list("count", flat=True))
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

    def test_the_summary_counts_comments_and_those_waiting(self):
        comments, pending = Comment.objects.count(), Comment.objects.pending().count()
        self.assertIn(
            f"{comments} comments ({pending} waiting for moderation)", self.output
        )

    def test_live_stories_have_comments_in_every_status(self):
        comments = written_comments()
        self.assertGreaterEqual(len(comments), 35)
        self.assertEqual({c.status for c in comments}, set(Comment.Status.values))
        self.assertGreaterEqual(Comment.objects.pending().count(), 6)
        commented = Article.objects.filter(comments__isnull=False).distinct()
        self.assertGreaterEqual(commented.live().count(), 8)
        self.assertEqual(commented.count(), commented.live().count())
        rejected = comments.filter(status="rejected")
        self.assertEqual(
            set(rejected.values_list("rejection_reason", flat=True)),
            {"abuse", "off_topic", "libel"},
        )

    def test_one_spam_comment_has_many_links_and_one_hit_the_blocklist(self):
        spam = Comment.objects.filter(status="spam")
        self.assertTrue(any(comment.has_many_links() for comment in spam))
        self.assertEqual(
            [c.blocklist_match for c in spam.exclude(blocklist_match="")], ["הימורים"]
        )
        # Nothing else is caught: a demo comment meant for readers stays readable.
        self.assertEqual(Comment.objects.exclude(blocklist_match="").count(), 1)

    def test_comments_are_in_hebrew_on_hebrew_and_english_stories(self):
        hebrew = [
            c
            for c in Comment.objects.select_related("article")
            if HEBREW.search(c.body)
        ]
        self.assertGreaterEqual(len(hebrew), 8)
        languages = {comment.article.language for comment in hebrew}
        self.assertEqual(languages, {"he", "en"})

    def test_replies_answer_an_approved_top_level_comment_on_the_same_story(self):
        replies = Comment.objects.exclude(parent=None).select_related("parent")
        self.assertGreaterEqual(len(replies), 5)
        for reply in replies:
            with self.subTest(reply=reply.excerpt()):
                parent = reply.parent
                self.assertEqual(parent.status, "approved")
                self.assertIsNone(parent.parent_id)
                self.assertEqual(parent.article_id, reply.article_id)
                self.assertGreater(reply.created_at, parent.moderated_at)

    def test_decided_comments_record_the_moderators_decision(self):
        moderator = User.objects.get(username="moderator")
        decided = (
            written_comments().exclude(status="pending").filter(blocklist_match="")
        )
        for comment in decided.prefetch_related("decisions"):
            with self.subTest(comment=comment.excerpt()):
                decisions = [
                    (d.status, d.reason, d.decided_by, d.decided_at)
                    for d in comment.decisions.all()
                ]
                expected = (
                    comment.status,
                    comment.rejection_reason,
                    moderator,
                    comment.moderated_at,
                )
                self.assertEqual(decisions, [expected])
                self.assertEqual(comment.moderated_by, moderator)
                self.assertGreater(comment.moderated_at, comment.created_at)
        # Pending ones await a decision; the blocklist, not a person, sent one to spam.
        undecided = written_comments().filter(
            status="pending"
        ) | written_comments().exclude(blocklist_match="")
        self.assertFalse(CommentDecision.objects.filter(comment__in=undecided).exists())
        self.assertFalse(undecided.exclude(moderated_by=None).exists())

    def test_comments_carry_consent_and_come_after_their_story(self):
        now = timezone.now()
        comments = Comment.objects.select_related("article")
        for comment in comments:
            with self.subTest(comment=comment.excerpt()):
                self.assertEqual(
                    comment.policy_version, settings.COMMENT_POLICY_VERSION
                )
                self.assertEqual(comment.consented_at, comment.created_at)
                self.assertGreater(comment.created_at, comment.article.published_at)
                self.assertLess(comment.created_at, now)
                self.assertRegex(comment.ip_address, DOCUMENTATION_ADDRESS)
                self.assertRegex(comment.author_email, r"@example\.(org|com)$")
                self.assertTrue(comment.user_agent)

    def test_a_first_comment_is_one_whose_author_had_none_approved_before(self):
        comments = list(Comment.objects.all())
        for comment in comments:
            approved_before = Comment.objects.approved().filter(
                author_email=comment.author_email,
                moderated_at__lt=comment.created_at,
            )
            with self.subTest(comment=comment.excerpt()):
                self.assertIs(comment.is_first_comment, not approved_before.exists())
        self.assertIn(False, {comment.is_first_comment for comment in comments})

    def test_stories_carry_a_correction_a_clarification_and_an_update(self):
        kinds = set(Correction.objects.values_list("kind", flat=True))
        self.assertEqual(kinds, {"correction", "clarification", "update"})
        story = Article.objects.get(slug="amber-heat-warning")
        page = self.client.get(story.get_absolute_url()).content.decode()
        self.assertIn("<strong>Clarification</strong>", page)
        self.assertIn("Updated <time", page)
        # A back-dated story nobody updated does not read "Updated".
        plain = Article.objects.get(slug="rail-strike-first-day")
        self.assertNotIn(
            "Updated", self.client.get(plain.get_absolute_url()).content.decode()
        )

    def test_a_story_is_covered_live_with_updates_and_a_key_event(self):
        story = Article.objects.get(live_started_at__isnull=False)
        self.assertTrue(story.is_live())
        updates = story.live_updates.all()
        self.assertGreaterEqual(updates.count(), 5)
        self.assertEqual(updates.filter(is_key_event=True).count(), 1)
        self.assertEqual(updates.exclude(photo=None).count(), 1)
        page = self.client.get(story.get_absolute_url()).content.decode()
        self.assertIn('<span class="live-badge">Live</span>', page)
        self.assertIn("Key events", page)
        self.assertEqual(page.count('data-update="'), updates.count())

    def test_stories_have_a_history_of_revisions_to_compare(self):
        story = Article.objects.get(slug="council-passes-budget")
        versions = Version.objects.get_for_object(story)
        self.assertEqual(len(versions), 3)
        self.assertEqual(
            versions[2].field_dict["headline"],
            "Eastbridge council debates budget late into the night",
        )
        self.assertEqual(versions[0].field_dict["headline"], story.headline)
        self.assertEqual({v.revision.user.username for v in versions}, {"editor"})

    def test_the_desk_has_thirty_days_of_decisions_by_several_moderators(self):
        month = Desk("30d")
        moderators = {f.name for f in month.by_moderator}
        self.assertEqual(moderators, {"moderator", "noa", "sam", "Automatic (rules)"})
        decided_days = {
            timezone.localdate(at)
            for at in Comment.objects.exclude(moderated_by=None).values_list(
                "moderated_at", flat=True
            )
        }
        self.assertGreaterEqual(len(decided_days), 20)
        first, last = min(decided_days), max(decided_days)
        self.assertGreaterEqual((last - first).days, 28)
        self.assertGreater(len(month.waits), 100)
        self.assertLess(month.median_wait(), month.p90_wait())
        rates = month.rates()
        self.assertGreater(rates["approved"], rates["rejected"] + rates["spam"])
        self.assertGreater(rates["rejected"], 0)
        self.assertGreater(rates["spam"], 0)
        self.assertTrue(Desk("7d").hours())

    def test_readers_reported_comments_and_three_hid_one(self):
        reported = Comment.objects.reported()
        self.assertGreaterEqual(reported.count(), 3)
        hidden = Comment.objects.get(rule__startswith="Hidden after")
        self.assertEqual(hidden.status, "pending")
        self.assertEqual(hidden.reports.values("reporter").distinct().count(), 3)
        for comment in reported:
            self.assertGreater(comment.reports.first().created_at, comment.created_at)

    def test_the_moderators_trust_one_regular_and_hold_another(self):
        marks = dict(CommenterMark.objects.values_list("kind", "email"))
        self.assertEqual(set(marks), {"trusted", "hold"})
        trusted = Comment.objects.filter(author_email=marks["trusted"])
        self.assertTrue(trusted.exists())
        # Approved by their mark; readers' reports may have hidden one since.
        decided_by = set(trusted.values_list("rule", flat=True))
        self.assertEqual(
            {rule for rule in decided_by if not rule.startswith("Hidden after")},
            {"Trusted commenter"},
        )

    def test_the_blocklist_has_a_hebrew_word_and_the_moderator_banned_two(self):
        terms = BlockedTerm.objects.all()
        self.assertTrue(any(HEBREW.search(t.value) for t in terms))
        bans = Ban.objects.all()
        self.assertEqual({b.kind for b in bans}, {"email", "network"})
        self.assertEqual({b.created_by.username for b in bans}, {"moderator"})

    def test_the_home_page_shows_the_stories_read_most(self):
        response = self.client.get("/")

        most_read = response.content.decode().split('id="most-read-title"')[1]
        headlines = re.findall(r'story-list__headline"[^>]*>([^<]*)<', most_read)
        self.assertEqual(len(headlines), 5)
        self.assertEqual(
            headlines[0], "Eastbridge council passes budget after late-night vote"
        )

    def test_a_story_page_shows_its_approved_comments(self):
        story = Article.objects.get(slug="mensah-header-wins-the-cup")
        approved = story.comments.approved()
        hidden = story.comments.exclude(status="approved")
        self.assertTrue(hidden.exists())

        response = self.client.get(story.get_absolute_url())

        self.assertContains(response, f"{len(approved)} comments")
        for comment in approved:
            self.assertContains(response, escape(comment.body))
        for comment in hidden:
            self.assertNotContains(response, escape(comment.body))

    def test_editor_and_moderator_can_log_in_with_the_printed_password(self):
        for username, group in [("editor", "Editors"), ("moderator", "Moderators")]:
            label = username.capitalize()
            match = re.search(rf"{label} login: {username} / (\S+)", self.output)
            user = log_in(username, match[1])
            self.assertIsNotNone(user)
            self.assertIs(user.is_staff, True)
            self.assertEqual(list(user.groups.values_list("name", flat=True)), [group])
        self.assertIn("http://127.0.0.1:8000/admin/", self.output)

    def test_make_run_prints_the_admin_address_on_the_port_it_serves(self):
        commands = subprocess.run(
            ["make", "--dry-run", "run", "PORT=8001"],
            cwd=PROJECT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        self.assertIn("manage.py runserver 127.0.0.1:8001\n", commands)
        served_at = re.search(r"manage.py seed_demo --served-at (\S+)\n", commands)

        with self.settings(SITE_URL="https://news.example.com"):
            output = self.seed_again("--served-at", served_at[1])

        self.assertIn("Admin: http://127.0.0.1:8001/admin/", output)

    def test_rerun_keeps_a_changed_password(self):
        editor = User.objects.get(username="editor")
        editor.set_password("chosen-by-the-editor")
        editor.save()

        self.seed_again()

        self.assertIsNotNone(log_in("editor", "chosen-by-the-editor"))


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
