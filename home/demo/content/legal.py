"""Legal notice and privacy policy of an association website. The identifiers are invented."""

from . import H2, Paragraph, Standard, T

LEGAL_NOTICE = Standard(
    title=T("Mentions légales", "Legal notice"),
    slug=T("mentions-legales", "legal-notice"),
    intro=T(
        "Qui publie ce site, qui l'héberge et sous quelles conditions ses contenus peuvent être "
        "réutilisés.",
        "Who publishes this website, who hosts it and on what terms its content may be reused.",
    ),
    body=(
        Paragraph(
            (
                H2(T("Éditeur du site", "Publisher")),
                T(
                    "Ce site est édité par l'association Réseau des tiers-lieux solidaires, "
                    "association loi 1901 dont le siège est situé 1 rue de l'Exemple, 69003 Lyon.",
                    "This website is published by Réseau des tiers-lieux solidaires, a non-profit "
                    "association under the French law of 1901, registered at 1 rue de l'Exemple, "
                    "69003 Lyon, France.",
                ),
                [
                    T("Numéro RNA : W000123456", "RNA number: W000123456"),
                    T("Numéro SIREN : 000 123 456", "SIREN number: 000 123 456"),
                    T(
                        "Contact : contact@tiers-lieux-solidaires.example",
                        "Contact: contact@tiers-lieux-solidaires.example",
                    ),
                ],
                T(
                    "La direction de la publication est assurée par la présidence de "
                    "l'association.",
                    "The association's chair is responsible for publication.",
                ),
                H2(T("Hébergement", "Hosting")),
                T(
                    "Le site est hébergé par Hébergeur Exemple SAS, 10 avenue de l'Exemple, 75000 "
                    "Paris, sur des serveurs situés dans l'Union européenne.",
                    "The website is hosted by Hébergeur Exemple SAS, 10 avenue de l'Exemple, 75000 "
                    "Paris, France, on servers located in the European Union.",
                ),
                H2(T("Propriété intellectuelle", "Intellectual property")),
                T(
                    "Les textes de ce site sont la propriété de l'association. Ils peuvent être "
                    "cités à condition d'en indiquer la source. Les illustrations ont été créées "
                    "pour le site et ne représentent pas de personnes réelles.",
                    "The texts on this website belong to the association. They may be quoted "
                    "provided the source is given. The illustrations were created for the website "
                    "and do not depict real people.",
                ),
                T(
                    "Les logos des partenaires restent la propriété de leurs titulaires.",
                    "Partner logos remain the property of their owners.",
                ),
                H2(T("Liens", "Links")),
                T(
                    "Les liens vers d'autres sites sont proposés à titre d'information ; "
                    "l'association n'est pas responsable de leur contenu.",
                    "Links to other websites are provided for information; the association is not "
                    "responsible for their content.",
                ),
            )
        ),
    ),
)

PRIVACY = Standard(
    title=T("Politique de confidentialité", "Privacy policy"),
    slug=T("confidentialite", "privacy"),
    intro=T(
        "Quelles données nous recueillons, pourquoi, combien de temps nous les gardons et comment "
        "exercer vos droits.",
        "What data we collect, why, how long we keep it and how to exercise your rights.",
    ),
    body=(
        Paragraph(
            (
                H2(T("Responsable du traitement", "Data controller")),
                T(
                    "L'association Réseau des tiers-lieux solidaires est responsable des "
                    "traitements de données personnelles réalisés sur ce site.",
                    "Réseau des tiers-lieux solidaires is the controller of the personal data "
                    "processed on this website.",
                ),
                H2(T("Données recueillies", "Data we collect")),
                [
                    T(
                        "Dons : nom, adresse électronique, adresse postale pour le reçu fiscal et "
                        "montant du don. Les données de carte bancaire sont traitées directement "
                        "par notre prestataire de paiement et ne nous sont jamais transmises.",
                        "Donations: name, email address, postal address for the tax receipt and "
                        "the amount given. Card details are processed directly by our payment "
                        "provider and are never passed on to us.",
                    ),
                    T(
                        "Messages : les informations que vous nous envoyez par courriel.",
                        "Messages: the information you send us by email.",
                    ),
                    T(
                        "Journaux techniques : adresse IP et pages consultées, conservées pour la "
                        "sécurité du site.",
                        "Technical logs: IP address and pages visited, kept for the security of "
                        "the website.",
                    ),
                ],
                H2(T("Finalités et bases légales", "Purposes and legal bases")),
                T(
                    "Nous traitons les dons pour les encaisser et émettre les reçus fiscaux "
                    "(obligation légale), les messages pour y répondre (intérêt légitime) et les "
                    "journaux pour protéger le site (intérêt légitime).",
                    "We process donations to collect them and issue tax receipts (legal "
                    "obligation), messages to answer them (legitimate interest) and logs to "
                    "protect the website (legitimate interest).",
                ),
                H2(T("Durées de conservation", "Retention periods")),
                T(
                    "Les données liées aux dons sont conservées dix ans pour nos obligations "
                    "comptables, les messages trois ans après le dernier échange et les journaux "
                    "techniques un an.",
                    "Donation records are kept for ten years to meet our accounting obligations, "
                    "messages for three years after the last exchange and technical logs for one "
                    "year.",
                ),
                H2(T("Destinataires", "Recipients")),
                T(
                    "Vos données sont réservées à l'équipe de l'association et à ses prestataires "
                    "techniques (hébergement, paiement), qui agissent sur nos instructions. Elles "
                    "ne sont ni vendues ni louées.",
                    "Your data is only seen by the association's team and its technical providers "
                    "(hosting, payment), who act on our instructions. It is never sold or rented.",
                ),
                H2(T("Cookies", "Cookies")),
                T(
                    "Le site n'utilise ni cookie publicitaire ni outil de mesure d'audience "
                    "tiers. Seuls des cookies techniques, nécessaires à la langue choisie et aux "
                    "formulaires, sont déposés.",
                    "The website uses no advertising cookies and no third-party analytics. Only "
                    "technical cookies, needed for the chosen language and for forms, are set.",
                ),
                H2(T("Vos droits", "Your rights")),
                T(
                    "Conformément au règlement général sur la protection des données (RGPD), vous "
                    "disposez d'un droit d'accès, de rectification, d'effacement, de limitation, "
                    "d'opposition et de portabilité de vos données.",
                    "Under the General Data Protection Regulation (GDPR), you have the right to "
                    "access, rectify, erase, restrict, object to the processing of and port your "
                    "data.",
                ),
                T(
                    "Pour les exercer, écrivez à donnees@tiers-lieux-solidaires.example. Si vous "
                    "estimez que vos droits ne sont pas respectés, vous pouvez adresser une "
                    "réclamation à la CNIL.",
                    "To exercise them, write to donnees@tiers-lieux-solidaires.example. If you "
                    "feel your rights are not respected, you may lodge a complaint with the CNIL, "
                    "the French data protection authority.",
                ),
            )
        ),
    ),
)
