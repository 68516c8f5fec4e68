"""Freeze the tax receipts and share certificates issued before documents were kept as issued.

Run once after deploying migration 0017 (running it again does nothing more). For each receipt
without a stored original, what it prints is taken from its record and today's settings and the
original rendered from that; it is stored only when it gives the fingerprint recorded when the
receipt was first rendered, which proves it is the document issued. A receipt that gives another
(the settings changed since) is listed and left alone: nothing is served for it until staff
either restore the settings of the time and run this again, or accept today's rendering with
`--accept-current NUMBER…`, recorded in the receipt's history with both fingerprints.

Certificates carried no fingerprint: each one of an issued subscription is stored as rendered
from the offering page today.
"""

from django.core.management.base import BaseCommand

from wagtail.log_actions import log

from campagnes.models import Receipt, Subscription
from campagnes.models.shares import SubscriptionStatus
from campagnes.receipts import documents
from campagnes.shares.documents import store_certificate
from home.frozen import DocumentUnavailable

REMADE = "campagnes.original_remade"  # the log action, registered by wagtail_hooks


class Command(BaseCommand):
    help = "Store the original of every receipt and certificate issued before they were stored."

    def add_arguments(self, parser):
        parser.add_argument(
            "--accept-current",
            nargs="+",
            default=[],
            metavar="NUMBER",
            help="Receipts whose original cannot be made again: store today's rendering.",
        )

    def handle(self, *args, **options):
        accepted = set(options["accept_current"])
        stored, refused = 0, []
        for receipt in Receipt.objects.filter(pdf="").select_related("replaces").order_by("pk"):
            recorded = receipt.pdf_sha256
            try:
                documents.store_original(receipt, accept_current=receipt.number in accepted)
            except DocumentUnavailable:
                refused.append(receipt.number)
                continue
            stored += 1
            if recorded and recorded != receipt.pdf_sha256:
                data = {"recorded_sha256": recorded, "stored_sha256": receipt.pdf_sha256}
                log(instance=receipt, action=REMADE, data=data)
        certificates = 0
        issued = Subscription.objects.filter(status=SubscriptionStatus.ISSUED, certificate="")
        for subscription in issued.select_related("page"):
            store_certificate(subscription)
            certificates += 1
        self.stdout.write(f"{stored} receipts and {certificates} certificates stored.")
        if refused:
            self.stdout.write(
                "Not reproducible as issued (see --accept-current): " + " ".join(refused)
            )
