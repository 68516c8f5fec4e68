"""axe-core finds no WCAG 2.1 A/AA violation on any public page type, in either language,
and the site can be used from the keyboard alone."""

import pytest
from playwright.sync_api import expect

from .axe import axe_violations

PAGES = {
    "fr": [
        "/fr/",
        "/fr/lieux/",
        "/fr/actualites/",
        "/fr/mentions-legales/",
        "/fr/nope/",
        "/fr/campagnes/",
        "/fr/campagnes/cuisine-la-boussole/",
        "/fr/faire-un-don/",
        "/fr/mon-espace/connexion/",
    ],
    "en": [
        "/en/",
        "/en/places/",
        "/en/news/",
        "/en/legal-notice/",
        "/en/nope/",
        "/en/campaigns/",
        "/en/campaigns/kitchen-la-boussole/",
        "/en/donate/",
        "/en/my-space/sign-in/",
    ],
}
LIEU_AND_ARTICLE = {"fr": ("/fr/lieux/", "/fr/actualites/"), "en": ("/en/places/", "/en/news/")}


def first_card_url(page, index_path: str) -> str:
    page.goto(index_path)
    return page.locator("main .card a").first.get_attribute("href")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_no_axe_violation_on_any_page_type(page, language):
    paths = list(PAGES[language])
    paths += [first_card_url(page, index) for index in LIEU_AND_ARTICLE[language]]
    violations = {}
    for path in paths:
        page.goto(path)
        found = axe_violations(page)
        if found:
            violations[path] = found
    assert violations == {}


@pytest.mark.parametrize("width", [1280, 390])
def test_no_axe_violation_at_phone_and_desktop_widths_on_the_lieux_index(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/fr/lieux/?activite=repair-cafe")
    assert axe_violations(page) == []


def test_skip_link_is_the_first_stop_and_leads_to_the_content(page):
    page.goto("/fr/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_attribute("href", "#main")
    expect(skip).to_be_visible()
    outline = skip.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none", "the focused skip link has no visible outline"
    page.keyboard.press("Enter")
    expect(page).to_have_url(page.url.split("#")[0] + "#main")


def test_phone_menu_opens_and_is_usable_from_the_keyboard(page):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto("/fr/")
    menu = page.get_by_role("navigation", name="Menu principal")
    menu_link = menu.get_by_role("link", name="Lieux")
    expect(menu_link).to_be_hidden()
    # main.js turns the no-JavaScript "Menu" link into a toggle button.
    toggle = page.get_by_role("button", name="Menu")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.focus()
    page.keyboard.press("Enter")
    expect(menu_link).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    menu_link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(page.url.split("/fr/")[0] + "/fr/lieux/")
