"""Receipts by post: those of donors without email or who did not ask for them by email,
printed as originals, posted by staff.

A receipt joins the list when the task that would have emailed it finds no email (or no consent
to email it), so a donor who
gets an email later still has their earlier receipts posted. It leaves the list once marked
posted, once its original reached the donor otherwise (downloaded from the donor space, should
they have an email by then), or once cancelled (a refunded gift's receipt is not worth a stamp; a
corrected receipt joins the list in its place). Posted, the original is delivered: any later
download is a duplicate.
"""

from io import BytesIO

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from wagtail.log_actions import log

import pypdfium2 as pdfium

from campagnes.models import Receipt, ReceiptPosting
from campagnes.receipts import documents, issue

POSTED = "campagnes.receipt_posted"  # the log action, registered by wagtail_hooks


def queue(receipt: Receipt) -> ReceiptPosting:
    """Puts the receipt on the list to post; once only, whatever the task's retries."""
    posting, _ = ReceiptPosting.objects.get_or_create(receipt=receipt)
    return posting


def to_post() -> QuerySet:
    """Receipts waiting to be printed and posted, oldest first."""
    return (
        Receipt.objects.filter(
            posting__isnull=False,
            posting__posted_at__isnull=True,
            cancelled_on__isnull=True,
            original_delivered_at__isnull=True,
        )
        .select_related("donor", "posting")
        .order_by("posting__queued_at", "pk")
    )


def is_to_post(receipt: Receipt) -> bool:
    return to_post().filter(pk=receipt.pk).exists()


def mark_posted(receipts, user) -> list[Receipt]:
    """Records the receipts as posted by `user` now; those already posted (by a colleague, a
    moment ago) or cancelled are left as they are. Returns the receipts it marked."""
    with transaction.atomic():
        postings = list(
            ReceiptPosting.objects.select_for_update(of=("self",))
            .select_related("receipt")
            .filter(
                receipt__in=[receipt.pk for receipt in receipts],
                posted_at__isnull=True,
                receipt__cancelled_on__isnull=True,
                receipt__original_delivered_at__isnull=True,
            )
            .order_by("queued_at", "pk")
        )
        ReceiptPosting.objects.filter(pk__in=[posting.pk for posting in postings]).update(
            posted_at=timezone.now(), posted_by=user
        )
        marked = [posting.receipt for posting in postings]
        for receipt in marked:
            issue.deliver_original(receipt)
            log(instance=receipt, action=POSTED, user=user)
    return marked


def print_originals(receipts) -> bytes:
    """One PDF of the receipts' originals, in the order given, to print in one go."""
    merged = pdfium.PdfDocument.new()
    for receipt in receipts:
        merged.import_pages(pdfium.PdfDocument(documents.original(receipt)))
    buffer = BytesIO()
    merged.save(buffer)
    return buffer.getvalue()
