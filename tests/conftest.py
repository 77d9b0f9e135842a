import pytest
from django.test import override_settings

from tests.base import make_staff


@pytest.fixture(autouse=True, scope="session")
def unhashed_static_files():
    """Serve static files by their plain names: tests do not run collectstatic."""
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    with override_settings(STORAGES=storages):
        yield


@pytest.fixture(autouse=True, scope="session")
def fast_password_hashing():
    with override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
    ):
        yield


@pytest.fixture(autouse=True)
def media_in_tmp_path(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def editor(db):
    return make_staff("editor", "Editors")


@pytest.fixture
def moderator(db):
    return make_staff("moderator", "Moderators")
