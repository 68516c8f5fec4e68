import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .env import parse_database_url

SECRET_KEY = "test-only-key"  # noqa: S105
# Tests run on the PostgreSQL of DATABASE_URL (CI) or on SQLite by default (a newcomer's laptop).
DATABASES = {"default": parse_database_url(os.environ.get("DATABASE_URL") or "sqlite:///:memory:")}
DATABASES["default"]["CONN_MAX_AGE"] = 0
# Fast hashing: password strength is not what these tests measure.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# No manifest: tests render templates without running collectstatic first.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# A per-test-process cache, so one test's cached page never leaks into another's.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# No page cache: each test rolls the database back, but a cached page would outlive it. Site data
# is cached (one process), and tests/conftest.py clears the cache before each test.
PAGE_CACHE_SECONDS = 0
SHARED_CACHE = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run inline so a test sees their effect before it asserts.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# The test client's host, so that absolute addresses lead back to the site under test.
PUBLIC_BASE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# Tests never run collectstatic: WhiteNoise finds files through the finders instead of STATIC_ROOT.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Uploaded identity documents go to a temporary folder, not into the project.
PRIVATE_MEDIA_ROOT = Path(tempfile.gettempdir()) / "tierslieux-test-private"
