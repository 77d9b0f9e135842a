"""
The page cache: reader pages and their parts kept until what they show changes.

- `reader_page(view, query=…)` marks a reader page (urls.py);
  `PageCacheMiddleware` serves and stores them (pages.py).
- `remember()` and the `{% cached %}` template tag keep the parts pages are built
  from (pages.py).
- Pages learn what they show as they are built (`depends_on`, dependencies.py,
  with the key names in keys.py); what each write makes stale is declared in one
  place, articles/models/touches.py, and applied on every write path (writes.py).
- Purges go to a CDN (purge.py); scheduled stories go live by themselves
  (schedule.py); a Redis that fails is worked around (backends.py).
"""

from articles.pagecache.dependencies import depends_on, invalidate, shows_item
from articles.pagecache.pages import (
    PAGINATED,
    admit,
    positive_int,
    reader_page,
    remember,
)

__all__ = [
    "PAGINATED",
    "admit",
    "depends_on",
    "invalidate",
    "positive_int",
    "reader_page",
    "remember",
    "shows_item",
]
