"""Issue January's annual tax receipts: one per donor for last year's gifts without a receipt.

Run it again and it issues nothing more: a receipted gift is never receipted twice.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from campagnes.receipts import issue as receipts


class Command(BaseCommand):
    help = "Issue one annual tax receipt per donor for a year's gifts that have none yet."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="The year of the gifts (default: last year).")

    def handle(self, *args, **options):
        year = options["year"] or timezone.localdate().year - 1
        issued = receipts.issue_annual(year)
        total = sum(receipt.amount_cents for receipt in issued)
        self.stdout.write(f"{year}: {len(issued)} annual receipts issued, {total / 100:.2f} EUR.")
