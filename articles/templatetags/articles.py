import json
import time

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Model
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from articles.models import Article, join_with_and
from articles.models.moderation import queue_now
from articles.pagecache import remember

register = template.Library()

# Escapes that keep JSON inside <script> from closing the element early; the same
# ones Django's json_script uses.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """Serialise `data` for a <script type="application/ld+json"> element."""
    encoded = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(encoded.translate(_SCRIPT_ESCAPES))


@register.filter(expects_localtime=True)
def long_datetime(value):
    """27 November 2026, 12:02 (27 בנובמבר 2026, 12:02): datelines, corrections."""
    return date_format(value, pgettext("long date and time format", "j F Y, H:i"))


@register.filter(expects_localtime=True)
def short_datetime(value):
    """27 Nov 2026, 12:02 (27.11.2026, 12:02): story cards and comments."""
    return date_format(value, pgettext("short date and time format", "j M Y, H:i"))


@register.tag
def cached(parser, token):
    """
    {% cached "name" value… %}…{% endcached %}: the part of the page inside, kept
    in the cache until what it shows changes (articles.pagecache.remember). The
    name and the values tell one copy from another: give every value the part
    depends on. A story among them makes the part depend on the story; what is
    read inside is noted as it is read.
    """
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("{% cached %} needs a name.")
    nodelist = parser.parse(("endcached",))
    parser.delete_first_token()
    return CachedNode(nodelist, list(map(parser.compile_filter, bits)))


class CachedNode(template.Node):
    def __init__(self, nodelist, key_parts):
        self.nodelist = nodelist
        self.key_parts = key_parts

    def render(self, context):
        values = [part.resolve(context) for part in self.key_parts]
        keys = [key for value in values for key in _cache_keys(value)]
        return remember(
            rendered_part_name(*values),
            lambda: self.nodelist.render(context),
            keys=keys,
        )


def rendered_part_name(*values):
    """
    The name a rendered part is kept under: its values, and the page's language,
    since the same part reads differently on an English and a Hebrew page.
    """
    return ":".join(["template", get_language(), *map(_name_part, values)])


def _name_part(value):
    if isinstance(value, Model):
        return f"{value._meta.label}:{value.pk}"
    return str(value)


def _cache_keys(value):
    return value.cache_keys() if hasattr(value, "cache_keys") else []


@register.simple_tag
def byline_links(article):
    """The byline with each staff author or agency linked to their page."""
    parts = [
        format_html('<a href="{}" rel="author">{}</a>', url, name)
        if url
        else conditional_escape(name)
        for name, url in article.byline_entries()
    ]
    return mark_safe(join_with_and(parts))


@register.simple_tag
def follow_links(accounts):
    """The site's (name, address) accounts as links: “Facebook, X and Instagram”."""
    links = [
        format_html('<a href="{}" rel="me noopener">{}</a>', url, name)
        for name, url in accounts
    ]
    return mark_safe(join_with_and(links))


@register.inclusion_tag("includes/story_list.html")
def related_stories(article):
    """Stories to read next, under a story (`ArticleQuerySet.related_to`)."""
    return {
        "list_id": "related",
        "title": _("Related stories"),
        "articles": Article.objects.related_to(article),
    }


@register.simple_tag
def most_read():
    """
    The most-read list, the same on every page and ranked again every
    MOST_READ_SECONDS; a story taken down leaves it at once (its key).
    """
    period = int(time.time() // settings.MOST_READ_SECONDS)
    return remember(
        rendered_part_name("most-read", period),
        lambda: render_to_string(
            "includes/story_list.html",
            {
                "list_id": "most-read",
                "title": _("Most read"),
                "articles": Article.objects.most_read(),
                "ranked": True,
            },
        ),
    )


@register.inclusion_tag("admin/articles/comments_waiting.html", takes_context=True)
def comments_waiting(context):
    """
    The moderation queue's length and its oldest comment's age, for those who
    moderate: on the admin index and over the queue.
    """
    user = context["request"].user
    if not user.has_perm("articles.moderate_comment"):
        return {"count": None}
    count, oldest = queue_now()
    return {"count": count, "oldest": oldest}
