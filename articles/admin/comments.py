"""The moderation queue and the blocklist."""

from functools import partial

from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.timesince import timesince
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from articles.admin.moderation import dashboard_view
from articles.models import (
    Ban,
    BlockedTerm,
    Comment,
    CommentDecision,
    CommenterMark,
    CommentReport,
)
from articles.models.comments import CommenterRecord

# How many of a commenter's other comments a comment's page lists; the rest are a
# link away, so the page costs the same however long the history.
HISTORY_SHOWN = 20


class CommentStatusFilter(admin.SimpleListFilter):
    """By status, opening on the pending queue rather than on every comment."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [*Comment.Status.choices, ("reported", "Reported"), ("all", "All")]

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
        if value == "reported":
            return queryset.reported()
        return queryset.filter(status=value)


class CommenterFilter(admin.SimpleListFilter):
    """One commenter's comments, by email: the link from a commenter's record."""

    title = "commenter"
    parameter_name = "commenter"

    def lookups(self, request, model_admin):
        value = self.value()
        return [(value, value)] if value else []

    def queryset(self, request, queryset):
        if self.value():
            return queryset.by_commenter(self.value())
        return queryset


class QueueChangeList(ChangeList):
    """A page of the queue, each comment with its commenter's record and mark."""

    def get_results(self, request):
        super().get_results(request)
        self.result_list = list(self.result_list)
        emails = {c.author_email.lower() for c in self.result_list}
        records = Comment.objects.records(emails)
        reports = Comment.objects.filter(
            pk__in=[c.pk for c in self.result_list]
        ).report_summaries()
        marks = CommenterMark.objects.filter(email__in=emails).in_bulk(
            field_name="email"
        )
        for comment in self.result_list:
            email = comment.author_email.lower()
            comment.commenter_record = records.get(email, CommenterRecord())
            comment.commenter_mark = marks.get(email)
            comment.report_summary = reports.get(comment.pk)


class CommentReportInline(admin.TabularInline):
    model = CommentReport
    fields = ["reason_label", "note", "created_at", "handled_at", "handled_by"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "Readers' reports"

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="Reason")
    def reason_label(self, report):
        return Comment.RejectionReason(report.reason).label


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
    inlines = [CommentDecisionInline, CommentReportInline]
    list_display = ["excerpt", "story", "commenter", "flags", "age", "moderate"]
    list_filter = [
        CommentStatusFilter,
        CommenterFilter,
        "rejection_reason",
        "created_at",
    ]
    list_select_related = ["article"]
    search_fields = ["body", "author_name", "author_email", "ip_address"]
    ordering = ["created_at", "pk"]
    # "of 1,234,567 in all" would count every comment ever sent on each load.
    show_full_result_count = False
    actions = [
        "approve",
        "mark_spam",
        "approve_commenters",
        "spam_commenters",
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
        "rule",
        "flags",
        "policy_version",
        "consented_at",
        "ip_address",
        "user_agent",
        "created_at",
    ]
    readonly_fields = fields

    class Media:
        css = {"all": ["articles/moderation.css"]}
        js = ["articles/moderation-queue.js"]

    def has_add_permission(self, request):
        return False

    def get_changelist(self, request, **kwargs):
        return QueueChangeList

    def changelist_view(self, request, extra_context=None):
        if self.has_moderate_permission(request):
            extra_context = {
                "shortcut_reasons": Comment.RejectionReason.labels,
                **(extra_context or {}),
            }
        return super().changelist_view(request, extra_context)

    def get_list_display(self, request):
        if self.has_moderate_permission(request):
            return self.list_display
        return [
            "author_name" if name == "commenter" else name for name in self.list_display
        ]

    def get_fields(self, request, obj=None):
        if self.has_moderate_permission(request):
            return [*self.fields, "commenter_history"]
        return self.fields

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def has_moderate_permission(self, request):
        return request.user.has_perm("articles.moderate_comment")

    def get_urls(self):
        decide = self.admin_site.admin_view(require_POST(self.decide_one))
        dashboard = self.admin_site.admin_view(partial(dashboard_view, self))
        keep = self.admin_site.admin_view(require_POST(self.keep_one))
        return [
            path("<int:pk>/keep/", keep, name="articles_comment_keep"),
            path("dashboard/", dashboard, name="articles_comment_dashboard"),
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

    @admin.display(description="Commenter", ordering="author_name")
    def commenter(self, comment):
        """Name, record and mark, with the links to mark or ban the commenter."""
        mark = comment.commenter_mark
        email = comment.author_email.lower()
        if mark:
            mark_link = format_html(
                '<span class="comment-flag">{}</span> <a href="{}">Change</a>',
                mark.get_kind_display(),
                reverse("admin:articles_commentermark_change", args=[mark.pk]),
            )
        else:
            mark_link = format_html(
                '<a href="{}?{}">Trust or hold</a>',
                reverse("admin:articles_commentermark_add"),
                urlencode({"email": email}),
            )
        return format_html(
            '{}<br><a class="commenter-record" href="{}">{}</a><br>{} · '
            '<a href="{}?{}">Ban</a>',
            comment.author_name,
            self.commenter_url(comment),
            self.record_text(comment.commenter_record),
            mark_link,
            reverse("admin:articles_ban_add"),
            urlencode({"kind": Ban.Kind.EMAIL, "value": email}),
        )

    @admin.display(description="The commenter's other comments")
    def commenter_history(self, comment):
        history = list(Comment.objects.history_of(comment)[: HISTORY_SHOWN + 1])
        rows = format_html_join(
            "",
            '<tr><td>{}</td><td>{}</td><td><a href="{}">{}</a></td><td>{}</td></tr>',
            (
                (
                    date_format(other.created_at, "SHORT_DATETIME_FORMAT"),
                    other.article,
                    reverse("admin:articles_comment_change", args=[other.pk]),
                    other.excerpt(),
                    self.decision_text(other),
                )
                for other in history[:HISTORY_SHOWN]
            ),
        )
        return format_html(
            '<p><a class="commenter-record" href="{}">{}</a></p>'
            '<table class="commenter-history"><thead><tr><th>Posted</th>'
            "<th>Story</th><th>Comment</th><th>Decision</th></tr></thead>"
            "<tbody>{}</tbody></table>{}",
            self.commenter_url(comment),
            self.record_text(comment.record()),
            rows or format_html('<tr><td colspan="4">{}</td></tr>', "None"),
            format_html(
                '<p><a href="{}">All of their comments</a></p>',
                self.commenter_url(comment),
            )
            if len(history) > HISTORY_SHOWN
            else "",
        )

    def commenter_url(self, comment):
        query = urlencode({"commenter": comment.author_email.lower(), "status": "all"})
        return f"{reverse('admin:articles_comment_changelist')}?{query}"

    def record_text(self, record):
        return (
            f"{record.approved} approved · {record.rejected} rejected · "
            f"{record.spam} spam"
        )

    def decision_text(self, comment):
        if comment.status == Comment.Status.PENDING:
            return "Pending"
        text = comment.get_status_display()
        if comment.status == Comment.Status.REJECTED:
            text += f" ({comment.get_rejection_reason_display().lower()})"
        if comment.moderated_by:
            text += f" by {comment.moderated_by}"
        elif comment.rule:
            text += f" automatically ({comment.rule})"
        elif comment.blocklist_match:
            text += " by the blocklist"
        if comment.moderated_at:
            text += f", {date_format(comment.moderated_at, 'SHORT_DATETIME_FORMAT')}"
        return text

    @admin.display(description="Flags")
    def flags(self, comment):
        flags = []
        if comment.has_many_links():
            flags.append(f"{comment.link_count} links")
        if comment.blocklist_match:
            flags.append(f"blocklist: {comment.blocklist_match}")
        if comment.is_first_comment:
            flags.append("first comment")
        if summary := getattr(comment, "report_summary", None):
            flags.append(summary)
        return format_html_join(
            " ", '<span class="comment-flag">{}</span>', ((f,) for f in flags)
        )

    @admin.display(description="Waiting", ordering="created_at")
    def age(self, comment):
        return timesince(comment.created_at)

    @admin.display(description="Decision")
    def moderate(self, comment):
        """
        One-click buttons; they post (with the page's CSRF token) to decide_one,
        or for a reported comment still shown, Keep posts to keep_one.
        """
        reported = getattr(comment, "report_summary", None)
        if comment.status == Comment.Status.APPROVED and reported:
            first = ("Keep", reverse("admin:articles_comment_keep", args=[comment.pk]))
        elif comment.status == Comment.Status.PENDING:
            first = ("Approve", self.decide_url(comment, Comment.Status.APPROVED))
        else:
            return self.decision_text(comment)
        reasons = format_html_join(
            "",
            '<option value="{}">{}</option>',
            [("", "Reason…"), *Comment.RejectionReason.choices],
        )
        return format_html(
            '<button type="submit" formaction="{}" name="expected" value="{}" '
            'class="button">{}</button> '
            '<button type="submit" formaction="{}" name="expected" value="{}" '
            'class="button">Spam</button> '
            '<span class="decision-reject">'
            '<select name="reason-{}" aria-label="Reason for rejecting">{}</select> '
            '<button type="submit" formaction="{}" name="expected" value="{}" '
            'class="button">Reject</button></span>',
            first[1],
            comment.status,
            first[0],
            self.decide_url(comment, Comment.Status.SPAM),
            comment.status,
            comment.pk,
            reasons,
            self.decide_url(comment, Comment.Status.REJECTED),
            comment.status,
        )

    def decide_url(self, comment, status):
        return reverse("admin:articles_comment_decide", args=[comment.pk, status])

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

    @admin.action(
        permissions=["moderate"],
        description="Approve every pending comment from these commenters",
    )
    def approve_commenters(self, request, queryset):
        pending = Comment.objects.pending().by_commenters_of(queryset)
        self.decide(request, pending, Comment.Status.APPROVED)

    @admin.action(
        permissions=["moderate"],
        description="Mark every pending comment from these commenters as spam",
    )
    def spam_commenters(self, request, queryset):
        pending = Comment.objects.pending().by_commenters_of(queryset)
        self.decide(request, pending, Comment.Status.SPAM, Comment.RejectionReason.SPAM)

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
                self.message_user(
                    request,
                    f"Comment by {comment.author_name} was not rejected: choose a "
                    "reason for rejecting it, then press Reject.",
                    messages.ERROR,
                )
                return self.back(request)
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
        return self.back(request)

    def keep_one(self, request, pk):
        """Close a shown comment's reports: a moderator found nothing wrong."""
        if not self.has_moderate_permission(request):
            raise PermissionDenied
        comment = get_object_or_404(Comment, pk=pk)
        if Comment.objects.filter(pk=pk).keep(by=request.user):
            self.message_user(
                request, f"Comment by {comment.author_name} kept; its reports closed."
            )
        else:
            self.message_user(
                request,
                f"Comment by {comment.author_name} was not changed: its reports "
                "were already dealt with.",
                messages.WARNING,
            )
        return self.back(request)

    def back(self, request):
        """To the page the moderator decided from: the queue, or the comment."""
        back = request.headers.get("Referer", "")
        if not url_has_allowed_host_and_scheme(back, {request.get_host()}):
            back = reverse("admin:articles_comment_changelist")
        return redirect(back)


@admin.register(BlockedTerm)
class BlockedTermAdmin(admin.ModelAdmin):
    list_display = ["value", "note", "created_at"]
    search_fields = ["value", "note"]
