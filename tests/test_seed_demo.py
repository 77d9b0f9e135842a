import io
import re

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from articles.models import Article, Author, Byline, Section

User = get_user_model()


def seed_demo():
    """Run the command and return what it printed."""
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def snapshot():
    models = [Section, Author, Article, Byline, Tag, TaggedItem, User]
    counts = {model.__name__: model.objects.count() for model in models}
    published_at = dict(Article.objects.values_list("slug", "published_at"))
    return counts, published_at


@pytest.mark.django_db
def test_running_twice_changes_nothing(settings):
    settings.DEBUG = True
    seed_demo()
    first = snapshot()

    seed_demo()

    assert snapshot() == first


@pytest.mark.django_db
def test_it_creates_a_newsroom_worth_of_content(settings):
    settings.DEBUG = True
    seed_demo()

    now = timezone.now()
    assert Section.objects.count() >= 5
    assert Article.objects.count() >= 40
    assert Article.objects.filter(language="he").count() >= 4
    assert Article.objects.filter(authors__is_agency=True).exists()
    assert Article.objects.filter(authors=None, byline_credit__gt="").exists()
    unpublished = Article.objects.exclude(status="published")
    assert set(unpublished.values_list("status", flat=True)) == {"draft", "in_review"}
    assert Article.objects.filter(status="published", published_at__gt=now).count() == 1
    assert Article.objects.live().count() >= 40


@pytest.mark.django_db
def test_editor_and_moderator_can_log_in_with_the_printed_password(settings):
    settings.DEBUG = True
    settings.SITE_URL = "http://127.0.0.1:8000"
    output = seed_demo()

    for username, group in [("editor", "Editors"), ("moderator", "Moderators")]:
        label = username.capitalize()
        password = re.search(rf"{label} login: {username} / (\S+)", output)[1]
        user = authenticate(username=username, password=password)
        assert user is not None
        assert user.is_staff
        assert list(user.groups.values_list("name", flat=True)) == [group]
    assert "http://127.0.0.1:8000/admin/" in output


@pytest.mark.django_db
def test_rerun_keeps_a_changed_password(settings):
    settings.DEBUG = True
    seed_demo()
    editor = User.objects.get(username="editor")
    editor.set_password("chosen-by-the-editor")
    editor.save()

    seed_demo()

    assert authenticate(username="editor", password="chosen-by-the-editor")


@pytest.mark.django_db
def test_it_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG=1"):
        seed_demo()

    assert not User.objects.exists()
    assert not Article.objects.exists()
