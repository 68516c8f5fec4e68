"""Lyon and the Côtière de l'Ain: the first Escale Solidaire and one of its younger sisters."""

from datetime import date

from home.demo.content import CallToAction, Paragraph, T, Testimony, same
from lieux.choices import Accessibility, LegalForm, LieuKind, PartnerKind, Region
from lieux.choices import Weekday as D

from . import Lieu, Recurring
from .gallery import COTIERE_GAMES, LYON_KITCHEN
from .shared import FIGURES_DATE, SHARED_TABLE, VOLUNTEER_CTA

LYON = Lieu(
    title=same("Escale Solidaire du 3e"),
    slug="escale-solidaire-lyon-3e",
    kind=LieuKind.ESCALE_SOLIDAIRE,
    intro=T(
        "Héritière d'un bistrot de quartier où l'on dîne pour 2 € depuis plus de vingt ans, la "
        "première Escale Solidaire réunit chaque soir voisins, bénévoles et personnes logées.",
        "Heir to a neighbourhood bistro serving €2 dinners for over twenty years, the first "
        "Escale Solidaire brings neighbours, volunteers and housed residents together every "
        "evening.",
    ),
    street_address="47 rue Paul Bert",
    postcode="69003",
    city="Lyon",
    region=Region.AUVERGNE_RHONE_ALPES,
    latitude="45.75961",
    longitude="4.85112",
    surface=140,
    opening_date=date(2018, 3, 1),
    opening_hours=(
        (D.MONDAY, "14:00", "17:30"),
        (D.TUESDAY, "09:30", "12:00"),
        (D.TUESDAY, "18:30", "21:30"),
        (D.WEDNESDAY, "14:00", "17:30"),
        (D.WEDNESDAY, "18:30", "21:30"),
        (D.THURSDAY, "18:30", "21:30"),
        (D.FRIDAY, "18:30", "21:30"),
    ),
    opening_hours_note=T("Fermé deux semaines en août.", "Closed for two weeks in August."),
    founding_idea=(
        T(
            "Tout part d'une table : pendant plus de vingt ans, un petit bistrot associatif du "
            "3e arrondissement a servi quatre soirs par semaine un dîner à 2 €, cuisiné par des "
            "bénévoles avec les convives eux-mêmes.",
            "It all started with a table: for over twenty years, a small community bistro in the "
            "3rd arrondissement served a €2 dinner four evenings a week, cooked by volunteers "
            "together with the guests themselves.",
        ),
        T(
            "En 2018, ce lieu devient la première Escale Solidaire. Au repas s'ajoutent des "
            "ateliers et des permanences, pour que chacun trouve ici de la compagnie, de l'aide "
            "et l'envie de reprendre la main sur son quotidien.",
            "In 2018 it became the first Escale Solidaire. Workshops and drop-ins were added to "
            "the meal, so that everyone finds company, help and the wish to take charge of their "
            "daily life again.",
        ),
    ),
    values=(
        (
            T("Convivialité", "Conviviality"),
            T(
                "On cuisine, on mange et on débarrasse ensemble, sans distinction de rôle.",
                "We cook, eat and clear the table together, whatever our role.",
            ),
        ),
        (
            T("Mixité", "Social mix"),
            T(
                "Habitants du quartier et personnes logées partagent la même table.",
                "Local residents and housed residents share the same table.",
            ),
        ),
        (
            T("Pouvoir d'agir", "Empowerment"),
            T(
                "Les convives proposent les menus et animent eux-mêmes des ateliers.",
                "Guests suggest menus and run workshops themselves.",
            ),
        ),
    ),
    activities=(
        "table-d-hotes",
        "ateliers-cuisine",
        "ateliers-culturels",
        "ateliers-numeriques",
        "accompagnement-emploi",
        "permanences-sociales",
    ),
    publics=("habitants-du-quartier", "personnes-isolees", "personnes-en-precarite", "seniors"),
    recurring=(
        SHARED_TABLE,
        Recurring(
            name=T("Atelier numérique", "Digital skills workshop"),
            schedule=T("Le lundi, 14 h – 16 h", "Mondays, 2–4 pm"),
            price=T("Gratuit", "Free"),
            audience=T("Sur inscription", "Booking required"),
            description=T(
                "Créer une adresse électronique, faire ses démarches en ligne, protéger ses "
                "données.",
                "Setting up an email address, doing paperwork online, protecting your data.",
            ),
        ),
        Recurring(
            name=T("Permanence d'écoute", "Listening drop-in"),
            schedule=T("Le mercredi, 14 h – 17 h", "Wednesdays, 2–5 pm"),
            price=T("Gratuit", "Free"),
            audience=T("Ouvert à tous", "Open to all"),
            description=T(
                "Un temps pour parler, sans rendez-vous, avec un bénévole formé à l'écoute.",
                "Time to talk, no appointment needed, with a volunteer trained in listening.",
            ),
        ),
    ),
    hosted=(
        (
            "Habitat et Humanisme Rhône",
            T(
                "porte le lieu et accompagne les personnes logées",
                "runs the place and supports housed residents",
            ),
        ),
        (
            "Atelier Couleurs Partagées",
            T("anime les ateliers d'arts plastiques", "runs the visual arts workshops"),
        ),
    ),
    volunteers=45,
    jobs=2,
    figures_date=FIGURES_DATE,
    governance=(
        T(
            "Le lieu est animé à plusieurs voix : l'équipe de l'association locale, les "
            "bénévoles, les participants et des partenaires du quartier. Un comité des convives "
            "se réunit chaque trimestre pour décider du programme.",
            "Several voices run the place: the local association's staff, volunteers, "
            "participants and neighbourhood partners. A guests' committee meets every quarter "
            "to decide on the programme.",
        ),
    ),
    carrying_structure="Habitat et Humanisme Rhône",
    legal_form=LegalForm.ASSOCIATION,
    accessibility=Accessibility.ACCESSIBLE,
    accessibility_details=T(
        "Entrée de plain-pied, toilettes adaptées, boucle magnétique à l'accueil.",
        "Step-free entrance, accessible toilets, hearing loop at the reception desk.",
    ),
    partners=(
        ("fonds-quartiers", PartnerKind.FUNDER),
        ("epicerie-panier", PartnerKind.PARTNER),
        ("cuisine-partagee", PartnerKind.PARTNER),
    ),
    volunteer_call=T(
        "Nous cherchons des bénévoles pour cuisiner le soir et pour accueillir le public le "
        "lundi après-midi.",
        "We are looking for volunteers to cook in the evening and to welcome visitors on "
        "Monday afternoons.",
    ),
    email="escale-lyon@tiers-lieux-solidaires.example",
    phone="04 65 71 00 03",
    image="lieu-lyon",
    body=(
        Paragraph(
            (
                T(
                    "Le soir, la salle se remplit vite : une vingtaine de convives, des habitués "
                    "comme des nouveaux venus, s'installent autour des grandes tables. Le menu "
                    "change chaque jour et dépend souvent de ce que les participants ont envie "
                    "de transmettre.",
                    "In the evening the room fills up fast: around twenty guests, regulars and "
                    "newcomers alike, settle at the long tables. The menu changes every day and "
                    "often depends on what participants want to share.",
                ),
            )
        ),
        Testimony(
            quote=T(
                "Ici, personne ne me demande d'où je viens. On me demande si je sais faire la "
                "sauce.",
                "Here nobody asks me where I come from. They ask me whether I can make the sauce.",
            ),
            author=same("Rachid"),
            role=T("convive", "guest"),
        ),
        LYON_KITCHEN,
        CallToAction(
            title=T("Venir cuisiner avec nous", "Come and cook with us"),
            text=T(
                "Une après-midi par mois suffit pour rejoindre l'équipe de cuisine.",
                "One afternoon a month is enough to join the kitchen team.",
            ),
            button=T("Nous soutenir", "Support us"),
            page="nous-soutenir",
        ),
    ),
)

COTIERE = Lieu(
    title=same("Escale Solidaire Côtière"),
    slug="escale-solidaire-cotiere",
    kind=LieuKind.ESCALE_SOLIDAIRE,
    intro=T(
        "Entre Lyon et la plaine de l'Ain, une Escale où l'on jardine, joue et révise ensemble, "
        "pensée pour les habitants de la commune qui traversent une période difficile.",
        "Between Lyon and the Ain plain, an Escale where people garden, play and study together, "
        "designed for residents of the town going through a difficult time.",
    ),
    street_address="12 Grande Rue",
    postcode="01700",
    city="Miribel",
    region=Region.AUVERGNE_RHONE_ALPES,
    latitude="45.82570",
    longitude="4.95390",
    surface=95,
    opening_date=date(2022, 3, 14),
    opening_hours=(
        (D.MONDAY, "16:30", "18:30"),
        (D.WEDNESDAY, "09:30", "12:00"),
        (D.WEDNESDAY, "14:00", "18:00"),
        (D.THURSDAY, "16:30", "18:30"),
        (D.SATURDAY, "10:00", "12:30"),
    ),
    opening_hours_note=T(
        "Le jardin reste ouvert le samedi matin pendant l'été.",
        "The garden stays open on Saturday mornings in summer.",
    ),
    founding_idea=(
        T(
            "Dans une petite ville périurbaine, l'isolement se voit moins qu'en cœur de "
            "métropole, mais il pèse autant. L'Escale Côtière est née pour offrir aux familles "
            "fragilisées un lieu proche, simple d'accès, où l'on vient d'abord pour une activité "
            "concrète.",
            "In a small commuter town, isolation is less visible than in a city centre, but it "
            "weighs just as much. The Côtière Escale was created to give struggling families a "
            "nearby, easy-to-reach place where people first come for something practical to do.",
        ),
        T(
            "Le jardin partagé, le soutien scolaire et les après-midi jeux sont autant de portes "
            "d'entrée vers les ateliers et les permanences.",
            "The shared garden, homework help and games afternoons are all ways in to the "
            "workshops and drop-ins.",
        ),
    ),
    values=(
        (
            T("Proximité", "Closeness"),
            T(
                "Un lieu à quelques minutes à pied, qui connaît ses habitants.",
                "A place a few minutes' walk away that knows its residents.",
            ),
        ),
        (
            T("Transmission", "Passing on"),
            T(
                "Chacun peut enseigner ce qu'il sait, du semis à la conjugaison.",
                "Anyone can teach what they know, from sowing seeds to conjugating verbs.",
            ),
        ),
    ),
    activities=(
        "table-d-hotes",
        "jardin-partage",
        "jeux-de-societe",
        "soutien-scolaire",
        "ateliers-sante",
    ),
    publics=("habitants-du-quartier", "personnes-en-precarite", "familles"),
    recurring=(
        Recurring(
            name=T("Soutien scolaire", "Homework help"),
            schedule=T("Lundi et jeudi, 16 h 30 – 18 h 30", "Mondays and Thursdays, 4:30–6:30 pm"),
            price=T("Gratuit", "Free"),
            audience=T("Du CP à la 3e", "Primary and lower secondary pupils"),
            description=T(
                "Des bénévoles, souvent retraités de l'enseignement, accompagnent les devoirs.",
                "Volunteers, many of them retired teachers, help with homework.",
            ),
        ),
        Recurring(
            name=T("Matinée au jardin", "Garden morning"),
            schedule=T("Le samedi, 10 h – 12 h 30", "Saturdays, 10 am – 12:30 pm"),
            price=T("Gratuit", "Free"),
            audience=T("Ouvert à tous", "Open to all"),
            description=T(
                "Semis, arrosage et récolte, puis partage des légumes entre jardiniers.",
                "Sowing, watering and harvesting, then the vegetables are shared among gardeners.",
            ),
        ),
        Recurring(
            name=T("Après-midi jeux", "Games afternoon"),
            schedule=T("Le mercredi, 14 h – 18 h", "Wednesdays, 2–6 pm"),
            price=T("Prix libre", "Pay what you can"),
            audience=T("Familles et enfants accompagnés", "Families and accompanied children"),
            description=T(
                "Jeux de société, goûter partagé et tournoi mensuel.",
                "Board games, a shared snack and a monthly tournament.",
            ),
        ),
    ),
    hosted=(
        (
            "Habitat et Humanisme Ain",
            T(
                "porte le lieu et coordonne les bénévoles",
                "runs the place and coordinates volunteers",
            ),
        ),
    ),
    volunteers=18,
    jobs=1,
    figures_date=FIGURES_DATE,
    governance=(
        T(
            "Un comité de pilotage réunit l'association, la commune et les familles "
            "participantes deux fois par an. Les jardiniers organisent eux-mêmes le planning des "
            "parcelles.",
            "A steering committee brings together the association, the town and participating "
            "families twice a year. The gardeners plan the use of the plots themselves.",
        ),
    ),
    carrying_structure="Habitat et Humanisme Ain",
    legal_form=LegalForm.ASSOCIATION,
    accessibility=Accessibility.PARTIAL,
    accessibility_details=T(
        "Salle d'activités de plain-pied ; le jardin est accessible par une allée stabilisée, "
        "les toilettes ne sont pas adaptées.",
        "Step-free activity room; the garden is reached by a firm path, the toilets are not "
        "adapted.",
    ),
    partners=(
        ("fondation-lien", PartnerKind.FUNDER),
        ("cooperative-communs", PartnerKind.PARTNER),
    ),
    volunteer_call=T(
        "Nous recherchons des bénévoles pour le soutien scolaire en mathématiques et une personne "
        "pour coordonner le jardin au printemps.",
        "We are looking for volunteers to help with maths homework and someone to coordinate the "
        "garden in spring.",
    ),
    email="escale-cotiere@tiers-lieux-solidaires.example",
    phone="04 65 71 00 05",
    image="lieu-cotiere",
    body=(
        Paragraph(
            (
                T(
                    "Les mercredis, l'Escale change de visage : les tables d'activité "
                    "deviennent des plateaux de jeu, et les parents restent souvent pour le "
                    "goûter. C'est là que naissent les idées des prochains ateliers.",
                    "On Wednesdays the Escale changes its face: activity tables turn into game "
                    "boards, and parents often stay for the snack. That is where ideas for the "
                    "next workshops come from.",
                ),
            )
        ),
        Testimony(
            quote=T(
                "Mon fils vient pour les devoirs, moi pour le jardin. On rentre à la maison avec "
                "des tomates et de bonnes notes.",
                "My son comes for homework, I come for the garden. We go home with tomatoes and "
                "good marks.",
            ),
            author=same("Nadia"),
            role=T("habitante de la commune", "local resident"),
        ),
        COTIERE_GAMES,
        VOLUNTEER_CTA,
    ),
)
