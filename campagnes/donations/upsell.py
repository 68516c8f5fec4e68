"""The thank-you page's offer to give monthly, after a confirmed one-off gift.

Only the gift's own browser sees it, once per session: declining or accepting closes it for
the rest of the session. The server decides every amount: one of the monthly presets of the
page the gift came from, or a free amount within DonationSettings' bounds.

Accepting makes a Plan whose `public_id` is derived from the gift, so that a gift becomes at
most one monthly gift however often (or however simultaneously) the offer is posted. The card
is reused only when the donor ticked "keep my card" on the donation form: that consent is
recorded (`ConsentKind.KEEP_PAYMENT_METHOD`) and only then does Checkout ask Stripe to keep the
card (`setup_future_usage=off_session`). The subscription is then created server-side with
that card, under an idempotency key derived from the gift. Otherwise, or when the card is
declined or asks for authentication, the offer leads to a monthly Checkout page, prefilled.
"""

import logging
import uuid
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail.models import Locale

from campagnes.choices import (
    ConsentKind,
    ConsentSource,
    Frequency,
    PaymentMethod,
    ReceiptPreference,
)
from campagnes.consents import records as consents
from campagnes.donations import checkout, payments
from campagnes.donations.tasks import send_plan_confirmation
from campagnes.models import DonatePage, DonationSettings, Gift, Plan
from campagnes.models.donations import GiftStatus
from campagnes.money import TaxRules, format_amount, parse_amount
from campagnes.stripe import client as stripe_client

logger = logging.getLogger(__name__)

# Set in the session once the donor declined or accepted: the offer is never shown again there.
CLOSED = "upsell_closed"
OTHER = "other"
# Plans born of an offer: their public_id is this namespace's uuid5 of the gift's public_id.
NAMESPACE = uuid.UUID("6f1d8f8a-3c1e-4b8e-9a55-2f0e6c7d1a90")
# When the gift's page offers no monthly presets.
FALLBACK_MONTHLY_CENTS = (1000, 2000, 3000)


class UpsellRefused(Exception):
    """A message for the donor: nothing was created."""


@dataclass
class Offer:
    gift: Gift
    amounts: list[tuple[int, int]]  # (monthly cents, cost after the tax reduction)
    chosen: str  # the amount radio checked: a preset's cents or OTHER
    other_amount: str
    receipt_preference: str
    minimum_cents: int
    maximum_cents: int
    one_click: bool  # the card kept with Stripe pays; else a Checkout page opens
    error: str = ""
    receipt_choices: list = field(default_factory=lambda: ReceiptPreference.choices)


def derived_plan_id(gift: Gift):
    return uuid.uuid5(NAMESPACE, str(gift.public_id))


def is_closed(request) -> bool:
    return bool(request.session.get(CLOSED))


def close(request) -> None:
    request.session[CLOSED] = True


def eligible(record) -> bool:
    """A one-off online gift, paid, not already turned into a monthly gift."""
    return (
        isinstance(record, Gift)
        and record.frequency == Frequency.ONCE
        and record.status == GiftStatus.PAID
        and not record.is_offline
        and record.plan_id is None
        and bool(record.donor.email)
        and not Plan.objects.filter(public_id=derived_plan_id(record)).exists()
    )


def monthly_presets(gift: Gift) -> tuple[list[int], int]:
    """The monthly presets of the page the gift came from (its campaign, else the donate page
    of the language shown) and the default one; fixed amounts when the page has none."""
    page = gift.campaign or DonatePage.objects.live().filter(locale=Locale.get_active()).first()
    suggestions = [s for s in page.suggestions if s.frequency == Frequency.MONTHLY] if page else []
    if not suggestions:
        return list(FALLBACK_MONTHLY_CENTS), FALLBACK_MONTHLY_CENTS[0]
    default = next((s.amount_cents for s in suggestions if s.is_default), None)
    return [s.amount_cents for s in suggestions], default or suggestions[0].amount_cents


def offer_for(request, record, posted=None, error: str = "") -> Offer | None:
    """The offer the thank-you page shows, or None; `posted` refills a refused one."""
    if not stripe_client.is_configured() or is_closed(request) or not eligible(record):
        return None
    settings = DonationSettings.for_request(request)
    rules = TaxRules.from_settings(settings)
    presets, default = monthly_presets(record)
    company = bool(record.company_name)
    posted = posted or {}
    return Offer(
        gift=record,
        amounts=[(cents, rules.cost(cents, monthly=True, company=company)) for cents in presets],
        chosen=str(posted.get("amount") or default),
        other_amount=str(posted.get("other_amount", ""))[:20],
        receipt_preference=posted.get("receipt_preference") or ReceiptPreference.ANNUAL,
        minimum_cents=settings.minimum_amount_cents,
        maximum_cents=settings.maximum_amount_cents,
        # The box speaks of a card: a debit's mandate is not reused, Checkout asks instead.
        one_click=record.method == PaymentMethod.CARD
        and consents.standing(record.donor.email, ConsentKind.KEEP_PAYMENT_METHOD) is not None,
        error=error,
    )


def chosen_amount(offer: Offer, posted) -> int:
    """The monthly cents asked for, if the server offered them; else UpsellRefused."""
    choice = posted.get("amount", "")
    presets = {str(cents): cents for cents, _cost in offer.amounts}
    if choice in presets:
        return presets[choice]
    if choice != OTHER:
        raise UpsellRefused(_("Choose one of the amounts shown, or type one."))
    cents = parse_amount(posted.get("other_amount", ""))
    if cents is None:
        raise UpsellRefused(_("Type an amount in euros, for example 25 or 25,50."))
    if not offer.minimum_cents <= cents <= offer.maximum_cents:
        raise UpsellRefused(
            _("Online gifts go from %(low)s to %(high)s.")
            % {
                "low": format_amount(offer.minimum_cents),
                "high": format_amount(offer.maximum_cents),
            }
        )
    return cents


def accept(request, gift) -> str:
    """Makes the monthly gift the donor chose; returns where to send them next."""
    existing = Plan.objects.filter(public_id=derived_plan_id(gift)).first()
    if existing is not None:
        return already_made(request, existing)
    offer = offer_for(request, gift)
    if offer is None:
        raise UpsellRefused(_("This offer is no longer open: nothing was created."))
    cents = chosen_amount(offer, request.POST)
    preference = request.POST.get("receipt_preference", ReceiptPreference.ANNUAL)
    if preference not in ReceiptPreference.values:
        raise UpsellRefused(_("Choose how you would like your tax receipts."))

    plan = Plan(
        public_id=derived_plan_id(gift),
        donor=gift.donor,
        amount_cents=cents,
        currency=gift.currency,
        **{name: getattr(gift, name) for name in Plan.FIELDS},
    )
    plan.take_identity(gift.identity(), preference)
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError:
        # The same offer posted at the same moment: the other request makes the plan.
        return already_made(request, Plan.objects.get(public_id=derived_plan_id(gift)))
    saved = saved_card(gift) if offer.one_click else None
    try:
        url = None
        if saved is not None:
            try:
                url = subscribe(gift, plan, saved)
            except stripe_client.CardError:
                # Declined, or the bank wants the donor there to authenticate: Checkout asks.
                logger.info("Gift %s: the kept card was declined, falling back", gift.pk)
        url = url or open_checkout(request, gift, plan)
    except stripe_client.StripeError as error:
        plan.delete()
        raise UpsellRefused(
            _("The payment service did not answer. Nothing was charged; please try again.")
        ) from error
    checkout.remember(request, plan)
    close(request)
    return url


def already_made(request, plan: Plan) -> str:
    """A second sending of the offer that made this plan goes to the plan's own page; anyone
    else (another session of the same gift's browser, its offer closed) is refused."""
    if str(plan.public_id) not in request.session.get("donations", []):
        raise UpsellRefused(_("This gift is already a monthly gift: nothing more was created."))
    return reverse("campagnes:thanks", args=[plan.public_id])


def saved_card(gift: Gift) -> tuple[str, str] | None:
    """(customer, payment method) that Stripe kept from this gift, else None."""
    if not gift.stripe_payment_intent_id:
        return None
    try:
        return stripe_client.reusable_payment_method(gift.stripe_payment_intent_id)
    except stripe_client.StripeError:
        return None


def subscribe(gift: Gift, plan: Plan, saved: tuple[str, str]) -> str:
    customer_id, method_id = saved
    subscription = stripe_client.create_monthly_subscription(
        customer_id,
        method_id,
        plan.amount_cents,
        plan.currency,
        checkout.product_name(plan, gift.campaign and gift.campaign.localized),
        {"plan_id": str(plan.pk), "upsell_of_gift": str(gift.pk)},
        idempotency_key=f"upsell-{gift.public_id}",
    )
    # Applied as its webhook would be (idempotently), so that the next page shows it running.
    with transaction.atomic():
        event = {"type": "customer.subscription.created", "created": subscription["created"]}
        payments.subscription_changed(subscription, event)
        transaction.on_commit(lambda: send_plan_confirmation.enqueue(plan.pk))
    return reverse("campagnes:thanks", args=[plan.public_id])


def open_checkout(request, gift: Gift, plan: Plan) -> str:
    """A monthly Checkout page for the plan, the donor's email already filled in."""
    page = gift.campaign and gift.campaign.localized
    params = checkout.checkout_params(request, page, plan)
    session = stripe_client.create_checkout_session(
        params, idempotency_key=checkout.session_key(plan)
    )
    Plan.objects.filter(pk=plan.pk).update(stripe_checkout_session_id=session.id)
    return session.url


def decline(request, gift) -> None:
    """No, thanks: the offer closes, and a card kept only for it is given back (detached at
    Stripe, the consent withdrawn): its purpose is over."""
    close(request)
    if not isinstance(gift, Gift) or not gift.donor.email:
        return
    if consents.standing(gift.donor.email, ConsentKind.KEEP_PAYMENT_METHOD) is None:
        return
    saved = saved_card(gift)
    if saved is None:
        return
    try:
        stripe_client.detach_payment_method(saved[1])
    except stripe_client.StripeError:
        logger.warning("Gift %s: the kept card could not be detached", gift.pk)
        return
    consents.withdraw(
        gift.donor.email,
        ConsentKind.KEEP_PAYMENT_METHOD,
        ConsentSource.DONATION_FORM,
        donor=gift.donor,
    )
