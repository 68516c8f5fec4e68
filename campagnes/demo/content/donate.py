"""The donate page's side column: where the money goes, the tax reduction's limits, payment
security and a contact. The rates themselves come from the donation settings."""

from home.demo.content import T

SIDE = {
    "funds_use": (
        T(
            "Un don à une campagne ou à un lieu lui revient entièrement. Les dons libres "
            "vont aux lieux qui en ont le plus besoin dans l'année :",
            "A gift to a campaign or a place goes to it in full. Unrestricted gifts go to "
            "the places that need them most that year:",
        ),
        [
            T("les repas à 2 € des tables d'hôtes", "the €2 meals of the shared tables"),
            T(
                "les ateliers gratuits : numérique, emploi, bien-être",
                "free workshops: digital skills, jobs, well-being",
            ),
            T("l'équipement des cuisines et des salles", "equipment for kitchens and rooms"),
            T("l'accueil et l'écoute au quotidien", "day-to-day welcome and listening"),
        ],
        T(
            "Les comptes de l'association sont approuvés chaque année en assemblée générale.",
            "The association's accounts are approved every year at its general meeting.",
        ),
    ),
    "tax_note": (
        T(
            "Les dons des particuliers sont retenus dans la limite de 20 % du revenu "
            "imposable, ceux des entreprises dans la limite de 20 000 € ou de 0,5 % du "
            "chiffre d'affaires hors taxes si ce montant est plus élevé. L'excédent se "
            "reporte sur les cinq années suivantes.",
            "Individuals' gifts count up to 20% of taxable income; companies' up to €20,000 "
            "or 0.5% of turnover excluding VAT, whichever is higher. Any excess carries over "
            "to the next five years.",
        ),
        T(
            "Votre reçu fiscal arrive par e-mail après chaque don, ou une fois par an en "
            "janvier si vous le préférez.",
            "Your tax receipt arrives by email after each gift, or once a year in January if "
            "you prefer.",
        ),
    ),
    "payment_security": (
        T(
            "Vous payez par carte ou par prélèvement SEPA sur la page sécurisée de Stripe, "
            "notre prestataire de paiement. Vos numéros de carte et de compte y sont saisis : "
            "ils ne passent jamais par nos serveurs et nous ne les conservons pas.",
            "You pay by card or SEPA direct debit on the secure page of Stripe, our payment "
            "provider. Your card and account numbers are entered there: they never pass "
            "through our servers and we do not keep them.",
        ),
        T(
            "Un don mensuel s'arrête à tout moment depuis votre espace donateur.",
            "A monthly gift can be stopped at any time from your donor space.",
        ),
    ),
    "contact": (
        T(
            "L'équipe dons répond du lundi au vendredi, sous deux jours ouvrés.",
            "The donations team answers Monday to Friday, within two working days.",
        ),
    ),
    # Invented: an .example domain and a number from the range ARCEP reserves for fiction.
    "contact_email": "dons@tiers-lieux-solidaires.example",
    "contact_phone": "04 65 71 00 01",
}
