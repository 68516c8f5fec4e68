"""An editor signs in, creates a lieu page, publishes it and finds it on the site."""

import re

from playwright.sync_api import expect

from .admin import sign_in_to_admin


def test_editor_creates_and_publishes_a_lieu(page):
    sign_in_to_admin(page, "admin")

    # The userbar a signed-in editor sees on the site leads to the page in the admin.
    page.goto("/fr/lieux/")
    edit_url = page.locator("wagtail-userbar a[href*='/admin/pages/'][href$='/edit/']").first
    page.goto(edit_url.get_attribute("href").replace("/edit/", "/add_subpage/"))
    expect(page).to_have_url(re.compile(r"/add/lieux/lieupage/"))

    page.locator("#id_title").fill("La Ruche des Quais")
    page.locator("#id_kind").select_option("tiers-lieu")
    page.locator("#id_street_address").fill("12 quai de la Fosse")
    page.locator("#id_postcode").fill("44000")
    page.locator("#id_city").fill("Nantes")
    page.locator("#id_region").select_option("pays-de-la-loire")
    page.locator("#id_latitude").fill("47.21")
    page.locator("#id_longitude").fill("-1.56")
    page.locator("#id_surface").fill("120")
    page.get_by_role("tab", name="Promotion").click()
    page.locator("#id_slug").fill("la-ruche-des-quais")

    page.locator("button.dropdown-toggle, [data-w-dropdown-target=toggle]").last.click()
    page.get_by_role("button", name=re.compile("Publier|Publish")).click()
    expect(page.locator(".messages")).to_contain_text(re.compile("publiée|published"))

    page.goto("/fr/lieux/")
    card = page.locator(".lieux-index__list .card").filter(has_text="La Ruche des Quais")
    expect(card).to_have_count(1)
    card.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("La Ruche des Quais")
    expect(page.locator("main")).to_contain_text("120 m²")
