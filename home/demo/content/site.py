"""The network itself: organisation, home page, news index, navigation, support page."""

from . import H2, CallToAction, Paragraph, Picture, Standard, T, Testimony, same

# Invented and harmless: .example domains, identifiers no register can hold (department "000",
# SIREN prefix 000) and a phone number from the range ARCEP reserves for fiction.
ORGANISATION = {
    "name": "Réseau des tiers-lieux solidaires",
    "short_name": "Tiers-lieux solidaires",
    "legal_name": "Association Réseau des tiers-lieux solidaires",
    "legal_form": "Association loi 1901",
    "siren": "000 123 456",
    "rna": "W000123456",
    "street_address": "1 rue de l'Exemple",
    "postcode": "69003",
    "city": "Lyon",
    "email": "contact@tiers-lieux-solidaires.example",
    "phone": "04 65 71 00 00",
    "facebook_url": "https://facebook.example/tierslieuxsolidaires",
    "instagram_url": "https://instagram.example/tierslieuxsolidaires",
    "mastodon_url": "https://mastodon.example/@tierslieuxsolidaires",
}

HOME = {
    "title": T("Des lieux ouverts pour recréer du lien", "Open places to bring people together"),
    "slug": T("accueil", "home"),
    "intro": T(
        "Tables d'hôtes à 2 €, ateliers, jardins partagés, permanences : dans nos tiers-lieux "
        "solidaires, habitants du quartier et personnes fragilisées se retrouvent autour "
        "d'activités à faire ensemble.",
        "€2 shared tables, workshops, shared gardens, advice drop-ins: in our solidarity third "
        "places, local residents and people going through hard times meet around things to do "
        "together.",
    ),
    "image": "accueil",
    "hero_button_label": T("Trouver un lieu", "Find a place"),
    "hero_page": "lieux",  # keys of demo pages (their French slug), as CallToAction.page
    # Only what no record holds: the lieux, towns, money and donors are counted by the page.
    "key_figures": (
        (same("2 €"), T("le repas à la table d'hôtes", "for a meal at the shared table")),
        (same("2017"), T("ouverture des premières Escales", "year the first Escales opened")),
    ),
    "featured_title": T("Quelques lieux du réseau", "A few places in the network"),
    "featured_lieux": (
        "les-partageurs",
        "escale-solidaire-lyon-3e",
        "la-boussole",
        "au-fil-de-soi",
    ),
    "support_title": T("Faire vivre les tiers-lieux", "Keep the third places going"),
    "support_text": T(
        "Un repas partagé, un atelier, un coup de main pour les travaux : chaque lieu tient grâce "
        "à ses bénévoles, ses partenaires et ses donateurs. Rejoignez-les.",
        "A shared meal, a workshop, a hand with the repairs: every place keeps going thanks to "
        "its volunteers, partners and donors. Join them.",
    ),
    "support_button_label": T("Nous soutenir", "Support us"),
    "support_page": "nous-soutenir",
    "news_title": T("Actualités du réseau", "News from the network"),
}

NEWS_INDEX = {
    "title": T("Actualités", "News"),
    "slug": T("actualites", "news"),
    "intro": T(
        "Ouvertures, rencontres, récoltes et anniversaires : la vie des tiers-lieux du réseau, "
        "racontée par celles et ceux qui les font vivre.",
        "Openings, gatherings, harvests and anniversaries: life in the network's third places, "
        "told by the people who keep them going.",
    ),
    "image": "atelier",
}

SUPPORT = Standard(
    title=T("Nous soutenir", "Support us"),
    slug=T("nous-soutenir", "support-us"),
    intro=T(
        "Donner du temps, partager un savoir-faire, financer un projet : il existe mille façons "
        "de faire vivre les tiers-lieux solidaires.",
        "Giving time, sharing a skill, funding a project: there are a thousand ways to keep "
        "solidarity third places alive.",
    ),
    image="mains",
    body=(
        Paragraph(
            (
                H2(T("Devenir bénévole", "Become a volunteer")),
                T(
                    "Cuisiner pour la table d'hôtes, animer un atelier, accueillir les personnes "
                    "qui poussent la porte pour la première fois : les lieux ont besoin de "
                    "bénévoles réguliers comme de coups de main ponctuels.",
                    "Cooking for the shared table, running a workshop, welcoming people who come "
                    "through the door for the first time: the places need regular volunteers as "
                    "well as occasional helping hands.",
                ),
                H2(T("Faire un don", "Make a donation")),
                T(
                    "Les tiers-lieux solidaires reposent sur un modèle économique encore fragile, "
                    "peu couvert par les financements publics de fonctionnement. Chaque don aide "
                    "à garder des repas à 2 € et des ateliers gratuits.",
                    "Solidarity third places rely on a business model that is still fragile and "
                    "rarely covered by public operating grants. Every donation helps keep meals "
                    "at €2 and workshops free.",
                ),
            )
        ),
        CallToAction(
            title=T("Donner en quelques minutes", "Give in a few minutes"),
            text=T(
                "Une fois ou chaque mois, au réseau ou au lieu de votre choix. Votre don vous "
                "donne droit à un reçu fiscal et à une réduction d'impôt.",
                "Once or every month, to the network or the place of your choice. Your gift "
                "comes with a tax receipt and entitles you to an income-tax reduction.",
            ),
            button=T("Faire un don", "Make a donation"),
            page="faire-un-don",
        ),
        Paragraph(
            (
                H2(T("Devenir partenaire", "Become a partner")),
                T(
                    "Collectivités, fondations, entreprises et laboratoires de recherche : nous "
                    "cherchons des partenaires pour ouvrir de nouveaux lieux et mesurer leur "
                    "impact social. Écrivez-nous à partenariats@tiers-lieux-solidaires.example.",
                    "Local authorities, foundations, companies and research teams: we are looking "
                    "for partners to open new places and measure their social impact. Write to us "
                    "at partenariats@tiers-lieux-solidaires.example.",
                ),
            )
        ),
        Testimony(
            quote=T(
                "Je suis venue donner un coup de main une fois en cuisine. Deux ans plus tard, "
                "j'anime l'atelier du jeudi et je connais tout le quartier.",
                "I came to help in the kitchen once. Two years later, I run the Thursday "
                "workshop and I know the whole neighbourhood.",
            ),
            author=same("Odile"),
            role=T("bénévole", "volunteer"),
        ),
        Picture(
            image="table",
            alt=T(
                "Illustration d'une grande table commune vue de dessus, entourée de chaises",
                "Illustration of a large communal table seen from above, surrounded by chairs",
            ),
            caption=T("La table d'hôtes, cœur des lieux", "The shared table, heart of the places"),
        ),
        CallToAction(
            title=T("Trouver un lieu près de chez vous", "Find a place near you"),
            text=T(
                "Chaque lieu publie ses besoins en bénévoles sur sa page.",
                "Each place lists the help it needs on its own page.",
            ),
            button=T("Voir les lieux", "See the places"),
            page="lieux",
        ),
    ),
)

# Keys of demo pages of every app: the navigation is built once they all exist. The donate
# button and the personal space are not here: the header shows them on any site (campagnes_tags).
NAVIGATION = {
    "name": T("Navigation principale", "Main navigation"),
    "menu_items": (
        (T("Lieux", "Places"), "lieux"),
        (T("Actualités", "News"), "actualites"),
        (T("Campagnes", "Campaigns"), "campagnes"),
        (T("Investir", "Invest"), "investir"),
        (T("Nous soutenir", "Support us"), "nous-soutenir"),
    ),
    "footer_text": (
        T(
            "Un réseau de tiers-lieux solidaires ouverts à tous, pour recréer du lien social de "
            "proximité.",
            "A network of solidarity third places open to all, rebuilding social ties close to "
            "home.",
        ),
    ),
    "footer_links": (
        (T("Mentions légales", "Legal notice"), "mentions-legales"),
        (T("Confidentialité", "Privacy"), "confidentialite"),
    ),
}
