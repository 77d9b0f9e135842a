from django.urls import path, register_converter

from articles import feeds, views
from articles.converters import MonthConverter, UnicodeSlugConverter

register_converter(UnicodeSlugConverter, "uslug")
register_converter(MonthConverter, "mon")

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "<int:year>/<mon:month>/<int:day>/<uslug:slug>/",
        views.article_detail,
        name="article-detail",
    ),
    path(
        "<int:year>/<mon:month>/<int:day>/<uslug:slug>/galleries/<slug:gallery>/",
        views.gallery_photo,
        name="gallery",
    ),
    path(
        "<int:year>/<mon:month>/<int:day>/<uslug:slug>/galleries/<slug:gallery>/"
        "<int:number>/",
        views.gallery_photo,
        name="gallery-photo",
    ),
    path(
        "<int:year>/<mon:month>/<int:day>/<uslug:slug>/comments/",
        views.post_comment,
        name="comment-post",
    ),
    path("preview/<int:pk>/", views.article_preview, name="article-preview"),
    path(
        "sections/<slug:slug>/",
        views.SectionArticleList.as_view(),
        name="section-detail",
    ),
    path("sections/<slug:slug>/feed.rss", feeds.SectionFeed(), name="section-rss"),
    path(
        "sections/<slug:slug>/feed.atom", feeds.SectionAtomFeed(), name="section-atom"
    ),
    path("tags/<uslug:slug>/", views.TagArticleList.as_view(), name="tag-detail"),
    path(
        "authors/<uslug:slug>/",
        views.AuthorArticleList.as_view(),
        name="author-detail",
    ),
    path("feed.rss", feeds.LatestArticlesFeed(), name="latest-rss"),
    path("feed.atom", feeds.LatestArticlesAtomFeed(), name="latest-atom"),
]
