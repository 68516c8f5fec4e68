"""Who may take up a waiting-list offer: the person it was emailed to.

The offer's link is a bearer link, and links leak (a forwarded email, a shared computer's
history, a screenshot). Before the shares kept aside are theirs to subscribe, the holder types
the address the offer was sent to, compared as one mailbox (`+tag`, case and Gmail's dots
aside). An investor already signed in with that address skips the question. Wrong guesses are
limited per offer and per client address, so the link alone is not enough to find the address.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from campagnes.models import WaitingListEntry
from campagnes.shares.session import INVESTOR_KEY
from home import ratelimit
from home.client import client_address
from home.emails import canonical_email

ATTEMPTS_PER_OFFER = 5
ATTEMPTS_PER_ADDRESS = 20
ATTEMPT_WINDOW = 60 * 60


class OfferClaimForm(forms.Form):
    email = forms.EmailField(
        label=_("The email address you joined the waiting list with"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args, entry: WaitingListEntry, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.entry = entry
        self.request = request

    def clean_email(self):
        email = self.cleaned_data["email"]
        limits = [
            (f"share-offer:entry:{self.entry.pk}", ATTEMPTS_PER_OFFER),
            (f"share-offer:ip:{client_address(self.request)}", ATTEMPTS_PER_ADDRESS),
        ]
        if ratelimit.over_limit(limits, ATTEMPT_WINDOW):
            raise forms.ValidationError(
                _("Too many attempts in a short time. Please wait an hour and try again.")
            )
        if canonical_email(email) != canonical_email(self.entry.email):
            raise forms.ValidationError(
                _("This is not the address this offer was sent to. Type the one that received it.")
            )
        return email


def signed_in_as(request, entry: WaitingListEntry) -> bool:
    """Whether the investor signed in on this browser is the person on the list."""
    email = request.session.get(INVESTOR_KEY)
    return bool(email) and canonical_email(email) == canonical_email(entry.email)
