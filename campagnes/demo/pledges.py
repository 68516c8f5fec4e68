"""Companies and foundations of the demo and what they pledged, so that the Mécénat dashboard has
pledges at every stage: received (with its company receipt), overdue, to come, and one whose
counterparts pass the 25 % the tax rules tolerate. Names, SIRENs and emails are invented.

Dates are counted from the day the demo is loaded: the dashboard's "this month" always has
something to show.
"""

import datetime

from django.utils import timezone

from campagnes import factories
from campagnes.choices import PaymentMethod
from campagnes.mecenat import pledges as pledge_receipts
from campagnes.models import CampaignPage, Counterpart, Partner
from campagnes.models.pledges import PartnerKind, PledgeStatus
from lieux.models import LieuPage

PARTNERS = (
    {
        "name": "Boulangeries Martin & Fils",
        "kind": PartnerKind.COMPANY,
        "siren": "812345670",
        "legal_form": "SAS",
        "address": "14 rue Victor Hugo",
        "postcode": "42400",
        "city": "Saint-Chamond",
        "contact_first_name": "Sophie",
        "contact_last_name": "Lefèvre",
        "contact_role": "Directrice RSE",
        "contact_email": "rse@boulangeries-martin.example",
    },
    {
        "name": "Fondation Solidarités Rhône-Alpes",
        "kind": PartnerKind.FOUNDATION,
        "siren": "798765432",
        "legal_form": "Fondation reconnue d'utilité publique",
        "address": "3 place Bellecour",
        "postcode": "69002",
        "city": "Lyon",
        "contact_first_name": "Marc",
        "contact_last_name": "Duval",
        "contact_role": "Chargé de programmes",
        "contact_email": "programmes@fondation-solidarites.example",
    },
    {
        "name": "Coopérative Terres d'Ici",
        "kind": PartnerKind.COMPANY,
        "siren": "834567891",
        "legal_form": "SCOP SARL",
        "address": "21 rue du Marché",
        "postcode": "59000",
        "city": "Lille",
        "contact_first_name": "Nadia",
        "contact_last_name": "Benali",
        "contact_role": "Gérante",
        "contact_email": "contact@terres-d-ici.example",
    },
    {
        "name": "Imprimerie du Confluent",
        "kind": PartnerKind.COMPANY,
        "siren": "845678912",
        "legal_form": "SARL",
        "address": "8 quai Perrache",
        "postcode": "69002",
        "city": "Lyon",
        "contact_first_name": "Julien",
        "contact_last_name": "Roux",
        "contact_role": "Directeur",
        "contact_email": "direction@imprimerie-confluent.example",
    },
    {
        "name": "Fondation Maison Commune",
        "kind": PartnerKind.FOUNDATION,
        "siren": "",
        "legal_form": "Fondation",
        "address": "5 avenue de la République",
        "postcode": "75011",
        "city": "Paris",
        "contact_first_name": "Claire",
        "contact_last_name": "Morel",
        "contact_role": "Déléguée générale",
        "contact_email": "contact@maison-commune.example",
    },
)

# partner, euros, campaign or lieu slug (None: the network), status, days from today (signature,
# payment, received), what it funds, counterparts (description, euros).
PLEDGES = (
    (
        "Boulangeries Martin & Fils",
        5000,
        "cuisine-la-boussole",
        PledgeStatus.RECEIVED,
        (-60, -20, -9),
        "Le plan de travail et la chambre froide",
        (("Logo sur la page de la campagne", 300), ("Deux places au dîner d'inauguration", 160)),
    ),
    (
        "Boulangeries Martin & Fils",
        4000,
        None,
        PledgeStatus.RECEIVED,
        (-420, -400, -395),
        "Les repas à 2 € de l'hiver dans tout le réseau",
        (),
    ),
    (
        "Fondation Solidarités Rhône-Alpes",
        15000,
        "annee-tables-d-hotes",
        PledgeStatus.INVOICED,
        (-75, -12, None),
        "Une année de tables d'hôtes à Lyon et Miribel",
        (("Mention dans le rapport annuel", 0),),
    ),
    (
        "Coopérative Terres d'Ici",
        3000,
        "les-partageurs",
        PledgeStatus.SIGNED,
        (-30, 20, None),
        "Les légumes de la cuisine des Partageurs",
        (("Atelier de team building pour l'équipe", 450),),
    ),
    (
        "Imprimerie du Confluent",
        2000,
        "cuisine-la-boussole",
        PledgeStatus.PROPOSAL,
        (-5, 40, None),
        "L'aménagement de la salle",
        (("Stand et visibilité à la fête de quartier", 600),),
    ),
    (
        "Fondation Maison Commune",
        20000,
        "annee-tables-d-hotes",
        PledgeStatus.PROSPECT,
        (45, 120, None),
        "Essaimer les tables d'hôtes dans deux nouvelles villes",
        (),
    ),
)


SIGNED = (PledgeStatus.SIGNED, PledgeStatus.INVOICED, PledgeStatus.RECEIVED)


def ensure_pledges() -> int:
    """Partners and pledges, once; returns the records created."""
    if Partner.objects.exists():
        return 0
    partners = {spec["name"]: factories.partner(**spec) for spec in PARTNERS}
    today = timezone.localdate()
    for name, euros, target, status, days, purpose, counterparts in PLEDGES:
        signature, payment, received = (
            today + datetime.timedelta(days=offset) if offset is not None else None
            for offset in days
        )
        # A campaign, a lieu, or (None) the whole network.
        campaign = CampaignPage.objects.filter(slug=target, locale__language_code="fr").first()
        lieu = LieuPage.objects.filter(slug=target, locale__language_code="fr").first()
        pledge = factories.pledge(
            partners[name],
            euros * 100,
            purpose=purpose,
            campaign=campaign,
            lieu=lieu,
            status=status,
            expected_signature_on=signature,
            expected_payment_on=payment,
            signed_on=signature if status in SIGNED else None,
            received_on=received,
            method=PaymentMethod.TRANSFER,
            created_at=timezone.make_aware(
                datetime.datetime.combine(
                    signature - datetime.timedelta(days=30), datetime.time(10)
                )
            ),
        )
        for description, value in counterparts:
            Counterpart.objects.create(
                pledge=pledge, description=description, value_cents=value * 100
            )
        # A received pledge has its company receipt, as it would after being saved in the admin.
        pledge_receipts.update_receipt(pledge)
    return len(partners) + len(PLEDGES)
