"""The Mécénat team corrects, never edits: a receipt cancelled and replaced with a new number, and
a bounced cheque cancelled, which takes its amount off the campaign's total at once."""

import re

from playwright.sync_api import expect

from tests.helpers.pdf import pdf_text

from .admin import sign_in_to_admin

NUMBER = re.compile(r"\d{4}-\d{6}")


def campaign_total(page, title: str) -> str:
    """The amount raised by the campaign, as the Mécénat dashboard shows it."""
    page.goto("/admin/mecenat/")
    row = page.locator("tr").filter(has=page.locator("th a", has_text=title))
    return row.locator(".mecenat-progress__text strong").inner_text()


def confirm(page, reason: str, submit: str) -> None:
    """The reason, then the page that says what will happen, then the action."""
    page.get_by_label("Motif").fill(reason)
    page.get_by_role("button", name="Continuer").click()
    expect(page.locator("main")).to_contain_text("irréversible")
    page.get_by_role("button", name=submit).click()


def test_a_receipt_replaced_and_a_bounced_cheque_taken_off_the_total(page):
    sign_in_to_admin(page, "mecenat")
    page.goto("/admin/mecenat/")
    link = page.locator("tr th a[href^='?campaign=']").first
    title = link.inner_text()
    before = campaign_total(page, title)

    page.goto("/admin/gifts/new/")
    page.locator("#id_email").fill("cheque.impaye@example.org")
    page.locator("#id_first_name").fill("Bernard")
    page.locator("#id_last_name").fill("Provision")
    page.locator("#id_address").fill("2 rue des Halles")
    page.locator("#id_postcode").fill("37000")
    page.locator("#id_city").fill("Tours")
    page.locator("#id_amount").fill("1234")
    page.locator("#id_method").select_option("cheque")
    page.locator("#id_campaign").select_option(label=title)
    page.get_by_role("button", name="Enregistrer le don").click()
    expect(page.locator(".messages")).to_contain_text("Bernard Provision")
    gift_url = page.url
    recorded = campaign_total(page, title)
    assert recorded != before

    # The receipt: cancelled with a reason, replaced by the next number.
    page.goto(gift_url)
    page.locator("main").get_by_role("link", name=NUMBER).click()
    old = NUMBER.search(page.locator("h1").inner_text()).group()
    page.get_by_role("link", name="Annuler et remplacer").click()
    confirm(page, "Adresse mal saisie", "Annuler le reçu et émettre son remplaçant")
    expect(page.locator(".messages")).to_contain_text(f"Le reçu n°\u00a0{old} est annulé")
    new = NUMBER.search(page.locator("h1").inner_text()).group()
    assert new != old
    copy = page.request.get(
        page.get_by_role("link", name="Télécharger une copie").get_attribute("href")
    )
    assert re.search(rf"Annule et remplace le reçu n°\s{old}", pdf_text(copy.body()))
    # The old one stays, cancelled with its reason, and cannot be cancelled again.
    page.locator("main").get_by_role("link", name=old).click()
    expect(page.locator("main")).to_contain_text("Adresse mal saisie")
    expect(page.get_by_role("link", name="Annuler et remplacer")).to_have_count(0)

    # The cheque bounces: cancelled, it leaves the campaign's total at once.
    page.goto(gift_url)
    page.get_by_role("link", name="Annuler le don").click()
    confirm(page, "Chèque impayé", "Annuler le don")
    expect(page.locator(".messages")).to_contain_text("est annulé")
    expect(page.locator("main")).to_contain_text("Chèque impayé")
    assert campaign_total(page, title) == before
