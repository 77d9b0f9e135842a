"""Stories, their sections and authors."""

import reversion
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.text import get_text_list
from django.utils.timezone import localtime
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from reversion.admin import VersionAdmin
from reversion.models import Version
from taggit.models import Tag
from taggit.utils import parse_tags

from articles import revisions, sharing
from articles.admin.autosave import AutosaveMixin
from articles.admin.concurrent import ConcurrentEditForm, done_editing, note_editing
from articles.admin.live import LiveCoverageMixin
from articles.admin.photos import thumbnail
from articles.models import (
    Article,
    Author,
    Byline,
    Correction,
    Gallery,
    RevisionTags,
    Section,
)
from articles.models.stories import describe_missing


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


def photos_to_fix(article):
    """(change page URL, thumbnail, description) of each photo stopping publication."""
    return [
        (
            reverse("admin:articles_photo_change", args=[photo.pk]),
            thumbnail(photo),
            describe_missing(photo),
        )
        for photo in article.unpublishable_photos()
    ]


class CorrectionInline(admin.TabularInline):
    model = Correction
    extra = 0
    fields = ["kind", "text", "published_at"]
    verbose_name_plural = (
        "Corrections and updates (shown to readers in a box at the end of the story)"
    )


class PublicationStateFilter(admin.SimpleListFilter):
    """Draft, scheduled (published with a time still to come) or live."""

    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("draft", "Draft"), ("scheduled", "Scheduled"), ("live", "Live")]

    def queryset(self, request, queryset):
        match self.value():
            case "draft":
                return queryset.filter(status=Article.Status.DRAFT)
            case "scheduled":
                return queryset.scheduled()
            case "live":
                return queryset.live()
        return queryset


class PinnedFilter(admin.SimpleListFilter):
    """Stories pinned to the front page, in their order."""

    title = "front page"
    parameter_name = "pinned"

    def lookups(self, request, model_admin):
        return [("yes", "Pinned"), ("no", "Not pinned")]

    def queryset(self, request, queryset):
        match self.value():
            case "yes":
                return queryset.filter(front_page_position__isnull=False).order_by(
                    "front_page_position"
                )
            case "no":
                return queryset.filter(front_page_position__isnull=True)
        return queryset


class ArticleAdminForm(ConcurrentEditForm):
    substantive = forms.BooleanField(
        required=False,
        label="Tell readers the story was updated",
        help_text="For a change of substance: the story shows “Updated” with the "
        "time, and search engines get the new time. Leave it unticked for typo "
        "fixes; a correction or update logged below counts on its own.",
    )
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
            "comment_mode",
            "comment_days",
            "front_page_position",
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


GALLERY_PICKER_PAGE_SIZE = 20


@admin.register(Article)
class ArticleAdmin(AutosaveMixin, LiveCoverageMixin, VersionAdmin):
    form = ArticleAdminForm
    inlines = [BylineInline, CorrectionInline]
    list_display = [
        "headline",
        "section",
        "state",
        "byline",
        "published_at",
        "front_page_position",
    ]
    list_editable = ["front_page_position"]
    list_filter = [
        PublicationStateFilter,
        PinnedFilter,
        "section",
        "language",
        "authors",
    ]
    list_select_related = ["section"]
    search_fields = ["headline", "standfirst", "body"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["lead_photo"]
    actions = ["publish_now", "back_to_draft"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "headline",
                    "slug",
                    "standfirst",
                    "lead_photo",
                    "body",
                    "opened_as",
                ]
            },
        ),
        (
            "Publishing",
            {
                "fields": [
                    "section",
                    "status",
                    "published_at",
                    "comment_mode",
                    "comment_days",
                    "front_page_position",
                    "byline_credit",
                    "substantive",
                ]
            },
        ),
        ("Topics", {"fields": ["tags", "new_tags"]}),
        ("Language", {"fields": ["language"], "classes": ["collapse"]}),
    ]

    class Media:
        # The body editor loads gallery-picker.js itself (richtext.EDITOR_EXTENSIONS).
        css = {"all": ["articles/gallery-picker.css", "articles/autosave.css"]}
        js = ["articles/autosave.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).for_listing()

    def get_search_results(self, request, queryset, search_term):
        # The readers' search rule (quotes, or, -word, Hebrew prefixes), over
        # every story, drafts included.
        if not search_term.strip():
            return queryset, False
        return queryset.matching(search_term), False

    @admin.display(description="State", ordering="status")
    def state(self, article):
        if article.is_scheduled():
            when = date_format(localtime(article.published_at), "j F Y, H:i")
            return f"Scheduled for {when}"
        return article.get_status_display()

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

    object_history_template = "admin/articles/article/object_history.html"

    def get_urls(self):
        share = self.admin_site.admin_view(require_POST(self.share_view))
        compare = self.admin_site.admin_view(self.compare_view)
        picker = self.admin_site.admin_view(self.gallery_picker_view)
        return [
            *self.autosave_urls(),
            *self.live_coverage_urls(),
            path("gallery-picker/", picker, name="articles_article_gallery_picker"),
            path("<int:pk>/share/", share, name="articles_article_share"),
            path(
                "<int:pk>/history/compare/",
                compare,
                name="articles_article_compare",
            ),
            *super().get_urls(),
        ]

    def history_view(self, request, object_id, extra_context=None):
        # The revisions themselves, so that any two can be chosen to compare.
        versions = Version.objects.get_for_object_reference(
            Article, object_id
        ).select_related("revision__user")
        context = {**(extra_context or {}), "versions": versions}
        return super().history_view(request, object_id, context)

    def compare_view(self, request, pk):
        """Two revisions of a story side by side, field by field."""
        article = get_object_or_404(Article, pk=pk)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        versions = Version.objects.get_for_object(article)
        try:
            older, newer = sorted(
                (
                    get_object_or_404(versions, pk=request.GET.get(name))
                    for name in ("from", "to")
                ),
                key=lambda version: version.revision.date_created,
            )
        except ValueError:
            raise Http404("Choose two revisions to compare.") from None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": f"Compare revisions of “{article}”",
            "older": older,
            "newer": newer,
            "changes": revisions.compare(older, newer),
            "older_url": reverse(
                "admin:articles_article_revision", args=[article.pk, older.pk]
            ),
            "newer_url": reverse(
                "admin:articles_article_revision", args=[article.pk, newer.pk]
            ),
        }
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    def gallery_picker_view(self, request):
        """
        Galleries to place in the body, newest first, a page at a time, with their
        covers: the list the editor's “Insert gallery” button shows.
        """
        if not (
            self.has_add_permission(request) or self.has_change_permission(request)
        ):
            raise PermissionDenied
        # Newest first: a count annotation drops the model's default ordering.
        galleries = Gallery.objects.with_covers().order_by("-created_at", "-pk")
        query = request.GET.get("q", "").strip()
        if query:
            galleries = galleries.filter(
                Q(title__icontains=query) | Q(slug__icontains=query)
            )
        page = Paginator(galleries, GALLERY_PICKER_PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        context = {
            "page": page,
            "query": query,
            "rows": [(gallery, thumbnail(gallery.cover_photo())) for gallery in page],
        }
        return TemplateResponse(
            request, "admin/articles/article/gallery_picker.html", context
        )

    def share_view(self, request, pk):
        """Make a share link to a story readers cannot see yet, or revoke them all."""
        article = get_object_or_404(Article, pk=pk)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        if "revoke" in request.POST:
            sharing.revoke(article)
            self.message_user(
                request,
                "Every share link to this story made so far now answers "
                "“Page not found”.",
                messages.SUCCESS,
            )
        else:
            lifetime, _label = sharing.LIFETIMES.get(
                request.POST.get("hours"), (sharing.DEFAULT_LIFETIME, "")
            )
            url = settings.SITE_URL + sharing.share_url(article, lifetime)
            until = date_format(localtime(timezone.now() + lifetime), "j F Y, H:i")
            self.message_user(
                request,
                f"Share link, for anyone who has it until {until}: {url}",
                messages.SUCCESS,
            )
        return redirect("admin:articles_article_change", article.pk)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "share_lifetimes": [
                (value, label, lifetime == sharing.DEFAULT_LIFETIME)
                for value, (lifetime, label) in sharing.LIFETIMES.items()
            ],
        }
        if request.method == "GET":
            others = note_editing(object_id, request.user.get_username())
            if others:
                self.message_user(
                    request,
                    f"{get_text_list(others, 'and')} also "
                    f"{'has' if len(others) == 1 else 'have'} this story open. If "
                    "they save first, your save will be refused with what they "
                    "changed.",
                    messages.WARNING,
                )
        return super().change_view(request, object_id, form_url, extra_context)

    def response_change(self, request, obj):
        done_editing(str(obj.pk), request.user.get_username())
        return super().response_change(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        if form.cleaned_data.get("substantive"):
            obj.revised_at = timezone.now()
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if reversion.is_active():
            # Tag links name tags by id, and tags can be renamed or deleted.
            names = sorted(form.instance.tags.names())
            reversion.add_meta(RevisionTags, article_id=form.instance.pk, names=names)

    def render_change_form(self, request, context, *args, **kwargs):
        form = context["adminform"].form
        if form.has_error(NON_FIELD_ERRORS, "photo_details_missing"):
            context["photos_to_fix"] = photos_to_fix(form.instance)
        return super().render_change_form(request, context, *args, **kwargs)

    @admin.action(permissions=["publish"], description="Publish now")
    def publish_now(self, request, queryset):
        for article in queryset.needing_photo_details():
            self.message_user(
                request,
                format_html(
                    "“{}” was not published: its photos need alt text and a credit, "
                    "and their processing finished, first. {}",
                    article,
                    format_html_join(
                        " ", '<a href="{}">{} {}</a>', photos_to_fix(article)
                    ),
                ),
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
