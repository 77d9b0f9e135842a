"""The one place that decides which HTML a story body may contain."""

import nh3
from django.urls import reverse_lazy

ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "strong",
    "b",
    "em",
    "i",
    "ul",
    "ol",
    "li",
    "blockquote",
    "a",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

# The editor offers exactly what the sanitiser keeps, so nothing an editor can
# type silently disappears on save.
EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": sorted(ALLOWED_URL_SCHEMES)},
    # “Insert gallery” in the menu: places a <p>[gallery:slug]</p> chosen from a
    # list (articles/static/articles/gallery-picker.js, registered in settings).
    "GalleryPicker": {"url": reverse_lazy("admin:articles_article_gallery_picker")},
}

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=ALLOWED_URL_SCHEMES,
    link_rel="noopener noreferrer nofollow",
    strip_comments=True,
)


def sanitize(html):
    """Return `html` with everything outside the story-body allowlist removed."""
    return _cleaner.clean(html or "").strip()
