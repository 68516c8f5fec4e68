"""The notice of processing as a visitor meets it on the demo: under the donation form and on the
bulletin's first step, the consent boxes unticked, its link leading to the privacy policy in the
visitor's language. Screenshots are saved as var/screenshots/privacy-notice-<lang>-<width>.png."""

import re
from pathlib import Path

from playwright.sync_api import expect

from .axe import axe_violations

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
RUNS = {
    "fr": ("/fr/faire-un-don/", "Politique de confidentialité", "/fr/investir/"),
    "en": ("/en/donate/", "Privacy policy", "/en/invest/"),
}
FILL_BULLETIN = {"fr": "Remplir le bulletin de souscription", "en": "Fill in the subscription form"}


def check_language(page, language: str) -> None:
    donate, privacy_title, offering = RUNS[language]
    page.goto(donate)
    for name in ("newsletter", "receipt_by_email"):
        expect(page.locator(f"input[name={name}]")).not_to_be_checked()
    notice = page.locator("[data-privacy-notice]")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("Stripe")
    assert axe_violations(page) == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        notice.scroll_into_view_if_needed()
        page.screenshot(path=SCREENSHOTS / f"privacy-notice-{language}-{width}.png")
    page.set_viewport_size({"width": 1280, "height": 900})
    notice.get_by_role("link", name=re.compile(privacy_title, re.IGNORECASE)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(privacy_title)

    page.goto(offering)
    page.get_by_role("link", name=FILL_BULLETIN[language]).first.click()
    bulletin_notice = page.locator("[data-privacy-notice]")
    expect(bulletin_notice).to_contain_text("Foncière des tiers-lieux solidaires")
    expect(
        bulletin_notice.get_by_role("link", name=re.compile(privacy_title, re.IGNORECASE))
    ).to_be_visible()
    assert axe_violations(page) == []


def test_the_notice_under_the_donation_form_and_the_bulletin_in_french(page):
    check_language(page, "fr")


def test_the_notice_under_the_donation_form_and_the_bulletin_in_english(page):
    check_language(page, "en")
