"""Le Mans and Laval: the two Escales Solidaires of the Pays de la Loire."""

from datetime import date

from home.demo.content import Paragraph, T, Testimony, same
from lieux.choices import Accessibility, LegalForm, LieuKind, PartnerKind, Region
from lieux.choices import Weekday as D

from . import Lieu, Recurring
from .gallery import LAVAL_HEALTH, LE_MANS_TABLE
from .shared import FIGURES_DATE, SHARED_TABLE, VOLUNTEER_CTA

LE_MANS = Lieu(
    title=same("Escale Solidaire du Mans"),
    slug="escale-solidaire-le-mans",
    kind=LieuKind.ESCALE_SOLIDAIRE,
    intro=T(
        "Au pied de la cité Plantagenêt, une Escale où l'on répare, on cuisine et on cherche du "
        "travail ensemble, avec une table d'hôtes qui ne désemplit pas.",
        "Below the old Plantagenet town, an Escale where people repair things, cook and look for "
        "work together, with a shared table that is never empty.",
    ),
    street_address="14 rue des Maillets",
    postcode="72000",
    city="Le Mans",
    region=Region.PAYS_DE_LA_LOIRE,
    latitude="48.00770",
    longitude="0.19960",
    surface=120,
    opening_date=date(2021, 5, 17),
    opening_hours=(
        (D.TUESDAY, "09:30", "12:00"),
        (D.TUESDAY, "18:30", "21:30"),
        (D.WEDNESDAY, "18:30", "21:30"),
        (D.THURSDAY, "14:00", "17:00"),
        (D.THURSDAY, "18:30", "21:30"),
        (D.FRIDAY, "18:30", "21:30"),
        (D.SATURDAY, "10:00", "13:00"),
    ),
    opening_hours_note=None,
    founding_idea=(
        T(
            "Au Mans, beaucoup de personnes accompagnées vers un logement retrouvaient un toit "
            "mais restaient seules le soir. L'Escale a été imaginée pour prolonger "
            "l'accompagnement par un lieu où l'on revient sans rendez-vous.",
            "In Le Mans, many people helped into housing found a home but stayed alone in the "
            "evenings. The Escale was designed to extend that support with a place people can "
            "come back to without an appointment.",
        ),
        T(
            "Le repair café du samedi et le coup de pouce emploi du mardi sont nés des demandes "
            "des premiers convives.",
            "The Saturday repair café and the Tuesday job boost were born of requests from the "
            "first guests.",
        ),
    ),
    values=(
        (
            T("Hospitalité", "Hospitality"),
            T(
                "Chaque personne qui entre est accueillie par son prénom dès la deuxième visite.",
                "Everyone who comes in is greeted by name from their second visit on.",
            ),
        ),
        (
            T("Entraide", "Mutual aid"),
            T(
                "Ceux qui ont été aidés deviennent souvent ceux qui aident.",
                "Those who were helped often become those who help.",
            ),
        ),
        (
            T("Sobriété", "Thrift"),
            T(
                "On répare, on récupère et on cuisine les invendus du marché.",
                "We repair, reuse and cook the market's unsold produce.",
            ),
        ),
    ),
    activities=(
        "table-d-hotes",
        "repair-cafe",
        "accompagnement-emploi",
        "jeux-de-societe",
        "expositions",
    ),
    publics=("habitants-du-quartier", "personnes-isolees", "personnes-en-precarite"),
    recurring=(
        SHARED_TABLE,
        Recurring(
            name=same("Repair café"),
            schedule=T("Le samedi, 10 h – 13 h", "Saturdays, 10 am – 1 pm"),
            price=T("Prix libre", "Pay what you can"),
            audience=T("Ouvert à tous", "Open to all"),
            description=T(
                "Petit électroménager, vélos et vêtements : on répare ensemble plutôt que de "
                "jeter.",
                "Small appliances, bikes and clothes: we fix them together instead of throwing "
                "them away.",
            ),
        ),
        Recurring(
            name=T("Coup de pouce emploi", "Job boost"),
            schedule=T("Le mardi, 9 h 30 – 12 h", "Tuesdays, 9:30 am – 12 pm"),
            price=T("Gratuit", "Free"),
            audience=T("Sur rendez-vous", "By appointment"),
            description=T(
                "CV, lettres, simulations d'entretien avec des bénévoles issus de l'entreprise.",
                "CVs, cover letters and mock interviews with volunteers from the business world.",
            ),
        ),
    ),
    hosted=(
        (
            "Habitat et Humanisme Sarthe",
            T(
                "porte le lieu et accompagne les personnes logées",
                "runs the place and supports housed residents",
            ),
        ),
        (
            "Atelier Réemploi & Co",
            T("anime le repair café", "runs the repair café"),
        ),
    ),
    volunteers=32,
    jobs=1,
    figures_date=FIGURES_DATE,
    governance=(
        T(
            "Un conseil de lieu, où siègent autant de convives que de bénévoles, valide le "
            "programme et le budget des activités chaque semestre.",
            "A place council, with as many guests as volunteers, approves the programme and the "
            "activity budget every six months.",
        ),
    ),
    carrying_structure="Habitat et Humanisme Sarthe",
    legal_form=LegalForm.ASSOCIATION,
    accessibility=Accessibility.ACCESSIBLE,
    accessibility_details=T(
        "Rampe d'accès, toilettes adaptées et espace calme pour se reposer.",
        "Access ramp, accessible toilets and a quiet room to rest.",
    ),
    partners=(
        ("caisse-entraide", PartnerKind.FUNDER),
        ("atelier-reemploi", PartnerKind.PARTNER),
        ("epicerie-panier", PartnerKind.PARTNER),
    ),
    volunteer_call=T(
        "Le repair café cherche des bricoleurs, en particulier pour la couture et les petits "
        "appareils électriques.",
        "The repair café is looking for handy people, especially for sewing and small electrical "
        "appliances.",
    ),
    email="escale-le-mans@tiers-lieux-solidaires.example",
    phone="02 61 91 00 02",
    image="lieu-le-mans",
    body=(
        Paragraph(
            (
                T(
                    "Le samedi matin, les tables de la salle à manger se couvrent de tournevis "
                    "et de fils à coudre. Les objets réparés repartent avec leur propriétaire, "
                    "qui a souvent appris à faire le geste lui-même.",
                    "On Saturday mornings the dining tables are covered with screwdrivers and "
                    "sewing thread. Repaired items go home with their owners, who have often "
                    "learned to do the job themselves.",
                ),
            )
        ),
        Testimony(
            quote=T(
                "J'ai réparé ma bouilloire et j'ai trouvé un stage. Pas mal pour un samedi.",
                "I fixed my kettle and found a work placement. Not bad for a Saturday.",
            ),
            author=same("Kevin"),
            role=T("participant au repair café", "repair café participant"),
        ),
        LE_MANS_TABLE,
        VOLUNTEER_CTA,
    ),
)

LAVAL = Lieu(
    title=same("Escale Solidaire de Laval"),
    slug="escale-solidaire-laval",
    kind=LieuKind.ESCALE_SOLIDAIRE,
    intro=T(
        "Près des bords de la Mayenne, une Escale attentive à la santé et au numérique, où le "
        "repas partagé ouvre la porte aux ateliers.",
        "Near the banks of the Mayenne, an Escale that cares about health and digital skills, "
        "where the shared meal opens the door to workshops.",
    ),
    street_address="5 rue de la Paix",
    postcode="53000",
    city="Laval",
    region=Region.PAYS_DE_LA_LOIRE,
    latitude="48.07126",
    longitude="-0.76970",
    surface=100,
    opening_date=date(2022, 9, 12),
    opening_hours=(
        (D.MONDAY, "14:00", "17:00"),
        (D.TUESDAY, "18:30", "21:30"),
        (D.WEDNESDAY, "10:00", "12:00"),
        (D.WEDNESDAY, "18:30", "21:30"),
        (D.THURSDAY, "18:30", "21:30"),
        (D.FRIDAY, "18:30", "21:30"),
    ),
    opening_hours_note=T(
        "Horaires réduits pendant les vacances scolaires d'été.",
        "Shorter hours during the summer school holidays.",
    ),
    founding_idea=(
        T(
            "À Laval, les bénévoles avaient remarqué que les convives parlaient souvent, à "
            "table, de rendez-vous médicaux manqués et de démarches en ligne impossibles. "
            "L'Escale a donc mis la santé et le numérique au cœur de son programme.",
            "In Laval, volunteers noticed that guests often talked at the table about missed "
            "medical appointments and online forms they could not manage. So the Escale put "
            "health and digital skills at the heart of its programme.",
        ),
    ),
    values=(
        (
            T("Bienveillance", "Kindness"),
            T(
                "On prend le temps d'écouter avant de proposer une solution.",
                "We take the time to listen before suggesting a solution.",
            ),
        ),
        (
            T("Autonomie", "Independence"),
            T(
                "L'objectif est que chacun puisse faire seul la prochaine fois.",
                "The goal is for everyone to manage on their own next time.",
            ),
        ),
    ),
    activities=(
        "table-d-hotes",
        "ateliers-numeriques",
        "ateliers-sante",
        "ateliers-culturels",
        "permanences-sociales",
    ),
    publics=("personnes-isolees", "personnes-en-precarite", "seniors"),
    recurring=(
        SHARED_TABLE,
        Recurring(
            name=T("Café santé", "Health café"),
            schedule=T("Le mercredi, 10 h – 12 h", "Wednesdays, 10 am – 12 pm"),
            price=T("Gratuit", "Free"),
            audience=T("Ouvert à tous", "Open to all"),
            description=T(
                "Une infirmière bénévole répond aux questions autour d'un café, sans jugement.",
                "A volunteer nurse answers questions over coffee, without judgement.",
            ),
        ),
        Recurring(
            name=T("Atelier numérique", "Digital skills workshop"),
            schedule=T("Le lundi, 14 h – 16 h", "Mondays, 2–4 pm"),
            price=T("Gratuit", "Free"),
            audience=T("Sur inscription", "Booking required"),
            description=T(
                "Prendre en main son téléphone, ses comptes en ligne et la prise de rendez-vous.",
                "Getting to grips with your phone, online accounts and booking appointments.",
            ),
        ),
    ),
    hosted=(
        (
            "Habitat et Humanisme Mayenne",
            T(
                "porte le lieu et accompagne les personnes logées",
                "runs the place and supports housed residents",
            ),
        ),
        (
            "Maison du Numérique Libre",
            T("anime les ateliers numériques", "runs the digital skills workshops"),
        ),
    ),
    volunteers=24,
    jobs=1,
    figures_date=FIGURES_DATE,
    governance=(
        T(
            "L'équipe bénévole et les convives se retrouvent chaque mois en assemblée de lieu ; "
            "les décisions se prennent au consentement.",
            "Volunteers and guests meet every month in a place assembly; decisions are made by "
            "consent.",
        ),
    ),
    carrying_structure="Habitat et Humanisme Mayenne",
    legal_form=LegalForm.ASSOCIATION,
    accessibility=Accessibility.ACCESSIBLE,
    accessibility_details=T(
        "Entrée de plain-pied et toilettes adaptées ; documents disponibles en gros caractères.",
        "Step-free entrance and accessible toilets; documents available in large print.",
    ),
    partners=(
        ("fonds-quartiers", PartnerKind.FUNDER),
        ("maison-numerique", PartnerKind.PARTNER),
    ),
    volunteer_call=T(
        "Nous cherchons des bénévoles à l'aise avec le numérique pour accompagner les "
        "démarches en ligne le lundi.",
        "We are looking for volunteers comfortable with digital tools to help with online forms "
        "on Mondays.",
    ),
    email="escale-laval@tiers-lieux-solidaires.example",
    phone="02 61 91 00 03",
    image="lieu-laval",
    body=(
        Paragraph(
            (
                T(
                    "Le café santé du mercredi est devenu un rendez-vous : on y parle sommeil, "
                    "alimentation ou droits à la complémentaire santé, et l'on repart souvent "
                    "avec un rendez-vous enfin pris.",
                    "The Wednesday health café has become a fixture: people talk about sleep, "
                    "food or health insurance rights, and often leave with an appointment "
                    "finally booked.",
                ),
            )
        ),
        Testimony(
            quote=T(
                "Avant, j'avais peur de l'ordinateur. Maintenant, c'est moi qui aide mon voisin.",
                "I used to be scared of the computer. Now I am the one helping my neighbour.",
            ),
            author=same("Monique"),
            role=T("participante aux ateliers numériques", "digital workshop participant"),
        ),
        LAVAL_HEALTH,
        VOLUNTEER_CTA,
    ),
)
