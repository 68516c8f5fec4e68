"""Every public page type of the demo, in French and English, on a desktop (1280 px) and a phone
(390 px): no axe violation, no skipped heading level, no aria-describedby pointing to nothing.
Each view is saved as var/screenshots/<lang>-<width>-<type>.png for a person to look at."""

import re
import urllib.parse
import urllib.request

from django.urls import reverse
from django.utils import translation

import pytest
from defusedxml import ElementTree
from playwright.sync_api import expect

from .axe import axe_violations
from .conftest import ROOT
from .test_donation_flow import last_email_to

SCREENSHOTS = ROOT / "var" / "screenshots"
WIDTHS = (1280, 390)
LANGUAGES = ("fr", "en")
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
# The page types, by the class each page template gives <body>.
BODY_CLASSES = {
    "template-home": "home",
    "template-lieux-index": "lieu-index",
    "template-lieu": "lieu",
    "template-news-index": "news-index",
    "template-article": "article",
    "template-standard": "standard",
    "template-campaigns": "campaign-index",
    "template-campaign": "campaign",
    "template-donate": "donate",
    "template-share-offering": "share-offering",
}
# Lists whose children are all of one type: one child tells the type of all.
INDEXES = {"lieu-index", "news-index", "campaign-index"}
DONOR = "camille.101@en-ligne.donateurs.example"  # a demo donor with gifts online
INVESTOR = "camille@investisseurs.example"  # a demo investor whose shares are issued

# Run in the page: headings that skip a level (h1 then h3), and aria-describedby ids that no
# element of the page has.
AUDIT = """() => {
    const skipped = [];
    let previous = 0;
    for (const heading of document.querySelectorAll("h1, h2, h3, h4, h5, h6")) {
        const level = Number(heading.tagName[1]);
        if (level > previous + 1) {
            skipped.push(`h${previous} → h${level} ${heading.textContent.trim().slice(0, 50)}`);
        }
        previous = level;
    }
    const dangling = [];
    for (const element of document.querySelectorAll("[aria-describedby]")) {
        for (const id of element.getAttribute("aria-describedby").split(/\\s+/)) {
            if (id && !document.getElementById(id)) {
                dangling.push(`${element.name || element.tagName} → #${id}`);
            }
        }
    }
    return {skipped, dangling};
}"""


def page_type_paths(live_site: str) -> dict[tuple[str, str], str]:
    """(language, type) → path of the first page of each type in the sitemap, in tree order."""
    with urllib.request.urlopen(f"{live_site}/sitemap.xml", timeout=60) as response:  # noqa: S310
        urls = ElementTree.fromstring(response.read()).findall(f"{SITEMAP}url")
    paths = [urllib.parse.urlsplit(url.find(f"{SITEMAP}loc").text).path for url in urls]
    found, types = {}, {}
    for path in paths:
        parent = path.rstrip("/").rsplit("/", 1)[0] + "/"
        if types.get(parent) in INDEXES and any(
            known.startswith(parent) and known != parent for known in types
        ):
            continue  # a sibling already told this list's children's type
        with urllib.request.urlopen(f"{live_site}{path}", timeout=300) as response:  # noqa: S310
            body = re.search(rb'<body class="([^"]*)"', response.read())
        kind = BODY_CLASSES.get(body.group(1).decode()) if body else None
        types[path] = kind
        language = path.split("/")[1]
        if kind and (language, kind) not in found:
            found[language, kind] = path
    return found


def view_paths(language: str) -> dict[str, str]:
    """The page types that are views rather than pages, at their address in `language`."""
    with translation.override(language):
        return {
            "search-results": reverse("search") + "?q=lyon",
            "donor-sign-in": reverse("campagnes:donor_login"),
            "investor-sign-in": reverse("campagnes:investor_login"),
            "not-found": f"/{language}/this-page-does-not-exist/",
        }


@pytest.fixture(scope="module")
def paths(live_site) -> dict[tuple[str, str], str]:
    found = page_type_paths(live_site)
    missing = {(language, kind) for language in LANGUAGES for kind in BODY_CLASSES.values()} - set(
        found
    )
    assert not missing, f"the demo has no page of these types: {sorted(missing)}"
    for language in LANGUAGES:
        found.update({(language, kind): path for kind, path in view_paths(language).items()})
    return found


def check(page, language: str, width: int, kind: str) -> dict:
    """Problems of the page as it is now; the screenshot is taken either way."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{language}-{width}-{kind}.png", full_page=True)
    audit = page.evaluate(AUDIT)
    problems = {
        "axe": axe_violations(page),
        "skipped heading levels": audit["skipped"],
        "aria-describedby to nothing": audit["dangling"],
    }
    return {name: found for name, found in problems.items() if found}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_type_passes_the_audits(page, paths, language, width):
    page.set_viewport_size({"width": width, "height": 900})
    problems = {}
    for (path_language, kind), path in sorted(paths.items()):
        if path_language != language:
            continue
        response = page.goto(path)
        assert response.status == (404 if kind == "not-found" else 200), path
        found = check(page, language, width, kind)
        if found:
            problems[kind] = found
    assert problems == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_refused_forms_describe_their_fields_with_what_is_on_the_page(page, paths, language):
    """A form sent back with its errors: each field's description is the help and the error
    shown beside it."""
    page.goto(paths[language, "donor-sign-in"])
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main .field__error")).to_be_visible()
    problems = check(page, language, 1280, "donor-sign-in-refused")
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(paths[language, "campaign"])
    page.locator(".donation-form button[type=submit]").click()
    expect(page.locator(".donation-form .field__error").first).to_be_visible()
    problems.update(check(page, language, 390, "campaign-refused"))
    assert problems == {}


def sign_in(page, path: str, address: str, mailbox) -> None:
    # One person per browser: whoever signed in before is signed out.
    page.context.clear_cookies()
    page.goto(path)
    page.locator("input[type=email]").fill(address)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text(address)
    link = re.search(r"https?://\S+\?token=[\w-]+", last_email_to(mailbox, address).get_payload())
    page.goto(link.group(0))
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main .space-section").first).to_be_visible()


def test_the_personal_spaces_pass_the_audits(page, paths, mailbox):
    # One sign-in per space: the sign-in links are limited per address.
    problems = {}
    for space, address in (("donor", DONOR), ("investor", INVESTOR)):
        sign_in(page, paths["fr", f"{space}-sign-in"], address, mailbox)
        for language in LANGUAGES:
            with translation.override(language):
                path = reverse(f"campagnes:{space}_space")
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 900})
                page.goto(path)
                found = check(page, language, width, f"{space}-space")
                if found:
                    problems[language, width, space] = found
            if space == "donor":
                # The monthly gift's own page (the demo's cannot be changed online: no form).
                page.locator("main .space-plan a.button").first.click()
                expect(page.locator("main table").first).to_be_visible()
                found = check(page, language, 390, "donor-monthly-gift")
                if found:
                    problems[language, "monthly gift"] = found
    assert problems == {}
