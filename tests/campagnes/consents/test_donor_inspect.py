"""Staff see a person's consent history on the donor's page: what, in which words and version,
when, where, and when and how it was withdrawn."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from campagnes.choices import ConsentKind, ConsentSource
from campagnes.consents import records
from campagnes.demo.permissions import MECENAT_GROUP
from tests import factories
from tests.base import SiteTestCase
from tests.helpers.staff import verified_login

EMAIL = "jeanne.martin@example.org"


class DonorConsentHistoryTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.user = get_user_model().objects.create_user("tresoriere", "tresoriere@example.org")
        cls.user.groups.add(Group.objects.get(name=MECENAT_GROUP))
        cls.donor = factories.donor(EMAIL)
        records.give(
            EMAIL,
            ConsentKind.NEWSLETTER,
            ConsentSource.DONATION_FORM,
            donor=cls.donor,
            page="/fr/campagnes/un-toit/",
            language="fr",
        )
        records.withdraw(EMAIL, ConsentKind.NEWSLETTER, ConsentSource.SPACE)
        with translation.override("en"):
            records.give(EMAIL, ConsentKind.NEWSLETTER, ConsentSource.BULLETIN, language="en")

    def test_the_donor_page_lists_each_consent_given_and_withdrawn(self):
        verified_login(self.client, self.user)
        content = self.client.get(reverse("donors:inspect", args=[self.donor.pk])).text
        panel = content[content.index('id="consent-history-section"') :]
        french = "Je souhaite recevoir des nouvelles des lieux (environ une fois par mois)"
        self.assertIn(f"“{french}”", panel)
        self.assertIn("“I would like news of the places (about once a month)”", panel)
        self.assertIn("version 2026-12, fr", panel)
        self.assertIn("/fr/campagnes/un-toit/", panel)
        self.assertIn("Formulaire de don", panel)
        self.assertIn("Bulletin de souscription", panel)
        self.assertIn("Espace personnel", panel)  # how the first one was withdrawn
        self.assertIn("En vigueur", panel)

    def test_a_donor_without_any_consent_says_so(self):
        other = factories.donor("paul.durand@example.org")
        verified_login(self.client, self.user)
        response = self.client.get(reverse("donors:inspect", args=[other.pk]))
        self.assertContains(response, "Aucun consentement enregistré.")
