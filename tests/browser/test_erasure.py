"""A donor deletes their data from "Mon espace" in a browser: the page lists what the law keeps
and why, the box must be ticked, then the person is signed out on a page that names nothing of
them, and the space asks to sign in again. In French on a desktop and in English on a phone;
every page passes axe; screenshots are saved as var/screenshots/erasure-<lang>-<width>.png."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .axe import axe_violations
from .test_my_space import no_overflow
from .test_personal_spaces import sign_in

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
# Demo donors of one-off gifts that no other browser test signs in as (they are erased here).
RUNS = {
    "fr": ("dominique.10@en-ligne.donateurs.example", 1280, "/fr/mon-espace/connexion/"),
    "en": ("sacha.11@en-ligne.donateurs.example", 390, "/en/my-space/sign-in/"),
}
WORDS = {
    "fr": {
        "sign_in": "Se connecter",
        "open": "Supprimer mes données…",
        "delete": "Supprimer mes données",
        "kept": "Ce que la loi nous oblige à conserver",
        "done": "Vos données sont supprimées",
        "sign_in_heading": "Mon espace",
    },
    "en": {
        "sign_in": "Sign in",
        "open": "Delete my data…",
        "delete": "Delete my data",
        "kept": "What the law obliges us to keep",
        "done": "Your data is deleted",
        "sign_in_heading": "My space",
    },
}


@pytest.mark.parametrize("language", list(RUNS))
def test_a_donor_deletes_their_data_and_sees_what_is_kept(page, mailbox, language):
    address, width, sign_in_path = RUNS[language]
    words = WORDS[language]
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, mailbox, sign_in_path, address, words["sign_in"])

    page.get_by_role("link", name=words["open"]).click()
    expect(page.locator("main h2")).to_have_text(words["kept"])
    expect(page.locator(".space-holds")).to_contain_text("L123-22")
    no_overflow(page)
    assert axe_violations(page) == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"erasure-{language}-{width}.png", full_page=True)

    # The box is required: the browser keeps the form until it is ticked.
    page.get_by_role("button", name=words["delete"], exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["delete"])
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name=words["delete"], exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(words["done"])
    expect(page.locator("main")).not_to_contain_text(address)
    expect(page.locator("main")).not_to_contain_text("Démo")
    no_overflow(page)
    assert axe_violations(page) == []
    page.screenshot(path=SCREENSHOTS / f"erasure-done-{language}-{width}.png", full_page=True)

    # Signed out: the space asks to sign in, and the address is nobody's any more.
    page.goto(sign_in_path.replace("connexion/", "").replace("sign-in/", ""))
    expect(page).to_have_url(re.compile(re.escape(sign_in_path) + "$"))
