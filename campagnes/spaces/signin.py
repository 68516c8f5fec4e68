"""The one-time link sign-in of the personal space "Mon espace", and its page guards.

No password: a link valid 15 minutes, once. Only the token's SHA-256 is stored, and only a POST
uses it, since mail scanners open the links they find. The session then holds the email the link
was sent to (EMAIL_KEY), the donor's id when the email gave, and the email again under
`campagnes.shares.session.INVESTOR_KEY` when it subscribed shares (the bulletin downloads read it).
"""

import dataclasses
import datetime
import logging
import secrets
from functools import wraps

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from campagnes.models import Donor, LoginToken, Subscription
from campagnes.models.shares import SubscriptionStatus
from campagnes.shares.session import INVESTOR_KEY
from campagnes.spaces.tasks import digest, send_login_link
from home import ratelimit
from home.client import client_address
from home.emails import canonical_email

SESSION_KEY = "donor_id"
# The email the sign-in link was sent to: a donor record whose email is no longer this one (an
# erasure anonymises it) is no longer this session's.
EMAIL_KEY = "space_email"
# Where the sign-in leads once its link is used, when the sign-in page was opened with a `next`
# (a failed-payment email's link to the monthly gift): a path of this site only.
NEXT_KEY = "space_next"
LINK_VALIDITY = datetime.timedelta(minutes=15)  # as the email and the pages say
# A signed-in donor space lasts this long (seconds): it shows an address and tax receipts.
SESSION_AGE = 2 * 60 * 60
# The window (seconds) of the link requests limits (settings.SIGN_IN_LINK_LIMIT_PER_*).
LINK_LIMIT_WINDOW = 15 * 60


# What a change the space asks of Stripe says when Stripe does not answer (monthly gift, card).
STRIPE_FAILED = gettext_lazy(
    "The payment service could not make this change: nothing was changed. "
    "Please try again in a few minutes."
)


def donor_page(view):
    """Donor pages hold personal data: never cached, never indexed."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return never_cache(wrapper)


@dataclasses.dataclass
class Person:
    """Who is signed in: the email of the link, and what it is to us (donor, investor, both)."""

    email: str
    donor: Donor | None
    investor: bool


def signed_in_person(request) -> Person | None:
    """The person of the session, or None. A session whose person was erased meanwhile (no donor
    under the email any more, no subscription) is no one's: the caller signs it out."""
    donor_id = request.session.get(SESSION_KEY)
    email = request.session.get(EMAIL_KEY) or request.session.get(INVESTOR_KEY) or ""
    donor = Donor.objects.filter(pk=donor_id).first() if donor_id else None
    if donor is not None:
        if not email:
            email = donor.email
        elif (donor.email or "").lower() != email.lower():
            donor = None
    investor = bool(email) and is_investor(email)
    if donor is None and not investor:
        return None
    return Person(email=email.lower(), donor=donor, investor=investor)


def space_page(view):
    """Passes the signed-in person to the view. Someone not signed in is sent to the sign-in
    form; a session whose person no longer exists is ended, on a page that shows nothing."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        signed = any(request.session.get(key) for key in (SESSION_KEY, INVESTOR_KEY, EMAIL_KEY))
        person = signed_in_person(request) if signed else None
        if person is None:
            if not signed:
                return redirect("campagnes:donor_login")
            request.session.flush()
            return render(request, "campagnes/spaces/signed_out.html", status=410)
        request.person = person
        return view(request, person, *args, **kwargs)

    return donor_page(wrapper)


def signed_in(view):
    """Donor pages: passes the signed-in donor to the view. An investor who never gave is sent to
    their space, someone signed out to the sign-in form."""

    @wraps(view)
    def wrapper(request, person: Person, *args, **kwargs):
        if person.donor is None:
            return redirect("campagnes:donor_space")
        return view(request, person.donor, *args, **kwargs)

    return space_page(wrapper)


def investor_page(view):
    """Investor pages: passes the signed-in investor's email to the view."""

    @wraps(view)
    def wrapper(request, person: Person, *args, **kwargs):
        if not person.investor:
            return redirect("campagnes:donor_space")
        return view(request, person.email, *args, **kwargs)

    return space_page(wrapper)


logger = logging.getLogger(__name__)


def refuse(request, what: str) -> Http404:
    """A request for a document or data that is not the signed-in person's (a tampered address):
    logged with ids only, answered as if it did not exist."""
    person = getattr(request, "person", None)
    donor_id = person.donor.pk if person and person.donor else None
    logger.warning("Personal space: %s refused to the session of donor %s", what, donor_id)
    return Http404(what)


def remember_next(request) -> None:
    """Keeps the sign-in page's `next` for after the link, if it is a path of this site; any
    other value (another site, `//host`, a scheme) is ignored, never followed."""
    target = request.GET.get("next", "")
    if (
        target.startswith("/")
        and not target.startswith("//")
        and "\\" not in target
        and url_has_allowed_host_and_scheme(target, allowed_hosts=set())
    ):
        request.session[NEXT_KEY] = target
    else:
        request.session.pop(NEXT_KEY, None)


def after_sign_in(request):
    """Where a signed-in person goes: the remembered `next`, once, or their space."""
    return redirect(request.session.pop(NEXT_KEY, None) or "campagnes:donor_space")


def throttled(request, email: str) -> bool:
    """Counts a link request per address and per email; True past either limit."""
    address = client_address(request)
    limits = [
        (f"donor-link:ip:{address}", settings.SIGN_IN_LINK_LIMIT_PER_IP),
        # `+tag` and Gmail's dots reach the same mailbox: one limit for all its spellings.
        (f"donor-link:email:{canonical_email(email)}", settings.SIGN_IN_LINK_LIMIT_PER_EMAIL),
    ]
    return ratelimit.over_limit(limits, LINK_LIMIT_WINDOW)


def is_investor(email: str) -> bool:
    return Subscription.objects.filter(
        email__iexact=email, status__in=SubscriptionStatus.submitted()
    ).exists()


def send_link(email: str, space: str = "donor") -> None:
    """One space for every role: the link leads to it, whatever the email is to us."""
    donor = Donor.objects.filter(email__iexact=email).first()
    if donor is None and not is_investor(email):
        return
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
