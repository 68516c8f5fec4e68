"""The two CERFA forms a tax receipt follows: the receipt kinds, the options ticked on the form,
the printed titles and the articles of the code général des impôts (CGI) each one cites.

Checked against the forms in force (December 2026):
- individuals: form 2041-RD, n° 11580*05, published in April 2023: "Reçu des dons et versements
  effectués par les particuliers au titre des articles 200 et 978 du code général des impôts".
  It dropped article 238 bis, which concerns companies only, and requires the beneficiary's
  SIREN or RNA number (https://solidarite-peuple-animal.com/plan-de-relance,lecture,338.html;
  https://votre-expert-des-associations.fr/2023-10-17-recu-fiscal-et-conformite-adaptation-et-mentions-obligatoires).
- companies: form 2041-MEC-SD, n° 16216*02 (first published as *01 in 2022, when the 5 bis of
  article 238 bis made a receipt compulsory for companies): "Reçu des dons et versements
  effectués par les entreprises au titre de l'article 238 bis du code général des impôts",
  naming the company by its denomination, legal form and SIREN
  (https://www.votre-expert-des-associations.fr/?p=5638;
  https://m.compta-online.com/attestation-organisme-beneficiaire-dons-entreprises-ar6255).
- a receipt may print only the "qualité" box that concerns the beneficiary (BOI-IR-RICI-250-40,
  as quoted by the 2023-10-17 page above); each kind cites its own article for it.
"""

import re

KIND_INDIVIDUAL = "individual"
KIND_COMPANY = "company"

FORM_CHOICES = (
    "Acte authentique",
    "Acte sous seing privé",
    "Déclaration de don manuel",
    "Autres",
)
NATURE_CHOICES = ("Numéraire", "Titres de sociétés cotés", "Autres")
METHOD_CHOICES = ("Remise d'espèces", "Chèque", "Virement, prélèvement, carte bancaire")
CASH_NATURE = "Numéraire"

FORMS = {
    KIND_INDIVIDUAL: {
        "cerfa": "11580*05",
        "form": "2041-RD",
        # Two lines, broken where the printed title reads best.
        "title": ("Reçu des dons et versements", "effectués par les particuliers"),
        "subtitle": "au titre des articles 200 et 978 du code général des impôts",
        # An association of general interest opens the income-tax reduction of article 200
        # only: the IFI one (article 978) is for the bodies that article lists.
        "article": "200",
        "acknowledgement": (
            "Le bénéficiaire reconnaît avoir reçu au titre des dons et versements ouvrant droit "
            "à réduction d'impôt, la somme de :"
        ),
        "quality_article": "article 200-1-b du CGI",
        "donor_section": "Donateur",
    },
    KIND_COMPANY: {
        "cerfa": "16216*02",
        "form": "2041-MEC-SD",
        "title": ("Reçu des dons et versements", "effectués par les entreprises"),
        "subtitle": "au titre de l'article 238 bis du code général des impôts",
        "article": "238 bis",
        "acknowledgement": (
            "L'organisme bénéficiaire reconnaît avoir reçu, au titre de la réduction d'impôt "
            "prévue à l'article 238 bis du code général des impôts, des versements pour une "
            "valeur totale égale à :"
        ),
        "quality_article": "article 238 bis-1-a du CGI",
        "donor_section": "Entreprise donatrice",
    },
}

# "Association … (article 200-1-b du CGI)": a reference typed in the settings before each kind
# cited its own, dropped so that a company receipt never cites the individuals' article.
TYPED_ARTICLE = re.compile(r"\s*\((?:[^()]*\bCGI\b[^()]*)\)\s*$")


def quality(status: str, kind: str) -> str:
    """The beneficiary's qualité as the receipt of `kind` prints it, with that form's article."""
    bare = TYPED_ARTICLE.sub("", status.strip())
    return f"{bare} ({FORMS[kind]['quality_article']})"
