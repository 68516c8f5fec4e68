"""Lille-Moulins: Les Partageurs and the shared home upstairs, both run by Ensemble Autrement."""

from datetime import date

from home.demo.content import CallToAction, Paragraph, T, Testimony, same
from lieux.choices import Accessibility, LegalForm, LieuKind, PartnerKind, Region
from lieux.choices import Weekday as D

from . import Lieu, Recurring
from .gallery import HABITAT_WINDOWS, PARTAGEURS_MOSAIC
from .shared import FIGURES_DATE

ENSEMBLE_AUTREMENT = "Ensemble Autrement"
ENSEMBLE_AUTREMENT_WEBSITE = "https://www.ensembleautrement.fr"

PARTAGEURS = Lieu(
    title=same("Les Partageurs"),
    slug="les-partageurs",
    kind=LieuKind.TIERS_LIEU,
    intro=T(
        "Au rez-de-chaussée d'un habitat partagé de Lille-Moulins, 40 m² où personnes en "
        "situation de handicap, voisins et associations partagent cafés, ateliers et savoirs.",
        "On the ground floor of a shared home in Lille-Moulins, 40 m² where people with "
        "disabilities, neighbours and local groups share coffee, workshops and know-how.",
    ),
    street_address="30 rue de Fontenoy",
    postcode="59000",
    city="Lille",
    region=Region.HAUTS_DE_FRANCE,
    latitude="50.62140",
    longitude="3.06800",
    surface=40,
    opening_date=date(2022, 2, 21),
    opening_hours=(
        (D.MONDAY, "14:00", "17:00"),
        (D.TUESDAY, "09:30", "12:00"),
        (D.TUESDAY, "14:00", "17:00"),
        (D.WEDNESDAY, "14:00", "18:00"),
        (D.THURSDAY, "09:30", "12:00"),
        (D.FRIDAY, "09:30", "12:00"),
        (D.FRIDAY, "14:00", "16:00"),
    ),
    opening_hours_note=T(
        "Le programme de la semaine est affiché sur la vitrine.",
        "The week's programme is posted in the shop window.",
    ),
    founding_idea=(
        T(
            "L'association qui porte le lieu gère six habitats partagés et accompagnés. Sous "
            "l'un d'eux, à Moulins, un ancien commerce attendait une nouvelle vie : plutôt que "
            "d'en faire un logement de plus, l'association a choisi d'en faire un espace ouvert "
            "sur la rue.",
            "The organisation behind the place runs six shared, supported homes. Beneath one of "
            "them, in Moulins, a former shop was waiting for a new life: rather than turn it into "
            "one more flat, the organisation chose to open it to the street.",
        ),
        T(
            "Avant l'ouverture, les partenaires du quartier ont été interrogés sur leurs publics "
            "et leurs besoins. Quatre priorités en sont sorties :",
            "Before it opened, neighbourhood partners were asked about the people they support "
            "and their needs. Four priorities came out of it:",
        ),
        [
            T("le lien social ;", "social ties;"),
            T("l'habitat et le maintien à domicile ;", "housing and staying at home;"),
            T("l'accès à l'emploi ;", "access to employment;"),
            T("la lutte contre la rupture numérique.", "tackling the digital divide."),
        ],
        T(
            "Les locataires en situation de handicap psychique ont été associés à chaque étape, "
            "de l'aménagement au choix des activités : le lieu est le leur autant que celui du "
            "quartier.",
            "Tenants with psychosocial disabilities were involved at every step, from the fit-out "
            "to the choice of activities: the place is theirs as much as the neighbourhood's.",
        ),
    ),
    values=(
        (
            T("Entraide", "Mutual aid"),
            T(
                "Chacun apporte ce qu'il sait faire et reçoit ce dont il a besoin.",
                "Everyone brings what they can do and receives what they need.",
            ),
        ),
        (
            T("Solidarité", "Solidarity"),
            T(
                "Les associations du quartier mettent en commun leurs forces.",
                "Local organisations pool their strengths.",
            ),
        ),
        (
            T("Inclusivité", "Inclusiveness"),
            T(
                "Les personnes en situation de handicap sont actrices du lieu, pas seulement "
                "bénéficiaires.",
                "People with disabilities run the place, not just use it.",
            ),
        ),
        (
            T("Convivialité", "Conviviality"),
            T(
                "Un lieu à taille humaine, où l'on prend le temps d'un café.",
                "A small-scale place where people take time for a coffee.",
            ),
        ),
    ),
    activities=(
        "ateliers-numeriques",
        "ateliers-culturels",
        "ateliers-sante",
        "ateliers-cuisine",
        "permanences-sociales",
        "accompagnement-emploi",
    ),
    publics=(
        "personnes-handicap",
        "personnes-isolees",
        "seniors",
        "habitants-du-quartier",
        "personnes-en-precarite",
    ),
    recurring=(
        Recurring(
            name=T("Accueil café", "Coffee welcome"),
            schedule=T(
                "Mardi, jeudi et vendredi, 9 h 30 – 12 h",
                "Tuesday, Thursday and Friday, 9:30 am – 12 pm",
            ),
            price=T("Prix libre", "Pay what you can"),
            audience=T("Ouvert à tous", "Open to all"),
            description=T(
                "La porte d'entrée du lieu : un café, le journal et quelqu'un pour discuter.",
                "The way in: a coffee, the newspaper and someone to chat with.",
            ),
        ),
        Recurring(
            name=T("Atelier mosaïque", "Mosaic workshop"),
            schedule=T("Le mercredi, 14 h – 16 h", "Wednesdays, 2–4 pm"),
            price=T("Gratuit", "Free"),
            audience=T("Adultes, sur inscription", "Adults, booking required"),
            description=T(
                "Des pièces collectives qui décorent peu à peu la façade et l'entrée.",
                "Group pieces that are gradually decorating the façade and entrance.",
            ),
        ),
        Recurring(
            name=T("Relaxation", "Relaxation"),
            schedule=T("Le lundi, 15 h – 16 h", "Mondays, 3–4 pm"),
            price=T("Gratuit", "Free"),
            audience=T("Ouvert à tous", "Open to all"),
            description=T(
                "Respiration et détente en petit groupe, sur chaise ou sur tapis.",
                "Breathing and relaxation in a small group, on a chair or a mat.",
            ),
        ),
        Recurring(
            name=T("Permanence numérique", "Digital drop-in"),
            schedule=T("Le vendredi, 14 h – 16 h", "Fridays, 2–4 pm"),
            price=T("Gratuit", "Free"),
            audience=T("Sans rendez-vous", "No appointment needed"),
            description=T(
                "Aide aux démarches en ligne et découverte d'outils libres.",
                "Help with online forms and an introduction to free software.",
            ),
        ),
    ),
    hosted=(
        (
            ENSEMBLE_AUTREMENT,
            T("porte le lieu et son pôle habitat", "runs the place and its housing branch"),
        ),
        ("Habitat & TIC", T("anime la permanence numérique", "runs the digital drop-in")),
        ("Atelier Tesselle", T("anime l'atelier mosaïque", "runs the mosaic workshop")),
        (
            "Souffle & Détente",
            T("propose les séances de relaxation", "offers the relaxation sessions"),
        ),
        ("Les Plumes de Moulins", T("anime l'atelier d'écriture", "runs the writing workshop")),
    ),
    volunteers=10,
    jobs=3,
    figures_date=FIGURES_DATE,
    governance=(
        T(
            "La gouvernance est partagée avec les Partageurs eux-mêmes : locataires, habitants "
            "et associations participent au comité qui choisit les activités et organise le "
            "lieu.",
            "Governance is shared with the Partageurs themselves: tenants, residents and local "
            "groups sit on the committee that chooses the activities and organises the place.",
        ),
        T(
            "Cinq structures y tiennent leurs activités : associations, artistes et entreprises "
            "du quartier.",
            "Five organisations run their activities there: local associations, artists and "
            "businesses.",
        ),
    ),
    carrying_structure=ENSEMBLE_AUTREMENT,
    legal_form=LegalForm.ASSOCIATION,
    accessibility=Accessibility.ACCESSIBLE,
    accessibility_details=T(
        "Ancien commerce de plain-pied, porte large ; consignes des ateliers en facile à lire et "
        "à comprendre.",
        "Former step-free shop with a wide door; workshop instructions in easy-read format.",
    ),
    partners=(
        ("fondation-lien", PartnerKind.FUNDER),
        ("caisse-entraide", PartnerKind.FUNDER),
        ("maison-numerique", PartnerKind.PARTNER),
    ),
    volunteer_call=T(
        "Nous cherchons des habitants du quartier pour tenir l'accueil café un matin par "
        "semaine et des bénévoles pour l'atelier cuisine.",
        "We are looking for local residents to host the coffee welcome one morning a week and "
        "volunteers for the cooking workshop.",
    ),
    email="les-partageurs@tiers-lieux-solidaires.example",
    phone="03 53 01 00 01",
    website=ENSEMBLE_AUTREMENT_WEBSITE,
    image="lieu-partageurs",
    body=(
        Paragraph(
            (
                T(
                    "Le local est petit, alors tout se partage : la grande table sert à la "
                    "mosaïque le mercredi, au repas le jeudi et aux permanences le vendredi. "
                    "Cette contrainte est devenue une force : on y croise toujours quelqu'un "
                    "qu'on ne connaissait pas.",
                    "The room is small, so everything is shared: the big table is used for "
                    "mosaics on Wednesdays, lunch on Thursdays and drop-ins on Fridays. That "
                    "constraint has become a strength: you always meet someone new.",
                ),
            )
        ),
        Testimony(
            quote=T(
                "On a choisi la couleur des murs et le nom du lieu. Ici, on n'est pas des "
                "usagers, on est des Partageurs.",
                "We chose the colour of the walls and the name of the place. Here we are not "
                "service users, we are Partageurs.",
            ),
            author=same("Sébastien"),
            role=T("locataire de l'habitat partagé", "tenant of the shared home"),
        ),
        PARTAGEURS_MOSAIC,
        CallToAction(
            title=T("Découvrir l'habitat partagé", "Discover the shared home"),
            text=T(
                "Les Partageurs sont nés sous un habitat partagé et accompagné.",
                "Les Partageurs began beneath a shared, supported home.",
            ),
            button=T("Voir l'habitat", "See the home"),
            page="habitat-partage-lille-moulins",
        ),
    ),
)

HABITAT_MOULINS = Lieu(
    title=same("Habitat partagé de Lille-Moulins"),
    slug="habitat-partage-lille-moulins",
    kind=LieuKind.HABITAT_PARTAGE,
    intro=T(
        "Au-dessus des Partageurs, un habitat partagé et accompagné où des personnes en "
        "situation de handicap psychique vivent chez elles, ensemble.",
        "Above Les Partageurs, a shared, supported home where people with psychosocial "
        "disabilities live in their own homes, together.",
    ),
    street_address="30 rue de Fontenoy",
    postcode="59000",
    city="Lille",
    region=Region.HAUTS_DE_FRANCE,
    latitude="50.62145",
    longitude="3.06805",
    surface=180,
    opening_date=date(2019, 9, 2),
    opening_hours=(
        (D.TUESDAY, "10:00", "12:00"),
        (D.THURSDAY, "14:00", "17:00"),
    ),
    opening_hours_note=T(
        "Lieu de vie : les horaires indiqués sont ceux de la permanence, visites sur rendez-vous.",
        "This is a home: the hours shown are for the drop-in, visits by appointment.",
    ),
    founding_idea=(
        T(
            "Vivre chez soi sans vivre seul : c'est la promesse de cet habitat. Chaque locataire "
            "a son logement et son bail, et partage avec les autres une salle commune, des repas "
            "et un accompagnement sur mesure.",
            "Living at home without living alone: that is the promise of this home. Each tenant "
            "has their own flat and lease, and shares a common room, meals and tailored support "
            "with the others.",
        ),
    ),
    values=(
        (
            T("Chez-soi", "A home of one's own"),
            T(
                "Chaque locataire décide de son quotidien.",
                "Each tenant decides how to live day to day.",
            ),
        ),
        (
            T("Entraide", "Mutual aid"),
            T(
                "Les colocataires se soutiennent entre eux, avec l'appui d'une coordinatrice.",
                "Housemates support one another, backed by a coordinator.",
            ),
        ),
    ),
    activities=("ateliers-cuisine", "permanences-sociales"),
    publics=("personnes-handicap", "personnes-isolees"),
    recurring=(
        Recurring(
            name=T("Repas des habitants", "Residents' dinner"),
            schedule=T("Le jeudi, 19 h", "Thursdays, 7 pm"),
            price=T("Participation aux courses", "Share of the shopping"),
            audience=T("Locataires et invités", "Tenants and guests"),
            description=T(
                "Un repas préparé à tour de rôle dans la salle commune.",
                "A dinner cooked in turn in the common room.",
            ),
        ),
    ),
    hosted=(
        (
            ENSEMBLE_AUTREMENT,
            T("gère l'habitat et l'accompagnement", "manages the home and the support"),
        ),
    ),
    volunteers=4,
    jobs=1,
    figures_date=FIGURES_DATE,
    governance=(
        T(
            "Un conseil des habitants se réunit chaque mois avec la coordinatrice pour organiser "
            "la vie commune.",
            "A residents' council meets monthly with the coordinator to organise shared life.",
        ),
    ),
    carrying_structure=ENSEMBLE_AUTREMENT,
    legal_form=LegalForm.ASSOCIATION,
    accessibility=Accessibility.PARTIAL,
    accessibility_details=T(
        "Salle commune de plain-pied ; logements à l'étage desservis par un escalier.",
        "Step-free common room; flats upstairs reached by stairs.",
    ),
    partners=(("caisse-entraide", PartnerKind.FUNDER),),
    volunteer_call=T(
        "Les habitants aimeraient des bénévoles pour partager un repas du jeudi de temps en temps.",
        "The residents would welcome volunteers to share a Thursday dinner now and then.",
    ),
    email="habitat-moulins@tiers-lieux-solidaires.example",
    website=ENSEMBLE_AUTREMENT_WEBSITE,
    image="lieu-habitat",
    body=(
        Paragraph(
            (
                T(
                    "L'habitat n'est pas un établissement : les locataires y vivent comme "
                    "n'importe quel voisin, et descendent aux Partageurs quand ils en ont envie.",
                    "The home is not an institution: tenants live there like any other "
                    "neighbours, and pop down to Les Partageurs whenever they like.",
                ),
            )
        ),
        HABITAT_WINDOWS,
        CallToAction(
            title=T("Passer aux Partageurs", "Drop in at Les Partageurs"),
            text=T(
                "Le tiers-lieu du rez-de-chaussée est ouvert à tous.",
                "The ground-floor third place is open to everyone.",
            ),
            button=T("Voir les Partageurs", "See Les Partageurs"),
            page="les-partageurs",
        ),
    ),
)
