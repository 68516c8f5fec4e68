"""Builders of the campaign pages, donation settings and money records (donors, gifts, plans,
partners, pledges), for the tests and the demo alike (the conventions are home.factories')."""

import datetime

from django.utils.text import slugify

from wagtail.models import Site

from campagnes.models import (
    CampaignIndexPage,
    CampaignPage,
    DonationSettings,
    Donor,
    Gift,
    Partner,
    Plan,
    Pledge,
    SuggestedAmount,
)
from home.factories import publish
from home.models import HomePage, OrganisationSettings

# Pages and settings -------------------------------------------------------------------------


def campaign_index_page(parent: HomePage, **fields) -> CampaignIndexPage:
    fields.setdefault("title", "Campagnes")
    fields.setdefault("slug", "campagnes")
    return publish(parent, CampaignIndexPage(**fields))


def campaign_page(
    parent: CampaignIndexPage,
    *,
    amounts=((3000, "once"), (5000, "once"), (2000, "monthly"), (5000, "monthly")),
    **fields,
) -> CampaignPage:
    """An open campaign with suggested amounts, each (cents, frequency); `suggested_amounts`
    (a list of SuggestedAmount) replaces them with amounts that tell their own impact."""
    today = datetime.date.today()
    fields.setdefault("title", "Une cuisine pour La Boussole")
    fields.setdefault("goal_cents", 2_000_000)
    fields.setdefault("start_date", today - datetime.timedelta(days=30))
    fields.setdefault("end_date", today + datetime.timedelta(days=60))
    fields.setdefault(
        "suggested_amounts",
        [
            SuggestedAmount(
                amount_cents=cents, frequency=frequency, impact=f"Impact {cents // 100}"
            )
            for cents, frequency in amounts
        ],
    )
    return publish(parent, CampaignPage(**fields))


def donation_settings(site: Site) -> DonationSettings:
    """Receipts need the issuer's identity; the organisation's address comes from its setting."""
    organisation = OrganisationSettings.for_site(site)
    organisation.name = "Réseau des tiers-lieux solidaires"
    organisation.legal_name = "Association Réseau des tiers-lieux solidaires"
    organisation.street_address = "12 rue de la Paix"
    organisation.postcode = "69003"
    organisation.city = "Lyon"
    organisation.save()
    settings = DonationSettings.for_site(site)
    settings.receipt_object = "Créer du lien social dans des tiers-lieux ouverts à tous"
    settings.rna = "W691234567"
    settings.signatory_name = "Claire Martin"
    settings.signatory_role = "Trésorière"
    settings.save()
    return settings


# Donation records ---------------------------------------------------------------------------


def donor(email: str, **fields) -> Donor:
    first_name, _, last_name = email.split("@")[0].partition(".")
    fields.setdefault("first_name", first_name.capitalize())
    fields.setdefault("last_name", (last_name or "Donatrice").capitalize())
    fields.setdefault("address", "3 rue des Lilas")
    fields.setdefault("postcode", "69001")
    fields.setdefault("city", "Lyon")
    return Donor.objects.create(email=email, **fields)


def gift(donor: Donor, cents: int, paid_at: datetime.datetime | None = None, **fields) -> Gift:
    """A gift confirmed at `paid_at` (a paid one, unless `status` says otherwise)."""
    fields.setdefault("status", "paid")
    return Gift.objects.create(donor=donor, amount_cents=cents, paid_at=paid_at, **fields)


def plan(donor: Donor, cents: int, created_at: datetime.datetime, **fields) -> Plan:
    fields.setdefault("status", "active")
    return Plan.objects.create(donor=donor, amount_cents=cents, created_at=created_at, **fields)


def partner(name: str = "Boulangeries Martin", **fields) -> Partner:
    fields.setdefault("siren", "812345670")
    fields.setdefault("legal_form", "SAS")
    fields.setdefault("address", "14 rue Victor Hugo")
    fields.setdefault("postcode", "42400")
    fields.setdefault("city", "Saint-Chamond")
    fields.setdefault("contact_first_name", "Sophie")
    fields.setdefault("contact_last_name", "Lefèvre")
    fields.setdefault("contact_email", f"rse@{slugify(name)}.example")
    return Partner.objects.create(name=name, **fields)


def pledge(partner: Partner, cents: int, **fields) -> Pledge:
    return Pledge.objects.create(partner=partner, amount_cents=cents, **fields)
