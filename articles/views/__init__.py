from functools import partial

from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotFound,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.encoding import escape_uri_path
from django.utils.functional import SimpleLazyObject
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import ListView
from django.views.static import serve
from taggit.models import Tag

from articles import popularity, sharing
from articles.abuse import client_address, is_bot, over_rate_limit, security_log
from articles.forms import CommentForm, SearchForm
from articles.models import Article, Author, Correction, Gallery, Section
from articles.pagecache import admit, depends_on, keys, positive_int, remember


def home(request):
    front_page = Article.objects.live().front_page()
    return render(request, "articles/home.html", {"front_page": front_page})


def live_story(slug):
    """The live story at `slug`, read from the cache on every page built from parts."""
    return remember(
        f"article:{slug}",
        lambda: get_object_or_404(Article.objects.live().for_detail(), slug=slug),
    )


def article_detail(request, year, month, day, slug):
    try:
        article = live_story(slug)
    except Http404:
        moved = Article.objects.live().filter(former_slugs__slug=slug).first()
        if moved is None:
            raise
        return redirect(moved, permanent=True)
    # The date in the URL is for readers; the slug finds the story. A story whose
    # publication time was corrected keeps working from its old address.
    if escape_uri_path(request.path) != article.get_absolute_url():
        return redirect(article, permanent=True)
    reply_to = request.GET.get("reply")
    if reply_to and article.discussion(reply_to=reply_to).replying_to is None:
        # Not a comment that can be answered (any more): the page without a reply.
        return redirect(f"{article.get_absolute_url()}#comment-form")
    form = SimpleLazyObject(
        lambda: CommentForm(article=article, initial={"parent": reply_to})
    )
    live_page = int(request.GET.get("updates", 1))
    return render_article(request, article, form, reply_to, live_page=live_page)


def render_in_story_language(request, article, template_name, context, status=200):
    """A page of one story (or its gallery, comments…), all in the story's language."""
    with translation.override(article.language):
        return render(
            request, template_name, {"article": article, **context}, status=status
        )


def render_article(request, article, comment_form, reply_to, status=200, live_page=1):
    return render_in_story_language(
        request,
        article,
        "articles/article_detail.html",
        {
            "current_section": article.section,
            "live": live_coverage(article, live_page),
            "live_poll_seconds": settings.LIVE_POLL_SECONDS,
            # The comments and the form are read only when the cached copy of
            # the comments section is out of date.
            "discussion": SimpleLazyObject(
                partial(article.discussion, reply_to=reply_to)
            ),
            "comment_form": comment_form,
            "reply_to": reply_to,
        },
        status=status,
    )


def live_coverage(article, number=1):
    """
    Page `number` of a story's live updates; None for a story never live.
    """
    if not article.has_live_coverage():
        return None
    if number == 1:
        return article.newest_live_coverage()
    coverage = article.live_coverage(number)
    if not coverage.updates:
        raise Http404("There is no such page of updates.")
    return coverage


def live_poll_shared_seconds():
    """
    How long a CDN may keep the answer readers poll: half the polling interval,
    so an update reaches an open page within one and a half intervals even when
    no purge reaches the CDN.
    """
    return max(1, settings.LIVE_POLL_SECONDS // 2)


def live_updates(request, year, month, day, slug):
    """
    The newest updates of a story with live coverage, which every reader's open
    page asks for (live.js): the same answer for all, kept briefly by CDNs.
    """
    article = live_story(slug)
    if escape_uri_path(request.path) != article.get_live_updates_url():
        raise Http404("Live updates are at the story's own address.")
    coverage = live_coverage(article)
    if coverage is None:
        raise Http404("This story has no live coverage.")
    with translation.override(article.language):
        updates = [
            {
                "id": update.pk,
                "digest": update.digest,
                "html": render_to_string(
                    "includes/live_update.html", {"update": update}
                ),
            }
            for update in coverage.updates
        ]
        key_events = {
            "digest": coverage.key_events_digest,
            "html": render_to_string(
                "includes/live_key_events.html", {"live": coverage}
            ).strip(),
        }
    return JsonResponse(
        {"live": article.is_live(), "updates": updates, "key_events": key_events}
    )


def gallery_photo(request, year, month, day, slug, gallery, number=1):
    article = get_object_or_404(Article.objects.live().for_detail(), slug=slug)
    if gallery not in article.gallery_slugs():
        raise Http404("This gallery is not part of this story.")
    placed = Gallery.objects.with_photos([gallery]).get(gallery)
    if placed is None or not 1 <= number <= len(placed.photo_list):
        raise Http404("No such photo in this gallery.")
    canonical = article.gallery_photo_url(gallery, number)
    if escape_uri_path(request.path) != canonical:
        return redirect(canonical, permanent=True)

    def neighbour_url(other):
        if 1 <= other <= len(placed.photo_list):
            return article.gallery_photo_url(gallery, other)
        return None

    return render_in_story_language(
        request,
        article,
        "articles/gallery_photo.html",
        {
            "gallery": placed,
            "photo": placed.photo_list[number - 1],
            "number": number,
            "previous_url": neighbour_url(number - 1),
            "next_url": neighbour_url(number + 1),
            "current_section": article.section,
        },
    )


@login_required
@permission_required("articles.view_article", raise_exception=True)
def article_preview(request, pk):
    article = get_object_or_404(Article.objects.for_detail(), pk=pk)
    return render_in_story_language(
        request,
        article,
        "articles/article_detail.html",
        {"live": live_coverage(article), "preview": True},
    )


def shared_preview(request, token):
    """A draft or scheduled story for whoever holds a share link to it."""
    article = sharing.shared_story(token, Article.objects.for_detail())
    if article is None:
        raise Http404("This share link has expired or was revoked.")
    if article.is_published():
        return redirect(article)
    response = render_in_story_language(
        request,
        article,
        "articles/article_detail.html",
        {"live": live_coverage(article), "preview": True, "shared": True},
    )
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    # The link is the key: it must not leak to sites the page links to.
    response["Referrer-Policy"] = "no-referrer"
    return response


class ArticleListView(ListView):
    """Live stories about one subject (a section, a tag, an author), paginated."""

    subject_model = None
    subject_lookup = None
    list_key = None  # the key of the subject's page: keys.section, keys.tag…

    def get_paginate_by(self, queryset):
        return settings.ARTICLES_PER_PAGE

    def get_queryset(self):
        self.subject = get_object_or_404(self.subject_model, slug=self.kwargs["slug"])
        depends_on(self.list_key(self.subject.pk))
        return (
            Article.objects.live()
            .for_listing()
            .filter(**{self.subject_lookup: self.subject})
            .newest_first()
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(subject=self.subject, **kwargs)


class SectionArticleList(ArticleListView):
    subject_model = Section
    subject_lookup = "section"
    list_key = staticmethod(keys.section)
    template_name = "articles/section_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(current_section=self.subject, **kwargs)


class TagArticleList(ArticleListView):
    subject_model = Tag
    subject_lookup = "tags"
    list_key = staticmethod(keys.tag)
    template_name = "articles/tag_detail.html"


class AuthorArticleList(ArticleListView):
    subject_model = Author
    subject_lookup = "authors"
    list_key = staticmethod(keys.author)
    template_name = "articles/author_detail.html"


class CorrectionList(ListView):
    """Every correction, clarification and update of live stories, newest first."""

    template_name = "articles/corrections.html"
    context_object_name = "entries"

    def get_paginate_by(self, queryset):
        return settings.ARTICLES_PER_PAGE

    def get_queryset(self):
        return Correction.objects.live()


def search(request):
    """Live stories matching a reader's words, best first, with the matches marked."""
    form = SearchForm(request.GET)
    results = form.results()
    page = Paginator(results or [], settings.ARTICLES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    response = render(
        request,
        "articles/search_results.html",
        {"form": form, "results": results, "page_obj": page},
    )
    if not search_page_may_be_kept(page, request.GET.get("page", "1")):
        patch_cache_control(response, private=True, no_store=True)
    return response


def search_page_may_be_kept(page, page_asked_for):
    """
    Readers make up search addresses, so a search page is kept in the page cache
    (and by a CDN) only when it lists stories, is the page asked for and one of
    the first SEARCH_PAGES_KEPT, and fewer than SEARCH_CACHE_PAGES search pages
    were kept in the last PAGE_CACHE_SECONDS: however many queries are made up,
    they take a bounded room and never push other pages out.
    """
    return (
        len(page.object_list) > 0
        and str(page.number) == page_asked_for
        and page.number <= settings.SEARCH_PAGES_KEPT
        and admit("search", settings.SEARCH_CACHE_PAGES)
    )


@csrf_exempt  # sent by any page, cached ones included; it changes only a count
@require_POST
@never_cache
def read_beacon(request):
    """
    One read of a live story, sent by its page once loaded (read-beacon.js).
    Reads by programs, by staff and past READ_RATE_LIMIT a minute from one
    address are not counted; nothing about the reader is kept.
    """
    try:
        article_id = positive_int(request.POST.get("story", ""))
    except ValueError:
        return HttpResponseBadRequest("“story” must be a story's number.")
    if is_bot(request) or request.user.is_staff:
        return HttpResponse(status=204)
    if over_rate_limit(client_address(request), "reads", settings.READ_RATE_LIMIT, 60):
        return HttpResponse("Too many reads from this address.", status=429)
    if not Article.objects.live().filter(pk=article_id).exists():
        return HttpResponseNotFound("No such story.")
    popularity.record_read(int(article_id))
    return HttpResponse(status=204)


# Site-wide pages and answers


def media(request, path):
    """Uploaded files, when no web server in front serves MEDIA_ROOT (SERVE_MEDIA)."""
    if not settings.SERVE_MEDIA:
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def healthz(request):
    """200 when the database and the cache answer, 503 otherwise."""
    checks = {"database": "ok", "cache": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        checks["database"] = "unavailable"
    try:
        cache.set("healthz", "ok", 10)
        if cache.get("healthz") != "ok":
            checks["cache"] = "unavailable"
    except Exception:  # Any cache backend error means the cache is down.
        checks["cache"] = "unavailable"
    healthy = set(checks.values()) == {"ok"}
    return JsonResponse(checks, status=200 if healthy else 503)


def permission_denied(request, exception=None):
    security_log.warning(
        "Permission denied: %s %s for %s",
        request.method,
        request.path,
        getattr(request.user, "username", "") or "anonymous",
    )
    return render(request, "403.html", status=403)


def privacy(request):
    return render(
        request,
        "pages/privacy.html",
        {"retention_days": settings.COMMENT_DATA_RETENTION_DAYS},
    )
