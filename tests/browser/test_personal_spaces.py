"""The personal space, for a donor and for an investor, as a person meets it: signed in by the
emailed link, at desktop and phone widths, in French and English; finished (every table fits the
screen, each value keeps its column's name on a phone) and without axe violations. Screenshots
land in the pytest temporary folder for a person to look at."""

import re

import pytest
from playwright.sync_api import expect

from .axe import axe_violations
from .test_donation_flow import last_email_to

DONOR = "alex.100@en-ligne.donateurs.example"  # a demo donor with a monthly gift
INVESTOR = "alex@investisseurs.example"  # a demo investor whose shares are issued
SPACES = {
    ("fr", "donor"): ("/fr/mon-espace/connexion/", DONOR, "Mon espace", "Se connecter"),
    ("en", "donor"): ("/en/my-space/sign-in/", DONOR, "My space", "Sign in"),
    ("fr", "investor"): ("/fr/mon-espace/connexion/", INVESTOR, "Mon espace", "Se connecter"),
    ("en", "investor"): ("/en/my-space/sign-in/", INVESTOR, "My space", "Sign in"),
}


def sign_in(page, mailbox, path: str, address: str, button: str) -> None:
    page.goto(path)
    page.locator("input[type=email]").fill(address)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text(address)
    link = re.search(
        r"https?://\S+/(?:lien|link)/\S+", last_email_to(mailbox, address).get_payload()
    )
    page.goto(link.group(0))
    page.get_by_role("button", name=button).click()


@pytest.mark.parametrize("language,space", list(SPACES))
def test_a_space_reads_as_a_finished_page(page, mailbox, tmp_path, language, space):
    path, address, heading, button = SPACES[language, space]
    # One sign-in per space and language: the sign-in links are limited per address.
    sign_in(page, mailbox, path, address, button)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert page.locator("main .space-section").count() >= 1
    if space == "donor" and language == "en":
        # What the gifts went to is named in the page's language, not the French source's.
        expect(page.locator("main")).not_to_contain_text("Une année de tables d'hôtes")
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        # Nothing wider than the screen: tables stack into labelled rows on a phone.
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"at {width}px the page is {overflow}px wider than the screen"
        if space == "donor":
            amount = page.locator("main .space-table td.number").first
            expect(amount).to_contain_text("€")
            label = amount.evaluate("el => getComputedStyle(el, '::before').content")
            expected = '"Montant"' if language == "fr" else '"Amount"'
            assert label == (expected if width == 390 else "none")
        else:
            expect(page.locator("main")).to_contain_text("SOUS-")
        assert axe_violations(page) == []
        page.screenshot(path=tmp_path / f"{space}-{language}-{width}.png", full_page=True)
