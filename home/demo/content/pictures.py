"""Generated illustrations of the shared pages and articles, and the network's logo: title and
alternative text (French, as the image library is not translated), motif and palette of each."""

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

ORGANISATION_LOGO = (
    "Logo du réseau",
    "Logo du réseau : un toit abritant une table ronde et trois personnes",
)
