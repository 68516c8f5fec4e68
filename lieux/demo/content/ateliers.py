"""Au fil de soi in Lille and La Maison du Coin in Brunoy: places built around shared workshops."""

from datetime import date

from home.demo.content import Paragraph, T, Testimony, same
from lieux.choices import Accessibility, LegalForm, LieuKind, PartnerKind, Region
from lieux.choices import Weekday as D

from . import Lieu, Recurring
from .gallery import BRUNOY_DIY, FIL_OFFICES
from .shared import FIGURES_DATE, VOLUNTEER_CTA

AU_FIL_DE_SOI = Lieu(
    title=same("Au fil de soi"),
    slug="au-fil-de-soi",
    kind=LieuKind.TIERS_LIEU,
    intro=T(
        "À Lille, un tiers-lieu où bureaux partagés, atelier d'artistes et activités de quartier "
        "se mêlent : on y vient travailler, créer ou réparer.",
        "In Lille, a third place mixing shared offices, an artists' studio and neighbourhood "
        "activities: people come to work, create or repair.",
    ),
    street_address="41 rue Léon Gambetta",
    postcode="59000",
    city="Lille",
    region=Region.HAUTS_DE_FRANCE,
    latitude="50.62866",
    longitude="3.05342",
    surface=320,
    opening_date=date(2021, 6, 1),
    opening_hours=(
        (D.MONDAY, "09:00", "18:00"),
        (D.TUESDAY, "09:00", "18:00"),
        (D.WEDNESDAY, "09:00", "12:30"),
        (D.WEDNESDAY, "14:00", "18:00"),
        (D.THURSDAY, "09:00", "18:00"),
        (D.FRIDAY, "09:00", "17:00"),
        (D.SATURDAY, "10:00", "13:00"),
    ),
    opening_hours_note=T(
        "Le samedi matin est réservé au repair café, un samedi sur deux.",
        "Saturday mornings are for the repair café, every other week.",
    ),
    founding_idea=(
        T(
            "Créé en 2021, Au fil de soi part d'une idée : faire cohabiter sous un même toit des "
            "structures de l'économie sociale et solidaire, des associations et des artistes, et "
            "ouvrir ce voisinage aux habitants du quartier.",
            "Founded in 2021, Au fil de soi starts from one idea: bring social economy "
            "organisations, associations and artists under one roof, and open that "
            "neighbourhood to local residents.",
        ),
        T(
            "Les bureaux font vivre le lieu au quotidien ; les bénévoles y ajoutent des ateliers "
            "culturels et un repair café ouverts à tous.",
            "The offices keep the place busy every day; volunteers add cultural workshops and a "
            "repair café open to all.",
        ),
    ),
    values=(
        (
            T("Coopération", "Cooperation"),
            T(
                "Les structures hébergées partagent leurs compétences avec le quartier.",
                "The resident organisations share their skills with the neighbourhood.",
            ),
        ),
        (
            T("Créativité", "Creativity"),
            T(
                "L'atelier d'artistes ouvre ses portes aux habitants chaque mois.",
                "The artists' studio opens its doors to residents every month.",
            ),
        ),
        (
            T("Sobriété", "Thrift"),
            T(
                "On répare, on réemploie et on mutualise plutôt que d'acheter.",
                "We repair, reuse and share rather than buy.",
            ),
        ),
    ),
    activities=("ateliers-culturels", "repair-cafe", "coworking", "expositions"),
    publics=("habitants-du-quartier", "personnes-isolees", "personnes-en-precarite"),
    recurring=(
        Recurring(
            name=same("Repair café"),
            schedule=T("Un samedi sur deux, 10 h – 13 h", "Every other Saturday, 10 am – 1 pm"),
            price=T("Prix libre", "Pay what you can"),
            audience=T("Ouvert à tous", "Open to all"),
            description=T(
                "Des bénévoles bricoleurs aident à réparer vêtements, lampes et petits appareils.",
                "Handy volunteers help fix clothes, lamps and small appliances.",
            ),
        ),
        Recurring(
            name=T("Atelier ouvert des artistes", "Artists' open studio"),
            schedule=T(
                "Premier mercredi du mois, 14 h – 17 h", "First Wednesday of the month, 2–5 pm"
            ),
            price=T("Gratuit", "Free"),
            audience=T("Familles et adultes", "Families and adults"),
            description=T(
                "Les artistes résidents proposent une technique à essayer : gravure, couture, "
                "collage.",
                "The resident artists offer a technique to try: printmaking, sewing, collage.",
            ),
        ),
    ),
    hosted=(
        (
            "Coopérative Fil Commun",
            T(
                "structure de l'économie sociale installée dans les bureaux",
                "social economy organisation based in the offices",
            ),
        ),
        (
            "Association Lire Ensemble",
            T("propose des lectures partagées", "runs shared reading sessions"),
        ),
        (
            "Atelier des Trois Fils",
            T(
                "collectif d'artistes textiles de l'atelier",
                "textile artists' collective in the studio",
            ),
        ),
        (
            "Habitat et Humanisme Nord",
            T("coordonne les bénévoles et les ateliers", "coordinates volunteers and workshops"),
        ),
    ),
    volunteers=16,
    jobs=1,
    figures_date=FIGURES_DATE,
    governance=(
        T(
            "Les structures hébergées et les bénévoles se retrouvent chaque trimestre en "
            "assemblée des occupants pour organiser les espaces communs et le programme.",
            "The resident organisations and volunteers meet every quarter in an occupants' "
            "assembly to organise the shared spaces and the programme.",
        ),
    ),
    carrying_structure="Habitat et Humanisme Nord",
    legal_form=LegalForm.ASSOCIATION,
    accessibility=Accessibility.PARTIAL,
    accessibility_details=T(
        "Rez-de-chaussée accessible avec toilettes adaptées ; l'atelier d'artistes est à "
        "l'étage, sans ascenseur.",
        "Accessible ground floor with adapted toilets; the artists' studio is upstairs, with no "
        "lift.",
    ),
    partners=(
        ("cooperative-communs", PartnerKind.PARTNER),
        ("atelier-reemploi", PartnerKind.PARTNER),
        ("fonds-quartiers", PartnerKind.FUNDER),
    ),
    volunteer_call=T(
        "Le repair café cherche des bénévoles pour la couture et l'électricité, un samedi sur "
        "deux.",
        "The repair café needs volunteers for sewing and electrics, every other Saturday.",
    ),
    email="au-fil-de-soi@tiers-lieux-solidaires.example",
    phone="03 53 01 00 02",
    image="lieu-fil",
    body=(
        Paragraph(
            (
                T(
                    "Dans les couloirs, une graphiste croise une conseillère en insertion et un "
                    "retraité venu faire recoudre sa veste. Ce mélange est voulu : il fait naître "
                    "des coups de main inattendus.",
                    "In the corridors, a graphic designer meets an employment adviser and a "
                    "retired man who came to have his jacket mended. The mix is deliberate: it "
                    "sparks unexpected help.",
                ),
            )
        ),
        Testimony(
            quote=T(
                "J'ai loué un bureau pour ma coopérative, et je me retrouve à animer un atelier "
                "de couture le samedi.",
                "I rented a desk for my cooperative, and now I find myself running a sewing "
                "workshop on Saturdays.",
            ),
            author=same("Léa"),
            role=T("occupante des bureaux partagés", "shared office tenant"),
        ),
        FIL_OFFICES,
        VOLUNTEER_CTA,
    ),
)

MAISON_DU_COIN = Lieu(
    title=same("La Maison du Coin"),
    slug="maison-du-coin",
    kind=LieuKind.TIERS_LIEU,
    intro=T(
        "Au rez-de-chaussée d'une petite résidence de huit logements sociaux à Brunoy, une "
        "maison ouverte où l'on cuisine, bricole et échange ses savoir-faire.",
        "On the ground floor of a small block of eight social housing flats in Brunoy, an open "
        "house where people cook, tinker and swap skills.",
    ),
    street_address="6 rue des Vallées",
    postcode="91800",
    city="Brunoy",
    region=Region.ILE_DE_FRANCE,
    latitude="48.69830",
    longitude="2.50460",
    surface=90,
    opening_date=date(2022, 11, 15),
    opening_hours=(
        (D.TUESDAY, "14:00", "18:00"),
        (D.WEDNESDAY, "10:00", "12:00"),
        (D.WEDNESDAY, "14:00", "18:00"),
        (D.FRIDAY, "17:00", "21:00"),
        (D.SATURDAY, "10:00", "16:00"),
    ),
    opening_hours_note=None,
    founding_idea=(
        T(
            "La Maison du Coin a été pensée avec la résidence qui l'abrite : un lieu équipé "
            "d'une cuisine, d'un espace bricolage et d'une salle de réunion, que les locataires, "
            "les voisins et les associations peuvent s'approprier.",
            "La Maison du Coin was designed together with the building it sits in: a place with a "
            "kitchen, a DIY space and a meeting room that tenants, neighbours and associations can "
            "make their own.",
        ),
        T(
            "Acteurs sociaux, activités créatives, artisanales ou de bien-être : la maison "
            "accueille tout projet qui crée du lien dans le quartier.",
            "Social workers, creative, craft or well-being activities: the house welcomes any "
            "project that brings the neighbourhood together.",
        ),
    ),
    values=(
        (
            T("Voisinage", "Neighbourliness"),
            T(
                "Un lieu au coin de la rue, que l'on rejoint en chaussons.",
                "A place on the street corner you can pop into in your slippers.",
            ),
        ),
        (
            T("Partage des savoirs", "Sharing know-how"),
            T(
                "Chaque habitant peut proposer un atelier.",
                "Any resident can offer a workshop.",
            ),
        ),
    ),
    activities=(
        "ateliers-cuisine",
        "bricolage",
        "ateliers-sante",
        "ateliers-culturels",
        "repair-cafe",
    ),
    publics=("habitants-du-quartier", "familles", "seniors", "personnes-isolees"),
    recurring=(
        Recurring(
            name=T("Atelier bricolage", "DIY workshop"),
            schedule=T("Le samedi, 10 h – 13 h", "Saturdays, 10 am – 1 pm"),
            price=T("Gratuit", "Free"),
            audience=T("Ouvert à tous", "Open to all"),
            description=T(
                "Outils partagés et conseils pour les petites réparations de la maison.",
                "Shared tools and advice for small home repairs.",
            ),
        ),
        Recurring(
            name=T("Cuisine du vendredi", "Friday kitchen"),
            schedule=T("Le vendredi, 17 h – 21 h", "Fridays, 5–9 pm"),
            price=T("Prix libre", "Pay what you can"),
            audience=T("Ouvert à tous", "Open to all"),
            description=T(
                "Un habitant propose une recette de chez lui, tout le monde cuisine puis dîne.",
                "A resident shares a recipe from home; everyone cooks, then eats together.",
            ),
        ),
        Recurring(
            name=T("Pause bien-être", "Well-being break"),
            schedule=T("Le mercredi, 10 h – 12 h", "Wednesdays, 10 am – 12 pm"),
            price=T("Gratuit", "Free"),
            audience=T("Adultes", "Adults"),
            description=T(
                "Gym douce, automassage et tisanes, à son rythme.",
                "Gentle exercise, self-massage and herbal tea, at your own pace.",
            ),
        ),
    ),
    hosted=(
        (
            "Habitat et Humanisme Île-de-France",
            T(
                "porte le lieu et accompagne les locataires",
                "runs the place and supports the tenants",
            ),
        ),
        (
            "Les Outils du Coin",
            T("prête les outils de l'atelier bricolage", "lends the DIY workshop's tools"),
        ),
    ),
    volunteers=14,
    jobs=1,
    figures_date=FIGURES_DATE,
    governance=(
        T(
            "Les locataires de la résidence ont une voix prépondérante au comité de la maison, "
            "qui se réunit tous les deux mois avec l'association et la ville.",
            "Tenants of the building have the casting vote on the house committee, which meets "
            "every two months with the association and the town.",
        ),
    ),
    carrying_structure="Habitat et Humanisme Île-de-France",
    legal_form=LegalForm.ASSOCIATION,
    accessibility=Accessibility.ACCESSIBLE,
    accessibility_details=T(
        "Entrée de plain-pied depuis la rue, cuisine avec plan de travail à hauteur réglable.",
        "Step-free entrance from the street, kitchen with an adjustable-height worktop.",
    ),
    partners=(
        ("epicerie-panier", PartnerKind.PARTNER),
        ("atelier-reemploi", PartnerKind.PARTNER),
        ("fonds-quartiers", PartnerKind.FUNDER),
    ),
    volunteer_call=T(
        "Vous savez bricoler, coudre ou cuisiner ? Proposez un atelier d'une heure, même une "
        "seule fois.",
        "Can you do DIY, sew or cook? Offer a one-hour workshop, even just once.",
    ),
    email="maison-du-coin@tiers-lieux-solidaires.example",
    phone="01 99 00 00 02",
    image="lieu-brunoy",
    body=(
        Paragraph(
            (
                T(
                    "Le samedi, l'espace bricolage déborde sur le trottoir : une étagère à "
                    "monter, une chaise à recoller, un vélo d'enfant à régler. Les voisins "
                    "s'arrêtent, donnent un avis, restent pour le café.",
                    "On Saturdays the DIY space spills onto the pavement: a shelf to assemble, a "
                    "chair to glue, a child's bike to adjust. Neighbours stop, give advice and "
                    "stay for coffee.",
                ),
            )
        ),
        Testimony(
            quote=T(
                "J'habite au-dessus. Avant, je ne connaissais personne dans l'immeuble ; "
                "maintenant on se prête les outils et les recettes.",
                "I live upstairs. I used to know nobody in the building; now we lend each other "
                "tools and recipes.",
            ),
            author=same("Fatou"),
            role=T("locataire de la résidence", "tenant of the building"),
        ),
        BRUNOY_DIY,
        VOLUNTEER_CTA,
    ),
)
