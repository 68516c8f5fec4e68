"""Each lieu's second picture, shown in its body: a subject of its own (its kitchen, its games
table, its repair bench…) rather than an illustration several lieux share."""

from home.demo.content import Picture, T

# key: (title, description used as default alt text, motif, palette); drawn with the lieux'.
ILLUSTRATIONS = {
    "lieu-lyon-cuisine": (
        "Escale Solidaire du 3e : la cuisine",
        "Cuisine illustrée, une marmite sur le feu",
        "kitchen",
        2,
    ),
    "lieu-cotiere-jeux": (
        "Escale Solidaire Côtière : les jeux",
        "Table de jeux illustrée, vue de dessus",
        "table",
        7,
    ),
    "lieu-clermont-numerique": (
        "Escale Solidaire de Clermont-Ferrand : le numérique",
        "Atelier numérique illustré",
        "screens",
        3,
    ),
    "lieu-boussole-expo": (
        "La Boussole : l'exposition",
        "Mosaïque illustrée sur un chevalet",
        "mosaic",
        4,
    ),
    "lieu-le-mans-table": (
        "Escale Solidaire du Mans : la table d'hôtes",
        "Table d'hôtes illustrée",
        "table",
        1,
    ),
    "lieu-laval-sante": (
        "Escale Solidaire de Laval : l'atelier santé",
        "Silhouettes illustrées réunies pour un atelier",
        "gathering",
        5,
    ),
    "lieu-partageurs-mosaique": (
        "Les Partageurs : l'atelier mosaïque",
        "Mosaïque illustrée en cours",
        "mosaic",
        7,
    ),
    "lieu-habitat-fenetres": (
        "Habitat partagé de Lille-Moulins : les fenêtres",
        "Fenêtres illustrées d'un immeuble habité",
        "windows",
        4,
    ),
    "lieu-fil-bureaux": (
        "Au fil de soi : les bureaux partagés",
        "Établi et grande fenêtre illustrés",
        "workshop",
        5,
    ),
    "lieu-brunoy-bricolage": (
        "La Maison du Coin : le bricolage",
        "Établi de bricolage illustré",
        "repair",
        6,
    ),
}

# The English of each description (home/demo/alt_texts.py).
ALT_TEXTS = {
    "lieu-lyon-cuisine": "Illustrated kitchen, a pot on the stove",
    "lieu-cotiere-jeux": "Illustrated games table, seen from above",
    "lieu-clermont-numerique": "Illustrated digital workshop",
    "lieu-boussole-expo": "Illustrated mosaic on an easel",
    "lieu-le-mans-table": "Illustrated shared table",
    "lieu-laval-sante": "Illustrated figures gathered for a workshop",
    "lieu-partageurs-mosaique": "Illustrated mosaic in progress",
    "lieu-habitat-fenetres": "Illustrated windows of a lived-in building",
    "lieu-fil-bureaux": "Illustrated workbench and large window",
    "lieu-brunoy-bricolage": "Illustrated DIY workbench",
}

LYON_KITCHEN = Picture(
    image="lieu-lyon-cuisine",
    alt=T(
        "Illustration d'une cuisine où mijote une grande marmite",
        "Illustration of a kitchen with a large pot simmering",
    ),
    caption=T(
        "La cuisine du bistrot, où bénévoles et convives préparent le repas",
        "The bistro's kitchen, where volunteers and guests cook the meal",
    ),
)
COTIERE_GAMES = Picture(
    image="lieu-cotiere-jeux",
    alt=T(
        "Illustration d'une table vue de dessus, entourée de chaises",
        "Illustration of a table seen from above, surrounded by chairs",
    ),
    caption=T(
        "La grande table des jeux de société et du soutien scolaire",
        "The big table for board games and homework help",
    ),
)
CLERMONT_DIGITAL = Picture(
    image="lieu-clermont-numerique",
    alt=T(
        "Illustration de trois écrans sur une longue table, des personnes assises devant",
        "Illustration of three screens on a long table, people sitting in front of them",
    ),
    caption=T(
        "L'atelier numérique : démarches en ligne et premiers pas",
        "The digital workshop: online paperwork and first steps",
    ),
)
BOUSSOLE_EXHIBITION = Picture(
    image="lieu-boussole-expo",
    alt=T(
        "Illustration d'une mosaïque colorée posée sur un chevalet",
        "Illustration of a colourful mosaic on an easel",
    ),
    caption=T(
        "Les habitants exposent ce qu'ils ont créé aux ateliers",
        "Local people show what they made in the workshops",
    ),
)
LE_MANS_TABLE = Picture(
    image="lieu-le-mans-table",
    alt=T(
        "Illustration d'une table d'hôtes dressée, vue de dessus",
        "Illustration of a laid shared table, seen from above",
    ),
    caption=T("Le repas du soir, après le repair café", "The evening meal, after the repair café"),
)
LAVAL_HEALTH = Picture(
    image="lieu-laval-sante",
    alt=T(
        "Illustration de six silhouettes côte à côte",
        "Illustration of six figures side by side",
    ),
    caption=T(
        "Un atelier santé et bien-être, ouvert à toutes et tous",
        "A health and well-being workshop, open to all",
    ),
)
PARTAGEURS_MOSAIC = Picture(
    image="lieu-partageurs-mosaique",
    alt=T(
        "Illustration d'une mosaïque en cours sur un chevalet, des tesselles sur la table",
        "Illustration of a mosaic in progress on an easel, tiles on the table",
    ),
    caption=T(
        "L'atelier mosaïque, animé par une association du quartier",
        "The mosaic workshop, led by a neighbourhood group",
    ),
)
HABITAT_WINDOWS = Picture(
    image="lieu-habitat-fenetres",
    alt=T(
        "Illustration d'une façade aux fenêtres arrondies, certaines éclairées",
        "Illustration of a façade with arched windows, some of them lit",
    ),
    caption=T(
        "Chaque colocataire a son chez-soi, la salle commune est en bas",
        "Each tenant has a home of their own; the shared room is downstairs",
    ),
)
FIL_OFFICES = Picture(
    image="lieu-fil-bureaux",
    alt=T(
        "Illustration d'un établi sous une grande fenêtre ronde",
        "Illustration of a workbench under a large round window",
    ),
    caption=T(
        "Bureaux et atelier d'artistes partagés sous le même toit",
        "Offices and an artists' studio shared under one roof",
    ),
)
BRUNOY_DIY = Picture(
    image="lieu-brunoy-bricolage",
    alt=T(
        "Illustration d'un panneau d'outils au-dessus d'un établi, une roue de vélo posée",
        "Illustration of a tool board above a workbench, with a bicycle wheel",
    ),
    caption=T(
        "L'espace bricolage, où l'on répare plutôt que jeter",
        "The DIY corner, where things get mended rather than thrown away",
    ),
)
