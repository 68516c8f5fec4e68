""" "Mon espace" as a donor uses it in a browser: signed in by the emailed link, they correct their
address, withdraw a consent and download their data, in French on a desktop and in English on a
phone. Every space page passes axe; screenshots are saved as
var/screenshots/my-space-<lang>-<width>.png for a person to look at."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .axe import axe_violations
from .test_personal_spaces import sign_in

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
# Demo donors of gifts online that no other browser test signs in as (their details change here).
RUNS = {
    "fr": ("dominique.3@en-ligne.donateurs.example", 1280, "/fr/mon-espace/connexion/"),
    "en": ("sacha.4@en-ligne.donateurs.example", 390, "/en/my-space/sign-in/"),
}
WORDS = {
    "fr": {
        "sign_in": "Se connecter",
        "heading": "Mon espace",
        "change": "Modifier mes coordonnées ou mes reçus",
        "never": "les reçus déjà émis ne changent jamais",
        "agree": "J’accepte (Lettre d’information)",
        "withdraw": "Retirer (Lettre d’information)",
        "withdrawn": "Votre consentement est retiré.",
        "json": "Télécharger mes données (JSON)",
        "csv": "Télécharger mes données (CSV, zip)",
    },
    "en": {
        "sign_in": "Sign in",
        "heading": "My space",
        "change": "Change my details or my receipts",
        "never": "receipts already issued never change",
        "agree": "I agree (Newsletter)",
        "withdraw": "Withdraw (Newsletter)",
        "withdrawn": "Your consent is withdrawn.",
        "json": "Download my data (JSON)",
        "csv": "Download my data (CSV, zip)",
    },
}


def no_overflow(page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the screen"


@pytest.mark.parametrize("language", list(RUNS))
def test_a_donor_corrects_their_address_withdraws_a_consent_and_takes_their_data(
    page, mailbox, language
):
    address, width, sign_in_path = RUNS[language]
    words = WORDS[language]
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(sign_in_path)
    assert axe_violations(page) == []
    sign_in(page, mailbox, sign_in_path, address, words["sign_in"])
    expect(page.get_by_role("heading", level=1)).to_have_text(words["heading"])
    no_overflow(page)
    assert axe_violations(page) == []

    # The address, corrected: the receipts still to come print it.
    page.get_by_role("link", name=words["change"]).click()
    expect(page.locator("main .lead")).to_contain_text(words["never"])
    assert axe_violations(page) == []
    page.locator("#id_address").fill("8 rue Neuve")
    page.locator("#id_postcode").fill("69001")
    page.locator("form.identity-form button[type=submit]").click()
    expect(page.locator("main .identity-card")).to_contain_text("8 rue Neuve")
    expect(page.locator("main")).to_contain_text(words["never"])

    # The newsletter: agreed to, then withdrawn, each in one click.
    page.get_by_role("button", name=words["agree"]).click()
    page.get_by_role("button", name=words["withdraw"]).click()
    expect(page.locator("main [role=status]")).to_contain_text(words["withdrawn"])
    expect(page.get_by_role("button", name=words["agree"])).to_be_visible()

    # All their data, as JSON and as a zip of CSV files.
    with page.expect_download() as download:
        page.get_by_role("link", name=words["json"]).click()
    data = json.loads(Path(download.value.path()).read_text())
    assert data["person"][0]["address"] == "8 rue Neuve"
    assert data["person"][0]["newsletter"] is False
    assert [row["withdrawn_through"] for row in data["consents"]] == ["space"]
    with page.expect_download() as download:
        page.get_by_role("link", name=words["csv"]).click()
    assert download.value.suggested_filename.endswith(".zip")

    no_overflow(page)
    assert axe_violations(page) == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for shot_width in (1280, 390):
        page.set_viewport_size({"width": shot_width, "height": 900})
        no_overflow(page)
        page.screenshot(path=SCREENSHOTS / f"my-space-{language}-{shot_width}.png", full_page=True)
