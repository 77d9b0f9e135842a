import random
from datetime import timedelta

import reversion
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from reversion.models import Version
from taggit.models import Tag

from articles import demo_content, demo_photos, images, popularity, tasks
from articles.abuse import hashed_address
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
    Section,
)

# How long after a demo comment was posted the moderator decided it.
MODERATION_DELAY = timedelta(minutes=20)


def demo_password(username):
    # Derived from SECRET_KEY rather than stored, so every run can print it. The
    # algorithm is pinned: if Django's default changed, the printed password would
    # stop matching the one set on the first run.
    digest = salted_hmac("newsroom.seed_demo", username, algorithm="sha256")
    return digest.hexdigest()[:16]


def weighted(draw, weights):
    """One key of `weights` ({choice: weight}), drawn by `draw` (random.Random)."""
    return draw.choices(list(weights), weights=list(weights.values()))[0]


class Command(BaseCommand):
    help = (
        "Fill a development database with demo sections, authors, photos, galleries, "
        "stories and reader comments, and create the logins editor and moderator. "
        "Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--served-at",
            metavar="URL",
            help="Address the development server listens on, for the admin link "
            "printed at the end (`make run` gives its own). Default: SITE_URL.",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo creates logins whose passwords it prints, so it only runs "
                "on a development database. Set DEBUG=1 in the environment to run it."
            )
        self.drawn_photos = []
        try:
            with transaction.atomic():
                new_stories = self.seed()
        except BaseException:
            # A rollback takes back the rows of the photos drawn so far, not their
            # files; without this an interrupted run leaves them in MEDIA_ROOT.
            for photo in self.drawn_photos:
                photo.delete_files()
            raise
        # The demo's photos are shown once processed: before the site is served.
        tasks.run_queued_jobs()
        self.report(new_stories, served_at=options["served_at"] or settings.SITE_URL)

    def seed(self):
        """Seed everything; return how many stories are new."""
        sections = {
            data["slug"]: Section.objects.update_or_create(
                slug=data["slug"], defaults=data
            )[0]
            for data in demo_content.SECTIONS
        }
        authors = {
            data["slug"]: Author.objects.update_or_create(
                slug=data["slug"], defaults=data
            )[0]
            for data in demo_content.AUTHORS
        }
        # Before the stories: saving a story links the galleries its body places,
        # and only those that exist by then.
        for gallery in demo_content.GALLERIES:
            self.seed_gallery(gallery)
        new_stories = sum(
            self.seed_article(story, sections, authors)
            for story in demo_content.STORIES
        )
        users = {
            user["username"]: self.seed_user(**user) for user in demo_content.USERS
        }
        # Before the comments: they are screened against the blocklist as they are
        # added, and decided by the moderator.
        for term in demo_content.BLOCKED_TERMS:
            BlockedTerm.objects.get_or_create(
                value=term["value"], defaults={"note": term["note"]}
            )
        for ban in demo_content.BANS:
            Ban.objects.get_or_create(
                kind=ban["kind"],
                value=ban["value"],
                defaults={"reason": ban["reason"], "created_by": users["moderator"]},
            )
        self.seed_comments(moderator=users["moderator"])
        self.seed_desk_history(users)
        self.seed_revisions(editor=users["editor"])
        self.seed_reads()
        return new_stories

    def seed_reads(self):
        """Read counts for the most-read list, unless stories were read lately."""
        if Article.objects.most_read():
            return
        now = timezone.now()
        stories = Article.objects.live().in_bulk(demo_content.READS, field_name="slug")
        for slug, hourly in demo_content.READS.items():
            if slug in stories:
                for hours_ago, reads in enumerate(hourly):
                    at = now - timedelta(hours=hours_ago)
                    popularity.record_read(stories[slug].pk, at=at, reads=reads)

    def seed_revisions(self, editor):
        """Give the stories in REVISIONS a history, unless they have one."""
        for slug, earlier in demo_content.REVISIONS.items():
            article = Article.objects.filter(slug=slug).first()
            if article is None or Version.objects.get_for_object(article).exists():
                continue
            names = {name for fields in earlier for name in fields}
            current = {name: getattr(article, name) for name in names}
            for number, fields in enumerate([*earlier, current], start=1):
                with reversion.create_revision():
                    for name, value in fields.items():
                        setattr(article, name, value)
                    article.save()
                    reversion.set_user(editor)
                    last = number == len(earlier) + 1
                    reversion.set_comment(
                        "As it stands." if last else "Earlier version."
                    )

    def report(self, new_stories, served_at):
        self.stdout.write(
            self.style.SUCCESS(
                f"The database now holds {Section.objects.count()} sections, "
                f"{Author.objects.count()} authors, {Article.objects.count()} stories "
                f"({new_stories} new), {Gallery.objects.count()} galleries, "
                f"{Photo.objects.count()} photos, {Tag.objects.count()} tags and "
                f"{Comment.objects.count()} comments "
                f"({Comment.objects.pending().count()} waiting for moderation)."
            )
        )
        for user in demo_content.USERS:
            username = user["username"]
            self.stdout.write(
                f"{username.capitalize()} login: {username} / {demo_password(username)}"
            )
        self.stdout.write(f"Admin: {served_at.rstrip('/')}{reverse('admin:index')}")

    def seed_gallery(self, data):
        """Create the gallery with its photos unless its slug exists."""
        # Like a story, an existing gallery is left as an editor may have left it.
        gallery, created = Gallery.objects.get_or_create(
            slug=data["slug"],
            defaults={"title": data["title"], "description": data["description"]},
        )
        if created:
            GalleryPhoto.objects.bulk_create(
                GalleryPhoto(gallery=gallery, photo=self.photo(key), position=position)
                for position, key in enumerate(data["photos"])
            )

    def photo(self, key):
        """The demo photo `key`, drawn and uploaded the first time it is needed."""
        data = demo_content.PHOTOS[key]
        # Photos have no name of their own to find them by; the demo's captions are
        # unique, and a photo may be both in a gallery and a story's lead photo.
        photo = Photo.objects.filter(caption=data["caption"]).first()
        if photo:
            return photo
        jpeg = demo_photos.draw_scene(data["sky"], data["layers"], seed=key)
        upload = SimpleUploadedFile(f"{key}.jpg", jpeg, content_type="image/jpeg")
        photo = Photo(
            image=images.clean_upload(upload),
            alt_text=data["alt_text"],
            caption=data["caption"],
            credit=data["credit"],
        )
        photo.save()
        self.drawn_photos.append(photo)
        return photo

    def seed_article(self, story, sections, authors):
        """Create `story` unless its slug exists; return whether it was created."""
        now = timezone.now()
        hours_ago = story.get("hours_ago")
        published_at = None if hours_ago is None else now - timedelta(hours=hours_ago)
        lead_photo = story.get("lead_photo")
        # An existing story is left alone: its publication time stays put, and
        # whatever an editor changed while trying the admin survives a rerun.
        article, created = Article.objects.get_or_create(
            slug=story["slug"],
            defaults={
                "headline": story["headline"],
                "standfirst": story["standfirst"],
                "body": story["body"],
                "section": sections[story["section"]],
                # Called only when the story is created, so no photo is drawn for a
                # story that exists.
                "lead_photo": lambda: self.photo(lead_photo) if lead_photo else None,
                "byline_credit": story.get("byline_credit", ""),
                "language": story.get("language", Article.Language.ENGLISH),
                "status": story.get("status", Article.Status.PUBLISHED),
                "published_at": published_at,
            },
        )
        if not created:
            return False
        Byline.objects.bulk_create(
            Byline(article=article, author=authors[slug], position=position)
            for position, slug in enumerate(story.get("authors", []))
        )
        article.tags.add(*story["tags"])
        if article.is_published():
            # Back-dated, as if written then: the last edit and, for a story its
            # editor updated since, the time readers are told.
            edited_hours_ago = story.get("updated_hours_ago", hours_ago)
            edited_at = now - timedelta(hours=edited_hours_ago)
            Article.objects.filter(pk=article.pk).update(
                created_at=published_at,
                updated_at=edited_at,
                revised_at=edited_at if "updated_hours_ago" in story else None,
            )
        self.seed_live_updates(article, demo_content.LIVE_UPDATES.get(story["slug"]))
        for entry in demo_content.CORRECTIONS.get(story["slug"], []):
            Correction.objects.create(
                article=article,
                kind=entry["kind"],
                text=entry["text"],
                published_at=now - timedelta(hours=entry["hours_ago"]),
            )
        return True

    def seed_live_updates(self, article, updates):
        """Cover `article` live since its publication, with `updates`, if any."""
        if not updates:
            return
        article.live_started_at = article.published_at
        article.start_live_coverage()
        now = timezone.now()
        for update in updates:
            photo = update.get("photo")
            LiveUpdate.objects.create(
                article=article,
                text=update["text"],
                is_key_event=update.get("is_key_event", False),
                photo=self.photo(photo) if photo else None,
                published_at=now - timedelta(minutes=update["minutes_ago"]),
            )

    def seed_user(self, username, group, **names):
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"is_staff": True, **names}
        )
        if created:
            user.set_password(demo_password(username))
            user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name=group))
        return user

    def seed_comments(self, moderator):
        """Add the demo comments to each live story that has no comments yet."""
        stories = Article.objects.live().filter(
            slug__in=demo_content.COMMENTS, comments=None
        )
        planned = []
        for article in stories:
            for data in demo_content.COMMENTS[article.slug]:
                planned.append((article, data, None))
                planned += [(article, reply, data) for reply in data.get("replies", [])]
        # Oldest first across all stories, each decided before the next is added, so
        # that screening finds whether the reader already had a comment approved.
        planned.sort(key=lambda item: self.posted_at(*item[:2]))
        added = {}
        for article, data, parent in planned:
            parent_comment = added[id(parent)] if parent else None
            added[id(data)] = self.seed_comment(
                article, data, parent_comment, moderator
            )

    def seed_desk_history(self, users):
        """
        The moderation desk's last 30 days (demo_content.DESK_*), drawn the same
        way on every run; nothing if its readers have commented already.
        """
        readers = demo_content.DESK_READERS
        emails = [reader["author_email"] for reader in readers.values()]
        if Comment.objects.filter(author_email__in=emails).exists():
            return
        for mark in demo_content.DESK_MARKS:
            CommenterMark.objects.create(
                email=readers[mark["reader"]]["author_email"],
                kind=mark["kind"],
                note=mark["note"],
                marked_by=users["moderator"],
            )
        draw = random.Random(13)
        now = timezone.now()
        stories = list(Article.objects.live().only("pk", "published_at"))
        added = []
        for posted in sorted(self.desk_posting_times(draw, now)):
            open_then = [
                story
                for story in stories
                if timedelta(minutes=10)
                < posted - story.published_at
                < timedelta(days=settings.COMMENTS_CLOSE_AFTER_DAYS)
            ]
            if open_then:
                comment = self.seed_desk_comment(
                    draw, draw.choice(open_then), posted, users, now
                )
                if comment:
                    added.append(comment)
        self.seed_desk_reports(draw, [c for c in added if c.status == "approved"], now)
        # Screening judged "first comment" at this run's time; the history's own
        # times decide it.
        for comment in added:
            comment.is_first_comment = not Comment.objects.filter(
                author_email=comment.author_email,
                status=Comment.Status.APPROVED,
                moderated_at__lt=comment.created_at,
            ).exists()
        Comment.objects.bulk_update(added, ["is_first_comment"])

    def desk_posting_times(self, draw, now):
        """Several comments a day for 30 days, more by day than by night."""
        for days_ago in range(30):
            for _ in range(draw.randint(6, 12)):
                hour = draw.choices(range(24), weights=[1] * 7 + [4] * 16 + [2])[0]
                day = now - timedelta(days=days_ago)
                posted = day.replace(hour=hour, minute=draw.randrange(60))
                if posted < now:
                    yield posted

    def seed_desk_comment(self, draw, article, posted, users, now):
        outcome = weighted(draw, demo_content.DESK_OUTCOMES)
        reader = draw.choice(list(demo_content.DESK_READERS.values()))
        comment = Comment(
            article=article,
            body=draw.choice(demo_content.DESK_BODIES[outcome]),
            policy_version=settings.COMMENT_POLICY_VERSION,
            consented_at=posted,
            **reader,
        )
        try:
            comment.save_screened()
        except IntegrityError:
            return None  # the same reader said the same on this story already
        added = Comment.objects.filter(pk=comment.pk)
        added.update(created_at=posted)
        # Minutes to a decision: mostly under an hour, some much longer, and
        # the night's comments wait for the morning.
        wait = timedelta(minutes=min(draw.lognormvariate(3.3, 0.9), 600))
        if posted.hour < 7:
            wait += timedelta(hours=7 - posted.hour)
        decided_at = posted + wait
        if comment.rule:
            decided_at = posted + timedelta(seconds=1)
        elif decided_at > now:
            comment.refresh_from_db()
            return comment  # still waiting
        else:
            reason = {
                "approved": "",
                "spam": Comment.RejectionReason.SPAM,
                "rejected": weighted(draw, demo_content.DESK_REJECTION_REASONS),
            }[outcome]
            moderator = weighted(draw, demo_content.DESK_MODERATORS)
            added.decide(outcome, by=users[moderator], reason=reason)
        added.update(moderated_at=decided_at)
        CommentDecision.objects.filter(comment=comment).update(decided_at=decided_at)
        comment.refresh_from_db()
        return comment

    def seed_desk_reports(self, draw, approved, now):
        """Readers' reports on a few recent comments; three readers hide one."""
        recent = [c for c in approved if now - c.created_at < timedelta(days=5)]
        for index, comment in enumerate(draw.sample(recent, min(len(recent), 5))):
            readers = 3 if index == 0 else draw.randint(1, 2)
            for reader in range(readers):
                comment.report(
                    reason=draw.choice(["abuse", "spam", "off_topic"]),
                    note=draw.choice(demo_content.DESK_REPORT_NOTES),
                    reporter=hashed_address(f"192.0.2.{200 + reader}"),
                )
            reported_at = comment.moderated_at + timedelta(hours=1)
            comment.reports.update(created_at=reported_at)
            if index == 0:
                hidden = comment.decisions.filter(rule__startswith="Hidden")
                hidden.update(decided_at=reported_at)
                Comment.objects.filter(pk=comment.pk).update(moderated_at=reported_at)

    def posted_at(self, article, data):
        return article.published_at + timedelta(minutes=data["minutes"])

    def seed_comment(self, article, data, parent, moderator):
        created_at = self.posted_at(article, data)
        comment = Comment(
            article=article,
            parent=parent,
            body=data["body"],
            policy_version=settings.COMMENT_POLICY_VERSION,
            consented_at=created_at,
            **demo_content.COMMENT_READERS[data["reader"]],
        )
        # As for a posted comment: a blocked word sends it straight to spam, with no
        # moderator's decision.
        comment.save_screened()
        added = Comment.objects.filter(pk=comment.pk)
        added.update(created_at=created_at)
        status = data.get("status", Comment.Status.APPROVED)
        if comment.status != Comment.Status.PENDING or status == comment.status:
            return comment
        reason = data.get("rejection_reason", "")
        if status == Comment.Status.SPAM:
            reason = Comment.RejectionReason.SPAM  # as the admin's spam button sets
        added.decide(status, by=moderator, reason=reason)
        decided_at = min(created_at + MODERATION_DELAY, timezone.now())
        added.update(moderated_at=decided_at)
        CommentDecision.objects.filter(comment=comment).update(decided_at=decided_at)
        return comment
