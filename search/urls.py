from django.conf import settings
from django.urls import path
from django.utils.functional import lazy
from django.utils.translation import get_language

from . import views


def localised(routes: dict[str, str]) -> str:
    """A route spelt in each language (/fr/recherche/, /en/search/), as Django's translated URL
    patterns are, but written here: an address must not change with the message catalogue."""
    return lazy(lambda: routes.get(get_language(), routes[settings.LANGUAGE_CODE]), str)()


urlpatterns = [
    path(localised({"fr": "recherche/", "en": "search/"}), views.search, name="search"),
    path(
        localised({"fr": "recherche/lieux/", "en": "search/places/"}),
        views.lieu_suggestions,
        name="lieu_suggestions",
    ),
]
