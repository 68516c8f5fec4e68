"""The two CERFA forms a tax receipt follows (n° 11580*05 for individuals, n° 16216*01 for
companies): the receipt kinds, the options ticked on the form and the printed titles.
"""

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
        # Two lines, broken where the printed title reads best.
        "title": ("Reçu au titre des dons à certains", "organismes d'intérêt général"),
        "subtitle": "articles 200, 238 bis et 978 du code général des impôts",
        "article": "200",
    },
    KIND_COMPANY: {
        "cerfa": "16216*01",
        "title": ("Reçu des dons et versements effectués", "par les entreprises"),
        "subtitle": "au titre de l'article 238 bis du code général des impôts",
        "article": "238 bis",
    },
}
