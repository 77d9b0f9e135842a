"""The editors' and moderators' screens, one module per subject."""

from articles.admin import commenters, comments, live, photos, stories

__all__ = ["commenters", "comments", "live", "photos", "stories"]
