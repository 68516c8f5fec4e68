"""No dead ends on the way to giving and investing, in French and in English.

A refused gift leaves /fr/don/ in the address bar: opening it again leads back to the form. A
form sent twice (a double click, Enter while the first request is on its way) starts one Checkout
only. The bulletin goes back a step, or to any answered one, keeping the answers; a legal entity's
fields show for that choice only, and without JavaScript they show under their own legend.
"""

import re
import uuid

import pytest
from playwright.sync_api import expect

from .axe import axe_violations

PHONE = {"width": 390, "height": 844}
CAMPAIGN = {"fr": "/fr/campagnes/cuisine-la-boussole/", "en": "/en/campaigns/kitchen-la-boussole/"}
OFFERING = {"fr": "/fr/investir/", "en": "/en/invest/"}
WORDS = {
    "fr": {
        "refused": "Les dons en ligne vont de 5\u00a0€ à 10\u00a0000\u00a0€.",
        "give": "Soutenir cette campagne",
        "pay": "Continuer vers le paiement sécurisé",
        "sending": "Envoi…",
        "fill": "Remplir le bulletin de souscription",
        "person": "Personne physique",
        "entity": "Personne morale",
        "entity_group": "La personne morale pour laquelle vous souscrivez",
        "continue": "Continuer",
        "previous": "Précédent",
        "first_step": "Investisseur",
        "contact": "Contact",
        "identity": "Identité",
        "ms": "Madame",
    },
    "en": {
        "refused": "Online gifts go from €5 to €10,000.",
        "give": "Give to this campaign",
        "pay": "Continue to secure payment",
        "sending": "Sending…",
        "fill": "Fill in the subscription form",
        "person": "A natural person",
        "entity": "A legal entity",
        "entity_group": "The legal entity you subscribe for",
        "continue": "Continue",
        "previous": "Previous",
        "first_step": "Investor",
        "contact": "Contact",
        "identity": "Identity",
        "ms": "Ms",
    },
}


@pytest.fixture
def phone_page(browser, live_site):
    context = browser.new_context(
        base_url=live_site, locale="fr-FR", viewport=PHONE, bypass_csp=True
    )
    context.set_default_timeout(30_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def page_without_js(browser, live_site):
    context = browser.new_context(
        base_url=live_site, locale="fr-FR", viewport=PHONE, java_script_enabled=False
    )
    context.set_default_timeout(30_000)
    page = context.new_page()
    yield page
    context.close()


def fill_donor(form, email: str) -> None:
    for field, value in (
        ("first_name", "Louise"),
        ("last_name", "Bernard"),
        ("email", email),
        ("address", "3 place des Tilleuls"),
        ("postcode", "42400"),
        ("city", "Saint-Chamond"),
    ):
        form.locator(f"#id_{field}").fill(value)


def refuse_a_gift_then_open_its_address_again(page, language: str, axe: bool = True) -> None:
    words = WORDS[language]
    page.goto(CAMPAIGN[language])
    form = page.locator(".donation-form")
    form.locator("input[name=amount_once][value=other]").check(force=True)
    form.locator("#id_other_amount").fill("2")
    fill_donor(form, "louise.bernard@example.org")
    form.get_by_role("button", name=words["pay"]).click()

    # The refusal, beside its field and tied to it.
    expect(page).to_have_url(re.compile(r"/(?:fr/don|en/donation)/\?page=\d+#donation-form$"))
    amount = page.locator("#id_other_amount")
    expect(amount).to_have_attribute("aria-describedby", "id_other_amount_error")
    expect(page.locator("#id_other_amount_error")).to_have_text(words["refused"])
    # The page opens at the form, whose summary says there is something to correct.
    expect(page.locator(".donation-form .notice--error")).to_be_in_viewport()
    if axe:
        assert axe_violations(page) == []

    # The address bar still says /don/: opening it again later (a bookmark, the history, a
    # shared link) is a GET, which leads back to the form.
    address = page.url
    page.goto("about:blank")
    response = page.goto(address)
    assert response.status == 200
    expect(page).to_have_url(re.compile(rf"{CAMPAIGN[language]}#donation-form$"))
    expect(page.get_by_role("heading", name=words["give"])).to_be_visible()
    expect(page.locator("#id_other_amount")).to_have_value("")


def test_a_refused_gift_s_address_leads_back_to_the_form_in_french(page):
    refuse_a_gift_then_open_its_address_again(page, "fr")


def test_a_refused_gift_s_address_leads_back_to_the_form_in_english_on_a_phone(phone_page):
    refuse_a_gift_then_open_its_address_again(phone_page, "en")


def test_without_javascript_the_refused_gift_s_address_leads_back_too(page_without_js):
    refuse_a_gift_then_open_its_address_again(page_without_js, "fr", axe=False)


# What the button shows while the request is on its way, told through the console: while a
# navigation waits, Playwright cannot run a script in the page.
WATCH_BUTTON = """button => new MutationObserver(() => console.log(
    `button: ${button.disabled ? "disabled" : "enabled"}, ${button.textContent}`
)).observe(button, {attributes: true, childList: true, characterData: true, subtree: true})"""


def wait_until(page, condition, seconds: float = 15) -> None:
    """Let the page run (events, routes, console) until the condition holds."""
    for _ in range(int(seconds * 10)):
        if condition():
            return
        page.wait_for_timeout(100)
    raise AssertionError("the page never reached the expected state")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_gift_sent_twice_starts_one_checkout(page, fake_stripe, language):
    words = WORDS[language]
    email = f"double-{uuid.uuid4().hex[:8]}@example.org"
    page.goto(CAMPAIGN[language])
    form = page.locator(".donation-form")
    fill_donor(form, email)
    button = form.get_by_role("button", name=words["pay"])
    button.scroll_into_view_if_needed()
    box = button.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    logs = []
    page.on("console", lambda message: logs.append(message.text))
    page.evaluate(WATCH_BUTTON, button.element_handle())

    # The site's answer is held while the donor clicks again and presses Enter in a field.
    held = []
    page.route(re.compile(r"/(?:don|donation)/\?page="), lambda route: held.append(route))
    try:
        page.mouse.click(x, y)
        # On a busy machine the first request may take a while to leave: wait for it (and for
        # the button to say it is sending) instead of counting on a fixed delay.
        sending = f"button: disabled, {words['sending']}"
        wait_until(page, lambda: held and sending in logs)
        page.mouse.click(x, y)
        page.keyboard.press("Enter")
        # Nothing can prove a second request will never leave; half a second more of the
        # page's life is where a double submission would show.
        page.wait_for_timeout(500)
        assert len(held) == 1
    finally:
        for route in held:
            route.continue_()

    # The fake Checkout page: one session was created for this donor.
    expect(page.get_by_role("button", name="Payer par carte")).to_be_visible()
    sessions = [
        session
        for session in fake_stripe.state._all("checkout.session")
        if session.get("customer_email") == email
    ]
    assert len(sessions) == 1


def go_back_in_the_bulletin(page, language: str) -> None:
    words = WORDS[language]
    page.goto(OFFERING[language])
    page.get_by_role("link", name=words["fill"]).click()

    # A legal entity's details show for that choice only.
    group = page.get_by_role("group", name=words["entity_group"])
    expect(group).to_be_hidden()
    page.get_by_label(words["entity"]).check()
    expect(group).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label(words["person"]).check()
    expect(group).to_be_hidden()
    page.get_by_role("button", name=words["continue"]).click()

    page.get_by_label(words["ms"], exact=True).check()
    for field, value in (
        ("first_name", "Louise"),
        ("last_name", "Bernard"),
        ("birth_date", "1980-05-17"),
        ("birth_place", "Saint-Étienne"),
        ("nationality", "française"),
    ):
        page.locator(f"#id_{field}").fill(value)
    page.get_by_role("button", name=words["continue"]).click()
    steps = page.locator("ol.steps")
    expect(steps.locator("[aria-current=step]")).to_contain_text(words["contact"])

    assert axe_violations(page) == []

    # Previous: the identity as it was typed.
    page.get_by_role("link", name=words["previous"]).click()
    expect(steps.locator("[aria-current=step]")).to_contain_text(words["identity"])
    expect(page.locator("#id_first_name")).to_have_value("Louise")
    expect(page.locator("#id_birth_date")).to_have_value("1980-05-17")

    # An answered step from the list: the first, with its choice.
    steps.get_by_role("link", name=re.compile(words["first_step"])).click()
    expect(steps.locator("[aria-current=step]")).to_contain_text(words["first_step"])
    expect(page.get_by_label(words["person"])).to_be_checked()
    expect(group).to_be_hidden()
    expect(page.get_by_role("link", name=words["previous"])).to_have_count(0)

    # Forward again to where the investor was, nothing lost on the way.
    page.get_by_role("button", name=words["continue"]).click()
    expect(page.locator("#id_last_name")).to_have_value("Bernard")
    page.get_by_role("button", name=words["continue"]).click()
    expect(steps.locator("[aria-current=step]")).to_contain_text(words["contact"])


def test_the_bulletin_goes_back_and_forth_in_french(page):
    go_back_in_the_bulletin(page, "fr")


def test_the_bulletin_goes_back_and_forth_in_english_on_a_phone(phone_page):
    go_back_in_the_bulletin(phone_page, "en")


def test_without_javascript_an_entity_s_fields_show_under_their_legend(page_without_js):
    page = page_without_js
    page.goto(OFFERING["fr"])
    page.get_by_role("link", name=WORDS["fr"]["fill"]).click()
    group = page.get_by_role("group", name=WORDS["fr"]["entity_group"])
    expect(group).to_be_visible()
    # An individual sends them empty, or not: the server ignores them and goes on.
    page.get_by_label("Dénomination").fill("SCI Les Tilleuls")
    page.get_by_label(WORDS["fr"]["person"]).check()
    page.get_by_role("button", name=WORDS["fr"]["continue"]).click()
    expect(page.locator("#id_first_name")).to_be_visible()
