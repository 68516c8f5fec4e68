"""Partners and pledges: a received pledge counts toward its campaign and gets its company receipt;
counterparts over a quarter of the gift are flagged; overdue pledges show; the agreement stays
private."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.test.utils.form_data import inline_formset, nested_form_data

from campagnes.demo.permissions import MECENAT_GROUP
from campagnes.models import Donor, Pledge, Receipt
from campagnes.models.pledges import PledgeStatus
from campagnes.models.receipts import ReceiptKind
from campagnes.money import format_amount
from campagnes.receipts import documents
from home.demo.permissions import communication_group
from tests import factories
from tests.base import SiteTestCase
from tests.helpers.pdf import pdf_text
from tests.helpers.staff import verified_login


class PledgeTestCase(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        factories.donation_settings(cls.site)
        index = factories.campaign_index_page(cls.home)
        cls.campaign = factories.campaign_page(index, goal_cents=1_000_000)
        User = get_user_model()
        cls.mecenat = User.objects.create_user("tresoriere", "tresoriere@example.org")
        cls.mecenat.groups.add(Group.objects.get(name=MECENAT_GROUP))
        communication = communication_group()
        cls.communication = User.objects.create_user("redaction", "redaction@example.org")
        cls.communication.groups.add(communication)
        cls.partner = factories.partner("Boulangeries Martin")

    def setUp(self):
        super().setUp()
        verified_login(self.client, self.mecenat)

    def form(self, counterparts=(), **fields):
        data = {
            "partner": self.partner.pk,
            "amount_cents": "2 000",
            "purpose": "La chambre froide",
            "campaign": self.campaign.pk,
            "lieu": "",
            "status": PledgeStatus.PROSPECT,
            "expected_signature_on": "",
            "expected_payment_on": "",
            "signed_on": "",
            "received_on": "",
            "method": "transfer",
            "notes": "",
            "counterparts": inline_formset(
                [
                    {"description": description, "value_cents": value, "given_on": ""}
                    for description, value in counterparts
                ]
            ),
            **fields,
        }
        return nested_form_data(data)

    def post(self, url, data):
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(url, data, follow=True)

    def received(self, **fields):
        fields.setdefault("received_on", timezone.localdate().isoformat())
        return self.form(status=PledgeStatus.RECEIVED, **fields)


class ReceivedPledgeTests(PledgeTestCase):
    def test_it_counts_toward_the_campaign_and_gets_a_company_receipt(self):
        page_queries = self.count_queries(self.campaign.url)
        response = self.post(reverse("pledges:add"), self.received(signed_on="2026-01-05"))
        self.assertEqual(response.status_code, 200)
        pledge = Pledge.objects.get()
        self.assertEqual((pledge.amount_cents, pledge.status), (200_000, PledgeStatus.RECEIVED))

        receipt = pledge.receipt
        self.assertEqual((receipt.kind, receipt.amount_cents), (ReceiptKind.COMPANY, 200_000))
        self.assertEqual(receipt.company_name, "Boulangeries Martin")
        self.assertEqual(receipt.donor.email, "rse@boulangeries-martin.example")
        self.assertEqual(self.partner.__class__.objects.get().donor, receipt.donor)
        text = pdf_text(documents.render(receipt, duplicate=True))
        for mention in ("16216*02", "238 bis", "Boulangeries Martin", "812345670", "2 000,00"):
            self.assertIn(mention, text.replace("\u202f", " "))
        self.assertIn("Acte sous seing privé", text)
        self.assertEqual(mail.outbox[-1].to, ["rse@boulangeries-martin.example"])

        self.client.logout()
        with translation.override("fr"):
            page = self.client.get(self.campaign.url)
            self.assertContains(page, format_amount(200_000))
        self.assertEqual(page.context["page"].progress.raised_cents, 200_000)
        self.assertEqual(page.context["page"].progress.donors, 1)
        verified_login(self.client, self.mecenat)
        self.assertEqual(self.count_queries(self.campaign.url), page_queries)

    def count_queries(self, url) -> int:
        self.client.logout()
        self.client.get(url)
        with CaptureQueriesContext(connection) as queries:
            self.client.get(url)
        verified_login(self.client, self.mecenat)
        return len(queries)

    def test_a_corrected_amount_replaces_the_receipt_and_going_back_cancels_it(self):
        self.post(reverse("pledges:add"), self.received())
        pledge = Pledge.objects.get()
        first = pledge.receipt
        self.post(reverse("pledges:edit", args=[pledge.pk]), self.received(amount_cents="2 500"))
        pledge.refresh_from_db()
        first.refresh_from_db()
        self.assertTrue(first.is_cancelled)
        self.assertEqual((pledge.receipt.amount_cents, pledge.receipt.replaces), (250_000, first))

        self.post(
            reverse("pledges:edit", args=[pledge.pk]),
            self.form(status=PledgeStatus.INVOICED, amount_cents="2 500"),
        )
        pledge.refresh_from_db()
        self.assertTrue(pledge.receipt.is_cancelled)
        self.assertEqual(Receipt.objects.filter(cancelled_on__isnull=True).count(), 0)

        # Saving it again unchanged issues nothing more.
        received = Receipt.objects.count()
        self.post(
            reverse("pledges:edit", args=[pledge.pk]), self.form(status=PledgeStatus.INVOICED)
        )
        self.assertEqual(Receipt.objects.count(), received)

    def test_the_partner_must_have_what_the_receipt_prints(self):
        self.partner.contact_email = ""
        self.partner.address = ""
        self.partner.siren = ""
        self.partner.save()
        response = self.client.post(reverse("pledges:add"), self.received(received_on=""))
        self.assertEqual(response.status_code, 200)
        errors = response.context["form"].errors
        self.assertEqual(len(errors["partner"]), 3)
        self.assertIn("received_on", errors)
        self.assertFalse(Pledge.objects.exists())
        # Earlier stages need none of it.
        self.post(reverse("pledges:add"), self.form(status=PledgeStatus.PROPOSAL))
        self.assertEqual(Pledge.objects.get().status, PledgeStatus.PROPOSAL)

    def test_an_email_that_is_a_person_s_is_not_taken_for_the_company(self):
        factories.donor("rse@boulangeries-martin.example", first_name="Sophie")
        response = self.client.post(reverse("pledges:add"), self.received())
        self.assertIn("partner", response.context["form"].errors)
        self.assertFalse(Donor.objects.exclude(company_name="").exists())

    def test_amounts_are_typed_in_euros(self):
        for typed, problem in (("0", True), ("deux mille", True), ("1 500,50", False)):
            with self.subTest(typed=typed):
                response = self.client.post(reverse("pledges:add"), self.form(amount_cents=typed))
                if problem:
                    self.assertIn("amount_cents", response.context["form"].errors)
        self.assertEqual(Pledge.objects.get().amount_cents, 150_050)
        edit = self.client.get(reverse("pledges:edit", args=[Pledge.objects.get().pk]))
        self.assertContains(edit, 'value="1500,50"')


class CounterpartTests(PledgeTestCase):
    def test_counterparts_over_a_quarter_of_the_gift_are_saved_with_a_warning(self):
        response = self.post(
            reverse("pledges:add"),
            self.form(
                amount_cents="1 000",
                counterparts=[("Logo sur la page", "200"), ("Deux places au dîner", "60")],
            ),
        )
        pledge = Pledge.objects.get()
        self.assertEqual(pledge.counterparts_cents(), 26_000)
        warnings = [m for m in response.context["messages"] if m.level_tag == "warning"]
        self.assertEqual(len(warnings), 1)
        self.assertIn("25", str(warnings[0]))
        inspect = self.client.get(reverse("pledges:inspect", args=[pledge.pk]))
        self.assertContains(inspect, "help-warning")
        self.assertContains(self.client.get(reverse("pledges:index")), "26 %")

    def test_a_quarter_exactly_is_within_the_rule(self):
        response = self.post(
            reverse("pledges:add"),
            self.form(amount_cents="1 000", counterparts=[("Logo sur la page", "250")]),
        )
        self.assertFalse([m for m in response.context["messages"] if m.level_tag == "warning"])
        pledge = Pledge.objects.get()
        self.assertNotContains(
            self.client.get(reverse("pledges:inspect", args=[pledge.pk])), "help-warning"
        )


class PledgeListTests(PledgeTestCase):
    def test_overdue_pledges_are_flagged_and_filtered(self):
        today = timezone.localdate()
        late = factories.pledge(
            self.partner,
            300_000,
            status=PledgeStatus.INVOICED,
            expected_payment_on=today - datetime.timedelta(days=3),
        )
        on_time = factories.pledge(
            self.partner,
            100_000,
            status=PledgeStatus.PROSPECT,
            expected_signature_on=today + datetime.timedelta(days=3),
        )
        listing = self.client.get(reverse("pledges:index"), {"overdue": "true"})
        self.assertContains(listing, reverse("pledges:inspect", args=[late.pk]))
        self.assertNotContains(listing, reverse("pledges:inspect", args=[on_time.pk]))
        listing = self.client.get(reverse("pledges:index"))
        self.assertContains(listing, "<strong>En retard</strong>", count=1)
        partner = self.client.get(reverse("partners:inspect", args=[self.partner.pk]))
        self.assertContains(partner, reverse("pledges:inspect", args=[late.pk]))

    def test_the_agreement_is_a_pdf(self):
        data = self.form(status=PledgeStatus.SIGNED)
        data["agreement"] = SimpleUploadedFile("convention.html", b"<script>", "text/html")
        response = self.client.post(reverse("pledges:add"), data)
        self.assertIn("agreement", response.context["form"].errors)

    def test_the_agreement_is_downloaded_through_the_admin_only(self):
        agreement = SimpleUploadedFile("convention.pdf", b"%PDF-1.4 convention", "application/pdf")
        data = self.form(status=PledgeStatus.SIGNED, signed_on="2026-01-05")
        data["agreement"] = agreement
        self.post(reverse("pledges:add"), data)
        pledge = Pledge.objects.get()
        url = reverse("pledges:agreement", args=[pledge.pk])
        response = self.client.get(url)
        self.assertEqual(b"".join(response.streaming_content), b"%PDF-1.4 convention")
        self.assertIn("attachment", response["Content-Disposition"])
        with self.assertRaises(ValueError):
            pledge.agreement.url  # noqa: B018 -- private storage has no public address
        verified_login(self.client, self.communication)
        self.assertEqual(self.client.get(url)["Location"], reverse("wagtailadmin_home"))
        pledge.agreement.delete()
