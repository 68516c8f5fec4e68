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

# The privacy policy describes this site as it works: what each form collects, for how long
# (the defaults of the RETENTION_* settings and the legal periods behind the holds of an erasure),
# who else sees it, and how each right is exercised. Change it when the site changes.
PRIVACY = Standard(
    title=T("Politique de confidentialité", "Privacy policy"),
    slug=T("confidentialite", "privacy"),
    intro=T(
        "Ce que nous savons de vous quand vous donnez, souscrivez ou recevez nos nouvelles, "
        "pourquoi, combien de temps nous le gardons et comment vous y avez la main.",
        "What we know about you when you give, subscribe to shares or receive our news, why, "
        "how long we keep it and how you stay in control of it.",
    ),
    body=(
        Paragraph(
            (
                H2(T("Qui traite vos données", "Who handles your data")),
                T(
                    "L'association Réseau des tiers-lieux solidaires, 1 rue de l'Exemple, 69003 "
                    "Lyon, décide de l'usage des données recueillies par ce site : dons, "
                    "lettre d'information et espace personnel.",
                    "The association Réseau des tiers-lieux solidaires, 1 rue de l'Exemple, 69003 "
                    "Lyon, France, decides how the data this website collects is used: gifts, "
                    "newsletter and personal space.",
                ),
                T(
                    "Pour une souscription de parts, c'est la société qui émet les parts, la "
                    "Foncière des tiers-lieux solidaires, qui décide : le bulletin, le registre "
                    "des associés et les justificatifs sont les siens. L'association lui prête ce "
                    "site.",
                    "For a share subscription, the company issuing the shares, Foncière des "
                    "tiers-lieux solidaires, decides: the bulletin, the register of shareholders "
                    "and the supporting documents are its own. The association lends it this "
                    "website.",
                ),
                H2(T("Si vous donnez", "If you give")),
                T(
                    "Nous enregistrons votre nom, votre adresse électronique et postale (ou "
                    "celles de votre entreprise, avec sa forme juridique et son SIREN), le montant "
                    "et la date de chaque don, la campagne ou le lieu soutenu, et les reçus "
                    "fiscaux émis. Le reçu fiscal est une obligation légale : sans ces "
                    "informations, nous ne pourrions pas vous l'adresser.",
                    "We record your name, your email and postal address (or your company's, with "
                    "its legal form and SIREN number), the amount and date of each gift, the "
                    "campaign or place you support, and the tax receipts issued. The tax receipt "
                    "is a legal obligation: without these details we could not send it to you.",
                ),
                T(
                    "Les dons et les reçus fiscaux sont conservés six ans après l'année du reçu : "
                    "c'est le temps pendant lequel l'administration fiscale peut nous demander de "
                    "les justifier (Livre des procédures fiscales, article L102 E). Les écritures "
                    "comptables qui en découlent sont gardées dix ans, comme le Code de commerce "
                    "l'impose (article L123-22), sans votre nom si vous avez demandé l'effacement "
                    "de vos données. Une personne qui a commencé un don sans jamais le payer est "
                    "effacée au bout de 90 jours.",
                    "Gifts and tax receipts are kept for six years after the year of the "
                    "receipt: that is how long the tax authority may ask us to justify them "
                    "(Livre des procédures fiscales, article L102 E). The accounting entries they "
                    "lead to are kept for ten years, as the French commercial code requires "
                    "(article L123-22), without your name if you asked for your data to be "
                    "erased. Someone who started a gift and never paid it is deleted after 90 "
                    "days.",
                ),
                H2(T("Si vous souscrivez des parts", "If you subscribe to shares")),
                T(
                    "Le bulletin demande votre identité, votre date et lieu de naissance, votre "
                    "nationalité, vos coordonnées, le nombre de parts, une pièce d'identité et un "
                    "justificatif de domicile. La loi impose à la société de connaître ses "
                    "associés et de tenir leur registre.",
                    "The bulletin asks for your identity, your date and place of birth, your "
                    "nationality, your contact details, the number of shares, an identity "
                    "document and a proof of address. The law requires the company to know its "
                    "shareholders and to keep their register.",
                ),
                [
                    T(
                        "La pièce d'identité et le justificatif de domicile ne servent qu'à "
                        "décider de la souscription : ils sont supprimés, fichiers compris, 90 "
                        "jours après qu'elle a été acceptée, refusée ou abandonnée. Ceux d'un "
                        "bulletin jamais signé disparaissent au bout de 48 heures.",
                        "The identity document and the proof of address only serve to decide on "
                        "the subscription: they are deleted, files included, 90 days after it was "
                        "accepted, refused or abandoned. Those of a bulletin never signed go "
                        "after 48 hours.",
                    ),
                    T(
                        "Le registre des associés et les mouvements de parts sont tenus pendant "
                        "toute la vie de la société.",
                        "The register of shareholders and the movements of shares are kept for "
                        "the whole life of the company.",
                    ),
                    T(
                        "La preuve de votre signature électronique (nom saisi, date et heure, "
                        "adresse IP, empreinte du bulletin) est gardée cinq ans après la fin de "
                        "votre relation avec la société, le délai pendant lequel un litige peut "
                        "naître (Code civil, article 2224).",
                        "The evidence of your electronic signature (the name you typed, the date "
                        "and time, your IP address, a fingerprint of the bulletin) is kept for "
                        "five years after your relationship with the company ends, the time "
                        "within which a dispute may arise (French civil code, article 2224).",
                    ),
                ],
                H2(T("La lettre d'information", "The newsletter")),
                T(
                    "Nous ne vous écrivons pour vous donner des nouvelles des lieux que si vous "
                    "avez coché la case prévue, jamais cochée d'avance. Nous gardons la trace de "
                    "votre accord : les mots que vous avez lus, leur version, la date et le "
                    "formulaire où vous l'avez donné, et la date de votre retrait. Vous pouvez le "
                    "retirer à tout moment depuis votre espace personnel ou en nous écrivant ; "
                    "cela ne change rien à vos dons ni à vos reçus.",
                    "We only write to you with news of the places if you ticked the box for it, "
                    "never ticked in advance. We keep a record of your consent: the words you "
                    "read, their version, the date and the form where you gave it, and the date "
                    "you withdrew it. You can withdraw it at any time from your personal space or "
                    "by writing to us; it changes nothing to your gifts or receipts.",
                ),
                H2(T("Les paiements", "Payments")),
                T(
                    "Les paiements en ligne passent par Stripe, qui agit pour notre compte comme "
                    "sous-traitant. Vous saisissez votre carte ou votre IBAN sur la page de "
                    "Stripe : ce site ne les voit jamais et ne reçoit de Stripe que le résultat "
                    "du paiement et des identifiants techniques. Stripe peut traiter certaines "
                    "données hors de l'Union européenne, avec les garanties prévues par le RGPD.",
                    "Online payments go through Stripe, which acts on our behalf as a processor. "
                    "You type your card or IBAN on Stripe's page: this website never sees them "
                    "and only receives from Stripe the outcome of the payment and technical "
                    "identifiers. Stripe may process some data outside the European Union, with "
                    "the safeguards the GDPR provides.",
                ),
                T(
                    "Stripe ne conserve votre carte que si vous cochez la case prévue pour cela "
                    "en faisant un don ponctuel, afin de le transformer ensuite en don mensuel "
                    "d'un clic. Si aucun don mensuel n'en est fait, la carte est retirée de "
                    "Stripe au bout de 30 jours ; vous pouvez retirer cet accord avant depuis la "
                    "page de remerciement.",
                    "Stripe keeps your card only if you tick the box offered for it when giving "
                    "once, so that you can turn the gift into a monthly gift in one click. If no "
                    "monthly gift is made with it, the card is removed from Stripe after 30 days; "
                    "you can end this agreement sooner from the thank-you page.",
                ),
                H2(T("Ce que le site garde d'autre", "What else the website keeps")),
                [
                    T(
                        "Les liens de connexion à l'espace personnel : 30 jours, pour repérer un "
                        "abus.",
                        "Sign-in links to the personal space: 30 days, to detect abuse.",
                    ),
                    T(
                        "Les recherches faites sur le site, comptées sans savoir qui les fait : "
                        "13 mois.",
                        "Searches made on the website, counted without knowing who made them: 13 "
                        "months.",
                    ),
                    T(
                        "L'historique des actions de l'équipe et des événements de paiement qui "
                        "nomment une personne : un an.",
                        "The history of the team's actions and of payment events that name a "
                        "person: one year.",
                    ),
                    T(
                        "Des cookies techniques seulement : la langue choisie, les formulaires en "
                        "cours et la connexion à votre espace. Ni publicité, ni mesure d'audience.",
                        "Technical cookies only: the chosen language, forms in progress and your "
                        "sign-in to your space. No advertising, no audience measurement.",
                    ),
                ],
                H2(T("Qui voit vos données", "Who sees your data")),
                T(
                    "Les membres de l'équipe qui en ont besoin, chacun selon son rôle, et nos "
                    "prestataires techniques (hébergement dans l'Union européenne, envoi des "
                    "courriels, paiement), qui n'agissent que sur nos instructions. Vos données ne "
                    "sont ni vendues, ni louées, ni échangées.",
                    "The team members who need it, each according to their role, and our "
                    "technical providers (hosting in the European Union, sending emails, "
                    "payment), who act only on our instructions. Your data is never sold, rented "
                    "or swapped.",
                ),
                H2(T("Vos droits", "Your rights")),
                T(
                    "Le RGPD vous permet d'accéder à vos données, de les faire corriger ou "
                    "effacer, de les recevoir dans un format ouvert, de vous opposer à leur "
                    "usage et de retirer un consentement. Votre espace personnel fait l'essentiel "
                    "sans attendre personne : corriger votre adresse pour les prochains reçus, "
                    "télécharger toutes vos données en JSON ou CSV, retirer un consentement, "
                    "demander l'effacement.",
                    "The GDPR lets you access your data, have it corrected or erased, receive it "
                    "in an open format, object to its use and withdraw a consent. Your personal "
                    "space does most of it without waiting for anyone: correcting your address "
                    "for future receipts, downloading all your data as JSON or CSV, withdrawing a "
                    "consent, asking for erasure.",
                ),
                T(
                    "L'effacement a des limites fixées par la loi : les reçus fiscaux émis, le "
                    "registre des associés et la preuve d'une signature restent conservés le "
                    "temps indiqué plus haut, mis à l'écart et réservés à ce seul usage ; tout le "
                    "reste est supprimé.",
                    "Erasure has limits set by law: issued tax receipts, the register of "
                    "shareholders and the evidence of a signature stay for the time given above, "
                    "set aside and kept for that use only; everything else is deleted.",
                ),
                T(
                    "Pour toute question, écrivez à contact@tiers-lieux-solidaires.example : nous "
                    "répondons dans le mois. Si notre réponse ne vous satisfait pas, vous pouvez "
                    "saisir la CNIL (cnil.fr, 3 place de Fontenoy, 75007 Paris).",
                    "For any question, write to contact@tiers-lieux-solidaires.example: we answer "
                    "within a month. If our answer does not satisfy you, you may complain to the "
                    "CNIL, the French data protection authority (cnil.fr, 3 place de Fontenoy, "
                    "75007 Paris).",
                ),
            )
        ),
    ),
)
