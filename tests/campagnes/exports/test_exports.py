"""Exports: CSV for Excel (BOM, semicolons), XLSX read back, streamed, and each one logged."""

import csv
import datetime
import io
import os
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path
from unittest import mock

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.users.models import UserProfile

import openpyxl

from campagnes.demo.permissions import MECENAT_GROUP
from campagnes.exports import writers as exports
from campagnes.models import Counterpart, Export
from campagnes.models.pledges import PledgeStatus
from home.audit import TeamLogEntry
from tests import factories
from tests.base import SiteTestCase
from tests.helpers.staff import verified_login


def paid(day: int):
    return timezone.make_aware(datetime.datetime(2026, 11, day, 14, 30))


class ExportTestCase(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        index = factories.campaign_index_page(cls.home)
        cls.campaign = factories.campaign_page(index, title="Une cuisine pour La Boussole")
        cls.user = get_user_model().objects.create_user("tresoriere", "tresoriere@example.org")
        cls.user.groups.add(Group.objects.get(name=MECENAT_GROUP))
        # The admin speaks the user's language: English headings do not wait for the catalogue.
        UserProfile.get_for_user(cls.user).__class__.objects.filter(user=cls.user).update(
            preferred_language="en"
        )
        jeanne = factories.donor("jeanne.martin@example.org")
        # A name a spreadsheet would run as a formula.
        mallory = factories.donor("mallory@example.org", last_name='=HYPERLINK("http://x")')
        factories.gift(jeanne, 15050, paid(3), campaign=cls.campaign, method="card")
        factories.gift(jeanne, 2000, paid(20), refunded_cents=500, frequency="monthly")
        factories.gift(mallory, 1000, paid(4), campaign=cls.campaign, is_offline=True)
        factories.gift(mallory, 3000, None, status="pending", campaign=cls.campaign)
        factories.gift(mallory, 7000, timezone.make_aware(datetime.datetime(2026, 9, 1, 10)))
        partner = factories.partner("Boulangeries Martin")
        pledge = factories.pledge(
            partner, 200_000, campaign=cls.campaign, status=PledgeStatus.SIGNED
        )
        Counterpart.objects.create(pledge=pledge, description="Logo", value_cents=30_000)

    def setUp(self):
        super().setUp()
        verified_login(self.client, self.user)

    def download(self, **params) -> StreamingHttpResponse:
        """The export, its content read whole into `body` (a browser would save it)."""
        query = {"download": "1", "file_format": "csv", **params}
        with translation.override("en"):
            response = self.client.get(reverse("mecenat-exports:index"), query)
            self.assertIsInstance(response, StreamingHttpResponse)
            response.body = b"".join(response.streaming_content)
        return response

    def csv_rows(self, body: bytes) -> list[list[str]]:
        self.assertTrue(body.startswith("\ufeff".encode()))
        self.assertIn(b"\r\n", body)
        return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


class CsvTests(ExportTestCase):
    def test_gifts_of_a_period_and_campaign_for_excel(self):
        response = self.download(
            dataset="gifts", start="2026-11-01", end="2026-11-30", campaign=self.campaign.pk
        )
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        self.assertIn('attachment; filename="gifts-', response["Content-Disposition"])
        header, *rows = self.csv_rows(response.body)
        self.assertEqual(header[:4], ["Gift", "Confirmed", "Status", "Amount"])
        self.assertEqual(len(rows), 2)  # the pending gift has no date, September is outside
        first = dict(zip(header, rows[0], strict=True))
        self.assertEqual(first["Amount"], "150,50")
        self.assertEqual(first["Confirmed"], "2026-11-03 14:30:00")
        self.assertEqual(first["Status"], "Confirmed")
        self.assertEqual(first["Campaign"], "Une cuisine pour La Boussole")
        self.assertEqual(rows[1][header.index("Offline")], "Yes")
        self.assertEqual(rows[1][header.index("Last name")], '\'=HYPERLINK("http://x")')

    def test_each_export_is_written_to_the_log_with_its_filter(self):
        self.download(dataset="gifts", start="2026-11-01", end="2026-11-30")
        export = Export.objects.get()
        self.assertEqual(
            (export.user, export.dataset, export.file_format), (self.user, "gifts", "csv")
        )
        self.assertIn("11/01/2026", export.filters)
        self.assertIn("11/30/2026", export.filters)
        # In the log kept for the exporting team (home/audit.py), not Wagtail's shared one.
        entry = TeamLogEntry.objects.get(action="campagnes.export")
        self.assertEqual((entry.user, entry.object_id), (self.user, str(export.pk)))
        self.assertEqual(entry.data["dataset"], "gifts")
        self.assertEqual(entry.data["filters"], export.filters)
        page = self.client.get(reverse("mecenat-exports:index"))
        self.assertContains(page, export.filters)  # in the recent exports

    def test_donors_who_gave_in_the_period_with_their_giving(self):
        header, *rows = self.csv_rows(
            self.download(dataset="donors", start="2026-11-01", end="2026-11-30").body
        )
        given = {row[0]: row[header.index("Total given")] for row in rows}
        # Jeanne: 150,50 + 20 - 5 €; Mallory: 10 + 70 € (September counts in the total).
        self.assertEqual(
            given, {"jeanne.martin@example.org": "165,50", "mallory@example.org": "80,00"}
        )
        header, *rows = self.csv_rows(
            self.download(dataset="donors", start="2026-09-01", end="2026-09-30").body
        )
        self.assertEqual([row[0] for row in rows], ["mallory@example.org"])

    def test_pledges_with_their_counterparts(self):
        header, *rows = self.csv_rows(self.download(dataset="pledges").body)
        row = dict(zip(header, rows[0], strict=True))
        self.assertEqual(row["Partner"], "Boulangeries Martin")
        self.assertEqual((row["Amount"], row["Counterparts"]), ("2000,00", "300,00"))

    def test_a_listing_exports_what_it_shows(self):
        with translation.override("en"):
            response = self.client.get(
                reverse("gifts:index"), {"export": "csv", "is_offline": "true"}
            )
        header, *rows = self.csv_rows(b"".join(response.streaming_content))
        self.assertEqual(len(rows), 1)
        self.assertIn("mallory@example.org", rows[0])
        self.assertEqual(Export.objects.get().filters, "Recorded by staff: Yes")
        self.assertTrue(TeamLogEntry.objects.filter(action="campagnes.export").exists())

    def test_a_bad_request_shows_the_form_again(self):
        with translation.override("fr"):
            response = self.client.get(
                reverse("mecenat-exports:index"),
                {"download": "1", "dataset": "gifts", "file_format": "csv", "start": "demain"},
            )
        self.assertEqual(response.status_code, 200)
        self.assertNotIsInstance(response, StreamingHttpResponse)
        self.assertFalse(Export.objects.exists())


class XlsxTests(ExportTestCase):
    def workbook(self, **params):
        response = self.download(file_format="xlsx", **params)
        self.assertEqual(
            response["Content-Type"],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        return openpyxl.load_workbook(io.BytesIO(response.body))

    def test_amounts_and_dates_are_typed(self):
        sheet = self.workbook(dataset="gifts", start="2026-11-01", end="2026-11-30").active
        rows = list(sheet.iter_rows(values_only=True))
        header, first = rows[0], dict(zip(rows[0], rows[1], strict=True))
        self.assertEqual(header[3], "Amount")
        self.assertEqual(first["Amount"], 150.5)
        self.assertEqual(sheet.cell(row=2, column=4).number_format, '#,##0.00\\ "€"')
        self.assertEqual(first["Confirmed"], datetime.datetime(2026, 11, 3, 14, 30))
        self.assertEqual(first["Offline"], "No")
        mallory = next(n for n, row in enumerate(rows) if "mallory@example.org" in row)
        self.assertEqual(rows[mallory][header.index("Last name")], '=HYPERLINK("http://x")')
        cell = sheet.cell(row=mallory + 1, column=header.index("Last name") + 1)
        self.assertEqual(cell.data_type, "s")

    def test_rows_beyond_a_sheet_go_on_to_the_next(self):
        with mock.patch.object(exports, "XLSX_MAX_ROWS", 3):
            workbook = self.workbook(dataset="gifts")
        self.assertEqual(len(workbook.sheetnames), 3)
        counts = [sheet.max_row - 1 for sheet in workbook.worksheets]
        self.assertEqual(counts, [2, 2, 1])


SOFFICE = shutil.which("soffice") or "/usr/bin/soffice"
# Every sheet (-1) to CSV: semicolons (59), UTF-8 (76), cells as Calc shows them (the third true).
CSV_FILTER = "csv:Text - txt - csv (StarCalc):59,34,76,1,,1036,false,true,true,false,false,-1"


# Under CI a missing LibreOffice fails the run rather than skipping (.ci/run installs it).
@unittest.skipUnless(
    shutil.which("soffice") or os.environ.get("CI") == "true",
    "LibreOffice is not installed: apt-get install libreoffice-calc-nogui",
)
class XlsxInLibreOfficeTests(ExportTestCase):
    """The workbook a treasurer opens: LibreOffice Calc reads it, every sheet, figures as shown."""

    def test_libreoffice_opens_the_workbook_with_its_amounts_and_dates(self):
        with mock.patch.object(exports, "XLSX_MAX_ROWS", 3):
            body = self.download(file_format="xlsx", dataset="gifts").body
        with tempfile.TemporaryDirectory() as folder:
            workbook = Path(folder) / "dons.xlsx"
            workbook.write_bytes(body)
            subprocess.run(  # noqa: S603 -- fixed arguments, the file is the test's own
                [
                    SOFFICE,
                    f"-env:UserInstallation=file://{folder}/profile",
                    "--headless",
                    "--convert-to",
                    CSV_FILTER,
                    "--outdir",
                    folder,
                    str(workbook),
                ],
                check=True,
                capture_output=True,
                timeout=120,
            )
            sheets = sorted(Path(folder).glob("dons-*.csv"))
            rows = [
                row
                for sheet in sheets
                for row in csv.reader(io.StringIO(sheet.read_text("utf-8")), delimiter=";")
            ]
        self.assertEqual(len(sheets), 3)
        header = rows[0]
        gifts = [dict(zip(header, row, strict=True)) for row in rows if row != header]
        self.assertEqual(len(gifts), 5)
        first = next(gift for gift in gifts if gift["Amount"].startswith("150"))
        # As Calc shows them in its own locale (en-US here): euros with cents, a date and time,
        # not 150.5 and a day number.
        self.assertRegex(first["Amount"], r"^150[.,]50\s€$")
        self.assertRegex(first["Net"], r"^150[.,]50\s€$")
        self.assertRegex(first["Confirmed"], r"^(11/3|3/11)/2026 14:30$")
        mallory = next(gift for gift in gifts if gift["Email"] == "mallory@example.org")
        # Shown as text, never run as a formula.
        self.assertEqual(mallory["Last name"], '=HYPERLINK("http://x")')
