"""
Reader pages read from a replica (DATABASE_REPLICA_URL), everything else from the
primary. The replica here is a second PostgreSQL database whose rows the test
writes itself, unlike the primary's, so each test sees which database answered.
"""

import logging
import subprocess

import pytest
from django.db import connection, connections, transaction
from psycopg.conninfo import make_conninfo

from articles import replica
from articles.models import Article, ChangeMark, Section
from tests.base import make_article, post_comment

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(databases="__all__")]


@pytest.fixture(scope="session", autouse=True)
def replica_settings(django_db_setup, django_db_blocker):
    """
    A second database beside the test database, with the same tables, known to the
    connections before any test of this module starts: each test's writes to it are
    rolled back after, as the primary's are.
    """
    primary = connection.settings_dict
    name = f"{primary['NAME']}_replica"
    with django_db_blocker.unblock():
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
        # Tables and rows as the test database has them now, as a replica would.
        dump = subprocess.run(
            ["pg_dump", "--no-owner", "--dbname", conninfo(primary)],
            capture_output=True,
            check=True,
        )
        subprocess.run(
            ["psql", "--quiet", "-v", "ON_ERROR_STOP=1"]
            + ["--dbname", conninfo(primary | {"NAME": name})],
            input=dump.stdout,
            capture_output=True,
            check=True,
        )
        connections.settings[replica.REPLICA] = primary | {"NAME": name}
    yield connections.settings[replica.REPLICA]
    with django_db_blocker.unblock():
        connections[replica.REPLICA].close()
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')


def conninfo(database):
    """libpq's connection string for a Django database's settings."""
    return make_conninfo(
        dbname=database["NAME"],
        host=database["HOST"] or None,
        port=database["PORT"] or None,
        user=database["USER"] or None,
        password=database["PASSWORD"] or None,
    )


@pytest.fixture
def with_replica(settings):
    """The site configured with the replica."""
    settings.DATABASE_ROUTERS = [replica.ROUTER]


def change_count(alias):
    marks = ChangeMark.objects.using(alias).filter(pk=1)
    return marks.values_list("count", flat=True).first() or 0


def on_the_replica(story, headline, caught_up=True):
    """`story` copied to the replica under another headline; the replica holds
    every change of the primary's, or is one behind."""
    Section.objects.using(replica.REPLICA).bulk_create([story.section])
    story.headline = headline
    Article.objects.using(replica.REPLICA).bulk_create([story])
    count = change_count("default") - (0 if caught_up else 1)
    ChangeMark.objects.using(replica.REPLICA).update_or_create(
        pk=1, defaults={"count": count}
    )


def headline_read(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    return next(
        headline
        for headline in ("On the primary", "On the replica", "Edited")
        if f'<h1 class="story__headline">{headline}</h1>' in html
    )


@pytest.mark.usefixtures("with_replica")
def test_a_reader_page_reads_from_the_replica_that_holds_every_change(client):
    story = make_article(headline="On the primary")
    on_the_replica(Article.objects.get(pk=story.pk), "On the replica")

    assert headline_read(client, story) == "On the replica"


@pytest.mark.usefixtures("with_replica")
def test_editors_and_writes_read_from_the_primary(client, editor):
    story = make_article(headline="On the primary")
    on_the_replica(Article.objects.get(pk=story.pk), "On the replica")
    client.force_login(editor)

    change_page = client.get(f"/admin/articles/article/{story.pk}/change/")
    preview = client.get(story.get_preview_url())

    assert 'value="On the primary"' in change_page.content.decode()
    assert "On the primary" in preview.content.decode()
    assert headline_read(client, story) == "On the primary"  # signed in: no cache


@pytest.mark.usefixtures("with_replica")
def test_a_page_is_never_built_and_kept_from_a_replica_behind_a_change(client):
    story = make_article(headline="On the primary")
    on_the_replica(Article.objects.get(pk=story.pk), "On the replica")
    assert headline_read(client, story) == "On the replica"

    # An edit reaches the primary; the replica has not replayed it yet.
    Article.objects.filter(pk=story.pk).update(headline="Edited")
    assert change_count(replica.REPLICA) < change_count("default")
    assert headline_read(client, story) == "Edited"

    # Nor is the page built from the primary replaced by the replica's old copy.
    ChangeMark.objects.using(replica.REPLICA).update_or_create(
        pk=1, defaults={"count": change_count("default")}
    )
    assert headline_read(client, story) == "Edited"


@pytest.mark.usefixtures("with_replica")
def test_a_reader_reads_from_the_primary_for_a_while_after_commenting(client, settings):
    story = make_article(headline="On the primary", comment_mode="open")
    on_the_replica(Article.objects.get(pk=story.pk), "On the replica")

    response = post_comment(client, story, "Good to see the ferry running again.")
    del client.cookies["messages"]  # the "comment sent" message, read

    cookie = response.cookies[replica.STICKY_COOKIE]
    assert cookie["max-age"] == settings.REPLICA_STICKY_SECONDS
    assert headline_read(client, story) == "On the primary"


@pytest.mark.usefixtures("with_replica")
def test_reads_inside_a_transaction_go_to_the_primary(rf):
    story = make_article(headline="On the primary")
    on_the_replica(Article.objects.get(pk=story.pk), "On the replica")

    with replica.reader_page(rf.get("/")):
        read_outside = Article.objects.get(pk=story.pk).headline
        with transaction.atomic():
            read_inside = Article.objects.get(pk=story.pk).headline
            locked = Article.objects.select_for_update().get(pk=story.pk).headline

    assert read_outside == "On the replica"
    assert read_inside == locked == "On the primary"


@pytest.mark.django_db(transaction=True, databases="__all__")
def test_an_unreachable_replica_leaves_reader_pages_to_the_primary(
    client, settings, replica_settings, monkeypatch, caplog
):
    settings.DATABASE_ROUTERS = [replica.ROUTER]
    # The replica's database is gone: connecting to it fails.
    connections[replica.REPLICA].close()
    monkeypatch.setitem(replica_settings, "NAME", "no_such_replica")
    story = make_article(headline="On the primary")

    with caplog.at_level(logging.WARNING, logger="newsroom.replica"):
        assert headline_read(client, story) == "On the primary"

    assert "Replica unavailable, reading from the primary" in caplog.text
