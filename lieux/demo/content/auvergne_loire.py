"""Clermont-Ferrand and Saint-Chamond: an Escale Solidaire and La Boussole, opened in 2023."""

from datetime import date

from home.demo.content import CallToAction, Paragraph, T, Testimony, same
from lieux.choices import Accessibility, LegalForm, LieuKind, PartnerKind, Region
from lieux.choices import Weekday as D

from . import Lieu, Recurring
from .gallery import BOUSSOLE_EXHIBITION, CLERMONT_DIGITAL
from .shared import FIGURES_DATE, SHARED_TABLE, VOLUNTEER_CTA

CLERMONT = Lieu(
    title=same("Escale Solidaire de Clermont-Ferrand"),
    slug="escale-solidaire-clermont-ferrand",
    kind=LieuKind.ESCALE_SOLIDAIRE,
    intro=T(
        "Sous les façades de pierre noire, une Escale où la table d'hôtes côtoie les ateliers "
        "d'écriture, de théâtre et les après-midi jeux.",
        "Beneath the black stone façades, an Escale where the shared table sits alongside "
        "writing and theatre workshops and games afternoons.",
    ),
    street_address="18 rue du Port",
    postcode="63000",
    city="Clermont-Ferrand",
    region=Region.AUVERGNE_RHONE_ALPES,
    latitude="45.77978",
    longitude="3.08860",
    surface=110,
    opening_date=date(2020, 10, 5),
    opening_hours=(
        (D.MONDAY, "14:00", "18:00"),
        (D.TUESDAY, "18:30", "21:30"),
        (D.WEDNESDAY, "14:00", "18:00"),
        (D.WEDNESDAY, "18:30", "21:30"),
        (D.THURSDAY, "18:30", "21:30"),
        (D.FRIDAY, "10:00", "12:00"),
        (D.FRIDAY, "18:30", "21:30"),
    ),
    opening_hours_note=None,
    founding_idea=(
        T(
            "Ouverte après les confinements, l'Escale de Clermont-Ferrand est partie d'un constat "
            "simple : beaucoup de personnes logées par l'association n'avaient plus d'endroit où "
            "voir du monde. La table d'hôtes a rouvert les portes ; la culture les a gardées "
            "ouvertes.",
            "Opened after the lockdowns, the Clermont-Ferrand Escale started from a simple "
            "observation: many people housed by the association no longer had anywhere to meet "
            "others. The shared table opened the doors again; culture kept them open.",
        ),
    ),
    values=(
        (
            T("Créativité", "Creativity"),
            T(
                "Écrire, jouer, dessiner : chacun a quelque chose à exprimer.",
                "Writing, acting, drawing: everyone has something to express.",
            ),
        ),
        (
            T("Convivialité", "Conviviality"),
            T(
                "Les ateliers finissent toujours autour d'un verre ou d'un repas.",
                "Workshops always end with a drink or a meal together.",
            ),
        ),
    ),
    activities=(
        "table-d-hotes",
        "ateliers-culturels",
        "jeux-de-societe",
        "ateliers-numeriques",
        "permanences-sociales",
    ),
    publics=("habitants-du-quartier", "personnes-isolees", "personnes-en-precarite"),
    recurring=(
        SHARED_TABLE,
        Recurring(
            name=T("Atelier d'écriture", "Writing workshop"),
            schedule=T("Le lundi, 14 h – 16 h", "Mondays, 2–4 pm"),
            price=T("Gratuit", "Free"),
            audience=T("Adultes, sans niveau requis", "Adults, no experience needed"),
            description=T(
                "Des consignes ludiques, des textes lus à voix haute et un recueil publié en fin "
                "d'année.",
                "Playful prompts, texts read aloud and a collection published at the end of the "
                "year.",
            ),
        ),
        Recurring(
            name=T("Après-midi jeux", "Games afternoon"),
            schedule=T("Le mercredi, 14 h – 18 h", "Wednesdays, 2–6 pm"),
            price=T("Prix libre", "Pay what you can"),
            audience=T("Ouvert à tous", "Open to all"),
            description=T(
                "Jeux de société et jeux de cartes, avec un goûter partagé.",
                "Board games and card games, with a shared snack.",
            ),
        ),
    ),
    hosted=(
        (
            "Habitat et Humanisme Auvergne",
            T(
                "porte le lieu et accompagne les personnes logées",
                "runs the place and supports housed residents",
            ),
        ),
        (
            "Compagnie du Seuil",
            T("anime l'atelier théâtre du trimestre", "runs the term's theatre workshop"),
        ),
    ),
    volunteers=28,
    jobs=1,
    figures_date=FIGURES_DATE,
    governance=(
        T(
            "Les décisions courantes reviennent à l'équipe de bénévoles ; un comité réunissant "
            "convives, salariés et partenaires culturels fixe les orientations chaque année.",
            "Day-to-day decisions rest with the volunteer team; a committee of guests, staff and "
            "cultural partners sets the direction every year.",
        ),
    ),
    carrying_structure="Habitat et Humanisme Auvergne",
    legal_form=LegalForm.ASSOCIATION,
    accessibility=Accessibility.PARTIAL,
    accessibility_details=T(
        "Une marche à l'entrée, rampe amovible sur demande ; toilettes adaptées.",
        "One step at the entrance, removable ramp on request; accessible toilets.",
    ),
    partners=(
        ("fondation-lien", PartnerKind.FUNDER),
        ("cuisine-partagee", PartnerKind.PARTNER),
    ),
    volunteer_call=T(
        "L'atelier d'écriture cherche une deuxième personne pour co-animer les séances du lundi.",
        "The writing workshop is looking for a second person to co-lead the Monday sessions.",
    ),
    email="escale-clermont@tiers-lieux-solidaires.example",
    phone="04 65 71 00 04",
    image="lieu-clermont",
    body=(
        Paragraph(
            (
                T(
                    "Chaque année, les textes de l'atelier d'écriture sont réunis dans un petit "
                    "recueil lu en public lors d'une soirée à la table d'hôtes. Pour beaucoup "
                    "d'auteurs, c'est la première fois qu'ils prennent la parole devant une "
                    "salle.",
                    "Every year the writing workshop's texts are gathered in a small collection "
                    "read aloud at an evening at the shared table. For many authors it is the "
                    "first time they have spoken in front of an audience.",
                ),
            )
        ),
        Testimony(
            quote=T(
                "J'écrivais seul dans ma chambre. Ici, on m'a lu, on m'a applaudi.",
                "I used to write alone in my room. Here, people read my words and applauded.",
            ),
            author=same("Thierry"),
            role=T("participant à l'atelier d'écriture", "writing workshop participant"),
        ),
        CLERMONT_DIGITAL,
        VOLUNTEER_CTA,
    ),
)

BOUSSOLE = Lieu(
    title=same("La Boussole"),
    slug="la-boussole",
    kind=LieuKind.TIERS_LIEU,
    intro=T(
        "Ouverte en 2023 à Saint-Chamond, La Boussole est un lieu d'accueil chaleureux où l'on "
        "partage un repas, une partie de jeu ou un atelier pour s'orienter.",
        "Opened in 2023 in Saint-Chamond, La Boussole is a warm, welcoming place to share a meal, "
        "a game or a workshop that helps you find your bearings.",
    ),
    street_address="8 rue de la République",
    postcode="42400",
    city="Saint-Chamond",
    region=Region.AUVERGNE_RHONE_ALPES,
    latitude="45.47590",
    longitude="4.51430",
    surface=150,
    opening_date=date(2023, 4, 3),
    opening_hours=(
        (D.MONDAY, "09:30", "12:00"),
        (D.MONDAY, "14:00", "17:00"),
        (D.TUESDAY, "11:30", "14:00"),
        (D.WEDNESDAY, "14:00", "18:00"),
        (D.THURSDAY, "09:30", "12:00"),
        (D.THURSDAY, "11:30", "14:00"),
        (D.FRIDAY, "14:00", "17:00"),
    ),
    opening_hours_note=T("Fermé les jours fériés.", "Closed on public holidays."),
    founding_idea=(
        T(
            "Dans une ville moyenne marquée par la fermeture de ses usines, beaucoup "
            "d'habitants ont perdu à la fois leur travail et leurs lieux de rencontre. La "
            "Boussole veut être un point de repère : on y vient sans motif, et l'on y trouve "
            "souvent une direction.",
            "In a mid-sized town marked by the closure of its factories, many residents lost both "
            "their jobs and their meeting places. La Boussole wants to be a landmark: people come "
            "without needing a reason, and often find a direction.",
        ),
        T(
            "Les ateliers thématiques portent sur trois besoins exprimés par les habitants : le "
            "numérique, l'emploi et la santé.",
            "Themed workshops cover three needs voiced by residents: digital skills, employment "
            "and health.",
        ),
    ),
    values=(
        (
            T("Accueil inconditionnel", "Unconditional welcome"),
            T(
                "Aucune inscription n'est demandée pour entrer, boire un café ou jouer.",
                "No registration is needed to come in, have a coffee or play.",
            ),
        ),
        (
            T("Participation", "Participation"),
            T(
                "Les habitants choisissent les thèmes des ateliers et des expositions.",
                "Residents choose the themes of the workshops and exhibitions.",
            ),
        ),
        (
            T("Ouverture", "Openness"),
            T(
                "Le lieu s'ouvre sur le quartier avec des expositions d'artistes locaux.",
                "The place opens onto the neighbourhood with exhibitions by local artists.",
            ),
        ),
    ),
    activities=(
        "table-d-hotes",
        "ateliers-numeriques",
        "accompagnement-emploi",
        "ateliers-sante",
        "jeux-de-societe",
        "expositions",
    ),
    publics=("habitants-du-quartier", "personnes-isolees", "personnes-en-precarite", "familles"),
    recurring=(
        Recurring(
            name=T("Repas partagé", "Shared lunch"),
            schedule=T("Mardi et jeudi, 12 h – 14 h", "Tuesdays and Thursdays, 12–2 pm"),
            price=same("2 €"),
            audience=T("Ouvert à tous", "Open to all"),
            description=T(
                "Un déjeuner préparé le matin même par les participants de l'atelier cuisine.",
                "A lunch cooked that morning by the participants of the cooking workshop.",
            ),
        ),
        Recurring(
            name=T("Atelier emploi", "Employment workshop"),
            schedule=T("Le lundi, 9 h 30 – 12 h", "Mondays, 9:30 am – 12 pm"),
            price=T("Gratuit", "Free"),
            audience=T("Personnes en recherche d'emploi", "Job seekers"),
            description=T(
                "Préparer un entretien, comprendre une offre, découvrir les métiers qui "
                "recrutent autour de Saint-Chamond.",
                "Preparing for an interview, understanding a job advert, discovering the trades "
                "that are hiring around Saint-Chamond.",
            ),
        ),
        Recurring(
            name=T("Atelier santé", "Health workshop"),
            schedule=T("Un vendredi sur deux, 14 h – 16 h", "Every other Friday, 2–4 pm"),
            price=T("Gratuit", "Free"),
            audience=T("Ouvert à tous", "Open to all"),
            description=T(
                "Alimentation, sommeil, accès aux soins : un thème par séance.",
                "Food, sleep, access to care: one theme per session.",
            ),
        ),
    ),
    hosted=(
        (
            "Habitat et Humanisme Loire",
            T(
                "porte le lieu et coordonne les bénévoles",
                "runs the place and coordinates volunteers",
            ),
        ),
        (
            "Maison du Numérique Libre",
            T("anime les ateliers numériques", "runs the digital skills workshops"),
        ),
        (
            "Collectif Gier en couleurs",
            T(
                "organise les expositions d'artistes locaux",
                "organises exhibitions by local artists",
            ),
        ),
    ),
    volunteers=22,
    jobs=2,
    figures_date=FIGURES_DATE,
    governance=(
        T(
            "Un collectif d'habitants, de bénévoles et de salariés se réunit chaque mois pour "
            "choisir les ateliers et les expositions. Les grandes décisions sont prises avec "
            "l'association porteuse.",
            "A group of residents, volunteers and staff meets every month to choose workshops and "
            "exhibitions. Major decisions are taken with the organisation that runs the place.",
        ),
    ),
    carrying_structure="Habitat et Humanisme Loire",
    legal_form=LegalForm.ASSOCIATION,
    accessibility=Accessibility.ACCESSIBLE,
    accessibility_details=T(
        "Local en rez-de-chaussée sans marche, toilettes adaptées, chaises avec accoudoirs.",
        "Ground-floor premises with no steps, accessible toilets, chairs with armrests.",
    ),
    partners=(
        ("caisse-entraide", PartnerKind.FUNDER),
        ("maison-numerique", PartnerKind.PARTNER),
        ("cooperative-communs", PartnerKind.PARTNER),
    ),
    volunteer_call=T(
        "Nous recherchons des bénévoles pour l'accueil du lundi matin et pour accrocher les "
        "expositions.",
        "We are looking for volunteers to welcome visitors on Monday mornings and to hang "
        "exhibitions.",
    ),
    email="la-boussole@tiers-lieux-solidaires.example",
    phone="04 65 71 00 06",
    image="lieu-boussole",
    body=(
        Paragraph(
            (
                T(
                    "Un mur entier de La Boussole est réservé aux expositions. Photographes "
                    "amateurs, peintres du quartier et ateliers d'enfants s'y succèdent tous les "
                    "deux mois, et chaque vernissage attire des voisins qui n'étaient jamais "
                    "entrés.",
                    "A whole wall of La Boussole is kept for exhibitions. Amateur photographers, "
                    "local painters and children's workshops take turns every two months, and "
                    "each opening brings in neighbours who had never been inside.",
                ),
            )
        ),
        Testimony(
            quote=T(
                "Je suis entré pour le café, je suis resté pour les gens. Et j'ai retrouvé du "
                "travail grâce à l'atelier du lundi.",
                "I came in for the coffee and stayed for the people. And I found work thanks to "
                "the Monday workshop.",
            ),
            author=same("Jordan"),
            role=T("habitant du quartier", "local resident"),
        ),
        BOUSSOLE_EXHIBITION,
        CallToAction(
            title=T("Exposer à La Boussole", "Exhibit at La Boussole"),
            text=T(
                "Vous créez près de Saint-Chamond ? Le mur d'exposition est ouvert aux habitants.",
                "Do you make art near Saint-Chamond? The exhibition wall is open to residents.",
            ),
            button=T("Nous soutenir", "Support us"),
            page="nous-soutenir",
        ),
    ),
)
