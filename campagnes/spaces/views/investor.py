"""The investor's pages of the personal space: a subscription certificate's PDF, and the contact
address the register keeps for them.

An issued bulletin or certificate is frozen (its SHA-256 is kept, see `shares.documents`), and a
subscription holds the address the bulletin was signed with: neither changes. What changes is the
register's holder record (`Shareholder.address`), the address the association writes to and
prints on documents still to come; the register's movements, append-only, are not rewritten.
"""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wagtail.log_actions import log

from campagnes.models import Subscription
from campagnes.models.shares import SubscriptionStatus
from campagnes.shares.documents import DocumentUnavailable, certificate_pdf
from campagnes.spaces.forms import ShareholderAddressForm
from campagnes.spaces.sections import shareholders_of
from campagnes.spaces.signin import investor_page, refuse


@investor_page
def certificate(request, email: str, public_id):
    subscription = (
        Subscription.objects.select_related("page", "shareholder")
        .filter(email__iexact=email, public_id=public_id, status=SubscriptionStatus.ISSUED)
        .first()
    )
    if subscription is None:
        raise refuse(request, "a subscription certificate")
    try:
        pdf = certificate_pdf(subscription)
    except DocumentUnavailable:
        context = {
            "document": _("The certificate of %(reference)s")
            % {"reference": subscription.reference},
            "back_url": reverse("campagnes:donor_space"),
        }
        return render(request, "campagnes/spaces/document_unavailable.html", context, status=503)
    disposition = content_disposition_header(
        True, f"attestation-souscription-{subscription.reference}.pdf"
    )
    return HttpResponse(
        pdf, content_type="application/pdf", headers={"Content-Disposition": disposition}
    )


@investor_page
@require_http_methods(["GET", "POST"])
def address(request, email: str):
    holders = list(shareholders_of(email))
    if not holders:
        # Shares not issued yet: no register line to correct; the bulletin's address stands.
        messages.error(
            request,
            _("Your address enters the share register when your shares are issued."),
        )
        return redirect("campagnes:donor_space")
    form = ShareholderAddressForm(request.POST or None, initial={"address": holders[0].address})
    if request.method == "POST" and form.is_valid():
        new = form.cleaned_data["address"]
        changed = [holder for holder in holders if holder.address != new]
        for holder in changed:
            holder.address = new
            holder.save(update_fields=["address"])
            # The history says a field changed, and by whom, not what it holds.
            log(
                instance=holder,
                action="campagnes.shareholder_address",
                data={"fields": ["address"], "by": "shareholder"},
            )
        if changed:
            messages.success(
                request,
                _(
                    "Your address is saved. Documents still to come print it; "
                    "issued ones do not change."
                ),
            )
        else:
            messages.success(request, _("Nothing was changed."))
        return redirect("campagnes:donor_space")
    return render(
        request, "campagnes/spaces/investor/address.html", {"form": form, "holders": holders}
    )
