import logging
import unicodedata
from dataclasses import dataclass
from functools import partial
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Case, Count, Prefetch, Q, Value, When
from django.utils.text import Truncator

from articles import images
from articles.pagecache.writes import TrackedQuerySet

logger = logging.getLogger(__name__)

FOCAL_POINT_RANGE = [MinValueValidator(0.0), MaxValueValidator(1.0)]


def text_direction(text):
    """ "rtl" when the first letter with a direction of its own is right-to-left."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return "rtl"
        if direction == "L":
            return "ltr"
    return "ltr"


@dataclass
class Picture:
    """What a <picture> element needs; read from stored data, never from the file."""

    src: str
    width: int
    height: int
    jpeg_srcset: str = ""
    webp_srcset: str = ""


# What a published story needs from every photo it shows: its details, and its
# renditions made.
MISSING_DETAILS = Q(alt_text="") | Q(credit="")
UNPUBLISHABLE = MISSING_DETAILS | ~Q(status="ready")


class PhotoQuerySet(TrackedQuerySet):
    def missing_details(self):
        """Photos still without the alt text or credit publishing needs."""
        return self.filter(MISSING_DETAILS)

    def with_details(self):
        return self.exclude(MISSING_DETAILS)

    def unpublishable(self):
        """Photos a published story cannot show yet."""
        return self.filter(UNPUBLISHABLE)


class Photo(models.Model):
    class Status(models.TextChoices):
        PROCESSING = "processing", "Processing"
        READY = "ready", "Ready"
        FAILED = "failed", "Could not be processed"

    image = models.ImageField(
        upload_to="photos/%Y/%m/",
        width_field="width",
        height_field="height",
        help_text="JPEG, PNG, WebP or GIF. Location and camera data are removed.",
    )
    alt_text = models.CharField(
        "alt text",
        max_length=300,
        blank=True,
        help_text="What the photo shows, for readers who cannot see it; any language. "
        "Needed before a story showing the photo can be published.",
    )
    caption = models.TextField(
        blank=True, help_text="Shown under the photo: who, what, where and when."
    )
    credit = models.CharField(
        max_length=100,
        blank=True,
        help_text="Agency or photographer, e.g. “Reuters”; shown as “(Photo: "
        "Reuters)”. Needed before a story showing the photo can be published.",
    )
    focal_x = models.FloatField(
        "focal point across",
        null=True,
        blank=True,
        validators=FOCAL_POINT_RANGE,
        help_text="From 0 (left edge) to 1 (right edge); crops keep this point in "
        "view.",
    )
    focal_y = models.FloatField(
        "focal point down",
        null=True,
        blank=True,
        validators=FOCAL_POINT_RANGE,
        help_text="From 0 (top) to 1 (bottom).",
    )
    width = models.PositiveIntegerField(editable=False)
    height = models.PositiveIntegerField(editable=False)
    renditions = models.JSONField(default=dict, editable=False)
    # A new file's renditions are made by a worker (articles/tasks.py): until
    # then readers are not shown the photo, nor can a story showing it go live.
    status = models.CharField(
        max_length=10, choices=Status, default=Status.READY, editable=False
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = PhotoQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(focal_x__gte=0, focal_x__lte=1) | Q(focal_x__isnull=True),
                name="articles_photo_focal_x_in_image",
            ),
            models.CheckConstraint(
                condition=Q(focal_y__gte=0, focal_y__lte=1) | Q(focal_y__isnull=True),
                name="articles_photo_focal_y_in_image",
            ),
        ]

    def __str__(self):
        label = self.caption or self.alt_text or PurePosixPath(self.image.name).name
        return f"Photo {self.pk}: {Truncator(label).chars(60)}"

    def save(self, *args, **kwargs):
        # A new upload is written to storage by the field as the row is saved; if
        # anything after that fails, the files must not stay behind as orphans.
        is_new_file = bool(self.image) and not self.image._committed
        if not is_new_file:
            return super().save(*args, **kwargs)
        replaced = type(self).objects.filter(pk=self.pk).first() if self.pk else None
        if not self.renditions:
            # A replaced file's renditions are shown until the new ones are made.
            self.status = self.Status.PROCESSING
        try:
            with transaction.atomic():
                super().save(*args, **kwargs)
                self.queue_renditions()
        except BaseException:
            self.image.storage.delete(self.image.name)
            raise
        if replaced:
            delete_old_file = partial(self.image.storage.delete, replaced.image.name)
            transaction.on_commit(delete_old_file)

    def queue_renditions(self):
        """Have a worker make this photo's renditions from its file (again)."""
        from articles import tasks

        if self.status == self.Status.FAILED:
            self.status = self.Status.PROCESSING
            type(self).objects.filter(pk=self.pk).update(status=self.status)
        tasks.make_renditions.enqueue(self.pk)

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        transaction.on_commit(self.delete_files)
        return result

    def make_renditions(self):
        """Write this photo's renditions to storage and remember their names."""
        storage = self.image.storage
        old_names = self.rendition_names()
        stem = str(PurePosixPath(self.image.name).with_suffix(""))
        renditions = {"version": images.RENDITIONS_VERSION}
        saved = []
        try:
            with self.image.open("rb") as file:
                for kind, extension, width, height, content in images.render_renditions(
                    file, PurePosixPath(stem).name, self.focal_x, self.focal_y
                ):
                    name = storage.save(f"{stem}-{kind}-{width}.{extension}", content)
                    saved.append(name)
                    formats = renditions.setdefault(kind, {})
                    formats.setdefault(extension, []).append([width, height, name])
        except BaseException:
            # Renditions made before the failure must not stay behind as orphans.
            for name in saved:
                storage.delete(name)
            raise
        for kind in ("crop", "full"):
            for entries in renditions[kind].values():
                entries.sort()  # smallest first, as srcset lists them
        # Only if the photo still has this file: it may have been replaced or
        # deleted while the renditions were made.
        if not self.has_file(self.image.name).update(
            renditions=renditions, status=self.Status.READY
        ):
            for name in saved:
                storage.delete(name)
            return
        self.renditions, self.status = renditions, self.Status.READY
        for name in set(old_names) - set(self.rendition_names()):
            storage.delete(name)

    def has_file(self, name):
        """This photo, as a queryset, if its file is still `name`."""
        return type(self).objects.filter(pk=self.pk, image=name)

    def has_current_renditions(self):
        return self.renditions.get("version") == images.RENDITIONS_VERSION

    def rendition_names(self):
        return [
            name
            for kind in ("crop", "full")
            for entries in self.renditions.get(kind, {}).values()
            for _width, _height, name in entries
        ]

    def delete_files(self):
        storage = self.image.storage
        for name in [self.image.name, *self.rendition_names()]:
            if name:
                storage.delete(name)

    @property
    def alt_text_direction(self):
        # dir="auto" does not work for alt text: an <img> has no text content to
        # guess from, so Hebrew alt text would be read out of order.
        return text_direction(self.alt_text)

    def is_publishable(self):
        return not self.what_is_missing()

    def what_is_missing(self):
        """What keeps this photo from readers: ["no alt text", "still processing"]."""
        missing = [
            f"no {label}"
            for label, value in (("alt text", self.alt_text), ("credit", self.credit))
            if not value.strip()
        ]
        if self.status == self.Status.PROCESSING:
            missing.append("still processing")
        elif self.status == self.Status.FAILED:
            missing.append("could not be processed")
        return missing

    @property
    def cropped(self):
        """The photo cut to the teaser shape around its focal point."""
        return self._picture("crop")

    @property
    def uncropped(self):
        return self._picture("full")

    def _picture(self, kind):
        storage = self.image.storage
        formats = self.renditions.get(kind)
        if not formats:
            return Picture(self.image.url, self.width, self.height)

        def srcset(entries):
            return ", ".join(f"{storage.url(name)} {w}w" for w, _h, name in entries)

        jpegs = formats["jpg"]
        middle_width, middle_height, middle_name = jpegs[len(jpegs) // 2]
        return Picture(
            src=storage.url(middle_name),
            width=middle_width,
            height=middle_height,
            jpeg_srcset=srcset(jpegs),
            webp_srcset=srcset(formats["webp"]),
        )


class GalleryQuerySet(TrackedQuerySet):
    def with_photos(self, slugs):
        """
        {slug: gallery} for the galleries with these slugs that have photos ready
        for readers, each with `photo_list` in the order editors set: one query
        however many galleries and photos (a join, cheaper to build than a
        subquery of self).
        """
        galleries = {}
        entries = GalleryPhoto.objects.filter(
            gallery__slug__in=slugs, photo__status=Photo.Status.READY
        ).select_related("gallery", "photo")
        for entry in entries:
            if entry.gallery.slug not in galleries:
                galleries[entry.gallery.slug] = entry.gallery
                entry.gallery.photo_list = []
            galleries[entry.gallery.slug].photo_list.append(entry.photo)
        return galleries

    def with_covers(self):
        """
        These galleries with `photo_count` and what `cover_photo()` needs: two
        queries however many galleries and photos.
        """
        first = GalleryPhoto.objects.select_related("photo").order_by("position", "pk")
        return self.annotate(photo_count=Count("gallery_photos")).prefetch_related(
            Prefetch("gallery_photos", queryset=first[:1], to_attr="first_entries")
        )


class Gallery(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text="Stories place the gallery with “Insert gallery” in the body "
        "editor's menu, which writes [gallery:this-slug] as a paragraph of its own.",
    )
    description = models.TextField(blank=True)
    photos = models.ManyToManyField(
        Photo, through="GalleryPhoto", related_name="galleries", blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = GalleryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "galleries"

    def __str__(self):
        return self.title

    def photos_in_order(self):
        """This gallery's photos, as a queryset, in the order readers see them."""
        ids = list(self.gallery_photos.values_list("photo_id", flat=True))
        if not ids:
            return Photo.objects.none()
        order = Case(*(When(pk=pk, then=Value(n)) for n, pk in enumerate(ids)))
        return Photo.objects.filter(pk__in=ids).order_by(order)

    def cover_photo(self):
        """The photo readers see first, or None while the gallery has none."""
        entries = getattr(self, "first_entries", None)
        if entries is None:
            entries = self.gallery_photos.select_related("photo")[:1]
        return entries[0].photo if entries else None

    @property
    def placeholder(self):
        return f"[gallery:{self.slug}]"

    def add_uploads(self, uploads, **photo_fields):
        """
        Make each good upload a photo at the end of this gallery, and return
        {file name: reason} for the ones refused. A refused file leaves nothing
        behind; the good ones are kept whatever happens to the others.
        """
        last = self.gallery_photos.aggregate(last=models.Max("position"))["last"]
        position = -1 if last is None else last
        refused = {}
        for upload in uploads:
            try:
                with transaction.atomic():
                    photo = Photo(image=images.clean_upload(upload), **photo_fields)
                    photo.save()
                    GalleryPhoto.objects.create(
                        gallery=self, photo=photo, position=position + 1
                    )
            except ValidationError as error:
                refused[upload.name] = " ".join(error.messages)
            except images.PROCESSING_ERRORS:
                # Checked, yet it could not be re-encoded: say so, keep the rest
                # of the upload, and leave the details to the log.
                logger.exception("The upload %s could not be re-encoded", upload.name)
                refused[upload.name] = images.PROCESSING_FAILED
            else:
                position += 1
        return refused


class GalleryPhoto(models.Model):
    """One photo's place in one gallery."""

    gallery = models.ForeignKey(
        Gallery, on_delete=models.CASCADE, related_name="gallery_photos"
    )
    photo = models.ForeignKey(Photo, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    objects = TrackedQuerySet.as_manager()

    class Meta:
        ordering = ["gallery", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["gallery", "photo"], name="articles_galleryphoto_photo_once"
            )
        ]

    def __str__(self):
        return f"{self.photo} in {self.gallery}"
