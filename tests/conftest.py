import logging

from django.core.cache import cache

import pytest


@pytest.fixture(autouse=True, scope="session")
def quiet_task_and_page_logs():
    """Each page save logs INFO lines (task ran, page published) that would bury failures."""
    loggers = [logging.getLogger(name) for name in ("django_tasks", "wagtail")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    yield
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)


@pytest.fixture(autouse=True)
def clear_cache():
    """Site data is cached under a generation number that lives in the cache, not the database:
    a test's rolled-back rows must not show up in the next test's pages."""
    cache.clear()
