"""Campaigns, the donate page and donation settings of the demo (texts are the project's own)."""

import datetime

from home.demo.content import Paragraph, T

from .donate import SIDE
from .stories import KITCHEN_STORY, PARTAGEURS_STORY, TABLES_STORY

CAMPAIGN_INDEX = {
    "title": T("Campagnes", "Campaigns"),
    "slug": T("campagnes", "campaigns"),
    "intro": T(
        "Chaque campagne finance un projet précis d'un lieu du réseau : ce qui est collecté lui "
        "revient entièrement.",
        "Each campaign funds a specific project of one of the network's places: everything "
        "raised goes to it.",
    ),
    "image": "mains",
}

ONCE = (
    (3000, T("un mois de repas partagés pour un convive", "a month of shared meals for one guest")),
    (6000, T("le matériel d'un atelier cuisine", "the equipment for a cooking workshop")),
    (15000, T("une semaine de tables d'hôtes", "a week of shared tables")),
)
MONTHLY = (
    (1000, T("le complément de deux repas chaque mois", "topping up two meals every month")),
    (2000, T("un atelier gratuit chaque mois", "a free workshop every month")),
    (5000, T("l'accueil d'une famille toute l'année", "welcoming a family all year round")),
)

CAMPAIGNS = (
    {
        "title": T("Une cuisine pour La Boussole", "A kitchen for La Boussole"),
        "slug": T("cuisine-la-boussole", "kitchen-la-boussole"),
        "intro": T(
            "À Saint-Chamond, la table d'hôtes a besoin d'une vraie cuisine partagée pour "
            "servir deux fois plus de repas.",
            "In Saint-Chamond, the shared table needs a real community kitchen to serve twice "
            "as many meals.",
        ),
        "image": "campagne-cuisine",
        "goal_cents": 2_500_000,
        "start": datetime.date(2026, 10, 1),
        "end": datetime.date(2027, 1, 31),
        "lieux": ("la-boussole",),
        "story": KITCHEN_STORY,
        "gifts": (5000, 3000, 15000, 6000, 3000, 10000, 2000, 50000, 3000, 6000, 20000, 4500),
    },
    {
        "title": T("Une année de tables d'hôtes à 2 €", "A year of €2 shared tables"),
        "slug": T("annee-tables-d-hotes", "year-of-shared-tables"),
        "intro": T(
            "Le repas à 2 € ne couvre pas son coût : vos dons mensuels permettent de le "
            "garder accessible à toutes et tous.",
            "The €2 meal does not cover its cost: your monthly gifts keep it within everyone's "
            "reach.",
        ),
        "image": "campagne-tables",
        "goal_cents": 6_000_000,
        "start": datetime.date(2026, 9, 1),
        "end": None,
        "lieux": ("escale-solidaire-lyon-3e", "escale-solidaire-le-mans", "escale-solidaire-laval"),
        "story": TABLES_STORY,
        "gifts": (2000, 1000, 5000, 2000, 2000, 1000, 10000, 3000),
    },
    {
        "title": T("Ouvrir Les Partageurs", "Opening Les Partageurs"),
        "slug": T("ouvrir-les-partageurs", "opening-les-partageurs"),
        "intro": T(
            "La campagne qui a permis d'aménager l'ancien local commercial de Lille-Moulins.",
            "The campaign that fitted out the former shop in Lille-Moulins.",
        ),
        "image": "campagne-partageurs",
        "goal_cents": 1_200_000,
        "start": datetime.date(2021, 9, 1),
        "end": datetime.date(2022, 2, 20),
        "lieux": ("les-partageurs",),
        "story": PARTAGEURS_STORY,
        # Cheques and transfers that reached the goal: a closed campaign shows what it raised.
        "gifts": (
            50000,
            20000,
            100000,
            15000,
            30000,
            250000,
            10000,
            40000,
            500000,
            25000,
            60000,
            120000,
        ),
    },
)

DONATE = {
    "title": T("Faire un don", "Make a donation"),
    "slug": T("faire-un-don", "donate"),
    "intro": T(
        "Votre don soutient l'ensemble du réseau, ou le lieu de votre choix. Il ouvre droit à "
        "une réduction d'impôt.",
        "Your gift supports the whole network, or the place of your choice. It entitles you "
        "to an income-tax reduction.",
    ),
    "image": "mains",
    "side": SIDE,
    "body": (
        Paragraph(
            (
                T(
                    "Les dons financent ce que les subventions couvrent mal : les repas à "
                    "petit prix, les ateliers gratuits, l'accueil au quotidien.",
                    "Gifts fund what grants barely cover: low-cost meals, free workshops, "
                    "day-to-day welcome.",
                ),
            ),
        ),
    ),
}

DONATION_SETTINGS = {
    "receipt_object": "Créer et animer des tiers-lieux solidaires ouverts à tous pour rompre "
    "l'isolement et favoriser l'insertion sociale",
    "receipt_status": "Association loi 1901 d'intérêt général (article 200-1-b du CGI)",
    "rna": "W000123456",
    "siren": "000123456",
    "signatory_name": "Camille Durand",
    "signatory_role": "Présidente",
}

# Invented donors of the offline gifts that give the demo's progress bars something to show.
DEMO_DONOR_DOMAIN = "donateurs.example"
