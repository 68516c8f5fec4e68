"""The network's figures the lieux know, for the home page's key figures (home imports nothing
of the apps above it, so its template asks this library)."""

from django import template
from django.db.models import Count
from django.utils.formats import number_format
from django.utils.translation import npgettext

from home.cache import site_data
from home.models import public
from lieux.models import LieuPage

register = template.Library()


def count_lieux() -> dict[str, int]:
    """Live lieux, their towns and regions in one query. A lieu is counted once whatever its
    translations (they share a translation key, and the synchronised town and region)."""
    return public(LieuPage.objects.live()).aggregate(
        lieux=Count("translation_key", distinct=True),
        cities=Count("city", distinct=True),
        regions=Count("region", distinct=True),
    )


@register.simple_tag
def network_figures() -> list[dict[str, str]]:
    """[{"figure", "label"}] for the lieux and the towns they are in; none while there is no
    lieu. Counted again after each publish (site data)."""
    counts = site_data("lieux-figures", count_lieux)
    if not counts["lieux"]:
        return []
    lieux, cities, count = counts["lieux"], counts["cities"], counts["regions"]
    # Literal contexts: makemessages does not read a constant.
    regions = npgettext("key figure", "in %(count)s region", "in %(count)s regions", count)
    regions %= {"count": count}
    # Outside the f-string below: xgettext does not look inside f-strings.
    towns = npgettext("key figure", "town", "towns", cities)
    return [
        {
            "figure": number_format(lieux, force_grouping=True),
            "label": npgettext(
                "key figure", "place in the network", "places in the network", lieux
            ),
        },
        {
            "figure": number_format(cities, force_grouping=True),
            # "towns in 4 regions": the same word order in both languages.
            "label": f"{towns} {regions}",
        },
    ]
