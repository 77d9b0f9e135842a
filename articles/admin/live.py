"""
Live coverage: starting and ending it from the story form, and posting updates.

Updates are posted on a form of their own, not in an inline of the story form: an
update goes out at once, without saving the story another editor may be changing.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from articles.models import Article, LiveUpdate


class LiveCoverageMixin:
    """For ArticleAdmin: the Start and End live coverage buttons."""

    def live_coverage_urls(self):
        coverage = self.admin_site.admin_view(require_POST(self.live_coverage_view))
        return [
            path("<int:pk>/live/", coverage, name="articles_article_live"),
        ]

    def live_coverage_view(self, request, pk):
        article = get_object_or_404(Article, pk=pk)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        if "end" in request.POST:
            article.end_live_coverage()
            message = "Live coverage has ended: readers' pages stop asking for updates."
        else:
            article.start_live_coverage()
            message = "The story is live: updates you post appear on readers' pages."
        self.message_user(request, message, messages.SUCCESS)
        return redirect("admin:articles_article_change", article.pk)


@admin.register(LiveUpdate)
class LiveUpdateAdmin(admin.ModelAdmin):
    list_display = ["__str__", "article", "is_key_event", "published_at", "created_by"]
    list_filter = ["is_key_event", ("article", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["article", "created_by"]
    search_fields = ["text", "article__headline"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["article", "photo"]
    fields = ["article", "text", "is_key_event", "photo", "published_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        if "_addanother" in request.POST or "_continue" in request.POST:
            return super().response_add(request, obj, post_url_continue)
        # Back to an empty form for the same story: the next update is coming.
        self.message_user(
            request,
            format_html(
                'Update posted to “{}”. <a href="{}">See it on the site</a>.',
                obj.article,
                obj.get_absolute_url(),
            ),
            messages.SUCCESS,
        )
        url = reverse("admin:articles_liveupdate_add")
        return redirect(f"{url}?article={obj.article_id}")
