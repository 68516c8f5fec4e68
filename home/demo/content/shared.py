"""Pieces several lieux share: the €2 table, the count date, illustrations and calls to action."""

from datetime import date

from . import CallToAction, Picture, Recurring, T, same

# The day the volunteers and jobs of every lieu were last counted.
FIGURES_DATE = date(2025, 9, 30)

SHARED_TABLE = Recurring(
    name=T("Table d'hôtes", "Shared table"),
    schedule=T("Du mardi au vendredi, 19 h – 21 h", "Tuesday to Friday, 7–9 pm"),
    price=same("2 €"),
    audience=T("Ouvert à tous", "Open to all"),
    description=T(
        "Bénévoles et convives préparent le repas ensemble l'après-midi, puis tout le monde "
        "passe à table.",
        "Volunteers and guests cook the meal together in the afternoon, then everyone sits down "
        "to eat.",
    ),
)

TABLE_PICTURE = Picture(
    image="table",
    alt=T(
        "Illustration d'une grande table commune vue de dessus, entourée de chaises",
        "Illustration of a large communal table seen from above, surrounded by chairs",
    ),
    caption=T("La table d'hôtes, cœur des lieux", "The shared table, heart of the places"),
)

WORKSHOP_PICTURE = Picture(
    image="atelier",
    alt=T(
        "Illustration d'un établi sous une grande fenêtre, avec des outils et des pots de couleur",
        "Illustration of a workbench under a large window, with tools and paint pots",
    ),
    caption=T("Un atelier ouvert à tous", "A workshop open to all"),
)

GARDEN_PICTURE = Picture(
    image="jardin",
    alt=T(
        "Illustration de carrés potagers et de plantes grimpantes au soleil",
        "Illustration of raised vegetable beds and climbing plants in the sun",
    ),
    caption=T("Le jardin, un autre lieu de rencontre", "The garden, another place to meet"),
)

VOLUNTEER_CTA = CallToAction(
    title=T("Donner un peu de temps", "Give a little time"),
    text=T(
        "Cuisine, accueil, ateliers : chaque coup de main compte, même ponctuel.",
        "Cooking, welcoming, workshops: every helping hand counts, even an occasional one.",
    ),
    button=T("Nous soutenir", "Support us"),
    page="nous-soutenir",
)
