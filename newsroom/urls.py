from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpResponse
from django.urls import include, path
from django.views.generic import TemplateView

from articles import views
from articles.pagecache import positive_int, reader_page
from articles.sitemaps import ArticleSitemap, NewsSitemap, SectionSitemap

sitemaps = {"articles": ArticleSitemap, "sections": SectionSitemap}
# Django's sitemaps number their pages with ?p=.
SITEMAP_PAGE = {"p": positive_int}

urlpatterns = [
    path("admin/", admin.site.urls),
    path(
        "sitemap.xml",
        reader_page(sitemap_views.index, lists_only=True),
        {"sitemaps": sitemaps, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        reader_page(sitemap_views.sitemap, query=SITEMAP_PAGE, lists_only=True),
        {"sitemaps": sitemaps},
        name="sitemap-section",
    ),
    path(
        "news-sitemap.xml",
        # Two days of stories, headlines included: it follows each story.
        reader_page(sitemap_views.sitemap, query=SITEMAP_PAGE),
        {
            "sitemaps": {"news": NewsSitemap},
            "template_name": "articles/news_sitemap.xml",
        },
        name="news-sitemap",
    ),
    path("healthz", views.healthz, name="healthz"),
    path("media/<path:path>", views.media, name="media"),
    path("privacy/", views.privacy, name="privacy"),
    path(
        "terms/", TemplateView.as_view(template_name="pages/terms.html"), name="terms"
    ),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path("", include("articles.urls")),
]

handler403 = "articles.views.permission_denied"


if settings.BENCHMARK:
    # The yardstick `make bench` compares every page with: Django's full middleware
    # stack and nothing else. Exists only when BENCHMARK is set.
    urlpatterns.append(
        path("bench/minimal/", lambda request: HttpResponse("ok"), name="bench-minimal")
    )
