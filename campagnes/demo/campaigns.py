"""Campaigns, the donate page, the donation settings and the gifts of the demo."""

import datetime

from django.utils import timezone

from wagtail.models import Site

from campagnes import factories
from campagnes.choices import Frequency, PaymentMethod, ReceiptPreference
from campagnes.models import (
    CampaignIndexPage,
    CampaignPage,
    DonatePage,
    DonationSettings,
    Donor,
    Gift,
    SuggestedAmount,
)
from campagnes.models.donations import GiftStatus, PlanStatus
from home.demo.context import DemoContext
from home.demo.pages import rich_text, stream
from home.factories import publish

from .content.campaigns import (
    CAMPAIGN_INDEX,
    CAMPAIGNS,
    DEMO_DONOR_DOMAIN,
    DONATE,
    DONATION_SETTINGS,
    MONTHLY,
    ONCE,
)
from .pledges import ensure_pledges

DONOR_FIRST_NAMES = ("Alex", "Camille", "Dominique", "Sacha", "Claude", "Maxime", "Morgan")
DEMO_ADDRESS = {"address": "1 rue de l'Exemple", "postcode": "69003", "city": "Lyon"}


def suggested_amounts() -> list[SuggestedAmount]:
    amounts = [(Frequency.ONCE, cents, label) for cents, label in ONCE]
    amounts += [(Frequency.MONTHLY, cents, label) for cents, label in MONTHLY]
    return [
        SuggestedAmount(sort_order=i, frequency=frequency, amount_cents=cents, impact=label.fr)
        for i, (frequency, cents, label) in enumerate(amounts)
    ]


def side_column() -> dict[str, str]:
    side = DONATE["side"]
    fields = {name: rich_text(side[name]) for name in SIDE_TEXTS}
    return {
        **fields,
        "contact_email": side["contact_email"],
        "contact_phone": side["contact_phone"],
    }


SIDE_TEXTS = ("funds_use", "tax_note", "payment_security", "contact")


def ensure_donate_page(context: DemoContext) -> int:
    """Create the donate page once, before home's pages are built: the support page's call to
    action links to it. Returns pages created."""
    home, images, pages = context.home, context.images, context.pages
    if DonatePage.objects.child_of(home).exists():
        return 0
    donate = DonatePage(
        title=DONATE["title"].fr,
        slug=DONATE["slug"].fr,
        intro=DONATE["intro"].fr,
        image=images[DONATE["image"]],
        body=stream(DONATE["body"], images, pages),
        suggested_amounts=suggested_amounts(),
        **side_column(),
    )
    pages[donate.slug] = publish(home, donate)
    return 1


def ensure_campaigns(context: DemoContext) -> int:
    """Create the campaign index and its campaigns once; returns pages created."""
    home, images, pages = context.home, context.images, context.pages
    if CampaignIndexPage.objects.child_of(home).exists():
        return 0
    index = factories.campaign_index_page(
        home,
        title=CAMPAIGN_INDEX["title"].fr,
        slug=CAMPAIGN_INDEX["slug"].fr,
        intro=CAMPAIGN_INDEX["intro"].fr,
        image=images[CAMPAIGN_INDEX["image"]],
    )
    created = [index]
    for spec in CAMPAIGNS:
        campaign = factories.campaign_page(
            index,
            title=spec["title"].fr,
            slug=spec["slug"].fr,
            intro=spec["intro"].fr,
            image=images[spec["image"]],
            goal_cents=spec["goal_cents"],
            start_date=spec["start"],
            end_date=spec["end"],
            story=stream(spec["story"], images, pages),
            suggested_amounts=suggested_amounts(),
            lieux=[pages[slug] for slug in spec["lieux"]],
        )
        created.append(campaign)
    for page in created:
        pages[page.slug] = page
    return len(created)


def ensure_donation_settings(site: Site) -> bool:
    settings = DonationSettings.for_site(site)
    if settings.receipt_object:
        return False
    for field, value in DONATION_SETTINGS.items():
        setattr(settings, field, value)
    settings.save()
    return True


def ensure_offline_gifts() -> int:
    """Cheques and transfers recorded by staff, so that progress bars show something; then card
    gifts, monthly gifts and partners' pledges for the Mécénat dashboard."""
    created = ensure_online_gifts() + ensure_pledges()
    if Donor.objects.filter(email__endswith=f"@{DEMO_DONOR_DOMAIN}").exists():
        return created
    for spec in CAMPAIGNS:
        campaign = CampaignPage.objects.get(slug=spec["slug"].fr, locale__language_code="fr")
        for n, cents in enumerate(spec["gifts"]):
            first_name = DONOR_FIRST_NAMES[n % len(DONOR_FIRST_NAMES)]
            donor = factories.donor(
                f"{first_name.lower()}.{campaign.slug}.{n}@{DEMO_DONOR_DOMAIN}",
                first_name=first_name,
                last_name=f"Démo {n + 1}",
                **DEMO_ADDRESS,
            )
            received = spec["start"] + datetime.timedelta(days=3 * n)
            factories.gift(
                donor,
                cents,
                timezone.make_aware(datetime.datetime.combine(received, datetime.time(12))),
                campaign=campaign,
                status=GiftStatus.PAID,
                method=PaymentMethod.CHEQUE if n % 2 else PaymentMethod.TRANSFER,
                is_offline=True,
                received_on=received,
                note="Don de démonstration",
            )
            created += 1
    return created


# Card gifts of the last weeks and monthly gifts since the spring, dated from today: the Mécénat
# dashboard's "this month" and its charts always have something to show.
ONLINE_DOMAIN = f"en-ligne.{DEMO_DONOR_DOMAIN}"
ONLINE_GIFTS = (
    3000,
    5000,
    6000,
    2000,
    15000,
    3000,
    4000,
    10000,
    5000,
    3000,
    2500,
    6000,
    8000,
    3000,
)
# Monthly gifts: euros, months ago it started, months ago it stopped (None: still running).
MONTHLY_GIFTS = (
    (10, 8, None),
    (20, 7, None),
    (15, 6, None),
    (50, 5, None),
    (10, 5, 2),
    (20, 4, None),
    (30, 3, None),
    (10, 2, None),
    (20, 2, 0),
    (15, 1, None),
)


def demo_donor(first_name: str, number: int, **fields) -> Donor:
    return factories.donor(
        f"{first_name.lower()}.{number}@{ONLINE_DOMAIN}",
        first_name=first_name,
        last_name=f"Démo {number}",
        **DEMO_ADDRESS,
        **fields,
    )


def paid_gift(donor: Donor, campaign: CampaignPage, cents: int, paid_at, **fields) -> Gift:
    return factories.gift(
        donor,
        cents,
        paid_at,
        campaign=campaign,
        status=GiftStatus.PAID,
        created_at=paid_at,
        **fields,
    )


def ensure_online_gifts() -> int:
    if Donor.objects.filter(email__endswith=f"@{ONLINE_DOMAIN}").exists():
        return 0
    kitchen, tables = (
        CampaignPage.objects.get(slug=spec["slug"].fr, locale__language_code="fr")
        for spec in CAMPAIGNS[:2]
    )
    now = timezone.now()
    created = 0
    for n, cents in enumerate(ONLINE_GIFTS):
        donor = demo_donor(DONOR_FIRST_NAMES[n % len(DONOR_FIRST_NAMES)], n + 1)
        paid_at = now - datetime.timedelta(days=4 * n + 1, hours=n)
        paid_gift(donor, kitchen, cents, paid_at, method=PaymentMethod.CARD)
        created += 1
    for n, (euros, started, stopped) in enumerate(MONTHLY_GIFTS):
        donor = demo_donor(
            DONOR_FIRST_NAMES[n % len(DONOR_FIRST_NAMES)],
            100 + n,
            receipt_preference=ReceiptPreference.ANNUAL,
        )
        # Each donor's debit falls on a day of their own.
        start = now - datetime.timedelta(days=30 * started + 2 + 3 * n)
        end = now - datetime.timedelta(days=30 * stopped + 1) if stopped is not None else None
        plan = factories.plan(
            donor,
            euros * 100,
            start,
            campaign=tables,
            status=PlanStatus.CANCELLED if end else PlanStatus.ACTIVE,
            cancelled_at=end,
        )
        for month in range(started - (stopped or 0) + (0 if stopped is not None else 1)):
            paid_gift(
                donor,
                tables,
                plan.amount_cents,
                start + datetime.timedelta(days=30 * month),
                plan=plan,
                frequency=Frequency.MONTHLY,
                method=PaymentMethod.SEPA_DEBIT,
            )
            created += 1
        created += 1
    return created
