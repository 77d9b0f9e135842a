from articles.models.authors import Author, Byline, join_with_and
from articles.models.commenters import Ban, CommenterMark
from articles.models.comments import BlockedTerm, Comment, CommentDecision
from articles.models.corrections import Correction
from articles.models.drafts import Autosave
from articles.models.history import RevisionTags
from articles.models.listings import ArticleQuerySet
from articles.models.live import LiveUpdate
from articles.models.photos import Gallery, GalleryPhoto, Photo
from articles.models.reads import ReadCount
from articles.models.replication import ChangeMark
from articles.models.reports import CommentReport
from articles.models.sections import Section
from articles.models.stories import Article, FormerSlug

__all__ = [
    "Article",
    "Autosave",
    "Ban",
    "BlockedTerm",
    "ChangeMark",
    "Comment",
    "CommentDecision",
    "CommentReport",
    "CommenterMark",
    "Correction",
    "FormerSlug",
    "ArticleQuerySet",
    "Author",
    "Byline",
    "Gallery",
    "GalleryPhoto",
    "LiveUpdate",
    "Photo",
    "ReadCount",
    "RevisionTags",
    "Section",
    "join_with_and",
]
