"""The sign-in pages shared by the donor and investor spaces: asking for a one-time link,
using it, and signing out (the machinery is in `campagnes.spaces.signin`).
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
    SESSION_AGE,
    SESSION_KEY,
    digest,
    donor_page,
    is_investor,
    link_problem,
    send_link,
    throttled,
)

SPACES = {"donor": "campagnes:donor_space", "investor": "campagnes:investor_space"}


@donor_page
def login(request, space: str = "donor"):
    """One sign-in for donors and investors: the link signs in the email it was sent to."""
    session_key = SESSION_KEY if space == "donor" else INVESTOR_KEY
    if request.method == "GET" and request.session.get(session_key):
        return redirect(SPACES[space])
    form = LinkRequestForm(request.POST if request.method == "POST" else None)
    if space == "investor":
        form.fields["email"].help_text = _("The one you gave on your subscription form.")
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
                request, "campagnes/spaces/donor/link_sent.html", {"email": email, "space": space}
            )
    return render(request, f"campagnes/spaces/{space}/login.html", {"form": form, "space": space})


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
    space = request.POST.get("space") or request.GET.get("space")
    target = "campagnes:investor_login" if space == "investor" else "campagnes:donor_login"
    if request.method == "POST":
        request.session.flush()
        messages.success(request, _("You are signed out."))
    return redirect(target)
