"""The demo share offering: a solidarity property company raising capital (texts are the
project's own; the company, its number and its bank details are fictitious)."""

import datetime

from home.demo.content import T

OFFERING = {
    "title": T("Investir dans la Foncière solidaire", "Invest in the solidarity property company"),
    "slug": T("investir", "invest"),
    "intro": T(
        "La Foncière des tiers-lieux achète les murs des lieux du réseau pour qu'ils restent "
        "ouverts à tous. Devenez actionnaire à partir de 100 €.",
        "The property company buys the buildings of the network's places so that they stay "
        "open to all. Become a shareholder from €100.",
    ),
    "image": "mains",
    "tax_benefit": T(
        "Votre souscription ouvre droit à une réduction d'impôt sur le revenu de 25 % du "
        "montant investi, si vous conservez vos actions au moins cinq ans.",
        "Your subscription gives an income-tax reduction of 25% of the amount invested, if you "
        "keep your shares at least five years.",
    ),
}

ISSUER = {
    "security_kind": "esus_shares",
    "issuer_name": "Foncière des tiers-lieux solidaires",
    "issuer_legal_form": "SAS à capital variable, agréée ESUS",
    "issuer_share_capital_cents": 48_000_000,
    "issuer_registration": "RCS Lyon 000 000 000 (société fictive de démonstration)",
    "issuer_office": "1 rue de l'Exemple\n69003 Lyon",
    "issuer_object": (
        "Acquérir, rénover et mettre à disposition des bâtiments pour des tiers-lieux "
        "solidaires et de l'habitat partagé."
    ),
    "price_cents": 10_000,
    "nominal_cents": 10_000,
    "min_shares": 1,
    "max_shares_per_investor": 200,
    "total_shares": 2_000,
    "opens_on": datetime.date(2026, 10, 1),
    "closes_on": datetime.date(2027, 6, 30),
    "first_share_number": 4_801,
    "requires_approval": True,
    "bank_details": (
        "Titulaire : Foncière des tiers-lieux solidaires\n"
        "IBAN : FR76 0000 0000 0000 0000 0000 000 (compte fictif)\n"
        "BIC : DEMOFRPPXXX"
    ),
}

RISK_WARNING = {
    "title": T("Avertissement sur les risques", "Risk warning"),
    "text": (
        T(
            "Investir dans une entreprise solidaire comporte un risque de perte totale ou "
            "partielle du capital investi.",
            "Investing in a solidarity company carries a risk of losing all or part of the "
            "capital invested.",
        ),
        T(
            "Les actions ne sont pas cotées : les revendre peut être difficile, et leur "
            "rachat dépend de la société.",
            "The shares are not listed: selling them may be difficult, and their buy-back "
            "depends on the company.",
        ),
        T(
            "Aucun dividende n'est versé, ou un dividende plafonné, conformément à l'agrément "
            "ESUS.",
            "No dividend is paid, or a capped one, as the ESUS approval requires.",
        ),
    ),
}

# Investors of the demo (fictitious, at a reserved domain): shares and how far each has gone.
INVESTOR_DOMAIN = "investisseurs.example"
INVESTORS = (
    ("Alex", 10, "issued"),
    ("Camille", 25, "issued"),
    ("Dominique", 5, "approved"),
    ("Sacha", 2, "paid"),
    ("Claude", 3, "reserved"),
)
