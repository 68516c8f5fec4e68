"""Erasure of a person (GDPR article 17), within what the law lets the association forget.

A person is a donor record and/or an email (an investor has no donor record). Everything about
them is deleted or anonymised, except what French law obliges the association to keep; each
kept record gets a `LegalHold` row with the reason below and the date it may go. Stripe is
asked first (a running monthly gift is cancelled, the customer deleted): if it does not answer,
nothing is erased and the caller shows why.

Erasing twice is harmless: the second finds nothing more to delete and returns the first record.
"""

import dataclasses
import datetime
import functools
import hashlib
import hmac
import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.models import ModelLogEntry

from campagnes.choices import ConsentSource, GiftStatus, PlanStatus, ReceiptPreference
from campagnes.consents import records as consents
from campagnes.donations import payments
from campagnes.models import (
    Consent,
    Donor,
    Erasure,
    Gift,
    LegalHold,
    LoginToken,
    Plan,
    Receipt,
    Shareholder,
    ShareLimitLock,
    Subscription,
    SubscriptionDocument,
    WaitingListEntry,
)
from campagnes.models.identity import IDENTITY_NAMES
from campagnes.models.privacy import ErasureRequester, HoldKind, StripeOutcome
from campagnes.models.shares import SubscriptionStatus
from campagnes.stripe import client as stripe_client
from home.emails import canonical_email
from home.storage import private_storage

logger = logging.getLogger(__name__)

# Why each kind of record outlives an erasure: the one place these reasons are written. GDPR
# article 17(3)(b) lets a controller keep what a legal obligation requires, for that long only.
REASONS = {
    HoldKind.RECEIPT: _(
        "Tax receipt: the association must keep the receipts it issued and their copies for six "
        "years from their issue, so the tax authority can check them (Livre des procédures "
        "fiscales, art. L102 E)."
    ),
    HoldKind.GIFT: _(
        "Accounting record: a gift that moved money stays in the accounts for ten years from "
        "the end of its financial year (Code de commerce, art. L123-22); the donor's name is "
        "removed from it."
    ),
    HoldKind.SHAREHOLDER: _(
        "Share register: the register of share movements is kept for the life of the company "
        "and names each holder (Code de commerce, art. R228-8); the email is removed."
    ),
    HoldKind.SUBSCRIPTION: _(
        "Signed bulletin: the bulletin, its electronic signature evidence and the identity it "
        "was signed with prove the subscription for five years after the relationship ends "
        "(Code civil, art. 2224). While the shares are held, the relationship has not ended."
    ),
}
RECEIPT_YEARS = 6
ACCOUNTING_YEARS = 10
SIGNATURE_YEARS = 5

# Subscriptions whose money is on its way or not yet turned into shares: staff settle them first.
UNSETTLED = (
    SubscriptionStatus.RESERVED,
    SubscriptionStatus.PROCESSING,
    SubscriptionStatus.PAID,
    SubscriptionStatus.APPROVED,
)
# Gifts that moved money: accounting records.
MONEY_MOVED = (GiftStatus.PAID, GiftStatus.REFUNDED, GiftStatus.DISPUTED)
# Gifts that never will: deleted. A pending or processing one may still be paid, so it stays,
# anonymised.
NO_MONEY = (GiftStatus.EXPIRED, GiftStatus.FAILED)


def moved_money(gift: Gift) -> bool:
    return gift.status in MONEY_MOVED or bool(gift.paid_at or gift.receipt_id)


class ErasureRefused(Exception):
    """Nothing was erased; the message says why, in the user's language."""


def person_ref(email: str | None = None, donor: Donor | None = None) -> str:
    """A keyed hash of the person: the same for every spelling of one mailbox, never readable."""
    subject = canonical_email(email) if email else f"donor:{donor.pk}"
    return hmac.new(settings.SECRET_KEY.encode(), subject.encode(), hashlib.sha256).hexdigest()


def placeholder_email(ref: str) -> str:
    """What replaces an email that a kept record needs a value for: no mailbox (RFC 2606)."""
    return f"erased-{ref[:16]}@erased.invalid"


def years_after(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def end_of_financial_year(moment) -> datetime.date:
    # The association's financial year is the calendar year.
    return datetime.date(timezone.localtime(moment).year, 12, 31)


@dataclasses.dataclass
class Hold:
    kind: str
    record: object
    label: str
    until: datetime.date | None

    @property
    def reason(self) -> str:
        return str(REASONS[self.kind])

    def get_kind_display(self) -> str:
        return HoldKind(self.kind).label


def summary(holds) -> list:
    """The holds as the person reads them: their gifts in one line (a monthly donor has many),
    kept until the latest date of them; `holds` are Hold or LegalHold objects."""
    gifts = [hold for hold in holds if hold.kind == HoldKind.GIFT]
    shown = [hold for hold in holds if hold.kind != HoldKind.GIFT]
    if gifts:
        label = ngettext("%(count)s gift", "%(count)s gifts", len(gifts)) % {"count": len(gifts)}
        until = max(hold.until for hold in gifts)
        shown.append(Hold(HoldKind.GIFT, None, label, until))
    return shown


@dataclasses.dataclass
class Person:
    """Everything held about one person, read before anything changes."""

    donor: Donor | None
    email: str
    running_plans: list[Plan]
    gifts: list[Gift]
    plans: list[Plan]
    receipts: list[Receipt]
    subscriptions: list[Subscription]
    shareholders: list[Shareholder]

    @property
    def ref(self) -> str:
        return person_ref(self.email, self.donor)

    def refusal(self) -> str | None:
        """Why the erasure cannot be done now, or None."""
        if any(sub.status in UNSETTLED for sub in self.subscriptions):
            return str(
                _(
                    "A share subscription of this person is awaiting payment or the issue of "
                    "its shares: settle or refund it first, then erase."
                )
            )
        return None

    def holds(self) -> list[Hold]:
        holds = [
            Hold(
                HoldKind.RECEIPT,
                receipt,
                receipt.number,
                years_after(receipt.issued_on, RECEIPT_YEARS),
            )
            for receipt in self.receipts
        ]
        holds += [
            Hold(
                HoldKind.GIFT,
                gift,
                str(gift.public_id)[:8],
                years_after(
                    end_of_financial_year(gift.paid_at or gift.created_at), ACCOUNTING_YEARS
                ),
            )
            for gift in self.gifts
            if moved_money(gift)
        ]
        holds += [
            Hold(HoldKind.SHAREHOLDER, holder, f"{holder.number:05d}", None)
            for holder in self.shareholders
        ]
        for sub in self.subscriptions:
            if sub.status == SubscriptionStatus.ISSUED:
                holds.append(Hold(HoldKind.SUBSCRIPTION, sub, sub.reference or "", None))
            elif sub.paid_at and sub.status != SubscriptionStatus.DRAFT:
                ended = timezone.localdate(sub.ended_at or timezone.now())
                until = years_after(ended, SIGNATURE_YEARS)
                holds.append(Hold(HoldKind.SUBSCRIPTION, sub, sub.reference or "", until))
        return holds

    def is_empty(self) -> bool:
        return not (self.donor or self.subscriptions or self.shareholders)


def find(*, donor: Donor | None = None, email: str = "") -> Person:
    email = (email or (donor.email if donor else "") or "").strip()
    if donor is None and email:
        donor = Donor.objects.filter(email__iexact=email).first()
    donor_plans = list(donor.plans.all()) if donor else []
    subscriptions = []
    shareholders = []
    if email:
        key = canonical_email(email)
        subscriptions = list(
            Subscription.objects.filter(Q(email__iexact=email) | Q(email_key=key)).order_by("pk")
        )
        shareholders = list(
            Shareholder.objects.filter(
                Q(email__iexact=email)
                | Q(pk__in=[sub.shareholder_id for sub in subscriptions if sub.shareholder_id])
            )
        )
    return Person(
        donor=donor,
        email=email,
        running_plans=[plan for plan in donor_plans if plan.is_running],
        gifts=list(donor.gifts.order_by("pk")) if donor else [],
        plans=donor_plans,
        receipts=list(donor.receipts.order_by("pk")) if donor else [],
        subscriptions=subscriptions,
        shareholders=shareholders,
    )


def cancel_at_stripe(subscription_id: str) -> dict:
    """The cancelled subscription; one Stripe already ended (its customer deleted from the
    dashboard) counts as cancelled."""
    try:
        return stripe_client.cancel_plan(subscription_id)
    except stripe_client.StripeError:
        subscription = stripe_client.retrieve_subscription(subscription_id)
        if subscription.get("status") != "canceled":
            raise
        return subscription


def stop_at_stripe(person: Person) -> str:
    """Cancels the running monthly gifts, then deletes the customer; raises ErasureRefused when
    Stripe does not answer (a cancelled plan stays cancelled here too)."""
    try:
        for plan in person.running_plans:
            if plan.stripe_subscription_id:
                subscription = cancel_at_stripe(plan.stripe_subscription_id)
                with transaction.atomic():
                    payments.subscription_changed(
                        subscription,
                        {"type": "customer.subscription.deleted", "created": plan.stripe_status_at},
                    )
        customer_id = person.donor.stripe_customer_id if person.donor else ""
        if not customer_id:
            return StripeOutcome.NONE
        if stripe_client.delete_customer(customer_id):
            return StripeOutcome.DELETED
        return StripeOutcome.ALREADY
    except stripe_client.StripeError as error:
        logger.warning("Erasure refused: Stripe failed (%s)", type(error).__name__)
        raise ErasureRefused(
            _(
                "The payment service did not answer, so the monthly gift could not be stopped "
                "or the payment details deleted there: nothing was erased. Try again in a few "
                "minutes."
            )
        ) from error


def erase(
    *,
    donor: Donor | None = None,
    email: str = "",
    requested_by: str = ErasureRequester.STAFF,
    user=None,
) -> Erasure:
    """Erases the person; returns the erasure record (the earlier one when nothing was left)."""
    person = find(donor=donor, email=email)
    ref = person.ref
    refusal = person.refusal()
    if refusal:
        logger.info("Erasure refused: unsettled share subscription")
        raise ErasureRefused(refusal)
    if person.is_empty():
        earlier = Erasure.objects.filter(person_ref=ref).first()
        if earlier is not None:
            return earlier
    outcome = stop_at_stripe(person)
    files: list[str] = []
    with transaction.atomic():
        # Read again inside the transaction: the plans' cancellation changed their status.
        person = find(donor=person.donor, email=person.email)
        if person.donor is not None and person.donor.erasures.exists() and not _left(person):
            return person.donor.erasures.first()
        erasure = Erasure.objects.create(
            requested_by=requested_by, user=user, person_ref=ref, stripe_outcome=outcome
        )
        counts: dict[str, int] = {}
        holds = person.holds()
        for hold in holds:
            LegalHold.objects.get_or_create(
                kind=hold.kind,
                object_id=hold.record.pk,
                defaults={
                    "erasure": erasure,
                    "label": hold.label,
                    "reason": hold.reason,
                    "until": hold.until,
                },
            )
        counts["held"] = len(holds)
        held_subscriptions = {h.record.pk for h in holds if h.kind == HoldKind.SUBSCRIPTION}
        files += _erase_investor(person, ref, held_subscriptions, counts)
        counts["consents"] = _erase_consents(person, ref)
        counts["sign_in_links"] = _erase_tokens(person)
        if person.donor is not None:
            kept = _erase_donor(person, counts)
            erasure.donor = kept
        erasure.counts = counts
        erasure.save(update_fields=["counts", "donor"])
        transaction.on_commit(functools.partial(delete_files, files))
    logger.info("Erasure %s done by %s", erasure.pk, requested_by)
    return erasure


def _left(person: Person) -> bool:
    """Anything an earlier erasure of this donor did not already remove."""
    donor = person.donor
    return bool(
        donor.email
        or donor.last_name
        or donor.login_tokens.exists()
        or any(gift.last_name or gift.company_name for gift in person.gifts if not gift.receipt_id)
        or person.subscriptions
    )


def delete_files(names: list[str]) -> None:
    storage = private_storage()
    for name in names:
        storage.delete(name)


def _erase_investor(person: Person, ref: str, held: set[int], counts: dict) -> list[str]:
    files: list[str] = []
    documents = SubscriptionDocument.objects.filter(
        subscription__in=[sub.pk for sub in person.subscriptions]
    )
    files += [name for name in documents.values_list("file", flat=True) if name]
    counts["documents"] = documents.count()
    documents.delete()
    deleted = 0
    for sub in person.subscriptions:
        keys = [f"email:{sub.email_key}", f"investor:{sub.identity_key}"]
        ShareLimitLock.objects.filter(key__in=keys).delete()
        if sub.pk in held:
            # The signed bulletin and what it was signed with stay; contact details go.
            sub.email = placeholder_email(ref)
            sub.phone = ""
            sub.save(update_fields=["email", "phone"])
            continue
        files += [name for name in (sub.bulletin.name, sub.certificate.name) if name]
        _forget_logs(sub)
        sub.delete()
        deleted += 1
    counts["subscriptions"] = deleted
    for holder in person.shareholders:
        Shareholder.objects.filter(pk=holder.pk).update(
            email=placeholder_email(ref), key=f"erased:{ref[:40]}:{holder.pk}"
        )
    if person.email:
        waiting = WaitingListEntry.objects.filter(email__iexact=person.email)
        counts["waiting_list"] = waiting.count()
        waiting.delete()
    return files


def _erase_consents(person: Person, ref: str) -> int:
    emails = {
        email.lower() for email in (person.email, getattr(person.donor, "email", "")) if email
    }
    condition = Q(email__in=emails)
    if person.donor is not None:
        condition |= Q(donor=person.donor)
    found = Consent.objects.filter(condition)
    for email in emails:
        consents.withdraw_all(email, via=ConsentSource.ERASURE)
    count = found.count()
    found.update(email=placeholder_email(ref), donor=None)
    return count


def _erase_tokens(person: Person) -> int:
    condition = Q(email__iexact=person.email) if person.email else Q(pk__in=[])
    if person.donor is not None:
        condition |= Q(donor=person.donor)
    return LoginToken.objects.filter(condition).delete()[0]


def _erase_donor(person: Person, counts: dict) -> Donor | None:
    """Deletes the donor record, or anonymises it when kept gifts and receipts point to it."""
    donor = person.donor
    blank = dict.fromkeys(IDENTITY_NAMES, "")
    blank["country"] = "FR"
    gifts_deleted = gifts_anonymised = 0
    for gift in person.gifts:
        linked = gift.corrects_id or hasattr(gift, "corrected_by")
        if gift.status in NO_MONEY and not moved_money(gift) and not linked:
            gift.delete()
            gifts_deleted += 1
            continue
        # A receipted gift keeps the identity its receipt printed (a correction re-issues from
        # it); the receipt itself is held. The others lose it, and no receipt is issued later.
        fields = {"note": "", "receipt_preference": ReceiptPreference.ANNUAL}
        if not gift.receipt_id:
            fields.update(blank)
        Gift.objects.filter(pk=gift.pk).update(**fields)
        gifts_anonymised += 1
    plans_deleted = 0
    for plan in person.plans:
        if not plan.instalments.exists():
            plan.delete()
            plans_deleted += 1
        else:
            status = PlanStatus.CANCELLED if plan.is_running else plan.status
            Plan.objects.filter(pk=plan.pk).update(status=status, **blank)
    counts.update(
        gifts_deleted=gifts_deleted,
        gifts_anonymised=gifts_anonymised,
        plans_deleted=plans_deleted,
        receipts_held=len(person.receipts),
    )
    _forget_logs(donor)
    if not (donor.gifts.exists() or donor.receipts.exists() or donor.plans.exists()):
        donor.delete()
        counts["donor"] = "deleted"
        return None
    Donor.objects.filter(pk=donor.pk).update(
        email=None,
        civility="",
        first_name="",
        last_name="",
        company_name="",
        siren="",
        legal_form="",
        address="",
        postcode="",
        city="",
        newsletter=False,
        receipt_by_email=False,
        receipt_preference=ReceiptPreference.ANNUAL,
        stripe_customer_id="",
    )
    counts["donor"] = "anonymised"
    return donor


def _forget_logs(record) -> None:
    """Wagtail's history names the record (its label) and may hold changed values."""
    content_type = ContentType.objects.get_for_model(record)
    ModelLogEntry.objects.filter(content_type=content_type, object_id=str(record.pk)).update(
        label=str(_("Erased person")), data={}
    )
