import os

from .base import *  # noqa: F403
from .base import BASE_DIR, MIDDLEWARE, SECRET_KEY, STORAGES

DEBUG = True
# A throwaway key so a newcomer's first `make run` needs no configuration.
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-never-use-in-production"
ALLOWED_HOSTS = ["*"]

# The developer's pages: /__dev__/ lists them (home/dev.py). The designed 404 page shows where
# Django's debug page would list every URL pattern: a newcomer sees what a visitor will see, with
# a link to the technical details.
DEV_TOOLS = True
ROOT_URLCONF = "config.dev_urls"
# Inside the middleware that add the security headers, outside LocaleMiddleware, whose redirects
# of unprefixed addresses must be decided before a 404 is replaced.
MIDDLEWARE = [
    *MIDDLEWARE[: MIDDLEWARE.index("django.middleware.locale.LocaleMiddleware")],
    "home.dev.DesignedNotFoundMiddleware",
    *MIDDLEWARE[MIDDLEWARE.index("django.middleware.locale.LocaleMiddleware") :],
]

# Emails go to the local outbox, one .eml file each, read at /__dev__/outbox/; EMAIL_BACKEND
# says otherwise (the browser tests use Django's file-based backend in a folder of their own).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "home.outbox.OutboxEmailBackend")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH") or str(BASE_DIR / "var" / "outbox")
# Manifest storage needs collectstatic; the dev server serves files straight from static/.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# runserver is one process: its memory cache is the only one.
SHARED_CACHE = True
