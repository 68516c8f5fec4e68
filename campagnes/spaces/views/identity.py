"""The donor's own details, changed from the donor space: the one place outside the admin where
a donor record changes, since only the emailed sign-in link proves the email is theirs."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from campagnes.donations import donors
from campagnes.models import Donor
from campagnes.spaces.forms import IdentityForm
from campagnes.spaces.signin import signed_in


@signed_in
@require_http_methods(["GET", "POST"])
def edit(request, donor: Donor):
    # The form validates a copy: a ModelForm writes what it cleans into its instance, and
    # change_identity compares the record as it was with the changes.
    copy = Donor.objects.get(pk=donor.pk)
    form = IdentityForm(request.POST or None, instance=copy)
    if request.method == "POST" and form.is_valid():
        changed = donors.change_identity(donor, form.cleaned_data)
        if changed:
            messages.success(request, _("Your details are saved. Your next receipts print them."))
        else:
            messages.success(request, _("Nothing was changed."))
        return redirect("campagnes:donor_space")
    return render(request, "campagnes/spaces/donor/identity.html", {"form": form, "donor": donor})
