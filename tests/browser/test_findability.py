"""Giving is one click away on a phone as on a desktop: the donate button sits in the header bar
without opening the menu, nothing runs off a 390-pixel screen, and the menu reaches the
campaigns, the share offering and the personal space."""

import re

import pytest
from playwright.sync_api import expect

LABELS = {
    "fr": {"donate": "Faire un don", "space": "Mon espace", "menu": "Menu principal"},
    "en": {"donate": "Donate", "space": "My space", "menu": "Main menu"},
}
MENU_ITEMS = {"fr": ("Campagnes", "Investir"), "en": ("Campaigns", "Invest")}
DONATE_PAGES = {"fr": "/fr/faire-un-don/", "en": "/en/donate/"}
PHONE = {"width": 390, "height": 800}


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_on_a_phone_the_donate_button_is_in_the_bar_and_the_menu_reaches_the_rest(page, language):
    labels = LABELS[language]
    page.set_viewport_size(PHONE)
    page.goto(f"/{language}/")
    header = page.locator(".site-header")
    button = header.get_by_role("link", name=labels["donate"], exact=True)
    expect(button).to_be_visible()
    box = button.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert page_width(page) <= PHONE["width"]

    page.get_by_role("button", name="Menu").click()
    menu = page.get_by_role("navigation", name=labels["menu"])
    for label in MENU_ITEMS[language]:
        expect(menu.get_by_role("link", name=label, exact=True)).to_be_visible()
    expect(header.get_by_role("link", name=labels["space"], exact=True)).to_be_visible()
    assert page_width(page) <= PHONE["width"]

    button.click()
    expect(page).to_have_url(re.compile(re.escape(DONATE_PAGES[language]) + "$"))


@pytest.mark.parametrize("language", ["fr", "en"])
def test_on_a_desktop_everything_is_in_the_header_without_a_menu_button(page, language):
    labels = LABELS[language]
    page.goto(f"/{language}/campagnes/" if language == "fr" else "/en/campaigns/")
    header = page.locator(".site-header")
    expect(header.get_by_role("button", name="Menu")).to_be_hidden()
    expect(header.get_by_role("link", name=labels["donate"], exact=True)).to_be_visible()
    expect(header.get_by_role("link", name=labels["space"], exact=True)).to_be_visible()
    menu = page.get_by_role("navigation", name=labels["menu"])
    current = menu.get_by_role("link", name=MENU_ITEMS[language][0], exact=True)
    expect(current).to_have_class(re.compile(r"\bis-current\b"))

    # Menu and button on one row: the button does not drop below the menu.
    def middle(locator) -> float:
        box = locator.bounding_box()
        return box["y"] + box["height"] / 2

    button = header.get_by_role("link", name=labels["donate"], exact=True)
    assert abs(middle(button) - middle(current)) < 4
