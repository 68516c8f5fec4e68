"""Generated illustrations of the lieux and their partners' logos: title and alternative text
(French, as the image library is not translated), motif and palette of each."""

# key: (title, description used as default alt text, motif, palette)
ILLUSTRATIONS = {
    "lieu-lyon": ("Escale Solidaire du 3e", "Façade illustrée d'un bistrot solidaire", "facade", 1),
    "lieu-cotiere": (
        "Escale Solidaire Côtière",
        "Jardin partagé illustré, carrés potagers au soleil",
        "garden",
        7,
    ),
    "lieu-clermont": (
        "Escale Solidaire de Clermont-Ferrand",
        "Grande table d'hôtes illustrée, vue de dessus",
        "table",
        3,
    ),
    "lieu-boussole": (
        "La Boussole",
        "Silhouettes illustrées réunies dans un lieu d'accueil",
        "gathering",
        4,
    ),
    "lieu-le-mans": (
        "Escale Solidaire du Mans",
        "Établi de réparation illustré, une roue de vélo et des outils",
        "repair",
        0,
    ),
    "lieu-laval": (
        "Escale Solidaire de Laval",
        "Atelier numérique illustré, des écrans sur une longue table",
        "screens",
        5,
    ),
    "lieu-partageurs": (
        "Les Partageurs",
        "Vitrine illustrée d'un petit tiers-lieu de quartier",
        "facade",
        2,
    ),
    "lieu-habitat": (
        "Habitat partagé de Lille-Moulins",
        "Maison partagée illustrée, une salle commune au rez-de-chaussée",
        "house",
        6,
    ),
    "lieu-fil": (
        "Au fil de soi",
        "Mosaïque illustrée en cours sur un chevalet",
        "mosaic",
        6,
    ),
    "lieu-brunoy": (
        "La Maison du Coin",
        "Cuisine partagée illustrée, une marmite sur le feu",
        "kitchen",
        0,
    ),
}

# key: (name, initials, palette, shape). Invented organisations: no real logo is imitated.
PARTNERS = {
    "fonds-quartiers": ("Fonds Quartiers Ensemble", "FQ", 0, "circle"),
    "fondation-lien": ("Fondation Lien Vivant", "LV", 1, "leaf"),
    "cooperative-communs": ("Coopérative Les Communs", "LC", 2, "square"),
    "epicerie-panier": ("Épicerie solidaire Le Panier", "LP", 3, "circle"),
    "cuisine-partagee": ("Réseau Cuisine Partagée", "CP", 2, "leaf"),
    "caisse-entraide": ("Caisse d'Entraide Locale", "CE", 0, "square"),
    "atelier-reemploi": ("Atelier Réemploi & Co", "AR", 1, "circle"),
    "maison-numerique": ("Maison du Numérique Libre", "NL", 3, "square"),
}
