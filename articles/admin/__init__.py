"""The editors' and moderators' screens, one module per subject."""

from articles.admin import comments, photos, stories

__all__ = ["comments", "photos", "stories"]
