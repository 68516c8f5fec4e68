"""Receipts made, stored and emailed by django-tasks, outside the payment's transaction.

The services never import this module (it imports them): they announce what happened with the
signals of `issue`, which `connect()` wires to the tasks when the app is ready.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import translation

from django_tasks import task

from campagnes.donations.payments import gift_changed
from campagnes.models import Gift, Receipt
from campagnes.receipts import corrections, documents, issue, posting
from home import mail


@task()
def update_receipts(gift_id: int) -> None:
    with transaction.atomic():
        gift = (
            Gift.objects.select_for_update(of=("self",))
            .select_related("donor", "receipt")
            .get(pk=gift_id)
        )
        issue.bring_up_to_date(gift)


@task()
def send_receipt(receipt_id: int, duplicate: bool = False) -> None:
    receipt = Receipt.objects.select_related("donor", "replaces").get(pk=receipt_id)
    pdf = documents.render(receipt, duplicate=duplicate)
    if not receipt.donor.email:
        # Made and hashed; staff print the original and post it (a copy is printed from the admin).
        if not duplicate:
            posting.queue(receipt)
        return
    if not receipt.donor.receipt_by_email and not duplicate:
        # The donor did not ask for it by email: posted, as the donation form says, unless
        # they download it from the donor space first (which takes it off the list).
        posting.queue(receipt)
        return
    language = receipt.donor.language
    with translation.override(language):
        donor_space_url = mail.site_url(reverse("campagnes:donor_login"))
    mail.send(
        "campagnes/receipts/emails/receipt",
        receipt.donor.email,
        language,
        {"receipt": receipt, "duplicate": duplicate, "donor_space_url": donor_space_url},
        attachments=[(f"recu-fiscal-{receipt.number}.pdf", pdf, "application/pdf")],
    )
    if not duplicate:
        issue.deliver_original(receipt)  # from now on, a download is a duplicate


def gift_did_change(sender, gift: Gift, **kwargs) -> None:
    # Receipt numbers are taken by the task, not in the webhook: their counter is one row that
    # every confirmation would otherwise lock until its transaction commits.
    transaction.on_commit(lambda: update_receipts.enqueue(gift.pk))


def receipt_was_issued(sender, receipt: Receipt, **kwargs) -> None:
    transaction.on_commit(lambda: send_receipt.enqueue(receipt.pk))


def connect() -> None:
    gift_changed.connect(gift_did_change, dispatch_uid="receipts.gift_changed")
    issue.receipt_issued.connect(receipt_was_issued, dispatch_uid="receipts.receipt_issued")
    corrections.connect()
