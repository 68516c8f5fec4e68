from django.db import models
from django.utils.translation import gettext_lazy as _


class LieuKind(models.TextChoices):
    ESCALE_SOLIDAIRE = "escale-solidaire", _("Escale Solidaire")
    TIERS_LIEU = "tiers-lieu", _("Solidarity third place")
    HABITAT_PARTAGE = "habitat-partage", _("Shared housing")
    PENSION_DE_FAMILLE = "pension-de-famille", _("Family boarding house")


class Region(models.TextChoices):
    AUVERGNE_RHONE_ALPES = "auvergne-rhone-alpes", "Auvergne-Rhône-Alpes"
    BOURGOGNE_FRANCHE_COMTE = "bourgogne-franche-comte", "Bourgogne-Franche-Comté"
    BRETAGNE = "bretagne", "Bretagne"
    CENTRE_VAL_DE_LOIRE = "centre-val-de-loire", "Centre-Val de Loire"
    CORSE = "corse", "Corse"
    GRAND_EST = "grand-est", "Grand Est"
    HAUTS_DE_FRANCE = "hauts-de-france", "Hauts-de-France"
    ILE_DE_FRANCE = "ile-de-france", "Île-de-France"
    NORMANDIE = "normandie", "Normandie"
    NOUVELLE_AQUITAINE = "nouvelle-aquitaine", "Nouvelle-Aquitaine"
    OCCITANIE = "occitanie", "Occitanie"
    PAYS_DE_LA_LOIRE = "pays-de-la-loire", "Pays de la Loire"
    PROVENCE_ALPES_COTE_D_AZUR = "provence-alpes-cote-d-azur", "Provence-Alpes-Côte d'Azur"
    GUADELOUPE = "guadeloupe", "Guadeloupe"
    GUYANE = "guyane", "Guyane"
    LA_REUNION = "la-reunion", "La Réunion"
    MARTINIQUE = "martinique", "Martinique"
    MAYOTTE = "mayotte", "Mayotte"


class LegalForm(models.TextChoices):
    ASSOCIATION = "association", _("Association (loi 1901)")
    FONDATION = "fondation", _("Foundation")
    SCIC = "scic", _("Cooperative society of collective interest (SCIC)")
    SCOP = "scop", _("Worker cooperative (SCOP)")
    ESUS = "esus", _("Solidarity company (ESUS)")
    PUBLIC = "public", _("Local authority or public body")
    OTHER = "other", _("Other")


class Weekday(models.IntegerChoices):
    MONDAY = 1, _("Monday")
    TUESDAY = 2, _("Tuesday")
    WEDNESDAY = 3, _("Wednesday")
    THURSDAY = 4, _("Thursday")
    FRIDAY = 5, _("Friday")
    SATURDAY = 6, _("Saturday")
    SUNDAY = 7, _("Sunday")

    @property
    def schema_name(self) -> str:
        return self.name.capitalize()


class Accessibility(models.TextChoices):
    ACCESSIBLE = "accessible", _("Wheelchair accessible")
    PARTIAL = "partial", _("Partly accessible")
    NOT_ACCESSIBLE = "not-accessible", _("Not wheelchair accessible")


class PartnerKind(models.TextChoices):
    PARTNER = "partner", _("Partner")
    FUNDER = "funder", _("Funder")
