"""The personal space's page, "Mon espace": the sections of whatever the signed-in email is to
us (`campagnes.spaces.sections`), then the consents it changes and the data it downloads."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from campagnes.choices import ConsentKind, ConsentSource
from campagnes.consents import records as consents
from campagnes.privacy import portability, retention
from campagnes.spaces.forms import ConsentForm
from campagnes.spaces.sections import offered_consents, shown
from campagnes.spaces.signin import STRIPE_FAILED, Person, refuse, space_page
from campagnes.stripe import client as stripe_client

# Query parameters that would name whose data to export: the export is always the session's
# person's, so one naming anybody else is a tampered address.
WHOSE = ("email", "donor", "donor_id", "id", "person")


@space_page
def space(request, person: Person):
    context = {"person": person, "sections": shown(request, person)}
    return render(request, "campagnes/spaces/space.html", context)


@space_page
@require_POST
def consent(request, person: Person):
    """Gives or withdraws one consent, among those the page offers this person; anything else
    (a kind not offered, an action made up) changes nothing."""
    form = ConsentForm(request.POST, kinds=offered_consents(person))
    if not form.is_valid():
        messages.error(request, _("This change is not possible: nothing was changed."))
        return redirect(reverse("campagnes:donor_space") + "#consents-title")
    kind = form.cleaned_data["kind"]
    if kind == ConsentKind.KEEP_PAYMENT_METHOD:
        return release_kept_card(request, person)
    if form.cleaned_data["action"] == "give":
        consents.give(
            person.email,
            kind,
            ConsentSource.SPACE,
            donor=person.donor,
            page=reverse("campagnes:donor_space"),
        )
        messages.success(request, _("Thank you: your consent is recorded."))
    else:
        consents.withdraw(person.email, kind, ConsentSource.SPACE, donor=person.donor)
        messages.success(request, _("Your consent is withdrawn."))
    return redirect(reverse("campagnes:donor_space") + "#consents-title")


def release_kept_card(request, person: Person):
    """The card Stripe kept for the monthly offer: given back (detached at Stripe) on the
    donor's word, the agreement closed; never given again from here."""
    consent = consents.standing(person.email, ConsentKind.KEEP_PAYMENT_METHOD)
    if consent is None or request.POST.get("action") != "withdraw":
        messages.error(request, _("This change is not possible: nothing was changed."))
    elif retention.card_in_use(consent):
        messages.error(
            request,
            _(
                "Your monthly gift pays with this card: to stop using it, change the payment "
                "method or stop the monthly gift."
            ),
        )
    else:
        try:
            retention.release_kept_cards(consent, ConsentSource.SPACE)
        except stripe_client.StripeError:
            messages.error(request, STRIPE_FAILED)
        else:
            messages.success(request, _("Stripe no longer keeps your card for us."))
    return redirect(reverse("campagnes:donor_space") + "#consents-title")


def own_data(request, person: Person) -> dict:
    asked = [request.GET[name].strip().lower() for name in WHOSE if name in request.GET]
    if any(
        value not in (person.email, str(person.donor.pk if person.donor else "")) for value in asked
    ):
        raise refuse(request, "an export of another person's data")
    return portability.collect(person.email, person.donor)


@space_page
@require_GET
def export_json(request, person: Person):
    """Everything held on the person (GDPR, articles 15 and 20), as one JSON document."""
    body = portability.as_json(own_data(request, person))
    disposition = content_disposition_header(True, "mes-donnees.json")
    return HttpResponse(
        body,
        content_type="application/json; charset=utf-8",
        headers={"Content-Disposition": disposition},
    )


@space_page
@require_GET
def export_csv(request, person: Person):
    """The same data as a zip of one CSV file per table."""
    body = portability.as_csv_zip(own_data(request, person))
    disposition = content_disposition_header(True, "mes-donnees-csv.zip")
    return HttpResponse(
        body, content_type="application/zip", headers={"Content-Disposition": disposition}
    )
