"""Home's share of the demo in one place: its standard pages and every string pair it brings."""

from . import Standard, T, pairs, same
from .legal import LEGAL_NOTICE, PRIVACY
from .news import ARTICLES, AUTHOR
from .site import HOME, NAVIGATION, NEWS_INDEX, SUPPORT

STANDARD_PAGES: tuple[Standard, ...] = (SUPPORT, LEGAL_NOTICE, PRIVACY)


def home_pairs() -> list[T]:
    """Every French string of home's pages with its English translation, slugs included."""
    kept_slugs = [same(article.slug) for article in ARTICLES]
    content = (HOME, NEWS_INDEX, NAVIGATION, AUTHOR)
    return [*pairs(content), *pairs(ARTICLES), *pairs(STANDARD_PAGES), *kept_slugs]
