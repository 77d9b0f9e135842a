"""
The names of what a reader page can show. A cached page carries the keys of
everything it shows (and a CDN gets them in its `Surrogate-Key` and `Cache-Tag`
headers); a write makes stale the keys of what it changed (articles/models/touches.py).
"""

ALL = "all"  # every page: a new release, or the whole site, made stale at once
MENU = "menu"  # the sections, as every page's menu names them
STORIES = "stories"  # the site-wide story lists: home page, site feeds, sitemaps
CORRECTIONS = "corrections"  # the corrections page and its feed
SEARCH = "search"  # the text of live stories, which search pages match against


def story(pk):
    """A story as shown anywhere: its text, byline, photos, galleries, tags."""
    return f"story-{pk}"


def comments(story_pk):
    """The comments a story shows, and the count its cards give."""
    return f"comments-{story_pk}"


def live(story_pk):
    """A story's live updates: on its page, in its JSON-LD and in its poll answer."""
    return f"live-{story_pk}"


def section(pk):
    """A section's page: its name, description and list of stories."""
    return f"section-{pk}"


def tag(pk):
    """A topic's page: its name and list of stories."""
    return f"tag-{pk}"


def author(pk):
    """An author's page: their name, role, bio and list of stories."""
    return f"author-{pk}"
