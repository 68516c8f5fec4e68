"""The investor space: the subscriptions of the signed-in email, their statuses and documents.

Signed in by the donor space's one-time link (`views.signin.login` with space="investor"), which
puts the email in the session once it has subscribed.
"""

from functools import wraps

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header

from campagnes.models import Subscription
from campagnes.models.shares import SubscriptionStatus
from campagnes.shares.documents import render_certificate
from campagnes.shares.session import INVESTOR_KEY
from campagnes.spaces.signin import donor_page


def investor(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        email = request.session.get(INVESTOR_KEY)
        if not email:
            return redirect("campagnes:investor_login")
        return view(request, email, *args, **kwargs)

    return donor_page(wrapper)


@investor
def space(request, email: str):
    subscriptions = (
        Subscription.objects.filter(email=email, status__in=SubscriptionStatus.submitted())
        .select_related("page", "shareholder")
        .order_by("-accepted_at")
    )
    return render(
        request,
        "campagnes/spaces/investor/space.html",
        {"subscriptions": subscriptions, "email": email},
    )


@investor
def certificate(request, email: str, public_id):
    subscription = get_object_or_404(
        Subscription.objects.select_related("page", "shareholder"),
        email=email,
        public_id=public_id,
        status=SubscriptionStatus.ISSUED,
    )
    disposition = content_disposition_header(
        True, f"attestation-souscription-{subscription.reference}.pdf"
    )
    return HttpResponse(
        render_certificate(subscription),
        content_type="application/pdf",
        headers={"Content-Disposition": disposition},
    )
