import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from articles.caching import remember
from articles.models import Comment, join_with_and

register = template.Library()

# Escapes that keep JSON inside <script> from closing the element early; the same
# ones Django's json_script uses.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """Serialise `data` for a <script type="application/ld+json"> element."""
    encoded = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(encoded.translate(_SCRIPT_ESCAPES))


@register.tag
def cached(parser, token):
    """
    {% cached "name" value… [shows_comments] %}…{% endcached %}: the part of the
    page inside, kept in the cache until what it shows changes (see
    articles.caching.remember). The name and the values tell one copy from another:
    give every value the part depends on that is not the site's content itself.
    """
    bits = token.split_contents()[1:]
    shows_comments = bits[-1:] == ["shows_comments"]
    if shows_comments:
        bits.pop()
    if not bits:
        raise template.TemplateSyntaxError("{% cached %} needs a name.")
    nodelist = parser.parse(("endcached",))
    parser.delete_first_token()
    return CachedNode(nodelist, list(map(parser.compile_filter, bits)), shows_comments)


class CachedNode(template.Node):
    def __init__(self, nodelist, key_parts, shows_comments):
        self.nodelist = nodelist
        self.key_parts = key_parts
        self.shows_comments = shows_comments

    def render(self, context):
        name = ":".join(str(part.resolve(context)) for part in self.key_parts)
        return remember(
            context.get("request"),
            f"template:{name}",
            lambda: self.nodelist.render(context),
            shows_comments=self.shows_comments,
        )


@register.simple_tag
def byline_links(article):
    """The byline with each staff author or agency linked to their page."""
    parts = [
        format_html('<a href="{}" rel="author">{}</a>', url, name)
        if url
        else conditional_escape(name)
        for name, url in article.byline_entries()
    ]
    return mark_safe(join_with_and(parts, article.language))


@register.inclusion_tag("admin/articles/comments_waiting.html", takes_context=True)
def comments_waiting(context):
    """The moderation queue's length, for the admin index of those who moderate."""
    user = context["request"].user
    if not user.has_perm("articles.moderate_comment"):
        return {"count": None}
    return {"count": Comment.objects.pending().count()}
