"""A receipt's PDFs: the original as issued, and copies marked DUPLICATA or ANNULÉ.

The original is rendered once from the receipt's snapshot (`Receipt.printed`), stored on the
private storage and fingerprinted; every later read serves those bytes once checked. Copies are
rendered from the same snapshot with their mark, never from today's settings. A stored original
that is missing or altered is reported to staff and nothing is served (`DocumentUnavailable`).
"""

from django.db import transaction

from campagnes.models import Receipt
from campagnes.pdf.receipt import render_receipt_pdf
from campagnes.receipts import issue, printed
from home import frozen
from home.frozen import DocumentUnavailable

__all__ = [
    "DocumentUnavailable",
    "copy",
    "download",
    "is_intact",
    "original",
    "render",
    "store_original",
]

DOCUMENT = "original"


def store_original(receipt: Receipt, accept_current: bool = False) -> None:
    """Renders the original from the snapshot and stores it; once, whoever calls first.

    A receipt issued before documents were frozen has no snapshot: it is taken now, and its
    rendering kept only when it gives the fingerprint recorded when the original was first made
    (else `accept_current`, a staff decision of `freeze_documents`, is needed).
    """
    with transaction.atomic():
        # Locked: two first downloads at once store one file, not two.
        locked = (
            Receipt.objects.select_for_update(of=("self",))
            .select_related("replaces")
            .get(pk=receipt.pk)
        )
        if not locked.pdf:
            if not locked.printed:
                locked.printed = printed.freeze(issue.document(locked))
            pdf = render_receipt_pdf(printed.thaw(locked.printed))
            sha256 = frozen.fingerprint(pdf)
            if locked.pdf_sha256 and sha256 != locked.pdf_sha256 and not accept_current:
                raise DocumentUnavailable("the original cannot be made again as it was issued")
            frozen.store(locked.pdf, f"{locked.number}.pdf", pdf)
            locked.pdf_sha256 = sha256
            locked.save(update_fields=["printed", "pdf", "pdf_sha256"])
    receipt.printed, receipt.pdf, receipt.pdf_sha256 = locked.printed, locked.pdf, locked.pdf_sha256


def is_intact(receipt: Receipt) -> bool:
    """Whether the stored original is there and matches its fingerprint (no report)."""
    try:
        frozen.read(receipt.pdf, receipt.pdf_sha256)
    except DocumentUnavailable:
        return False
    return True


def checked_original(receipt: Receipt) -> bytes:
    if not receipt.pdf:
        store_original(receipt)
    return frozen.read(receipt.pdf, receipt.pdf_sha256)


def original(receipt: Receipt) -> bytes:
    """The very bytes issued, checked against their fingerprint."""
    try:
        return checked_original(receipt)
    except DocumentUnavailable as error:
        frozen.report(receipt, DOCUMENT, str(error))
        raise


def copy(receipt: Receipt, duplicate: bool = True) -> bytes:
    """A copy from the snapshot: the original's content with its marks, DUPLICATA and, once
    cancelled, ANNULÉ. Made only while the stored original is intact."""
    original(receipt)
    try:
        document = printed.thaw(
            receipt.printed, duplicate=duplicate, cancelled_on=receipt.cancelled_on
        )
    except DocumentUnavailable as error:
        frozen.report(receipt, "copy", str(error))
        raise
    return render_receipt_pdf(document)


def render(receipt: Receipt, duplicate: bool = False) -> bytes:
    """The original, or a copy when one is asked for or the receipt is cancelled."""
    if duplicate or receipt.is_cancelled:
        return copy(receipt, duplicate=duplicate)
    return original(receipt)


def download(receipt: Receipt) -> bytes:
    """The receipt as its donor downloads it: the original the first time it reaches them, when
    it was never emailed; a duplicate ever after; a cancelled receipt as a marked copy."""
    if receipt.original_delivered_at is None and not receipt.is_cancelled:
        pdf = original(receipt)
        # Read before being recorded: a failed read never uses up the original.
        if issue.deliver_original(receipt):
            return pdf
    return copy(receipt, duplicate=True)
