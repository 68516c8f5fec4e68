"""Suggestions for the lieux index's search field: lieux by name or city, and cities."""

import re
from urllib.parse import urlencode

from django.utils.translation import gettext, ngettext

from home.cache import site_data
from lieux.models import LieuIndexPage, LieuPage

from .results import fold, public

MAX_LIEUX = 8
MAX_CITIES = 4


def lieu_suggestions(query: str, locale_id: int, request) -> dict:
    """Cities, then lieux, whose name has words starting with every word typed (accents and case
    aside): a city leads to the lieux index filtered on it, a lieu to its page."""
    words = re.findall(r"\w+", fold(query))
    lieux, index_url = [], ""
    if words:
        lieux, index_url = site_data(f"lieu-names:{locale_id}", lambda: _names(locale_id, request))

    def matches(text: str) -> bool:
        text_words = re.findall(r"\w+", fold(text))
        return all(any(other.startswith(word) for other in text_words) for word in words)

    cities = {}
    for lieu in lieux:
        if matches(lieu["city"]):
            cities[lieu["city"]] = cities.get(lieu["city"], 0) + 1
    found = [lieu for lieu in lieux if matches(f"{lieu['title']} {lieu['city']}")]
    # Names that start with what was typed first, then the others, each alphabetically.
    found.sort(key=lambda lieu: (not fold(lieu["title"]).startswith(words[0]), fold(lieu["title"])))
    suggestions = [
        {
            "label": city,
            "detail": ngettext("%(count)d place", "%(count)d places", count) % {"count": count},
            "url": f"{index_url}?{urlencode({'ville': city})}",
        }
        for city, count in sorted(cities.items(), key=lambda item: fold(item[0]))[:MAX_CITIES]
    ]
    suggestions += [
        {"label": lieu["title"], "detail": lieu["city"], "url": lieu["url"]}
        for lieu in found[:MAX_LIEUX]
    ]
    if suggestions:
        message = ngettext(
            "%(count)d suggestion, use the up and down arrows to choose",
            "%(count)d suggestions, use the up and down arrows to choose",
            len(suggestions),
        ) % {"count": len(suggestions)}
    else:
        message = gettext("No suggestion: press Enter to search")
    return {"suggestions": suggestions, "message": message}


def _names(locale_id: int, request) -> tuple[list[dict], str]:
    index = LieuIndexPage.objects.live().filter(locale_id=locale_id).first()
    if index is None:
        return [], ""
    index_url = index.get_url(request)
    rows = public(LieuPage.objects.live().child_of(index)).values_list("title", "slug", "city")
    # Every lieu is a child of the index: its address is the index's and its slug.
    lieux = [
        {"title": title, "city": city, "url": f"{index_url}{slug}/"} for title, slug, city in rows
    ]
    return lieux, index_url
