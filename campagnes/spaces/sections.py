"""The sections of "Mon espace", one per thing a person may be to us.

Each section is a function of the request and the signed-in `Person` returning its template's
context, or None when it has nothing to show for that person (an investor who never gave sees no
gift). The space page shows, in this order, the sections that have something. Later roles
(member, volunteer, event participant) add their section here with `@section(...)`.
"""

import dataclasses
from collections.abc import Callable

from wagtail.models import Locale, Page

from campagnes.choices import ConsentKind
from campagnes.consents import records as consents
from campagnes.consents.wordings import WORDINGS
from campagnes.models import Shareholder, Subscription
from campagnes.models.donations import GiftStatus, PlanStatus
from campagnes.models.shares import SubscriptionStatus

# Checkouts that never went through are not the donor's gifts.
SHOWN_GIFTS = (
    GiftStatus.PROCESSING,
    GiftStatus.FAILED,
    GiftStatus.PAID,
    GiftStatus.REFUNDED,
    GiftStatus.DISPUTED,
    # Shown as cancelled (a bounced cheque): the donor sees what became of it, as staff do.
    GiftStatus.CANCELLED,
)
SHOWN_PLANS = (PlanStatus.ACTIVE, PlanStatus.PAST_DUE, PlanStatus.PAUSED, PlanStatus.CANCELLED)


@dataclasses.dataclass(frozen=True)
class Section:
    key: str
    template: str
    context: Callable


@dataclasses.dataclass(frozen=True)
class Shown:
    key: str
    template: str
    data: dict


SECTIONS: list[Section] = []


def section(key: str):
    """Registers a section; its template is templates/campagnes/spaces/sections/<key>.html."""

    def register(function):
        SECTIONS.append(Section(key, f"campagnes/spaces/sections/{key}.html", function))
        return function

    return register


def shown(request, person) -> list[Shown]:
    found = []
    for each in SECTIONS:
        data = each.context(request, person)
        if data is not None:
            found.append(Shown(each.key, each.template, data))
    return found


def name_destinations(records) -> None:
    """Sets `destination` on each gift or plan: the title of its campaign or lieu in the page's
    language (records point to the French source pages), or None for the whole network. One
    query for every record, where `page.localized` would cost one per row."""
    pages = {id(r): r.campaign or r.lieu for r in records}
    keys = {page.translation_key for page in pages.values() if page is not None}
    titles = dict(
        Page.objects.filter(translation_key__in=keys, locale=Locale.get_active()).values_list(
            "translation_key", "title"
        )
    )
    for record in records:
        page = pages[id(record)]
        record.destination = page and titles.get(page.translation_key, page.title)


def subscriptions_of(email: str):
    return (
        Subscription.objects.filter(email__iexact=email, status__in=SubscriptionStatus.submitted())
        .select_related("page", "shareholder")
        .order_by("-accepted_at")
    )


def shareholders_of(email: str):
    """The register's holders whose contact email is this one (usually one)."""
    return Shareholder.objects.filter(email__iexact=email).order_by("number")


# The sections, in the page's order ---------------------------------------------------------------


@section("plans")
def plans(request, person):
    if person.donor is None:
        return None
    found = list(
        person.donor.plans.filter(status__in=SHOWN_PLANS).select_related("campaign", "lieu")
    )
    if not found:
        return None
    name_destinations(found)
    return {"plans": found}


@section("gifts")
def gifts(request, person):
    if person.donor is None:
        return None
    found = list(
        person.donor.gifts.filter(status__in=SHOWN_GIFTS).select_related("campaign", "lieu", "plan")
    )
    name_destinations(found)
    return {"gifts": found, "donor": person.donor}


@section("receipts")
def receipts(request, person):
    if person.donor is None:
        return None
    return {"receipts": person.donor.receipts.all()}


@section("subscriptions")
def subscriptions(request, person):
    if not person.investor:
        return None
    return {"subscriptions": subscriptions_of(person.email)}


@section("details")
def details(request, person):
    return {
        "email": person.email,
        "donor": person.donor,
        "shareholders": list(shareholders_of(person.email)) if person.investor else [],
    }


def offered_consents(person) -> list[str]:
    """The consents this person may give or withdraw here: receipts by email only for a donor,
    and the card kept for the monthly offer while it is kept."""
    kinds = [ConsentKind.NEWSLETTER]
    if person.donor is not None:
        kinds.append(ConsentKind.RECEIPTS_BY_EMAIL)
        # Withdrawn only, here: a card is kept only from the donation form that took it.
        if consents.standing(person.email, ConsentKind.KEEP_PAYMENT_METHOD):
            kinds.append(ConsentKind.KEEP_PAYMENT_METHOD)
    return kinds


def held_without_record(person, kind: str) -> bool:
    """A yes the donor record holds with no consent record behind it (set before consents were
    recorded, or by the demo): shown as given, with no date, and withdrawable."""
    field = consents.DONOR_FIELDS.get(kind)
    return bool(person.donor and field and getattr(person.donor, field))


@section("consents")
def consent_choices(request, person):
    standing = consents.current(person.email)
    choices = []
    for kind in offered_consents(person):
        record = standing.get(kind)
        choices.append(
            {
                "kind": kind,
                "label": ConsentKind(kind).label,
                "wording": WORDINGS[kind].shown(),
                "record": record,
                "given": record is not None or held_without_record(person, kind),
            }
        )
    return {"consents": choices}


@section("data")
def data(request, person):
    return {"person": person}
