"""The donor and investor spaces' old addresses, in emails already sent: each leads permanently
to its place in "Mon espace", in the same language, its query string (a sign-in token) kept."""

import uuid

from tests.base import SiteTestCase

ID = uuid.UUID("8f0c1f9e-3c1a-4a8e-9d51-3f0d2b7e6a10")

MOVED = {
    "/fr/donateur/": "/fr/mon-espace/connexion/",
    "/en/donor/": "/en/my-space/sign-in/",
    "/fr/investisseur/": "/fr/mon-espace/connexion/",
    "/en/investor/": "/en/my-space/sign-in/",
    "/fr/donateur/lien/?token=abc-123": "/fr/mon-espace/lien/?token=abc-123",
    "/en/donor/link/?token=abc-123": "/en/my-space/link/?token=abc-123",
    "/en/donateur/lien/?token=abc-123": "/en/my-space/link/?token=abc-123",
    "/fr/donateur/espace/": "/fr/mon-espace/",
    "/en/donor/space/": "/en/my-space/",
    "/fr/investisseur/espace/": "/fr/mon-espace/",
    "/en/investor/space/": "/en/my-space/",
    "/fr/donateur/recus/2026-000012.pdf": "/fr/mon-espace/recus/2026-000012.pdf",
    "/en/donor/receipts/2026-000012.pdf": "/en/my-space/receipts/2026-000012.pdf",
    f"/fr/donateur/don-mensuel/{ID}/": f"/fr/mon-espace/don-mensuel/{ID}/",
    f"/en/donor/monthly-gift/{ID}/payment-method/?session_id=cs_1": (
        f"/en/my-space/monthly-gift/{ID}/payment-method/?session_id=cs_1"
    ),
    "/fr/donateur/export/": "/fr/mon-espace/mes-donnees.json",
    "/fr/donateur/coordonnees/": "/fr/mon-espace/coordonnees/",
    "/en/donor/details/": "/en/my-space/details/",
    f"/fr/investisseur/attestation/{ID}.pdf": f"/fr/mon-espace/attestations/{ID}.pdf",
    f"/en/investor/certificate/{ID}.pdf": f"/en/my-space/certificates/{ID}.pdf",
}


class OldAddressTests(SiteTestCase):
    def test_every_old_address_leads_to_the_new_one_for_good(self):
        for old, new in MOVED.items():
            with self.subTest(old):
                response = self.client.get(old)
                self.assertEqual((response.status_code, response["Location"]), (301, new))

    def test_a_sign_out_form_posted_to_the_old_address_is_posted_again_to_the_new_one(self):
        response = self.client.post("/fr/donateur/deconnexion/")
        self.assertEqual(
            (response.status_code, response["Location"]), (308, "/fr/mon-espace/deconnexion/")
        )

    def test_an_old_sign_in_link_still_signs_in(self):
        response = self.client.get("/fr/donateur/lien/?token=made-up", follow=True)
        self.assertEqual(response.redirect_chain, [("/fr/mon-espace/lien/?token=made-up", 301)])
        self.assertContains(response, "Ce lien n’est pas valide", status_code=410)
