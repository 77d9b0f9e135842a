from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.timesince import timesince
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from taggit.models import Tag
from taggit.utils import parse_tags

from articles.forms import MultipleFileField, PhotoForm
from articles.models import (
    Article,
    Author,
    BlockedTerm,
    Byline,
    Comment,
    CommentDecision,
    Gallery,
    GalleryPhoto,
    Photo,
    Section,
)
from articles.models.stories import describe_missing


def thumbnail(photo):
    if photo is None or not photo.image:
        return ""
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
    list_display = ["preview", "__str__", "alt_text", "credit", "uploaded_at"]
    list_display_links = ["preview", "__str__"]
    list_filter = [MissingPhotoDetailsFilter, "credit", "uploaded_at"]
    search_fields = ["caption", "credit", "alt_text"]
    date_hierarchy = "uploaded_at"
    readonly_fields = ["preview", "width", "height", "uploaded_by", "uploaded_at"]
    fieldsets = [
        (None, {"fields": ["preview", "image", "alt_text", "caption", "credit"]}),
        (
            "Cropping",
            {"fields": ["focal_x", "focal_y"], "classes": ["collapse"]},
        ),
        ("File", {"fields": ["width", "height", "uploaded_by", "uploaded_at"]}),
    ]

    @admin.display(description="Photo")
    def preview(self, photo):
        return thumbnail(photo)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
        if change and {"focal_x", "focal_y"} & set(form.changed_data):
            obj.make_renditions()

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
            message = ngettext("%d photo added.", "%d photos added.", added) % added
            self.message_user(request, message, messages.SUCCESS)
        for name, reason in refused.items():
            self.message_user(
                request, f"{name} was not added: {reason}", messages.ERROR
            )


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "is_agency"]
    list_filter = ["is_agency"]
    search_fields = ["name", "role"]
    prepopulated_fields = {"slug": ["name"]}


class BylineInline(admin.TabularInline):
    model = Byline
    fields = ["author", "position"]
    autocomplete_fields = ["author"]
    extra = 1
    verbose_name = "author"
    verbose_name_plural = "Byline (authors in the order printed)"


class ArticleAdminForm(forms.ModelForm):
    new_tags = forms.CharField(
        required=False,
        label="New tags",
        help_text="Topics not in the list yet, separated by commas.",
    )

    class Meta:
        model = Article
        fields = [
            "headline",
            "slug",
            "standfirst",
            "lead_photo",
            "body",
            "section",
            "status",
            "published_at",
            "byline_credit",
            "tags",
            "language",
        ]

    def clean(self):
        cleaned_data = super().clean()
        new_tags = parse_tags(cleaned_data.get("new_tags", ""))
        if new_tags:
            cleaned_data["tags"] = [*cleaned_data.get("tags", []), *new_tags]
        return cleaned_data


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    inlines = [BylineInline]
    list_display = ["headline", "section", "status", "byline", "published_at"]
    list_filter = ["status", "section", "language", "authors"]
    list_select_related = ["section"]
    search_fields = ["headline", "standfirst", "body"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["lead_photo"]
    actions = ["publish_now", "back_to_draft"]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "standfirst", "lead_photo", "body"]}),
        (
            "Publishing",
            {"fields": ["section", "status", "published_at", "byline_credit"]},
        ),
        ("Topics", {"fields": ["tags", "new_tags"]}),
        ("Language", {"fields": ["language"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).for_listing()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # Tags are picked from the existing ones with the admin's own autocomplete
        # (taggit offers only a comma-separated text box); new ones go in new_tags.
        if db_field.name == "tags":
            return forms.ModelMultipleChoiceField(
                queryset=Tag.objects.all(),
                required=False,
                widget=AutocompleteSelectMultiple(db_field, self.admin_site),
                help_text=db_field.help_text,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        if self.has_publish_permission(request):
            return []
        return ["status", "published_at"]

    def has_publish_permission(self, request):
        return request.user.has_perm("articles.publish_article")

    def view_on_site(self, article):
        if article.is_published():
            return article.get_absolute_url()
        return article.get_preview_url()

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(permissions=["publish"], description="Publish now")
    def publish_now(self, request, queryset):
        for article in queryset.needing_photo_details():
            photos = "; ".join(map(describe_missing, article.unpublishable_photos()))
            self.message_user(
                request,
                f"“{article}” was not published: its photos need alt text and a "
                f"credit first. {photos}.",
                messages.ERROR,
            )
        count = queryset.publish_now(request.user)
        if count:
            message = ngettext("%d story published.", "%d stories published.", count)
            self.message_user(request, message % count, messages.SUCCESS)

    @admin.action(permissions=["publish"], description="Back to draft")
    def back_to_draft(self, request, queryset):
        count = queryset.back_to_draft(request.user)
        message = ngettext(
            "%d story moved back to draft.", "%d stories moved back to draft.", count
        )
        self.message_user(request, message % count, messages.SUCCESS)


class CommentStatusFilter(admin.SimpleListFilter):
    """By status, opening on the pending queue rather than on every comment."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [*Comment.Status.choices, ("all", "All")]

    def choices(self, changelist):
        value = self.value() or Comment.Status.PENDING
        for lookup, title in self.lookup_choices:
            yield {
                "selected": value == lookup,
                "query_string": changelist.get_query_string(
                    {self.parameter_name: lookup}
                ),
                "display": title,
            }

    def queryset(self, request, queryset):
        value = self.value() or Comment.Status.PENDING
        if value == "all":
            return queryset
        return queryset.filter(status=value)


class CommentDecisionInline(admin.TabularInline):
    model = CommentDecision
    fields = ["status", "reason", "decided_by", "decided_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "History of decisions"

    def has_add_permission(self, request, obj=None):
        return False


def reject_action(reason, label):
    """A bulk "Reject" action for one reason, so every rejection carries one."""

    @admin.action(permissions=["moderate"], description=f"Reject: {label.lower()}")
    def reject(modeladmin, request, queryset):
        modeladmin.decide(request, queryset, Comment.Status.REJECTED, reason)

    reject.__name__ = f"reject_{reason}"
    return reject


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    inlines = [CommentDecisionInline]
    list_display = ["excerpt", "story", "author_name", "flags", "age", "moderate"]
    list_filter = [CommentStatusFilter, "rejection_reason", "created_at"]
    list_select_related = ["article"]
    search_fields = ["body", "author_name", "author_email", "ip_address"]
    ordering = ["created_at", "pk"]
    actions = [
        "approve",
        "mark_spam",
        *(reject_action(*choice) for choice in Comment.RejectionReason.choices),
    ]
    fields = [
        "moderate",
        "story",
        "author_name",
        "author_email",
        "body",
        "parent",
        "status",
        "rejection_reason",
        "moderated_by",
        "moderated_at",
        "flags",
        "policy_version",
        "consented_at",
        "ip_address",
        "user_agent",
        "created_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_moderate_permission(self, request):
        return request.user.has_perm("articles.moderate_comment")

    def get_urls(self):
        decide = self.admin_site.admin_view(require_POST(self.decide_one))
        return [
            path(
                "<int:pk>/decide/<str:status>/",
                decide,
                name="articles_comment_decide",
            ),
            *super().get_urls(),
        ]

    @admin.display(description="Comment")
    def excerpt(self, comment):
        return comment.excerpt()

    @admin.display(description="Story", ordering="article__published_at")
    def story(self, comment):
        return format_html(
            '<a href="{}">{}</a>', comment.article.get_absolute_url(), comment.article
        )

    @admin.display(description="Flags")
    def flags(self, comment):
        flags = []
        if comment.has_many_links():
            flags.append(f"{comment.link_count} links")
        if comment.blocklist_match:
            flags.append(f"blocklist: {comment.blocklist_match}")
        if comment.is_first_comment:
            flags.append("first comment")
        return format_html_join(
            " ", '<span class="comment-flag">{}</span>', ((f,) for f in flags)
        )

    @admin.display(description="Waiting", ordering="created_at")
    def age(self, comment):
        return timesince(comment.created_at)

    @admin.display(description="Decision")
    def moderate(self, comment):
        """One-click buttons; they post (with the page's CSRF token) to decide_one."""
        if comment.status != Comment.Status.PENDING:
            by = f" by {comment.moderated_by}" if comment.moderated_by else ""
            return f"{comment.get_status_display()}{by}"

        def decide_url(status):
            return reverse("admin:articles_comment_decide", args=[comment.pk, status])

        reasons = format_html_join(
            "", '<option value="{}">{}</option>', Comment.RejectionReason.choices
        )
        return format_html(
            '<button type="submit" formaction="{}" name="expected" value="pending" '
            'class="button">Approve</button> '
            '<select name="reason-{}" aria-label="Reason for rejecting">{}</select> '
            '<button type="submit" formaction="{}" name="expected" value="pending" '
            'class="button">Reject</button> '
            '<button type="submit" formaction="{}" name="expected" value="pending" '
            'class="button">Spam</button>',
            decide_url(Comment.Status.APPROVED),
            comment.pk,
            reasons,
            decide_url(Comment.Status.REJECTED),
            decide_url(Comment.Status.SPAM),
        )

    def decide(self, request, queryset, status, reason=""):
        changed = queryset.decide(status, by=request.user, reason=reason)
        label = Comment.Status(status).label.lower()
        message = ngettext("%d comment %s.", "%d comments %s.", changed)
        self.message_user(request, message % (changed, label), messages.SUCCESS)

    @admin.action(permissions=["moderate"], description="Approve")
    def approve(self, request, queryset):
        self.decide(request, queryset, Comment.Status.APPROVED)

    @admin.action(permissions=["moderate"], description="Mark as spam")
    def mark_spam(self, request, queryset):
        self.decide(
            request, queryset, Comment.Status.SPAM, Comment.RejectionReason.SPAM
        )

    def decide_one(self, request, pk, status):
        if not self.has_moderate_permission(request):
            raise PermissionDenied
        if status not in Comment.Status.values or status == Comment.Status.PENDING:
            raise Http404
        comment = get_object_or_404(Comment, pk=pk)
        reason = ""
        if status == Comment.Status.REJECTED:
            reason = request.POST.get(f"reason-{pk}", "")
            if reason not in Comment.RejectionReason.values:
                reason = Comment.RejectionReason.OTHER
        elif status == Comment.Status.SPAM:
            reason = Comment.RejectionReason.SPAM
        changed = Comment.objects.filter(pk=pk).decide(
            status,
            by=request.user,
            reason=reason,
            expected=request.POST.get("expected"),
        )
        if changed:
            label = Comment.Status(status).label.lower()
            self.message_user(request, f"Comment by {comment.author_name} {label}.")
        else:
            comment.refresh_from_db()
            self.message_user(
                request,
                f"Comment by {comment.author_name} was not changed: "
                f"{comment.moderated_by or 'another moderator'} had already marked it "
                f"{comment.get_status_display().lower()}.",
                messages.WARNING,
            )
        back = request.headers.get("Referer", "")
        if not url_has_allowed_host_and_scheme(back, {request.get_host()}):
            back = reverse("admin:articles_comment_changelist")
        return redirect(back)


@admin.register(BlockedTerm)
class BlockedTermAdmin(admin.ModelAdmin):
    list_display = ["value", "kind", "note", "created_at"]
    list_filter = ["kind"]
    search_fields = ["value", "note"]
