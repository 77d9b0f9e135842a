from django.urls import path, register_converter

from articles import feeds, views
from articles.converters import MonthConverter, UnicodeSlugConverter
from articles.forms import SearchForm
from articles.pagecache import PAGINATED, positive_int, reader_page
from articles.views import comments

register_converter(UnicodeSlugConverter, "uslug")
register_converter(MonthConverter, "mon")

app_name = "articles"

urlpatterns = [
    path("", reader_page(views.home), name="home"),
    path(
        "<int:year>/<mon:month>/<int:day>/<uslug:slug>/",
        reader_page(
            views.article_detail,
            query={"reply": positive_int, "updates": positive_int},
        ),
        name="article-detail",
    ),
    path(
        "<int:year>/<mon:month>/<int:day>/<uslug:slug>/updates/",
        reader_page(views.live_updates, shared_seconds=views.live_poll_shared_seconds),
        name="live-updates",
    ),
    path(
        "<int:year>/<mon:month>/<int:day>/<uslug:slug>/galleries/<slug:gallery>/",
        reader_page(views.gallery_photo),
        name="gallery",
    ),
    path(
        "<int:year>/<mon:month>/<int:day>/<uslug:slug>/galleries/<slug:gallery>/"
        "<int:number>/",
        reader_page(views.gallery_photo),
        name="gallery-photo",
    ),
    path(
        "<int:year>/<mon:month>/<int:day>/<uslug:slug>/comments/",
        comments.post_comment,
        name="comment-post",
    ),
    path(
        "<int:year>/<mon:month>/<int:day>/<uslug:slug>/comments/<int:pk>/report/",
        comments.report_comment,
        name="comment-report",
    ),
    path(
        "comments/form-tokens/",
        comments.comment_form_tokens,
        name="comment-form-tokens",
    ),
    path("read/", views.read_beacon, name="read-beacon"),
    path("preview/<int:pk>/", views.article_preview, name="article-preview"),
    path("preview/shared/<str:token>/", views.shared_preview, name="shared-preview"),
    path(
        "sections/<slug:slug>/",
        reader_page(views.SectionArticleList.as_view(), query=PAGINATED),
        name="section-detail",
    ),
    path(
        "sections/<slug:slug>/feed.rss",
        reader_page(feeds.SectionFeed()),
        name="section-rss",
    ),
    path(
        "sections/<slug:slug>/feed.atom",
        reader_page(feeds.SectionAtomFeed()),
        name="section-atom",
    ),
    path(
        "tags/<uslug:slug>/",
        reader_page(views.TagArticleList.as_view(), query=PAGINATED),
        name="tag-detail",
    ),
    path(
        "authors/<uslug:slug>/",
        reader_page(views.AuthorArticleList.as_view(), query=PAGINATED),
        name="author-detail",
    ),
    path(
        "corrections/",
        reader_page(views.CorrectionList.as_view(), query=PAGINATED),
        name="corrections",
    ),
    path(
        "corrections/feed.rss",
        reader_page(feeds.CorrectionsFeed()),
        name="corrections-rss",
    ),
    path(
        "search/",
        reader_page(views.search, query=SearchForm.PARAMETERS),
        name="search",
    ),
    path("feed.rss", reader_page(feeds.LatestArticlesFeed()), name="latest-rss"),
    path("feed.atom", reader_page(feeds.LatestArticlesAtomFeed()), name="latest-atom"),
]
