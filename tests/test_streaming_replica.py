"""
The site on a real PostgreSQL streaming replica: a primary and a hot standby made
with pg_basebackup, both clusters of this test's own on loopback ports, and the
site served by gunicorn with DATABASE_URL and DATABASE_REPLICA_URL. The standby
logs every statement, so the test sees which database built a page.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from tests.base import PROJECT, free_port, site_environ, start_gunicorn

pytestmark = pytest.mark.postgresql

STORY_URL = "/2026/nov/30/ferry-timetable/"


def postgres_command(name):
    """A PostgreSQL server program, which is not on PATH on Debian."""
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    if not found:
        pytest.fail(f"{name} not found under /usr/lib/postgresql")
    return str(found[-1])


def as_postgres(*command, check=True):
    """The server refuses to run as root: its programs run as the postgres user."""
    prefix = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
    return subprocess.run(
        [*prefix, *command], check=check, capture_output=True, text=True
    )


def sql(port, query, database="newsroom"):
    return subprocess.run(
        ["psql", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-d", database]
        + ["-At", "-v", "ON_ERROR_STOP=1", "-c", query],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


@pytest.fixture(scope="module")
def clusters():
    """(primary port, standby port, the standby's statement log)."""
    folder = Path(tempfile.mkdtemp(prefix="newsroom-replication-"))
    if os.getuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    primary, standby = folder / "primary", folder / "standby"
    ports = free_port(), free_port()
    log = folder / "standby.log"
    pg_ctl = postgres_command("pg_ctl")
    try:
        as_postgres(
            postgres_command("initdb"), "-D", primary, "-U", "postgres", "-A", "trust"
        )
        as_postgres(
            pg_ctl, "-D", primary, "-l", folder / "primary.log", "-w", "start",
            "-o", f"-p {ports[0]} -k {folder} -c listen_addresses=127.0.0.1",
        )  # fmt: skip
        as_postgres(
            postgres_command("pg_basebackup"), "-h", "127.0.0.1", "-p", str(ports[0]),
            "-U", "postgres", "-D", standby, "-R", "-X", "stream",
        )  # fmt: skip
        as_postgres(
            pg_ctl, "-D", standby, "-l", log, "-w", "start", "-o",
            f"-p {ports[1]} -k {folder} -c listen_addresses=127.0.0.1 "
            "-c log_statement=all",
        )  # fmt: skip
        yield ports[0], ports[1], log
    finally:
        for data in (standby, primary):
            if data.exists():
                as_postgres(pg_ctl, "-D", data, "-m", "immediate", "stop", check=False)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def site(clusters):
    """The site on the pair, with a story; (its address, a manage.py runner)."""
    primary, standby, _log = clusters
    sql(primary, "CREATE DATABASE newsroom", database="postgres")
    environ = site_environ(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{primary}/newsroom",
        DATABASE_REPLICA_URL=f"postgres://postgres@127.0.0.1:{standby}/newsroom",
        # Nothing kept: each request builds its page from a database.
        CACHE_URL="dummycache://",
    )

    def manage(*args):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=PROJECT,
            env=environ,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    manage("migrate", "--noinput")
    manage("shell", "-c", CREATE_STORY)
    port = free_port()
    server = start_gunicorn(port, environ)
    address = f"http://127.0.0.1:{port}"
    yield address, manage
    server.terminate()
    server.wait(timeout=10)


CREATE_STORY = """
from datetime import datetime, UTC
from articles.models import Article, Section
section = Section.objects.create(name="World", slug="world")
Article.objects.create(
    headline="Ferry timetable agreed", slug="ferry-timetable", section=section,
    body="<p>Boats run hourly.</p>", status="published",
    published_at=datetime(2026, 11, 30, 9, tzinfo=UTC),
)
"""

RENAME_STORY = """
from articles.models import Article
story = Article.objects.get(slug="ferry-timetable")
story.headline = "Ferry timetable agreed after all-night talks"
story.save()
"""


def wait_until_replayed(primary, standby):
    position = sql(primary, "SELECT pg_current_wal_lsn()")
    deadline = time.monotonic() + 20
    query = f"SELECT pg_last_wal_replay_lsn() >= '{position}'::pg_lsn"
    while sql(standby, query) != "t":
        assert time.monotonic() < deadline, "the standby did not catch up"
        time.sleep(0.1)


def read_story(address, log):
    """The story page, and whether the standby read the story for it."""
    logged = log.stat().st_size
    with urllib.request.urlopen(address + STORY_URL, timeout=10) as response:
        page = response.read().decode()
    time.sleep(0.2)  # the standby's log is written by its own process
    with log.open() as file:
        file.seek(logged)
        statements = file.read()
    return page, '"articles_article"."slug" = ' in statements


def test_pages_read_the_standby_and_never_an_older_copy_than_the_primary(
    clusters, site
):
    primary, standby, log = clusters
    address, manage = site
    wait_until_replayed(primary, standby)

    page, from_standby = read_story(address, log)
    assert "Ferry timetable agreed" in page
    assert from_standby

    # The standby stops applying the primary's changes; an editor saves.
    sql(standby, "SELECT pg_wal_replay_pause()")
    manage("shell", "-c", RENAME_STORY)

    page, from_standby = read_story(address, log)
    assert "after all-night talks" in page  # from the primary
    assert not from_standby

    sql(standby, "SELECT pg_wal_replay_resume()")
    wait_until_replayed(primary, standby)

    page, from_standby = read_story(address, log)
    assert "after all-night talks" in page
    assert from_standby
