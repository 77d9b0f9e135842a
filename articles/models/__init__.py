from articles.models.photos import Gallery, GalleryPhoto, Photo
from articles.models.stories import (
    Article,
    ArticleQuerySet,
    Author,
    Byline,
    Section,
    join_with_and,
)

__all__ = [
    "Article",
    "ArticleQuerySet",
    "Author",
    "Byline",
    "Gallery",
    "GalleryPhoto",
    "Photo",
    "Section",
    "join_with_and",
]
