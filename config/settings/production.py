import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CACHES, DATABASES, SECRET_KEY, TASK_BACKENDS
from .env import env_bool, env_int

# No default for security values: a missing secret stops the start, it is never invented.
if not SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set to a random string of 50 characters or more")
if "DATABASE_URL" not in os.environ:
    raise ImproperlyConfigured("DATABASE_URL must point to the production PostgreSQL database")

DEBUG = False
# Never the developer's pages (/__dev__/, the outbox), whatever a mistaken import brought in.
DEV_TOOLS = False
DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 60)

# Image renditions in each process's memory rather than in Redis: Wagtail looks them up and
# writes them back at every picture it renders outside a cached fragment (a campaign card), a
# round trip each way. An entry is named after its image's file hash, focal point and filter, so
# a new file or focal point gives new entries; one dropped on its own lasts an hour at most.
CACHES = {
    **CACHES,
    "renditions": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "renditions",
        "TIMEOUT": 3600,
        "OPTIONS": {"MAX_ENTRIES": 10_000},
    },
}

# HTTPS everywhere; SECURE_SSL_REDIRECT can be turned off when the proxy already redirects.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True

# Emails and receipt PDFs wait in the database for `manage.py db_worker`, never in a request.
TASKS = {"default": {"BACKEND": TASK_BACKENDS[os.environ.get("TASKS_BACKEND", "database")]}}
