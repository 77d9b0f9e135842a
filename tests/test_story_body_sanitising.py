import pytest

from tests.base import make_article

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("body", "saved"),
    [
        ("<p>Hi<script>alert(1)</script></p>", "<p>Hi</p>"),
        ('<p onclick="steal()">Hi</p>', "<p>Hi</p>"),
        ('<p><img src="x" onerror="steal()">Hi</p>', "<p>Hi</p>"),
        (
            '<p><a href="javascript:steal()">link</a></p>',
            '<p><a rel="noopener noreferrer nofollow">link</a></p>',
        ),
        ('<p style="color:red">Hi</p>', "<p>Hi</p>"),
        ("<iframe src='https://evil.example'></iframe><p>Hi</p>", "<p>Hi</p>"),
        ("<h1>Too big</h1><h5>Too small</h5>", "Too bigToo small"),
    ],
    ids=[
        "script",
        "event handler",
        "image",
        "javascript link",
        "style",
        "iframe",
        "h1 and h5",
    ],
)
def test_dangerous_markup_is_removed_on_save(body, saved):
    article = make_article(body=body)

    article.refresh_from_db()
    assert article.body == saved


def test_allowed_markup_is_kept():
    body = (
        "<h2>Sub</h2><h3>Smaller</h3><h4>Smallest</h4>"
        "<p><strong>Bold</strong>, <em>italic</em>, line<br>break.</p>"
        "<ul><li>One</li></ul><ol><li>Two</li></ol>"
        "<blockquote><p>“A quote,” she said.</p></blockquote>"
    )

    article = make_article(body=body)

    article.refresh_from_db()
    assert article.body == body


@pytest.mark.parametrize(
    "href", ["https://example.org/report", "http://example.org", "mailto:desk@x.org"]
)
def test_links_keep_safe_addresses_and_get_rel(href):
    article = make_article(body=f'<p><a href="{href}">source</a></p>')

    article.refresh_from_db()
    assert article.body == (
        f'<p><a href="{href}" rel="noopener noreferrer nofollow">source</a></p>'
    )
