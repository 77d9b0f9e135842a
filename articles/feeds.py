from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from articles.models import Article, Correction, Section
from articles.pagecache import depends_on, keys

FEED_LENGTH = 30


class LatestArticlesFeed(Feed):
    description_template = "articles/feed_description.html"

    def title(self):
        return f"{settings.SITE_NAME}: latest stories"

    def link(self):
        return reverse("articles:home")

    def description(self):
        return f"The latest stories published by {settings.SITE_NAME}."

    def articles(self):
        return Article.objects.live().for_feed().newest_first()

    def items(self):
        depends_on(keys.STORIES)
        return self.articles()[:FEED_LENGTH]

    def item_title(self, article):
        return article.headline

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return article.modified_at

    def item_author_name(self, article):
        return article.byline()

    def item_categories(self, article):
        return [tag.name for tag in article.tag_list]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()


class SectionFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, section):
        return f"{settings.SITE_NAME}: {section.name}"

    def link(self, section):
        return section.get_absolute_url()

    def description(self, section):
        return section.description or f"The latest {section.name} stories."

    def items(self, section):
        depends_on(keys.section(section.pk))
        return self.articles().filter(section=section)[:FEED_LENGTH]


class SectionAtomFeed(SectionFeed):
    feed_type = Atom1Feed

    def subtitle(self, section):
        return self.description(section)


class CorrectionsFeed(Feed):
    def title(self):
        return f"{settings.SITE_NAME}: corrections and updates"

    def link(self):
        return reverse("articles:corrections")

    def description(self):
        return (
            f"Corrections, clarifications and updates to {settings.SITE_NAME} stories."
        )

    def items(self):
        return Correction.objects.live()[:FEED_LENGTH]

    def item_title(self, entry):
        return f"{entry.get_kind_display()}: {entry.article.headline}"

    def item_description(self, entry):
        return entry.text

    def item_link(self, entry):
        return entry.get_absolute_url()

    def item_pubdate(self, entry):
        return entry.published_at
