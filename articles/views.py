from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.encoding import escape_uri_path
from django.views.generic import ListView
from taggit.models import Tag

from articles.models import Article, Author, Section


def home(request):
    front_page = Article.objects.live().front_page()
    return render(request, "articles/home.html", {"front_page": front_page})


def article_detail(request, year, month, day, slug):
    article = get_object_or_404(Article.objects.live().for_detail(), slug=slug)
    # The date in the URL is for readers; the slug finds the story. A story whose
    # publication time was corrected keeps working from its old address.
    if escape_uri_path(request.path) != article.get_absolute_url():
        return redirect(article, permanent=True)
    return render(
        request,
        "articles/article_detail.html",
        {"article": article, "current_section": article.section},
    )


@login_required
@permission_required("articles.view_article", raise_exception=True)
def article_preview(request, pk):
    article = get_object_or_404(Article.objects.for_detail(), pk=pk)
    return render(
        request, "articles/article_detail.html", {"article": article, "preview": True}
    )


class ArticleListView(ListView):
    """Live stories about one subject (a section, a tag, an author), paginated."""

    subject_model = None
    subject_lookup = None

    def get_paginate_by(self, queryset):
        return settings.ARTICLES_PER_PAGE

    def get_queryset(self):
        self.subject = get_object_or_404(self.subject_model, slug=self.kwargs["slug"])
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
    template_name = "articles/section_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(current_section=self.subject, **kwargs)


class TagArticleList(ArticleListView):
    subject_model = Tag
    subject_lookup = "tags"
    template_name = "articles/tag_detail.html"


class AuthorArticleList(ArticleListView):
    subject_model = Author
    subject_lookup = "authors"
    template_name = "articles/author_detail.html"
