"""The default language and a page's version in it, shared by every app.

French is the source language: vocabularies, campaigns and offerings are counted and chosen on
their French pages, which their translations follow.
"""

from django.conf import settings
from django.db.models import Q

from wagtail.models import Locale, Page

from home.cache import site_data


def default_locale_id() -> int:
    return site_data(
        "default-locale", lambda: Locale.objects.get(language_code=settings.LANGUAGE_CODE).pk
    )


def default_locale_only() -> Q:
    """`limit_choices_to` for vocabularies: chosen on the source page, synchronised to its
    translations."""
    return Q(locale__language_code=Locale.get_default().language_code)


def source_page(page: Page) -> Page:
    """The default language's version of a page (itself when it is one, or has none)."""
    if page.locale_id == default_locale_id():
        return page
    source = type(page).objects.filter(
        translation_key=page.translation_key, locale_id=default_locale_id()
    )
    return source.first() or page
