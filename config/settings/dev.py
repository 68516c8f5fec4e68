import os

from .base import *  # noqa: F403
from .base import SECRET_KEY

DEBUG = True
# A throwaway key so a newcomer's first `make run` needs no configuration.
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-never-use-in-production"
ALLOWED_HOSTS = ["*"]
# Emails are printed, unless EMAIL_BACKEND says otherwise (the browser tests write them to files).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH")
# Manifest storage needs collectstatic; the dev server serves files straight from static/.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# runserver is one process: its memory cache is the only one.
SHARED_CACHE = True
