"""From a valid donation form to a Stripe Checkout Session.

The gift (or monthly plan) is recorded before Stripe is called, so nothing is lost if the donor
never comes back; Checkout only ever sees internal ids in its metadata.
"""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from campagnes.choices import Frequency
from campagnes.models import Donor, Gift, Plan
from campagnes.models.donations import UTM_FIELDS
from campagnes.models.identity import IDENTITY_NAMES, Identity
from campagnes.models.pages import CampaignPage
from campagnes.stripe import client as stripe_client
from home import ratelimit
from home.client import client_address
from home.locales import source_page
from lieux.models import LieuPage


class CheckoutRefused(Exception):
    """A message for the donor: nothing was recorded."""


def throttle(request, email: str) -> None:
    """Refuses bursts of checkouts from one address or for one email (card testing)."""
    address = client_address(request)
    limits = [
        (f"checkout:ip:{address}", settings.CHECKOUT_LIMIT_PER_IP),
        (f"checkout:email:{email}", settings.CHECKOUT_LIMIT_PER_EMAIL),
    ]
    if ratelimit.over_limit(limits, settings.CHECKOUT_LIMIT_WINDOW):
        raise CheckoutRefused(
            _("Too many attempts in a short time. Please wait a few minutes and try again.")
        )


def record_donor(data: dict) -> tuple[Donor, Identity]:
    """The donor of the email typed, and the identity the gift is given under.

    Typing an email proves nothing: a known donor's record is left as it is (its owner changes
    it from the donor space), and the identity typed goes with the gift alone.
    """
    identity = Identity(**{name: data.get(name, "") for name in IDENTITY_NAMES if name in data})
    fields = {
        **{name: getattr(identity, name) for name in Donor.IDENTITY_FIELDS},
        "receipt_preference": data["receipt_preference"],
        "receipt_by_email": data["receipt_by_email"],
        "language": translation.get_language() or "fr",
        "newsletter": data["newsletter"],
    }
    donor, created = Donor.objects.get_or_create(email=data["email"], defaults=fields)
    if not created and data["newsletter"] and not donor.newsletter:
        # Consent is only ever given here, never withdrawn by omission.
        Donor.objects.filter(pk=donor.pk).update(newsletter=True)
    return donor, identity


def start_checkout(request, page, data: dict) -> tuple[str, Gift | Plan]:
    """Records the gift or plan and returns the Checkout URL to send the donor to."""
    if not stripe_client.is_configured():
        raise CheckoutRefused(_("Online payment is not configured yet: nothing was charged."))
    throttle(request, data["email"])

    attribution = {
        "campaign": source_page(page) if isinstance(page, CampaignPage) else None,
        "lieu": LieuPage.objects.filter(pk=data.get("lieu")).first() if data.get("lieu") else None,
        "landing_page": data["landing_page"] or request.path,
        **{field: data[field] for field in UTM_FIELDS},
    }
    with transaction.atomic():
        donor, identity = record_donor(data)
        model = Plan if data["frequency"] == Frequency.MONTHLY else Gift
        record = model(donor=donor, amount_cents=data["amount_cents"], **attribution)
        record.take_identity(identity, data["receipt_preference"])
        record.save()

    params = checkout_params(request, page, record)
    try:
        session = stripe_client.create_checkout_session(
            params, idempotency_key=f"checkout-{type(record).__name__.lower()}-{record.public_id}"
        )
    except stripe_client.StripeError as error:
        # The gift never started: leave no trace of it, nor of a donor who has nothing else.
        record.delete()
        if not (donor.gifts.exists() or donor.plans.exists()):
            donor.delete()
        raise CheckoutRefused(
            _("The payment service did not answer. Nothing was charged; please try again.")
        ) from error
    type(record).objects.filter(pk=record.pk).update(stripe_checkout_session_id=session.id)
    # The thank-you page shows a gift only to the browser that made it.
    request.session.setdefault("donations", [])
    request.session["donations"] = [*request.session["donations"][-19:], str(record.public_id)]
    return session.url, record


def checkout_params(request, page, record: Gift | Plan) -> dict:
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
    return params


def product_name(record: Gift | Plan, page) -> str:
    if record.campaign_id:
        return _("Gift: %(campaign)s") % {"campaign": page.title}
    if record.lieu_id:
        return _("Gift: %(place)s") % {"place": record.lieu.title}
    return _("Gift to the network")
