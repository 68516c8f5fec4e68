"""The one-time link sign-in shared by the donor and investor spaces, and their page guards.

No password: a link valid 15 minutes, once. Only the token's SHA-256 is stored, and only a POST
uses it, since mail scanners open the links they find. The session then holds the donor's id
and, for an investor, the email (`campagnes.shares.session.INVESTOR_KEY`).
"""

import datetime
import secrets
from functools import wraps

from django.shortcuts import redirect
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from campagnes.models import Donor, LoginToken, Subscription
from campagnes.models.shares import SubscriptionStatus
from campagnes.spaces.tasks import digest, send_login_link
from home import ratelimit
from home.client import client_address
from home.emails import canonical_email

SESSION_KEY = "donor_id"
LINK_VALIDITY = datetime.timedelta(minutes=15)  # as the email and the pages say
# A signed-in donor space lasts this long (seconds): it shows an address and tax receipts.
SESSION_AGE = 2 * 60 * 60
# Link requests per address and per email in the window (seconds): a mailbox is not a target.
LINK_LIMIT_PER_IP = 10
LINK_LIMIT_PER_EMAIL = 3
LINK_LIMIT_WINDOW = 15 * 60


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
    address = client_address(request)
    limits = [
        (f"donor-link:ip:{address}", LINK_LIMIT_PER_IP),
        # `+tag` and Gmail's dots reach the same mailbox: one limit for all its spellings.
        (f"donor-link:email:{canonical_email(email)}", LINK_LIMIT_PER_EMAIL),
    ]
    return ratelimit.over_limit(limits, LINK_LIMIT_WINDOW)


def is_investor(email: str) -> bool:
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
    now = timezone.now()
    # A hash of a token nobody ever sees: the task draws the real one (see `send_login_link`).
    login_token = LoginToken.objects.create(
        email=email,
        donor=donor,
        space=space,
        token_hash=digest(secrets.token_urlsafe(32)),
        created_at=now,
        expires_at=now + LINK_VALIDITY,
    )
    language = translation.get_language() or (donor.language if donor else "fr")
    send_login_link.enqueue(login_token.pk, language)


def link_problem(login_token: LoginToken | None) -> str | None:
    if login_token is None:
        return _("This link is not valid. Ask for a new one below.")
    if login_token.used_at is not None:
        return _("This link has already been used. Ask for a new one below.")
    if login_token.expires_at <= timezone.now():
        return _("This link has expired: links work for 15 minutes. Ask for a new one below.")
    return None
