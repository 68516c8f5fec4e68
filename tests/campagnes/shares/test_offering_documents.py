"""An offering cannot open without the documents its bulletin makes investors certify they have
read: the information document, the statutes and the annual report. The editor refuses to
publish without them (a draft may wait), an offering missing one takes no subscription, and the
offering page and the bulletin's declarations link to all three, in both languages."""

import shutil

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from wagtail.test.utils.form_data import querydict_from_html

from campagnes.demo.documents import offering_documents
from campagnes.demo.shares import ensure_offering_documents
from campagnes.models import ShareOfferingPage
from tests.base import SiteTestCase
from tests.helpers.pdf import pdf_text
from tests.helpers.shares import PRIVATE_ROOT, BulletinSteps, share_offering_page
from tests.helpers.staff import verified_login

DOCUMENT_FIELDS = ("information_document", "statutes", "annual_report")
NO_DOCUMENTS = dict.fromkeys(DOCUMENT_FIELDS)


@override_settings(PRIVATE_MEDIA_ROOT=PRIVATE_ROOT)
class OfferingDocumentsTests(BulletinSteps, SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.page = share_offering_page(cls.home)
        cls.admin = get_user_model().objects.create_superuser("admin", password="x")

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(PRIVATE_ROOT, ignore_errors=True)

    def test_the_offering_page_and_the_declarations_link_to_the_three_documents(self):
        documents = [self.page.information_document, self.page.statutes, self.page.annual_report]
        page = self.client.get(self.page.url).text
        self.go_to("declarations")
        declarations = self.client.get(self.step_url("declarations")).text
        for html in (page, declarations):
            for label, document in zip(
                ("Document d’information", "Statuts", "Rapport annuel"), documents, strict=True
            ):
                self.assertIn(f'<a href="{document.url}">{label}</a>', html)
        self.assertIn("Les documents dont vous certifiez avoir pris connaissance", declarations)

    def test_the_english_page_links_to_the_same_documents(self):
        english = self.translate_page(self.page)
        self.assertEqual(english.statutes_id, self.page.statutes_id)
        html = self.client.get(english.url).text
        self.assertIn(f'<a href="{self.page.statutes.url}">Statutes</a>', html)
        self.assertIn(f'<a href="{self.page.annual_report.url}">Annual report</a>', html)

    def test_an_offering_cannot_be_published_without_them(self):
        with self.assertRaises(ValidationError) as refused:
            share_offering_page(self.home, slug="sans-documents", **NO_DOCUMENTS)
        self.assertEqual(set(refused.exception.message_dict), set(DOCUMENT_FIELDS))

    def test_the_editor_keeps_a_draft_and_refuses_to_publish_it(self):
        draft = self.page.copy(
            to=self.home,
            update_attrs={"slug": "brouillon", "live": False, **NO_DOCUMENTS},
            keep_live=False,
        )
        verified_login(self.client, self.admin)
        url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
        with translation.override("fr"):
            form = querydict_from_html(self.client.get(url).text, form_id="page-edit-form")
            saved = self.client.post(url, form)
            form["action-publish"] = "action-publish"
            refused = self.client.post(url, form)
        self.assertEqual(saved.status_code, 302)
        self.assertEqual(refused.status_code, 200)
        self.assertContains(refused, "Obligatoire pour publier l’offre")
        self.assertFalse(ShareOfferingPage.objects.get(pk=draft.pk).live)

        for field in DOCUMENT_FIELDS:
            form[field] = str(getattr(self.page, f"{field}_id"))
        with translation.override("fr"):
            published = self.client.post(url, form)
        self.assertEqual(published.status_code, 302)
        self.assertTrue(ShareOfferingPage.objects.get(pk=draft.pk).live)

    def test_an_offering_whose_document_was_deleted_takes_no_subscription(self):
        self.page.statutes.delete()
        page = ShareOfferingPage.objects.get(pk=self.page.pk)
        self.assertEqual(page.status, "upcoming")
        html = self.client.get(page.url).text
        self.assertIn("Les souscriptions ouvriront dès que les documents de l’offre", html)
        self.assertNotIn(reverse("campagnes:share_start", args=[page.pk]), html)
        refused = self.client.get(self.step_url("investisseur"))
        self.assertEqual(refused.status_code, 410)

    def test_the_demo_draws_its_documents_and_gives_them_to_an_older_demo_offering(self):
        english = self.translate_page(self.page)
        ShareOfferingPage.objects.filter(pk__in=[self.page.pk, english.pk]).update(**NO_DOCUMENTS)
        older = ShareOfferingPage.objects.get(pk=self.page.pk)
        self.assertEqual(ensure_offering_documents(older), 2)
        page = ShareOfferingPage.objects.get(pk=self.page.pk)
        self.assertEqual(ensure_offering_documents(page), 0)
        documents = offering_documents()
        for each in (page, english):
            each.refresh_from_db()
            self.assertEqual(each.missing_documents, [])
            self.assertEqual(each.annual_report, documents["annual_report"])
            self.assertEqual(each.status, "open")
        with documents["statutes"].open_file() as file:
            text = pdf_text(file.read())
        self.assertIn("Statuts de la Foncière des tiers-lieux solidaires", text)
        self.assertIn("Document fictif de démonstration", text)
