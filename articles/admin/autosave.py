"""
Autosave of the story form: the editor's unsaved form kept every
`autosave_seconds` while it changes (static/articles/autosave.js), and offered
back when the form is opened again.
"""

from django.http import JsonResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.views.decorators.http import require_POST

from articles.models import Article, Autosave, drafts


class AutosaveMixin:
    """For ArticleAdmin: the autosave endpoints and the form's autosave notice."""

    # How often the form is autosaved when it changed (autosave.js, which with
    # autosave.css the admin's Media loads).
    autosave_seconds = 30

    def autosave_urls(self):
        autosave = self.admin_site.admin_view(require_POST(self.autosave_view))
        discard = self.admin_site.admin_view(require_POST(self.discard_autosave_view))
        return [
            path("autosave/", autosave, name="articles_article_autosave_new"),
            path("autosave/discard/", discard, name="articles_article_discard_new"),
            path("<int:pk>/autosave/", autosave, name="articles_article_autosave"),
            path(
                "<int:pk>/autosave/discard/",
                discard,
                name="articles_article_discard_autosave",
            ),
        ]

    def autosave_view(self, request, pk=None):
        """Keep the form as the editor has it, without saving the story."""
        article, refusal = self._autosave_story(request, pk)
        if refusal:
            return refusal
        if int(request.META.get("CONTENT_LENGTH") or 0) > drafts.MAX_BYTES:
            return JsonResponse(
                {"error": f"The form is larger than {drafts.MAX_BYTES} bytes."},
                status=413,
            )
        try:
            data = drafts.parse_form_data(request.body)
        except ValueError as error:
            return JsonResponse({"error": str(error)}, status=400)
        autosave = Autosave.objects.store(request.user, article, data)
        return JsonResponse(
            {
                "saved_at": autosave.saved_at.isoformat(),
                "time": date_format(localtime(autosave.saved_at), "H:i"),
            }
        )

    def discard_autosave_view(self, request, pk=None):
        article, refusal = self._autosave_story(request, pk)
        if refusal:
            return refusal
        Autosave.objects.of_form(request.user, article).delete()
        return JsonResponse({"discarded": True})

    def _autosave_story(self, request, pk):
        """
        (story, None), story None for a new one, if the user may write it;
        otherwise (None, a JSON refusal): the form's script shows the error.
        """
        article = Article.objects.filter(pk=pk).first() if pk else None
        if pk and article is None:
            return None, JsonResponse({"error": "No such story."}, status=404)
        if not self._may_autosave(request, article):
            return None, JsonResponse(
                {"error": "You may not edit this story."}, status=403
            )
        return article, None

    def _may_autosave(self, request, article):
        if article is None:
            return self.has_add_permission(request)
        return self.has_change_permission(request, article)

    def _autosave_context(self, request, article):
        """Where the form autosaves to, and the autosave it offers back, if any."""
        if not self._may_autosave(request, article):
            return {}
        if article is None:
            save = reverse("admin:articles_article_autosave_new")
            discard = reverse("admin:articles_article_discard_new")
        else:
            save = reverse("admin:articles_article_autosave", args=[article.pk])
            discard = reverse(
                "admin:articles_article_discard_autosave", args=[article.pk]
            )
        return {
            "autosave_seconds": self.autosave_seconds,
            "autosave_url": save,
            "discard_url": discard,
            # A form sent back with errors already holds what the editor typed.
            "autosave": (
                self._autosave_to_offer(request, article)
                if request.method == "GET"
                else None
            ),
        }

    def _autosave_to_offer(self, request, article):
        """
        The user's autosave of this form if it is newer than the story's last save
        and differs from it (the story or an empty form for a new one).
        """
        autosave = Autosave.objects.of_form(request.user, article).first()
        if autosave is None or (article and autosave.saved_at <= article.updated_at):
            return None
        data = autosave.form_data()
        form_class = self.get_form(request, article, change=article is not None)
        # Not a change of content: where the editor started from (concurrent.py).
        changed = set(form_class(data, instance=article).changed_data) - {"opened_as"}
        formsets = (
            formset_class(
                data,
                instance=article or Article(),
                prefix=formset_class.get_default_prefix(),
            )
            for formset_class, _inline in self.get_formsets_with_inlines(
                request, article
            )
        )
        if changed or any(formset.has_changed() for formset in formsets):
            return autosave
        return None

    def response_add(self, request, obj, post_url_continue=None):
        Autosave.objects.of_form(request.user, None).delete()
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        Autosave.objects.of_form(request.user, obj).delete()
        return super().response_change(request, obj)

    def render_change_form(self, request, context, *args, **kwargs):
        context.update(self._autosave_context(request, kwargs.get("obj")))
        return super().render_change_form(request, context, *args, **kwargs)
