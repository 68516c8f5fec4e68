"""What can be exported: the five datasets of donation and investor records, their columns and
who may have each.

A dataset's columns are `values_list()` paths, so an export reads its rows without loading models;
writers.py turns them into CSV or XLSX and service.py serves and records the download.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campagnes.models import Donor, Gift, LegalHold, Pledge, Receipt, Subscription
from campagnes.models.donations import GiftStatus
from campagnes.models.exports import ExportDataset
from campagnes.models.shares import SubscriptionStatus


@dataclass(frozen=True)
class Column:
    heading: str
    path: str
    kind: str = "text"  # text, money, count, date, datetime, bool or choice
    choices: Callable[[], dict] | None = None


@dataclass(frozen=True)
class Dataset:
    """What one export holds: its rows, its columns and who may have it."""

    name: str
    model: type
    permission: str
    columns: tuple[Column, ...]
    # How a period and a campaign narrow it, and how the form names that period.
    narrow: Callable[[QuerySet, datetime.date | None, datetime.date | None, int | None], QuerySet]
    period_label: str
    # The annotations its columns read, added to any queryset of the model (a filtered listing).
    prepare: Callable[[QuerySet], QuerySet] = lambda queryset: queryset
    by_campaign: bool = True

    @property
    def label(self) -> str:
        return ExportDataset(self.name).label

    def all(self) -> QuerySet:
        return self.prepare(self.model._default_manager.order_by("pk"))

    def may_export(self, user) -> bool:
        return user.has_perms(["campagnes.add_export", self.permission])


def between(field: str, start, end, *, dates=False) -> Q:
    """Records of `field` from `start` to `end` included, either end optional."""
    condition = Q()
    if start:
        condition &= Q(**{f"{field}__gte": start if dates else aware(start)})
    if end:
        end = end if dates else aware(end + datetime.timedelta(days=1))
        condition &= Q(**{f"{field}__{'lte' if dates else 'lt'}": end})
    return condition


def aware(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def narrow_by(field: str, *, dates=False):
    def narrow(queryset, start, end, campaign):
        queryset = queryset.filter(between(field, start, end, dates=dates))
        return queryset.filter(campaign_id=campaign) if campaign else queryset

    return narrow


def narrow_donors(queryset, start, end, campaign):
    """Donors who gave (a paid gift) in the period, or to the campaign."""
    if not (start or end or campaign):
        return queryset
    gifts = Gift.objects.filter(donor=OuterRef("pk"), status=GiftStatus.PAID)
    gifts = gifts.filter(between("paid_at", start, end))
    if campaign:
        gifts = gifts.filter(campaign_id=campaign)
    return queryset.filter(Exists(gifts))


def choices_of(model, field: str) -> Callable[[], dict]:
    return lambda: dict(model._meta.get_field(field).flatchoices)


def with_net(gifts: QuerySet) -> QuerySet:
    return gifts.annotate(net=F("amount_cents") - F("refunded_cents"))


def with_giving(donors: QuerySet) -> QuerySet:
    paid = Q(gifts__status=GiftStatus.PAID)
    return donors.annotate(
        paid_gifts=Count("gifts", filter=paid),
        given=Sum(F("gifts__amount_cents") - F("gifts__refunded_cents"), filter=paid),
    )


def without_erased(donors: QuerySet) -> QuerySet:
    """An erased donor's anonymised record (kept for its gifts' sake) is nobody to export."""
    return with_giving(donors.filter(erasures__isnull=True))


def masked(queryset: QuerySet, kind: str, fields: tuple[str, ...]) -> QuerySet:
    """Records kept under a legal hold after their person was erased stay in the exports (the
    receipts' numbers, the amounts) without the person: their `shown_<field>` columns are blank."""
    held = Exists(LegalHold.objects.filter(kind=kind, object_id=OuterRef("pk")))
    return queryset.annotate(
        **{
            f"shown_{field}": Case(
                When(held, then=Value("")), default=F(field), output_field=CharField()
            )
            for field in fields
        }
    )


RECEIPT_NAMES = ("last_name", "first_name", "company_name", "siren")
SUBSCRIPTION_NAMES = (
    "entity_name",
    "last_name",
    "first_name",
    "email",
    "address",
    "postcode",
    "city",
)


def with_counterparts(pledges: QuerySet) -> QuerySet:
    return pledges.annotate(counterparts_value=Sum("counterparts__value_cents"))


GIFTS = Dataset(
    name=ExportDataset.GIFTS,
    model=Gift,
    permission="campagnes.view_gift",
    prepare=with_net,
    narrow=narrow_by("paid_at"),
    period_label=_("confirmed in the period"),
    columns=(
        Column(_("Gift"), "public_id"),
        Column(_("Confirmed"), "paid_at", "datetime"),
        Column(_("Status"), "status", "choice", choices_of(Gift, "status")),
        Column(_("Amount"), "amount_cents", "money"),
        Column(_("Refunded"), "refunded_cents", "money"),
        Column(_("Net"), "net", "money"),
        Column(_("Frequency"), "frequency", "choice", choices_of(Gift, "frequency")),
        Column(_("Method"), "method", "choice", choices_of(Gift, "method")),
        Column(_("Offline"), "is_offline", "bool"),
        Column(_("Received on"), "received_on", "date"),
        Column(_("Email"), "donor__email"),
        Column(_("Last name"), "donor__last_name"),
        Column(_("First name"), "donor__first_name"),
        Column(_("Company"), "donor__company_name"),
        Column(_("Campaign"), "campaign__title"),
        Column(_("Place"), "lieu__title"),
        Column(_("Receipt"), "receipt__number"),
        Column("utm_source", "utm_source"),
        Column("utm_medium", "utm_medium"),
        Column("utm_campaign", "utm_campaign"),
    ),
)

DONORS = Dataset(
    name=ExportDataset.DONORS,
    model=Donor,
    permission="campagnes.view_donor",
    prepare=without_erased,
    narrow=narrow_donors,
    period_label=_("who gave in the period"),
    columns=(
        Column(_("Email"), "email"),
        Column(_("Civility"), "civility", "choice", choices_of(Donor, "civility")),
        Column(_("Last name"), "last_name"),
        Column(_("First name"), "first_name"),
        Column(_("Company"), "company_name"),
        Column(_("SIREN"), "siren"),
        Column(_("Address"), "address"),
        Column(_("Postcode"), "postcode"),
        Column(_("City"), "city"),
        Column(_("Country"), "country"),
        Column(
            _("Tax receipts"),
            "receipt_preference",
            "choice",
            choices_of(Donor, "receipt_preference"),
        ),
        Column(_("Receipts by email"), "receipt_by_email", "bool"),
        Column(_("Newsletter"), "newsletter", "bool"),
        Column(_("Created"), "created_at", "datetime"),
        Column(_("Paid gifts"), "paid_gifts", "count"),
        Column(_("Total given"), "given", "money"),
    ),
)

PLEDGES = Dataset(
    name=ExportDataset.PLEDGES,
    model=Pledge,
    permission="campagnes.view_pledge",
    prepare=with_counterparts,
    narrow=narrow_by("received_on", dates=True),
    period_label=_("received in the period"),
    columns=(
        Column(_("Partner"), "partner__name"),
        Column(_("SIREN"), "partner__siren"),
        Column(_("Contact's last name"), "partner__contact_last_name"),
        Column(_("Contact's first name"), "partner__contact_first_name"),
        Column(_("Contact's email"), "partner__contact_email"),
        Column(_("Amount"), "amount_cents", "money"),
        Column(_("Status"), "status", "choice", choices_of(Pledge, "status")),
        Column(_("What it funds"), "purpose"),
        Column(_("Campaign"), "campaign__title"),
        Column(_("Place"), "lieu__title"),
        Column(_("Signature expected on"), "expected_signature_on", "date"),
        Column(_("Payment expected on"), "expected_payment_on", "date"),
        Column(_("Signed on"), "signed_on", "date"),
        Column(_("Received on"), "received_on", "date"),
        Column(_("Method"), "method", "choice", choices_of(Pledge, "method")),
        Column(_("Counterparts"), "counterparts_value", "money"),
        Column(_("Receipt"), "receipt__number"),
        Column(_("Created"), "created_at", "datetime"),
    ),
)

RECEIPTS = Dataset(
    name=ExportDataset.RECEIPTS,
    model=Receipt,
    permission="campagnes.view_receipt",
    prepare=lambda receipts: masked(receipts, "receipt", RECEIPT_NAMES),
    narrow=narrow_by("issued_on", dates=True),
    period_label=_("issued in the period"),
    by_campaign=False,
    columns=(
        Column(_("Number"), "number"),
        Column(_("Issued on"), "issued_on", "date"),
        Column(_("Kind"), "kind", "choice", choices_of(Receipt, "kind")),
        Column(_("Annual"), "is_annual", "bool"),
        Column(_("Last name"), "shown_last_name"),
        Column(_("First name"), "shown_first_name"),
        Column(_("Company"), "shown_company_name"),
        Column(_("SIREN"), "shown_siren"),
        Column(_("Amount"), "amount_cents", "money"),
        Column(_("Method"), "method"),
        Column(_("Cancelled on"), "cancelled_on", "date"),
        Column(_("Replaces"), "replaces__number"),
    ),
)

SUBSCRIPTIONS = Dataset(
    name=ExportDataset.SUBSCRIPTIONS,
    model=Subscription,
    permission="campagnes.view_subscription",
    # A draft is a bulletin the investor never confirmed.
    prepare=lambda subscriptions: masked(
        subscriptions.exclude(status=SubscriptionStatus.DRAFT), "subscription", SUBSCRIPTION_NAMES
    ),
    narrow=narrow_by("created_at"),
    period_label=_("subscribed in the period"),
    by_campaign=False,
    columns=(
        Column(_("Subscribed"), "created_at", "datetime"),
        Column(_("Offering"), "page__title"),
        Column(_("Status"), "status", "choice", choices_of(Subscription, "status")),
        Column(_("Reference"), "reference"),
        Column(_("Entity"), "shown_entity_name"),
        Column(_("Last name"), "shown_last_name"),
        Column(_("First name"), "shown_first_name"),
        Column(_("Email"), "shown_email"),
        Column(_("Phone"), "phone"),
        Column(_("Address"), "shown_address"),
        Column(_("Postcode"), "shown_postcode"),
        Column(_("City"), "shown_city"),
        Column(_("Country"), "country"),
        Column(_("Shares"), "shares", "count"),
        Column(_("Amount"), "amount_cents", "money"),
        Column(_("Refunded"), "refunded_cents", "money"),
        Column(_("Paid at"), "paid_at", "datetime"),
        Column(_("Issued at"), "issued_at", "datetime"),
    ),
)

DATASETS = {dataset.name: dataset for dataset in (GIFTS, DONORS, PLEDGES, RECEIPTS, SUBSCRIPTIONS)}


def allowed(user) -> list[Dataset]:
    return [dataset for dataset in DATASETS.values() if dataset.may_export(user)]
