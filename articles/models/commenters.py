"""
What moderators decide about a commenter rather than a comment: marks of trust
and bans. A commenter is known by email (in lower case); a ban may also cover an
email domain or an address network.
"""

import ipaddress

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone


class CommenterMark(models.Model):
    """A moderator's standing instruction for one commenter's new comments."""

    class Kind(models.TextChoices):
        TRUSTED = "trusted", "Trusted: approved without waiting"
        HOLD = "hold", "Always hold for a moderator"

    email = models.EmailField(help_text="The commenter's email, in any case.")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    note = models.CharField(max_length=200, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(
                fields=["email"], name="articles_commentermark_one_per_commenter"
            )
        ]

    def __str__(self):
        return f"{self.email}: {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        self.email = self.email.lower()
        super().save(*args, **kwargs)


class BanQuerySet(models.QuerySet):
    def active(self):
        return self.filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now())
        )

    def matching(self, email, ip_address):
        """The first active ban covering this email or address; None if none."""
        email = email.lower()
        candidates = self.active().filter(
            Q(kind=Ban.Kind.EMAIL, value=email)
            | Q(kind=Ban.Kind.DOMAIN, value=email.rpartition("@")[2])
            | Q(kind=Ban.Kind.NETWORK)
        )
        return next((ban for ban in candidates if ban.covers(email, ip_address)), None)


class Ban(models.Model):
    """New comments from a banned commenter go straight to spam."""

    class Kind(models.TextChoices):
        EMAIL = "email", "Email address"
        DOMAIN = "domain", "Email domain"
        NETWORK = "network", "IP address or network"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    value = models.CharField(
        max_length=200,
        help_text="reader@example.org; example.org; 198.51.100.7 or 198.51.100.0/24.",
    )
    reason = models.CharField(max_length=200, blank=True)
    expires_at = models.DateTimeField(
        null=True, blank=True, help_text="Empty: until it is deleted."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = BanQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "value"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "value"], name="articles_ban_once")
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value}"

    def clean(self):
        self.value = normalized(self.kind, self.value)

    def is_active(self):
        return self.expires_at is None or self.expires_at > timezone.now()

    def covers(self, email, ip_address):
        email = email.lower()
        match self.kind:
            case Ban.Kind.EMAIL:
                return email == self.value
            case Ban.Kind.DOMAIN:
                return email.rpartition("@")[2] == self.value
            case _:
                return bool(ip_address) and ipaddress.ip_address(
                    ip_address
                ) in ipaddress.ip_network(self.value)

    def is_free_mail(self):
        """Whether this bans a domain many unrelated people write from."""
        return self.kind == Ban.Kind.DOMAIN and is_free_mail_domain(self.value)


def normalized(kind, value):
    """A ban's value as stored and matched; ValidationError when it is not one."""
    value = value.strip().lower()
    if kind == Ban.Kind.NETWORK:
        try:
            return str(ipaddress.ip_network(value, strict=False))
        except ValueError:
            raise ValidationError(
                {"value": "Enter an IP address or a network such as 198.51.100.0/24."}
            ) from None
    if kind == Ban.Kind.DOMAIN:
        value = value.removeprefix("@")
        if "." not in value or "@" in value or " " in value:
            raise ValidationError({"value": "Enter a domain such as example.org."})
    if kind == Ban.Kind.EMAIL and value.count("@") != 1:
        raise ValidationError({"value": "Enter an email address."})
    return value


def is_free_mail_domain(domain):
    return domain.lower() in {d.lower() for d in settings.COMMENT_FREE_MAIL_DOMAINS}
