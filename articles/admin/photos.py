"""The photo library and galleries."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import ngettext

from articles.forms import MultipleFileField, PhotoForm
from articles.models import (
    Gallery,
    GalleryPhoto,
    Photo,
)


def thumbnail(photo):
    if photo is None or not photo.image:
        return ""
    if not photo.renditions:
        # Processing, or failed: the original may be tens of megabytes.
        return format_html(
            '<span class="photo-status">{}</span>', photo.get_status_display()
        )
    picture = photo.cropped
    return format_html(
        '<img src="{}" width="120" height="80" alt="{}" class="photo-thumbnail">',
        picture.src,
        photo.alt_text,
    )


class MissingPhotoDetailsFilter(admin.SimpleListFilter):
    title = "details for publishing"
    parameter_name = "details"

    def lookups(self, request, model_admin):
        return [("missing", "Missing alt text or credit"), ("complete", "Complete")]

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.missing_details()
        if self.value() == "complete":
            return queryset.with_details()
        return queryset


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    form = PhotoForm
    list_display = ["preview", "__str__", "alt_text", "credit", "status", "uploaded_at"]
    list_display_links = ["preview", "__str__"]
    list_filter = [MissingPhotoDetailsFilter, "status", "credit", "uploaded_at"]
    actions = ["process_again"]
    search_fields = ["caption", "credit", "alt_text"]
    date_hierarchy = "uploaded_at"
    readonly_fields = [
        "preview",
        "focal_point_picker",
        "status",
        "width",
        "height",
        "uploaded_by",
        "uploaded_at",
    ]
    fieldsets = [
        (None, {"fields": ["preview", "image", "alt_text", "caption", "credit"]}),
        (
            "Cropping",
            {"fields": ["focal_point_picker", "focal_x", "focal_y"]},
        ),
        (
            "File",
            {"fields": ["status", "width", "height", "uploaded_by", "uploaded_at"]},
        ),
    ]

    class Media:
        css = {"all": ["articles/focal-point.css"]}
        js = ["articles/focal-point.js"]

    @admin.display(description="Photo")
    def preview(self, photo):
        return thumbnail(photo)

    @admin.display(description="Focal point")
    def focal_point_picker(self, photo):
        if not photo.pk:
            return "Upload the photo first; then click the point crops must keep."
        if not photo.renditions:
            return "The photo is being processed; reload the page in a few seconds."
        picture = photo.uncropped
        return format_html(
            '<div class="focal-point-picker"><img src="{}" width="{}" height="{}" '
            'alt="{}"><span class="focal-point-marker" hidden></span></div>'
            '<p class="focal-point-help">Click the point that crops must keep in '
            "view; teasers and lead photos are cut around it.</p>",
            picture.src,
            picture.width,
            picture.height,
            photo.alt_text,
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
        if change and {"focal_x", "focal_y"} & set(form.changed_data):
            obj.queue_renditions()

    @admin.action(permissions=["change"], description="Process again")
    def process_again(self, request, queryset):
        """Make the renditions again: for photos that could not be processed."""
        photos = list(queryset)
        for photo in photos:
            photo.queue_renditions()
        message = ngettext(
            "%d photo will be processed again in a moment.",
            "%d photos will be processed again in a moment.",
            len(photos),
        )
        self.message_user(request, message % len(photos), messages.SUCCESS)

    def delete_queryset(self, request, queryset):
        # One by one, so each photo's files go with it.
        for photo in queryset:
            photo.delete()


class GalleryPhotoInline(admin.TabularInline):
    model = GalleryPhoto
    fields = ["preview", "photo", "position"]
    readonly_fields = ["preview"]
    autocomplete_fields = ["photo"]
    extra = 0
    verbose_name = "photo"
    verbose_name_plural = "Photos, in the order readers see them"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("photo")

    @admin.display(description="Preview")
    def preview(self, gallery_photo):
        return thumbnail(gallery_photo.photo) if gallery_photo.photo_id else ""


class PhotoDetailsForm(forms.ModelForm):
    """What readers and publishing need from one photo of a gallery."""

    class Meta:
        model = Photo
        fields = ["alt_text", "caption", "credit"]
        widgets = {"caption": forms.Textarea(attrs={"rows": 2, "cols": 40})}


def labelled(form, number):
    """`form`, its fields named for screen readers: “Alt text of photo 3”."""
    for field in form.fields.values():
        field.widget.attrs["aria-label"] = f"{field.label} of photo {number}"
    return form


PhotoDetailsFormSet = forms.modelformset_factory(
    Photo, form=PhotoDetailsForm, extra=0, edit_only=True
)


class GalleryAdminForm(forms.ModelForm):
    new_photos = MultipleFileField(
        required=False,
        label="Upload photos",
        help_text="Choose any number of JPEG, PNG, WebP or GIF files; they are added "
        "at the end. Files that cannot be used are listed with the reason, and the "
        "others are kept. Add alt text to each photo before publishing.",
    )
    new_photos_credit = forms.CharField(
        required=False,
        max_length=100,
        label="Credit for uploaded photos",
        help_text="E.g. “Reuters”; each photo's credit can be changed later.",
    )

    class Meta:
        model = Gallery
        fields = ["title", "slug", "description"]


@admin.register(Gallery)
class GalleryAdmin(admin.ModelAdmin):
    form = GalleryAdminForm
    inlines = [GalleryPhotoInline]
    list_display = ["title", "placeholder", "photo_count", "story_count", "updated_at"]
    search_fields = ["title", "slug", "description"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "description"]}),
        ("Add photos", {"fields": ["new_photos", "new_photos_credit"]}),
    ]

    def get_urls(self):
        details = self.admin_site.admin_view(self.photo_details_view)
        return [
            path(
                "<int:pk>/photo-details/",
                details,
                name="articles_gallery_photo_details",
            ),
            *super().get_urls(),
        ]

    def photo_details_view(self, request, pk):
        """Alt text, caption and credit of every photo of a gallery, on one screen."""
        gallery = get_object_or_404(Gallery, pk=pk)
        photo_admin = self.admin_site._registry[Photo]
        if not photo_admin.has_change_permission(request):
            raise PermissionDenied
        formset = PhotoDetailsFormSet(
            request.POST or None, queryset=gallery.photos_in_order()
        )
        if request.method == "POST" and formset.is_valid():
            with transaction.atomic():
                saved = formset.save()
            message = ngettext(
                "Details of %d photo saved.", "Details of %d photos saved.", len(saved)
            )
            self.message_user(request, message % len(saved), messages.SUCCESS)
            return redirect("admin:articles_gallery_change", gallery.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": gallery,
            "title": f"Photo details of “{gallery}”",
            "formset": formset,
            "rows": [
                (labelled(form, n), thumbnail(form.instance))
                for n, form in enumerate(formset, start=1)
            ],
        }
        return TemplateResponse(
            request, "admin/articles/gallery/photo_details.html", context
        )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                photo_count=Count("gallery_photos", distinct=True),
                story_count=Count("articles", distinct=True),
            )
        )

    @admin.display(description="Placeholder for the story body")
    def placeholder(self, gallery):
        return gallery.placeholder

    @admin.display(description="Photos", ordering="photo_count")
    def photo_count(self, gallery):
        return gallery.photo_count

    @admin.display(description="Stories", ordering="story_count")
    def story_count(self, gallery):
        return gallery.story_count

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        uploads = form.cleaned_data["new_photos"]
        if not uploads:
            return
        refused = form.instance.add_uploads(
            uploads,
            credit=form.cleaned_data["new_photos_credit"],
            uploaded_by=request.user,
        )
        added = len(uploads) - len(refused)
        if added:
            message = ngettext(
                "%d photo added; readers see it once it is processed, in a few "
                "seconds.",
                "%d photos added; readers see them once they are processed, in a "
                "few seconds.",
                added,
            )
            self.message_user(request, message % added, messages.SUCCESS)
        for name, reason in refused.items():
            self.message_user(
                request, f"{name} was not added: {reason}", messages.ERROR
            )
