"""Addresses spelt in each language (/fr/don/, /en/donation/), and the old spellings kept alive.

Django resolves a `path()` whose route is a lazy string once per active language, as it does for
translated URL patterns. The words are written here rather than taken from the message
catalogue: an address already sent in an email must not change because a translation did.
"""

from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.urls import path, reverse
from django.utils.functional import lazy
from django.utils.translation import get_language


def localised(routes: dict[str, str]) -> str:
    """A route in the active language, the default language's when it has none."""
    return lazy(lambda: routes.get(get_language(), routes[settings.LANGUAGE_CODE]), str)()


class PermanentRedirectKeepingMethod(HttpResponsePermanentRedirect):
    """308: a browser sends a form again, to the new address, rather than turning it into a GET."""

    status_code = 308


def moved(request, *, to: str, **kwargs):
    """An old address of a route (a link in an email, a Stripe return address, a bookmark):
    the route under its current spelling in the same language, query string kept."""
    url = reverse(to, kwargs=kwargs)
    if query := request.META.get("QUERY_STRING"):
        url = f"{url}?{query}"
    if request.method in ("GET", "HEAD"):
        return HttpResponsePermanentRedirect(url)
    return PermanentRedirectKeepingMethod(url)


def translated_paths(namespace: str, routes: list[tuple], *, formerly: str) -> list:
    """One `path()` per route, spelt in each language, then one per route redirecting from the
    spelling every language once used: `formerly`'s.

    Each route is `(spellings, view, name)` or `(spellings, view, kwargs, name)`, `spellings`
    mapping a language code to its route. The old spellings come last, so an address still
    current in one language (/fr/don/) is served there, and only redirected elsewhere (/en/don/).
    """
    current, old = [], []
    for spellings, view, *extra, name in routes:
        current.append(path(localised(spellings), view, *extra, name=name))
        old.append(path(spellings[formerly], moved, {"to": f"{namespace}:{name}"}))
    return current + old
