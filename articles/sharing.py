"""
Share links: an editor lets someone without an account read a draft or scheduled
story until the link expires or the story's links are revoked, all at once.

A link is signed (Django's signing, with the site's SECRET_KEY) and carries the
story, when it expires and the story's share generation; revoking raises the
generation, so every earlier link stops working.
"""

import time
from datetime import timedelta

from django.core import signing
from django.db.models import F
from django.urls import reverse

SALT = "articles.sharing"
DEFAULT_LIFETIME = timedelta(hours=48)
# What the story form offers: {value sent: (lifetime, label)}.
LIFETIMES = {
    "1": (timedelta(hours=1), "1 hour"),
    "24": (timedelta(hours=24), "24 hours"),
    "48": (DEFAULT_LIFETIME, "48 hours"),
    "168": (timedelta(days=7), "7 days"),
}


def share_url(article, lifetime=DEFAULT_LIFETIME):
    """The path of a new share link to `article`, valid for `lifetime`."""
    payload = {
        "story": article.pk,
        "until": int(time.time() + lifetime.total_seconds()),
        "generation": article.share_generation,
    }
    token = signing.dumps(payload, salt=SALT, compress=True)
    return reverse("articles:shared-preview", kwargs={"token": token})


def shared_story(token, stories):
    """The story `token` shares, from `stories`, or None: forged, expired, revoked."""
    try:
        payload = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if payload.get("until", 0) < time.time():
        return None
    return stories.filter(
        pk=payload.get("story"), share_generation=payload.get("generation")
    ).first()


def revoke(article):
    """Make every share link to `article` made so far stop working."""
    type(article).objects.filter(pk=article.pk).update(
        share_generation=F("share_generation") + 1
    )
