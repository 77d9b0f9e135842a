import hashlib
import io
import os
import random
import time
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image
from taggit.models import Tag, TaggedItem

from articles import demo_photos, images, tasks
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
from articles.models.comments import LINK

SLUG_PREFIX = "bench-"
PHOTO_CAPTION = "Benchmark photo"
PHOTOS = 40
GALLERY_SIZE = 8
AUTHORS = 40  # news agencies included
# Stories per transaction: small enough to keep memory flat, large enough that
# commits do not dominate.
BATCH = 500
SPAN = timedelta(days=730)  # how far back publication times go

SECTIONS = "News World Business Sport Culture Science Opinion Travel".split()
FIRST_NAMES = "Maya Daniel Sarah Omar Noa James Leah Amit".split()
LAST_NAMES = "Levin Okafor Whitfield Haddad Cohen Brennan Katz".split()
AGENCIES = "Reuters AFP AP Bloomberg dpa ANSA".split()
# Tags: each theme in each place, and some Hebrew ones; 300 in all.
THEMES = (
    "Elections, Housing, Transport, Schools, Health, Climate, Football, Theatre, "
    "Start-ups, Energy, Water, Diplomacy, Tourism, Courts"
).split(", ")
PLACES = (
    "Eastbridge, Solberg, the harbour, the north, the valley, Europe, the coast, "
    "the capital, the old town, the south, Asia, Africa, the islands, the border, "
    "the suburbs, the river, the hills, the Gulf, the Americas, the Pacific"
).split(", ")
HEBREW_TAGS = (
    "ירושלים, תל אביב, חיפה, באר שבע, כלכלה, חינוך, בריאות, תחבורה, דיור, ספורט, "
    "תרבות, מדע, אקלים, ביטחון, משפט, תיירות, אנרגיה, מים, בחירות, דיפלומטיה"
).split(", ")

EN_SUBJECTS = (
    "Council, Ministers, Port workers, Researchers, Negotiators, Eastbridge United, "
    "The central bank, Teachers, Farmers"
).split(", ")
EN_VERBS = "approve, reject, delay, announce, debate, agree on, review".split(", ")
EN_OBJECTS = (
    "new budget, harbour expansion, ceasefire talks, school reform, summer "
    "timetable, climate plan, stadium deal, housing scheme"
).split(", ")
EN_SENTENCES = [
    "The debate went on late into the night and ended without a vote.",
    "Officials said a final decision was expected within weeks.",
    "Residents voiced concern about what the plan would mean for daily life.",
    "The finance ministry declined to comment on the details.",
    "Experts expect the effects to be felt as early as next year.",
    "The mayor said she remained committed to talks with all sides.",
    "New figures show a sharp rise compared with the same period last year.",
    "Campaign groups called for full transparency throughout the process.",
    "“We have waited long enough,” one of the organisers told reporters.",
    "The proposal will now go to a committee for a second reading.",
    "Opposition members said the timetable was unrealistic.",
    "A spokesperson later clarified that no date had been agreed.",
]
HE_TOPICS = (
    "תקציב חדש, הרחבת הנמל, שיחות הפסקת האש, רפורמה בחינוך, תוכנית האקלים, "
    "מחירי המים, פרויקט הדיור, התערוכה החדשה"
).split(", ")
HE_PHRASES = (
    "ההחלטה נדחתה בשבוע, הדיון נמשך עד הלילה, התושבים מגיבים, כל מה שצריך לדעת, "
    "המומחים מסבירים, מה הצעד הבא"
).split(", ")
HE_SENTENCES = [
    "הדיון נמשך שעות ארוכות והסתיים ללא הכרעה.",
    "לדברי גורמים מעורבים, ההחלטה הסופית צפויה בשבועות הקרובים.",
    "תושבי העיר הביעו דאגה מהשלכות התוכנית על חיי היומיום.",
    "במשרד האוצר סירבו להגיב לפרטים שפורסמו.",
    "המומחים מעריכים כי ההשפעה תורגש כבר בשנה הבאה.",
    "ראש העירייה אמר כי הוא מחויב להמשך ההידברות עם כל הצדדים.",
    "הנתונים החדשים מראים עלייה חדה לעומת התקופה המקבילה אשתקד.",
    "ארגוני החברה האזרחית קראו לשקיפות מלאה בתהליך.",
]
COMMENT_NAMES = "Dana Yossi Rachel Tom מיכל אבי Priya Luca".split()
# Photos: (sky, layers) for demo_photos.draw_scene.
SCENES = [
    ("day", ["hills"]),
    ("dusk", ["sea", "boats"]),
    ("night", ["street", "buildings"]),
    ("dawn", ["street", "buildings", "crowd"]),
]


@dataclass
class Pools:
    """What the stories are built from: made once, reused by every batch."""

    sections: list
    authors: list
    tags: list
    photos: list


@dataclass
class StoryPlan:
    """One story and the rows that hang off it, before any of them is saved."""

    article: Article
    authors: list
    tags: list
    gallery: Gallery | None = None
    gallery_photos: list = field(default_factory=list)
    comments: list = field(default_factory=list)


def body_hash(body):
    """The hash Comment.save() stores, which the duplicate guard compares."""
    return hashlib.sha256(" ".join(body.split()).encode()).hexdigest()


class Command(BaseCommand):
    help = (
        "Fill a database of its own with live stories for `make bench`: 8 sections, "
        "40 authors, 300 tags, 40 photos, a gallery of 8 photos in every tenth "
        "story, and about 10 approved comments per story. Adds stories until there "
        "are --stories of them; --reset first deletes all stories, comments, "
        "galleries, photos (with their files), tags, authors and sections. On 2 "
        "cores: about 40 s for 10,000 stories on SQLite, 8 minutes for 100,000 on "
        "PostgreSQL."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--stories",
            type=int,
            default=int(os.environ.get("BENCH_STORIES", 10_000)),
            help="Stories wanted in all (default: env BENCH_STORIES, or 10000).",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete all content first, benchmark or not.",
        )

    def handle(self, *args, stories, reset, **options):
        started = time.monotonic()
        if reset:
            self.delete_content()
        elif Article.objects.exclude(slug__startswith=SLUG_PREFIX).exists():
            raise CommandError(
                "This database holds stories that are not benchmark data. Use a "
                "database of its own, or pass --reset to delete all content first."
            )
        existing = Article.objects.count()
        if existing > stories:
            raise CommandError(
                f"The database already holds {existing} stories; pass --reset to "
                f"start again with {stories}."
            )
        pools = self.make_pools()
        now = timezone.now()
        for start in range(existing, stories, BATCH):
            plans = [
                self.plan_story(index, pools, now)
                for index in range(start, min(start + BATCH, stories))
            ]
            self.save_batch(plans)
            self.show_progress(start + len(plans), stories, "stories")
        self.stdout.write("")
        self.report(time.monotonic() - started)

    def delete_content(self):
        """
        Delete all content: stories with their comments, galleries, photos with
        their files, tags, authors and sections.
        """
        ids = list(Article.objects.values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            # In batches: the cascade loads the comments of every story it deletes.
            Article.objects.filter(pk__in=ids[start : start + BATCH]).delete()
            self.show_progress(start + BATCH, len(ids), "stories deleted")
        self.stdout.write("")
        Gallery.objects.all().delete()
        for photo in Photo.objects.all():
            photo.delete()
        for model in (Tag, Author, Section):
            model.objects.all().delete()

    def make_pools(self):
        sections = [
            Section.objects.get_or_create(
                slug=slugify(name), defaults={"name": name, "order": order * 10}
            )[0]
            for order, name in enumerate(SECTIONS, start=1)
        ]
        staff = [f"{first} {last}" for last in LAST_NAMES for first in FIRST_NAMES]
        authors = [
            Author.objects.get_or_create(
                slug=slugify(name),
                defaults={
                    "name": name,
                    "is_agency": name in AGENCIES,
                    "role": "" if name in AGENCIES else "Reporter",
                },
            )[0]
            for name in staff[: AUTHORS - len(AGENCIES)] + AGENCIES
        ]
        names = [f"{theme} in {place}" for theme in THEMES for place in PLACES]
        names += HEBREW_TAGS
        Tag.objects.bulk_create(
            [Tag(name=name, slug=slugify(name, allow_unicode=True)) for name in names],
            ignore_conflicts=True,
        )
        tags = list(Tag.objects.filter(name__in=names).order_by("name"))
        return Pools(sections, authors, tags, self.photo_pool())

    def photo_pool(self):
        """PHOTOS photos made through the upload pipeline, shared by all galleries."""
        photos = list(
            Photo.objects.filter(caption__startswith=PHOTO_CAPTION).order_by("pk")
        )
        for number in range(len(photos) + 1, PHOTOS + 1):
            sky, layers = SCENES[number % len(SCENES)]
            scene = demo_photos.draw_scene(sky, layers, seed=number)
            buffer = io.BytesIO()
            Image.open(io.BytesIO(scene)).resize((800, 533)).save(buffer, "JPEG")
            upload = SimpleUploadedFile(f"bench-{number}.jpg", buffer.getvalue())
            photo = Photo(
                image=images.clean_upload(upload),
                alt_text="נוף העיר" if number % 2 else f"A {sky} scene, {layers[0]}",
                caption=f"{PHOTO_CAPTION} {number}: {' and '.join(layers)}.",
                credit=AGENCIES[number % len(AGENCIES)],
            )
            photo.save()
            photos.append(photo)
            self.show_progress(number, PHOTOS, "photos")
        tasks.run_queued_jobs()  # their renditions: pages show only photos ready
        return photos

    def plan_story(self, index, pools, now):
        """Story `index`, the same whichever run builds it."""
        rng = random.Random(index)
        hebrew = rng.random() < 0.1
        if hebrew:
            headline = f"{rng.choice(HE_TOPICS)}: {rng.choice(HE_PHRASES)}"
            sentences = HE_SENTENCES
        else:
            subject, verb, thing = map(rng.choice, (EN_SUBJECTS, EN_VERBS, EN_OBJECTS))
            headline = f"{subject} {verb} {thing}"
            sentences = EN_SENTENCES
        paragraphs = [
            f"<p>{' '.join(rng.sample(sentences, rng.randint(2, 4)))}</p>"
            for _ in range(rng.randint(5, 9))
        ]
        has_gallery = index % 10 == 0
        gallery = None
        if has_gallery:
            gallery = Gallery(title=headline, slug=f"{SLUG_PREFIX}gallery-{index}")
            paragraphs.insert(2, f"<p>{gallery.placeholder}</p>")
        published_at = now - rng.random() * SPAN
        article = Article(
            headline=headline,
            slug=f"{SLUG_PREFIX}{index}-{slugify(headline, allow_unicode=True)}",
            standfirst=" ".join(rng.sample(sentences, 2)),
            body="\n".join(paragraphs),
            section=rng.choice(pools.sections),
            lead_photo=rng.choice(pools.photos)
            if has_gallery or rng.random() < 0.5
            else None,
            byline_credit="news agencies" if rng.random() < 0.1 else "",
            language=Article.Language.HEBREW if hebrew else Article.Language.ENGLISH,
            status=Article.Status.PUBLISHED,
            published_at=published_at,
        )
        return StoryPlan(
            article=article,
            authors=rng.sample(pools.authors, rng.randint(1, 3)),
            tags=rng.sample(pools.tags, rng.randint(3, 6)),
            gallery=gallery,
            gallery_photos=rng.sample(pools.photos, GALLERY_SIZE) if gallery else [],
            comments=self.plan_comments(rng, article, now),
        )

    def plan_comments(self, rng, article, now):
        """About 10 approved comments, a third of them replies, and a few pending."""
        statuses = [Comment.Status.APPROVED] * rng.randint(0, 20)
        statuses += [Comment.Status.PENDING] * rng.choice([0, 0, 1, 2])
        comments, threads = [], []
        posted_at = article.published_at
        for number, status in enumerate(statuses, start=1):
            posted_at = min(posted_at + timedelta(minutes=rng.randint(1, 90)), now)
            body = " ".join(rng.sample(EN_SENTENCES + HE_SENTENCES, 2))
            if rng.random() < 0.05:
                body += " More at https://example.com/report"
            parent = rng.choice(threads) if threads and rng.random() < 0.33 else None
            comment = Comment(
                article=article,
                parent=parent,
                author_name=rng.choice(COMMENT_NAMES),
                author_email=f"reader{rng.randrange(5000)}@example.com",
                body=body,
                body_hash=body_hash(body),
                link_count=len(LINK.findall(body)),
                status=status,
                policy_version=settings.COMMENT_POLICY_VERSION,
                consented_at=posted_at,
                # One address per comment on a story, so the duplicate guard
                # (story, address, text) always holds.
                ip_address=f"198.51.100.{number}",
                user_agent="Mozilla/5.0 (benchmark)",
                moderated_at=posted_at if status == Comment.Status.APPROVED else None,
            )
            if parent is None and status == Comment.Status.APPROVED:
                threads.append(comment)
            comments.append(comment)
        return comments

    def save_batch(self, plans):
        """Save the stories of `plans` and everything that hangs off them."""
        content_type = ContentType.objects.get_for_model(Article)
        with_gallery = [plan for plan in plans if plan.gallery]
        with transaction.atomic():
            Gallery.objects.bulk_create(plan.gallery for plan in with_gallery)
            GalleryPhoto.objects.bulk_create(
                GalleryPhoto(gallery=plan.gallery, photo=photo, position=position)
                for plan in with_gallery
                for position, photo in enumerate(plan.gallery_photos)
            )
            Article.objects.bulk_create(plan.article for plan in plans)
            ids = [plan.article.pk for plan in plans]
            # auto_now and auto_now_add stamp the moment of the insert; a story
            # back-dated by months would otherwise read "Updated" today.
            Article.objects.filter(pk__in=ids).update(
                created_at=F("published_at"), updated_at=F("published_at")
            )
            # Article.save() links the galleries its body places; bulk_create
            # does not call it.
            Article.galleries.through.objects.bulk_create(
                Article.galleries.through(article=plan.article, gallery=plan.gallery)
                for plan in with_gallery
            )
            Byline.objects.bulk_create(
                Byline(article=plan.article, author=author, position=position)
                for plan in plans
                for position, author in enumerate(plan.authors)
            )
            TaggedItem.objects.bulk_create(
                TaggedItem(
                    content_type=content_type, object_id=plan.article.pk, tag=tag
                )
                for plan in plans
                for tag in plan.tags
            )
            comments = [comment for plan in plans for comment in plan.comments]
            # Threads first: a reply needs its parent's primary key.
            Comment.objects.bulk_create(c for c in comments if c.parent is None)
            Comment.objects.bulk_create(c for c in comments if c.parent is not None)
            # As for stories: a comment was posted when its author consented.
            Comment.objects.filter(article__in=ids).update(created_at=F("consented_at"))

    def show_progress(self, done, total, label, width=30):
        done = min(done, total)
        filled = width * done // total
        bar = "#" * filled + "-" * (width - filled)
        self.stdout.write(f"\r[{bar}] {done}/{total} {label}", ending="")
        self.stdout.flush()

    def report(self, seconds):
        comments = Comment.objects.all()
        self.stdout.write(
            self.style.SUCCESS(
                f"Done in {seconds:.1f} s. The database holds "
                f"{Section.objects.count()} sections, {Author.objects.count()} "
                f"authors, {Tag.objects.count()} tags, {Photo.objects.count()} "
                f"photos, {Gallery.objects.count()} galleries, "
                f"{Article.objects.count()} stories "
                f"({Byline.objects.count()} bylines, "
                f"{TaggedItem.objects.count()} tags on them), "
                f"{comments.approved().count()} approved and "
                f"{comments.pending().count()} pending comments."
            )
        )
