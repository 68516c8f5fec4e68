"""Donors without email, as the demo shows them: cheques recorded by staff whose receipts wait to
be printed and posted (the Mécénat admin's "Receipts to post"). Names and addresses are invented."""

import datetime

from django.utils import timezone

from campagnes import factories
from campagnes.choices import PaymentMethod
from campagnes.models import CampaignPage, Donor, Gift
from campagnes.models.donations import GiftStatus
from campagnes.receipts import issue, posting

from .content.campaigns import CAMPAIGNS

NOTE = "Chèque reçu par la poste (démonstration)"
POSTAL_DONORS = (
    # civility, first name, last name, address, postcode, city, euros, days ago
    ("mme", "Marcelle", "Dubreuil", "4 impasse des Tilleuls", "42400", "Saint-Chamond", 150, 9),
    ("m", "Robert", "Lefort", "27 route de Miribel", "01700", "Beynost", 60, 4),
)


def ensure_postal_donors() -> int:
    if Gift.objects.filter(note=NOTE).exists():
        return 0
    campaign = CampaignPage.objects.get(slug=CAMPAIGNS[0]["slug"].fr, locale__language_code="fr")
    for civility, first, last, address, postcode, city, euros, days in POSTAL_DONORS:
        donor = Donor.objects.create(
            email=None,
            civility=civility,
            first_name=first,
            last_name=last,
            address=address,
            postcode=postcode,
            city=city,
        )
        received = timezone.localdate() - datetime.timedelta(days=days)
        gift = factories.gift(
            donor,
            euros * 100,
            timezone.make_aware(datetime.datetime.combine(received, datetime.time(12))),
            campaign=campaign,
            status=GiftStatus.PAID,
            method=PaymentMethod.CHEQUE,
            is_offline=True,
            received_on=received,
            note=NOTE,
        )
        # As the receipt task does when it finds no email, whatever the task backend.
        posting.queue(issue.issue_for_gift(gift))
    return len(POSTAL_DONORS)
