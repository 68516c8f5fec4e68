"""Generated illustrations and partner logos: title and alternative text (French, as the image
library is not translated), motif and palette of each."""

# key: (title, description used as default alt text, motif, palette)
ILLUSTRATIONS = {
    "accueil": (
        "Façade d'un tiers-lieu",
        "Façade illustrée d'un tiers-lieu avec un store rayé, une vitrine et des plantes",
        "facade",
        0,
    ),
    "fenetres": (
        "Fenêtres éclairées",
        "Immeuble illustré aux fenêtres éclairées, avec des plantes aux balcons",
        "windows",
        1,
    ),
    "atelier": (
        "Atelier partagé",
        "Établi illustré sous une grande fenêtre, avec des outils et des pots de couleur",
        "workshop",
        2,
    ),
    "table": (
        "Table d'hôtes",
        "Grande table commune illustrée, vue de dessus, entourée de chaises",
        "table",
        0,
    ),
    "jardin": ("Jardin partagé", "Carrés potagers illustrés et plantes au soleil", "garden", 3),
    "mains": ("Rencontre", "Silhouettes illustrées réunies côte à côte", "gathering", 2),
    "lieu-lyon": ("Escale Solidaire du 3e", "Façade illustrée d'un bistrot solidaire", "facade", 1),
    "lieu-cotiere": (
        "Escale Solidaire Côtière",
        "Jardin illustré d'une Escale Solidaire",
        "garden",
        0,
    ),
    "lieu-clermont": (
        "Escale Solidaire de Clermont-Ferrand",
        "Façade illustrée d'une Escale Solidaire",
        "facade",
        3,
    ),
    "lieu-boussole": (
        "La Boussole",
        "Silhouettes illustrées réunies dans un lieu d'accueil",
        "gathering",
        1,
    ),
    "lieu-le-mans": ("Escale Solidaire du Mans", "Atelier de réparation illustré", "workshop", 0),
    "lieu-laval": (
        "Escale Solidaire de Laval",
        "Façade illustrée aux fenêtres éclairées",
        "windows",
        2,
    ),
    "lieu-partageurs": (
        "Les Partageurs",
        "Vitrine illustrée d'un petit tiers-lieu de quartier",
        "facade",
        2,
    ),
    "lieu-habitat": (
        "Habitat partagé de Lille-Moulins",
        "Immeuble d'habitat partagé illustré",
        "windows",
        0,
    ),
    "lieu-fil": ("Au fil de soi", "Atelier d'artistes illustré", "workshop", 3),
    "lieu-brunoy": ("La Maison du Coin", "Façade illustrée d'une maison de quartier", "facade", 0),
    "article-rentree": (
        "Rentrée de la table d'hôtes",
        "Table commune illustrée dressée pour le dîner",
        "table",
        2,
    ),
    "article-repair": ("Repair café", "Établi de réparation illustré", "workshop", 1),
    "article-anniversaire": (
        "Anniversaire des Partageurs",
        "Silhouettes illustrées réunies pour une fête",
        "gathering",
        0,
    ),
    "article-numerique": ("Cycle numérique", "Fenêtres éclairées illustrées", "windows", 3),
    "article-jardin": ("Récoltes au jardin", "Potager illustré en pleine saison", "garden", 2),
    "article-bricolage": (
        "Atelier bricolage",
        "Établi illustré avec des outils suspendus",
        "workshop",
        0,
    ),
    "article-exposition": (
        "Exposition de quartier",
        "Silhouettes illustrées devant une exposition",
        "gathering",
        3,
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

ORGANISATION_LOGO = (
    "Logo du réseau",
    "Logo du réseau : un toit abritant une table ronde et trois personnes",
)
