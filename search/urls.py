from django.urls import path

from home.routes import localised

from . import views

# Spelt in each language (/fr/recherche/, /en/search/), as Django's translated URL patterns.
urlpatterns = [
    path(localised({"fr": "recherche/", "en": "search/"}), views.search, name="search"),
    path(
        localised({"fr": "recherche/lieux/", "en": "search/places/"}),
        views.lieu_suggestions,
        name="lieu_suggestions",
    ),
]
