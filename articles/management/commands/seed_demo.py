from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from taggit.models import Tag

from articles import demo_content
from articles.models import Article, Author, Byline, Section


def demo_password(username):
    # Derived from SECRET_KEY rather than stored, so every run can print it. The
    # algorithm is pinned: if Django's default changed, the printed password would
    # stop matching the one set on the first run.
    digest = salted_hmac("newsroom.seed_demo", username, algorithm="sha256")
    return digest.hexdigest()[:16]


class Command(BaseCommand):
    help = (
        "Fill a development database with demo sections, authors and stories, and "
        "create the logins editor and moderator. Safe to run again."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo creates logins whose passwords it prints, so it only runs "
                "on a development database. Set DEBUG=1 in the environment to run it."
            )
        with transaction.atomic():
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
            new_stories = sum(
                self.seed_article(story, sections, authors)
                for story in demo_content.STORIES
            )
            for user in demo_content.USERS:
                self.seed_user(**user)

        self.stdout.write(
            self.style.SUCCESS(
                f"The database now holds {Section.objects.count()} sections, "
                f"{Author.objects.count()} authors, {Article.objects.count()} stories "
                f"({new_stories} new) and {Tag.objects.count()} tags."
            )
        )
        for user in demo_content.USERS:
            username = user["username"]
            self.stdout.write(
                f"{username.capitalize()} login: {username} / {demo_password(username)}"
            )
        self.stdout.write(f"Admin: {settings.SITE_URL}{reverse('admin:index')}")

    def seed_article(self, story, sections, authors):
        """Create `story` unless its slug exists; return whether it was created."""
        now = timezone.now()
        hours_ago = story.get("hours_ago")
        published_at = None if hours_ago is None else now - timedelta(hours=hours_ago)
        # An existing story is left alone: its publication time stays put, and
        # whatever an editor changed while trying the admin survives a rerun.
        article, created = Article.objects.get_or_create(
            slug=story["slug"],
            defaults={
                "headline": story["headline"],
                "standfirst": story["standfirst"],
                "body": story["body"],
                "section": sections[story["section"]],
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
            # Without this every back-dated story would read "Updated" at the
            # moment the seed ran.
            edited_hours_ago = story.get("updated_hours_ago", hours_ago)
            Article.objects.filter(pk=article.pk).update(
                created_at=published_at,
                updated_at=now - timedelta(hours=edited_hours_ago),
            )
        return True

    def seed_user(self, username, group, **names):
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"is_staff": True, **names}
        )
        if created:
            user.set_password(demo_password(username))
            user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name=group))
