"""What a search asks for when its words are about giving, investing or one's personal space,
and the pages that answer it.

Full-text search alone does not find them: SQLite matches words as written ("don" is not
"dons"), the donate page and the campaign index are not among the searched types, and no page
holds every word people type ("donner", "donate", "parts", "actions"). So the words are the
project's own, and lead to the live pages of the right types in the visitor's language: a fresh
site finds them without any promotion or any particular wording. Both languages' words work in
either language, since visitors type in theirs whatever the site's. `results.search_site` shows
these pages first, after the editors' promotions.
"""

import re
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.models import Page

from campagnes.models import CampaignIndexPage, CampaignPage, DonatePage, ShareOfferingPage
from home.cache import site_data
from home.models import public

from .text import fold

GIVE, INVEST, SPACE = "give", "invest", "space"

# Words and phrases as folded (lower case, no accents), whole words only: "part" or "action"
# alone mean other things.
VOCABULARY = {
    GIVE: {
        "don", "dons", "donner", "donne", "donnez", "donation", "donations", "donateur",
        "donateurs", "donatrice", "donatrices", "mecenat", "mecene", "mecenes", "donate",
        "donates", "donating", "donor", "donors", "give", "giving", "gift", "gifts", "charity",
    },
    INVEST: {
        "investir", "investis", "investissement", "investissements", "investisseur",
        "investisseurs", "investisseuse", "parts", "part sociale", "parts sociales", "actions",
        "actionnaire", "actionnaires", "souscrire", "souscription", "epargne solidaire",
        "invest", "invests", "investing", "investment", "investments", "investor", "investors",
        "shares", "shareholder", "shareholders", "subscribe", "solidarity savings",
    },
    SPACE: {
        "mon espace", "espace donateur", "espace donateurs", "espace investisseur",
        "espace personnel", "mon compte", "recu", "recus", "recu fiscal", "recus fiscaux",
        "attestation", "attestations", "connexion", "se connecter", "my space", "my account",
        "donor space", "investor space", "account", "receipt", "receipts", "tax receipt",
        "certificate", "sign in", "log in", "login",
    },
}  # fmt: skip
PHRASES = {
    intent: {tuple(entry.split()) for entry in entries} for intent, entries in VOCABULARY.items()
}
# Open campaigns shown for a gift, soonest ending first; the index lists the others.
MAX_CAMPAIGNS = 3


def intents(query: str) -> list[str]:
    """The intents the query's words express, in the order of VOCABULARY."""
    words = tuple(re.findall(r"\w+", fold(query)))
    return [
        intent
        for intent, phrases in PHRASES.items()
        if any(
            words[start : start + len(phrase)] == phrase
            for phrase in phrases
            for start in range(len(words) - len(phrase) + 1)
        )
    ]


@dataclass
class Answer:
    title: str
    url: str
    description: str
    page_id: int | None = None  # None for the personal space, which is not a page
    model: type[Page] | None = None


def answers(query: str, locale_id: int, request) -> list[Answer]:
    """The pages (and the personal space) that answer the query's intents, in the visitor's
    language; none when its words express none."""
    wanted = intents(query)
    if not wanted:
        return []
    pages = site_data(f"intent-pages:{locale_id}", lambda: _pages(locale_id, request))
    found = []
    if GIVE in wanted:
        for model in (DonatePage, CampaignIndexPage):
            found += [_answer(page) for page in pages if page["model"] is model]
        today = timezone.localdate()
        # Open as CampaignPage.status says, from the dates kept with the rows.
        campaigns = [
            page
            for page in pages
            if page["model"] is CampaignPage
            and page["start"] <= today
            and (page["end"] is None or today <= page["end"])
        ]
        campaigns.sort(key=lambda page: (page["end"] is None, page["end"], page["pk"]))
        found += [_answer(page) for page in campaigns[:MAX_CAMPAIGNS]]
    if INVEST in wanted:
        found += [_answer(page) for page in pages if page["model"] is ShareOfferingPage]
    if SPACE in wanted:
        found.append(
            Answer(
                _("Your donor and investor space"),
                reverse("campagnes:donor_login"),
                _(
                    "Your gifts and tax receipts, your monthly gift, your shares and their "
                    "certificates. No password: we email you a sign-in link."
                ),
            )
        )
    return found


def _answer(page: dict) -> Answer:
    return Answer(page["title"], page["url"], page["description"], page["pk"], page["model"])


def _pages(locale_id: int, request) -> list[dict]:
    """The live donate page, campaign index, campaigns and share offerings of the language, as
    plain data (kept as site data until the next publish); offerings not closed first."""
    pages = public(
        Page.objects.live()
        .filter(locale_id=locale_id)
        .type(DonatePage, CampaignIndexPage, CampaignPage, ShareOfferingPage)
        .defer_streamfields()
        .specific()
        .order_by("path")
    )
    today = timezone.localdate()
    rows = []
    for page in pages:
        rows.append(
            {
                "pk": page.pk,
                "model": type(page),
                "title": page.title,
                "url": page.get_url(request),
                "description": page.search_description or page.intro,
                "start": getattr(page, "start_date", None),
                "end": getattr(page, "end_date", None),
            }
        )
        if isinstance(page, ShareOfferingPage):
            rows[-1]["closed"] = page.closes_on < today
    # Of several offerings, those still to come or open first.
    rows.sort(key=lambda row: row.get("closed", False))
    return rows
