"""A visitor finds a lieu by activity, reads it, and reads it again in English."""

import re

from playwright.sync_api import expect


def test_visitor_filters_the_lieux_opens_one_and_switches_language(page):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/fr/$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")

    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Lieux").click()
    expect(page).to_have_url(re.compile(r"/fr/lieux/$"))
    count = page.locator("#results-heading")
    expect(count).to_contain_text(re.compile(r"\d+ lieux"))
    every_card = page.locator(".lieux-index__list .card").count()
    assert every_card >= 8

    page.get_by_role("combobox", name="Activité").select_option(label="Repair café")
    page.get_by_role("button", name="Afficher les lieux").click()
    expect(page).to_have_url(re.compile(r"activite=repair-cafe"))
    expect(count).to_contain_text(re.compile(r"sur \d+"))
    filtered_cards = page.locator(".lieux-index__list .card")
    assert 0 < filtered_cards.count() < every_card
    expect(filtered_cards.filter(has_text="Au fil de soi")).to_have_count(1)

    filtered_cards.filter(has_text="Au fil de soi").get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Au fil de soi")
    expect(page.locator("main")).to_contain_text("Lille")
    french_url = page.url

    page.locator(".language-switcher a[hreflang=en]").click()
    expect(page).to_have_url(re.compile(r"/en/places/[\w-]+/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Au fil de soi")
    expect(page.locator("main")).to_contain_text("Opening hours")

    page.locator(".language-switcher a[hreflang=fr]").click()
    expect(page).to_have_url(french_url)
    expect(page.locator("main")).to_contain_text("Horaires")


def test_filters_work_without_javascript(browser, live_site):
    context = browser.new_context(base_url=live_site, java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    page.goto("/fr/lieux/")
    page.get_by_role("combobox", name="Ville").select_option("Lille")
    page.get_by_role("button", name="Afficher les lieux").click()
    expect(page).to_have_url(re.compile(r"ville=Lille"))
    cities = page.locator(".lieux-index__list .card").all_inner_texts()
    assert cities and all("Lille" in text for text in cities)
    context.close()
