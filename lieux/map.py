"""A map of metropolitan France drawn on the server as SVG.

No tile server is involved, so the map cannot fail to load and needs no JavaScript; each marker
is a link to its lieu, and the list of cards beside it stays the primary way in. The outline is
Natural Earth's 1:50m France (public domain, through the world-atlas package), simplified and
projected once with the constants below.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path

from django.utils.safestring import mark_safe

# Equirectangular projection centred on France: x scaled by cos(46.5°) so shapes are not stretched.
WEST_LONGITUDE = -5.2
NORTH_LATITUDE = 51.2
X_SCALE = math.cos(math.radians(46.5)) * 100
Y_SCALE = 100
VIEWBOX = "0 0 1050 1000"


# Drawn here rather than in the template: a template loop, or format_html(), over a few hundred
# markers costs more than the rest of the index page.
MARKER_HTML = (
    '<a class="france-map__marker" href="{url}" aria-label="{title}"><title>{title}</title>'
    '<circle class="france-map__halo" cx="{x}" cy="{y}" r="30"></circle>'
    '<circle class="france-map__dot" cx="{x}" cy="{y}" r="15"></circle></a>'
)


@dataclass(frozen=True)
class Marker:
    x: float
    y: float
    title: str
    url: str


@cache
def france_outline() -> str:
    return Path(__file__).with_name("france_outline.path").read_text().strip()


def project(longitude: float, latitude: float) -> tuple[float, float]:
    return (
        round((longitude - WEST_LONGITUDE) * X_SCALE, 1),
        round((NORTH_LATITUDE - latitude) * Y_SCALE, 1),
    )


def map_markers(lieux, url: Callable) -> dict:
    """A marker for each of `lieux` with coordinates, linking to `url(lieu)`, and their HTML."""
    markers = [
        Marker(*project(float(lieu.longitude), float(lieu.latitude)), lieu.title, url(lieu))
        for lieu in lieux
        if lieu.has_coordinates
    ]
    return {
        "markers": markers,
        "markers_html": mark_safe(  # noqa: S308 -- the only text, titles and addresses, is escaped
            "\n".join(
                MARKER_HTML.format(x=m.x, y=m.y, title=escape(m.title), url=escape(m.url))
                for m in markers
            )
        ),
    }


def france_map(markers: dict) -> dict:
    """The map for the template: the outline, and the markers of `map_markers()`."""
    return {"outline": france_outline(), "viewbox": VIEWBOX, **markers}
