"""Where a lieu is: directions and a map on OpenStreetMap's site, and the lieu's point on the
server-drawn map of France (lieux/map.py), so the page loads no third-party tiles or script."""

from urllib.parse import urlencode

from django import template

from lieux.map import VIEWBOX, france_outline, project

register = template.Library()

OSM = "https://www.openstreetmap.org/"
# Street level: close enough to see the entrance, wide enough to recognise the district.
MAP_ZOOM = 17


@register.simple_tag
def lieu_location(lieu) -> dict | None:
    """Links and map point of a lieu with coordinates, else None. Coordinates are written with a
    dot whatever the language (`str` of a Decimal, not the French "45,76404")."""
    if not lieu.has_coordinates:
        return None
    latitude, longitude = str(lieu.latitude), str(lieu.longitude)
    x, y = project(float(lieu.longitude), float(lieu.latitude))
    return {
        "directions_url": f"{OSM}directions?{urlencode({'to': f'{latitude},{longitude}'})}",
        "map_url": f"{OSM}?{urlencode({'mlat': latitude, 'mlon': longitude})}"
        f"#map={MAP_ZOOM}/{latitude}/{longitude}",
        "outline": france_outline(),
        "viewbox": VIEWBOX,
        # Strings: a float would be written "512,3" in French, which SVG cannot read.
        "x": str(x),
        "y": str(y),
    }
