"""The Mécénat team records a cheque from a donor without email, finds her again with the donor
chooser for her next cheque, prints the original receipt from the list to post and marks it posted.
"""

import re

from playwright.sync_api import expect

from tests.helpers.pdf import pdf_text

from .admin import sign_in_to_admin


def fill_gift(page, amount: str) -> None:
    page.locator("#id_amount").fill(amount)
    page.locator("#id_method").select_option("cheque")


def test_a_cheque_without_email_is_receipted_printed_and_posted(page):
    sign_in_to_admin(page, "mecenat")

    page.goto("/admin/gifts/new/")
    page.locator("#id_first_name").fill("Odette")
    page.locator("#id_last_name").fill("Marchand")
    page.locator("#id_address").fill("9 rue du Lavoir")
    page.locator("#id_postcode").fill("72000")
    page.locator("#id_city").fill("Le Mans")
    fill_gift(page, "75")
    page.get_by_role("button", name="Enregistrer le don").click()
    expect(page.locator(".messages")).to_contain_text("Don de 75\u00a0€ de Odette Marchand")

    # Her next cheque: no email to find her by, so the chooser finds her by name.
    page.goto("/admin/gifts/new/")
    page.get_by_role("button", name="Choisir un donateur").click()
    modal = page.locator(".modal-content")
    modal.get_by_label("Terme de recherche").fill("marchand 72000")
    expect(modal.locator("tbody tr")).to_have_count(1)
    expect(modal.locator("tbody")).to_contain_text("Aucun\u00a0: reçus par la poste")
    modal.get_by_role("link", name="Odette Marchand").click()
    expect(modal).to_be_hidden()
    fill_gift(page, "40")
    page.get_by_role("button", name="Enregistrer le don").click()
    expect(page.locator(".messages")).to_contain_text("Don de 40\u00a0€ de Odette Marchand")

    page.get_by_role("button", name="Mécénat").click()
    page.get_by_role("link", name="Reçus à poster").click()
    rows = page.locator("main tbody tr").filter(has_text="Odette Marchand")
    expect(rows).to_have_count(2)
    first = rows.first
    expect(first).to_contain_text("9 rue du Lavoir")
    number = first.locator("td").nth(1).inner_text()
    assert re.fullmatch(r"\d{4}-\d{6}", number)

    printed = page.request.get(first.get_by_role("link", name="Imprimer").get_attribute("href"))
    assert printed.headers["content-type"] == "application/pdf"
    text = pdf_text(printed.body())
    assert number in text and "Marchand" in text and "DUPLICATA" not in text

    first.get_by_role("link", name="Marquer comme posté").click()
    expect(page.locator("main")).to_contain_text("72000 Le Mans")
    page.get_by_role("button", name="Il est posté").click()
    expect(page.locator(".messages")).to_contain_text(f"Le reçu {number} est marqué comme posté.")
    expect(page.locator("main")).to_contain_text("Posté le")

    page.goto("/admin/mecenat/receipts-to-post/")
    expect(page.locator("main tbody")).not_to_contain_text(number)
    expect(page.locator("main tbody tr").filter(has_text="Odette Marchand")).to_have_count(1)
