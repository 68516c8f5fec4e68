"""Pieces several lieux share: the €2 table, the count date and the call for volunteers."""

from datetime import date

from home.demo.content import CallToAction, T, same

from . import Recurring

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

VOLUNTEER_CTA = CallToAction(
    title=T("Donner un peu de temps", "Give a little time"),
    text=T(
        "Cuisine, accueil, ateliers : chaque coup de main compte, même ponctuel.",
        "Cooking, welcoming, workshops: every helping hand counts, even an occasional one.",
    ),
    button=T("Nous soutenir", "Support us"),
    page="nous-soutenir",
)
