"""The server-drawn map of France: every lieu of the network must land inside it."""

import pytest

from lieux.map import VIEWBOX, project

MIN_X, MIN_Y, WIDTH, HEIGHT = (float(n) for n in VIEWBOX.split())

# The extremities of metropolitan France and Corsica, as (longitude, latitude).
FRANCE_EXTREMITIES = {
    "Paris": (2.3522, 48.8566),
    "Dunkerque (north)": (2.3768, 51.0344),
    "Pointe de Corsen (west)": (-4.7956, 48.4131),
    "Lauterbourg (east)": (8.2296, 48.9757),
    "Cerbère (south, mainland)": (3.1659, 42.4432),
    "Bonifacio (south, Corsica)": (9.1594, 41.3871),
    "Cap Corse (north-east)": (9.4167, 43.0100),
}


@pytest.mark.parametrize("place", FRANCE_EXTREMITIES)
def test_places_of_metropolitan_france_land_inside_the_viewbox(place):
    x, y = project(*FRANCE_EXTREMITIES[place])
    assert MIN_X <= x <= MIN_X + WIDTH, f"{place}: x={x} outside {VIEWBOX}"
    assert MIN_Y <= y <= MIN_Y + HEIGHT, f"{place}: y={y} outside {VIEWBOX}"


def test_paris_is_north_of_marseille_and_west_of_strasbourg():
    paris_x, paris_y = project(2.3522, 48.8566)
    _, marseille_y = project(5.3698, 43.2965)
    strasbourg_x, _ = project(7.7521, 48.5734)
    # SVG's y axis points down: further south means a larger y.
    assert marseille_y > paris_y
    assert strasbourg_x > paris_x


def test_paris_sits_in_the_northern_half_near_the_middle():
    x, y = project(2.3522, 48.8566)
    assert 0.4 * WIDTH < x < 0.8 * WIDTH
    assert 0.1 * HEIGHT < y < 0.4 * HEIGHT
