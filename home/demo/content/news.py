"""News articles, each about one lieu, signed by the communication team."""

from datetime import date

from . import Article, CallToAction, Paragraph, T, Testimony, same
from .shared import GARDEN_PICTURE, TABLE_PICTURE, WORKSHOP_PICTURE

AUTHOR = T("L'équipe communication", "The communications team")

ARTICLES = (
    Article(
        title=T("La table d'hôtes à 2 € fait sa rentrée", "The €2 shared table is back"),
        slug=T("table-hotes-rentree", "shared-table-back"),
        date=date(2024, 9, 10),
        intro=T(
            "Après la pause d'août, l'Escale Solidaire du 3e a rallumé ses fourneaux avec un "
            "menu choisi par les convives.",
            "After the August break, the Escale Solidaire du 3e fired up its stoves again with a "
            "menu chosen by the guests.",
        ),
        lieu="escale-solidaire-lyon-3e",
        image="article-rentree",
        body=(
            Paragraph(
                (
                    T(
                        "Pour la première soirée, une trentaine de personnes ont partagé un "
                        "couscous préparé par quatre convives et deux bénévoles. Le tarif ne "
                        "change pas : 2 € le repas, comme depuis l'origine.",
                        "For the first evening, some thirty people shared a couscous cooked by "
                        "four guests and two volunteers. The price does not change: €2 a meal, "
                        "as it always has been.",
                    ),
                )
            ),
            TABLE_PICTURE,
        ),
    ),
    Article(
        title=T("Un repair café tous les quinze jours", "A repair café every fortnight"),
        slug=T("repair-cafe-au-fil-de-soi", "repair-cafe-every-fortnight"),
        date=date(2024, 11, 16),
        intro=T(
            "Au fil de soi ouvre ses ateliers un samedi sur deux pour réparer ensemble plutôt "
            "que jeter.",
            "Au fil de soi opens its workshops every other Saturday to repair things together "
            "instead of throwing them away.",
        ),
        lieu="au-fil-de-soi",
        image="article-repair",
        body=(
            Paragraph(
                (
                    T(
                        "Lampes, grille-pain, pantalons décousus : lors de la première séance, "
                        "vingt-deux objets sur trente sont repartis réparés. Les bénévoles "
                        "expliquent chaque geste pour que chacun puisse le refaire chez soi.",
                        "Lamps, toasters, split trousers: at the first session, twenty-two items "
                        "out of thirty went home repaired. Volunteers explain each step so that "
                        "everyone can do it again at home.",
                    ),
                )
            ),
            WORKSHOP_PICTURE,
        ),
    ),
    Article(
        title=T("Les Partageurs soufflent trois bougies", "Les Partageurs turn three"),
        slug=T("partageurs-trois-ans", "les-partageurs-turn-three"),
        date=date(2025, 2, 21),
        intro=T(
            "Trois ans après son inauguration, le tiers-lieu de Lille-Moulins a fêté son "
            "anniversaire avec ses locataires, ses voisins et les associations qui l'animent.",
            "Three years after it opened, the Lille-Moulins third place celebrated its birthday "
            "with its tenants, neighbours and the groups that run its activities.",
        ),
        lieu="les-partageurs",
        image="article-anniversaire",
        body=(
            Paragraph(
                (
                    T(
                        "Au programme : une mosaïque collective posée sur la façade, une lecture "
                        "de textes de l'atelier d'écriture et un goûter préparé par l'atelier "
                        "cuisine.",
                        "On the programme: a group mosaic set on the façade, a reading of texts "
                        "from the writing workshop and a snack made by the cooking workshop.",
                    ),
                )
            ),
            Testimony(
                quote=T(
                    "Trois ans, c'est le temps qu'il a fallu pour que tout le quartier sache où "
                    "nous trouver.",
                    "Three years is how long it took for the whole neighbourhood to know where to "
                    "find us.",
                ),
                author=same("Inès"),
                role=T("bénévole", "volunteer"),
            ),
        ),
    ),
    Article(
        title=T("La Boussole lance un cycle numérique", "La Boussole launches a digital series"),
        slug=T("boussole-cycle-numerique", "boussole-digital-series"),
        date=date(2025, 3, 18),
        intro=T(
            "Six séances pour apprivoiser son téléphone, ses comptes en ligne et ses démarches "
            "administratives.",
            "Six sessions to get to grips with your phone, online accounts and official paperwork.",
        ),
        lieu="la-boussole",
        image="article-numerique",
        body=(
            Paragraph(
                (
                    T(
                        "Le cycle est gratuit et limité à huit personnes pour laisser le temps "
                        "à chacun. Les participants repartent avec un carnet de repères qu'ils "
                        "ont rempli eux-mêmes.",
                        "The series is free and limited to eight people so everyone has time. "
                        "Participants leave with a guide notebook they filled in themselves.",
                    ),
                )
            ),
            CallToAction(
                title=T("Découvrir La Boussole", "Discover La Boussole"),
                text=T(
                    "Horaires, ateliers et accès du lieu de Saint-Chamond.",
                    "Opening hours, workshops and directions for the Saint-Chamond place.",
                ),
                button=T("Voir le lieu", "See the place"),
                page="la-boussole",
            ),
        ),
    ),
    Article(
        title=T(
            "Premières récoltes au jardin de la Côtière", "First harvest in the Côtière garden"
        ),
        slug=T("recoltes-jardin-cotiere", "first-harvest-cotiere-garden"),
        date=date(2025, 7, 4),
        intro=T(
            "Tomates, courgettes et aromatiques : le jardin partagé de l'Escale a nourri sa "
            "première table d'été.",
            "Tomatoes, courgettes and herbs: the Escale's shared garden supplied its first "
            "summer meal.",
        ),
        lieu="escale-solidaire-cotiere",
        image="article-jardin",
        body=(
            Paragraph(
                (
                    T(
                        "Les familles qui entretiennent les carrés potagers ont choisi de "
                        "consacrer la première récolte à un repas partagé, ouvert à tous les "
                        "habitants de la commune.",
                        "The families who tend the vegetable beds chose to devote the first "
                        "harvest to a shared meal, open to every resident of the town.",
                    ),
                )
            ),
            GARDEN_PICTURE,
        ),
    ),
    Article(
        title=T("Un atelier bricolage à la Maison du Coin", "A DIY workshop at La Maison du Coin"),
        slug=T("maison-du-coin-bricolage", "maison-du-coin-diy-workshop"),
        date=date(2025, 10, 11),
        intro=T(
            "Chaque samedi matin, outils partagés et conseils de voisins pour les petites "
            "réparations du quotidien.",
            "Every Saturday morning, shared tools and neighbourly advice for small everyday "
            "repairs.",
        ),
        lieu="maison-du-coin",
        image="article-bricolage",
        body=(
            Paragraph(
                (
                    T(
                        "L'atelier prête perceuses, scies et serre-joints, et propose chaque "
                        "mois une séance thématique : changer un joint, fixer une étagère, "
                        "réparer une chaise.",
                        "The workshop lends drills, saws and clamps, and holds a themed session "
                        "every month: replacing a seal, putting up a shelf, mending a chair.",
                    ),
                )
            ),
            WORKSHOP_PICTURE,
        ),
    ),
    Article(
        title=T(
            "Une exposition de quartier à l'Escale du Mans", "A neighbourhood exhibition in Le Mans"
        ),
        slug=T("exposition-escale-le-mans", "exhibition-escale-le-mans"),
        date=date(2026, 3, 6),
        intro=T(
            "Photographies et objets réparés racontent cinq ans de vie de l'Escale Solidaire du "
            "Mans.",
            "Photographs and repaired objects tell five years of life at the Escale Solidaire "
            "in Le Mans.",
        ),
        lieu="escale-solidaire-le-mans",
        image="article-exposition",
        body=(
            Paragraph(
                (
                    T(
                        "Les convives ont choisi eux-mêmes les images exposées et écrit les "
                        "légendes. L'exposition reste visible aux heures d'ouverture jusqu'à "
                        "la fin du printemps.",
                        "Guests chose the pictures on show and wrote the captions themselves. "
                        "The exhibition can be seen during opening hours until the end of "
                        "spring.",
                    ),
                )
            ),
            TABLE_PICTURE,
        ),
    ),
)
