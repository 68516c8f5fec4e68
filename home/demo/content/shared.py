"""Illustrations several pages share: the table, the workshop and the garden."""

from . import Picture, T

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
