"""The lieux index's search field suggests cities and places as one types, from the keyboard or
the mouse, and is a plain search without JavaScript; the JSON-LD passes the page's CSP; a
visitor's search reaches the popular searches report."""

import re

from playwright.sync_api import expect

from .admin import sign_in_to_admin
from .axe import axe_violations


def test_a_city_is_suggested_and_chosen_from_the_keyboard(page):
    page.goto("/fr/lieux/")
    field = page.locator("#lieu-search-query")
    expect(field).to_have_attribute("role", "combobox")
    field.press_sequentially("lill", delay=50)
    suggestions = page.get_by_role("listbox")
    expect(suggestions).to_be_visible()
    expect(field).to_have_attribute("aria-expanded", "true")
    options = suggestions.get_by_role("option")
    expect(options.first).to_contain_text("Lille")
    expect(suggestions).to_contain_text("Les Partageurs")
    expect(page.locator("[data-autocomplete-status]")).to_contain_text(re.compile(r"\d"))

    field.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")
    expect(field).to_have_attribute("aria-activedescendant", re.compile(r"-0$"))
    assert axe_violations(page) == []
    field.press("Enter")
    expect(page).to_have_url(re.compile(r"/fr/lieux/\?ville=Lille$"))
    cards = page.locator(".lieux-index__list .card").all_inner_texts()
    assert cards and all("Lille" in text for text in cards)


def test_a_place_is_chosen_with_the_mouse_and_escape_closes(page):
    page.goto("/fr/lieux/")
    field = page.locator("#lieu-search-query")
    field.press_sequentially("bouss", delay=50)
    option = page.get_by_role("option", name=re.compile("La Boussole"))
    expect(option).to_be_visible()
    field.press("Escape")
    expect(page.get_by_role("listbox")).to_be_hidden()
    field.press_sequentially("o", delay=50)
    option.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("La Boussole")


def test_without_javascript_the_field_searches_the_places(browser, live_site):
    context = browser.new_context(base_url=live_site, java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    page.goto("/fr/lieux/")
    page.locator("#lieu-search-query").fill("Lille")
    page.locator("#lieu-search-query").press("Enter")
    expect(page).to_have_url(re.compile(r"/fr/recherche/\?type=lieu&q=Lille$"))
    titles = page.locator(".search-result__title").all_inner_texts()
    assert "Les Partageurs" in titles and "Au fil de soi" in titles
    context.close()


def test_json_ld_breaks_no_content_security_policy(browser, live_site):
    # Unlike the other tests' pages, this one enforces the site's policy.
    context = browser.new_context(base_url=live_site, locale="fr-FR")
    page = context.new_page()
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    for path in ("/fr/", "/fr/lieux/les-partageurs/", "/fr/campagnes/cuisine-la-boussole/"):
        page.goto(path)
        # The organisation, the page's own node and its breadcrumb.
        assert page.locator('script[type="application/ld+json"]').count() <= 3
    page.goto("/fr/")
    organisation = page.locator('script[type="application/ld+json"]').text_content()
    assert '"@type": "NGO"' in organisation
    assert violations == []
    context.close()


def test_search_results_meet_wcag(page):
    page.goto("/fr/recherche/?q=ateliers")
    expect(page.locator(".search-result").first).to_be_visible()
    expect(page.locator(".search-result mark").first).to_be_visible()
    assert axe_violations(page) == []
    page.locator(".search-filter__link").nth(1).click()
    expect(page).to_have_url(re.compile(r"type="))
    assert axe_violations(page) == []


def test_a_visitors_search_reaches_the_popular_searches_report(browser, live_site, page):
    # A visitor, in a browser of their own: the results page reports the search it shows (one
    # that found something: the others are not counted, tests/search/test_count_origin.py).
    visitor = browser.new_context(base_url=live_site, locale="fr-FR")
    results = visitor.new_page()
    with results.expect_response(re.compile(r"/search/count/$")) as counted:
        results.goto("/fr/recherche/?q=jardin+partagé")
    assert counted.value.status == 204
    visitor.close()

    sign_in_to_admin(page, "admin")
    page.goto("/admin/reports/popular-searches/")
    row = page.locator("tbody tr", has_text="jardin partagé")
    expect(row).to_contain_text("1")
