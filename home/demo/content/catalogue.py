"""Home's share of the demo in one place: its standard pages and every string pair it brings."""

from . import Standard, T, pairs
from .legal import LEGAL_NOTICE, PRIVACY
from .news import ARTICLES, AUTHOR
from .site import HOME, NAVIGATION, NEWS_INDEX, SUPPORT

STANDARD_PAGES: tuple[Standard, ...] = (SUPPORT, LEGAL_NOTICE, PRIVACY)


def home_pairs() -> list[T]:
    """Every French string of home's pages with its English translation, slugs included."""
    content = (HOME, NEWS_INDEX, NAVIGATION, AUTHOR)
    return [*pairs(content), *pairs(ARTICLES), *pairs(STANDARD_PAGES)]
