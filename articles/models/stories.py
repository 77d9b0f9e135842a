import re
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import (
    F,
    Q,
)
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from taggit.managers import TaggableManager
from taggit.models import TaggedItem

from articles import richtext
from articles.models.authors import Author, join_with_and
from articles.models.listings import ArticleQuerySet
from articles.models.live import LiveCoverageMixin
from articles.models.photos import Gallery, Photo
from articles.models.sections import Section
from articles.pagecache import depends_on, keys, shows_item
from articles.pagecache.writes import TrackedQuerySet

# Editors place a gallery by giving it a paragraph of its own: <p>[gallery:slug]</p>.
GALLERY_PLACEHOLDER = re.compile(r"<p>\s*\[gallery:([-\w]+)\]\s*</p>")

# Saving a story moments after setting its publication time is not an update a
# reader needs to be told about.
UPDATE_NOTICE_THRESHOLD = timedelta(minutes=5)


def describe_missing(photo):
    """“Photo 12: Crowds at the port (no alt text, still processing)”."""
    return f"{photo} ({', '.join(photo.what_is_missing())})"


@dataclass
class BodyBlock:
    """A run of body HTML, or a gallery placed between paragraphs."""

    html: str = ""
    gallery: Gallery | None = None
    gallery_url: str = ""


@dataclass
class Discussion:
    threads: list
    count: int
    replying_to: models.Model | None = None  # the comment a reader is answering


class Article(LiveCoverageMixin, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        PUBLISHED = "published", _("Published")

    class Language(models.TextChoices):
        ENGLISH = "en", "English"
        HEBREW = "he", "Hebrew"

    class CommentMode(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    headline = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        allow_unicode=True,
        help_text="The last part of the story's URL; unique across the site.",
    )
    standfirst = models.TextField(
        max_length=400,
        help_text="One or two sentences under the headline that sum up the story.",
    )
    body = ProseEditorField(
        extensions=richtext.EDITOR_EXTENSIONS,
        sanitize=richtext.sanitize,
        help_text="Paragraphs, subheadings, quotes, lists and links; anything else "
        "is removed when the story is saved. To show a gallery, put the cursor "
        "where it goes and choose it with “Insert gallery” in the editor's menu: "
        "it becomes a [gallery:its-slug] paragraph of its own.",
    )
    lead_photo = models.ForeignKey(
        Photo,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Shown above the story, on listings and when the story is shared.",
    )
    galleries = models.ManyToManyField(
        Gallery,
        related_name="articles",
        blank=True,
        editable=False,
        help_text="Kept in step with the placeholders in the body on every save.",
    )
    section = models.ForeignKey(
        Section, on_delete=models.PROTECT, related_name="articles"
    )
    authors = models.ManyToManyField(
        Author, through="Byline", related_name="articles", blank=True
    )
    byline_credit = models.CharField(
        max_length=120,
        blank=True,
        help_text="Printed after the authors, e.g. “news agencies”, or the whole "
        "byline when there are no authors, e.g. “Newsroom staff, news agencies”.",
    )
    # taggit's manager is not serialised: revisions record the tag links through
    # this relation (articles/revisions.py).
    tagged_items = GenericRelation(TaggedItem, object_id_field="object_id")
    tags = TaggableManager(
        blank=True, help_text="Topics: people, places, organisations, themes."
    )
    language = models.CharField(
        max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    comment_mode = models.CharField(
        "comments",
        max_length=6,
        choices=CommentMode.choices,
        default=CommentMode.OPEN,
        help_text="Open stories close to new comments by themselves some days after "
        "publication (the COMMENTS_CLOSE_AFTER_DAYS setting).",
    )
    comment_days = models.PositiveSmallIntegerField(
        "close comments after (days)",
        null=True,
        blank=True,
        help_text="Days after publication that open comments close by themselves. "
        "Empty: the site's default (the COMMENTS_CLOSE_AFTER_DAYS setting).",
    )
    published_at = models.DateTimeField(
        "publication time",
        null=True,
        blank=True,
        help_text="A published story with a time in the future goes live by itself "
        "at that time. Left empty, publishing sets it to now.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    front_page_position = models.PositiveSmallIntegerField(
        "front page position",
        null=True,
        blank=True,
        help_text="Pins the story to the front page: 1 leads it, 2 and on are the "
        "top stories under the lead, in that order. Empty: the newest story leads "
        "and the others are shown by section.",
    )
    # Raised to revoke every share link made so far (articles/sharing.py).
    share_generation = models.PositiveIntegerField(default=0, editable=False)
    # The last change readers are told about: a correction or update logged, or an
    # edit the editor marked substantive; never a typo fix or a status change.
    revised_at = models.DateTimeField("last revised", null=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        permissions = [("publish_article", "Can publish and unpublish stories")]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="articles_article_slug"),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="articles_article_published_has_time",
                violation_error_message="A published story needs a publication time.",
            ),
            models.CheckConstraint(
                condition=Q(live_ended_at__isnull=True)
                | Q(live_started_at__isnull=False),
                name="articles_article_live_ended_after_start",
            ),
        ]
        indexes = [
            models.Index(
                "front_page_position",
                condition=Q(front_page_position__isnull=False),
                name="articles_article_pinned",
            ),
            # Newest first, ties broken by id: the order every listing asks for.
            models.Index(
                F("published_at").desc(),
                F("id").desc(),
                condition=Q(status="published"),
                name="articles_article_live",
            ),
            models.Index(
                "section",
                F("published_at").desc(),
                F("id").desc(),
                condition=Q(status="published"),
                name="articles_article_section_live",
            ),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        self.body = richtext.sanitize(self.body)
        self.fill_publication_time()
        with transaction.atomic():
            readers_knew = self._live_slug()
            super().save(*args, **kwargs)
            if readers_knew and readers_knew != self.slug:
                # The old address goes on working: it redirects here.
                FormerSlug.objects.update_or_create(
                    slug=readers_knew, defaults={"article": self}
                )
                FormerSlug.objects.filter(article=self, slug=self.slug).delete()
            self.galleries.set(Gallery.objects.filter(slug__in=self.gallery_slugs()))

    def get_absolute_url(self):
        if self.published_at is None:
            return self.get_preview_url()
        return reverse("articles:article-detail", kwargs=self.url_kwargs())

    @classmethod
    def from_db(cls, db, field_names, values, *args, **kwargs):
        article = super().from_db(db, field_names, values, *args, **kwargs)
        shows_item(keys.story(article.pk))
        return article

    def clean(self):
        self.fill_publication_time()
        placed = set(self.gallery_slugs())
        existing = set(
            Gallery.objects.filter(slug__in=placed).values_list("slug", flat=True)
        )
        if missing := sorted(placed - existing):
            raise ValidationError(
                {
                    "body": ValidationError(
                        "There is no gallery called %(slugs)s. Check the placeholder "
                        "against the gallery list.",
                        code="unknown_gallery",
                        params={"slugs": ", ".join(f"“{slug}”" for slug in missing)},
                    )
                }
            )
        if self.status == self.Status.PUBLISHED:
            if incomplete := self.unpublishable_photos():
                raise ValidationError(
                    "The story cannot be published until these photos have alt text "
                    "and a credit, and are processed: %(photos)s.",
                    code="photo_details_missing",
                    params={"photos": "; ".join(map(describe_missing, incomplete))},
                )

    def gallery_photo_url(self, gallery_slug, number=1):
        return reverse(
            "articles:gallery-photo",
            kwargs=self.url_kwargs() | {"gallery": gallery_slug, "number": number},
        )

    def get_comment_post_url(self):
        return reverse("articles:comment-post", kwargs=self.url_kwargs())

    def url_kwargs(self):
        published = timezone.localtime(self.published_at)
        return {
            "year": published.year,
            "month": published.strftime("%b").lower(),
            "day": published.day,
            "slug": self.slug,
        }

    def _live_slug(self):
        """The slug readers know this story by, if it is live; None otherwise."""
        if self.pk is None:
            return None
        live = type(self).objects.live().filter(pk=self.pk)
        return live.values_list("slug", flat=True).first()

    def get_preview_url(self):
        return reverse("articles:article-preview", kwargs={"pk": self.pk})

    def fill_publication_time(self):
        """Publishing without a publication time means publishing now."""
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    def gallery_slugs(self):
        return GALLERY_PLACEHOLDER.findall(self.body)

    def body_blocks(self):
        """
        The body in reading order: runs of HTML with the galleries placed between
        them (one query for all their photos, none without galleries). A
        placeholder whose gallery has gone, or has no photos, is left out rather
        than shown broken.
        """
        parts = GALLERY_PLACEHOLDER.split(self.body)
        slugs = parts[1::2]
        galleries = Gallery.objects.with_photos(slugs) if slugs else {}
        blocks = []
        for index, part in enumerate(parts):
            if index % 2 == 0:
                if part.strip():
                    blocks.append(BodyBlock(html=part))
            elif part in galleries:
                blocks.append(
                    BodyBlock(
                        gallery=galleries[part],
                        gallery_url=self.gallery_photo_url(part),
                    )
                )
        return blocks

    def unpublishable_photos(self):
        """Photos this story shows that lack alt text or a credit, or processing."""
        photos = list(
            Photo.objects.filter(galleries__slug__in=self.gallery_slugs()).distinct()
        )
        if self.lead_photo:
            photos.append(self.lead_photo)
        return [photo for photo in photos if not photo.is_publishable()]

    def comments_open(self):
        if self.comment_mode != self.CommentMode.OPEN:
            return False
        if self.published_at is None:
            return True
        days = self.comment_days
        if days is None:
            days = settings.COMMENTS_CLOSE_AFTER_DAYS
        closes_at = self.published_at + timedelta(days=days)
        return timezone.now() < closes_at

    def discussion(self, reply_to=None):
        """
        Approved comments, oldest first, each top-level one with its approved
        `reply_list` under it; one query however many there are. `reply_to` is the
        id (as sent by the reader) of the comment being answered, if shown.
        """
        depends_on(keys.comments(self.pk))
        comments = list(self.comments.for_story_page())
        for comment in comments:
            comment.article = self  # for their links, without a query each
        threads = {c.pk: c for c in comments if c.parent_id is None}
        for comment in threads.values():
            comment.reply_list = []
        for comment in comments:
            if comment.parent_id in threads:
                threads[comment.parent_id].reply_list.append(comment)
        shown = len(threads) + sum(len(c.reply_list) for c in threads.values())
        replying_to = next((c for c in threads.values() if str(c.pk) == reply_to), None)
        return Discussion(
            threads=list(threads.values()), count=shown, replying_to=replying_to
        )

    def cache_keys(self):
        """What a part of a page showing this story depends on (`{% cached %}`)."""
        return [keys.story(self.pk), keys.MENU]

    def is_published(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    def is_scheduled(self):
        return self.status == self.Status.PUBLISHED and not self.is_published()

    def was_updated(self):
        return (
            self.published_at is not None
            and self.revised_at is not None
            and self.revised_at - self.published_at > UPDATE_NOTICE_THRESHOLD
        )

    @property
    def modified_at(self):
        """When the story last changed for its readers (schema.org dateModified)."""
        return self.revised_at if self.was_updated() else self.published_at

    @cached_property
    def correction_list(self):
        """The story's corrections and updates log, oldest first."""
        return list(self.corrections.all())

    @property
    def text_direction(self):
        return "rtl" if self.language == self.Language.HEBREW else "ltr"

    # Read once per instance, from what was prefetched if anything was: a story
    # kept in the cache (views.article_detail) carries neither, and reads them only
    # when the parts of its page that show them are built again.
    @cached_property
    def byline_authors(self):
        return [byline.author for byline in self.bylines.all()]

    @cached_property
    def tag_list(self):
        return list(self.tags.all())

    def byline_entries(self):
        """(name, author page URL or None) for each name the byline prints."""
        entries = [(a.name, a.get_absolute_url()) for a in self.byline_authors]
        if self.byline_credit:
            entries.append((self.byline_credit, None))
        return entries

    def byline(self):
        """The byline as printed: “Jane Doe, John Roe and Reuters”."""
        # Names only: an author page's URL takes a reverse() each.
        names = [author.name for author in self.byline_authors]
        if self.byline_credit:
            names.append(self.byline_credit)
        # In the story's language wherever it is shown, a feed in English included.
        with translation.override(self.language):
            return join_with_and(names)

    def json_ld(self):
        """schema.org NewsArticle (or LiveBlogPosting) data for search engines."""
        url = settings.SITE_URL + self.get_absolute_url()
        authors = [
            {
                "@type": "Organization" if author.is_agency else "Person",
                "name": author.name,
                "url": settings.SITE_URL + author.get_absolute_url(),
            }
            for author in self.byline_authors
        ]
        if self.byline_credit or not authors:
            credit = self.byline_credit or settings.SITE_NAME
            authors.append({"@type": "Organization", "name": credit})
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "mainEntityOfPage": url,
            "url": url,
            "headline": self.headline,
            "description": self.standfirst,
            "inLanguage": self.language,
            "datePublished": self.published_at.isoformat(timespec="seconds"),
            "dateModified": self.modified_at.isoformat(timespec="seconds"),
            "articleSection": self.section.name,
            "keywords": [tag.name for tag in self.tag_list],
            "author": authors,
            "publisher": {
                "@type": "NewsMediaOrganization",
                "name": settings.SITE_NAME,
                "url": settings.SITE_URL + "/",
            },
        }
        if self.lead_photo:
            data["image"] = [settings.SITE_URL + self.lead_photo.cropped.src]
        if self.correction_list:
            data["correction"] = [entry.json_ld() for entry in self.correction_list]
        if self.has_live_coverage():
            data |= self.live_blog_posting()
        return data


class FormerSlug(models.Model):
    """An address a live story had before its slug changed: it redirects (301)."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="former_slugs"
    )
    slug = models.SlugField(max_length=200, allow_unicode=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TrackedQuerySet.as_manager()

    def __str__(self):
        return f"{self.slug} → {self.article}"
