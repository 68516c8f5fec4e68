"""The lieux index and the vocabularies its lieux are filtered by."""

from home.demo.content import T, same

from . import Term

ACTIVITIES = (
    Term("table-d-hotes", T("Table d'hôtes à 2 €", "€2 shared table")),
    Term("repair-cafe", same("Repair café")),
    Term("ateliers-numeriques", T("Ateliers numériques", "Digital skills workshops")),
    Term("ateliers-cuisine", T("Ateliers cuisine", "Cooking workshops")),
    Term("jeux-de-societe", T("Jeux de société", "Board games")),
    Term("expositions", T("Expositions", "Exhibitions")),
    Term("accompagnement-emploi", T("Accompagnement vers l'emploi", "Job search support")),
    Term("ateliers-sante", T("Ateliers santé et bien-être", "Health and well-being workshops")),
    Term("jardin-partage", T("Jardin partagé", "Shared garden")),
    Term("ateliers-culturels", T("Ateliers culturels", "Cultural workshops")),
    Term("permanences-sociales", T("Permanences sociales", "Social advice drop-ins")),
    Term("coworking", same("Coworking")),
    Term("soutien-scolaire", T("Soutien scolaire", "Homework help")),
    Term("bricolage", T("Atelier bricolage", "DIY workshop")),
)

PUBLICS = (
    Term("habitants-du-quartier", T("Habitants du quartier", "Local residents")),
    Term("personnes-isolees", T("Personnes isolées", "People living in isolation")),
    Term("personnes-en-precarite", T("Personnes en précarité", "People facing hardship")),
    Term("personnes-handicap", T("Personnes en situation de handicap", "People with disabilities")),
    Term("familles", T("Familles", "Families")),
    Term("seniors", T("Seniors", "Older people")),
)

LIEUX_INDEX = {
    "title": T("Les lieux", "Our places"),
    "slug": T("lieux", "places"),
    "intro": T(
        "Des grandes métropoles aux petites villes, chaque tiers-lieu s'adapte à son quartier. "
        "Filtrez par ville ou par activité pour trouver celui qui vous attend.",
        "From large cities to small towns, each third place adapts to its neighbourhood. Filter "
        "by city or activity to find the one waiting for you.",
    ),
    "image": "fenetres",
}
