"""A one-off donor who let Stripe keep the card turns the gift into a monthly gift in one click.

The donor ticks the box on the donation form, pays on the fake Checkout, and accepts the
thank-you page's monthly offer: no second payment page. The page with the offer is checked by
axe and saved as var/screenshots/upsell-<lang>-<width>.png for a person to look at.
"""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.axe import axe_violations

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"

CASES = {
    "fr": {
        "width": 1280,
        "campaign": "/fr/campagnes/cuisine-la-boussole/",
        "email": "lea.upsell@example.org",
        "keep": "Autoriser Stripe à conserver ma carte",
        "submit": "Continuer vers le paiement sécurisé",
        "thanks": "Merci, Léa\u00a0!",
        "offer": "Souhaitez-vous donner chaque mois\u00a0?",
        "after_tax": "après réduction d’impôt",
        "accept": "Donner chaque mois avec la même carte",
        "set_up": "est en place.",
    },
    "en": {
        "width": 390,
        "campaign": "/en/campaigns/kitchen-la-boussole/",
        "email": "lea.upsell.en@example.org",
        "keep": "Let Stripe keep my card",
        "submit": "Continue to secure payment",
        "thanks": "Thank you, Léa!",
        "offer": "Would you like to give every month?",
        "after_tax": "after tax reduction",
        "accept": "Give monthly with the same card",
        "set_up": "is set up.",
    },
}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_one_off_donor_accepts_the_monthly_offer_in_one_click(page, fake_stripe, language):
    case = CASES[language]
    page.set_viewport_size({"width": case["width"], "height": 900})
    page.goto(case["campaign"])
    form = page.locator(".donation-form")
    form.locator(".presets[data-frequency=once] .preset").first.click()
    for field, value in (
        ("first_name", "Léa"),
        ("last_name", "Moreau"),
        ("email", case["email"]),
        ("address", "8 rue des Forges"),
        ("postcode", "42000"),
        ("city", "Saint-Étienne"),
    ):
        form.locator(f"#id_{field}").fill(value)
    keep = form.get_by_label(case["keep"])
    expect(keep).not_to_be_checked()  # never ticked in advance
    keep.check()
    form.get_by_role("button", name=case["submit"]).click()

    page.get_by_role("button", name="Payer par carte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(case["thanks"])
    offer = page.locator(".upsell")
    expect(offer.get_by_role("heading", level=2)).to_have_text(case["offer"])
    expect(offer.locator(".preset").first).to_contain_text(case["after_tax"])

    assert axe_violations(page) == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"upsell-{language}-{case['width']}.png", full_page=True)

    subscriptions_before = len(
        [e for e in fake_stripe.events if e["type"] == "customer.subscription.created"]
    )
    offer.get_by_role("button", name=case["accept"]).click()
    expect(page.locator("main .lead")).to_contain_text(case["set_up"])
    expect(page.locator(".upsell")).to_have_count(0)
    created = [e for e in fake_stripe.events if e["type"] == "customer.subscription.created"]
    assert len(created) == subscriptions_before + 1
    assert created[-1]["data"]["object"]["default_payment_method"]

    # Back on the one-off gift's page, the offer is not asked again.
    page.go_back()
    page.reload()
    expect(page.locator(".upsell")).to_have_count(0)
