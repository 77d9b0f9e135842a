"""The editors' and moderators' screens, one module per subject."""

from articles.admin import comments, live, photos, stories

__all__ = ["comments", "live", "photos", "stories"]
