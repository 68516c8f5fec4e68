"""The investor space: the subscriptions of the signed-in email, their statuses and documents.

Signed in by the donor space's one-time link (`views.signin.login` with space="investor"), which
puts the email in the session once it has subscribed.
"""

from functools import wraps

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from campagnes.models import Subscription
from campagnes.models.shares import SubscriptionStatus
from campagnes.shares.documents import DocumentUnavailable, certificate_pdf
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
    try:
        pdf = certificate_pdf(subscription)
    except DocumentUnavailable:
        context = {
            "document": _("The certificate of %(reference)s")
            % {"reference": subscription.reference},
            "back_url": reverse("campagnes:investor_space"),
        }
        return render(request, "campagnes/spaces/document_unavailable.html", context, status=503)
    disposition = content_disposition_header(
        True, f"attestation-souscription-{subscription.reference}.pdf"
    )
    return HttpResponse(
        pdf, content_type="application/pdf", headers={"Content-Disposition": disposition}
    )
