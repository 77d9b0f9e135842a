"""What moderators decide about commenters: marks of trust and bans."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import ngettext

from articles.models import Ban, Comment, CommenterMark
from articles.models.commenters import is_free_mail_domain, normalized


@admin.register(CommenterMark)
class CommenterMarkAdmin(admin.ModelAdmin):
    list_display = ["email", "kind", "note", "marked_by", "created_at"]
    list_filter = ["kind"]
    list_select_related = ["marked_by"]
    search_fields = ["email", "note"]

    def save_model(self, request, obj, form, change):
        obj.marked_by = request.user
        super().save_model(request, obj, form, change)


class BanForm(forms.ModelForm):
    confirm_free_mail = forms.BooleanField(
        required=False,
        label="Ban a free-mail domain",
        help_text="Tick to ban everyone who writes from a domain such as gmail.com.",
    )

    class Meta:
        model = Ban
        fields = ["kind", "value", "reason", "expires_at", "confirm_free_mail"]

    def clean(self):
        cleaned = super().clean()
        kind, value = cleaned.get("kind"), cleaned.get("value")
        if kind != Ban.Kind.DOMAIN or not value:
            return cleaned
        try:
            domain = normalized(kind, value)
        except ValidationError:
            return cleaned  # the model's validation names the problem
        if is_free_mail_domain(domain) and not cleaned.get("confirm_free_mail"):
            raise ValidationError(
                f"{domain} is a free-mail domain: banning it bans everyone who "
                "writes from it. Tick the box to confirm, or ban an email address.",
                code="free_mail",
            )
        return cleaned


@admin.register(Ban)
class BanAdmin(admin.ModelAdmin):
    form = BanForm
    list_display = [
        "value",
        "kind",
        "reason",
        "expires_at",
        "is_active",
        "created_by",
        "created_at",
    ]
    list_filter = ["kind"]
    list_select_related = ["created_by"]
    search_fields = ["value", "reason"]
    actions = ["spam_pending"]

    @admin.display(description="Active", boolean=True)
    def is_active(self, ban):
        return ban.is_active()

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def has_moderate_permission(self, request):
        return request.user.has_perm("articles.moderate_comment")

    @admin.action(
        permissions=["moderate"],
        description="Mark the pending comments they cover as spam",
    )
    def spam_pending(self, request, queryset):
        caught = Comment.objects.pending().caught_by(list(queryset))
        changed = caught.decide(
            Comment.Status.SPAM,
            by=request.user,
            reason=Comment.RejectionReason.SPAM,
            expected=Comment.Status.PENDING,
        )
        message = ngettext(
            "%d pending comment marked as spam.",
            "%d pending comments marked as spam.",
            changed,
        )
        self.message_user(request, message % changed, messages.SUCCESS)
