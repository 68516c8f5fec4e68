"""A donor gives 50 € a month to a campaign and finds the gift and its receipt in the donor space.

The site talks to the project's fake Stripe, whose hosted checkout page the browser goes through
and whose signed webhooks reach the site before the donor comes back, as Stripe's usually do.
"""

import email
import re
from pathlib import Path

from playwright.sync_api import expect


def last_email_to(mailbox: Path, address: str) -> email.message.Message:
    messages = [
        email.message_from_bytes(path.read_bytes())
        for path in sorted(mailbox.glob("*.log"), key=lambda path: path.stat().st_mtime)
    ]
    return [message for message in messages if message["To"] == address][-1]


def test_a_donor_gives_monthly_and_finds_the_gift_and_its_receipt(page, mailbox):
    donor = "louise.bernard@example.org"
    page.goto("/fr/campagnes/cuisine-la-boussole/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Une cuisine pour La Boussole")

    form = page.locator(".donation-form")
    form.get_by_text("Chaque mois", exact=True).click()
    form.locator(".presets[data-frequency=monthly]").get_by_text("50\u00a0€").click()
    # The cost after the tax reduction follows the choice: 50 € a month costs 12,50 €.
    expect(form.locator("[data-summary=cost]")).to_have_text(re.compile(r"12,50\s€"))
    form.get_by_label("Madame").check()
    for field, value in (
        ("first_name", "Louise"),
        ("last_name", "Bernard"),
        ("email", donor),
        ("address", "3 place des Tilleuls"),
        ("postcode", "42400"),
        ("city", "Saint-Chamond"),
    ):
        form.locator(f"#id_{field}").fill(value)
    form.get_by_label("Un reçu pour chaque don").check()
    form.get_by_role("button", name="Continuer vers le paiement sécurisé").click()

    # Stripe's page (the fake's): the site never sees the card.
    expect(page.get_by_text("50,00 € / mois", exact=True)).to_be_visible()
    page.get_by_role("button", name="Payer par carte").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Merci, Louise !")
    expect(page.locator("main")).to_contain_text("Votre don mensuel de 50\u00a0€ est en place.")

    page.locator(".thanks").get_by_role("link", name="Mon espace", exact=True).click()
    page.locator("input[type=email]").fill(donor)
    page.get_by_role("button", name=re.compile("lien de connexion")).click()
    # The page that says the link is sent comes once the email is written.
    expect(page.locator("main")).to_contain_text(donor)
    link = re.search(
        r"https?://\S+/mon-espace/lien/\S+", last_email_to(mailbox, donor).get_payload()
    )
    page.goto(link.group(0))
    page.get_by_role("button", name="Se connecter").click()

    main = page.locator("main")
    expect(main).to_contain_text("50\u00a0€")
    expect(main).to_contain_text("Confirmé")
    receipt = main.get_by_role("link", name="Télécharger (PDF)")
    expect(receipt).to_have_count(1)
    with page.expect_download() as download:
        receipt.click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
