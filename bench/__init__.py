"""Load test of the public pages: `make bench` runs `python -m bench` (see bench/__main__.py)."""

import os
import secrets
import sys
from pathlib import Path


def use_production_settings(database_url: str, **extra: str) -> None:
    """The environment the figures of `bench.donations`, `bench.mecenat` and `bench.search` are
    measured in: the production settings on the benchmark's own database, with the page cache
    off and tasks left queued (they belong to the worker). `extra` adds or overrides variables."""
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DATABASE_URL": database_url,
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "False",
            "TASKS_BACKEND": "dummy",
            "PAGE_CACHE_SECONDS": "0",
            "LOG_LEVEL": "WARNING",
            **extra,
        }
    )
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
