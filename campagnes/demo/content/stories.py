"""The campaigns' stories: why, what the money buys, who runs it and when, each under its own
heading, with the campaigns' own illustrations. Facts from the lieux' public pages, in our words."""

from home.demo.content import H2, Paragraph, Picture, T, Testimony

# key: (title, description used as default alt text, motif, palette); drawn by campagnes' demo.
ILLUSTRATIONS = {
    "campagne-cuisine": (
        "Campagne : une cuisine pour La Boussole",
        "Cuisine partagée illustrée, plan de travail et marmite",
        "kitchen",
        5,
    ),
    "campagne-cuisine-repas": (
        "Campagne : le repas partagé",
        "Convives illustrés réunis autour du repas",
        "gathering",
        7,
    ),
    "campagne-tables": (
        "Campagne : les tables d'hôtes",
        "Table d'hôtes illustrée, vue de dessus",
        "table",
        6,
    ),
    "campagne-tables-courses": (
        "Campagne : les courses de la semaine",
        "Étagères et cagettes de légumes illustrées",
        "shelves",
        4,
    ),
    "campagne-partageurs": (
        "Campagne : ouvrir Les Partageurs",
        "Atelier illustré sous une grande fenêtre",
        "workshop",
        5,
    ),
    "campagne-partageurs-mosaique": (
        "Campagne : l'atelier mosaïque",
        "Mosaïque illustrée en cours sur un chevalet",
        "mosaic",
        2,
    ),
}

WHY = H2(T("Pourquoi cette campagne", "Why this campaign"))
WHAT = H2(T("Ce que votre don finance", "What your gift pays for"))
WHAT_DONE = H2(T("Ce que les dons ont financé", "What the gifts paid for"))
WHO = H2(T("Qui porte le projet", "Who runs it"))
WHEN = H2(T("Calendrier", "Timeline"))

KITCHEN_STORY = (
    Paragraph(
        (
            WHY,
            T(
                "La table d'hôtes fonctionne aujourd'hui avec deux plaques et un four "
                "de particulier. Les bénévoles cuisinent en plusieurs services et "
                "refusent du monde certains midis.",
                "The shared table now runs on two hot plates and a domestic oven. "
                "Volunteers cook in several rounds and turn people away on some days.",
            ),
            T(
                "Avec une cuisine équipée aux normes, le lieu pourra accueillir des "
                "ateliers cuisine ouverts au quartier et servir jusqu'à 60 repas.",
                "With a kitchen equipped to standard, the place will host cooking "
                "workshops open to the neighbourhood and serve up to 60 meals.",
            ),
            WHAT,
            [
                T(
                    "un piano de cuisson professionnel et sa hotte : 9 000 €",
                    "a professional range and its hood: €9,000",
                ),
                T(
                    "une chambre froide et un lave-vaisselle : 8 500 €",
                    "a cold room and a dishwasher: €8,500",
                ),
                T(
                    "les plans de travail, l'évier et la mise aux normes : 5 500 €",
                    "worktops, the sink and bringing the room up to standard: €5,500",
                ),
                T(
                    "la vaisselle, les ustensiles et les tabliers des ateliers : 2 000 €",
                    "crockery, utensils and aprons for the workshops: €2,000",
                ),
            ],
            T(
                "Si la collecte dépasse son objectif, le surplus paiera les denrées des "
                "premiers ateliers cuisine.",
                "If the campaign raises more than its goal, the surplus will pay for the food "
                "of the first cooking workshops.",
            ),
        )
    ),
    Picture(
        image="campagne-cuisine-repas",
        alt=T(
            "Illustration de convives réunis côte à côte pour un repas",
            "Illustration of guests gathered side by side for a meal",
        ),
        caption=T(
            "Repas partagés, ateliers, jeux : la cuisine servira tout le lieu",
            "Shared meals, workshops, games: the kitchen will serve the whole place",
        ),
    ),
    Paragraph(
        (
            WHO,
            T(
                "Ouverte en 2023, La Boussole est un lieu d'accueil animé par une association "
                "locale, ses bénévoles et des habitants du quartier. Un petit groupe de "
                "bénévoles suit les travaux et publie ici chaque dépense, facture à l'appui.",
                "Opened in 2023, La Boussole is a welcoming place run by a local association, "
                "its volunteers and people from the neighbourhood. A small group of volunteers "
                "oversees the work and posts every expense here, with its invoice.",
            ),
            WHEN,
            [
                T("octobre 2026 : ouverture de la collecte", "October 2026: the campaign opens"),
                T(
                    "janvier 2027 : fin de la collecte et commande du matériel",
                    "January 2027: the campaign closes and the equipment is ordered",
                ),
                T(
                    "printemps 2027 : travaux et formation des bénévoles à l'hygiène",
                    "spring 2027: building work and food-hygiene training for volunteers",
                ),
                T(
                    "juin 2027 : premier repas dans la nouvelle cuisine",
                    "June 2027: the first meal cooked in the new kitchen",
                ),
            ],
        )
    ),
    Testimony(
        quote=T(
            "On épluche, on goûte, on discute : la cuisine, c'est là que les gens se "
            "rencontrent vraiment.",
            "We peel, we taste, we chat: the kitchen is where people really meet.",
        ),
        author=T("Une bénévole", "A volunteer"),
        role=T("Table d'hôtes de La Boussole", "La Boussole's shared table"),
    ),
)

TABLES_STORY = (
    Paragraph(
        (
            WHY,
            T(
                "Chaque repas servi coûte environ 7 € au lieu qui l'accueille. La "
                "différence est couverte par des dons, sans subvention de "
                "fonctionnement dédiée.",
                "Each meal served costs the hosting place about €7. The difference is "
                "covered by gifts, with no dedicated operating grant.",
            ),
            T(
                "Le prix de 2 € est voulu : chacun paie sa part, personne n'est servi en "
                "bénéficiaire. Bénévoles et convives cuisinent ensemble l'après-midi et "
                "s'attablent le soir avec les voisins.",
                "The €2 price is deliberate: everyone pays their share and nobody is served "
                "as a beneficiary. Volunteers and guests cook together in the afternoon and "
                "sit down in the evening with the neighbours.",
            ),
            WHAT,
            T(
                "L'objectif de 60 000 € couvre le complément d'environ 12 000 repas sur "
                "une année, dans trois Escales :",
                "The €60,000 goal tops up about 12,000 meals over a year, in three Escales:",
            ),
            [
                T(
                    "les courses de la semaine, au marché et à l'épicerie solidaire",
                    "the week's shopping, at the market and the community grocery",
                ),
                T("le gaz, l'eau et l'entretien des cuisines", "gas, water and kitchen upkeep"),
                T(
                    "l'assurance et le matériel d'hygiène",
                    "insurance and hygiene supplies",
                ),
            ],
        )
    ),
    Picture(
        image="campagne-tables-courses",
        alt=T(
            "Illustration d'étagères garnies et de cagettes de légumes",
            "Illustration of stocked shelves and crates of vegetables",
        ),
        caption=T(
            "Les courses de la semaine, premier poste de dépense",
            "The week's shopping, the largest expense",
        ),
    ),
    Paragraph(
        (
            WHO,
            T(
                "Les tables sont tenues par les bénévoles des Escales de Lyon, du Mans et de "
                "Laval, avec les convives qui le souhaitent. Chaque Escale compte les repas "
                "servis ; le total est publié ici chaque trimestre.",
                "The tables are run by the volunteers of the Escales in Lyon, Le Mans and "
                "Laval, with any guests who wish to help. Each Escale counts the meals it "
                "serves; the total is posted here every quarter.",
            ),
            WHEN,
            [
                T(
                    "septembre 2026 : ouverture de la collecte",
                    "September 2026: the campaign opens",
                ),
                T(
                    "chaque trimestre : nombre de repas servis et dépenses publiés",
                    "every quarter: meals served and expenses posted",
                ),
                T(
                    "août 2027 : bilan de l'année et décision pour la suivante",
                    "August 2027: review of the year and decision on the next",
                ),
            ],
        )
    ),
)

PARTAGEURS_STORY = (
    Paragraph(
        (
            WHY,
            T(
                "Sous un habitat partagé de Lille-Moulins, un ancien commerce de 40 m² "
                "restait vide. Plutôt que d'en faire un logement de plus, l'association a "
                "voulu un lieu ouvert sur la rue, où locataires et voisins se croisent.",
                "Beneath a shared home in Lille-Moulins, a former 40 m² shop stood empty. "
                "Rather than make it one more flat, the association wanted a place open to the "
                "street, where tenants and neighbours meet.",
            ),
            WHAT_DONE,
            [
                T(
                    "l'accès de plain-pied et des toilettes adaptées",
                    "a step-free entrance and accessible toilets",
                ),
                T("une kitchenette et le mobilier", "a kitchenette and the furniture"),
                T(
                    "deux postes informatiques pour les permanences numériques",
                    "two computers for the digital help sessions",
                ),
                T(
                    "le matériel des ateliers mosaïque et écriture",
                    "supplies for the mosaic and writing workshops",
                ),
            ],
        )
    ),
    Picture(
        image="campagne-partageurs-mosaique",
        alt=T(
            "Illustration d'une mosaïque en cours sur un chevalet",
            "Illustration of a mosaic in progress on an easel",
        ),
        caption=T(
            "L'atelier mosaïque, l'un des premiers du lieu",
            "The mosaic workshop, one of the place's first",
        ),
    ),
    Paragraph(
        (
            WHO,
            T(
                "Le lieu est porté par l'association qui gère l'habitat, avec ses locataires "
                "en situation de handicap psychique, associés à chaque étape, et les "
                "associations du quartier qui animent les ateliers.",
                "The place is run by the association that manages the home, with its tenants "
                "with psychosocial disabilities, involved at every step, and the neighbourhood "
                "groups that lead the workshops.",
            ),
            WHEN,
            [
                T(
                    "septembre 2021 : ouverture de la collecte",
                    "September 2021: the campaign opened",
                ),
                T(
                    "automne 2021 : les partenaires du quartier choisissent les activités",
                    "autumn 2021: neighbourhood partners chose the activities",
                ),
                T("hiver 2021 : travaux", "winter 2021: building work"),
                T("21 février 2022 : inauguration", "21 February 2022: opening day"),
            ],
        )
    ),
)
