"""All of a person's data downloaded from their space, as JSON and as a zip of CSV files: a
donor's gifts, receipts and consents, an investor's subscriptions and register entries."""

import csv
import io
import json
import zipfile

from campagnes.choices import ConsentKind, ConsentSource
from campagnes.consents import records
from campagnes.receipts import issue as receipts
from tests.campagnes.spaces.test_my_space import (
    DONOR,
    INVESTOR,
    MySpaceTestCase,
    issued_subscription,
)


def csv_files(response) -> dict[str, list[dict]]:
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return {
        name.removesuffix(".csv"): list(
            csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig")))
        )
        for name in archive.namelist()
    }


class DonorPortabilityTests(MySpaceTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.gift.stripe_payment_intent_id = "pi_secret_of_stripe"
        cls.gift.utm_source = "newsletter"
        cls.gift.save()
        cls.receipt = receipts.issue(cls.donor, [cls.gift])
        records.give(DONOR, ConsentKind.NEWSLETTER, ConsentSource.DONATION_FORM, donor=cls.donor)
        records.withdraw(DONOR, ConsentKind.NEWSLETTER, ConsentSource.UNSUBSCRIBE)

    def test_the_json_holds_the_donor_s_tables_and_no_stripe_id(self):
        self.sign_in(DONOR)
        response = self.client.get("/fr/mon-espace/mes-donnees.json")
        self.assertEqual(response["Content-Disposition"], 'attachment; filename="mes-donnees.json"')
        data = json.loads(response.content)
        self.assertEqual(data["person"][0]["address"], "3 place des Tilleuls")
        self.assertEqual(
            [(gift["amount_cents"], gift["status"], gift["receipt"]) for gift in data["gifts"]],
            [(5000, "paid", self.receipt.number)],
        )
        self.assertEqual(data["gifts"][0]["utm_source"], "newsletter")
        self.assertEqual(
            data["receipts"][0]["address"], "3 place des Tilleuls\n42400 Saint-Chamond"
        )
        consent = data["consents"][0]
        self.assertEqual(
            (consent["consent"], consent["given_through"], consent["withdrawn_through"]),
            ("newsletter", "donation_form", "unsubscribe"),
        )
        self.assertEqual(len(data["sign_in_links"]), 1)
        self.assertEqual(data["share_subscriptions"], [])
        self.assertNotIn("stripe", response.text.lower())

    def test_the_csv_zip_holds_one_file_per_table_with_the_same_data(self):
        self.sign_in(DONOR)
        response = self.client.get("/fr/mon-espace/mes-donnees-csv.zip")
        self.assertEqual(response["Content-Type"], "application/zip")
        files = csv_files(response)
        self.assertLessEqual(
            {"person", "consents", "gifts", "monthly_gifts", "receipts", "share_register"},
            set(files),
        )
        self.assertEqual(files["person"][0]["city"], "Saint-Chamond")
        self.assertEqual(files["gifts"][0]["amount_cents"], "5000")
        self.assertEqual(files["receipts"][0]["number"], self.receipt.number)
        self.assertEqual(files["consents"][0]["withdrawn_through"], "unsubscribe")
        self.assertEqual(files["monthly_gifts"], [])


class InvestorPortabilityTests(MySpaceTestCase):
    def test_an_investor_s_export_holds_the_subscription_and_the_register_lines(self):
        subscription = issued_subscription(
            self.page, INVESTOR, phone="06 12 34 56 78", reference="SOUS-PORT01"
        )
        self.sign_in(INVESTOR)
        data = json.loads(self.client.get("/en/my-space/my-data.json").content)
        self.assertNotIn("gifts", data)
        row = data["share_subscriptions"][0]
        self.assertEqual(
            (row["reference"], row["shares"], row["status"], row["phone"]),
            (subscription.reference, 3, "issued", "06 12 34 56 78"),
        )
        self.assertEqual(
            data["share_register"][0]["address"], "12 rue des Lilas, 69003 Lyon, France"
        )
        movement = data["share_movements"][0]
        self.assertEqual((movement["nature"], movement["shares"]), ("subscription", 3))
        self.assertNotIn("identity_key", json.dumps(data))

        files = csv_files(self.client.get("/en/my-space/my-data-csv.zip"))
        self.assertEqual(files["share_subscriptions"][0]["reference"], subscription.reference)
        self.assertEqual(files["share_register"][0]["shareholder_number"], "1")
        self.assertEqual(files["person"][0]["email"], INVESTOR)
