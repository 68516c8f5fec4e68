"""Builders of the lieux pages and their vocabularies, for the tests and the demo alike (the
conventions are home.factories')."""

import datetime
from decimal import Decimal

from home.factories import locale, publish
from home.models import HomePage
from lieux.choices import Accessibility, LegalForm, LieuKind, PartnerKind, Region, Weekday
from lieux.models import (
    Activity,
    HostedStructure,
    LieuIndexPage,
    LieuPage,
    OpeningHours,
    Partner,
    Public,
    RecurringActivity,
)

# Vocabularies -----------------------------------------------------------------------------


def activity(name: str, slug: str, *, locale_code: str = "fr", source: Activity | None = None):
    """An activity term; pass `source` to create its translation (same translation key)."""
    extra = {"translation_key": source.translation_key} if source else {}
    return Activity.objects.create(locale=locale(locale_code), name=name, slug=slug, **extra)


def public(name: str, slug: str, *, locale_code: str = "fr", source: Public | None = None):
    extra = {"translation_key": source.translation_key} if source else {}
    return Public.objects.create(locale=locale(locale_code), name=name, slug=slug, **extra)


# Pages --------------------------------------------------------------------------------------


def lieu_index_page(parent: HomePage, **fields) -> LieuIndexPage:
    fields.setdefault("title", "Les lieux")
    fields.setdefault("slug", "lieux")
    fields.setdefault("intro", "Tous les tiers-lieux du réseau.")
    return publish(parent, LieuIndexPage(**fields))


# The fact sheet of a lieu as a visitor reads it; `complete=True` applies all of it.
COMPLETE_LIEU = {
    "intro": "Une table d'hôtes ouverte à toutes et tous.",
    "surface": 40,
    "opening_date": datetime.date(2021, 9, 6),
    "opening_hours_note": "Fermé en août.",
    "founding_idea": "<p>Partager un repas pour recréer du lien entre voisins.</p>",
    "values": [("value", {"title": "Hospitalité inconditionnelle", "text": "Chacun est reçu."})],
    "volunteers": 37,
    "jobs": 3,
    "figures_date": datetime.date(2024, 12, 31),
    "governance": "<p>Un comité de pilotage réunit habitants et bénévoles chaque mois.</p>",
    "carrying_structure": "Association Escales Solidaires",
    "carrying_structure_legal_form": LegalForm.ASSOCIATION,
    "accessibility": Accessibility.ACCESSIBLE,
    "accessibility_details": "Entrée de plain-pied et toilettes adaptées.",
    "volunteer_call": "Nous cherchons des bénévoles pour la cuisine du mardi.",
    "email": "contact@table-lyon.example",
    "phone": "04 72 00 00 00",
    "website": "https://table-lyon.example/",
}


def lieu_page(
    parent: LieuIndexPage,
    *,
    complete: bool = False,
    **fields,
) -> LieuPage:
    """A published lieu; children (opening_hours, partners…) and terms are passed as lists."""
    defaults = {
        "title": "Escale Solidaire Lyon",
        "kind": LieuKind.ESCALE_SOLIDAIRE,
        "street_address": "12 rue de la Charité",
        "postcode": "69002",
        "city": "Lyon",
        "region": Region.AUVERGNE_RHONE_ALPES,
        "latitude": Decimal("45.75521"),
        "longitude": Decimal("4.83196"),
    }
    if complete:
        defaults.update(COMPLETE_LIEU)
        defaults.update(
            opening_hours=[
                OpeningHours(
                    weekday=Weekday.TUESDAY, opens=datetime.time(9, 30), closes=datetime.time(14)
                )
            ],
            recurring_activities=[
                RecurringActivity(
                    name="Repas partagé",
                    schedule="Chaque mardi, 12 h – 14 h",
                    price="2 €",
                    audience="Ouvert à tous",
                )
            ],
            hosted_structures=[
                HostedStructure(name="Les Petites Cantines", role="Cuisine participative")
            ],
            partners=[Partner(name="Fondation Abbé Pierre", kind=PartnerKind.FUNDER)],
        )
    defaults.update(fields)
    return publish(parent, LieuPage(**defaults))
