"""The person's own erasure from "Mon espace" (GDPR article 17): a page that lists what will be
deleted and what the law obliges the association to keep, and why; then the erasure, the end of
the session and a page that shows nothing of the person.

It erases the session's person only: an address or form naming anybody else is refused and
logged (ids only), as the data downloads are.
"""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from campagnes.models.privacy import ErasureRequester
from campagnes.privacy import erasure
from campagnes.spaces.signin import Person, refuse, space_page

# Fields that would name whose data to erase: it is always the session's person's, so one naming
# anybody else is a tampered form (as the data downloads' query parameters).
WHOSE = ("email", "donor", "donor_id", "id", "person")


@space_page
@require_http_methods(["GET", "POST"])
def erase(request, person: Person):
    data = request.POST if request.method == "POST" else request.GET
    own = (person.email, str(person.donor.pk) if person.donor else "")
    if any(data[name].strip().lower() not in own for name in WHOSE if name in data):
        raise refuse(request, "an erasure of another person's data")
    found = erasure.find(donor=person.donor, email=person.email)
    context = {"holds": erasure.summary(found.holds()), "refusal": found.refusal(), "error": ""}
    if request.method == "POST" and not context["refusal"]:
        if data.get("confirm") != "yes":
            context["error"] = _(
                "Tick the box to confirm that you want your data deleted: nothing was deleted."
            )
        else:
            try:
                record = erasure.erase(
                    donor=person.donor, email=person.email, requested_by=ErasureRequester.PERSON
                )
            except erasure.ErasureRefused as refused:
                context["error"] = str(refused)
            else:
                # Nothing of the person stays in the session, nor on the page that follows.
                request.session.flush()
                kept = erasure.summary(list(record.holds.all()))
                return render(request, "campagnes/spaces/privacy/erased.html", {"holds": kept})
    status = 400 if context["error"] else 200
    return render(request, "campagnes/spaces/privacy/erase_confirm.html", context, status=status)
