"""The sign-in pages of the personal space: asking for a one-time link, using it, and signing
out (the machinery is in `campagnes.spaces.signin`).
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from campagnes.models import LoginToken
from campagnes.shares.session import INVESTOR_KEY
from campagnes.spaces.forms import LinkRequestForm
from campagnes.spaces.signin import (
    EMAIL_KEY,
    SESSION_AGE,
    SESSION_KEY,
    after_sign_in,
    digest,
    donor_page,
    is_investor,
    link_problem,
    remember_next,
    send_link,
    throttled,
)


def alias(to: str):
    """The investor space's former names (`investor_login`, `investor_space`), kept because
    emails and pages reverse them: the one space now."""

    def view(request):
        return redirect(to)

    return view


@donor_page
def login(request):
    """One sign-in for donors and investors: the link signs in the email it was sent to."""
    if request.method == "GET":
        remember_next(request)
        if request.session.get(SESSION_KEY) or request.session.get(INVESTOR_KEY):
            return after_sign_in(request)
    # An email's link may fill in the address (a failed-payment email does).
    initial = {"email": request.GET.get("email", "")}
    form = LinkRequestForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_valid():
        email = form.cleaned_data["email"]
        if throttled(request, email):
            form.add_error(
                None,
                _("Too many attempts in a short time. Please wait a few minutes and try again."),
            )
        else:
            send_link(email)
            # The same answer for every address: whether someone gave is theirs to tell.
            return render(request, "campagnes/spaces/donor/link_sent.html", {"email": email})
    return render(request, "campagnes/spaces/donor/login.html", {"form": form})


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
    investor = login_token is not None and is_investor(login_token.email)
    # The donor of the link, unless erased since (deleted, or their email anonymised).
    donor = login_token and login_token.donor
    if donor is not None and donor.email.lower() != login_token.email.lower():
        donor = None
    if problem is None and donor is None and not investor:
        problem = _("This link is no longer valid. Ask for a new one below.")
    if request.method == "POST" and problem is None:
        now = timezone.now()
        # A conditional update: of two simultaneous POSTs, one signs in.
        used = LoginToken.objects.filter(
            pk=login_token.pk, used_at=None, expires_at__gt=now
        ).update(used_at=now)
        if used:
            # Whoever signed in before in this browser is signed out: the link's email only
            # (a bulletin being filled in, also in the session, is kept).
            for key in (SESSION_KEY, INVESTOR_KEY, EMAIL_KEY):
                request.session.pop(key, None)
            request.session[EMAIL_KEY] = login_token.email.lower()
            if donor is not None:
                request.session[SESSION_KEY] = donor.pk
            if investor:
                request.session[INVESTOR_KEY] = login_token.email
            # A new session key: one planted in the browser before the sign-in is worth nothing.
            request.session.cycle_key()
            request.session.set_expiry(SESSION_AGE)
            return after_sign_in(request)
        problem = _("This link has already been used. Ask for a new one below.")
    response = render(
        request,
        "campagnes/spaces/donor/link.html",
        {"token": token, "problem": problem},
        status=410 if problem else 200,
    )
    # The page's address holds the token: no other site receives it. Not "no-referrer", which
    # makes browsers send `Origin: null` with the sign-in form, and Django refuses that as CSRF.
    response["Referrer-Policy"] = "same-origin"
    return response


@donor_page
@require_http_methods(["GET", "HEAD", "POST"])
def logout(request):
    """Signs out on POST only (a link or an image elsewhere must not sign anyone out); opening
    the address, as after a sign-out that left it in the history, leads to the sign-in page,
    which sends a still signed-in visitor on to their space."""
    if request.method == "POST":
        request.session.flush()
        messages.success(request, _("You are signed out."))
    return redirect("campagnes:donor_login")
