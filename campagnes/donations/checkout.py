"""From a valid donation form to a Stripe Checkout Session.

The gift (or monthly plan) is recorded before Stripe is called, so nothing is lost if the donor
never comes back; Checkout only ever sees internal ids in its metadata. The same form sent twice
leads to the same gift and the same Checkout Session (`campagnes.donations.intents`).
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from campagnes.choices import ConsentKind, ConsentSource, Frequency
from campagnes.consents import records as consents
from campagnes.donations import intents
from campagnes.models import Donor, Gift, Plan
from campagnes.models.donations import UTM_FIELDS, GiftStatus, PlanStatus
from campagnes.models.identity import IDENTITY_NAMES, Identity
from campagnes.models.pages import CampaignPage
from campagnes.stripe import client as stripe_client
from home import ratelimit
from home.client import client_address
from home.emails import canonical_email
from home.locales import source_page
from lieux.models import LieuPage


class CheckoutRefused(Exception):
    """A message for the donor: nothing was recorded."""


def throttle(request, email: str) -> None:
    """Refuses bursts of checkouts from one address or for one email (card testing)."""
    address = client_address(request)
    limits = [
        (f"checkout:ip:{address}", settings.CHECKOUT_LIMIT_PER_IP),
        # `+tag` and Gmail's dots reach the same mailbox: one limit for all its spellings.
        (f"checkout:email:{canonical_email(email)}", settings.CHECKOUT_LIMIT_PER_EMAIL),
    ]
    if ratelimit.over_limit(limits, settings.CHECKOUT_LIMIT_WINDOW):
        raise CheckoutRefused(
            _("Too many attempts in a short time. Please wait a few minutes and try again.")
        )


# The form's consent boxes and what each records when ticked.
CONSENT_BOXES = {
    "receipt_by_email": ConsentKind.RECEIPTS_BY_EMAIL,
    "newsletter": ConsentKind.NEWSLETTER,
}


def record_donor(data: dict) -> tuple[Donor, Identity]:
    """The donor of the email typed, and the identity the gift is given under.

    Typing an email proves nothing: a known donor's record is left as it is (its owner changes
    it from the donor space), and the identity typed goes with the gift alone.
    """
    identity = Identity(**{name: data.get(name, "") for name in IDENTITY_NAMES if name in data})
    standing = consents.current(data["email"])
    fields = {
        **{name: getattr(identity, name) for name in Donor.IDENTITY_FIELDS},
        "receipt_preference": data["receipt_preference"],
        "language": translation.get_language() or "fr",
        # A new donor's answers are those standing for the email (given on a bulletin, say);
        # the boxes ticked on this form are given once Checkout is reached (`record_consents`).
        **{
            consents.DONOR_FIELDS[kind]: standing[kind] is not None
            for kind in CONSENT_BOXES.values()
        },
    }
    donor, _created = Donor.objects.get_or_create(email=data["email"], defaults=fields)
    return donor, identity


def record_consents(data: dict, donor: Donor, page) -> None:
    """Records a consent for each box ticked. An unticked box withdraws nothing a donor gave
    before: only the donor space withdraws."""
    for name, kind in CONSENT_BOXES.items():
        if data.get(name):
            consents.give(
                donor.email, kind, ConsentSource.DONATION_FORM, donor=donor, page=page.url or ""
            )


def start_checkout(request, page, data: dict) -> tuple[str, Gift | Plan]:
    """Records the gift or plan and returns the Checkout URL to send the donor to."""
    if not stripe_client.is_configured():
        raise CheckoutRefused(_("Online payment is not configured yet: nothing was charged."))
    public_id = intents.record_id(data.get("intent", ""), data)
    earlier = sent_before(public_id)
    if earlier is not None:
        return resume(request, page, earlier), earlier
    throttle(request, data["email"])

    attribution = {
        "campaign": source_page(page) if isinstance(page, CampaignPage) else None,
        "lieu": LieuPage.objects.filter(pk=data.get("lieu")).first() if data.get("lieu") else None,
        "landing_page": data["landing_page"] or request.path,
        **{field: data[field] for field in UTM_FIELDS},
    }
    if public_id is not None:
        attribution["public_id"] = public_id
    try:
        with transaction.atomic():
            donor, identity = record_donor(data)
            model = Plan if data["frequency"] == Frequency.MONTHLY else Gift
            record = model(donor=donor, amount_cents=data["amount_cents"], **attribution)
            record.take_identity(identity, data["receipt_preference"])
            record.save()
    except IntegrityError:
        # The same form, sent at the same moment: on PostgreSQL this insert waited for the
        # other one's transaction and then met its `public_id`.
        earlier = sent_before(public_id)
        if earlier is None:
            raise
        return resume(request, page, earlier), earlier

    keep = bool(data.get("keep_payment_method"))
    params = checkout_params(request, page, record, keep_payment_method=keep)
    try:
        session = stripe_client.create_checkout_session(params, idempotency_key=session_key(record))
    except stripe_client.StripeError as error:
        # The gift never started: leave no trace of it, nor of a donor who has nothing else.
        record.delete()
        if not (donor.gifts.exists() or donor.plans.exists()):
            donor.delete()
        raise CheckoutRefused(
            _("The payment service did not answer. Nothing was charged; please try again.")
        ) from error
    type(record).objects.filter(pk=record.pk).update(stripe_checkout_session_id=session.id)
    # After Stripe answered: a gift refused above leaves no consent behind either.
    record_consents(data, donor, page)
    if keep:
        # Asked for a one-off gift only (the form drops it for a monthly one).
        consents.give(
            donor.email,
            ConsentKind.KEEP_PAYMENT_METHOD,
            ConsentSource.DONATION_FORM,
            donor=donor,
            page=page.url or "",
        )
    remember(request, record)
    return session.url, record


def session_key(record: Gift | Plan) -> str:
    return f"checkout-{type(record).__name__.lower()}-{record.public_id}"


def remember(request, record: Gift | Plan) -> None:
    """The thank-you page shows a gift only to the browser that made it."""
    known = request.session.get("donations", [])
    if str(record.public_id) not in known:
        request.session["donations"] = [*known[-19:], str(record.public_id)]


def sent_before(public_id) -> Gift | Plan | None:
    """The gift or plan this form already recorded, if any."""
    if public_id is None:
        return None
    for model in (Gift, Plan):
        record = model.objects.select_related("donor", "lieu").filter(public_id=public_id).first()
        if record is not None:
            return record
    return None


def resume(request, page, record: Gift | Plan) -> str:
    """Where a form sent again goes: the first sending's Checkout page while it is open, else
    the gift's own page (thanked when paid, cancelled when its Checkout page expired)."""
    remember(request, record)
    thanks = reverse("campagnes:thanks", args=[record.public_id])
    if record.status not in (GiftStatus.PENDING, PlanStatus.INCOMPLETE):
        return thanks
    try:
        if record.stripe_checkout_session_id:
            session = stripe_client.retrieve_checkout_session(record.stripe_checkout_session_id)
        else:
            # The first sending is still with Stripe: the same request under the same key is
            # answered with the same session (Stripe retries it while the first one runs).
            session = stripe_client.create_checkout_session(
                checkout_params(request, page, record), idempotency_key=session_key(record)
            ).to_dict()
    except stripe_client.StripeError as error:
        raise CheckoutRefused(
            _("The payment service did not answer. Nothing was charged; please try again.")
        ) from error
    if session.get("status") == "expired":
        return reverse("campagnes:cancelled", args=[record.public_id])
    if session.get("status") == "complete":
        return thanks
    return session.get("url") or thanks


def checkout_params(request, page, record: Gift | Plan, keep_payment_method: bool = False) -> dict:
    monthly = isinstance(record, Plan)
    kind = "plan" if monthly else "gift"
    thanks = reverse("campagnes:thanks", args=[record.public_id])
    cancelled = reverse("campagnes:cancelled", args=[record.public_id])
    price_data = {
        "currency": record.currency.lower(),
        "unit_amount": record.amount_cents,
        "product_data": {"name": product_name(record, page)},
    }
    if monthly:
        price_data["recurring"] = {"interval": "month"}
    params = {
        "mode": "subscription" if monthly else "payment",
        "line_items": [{"quantity": 1, "price_data": price_data}],
        "payment_method_types": ["card", "sepa_debit"],
        "customer_email": record.donor.email,
        "client_reference_id": f"{kind}-{record.pk}",
        "metadata": {f"{kind}_id": str(record.pk)},
        "success_url": request.build_absolute_uri(thanks),
        "cancel_url": request.build_absolute_uri(cancelled),
        "locale": "en" if translation.get_language() == "en" else "fr",
    }
    if monthly:
        params["subscription_data"] = {"metadata": {"plan_id": str(record.pk)}}
    else:
        params["payment_intent_data"] = {"metadata": {"gift_id": str(record.pk)}}
        if keep_payment_method:
            # Only with the donor's ticked box: Stripe attaches the card to a customer, for
            # the monthly offer of the thank-you page (campagnes.donations.upsell). The card
            # alone: a SEPA debit's mandate is not what the donor agreed to keep.
            params["payment_method_options"] = {"card": {"setup_future_usage": "off_session"}}
    return params


def product_name(record: Gift | Plan, page) -> str:
    if record.campaign_id:
        return _("Gift: %(campaign)s") % {"campaign": page.title}
    if record.lieu_id:
        return _("Gift: %(place)s") % {"place": record.lieu.title}
    return _("Gift to the network")
