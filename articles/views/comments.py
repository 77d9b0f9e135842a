"""What readers send about comments: comments themselves, and reports of them."""

from django.conf import settings
from django.contrib import messages
from django.db import InterfaceError, OperationalError
from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from articles import replica
from articles.abuse import client_address, hashed_address, over_rate_limit, security_log
from articles.forms import CommentForm, CommentReportForm, started_token
from articles.middleware import database_unavailable
from articles.models import Article
from articles.views import render_article, render_in_story_language

AWAITING_APPROVAL = _(
    "Thank you. Your comment will appear once a moderator has approved it."
)
PUBLISHED = _("Thank you. Your comment is published.")
CLOSED = _("Comments on this story are closed, so your comment was not sent.")
TOO_MANY = _(
    "You have sent several comments in the last minute. Please wait a minute and "
    "try again; what you wrote was not sent."
)
REPORTED = _("Thank you. A moderator will look at the comment you reported.")
TOO_MANY_REPORTS = _(
    "You have sent several reports in the last hour. Please wait before sending "
    "another; this one was not sent."
)


@require_POST
def post_comment(request, year, month, day, slug):
    article = get_object_or_404(Article.objects.live().for_detail(), slug=slug)
    if not article.comments_open():
        return refuse_comment(request, article, CLOSED, status=403)
    address = client_address(request)
    if over_rate_limit(
        address,
        "comment-posts",
        settings.COMMENT_RATE_LIMIT,
        settings.COMMENT_RATE_PERIOD,
    ):
        security_log.warning("Comment rate limit hit by %s", address)
        return refuse_comment(request, article, TOO_MANY, status=429)
    form = CommentForm(request.POST, article=article)
    if not form.is_valid():
        reply_to = form["parent"].value()
        return render_article(request, article, form, reply_to, status=400)
    comment = None
    if signal := form.bot_signal():
        # Answered like a real comment, so the sender learns nothing.
        security_log.warning("Comment from %s dropped: %s", address, signal)
    else:
        user_agent = request.headers.get("User-Agent", "")
        comment = form.save(ip_address=address, user_agent=user_agent)
    # A comment sent to spam is answered as one waiting: a banned commenter
    # learns nothing either.
    approved = comment is not None and comment.status == comment.Status.APPROVED
    with translation.override(article.language):
        # Made text now: the message is stored after the view, in English.
        messages.success(request, str(PUBLISHED if approved else AWAITING_APPROVAL))
    return replica.note_write(redirect(f"{article.get_absolute_url()}#comment-sent"))


@require_GET
@never_cache
def comment_form_tokens(request):
    """
    This reader's CSRF token and the time they started writing, for a comment
    form served from the cache, which carries neither (comment-form.js).
    """
    return JsonResponse(
        {"csrfmiddlewaretoken": get_token(request), "started": started_token()}
    )


def confirm_comment(request, article):
    """
    A comment that came without its CSRF token, from a browser that runs no
    scripts or lost its cookie: nothing is saved, and the form comes back with
    what was typed and this reader's tokens, to be sent again.
    """
    if not article.comments_open():
        return refuse_comment(request, article, CLOSED, status=403)
    data = request.POST.copy()
    data["started"] = started_token()
    context = {
        "comment_form": CommentForm(data, article=article),
        "discussion": article.discussion(reply_to=data.get("parent")),
    }
    return render_in_story_language(
        request, article, "articles/comment_confirm.html", context, status=403
    )


def refuse_comment(request, article, reason, status):
    context = {"reason": reason, "text": request.POST.get("body")}
    return render_in_story_language(
        request, article, "articles/comment_refused.html", context, status=status
    )


@require_http_methods(["GET", "POST"])
def report_comment(request, year, month, day, slug, pk):
    """
    The form to report a comment shown on a story, linked from each comment of
    the cached page; it carries this reader's CSRF token, so it is never cached.
    """
    article = get_object_or_404(Article.objects.live().for_detail(), slug=slug)
    comment = get_object_or_404(article.comments.shown(), pk=pk)
    form = CommentReportForm(request.POST or None)
    context = {"comment": comment, "form": form}
    if request.method == "POST":
        address = client_address(request)
        limit = settings.COMMENT_REPORT_RATE_LIMIT
        period = settings.COMMENT_REPORT_RATE_PERIOD
        if over_rate_limit(address, "comment-reports", limit, period):
            security_log.warning("Report rate limit hit by %s", address)
            context["refused"] = TOO_MANY_REPORTS
            return render_in_story_language(
                request, article, "articles/comment_report.html", context, 429
            )
        if form.is_valid():
            comment.report(**form.cleaned_data, reporter=hashed_address(address))
            with translation.override(article.language):
                messages.success(request, str(REPORTED))
            return replica.note_write(
                redirect(f"{article.get_absolute_url()}#comment-sent")
            )
    return render_in_story_language(
        request,
        article,
        "articles/comment_report.html",
        context,
        status=400 if form.errors else 200,
    )


def csrf_failure(request, reason=""):
    security_log.warning("CSRF failure on %s: %s", request.path, reason)
    match = request.resolver_match
    if match and match.view_name == "articles:comment-post":
        try:
            stories = Article.objects.live().for_detail()
            article = stories.filter(slug=match.kwargs["slug"]).first()
            if article is not None:
                return confirm_comment(request, article)
        except (OperationalError, InterfaceError) as error:
            # CsrfViewMiddleware calls this before any view runs, so
            # DatabaseUnavailableMiddleware never sees the error.
            return database_unavailable(request, error)
    return render(request, "403.html", {"csrf_failure": True}, status=403)
