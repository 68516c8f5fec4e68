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
    # Who signs the subscription certificates (an invented person).
    "signatory_name": "Claire Fontaine",
    "signatory_role": "Présidente de la SAS",
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

# The three documents investors certify they have read, as short PDFs drawn when the demo is
# built (French only: the company's legal documents). Field name: (file name, title,
# paragraphs).
DOCUMENT_NOTICE = (
    "Document fictif de démonstration : la société, ses chiffres et ses statuts sont inventés."
)
DOCUMENTS = {
    "information_document": (
        "fonciere-demo-document-d-information.pdf",
        "Document d'information – Offre de titres de la Foncière des tiers-lieux solidaires",
        (
            "Émetteur : Foncière des tiers-lieux solidaires, SAS à capital variable agréée "
            "entreprise solidaire d'utilité sociale (ESUS), 1 rue de l'Exemple, 69003 Lyon.",
            "Objet de l'offre : l'émission de 2 000 actions nouvelles de 100 € de valeur "
            "nominale, au prix de 100 € chacune, du 1er octobre 2026 au 30 juin 2027. L'offre "
            "ne donne pas lieu à un prospectus soumis à l'approbation de l'AMF.",
            "Utilisation des fonds : l'achat et la rénovation des murs de tiers-lieux du "
            "réseau, loués à prix modéré aux associations qui les font vivre.",
            "Risques : perte totale ou partielle du capital investi ; actions non cotées, "
            "difficiles à revendre, dont le rachat dépend de la société ; dividende nul ou "
            "plafonné, comme l'agrément ESUS l'exige.",
            "Avantage fiscal : réduction d'impôt sur le revenu prévue à l'article 199 "
            "terdecies-0 A du code général des impôts, sous condition de conservation des "
            "actions jusqu'au 31 décembre de la cinquième année suivant la souscription.",
        ),
    ),
    "statutes": (
        "fonciere-demo-statuts.pdf",
        "Statuts de la Foncière des tiers-lieux solidaires",
        (
            "Article 1 – Forme. La société est une société par actions simplifiée à capital "
            "variable.",
            "Article 2 – Objet. Acquérir, rénover et mettre à disposition des bâtiments pour "
            "des tiers-lieux solidaires et de l'habitat partagé.",
            "Article 3 – Siège. 1 rue de l'Exemple, 69003 Lyon.",
            "Article 8 – Agrément. Toute entrée d'un nouvel associé est soumise à l'agrément "
            "du conseil d'administration.",
            "Article 12 – Gouvernance. Chaque associé dispose d'une voix par action ; les "
            "décisions importantes sont prises en assemblée générale.",
            "Article 20 – Résultats. Les bénéfices sont affectés en priorité aux réserves ; "
            "tout dividende est plafonné conformément à l'article L. 3332-17-1 du code du "
            "travail.",
        ),
    ),
    "annual_report": (
        "fonciere-demo-rapport-annuel-2025.pdf",
        "Rapport annuel 2025 de la Foncière des tiers-lieux solidaires",
        (
            "En 2025, la Foncière a acquis les murs de deux lieux du réseau et engagé leurs "
            "travaux de mise aux normes.",
            "Capital social au 31 décembre 2025 : 480 000 €, détenu par 312 associés.",
            "Résultat de l'exercice : 4 200 €, affecté en totalité aux réserves.",
            "Perspectives 2026 : l'offre de titres ouverte au public financera l'achat d'un "
            "troisième bâtiment à Lille.",
        ),
    ),
}
