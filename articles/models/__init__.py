from articles.models.comments import BlockedTerm, Comment, CommentDecision
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
    "BlockedTerm",
    "Comment",
    "CommentDecision",
    "ArticleQuerySet",
    "Author",
    "Byline",
    "Gallery",
    "GalleryPhoto",
    "Photo",
    "Section",
    "join_with_and",
]
