"""Start-up configuration: what the environment must say before the site runs."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent


def load_settings(code="", **environ):
    """Import the settings in a fresh interpreter with only `environ` set."""
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/")} | environ
    return subprocess.run(
        [sys.executable, "-c", f"import json\nfrom newsroom import settings\n{code}"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_required_settings(missing):
    environ = {"DEBUG": "0", "SECRET_KEY": "s3cret", "ALLOWED_HOSTS": "example.com"}
    del environ[missing]

    result = load_settings(**environ)

    assert result.returncode != 0
    assert f"{missing} must be set when DEBUG is off" in result.stderr


def test_development_starts_without_any_settings():
    assert load_settings(DEBUG="1").returncode == 0


def test_default_sqlite_database_suits_concurrent_readers_and_writers():
    result = load_settings(
        "print(json.dumps(settings.DATABASES['default']))", DEBUG="1"
    )

    database = json.loads(result.stdout)
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == str(PROJECT / "db.sqlite3")
    assert "PRAGMA journal_mode=WAL" in database["OPTIONS"]["init_command"]
    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert database["OPTIONS"]["timeout"] >= 5


def test_database_url_selects_postgresql_with_persistent_checked_connections():
    result = load_settings(
        "print(json.dumps(settings.DATABASES['default']))",
        DEBUG="1",
        DATABASE_URL="postgres://news:pw@db.internal:5432/newsroom",
    )

    database = json.loads(result.stdout)
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["NAME"]) == ("db.internal", "newsroom")
    assert database["CONN_MAX_AGE"] > 0
    assert database["CONN_HEALTH_CHECKS"] is True
