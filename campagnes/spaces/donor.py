"""The donor space: signed in by a one-time emailed link, the donor sees their gifts and receipts
and manages their monthly gift.

No password: a link valid 15 minutes, once. Only the token's SHA-256 is stored, and only a POST
uses it, since mail scanners open the links they find. The session then holds the donor's id.
"""

import datetime
import hashlib
import re
import secrets
import uuid
from functools import wraps

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from campagnes.donations import payments
from campagnes.models import DonationSettings, Donor, LoginToken, Plan, Receipt
from campagnes.models.donations import GiftStatus, PlanStatus
from campagnes.money import TaxRules, format_amount, parse_amount
from campagnes.receipts import issue as receipts
from campagnes.stripe import client as stripe_client
from campagnes.tasks import send_login_link
from home import ratelimit

SESSION_KEY = "donor_id"
# The email whose share subscriptions the investor space shows.
INVESTOR_KEY = "investor_email"
LINK_VALIDITY = datetime.timedelta(minutes=15)  # as the email and the pages say
# A signed-in donor space lasts this long (seconds): it shows an address and tax receipts.
SESSION_AGE = 2 * 60 * 60
# Link requests per address and per email in the window (seconds): a mailbox is not a target.
LINK_LIMIT_PER_IP = 10
LINK_LIMIT_PER_EMAIL = 3
LINK_LIMIT_WINDOW = 15 * 60

# Checkouts that never went through are not the donor's gifts.
SHOWN_GIFTS = (
    GiftStatus.PROCESSING,
    GiftStatus.FAILED,
    GiftStatus.PAID,
    GiftStatus.REFUNDED,
    GiftStatus.DISPUTED,
)
SHOWN_PLANS = (PlanStatus.ACTIVE, PlanStatus.PAST_DUE, PlanStatus.PAUSED, PlanStatus.CANCELLED)
RUNNING = (PlanStatus.ACTIVE, PlanStatus.PAST_DUE, PlanStatus.PAUSED)
# What the donor may do to a plan, by its status.
ACTIONS = {
    "amount": RUNNING,
    "pause": (PlanStatus.ACTIVE,),
    "resume": (PlanStatus.PAUSED,),
    "cancel": RUNNING,
}
CHECKOUT_SESSION_ID = re.compile(r"cs_\w{1,200}")
UTM_NAMES = ("source", "medium", "campaign", "content", "term")


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# Forms -----------------------------------------------------------------------------------------


class LinkRequestForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Your email address"),
        help_text=gettext_lazy("The one you gave with your gift."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class AmountForm(forms.Form):
    amount = forms.CharField(
        label=gettext_lazy("New monthly amount (€)"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )

    def __init__(self, *args, plan: Plan, settings: DonationSettings, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.bounds = (settings.minimum_amount_cents, settings.maximum_amount_cents)

    def clean_amount(self) -> int:
        cents = parse_amount(self.cleaned_data["amount"])
        if cents is None:
            raise forms.ValidationError(_("Enter an amount in euros, for example 25 or 12,50."))
        low, high = self.bounds
        if not low <= cents <= high:
            raise forms.ValidationError(
                _("Monthly gifts go from %(min)s to %(max)s.")
                % {"min": format_amount(low), "max": format_amount(high)}
            )
        if cents == self.plan.amount_cents:
            raise forms.ValidationError(_("This is already your monthly amount."))
        return cents


class ConfirmForm(forms.Form):
    """The confirmation step. Its key, drawn when the step is shown, makes the change idempotent:
    a double click sends the same change to Stripe once."""

    key = forms.UUIDField(widget=forms.HiddenInput)


# Access ----------------------------------------------------------------------------------------


def donor_page(view):
    """Donor pages hold personal data: never cached, never indexed."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return never_cache(wrapper)


def signed_in(view):
    """Passes the signed-in donor to the view; others are sent to the sign-in form."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        donor_id = request.session.get(SESSION_KEY)
        donor = Donor.objects.filter(pk=donor_id).first() if donor_id else None
        if donor is None:
            request.session.pop(SESSION_KEY, None)
            return redirect("campagnes:donor_login")
        return view(request, donor, *args, **kwargs)

    return donor_page(wrapper)


def throttled(request, email: str) -> bool:
    """Counts a link request per address and per email; True past either limit."""
    address = request.META.get("REMOTE_ADDR", "")
    limits = [
        (f"donor-link:ip:{address}", LINK_LIMIT_PER_IP),
        (f"donor-link:email:{email}", LINK_LIMIT_PER_EMAIL),
    ]
    return ratelimit.over_limit(limits, LINK_LIMIT_WINDOW)


SPACES = {"donor": "campagnes:donor_space", "investor": "campagnes:investor_space"}


@donor_page
def login(request, space: str = "donor"):
    """One sign-in for donors and investors: the link signs in the email it was sent to."""
    session_key = SESSION_KEY if space == "donor" else INVESTOR_KEY
    if request.method == "GET" and request.session.get(session_key):
        return redirect(SPACES[space])
    form = LinkRequestForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        email = form.cleaned_data["email"]
        if throttled(request, email):
            form.add_error(
                None,
                _("Too many attempts in a short time. Please wait a few minutes and try again."),
            )
        else:
            send_link(email, space)
            # The same answer for every address: whether someone gave is theirs to tell.
            return render(
                request, "campagnes/donor/link_sent.html", {"email": email, "space": space}
            )
    return render(request, f"campagnes/{space}/login.html", {"form": form, "space": space})


def is_investor(email: str) -> bool:
    from campagnes.models import Subscription
    from campagnes.models.shares import SubscriptionStatus

    return Subscription.objects.filter(
        email__iexact=email, status__in=SubscriptionStatus.submitted()
    ).exists()


def send_link(email: str, space: str = "donor") -> None:
    donor = Donor.objects.filter(email__iexact=email).first()
    investor = is_investor(email)
    if donor is None and not investor:
        return
    # The link leads where it was asked from, or to the only space the email has.
    if space == "investor" and not investor or space == "donor" and donor is None:
        space = "donor" if donor else "investor"
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    LoginToken.objects.create(
        email=email,
        donor=donor,
        space=space,
        token_hash=digest(token),
        created_at=now,
        expires_at=now + LINK_VALIDITY,
    )
    language = translation.get_language() or (donor.language if donor else "fr")
    send_login_link.enqueue(email, token, language)


@donor_page
@require_http_methods(["GET", "POST"])
def link(request):
    """GET shows a sign-in button; only its POST uses the token.

    The token is in the query string, never the path, so that the logs' filter redacts it.
    """
    token = (request.POST if request.method == "POST" else request.GET).get("token", "")
    login_token = (
        LoginToken.objects.select_related("donor").filter(token_hash=digest(token)).first()
        if token
        else None
    )
    problem = link_problem(login_token)
    if request.method == "POST" and problem is None:
        now = timezone.now()
        # A conditional update: of two simultaneous POSTs, one signs in.
        used = LoginToken.objects.filter(
            pk=login_token.pk, used_at=None, expires_at__gt=now
        ).update(used_at=now)
        if used:
            if login_token.donor_id:
                request.session[SESSION_KEY] = login_token.donor_id
            if is_investor(login_token.email):
                request.session[INVESTOR_KEY] = login_token.email
            # A new session key: one planted in the browser before the sign-in is worth nothing.
            request.session.cycle_key()
            request.session.set_expiry(SESSION_AGE)
            return redirect(SPACES[login_token.space])
        problem = _("This link has already been used. Ask for a new one below.")
    response = render(
        request,
        "campagnes/donor/link.html",
        {"token": token, "problem": problem},
        status=410 if problem else 200,
    )
    # The page's address holds the token: no other site receives it. Not "no-referrer", which
    # makes browsers send `Origin: null` with the sign-in form, and Django refuses that as CSRF.
    response["Referrer-Policy"] = "same-origin"
    return response


def link_problem(login_token: LoginToken | None) -> str | None:
    if login_token is None:
        return _("This link is not valid. Ask for a new one below.")
    if login_token.used_at is not None:
        return _("This link has already been used. Ask for a new one below.")
    if login_token.expires_at <= timezone.now():
        return _("This link has expired: links work for 15 minutes. Ask for a new one below.")
    return None


@donor_page
@require_POST
def logout(request):
    investor = request.POST.get("space") == "investor"
    request.session.flush()
    messages.success(request, _("You are signed out."))
    return redirect("campagnes:investor_login" if investor else "campagnes:donor_login")


# The space -------------------------------------------------------------------------------------


@signed_in
def space(request, donor: Donor):
    gifts = donor.gifts.filter(status__in=SHOWN_GIFTS).select_related("campaign", "lieu", "plan")
    plans = donor.plans.filter(status__in=SHOWN_PLANS).select_related("campaign", "lieu")
    context = {
        "donor": donor,
        "gifts": gifts,
        "plans": plans,
        "receipts": donor.receipts.all(),
        "investor": bool(request.session.get(INVESTOR_KEY)),
    }
    return render(request, "campagnes/donor/space.html", context)


@signed_in
def receipt(request, donor: Donor, number: str):
    found = get_object_or_404(
        Receipt.objects.select_related("replaces"), donor=donor, number=number
    )
    # The original went by email: what the donor downloads again is a copy.
    pdf = receipts.render(found, duplicate=donor.receipt_by_email)
    disposition = content_disposition_header(True, f"recu-fiscal-{found.number}.pdf")
    return HttpResponse(
        pdf, content_type="application/pdf", headers={"Content-Disposition": disposition}
    )


@signed_in
def export(request, donor: Donor):
    """Everything the association holds on the donor (GDPR, article 15), without Stripe ids."""
    source_fields = ("landing_page", *(f"utm_{name}" for name in UTM_NAMES))
    data = {
        "identity": {
            field: getattr(donor, field)
            for field in (
                "email",
                "civility",
                "first_name",
                "last_name",
                "company_name",
                "siren",
                "address",
                "postcode",
                "city",
                "country",
                "language",
                "created_at",
            )
        },
        "consents": {
            "newsletter": donor.newsletter,
            "receipts_by_email": donor.receipt_by_email,
            "receipt_preference": donor.receipt_preference,
        },
        "gifts": [
            {
                "date": gift.paid_at or gift.created_at,
                "amount_cents": gift.amount_cents,
                "refunded_cents": gift.refunded_cents,
                "currency": gift.currency,
                "frequency": gift.frequency,
                "status": gift.status,
                "method": gift.method,
                "campaign": gift.campaign.title if gift.campaign else None,
                "lieu": gift.lieu.title if gift.lieu else None,
                "receipt": gift.receipt.number if gift.receipt else None,
                "source": {field: getattr(gift, field) for field in source_fields},
            }
            for gift in donor.gifts.select_related("campaign", "lieu", "receipt")
        ],
        "monthly_gifts": [
            {
                "created_at": plan.created_at,
                "amount_cents": plan.amount_cents,
                "currency": plan.currency,
                "status": plan.status,
                "cancelled_at": plan.cancelled_at,
                "campaign": plan.campaign.title if plan.campaign else None,
                "lieu": plan.lieu.title if plan.lieu else None,
                "source": {field: getattr(plan, field) for field in source_fields},
            }
            for plan in donor.plans.select_related("campaign", "lieu")
        ],
        "receipts": [
            {
                "number": each.number,
                "issued_on": each.issued_on,
                "amount_cents": each.amount_cents,
                "cancelled_on": each.cancelled_on,
            }
            for each in donor.receipts.all()
        ],
    }
    response = JsonResponse(data, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = content_disposition_header(True, "mes-donnees-dons.json")
    return response


# The monthly gift ------------------------------------------------------------------------------


def own_plan(donor: Donor, public_id) -> Plan:
    return get_object_or_404(
        Plan.objects.select_related("campaign", "lieu"),
        donor=donor,
        public_id=public_id,
        status__in=SHOWN_PLANS,
    )


def can_manage(plan: Plan) -> bool:
    return bool(plan.stripe_subscription_id) and stripe_client.is_configured()


@signed_in
@require_http_methods(["GET", "POST"])
def manage_plan(request, donor: Donor, public_id):
    """The plan and its actions. Each action is posted twice: first to show what it will do,
    then, from that page's one button, to do it."""
    plan = own_plan(donor, public_id)
    settings = DonationSettings.for_request(request)
    action = request.POST.get("action")
    amount_form = AmountForm(
        request.POST if action == "amount" else None, plan=plan, settings=settings
    )
    if request.method == "POST":
        if action not in ACTIONS or plan.status not in ACTIONS[action] or not can_manage(plan):
            messages.error(request, _("This change is not possible for this monthly gift."))
            return redirect("campagnes:donor_plan", public_id=plan.public_id)
        if action != "amount" or amount_form.is_valid():
            cents = amount_form.cleaned_data["amount"] if action == "amount" else None
            confirm = ConfirmForm(request.POST)
            if confirm.is_valid():
                return change(request, plan, action, cents, confirm.cleaned_data["key"])
            context = {"plan": plan, "action": action, "cents": cents, "key": uuid.uuid4()}
            if cents is not None:
                context["amount"] = f"{cents // 100}.{cents % 100:02d}"
                rules = TaxRules.from_settings(settings)
                context["cost"] = rules.cost(cents, monthly=True, company=donor.is_company)
            return render(request, "campagnes/donor/confirm.html", context)
    context = {
        "plan": plan,
        "amount_form": amount_form,
        "can_manage": can_manage(plan),
        "actions": [name for name, statuses in ACTIONS.items() if plan.status in statuses],
        "instalments": plan.instalments.filter(status__in=SHOWN_GIFTS),
    }
    return render(request, "campagnes/donor/plan.html", context)


def change(request, plan: Plan, action: str, cents: int | None, key: uuid.UUID):
    """Asks Stripe first; only its answer changes the plan, as its webhook will again."""
    subscription_id = plan.stripe_subscription_id
    key = f"donor-{action}-{plan.public_id}-{key}"
    try:
        if action == "amount":
            subscription = stripe_client.change_plan_amount(
                subscription_id, cents, plan.currency, key
            )
        elif action == "pause":
            subscription = stripe_client.pause_plan(subscription_id, key)
        elif action == "resume":
            subscription = stripe_client.resume_plan(subscription_id, key)
        else:
            subscription = stripe_client.cancel_plan(subscription_id)
    except stripe_client.StripeError:
        messages.error(request, STRIPE_FAILED)
        return redirect("campagnes:donor_plan", public_id=plan.public_id)
    event_type = "deleted" if action == "cancel" else "updated"
    with transaction.atomic():
        # The plan's last event time is kept: the webhook of this very change still applies.
        payments.subscription_changed(
            subscription,
            {"type": f"customer.subscription.{event_type}", "created": plan.stripe_status_at},
        )
    messages.success(request, DONE[action])
    return redirect("campagnes:donor_plan", public_id=plan.public_id)


STRIPE_FAILED = gettext_lazy(
    "The payment service could not make this change: nothing was changed. "
    "Please try again in a few minutes."
)
DONE = {
    "amount": gettext_lazy("Your new monthly amount applies from the next instalment."),
    "pause": gettext_lazy("Your monthly gift is paused. Resume it here whenever you like."),
    "resume": gettext_lazy("Your monthly gift has resumed. Thank you!"),
    "cancel": gettext_lazy("Your monthly gift is stopped. No further instalment will be taken."),
}


@signed_in
@require_http_methods(["GET", "POST"])
def payment_method(request, donor: Donor, public_id):
    """POST sends the donor to a Checkout setup page; its return (GET) makes the card or IBAN
    entered there the one the subscription charges, as Stripe's guide asks of the site."""
    plan = own_plan(donor, public_id)
    back = reverse("campagnes:donor_plan", args=[plan.public_id])
    if plan.status not in RUNNING or not can_manage(plan) or not donor.stripe_customer_id:
        messages.error(request, _("This change is not possible for this monthly gift."))
        return redirect(back)
    try:
        if request.method == "POST":
            here = reverse("campagnes:donor_payment_method", args=[plan.public_id])
            url = stripe_client.create_setup_session(
                donor.stripe_customer_id,
                plan.stripe_subscription_id,
                success_url=request.build_absolute_uri(here) + "?session_id={CHECKOUT_SESSION_ID}",
                cancel_url=request.build_absolute_uri(back),
                locale="en" if translation.get_language() == "en" else "fr",
            )
            return redirect(url)
        session_id = request.GET.get("session_id", "")
        if CHECKOUT_SESSION_ID.fullmatch(session_id):
            adopt_payment_method(request, donor, plan, session_id)
    except stripe_client.StripeError:
        messages.error(request, STRIPE_FAILED)
    return redirect(back)


def adopt_payment_method(request, donor: Donor, plan: Plan, session_id: str) -> None:
    session = stripe_client.retrieve_setup_session(session_id)
    intent = session.get("setup_intent") or {}
    if (
        session.get("customer") != donor.stripe_customer_id
        or session.get("status") != "complete"
        or (intent.get("metadata") or {}).get("subscription_id") != plan.stripe_subscription_id
        or not intent.get("payment_method")
    ):
        messages.error(request, _("No new payment method was saved."))
        return
    stripe_client.set_plan_payment_method(plan.stripe_subscription_id, intent["payment_method"])
    messages.success(request, _("Your new payment method will be used from the next instalment."))
