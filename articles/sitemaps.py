from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.utils import timezone

from articles.models import Article, Section
from articles.pagecache import depends_on, keys

# Google News only wants stories from the last two days.
NEWS_WINDOW = timedelta(days=2)


class ArticleSitemap(Sitemap):
    limit = 10_000

    def items(self):
        depends_on(keys.STORIES)
        return (
            Article.objects.live()
            .newest_first()
            .only("slug", "published_at", "updated_at")
        )

    def lastmod(self, article):
        return article.updated_at


class SectionSitemap(Sitemap):
    changefreq = "hourly"

    def items(self):
        depends_on(keys.MENU)
        return Section.objects.all()


class NewsSitemap(Sitemap):
    limit = 1_000

    def items(self):
        depends_on(keys.STORIES)
        return (
            Article.objects.live()
            .filter(published_at__gte=timezone.now() - NEWS_WINDOW)
            .newest_first()
            .only("slug", "headline", "language", "published_at")
        )
