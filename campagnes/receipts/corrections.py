"""Staff corrections of tax receipts: a receipt is cancelled, with a reason, and replaced by a new
one that says "Annule et remplace le reçu n° …"; it is never edited, and nothing is deleted.

The cancelled receipt keeps its number (never reused: the replacement takes the year's next one),
its snapshot and its stored original, and downloads as a copy marked ANNULÉ. The same cancelling
follows a gift that staff cancel or correct (`gift_was_corrected`), in the same transaction, so
that the yearly declaration of receipts changes at once with the gift.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log

from campagnes.donations.corrections import CorrectionRefused, gift_corrected
from campagnes.models import Gift, Pledge, Receipt
from campagnes.models.donations import GiftStatus
from campagnes.models.identity import IDENTITY_NAMES, Identity
from campagnes.receipts import issue

__all__ = ["CorrectionRefused", "cancel_and_replace", "connect", "may_correct"]

# Log actions, registered by wagtail_hooks.
CANCELLED = "campagnes.receipt_cancelled"
REPLACES = "campagnes.receipt_replaces"


def may_correct(user) -> bool:
    """The Mécénat team's: Finance and Communication see no receipt to correct."""
    return user.has_perm("campagnes.change_receipt")


def cancel_and_replace(
    receipt: Receipt, reason: str, user, donor_details: bool = False
) -> Receipt | None:
    """Cancels the receipt and issues its replacement for what is still given (None when
    nothing is). With `donor_details`, the replacement prints the donor's record as it is now
    (a misspelled name corrected there) rather than the identity given with the gifts.

    Refused, with nothing changed, to a user who may not, without a reason, or for a receipt
    already cancelled."""
    reason = (reason or "").strip()
    if not may_correct(user):
        raise CorrectionRefused(_("Only the Mécénat team can cancel a receipt: nothing changed."))
    if not reason:
        raise CorrectionRefused(_("Give the reason for cancelling: nothing changed."))
    with transaction.atomic():
        locked = (
            Receipt.objects.select_for_update(of=("self",))
            .select_related("donor")
            .get(pk=receipt.pk)
        )
        if locked.is_cancelled:
            raise CorrectionRefused(
                _("Receipt %(number)s is already cancelled: nothing changed.")
                % {"number": locked.number}
            )
        identity = locked.donor.identity() if donor_details else None
        replacement = cancel(locked, reason, user, identity=identity)
    receipt.cancelled_on, receipt.cancel_reason = locked.cancelled_on, locked.cancel_reason
    return replacement


def cancel(
    receipt: Receipt, reason: str, user, add: list[Gift] = (), identity: Identity | None = None
) -> Receipt | None:
    """Cancels a locked receipt and reissues its gifts still paid (and `add`), or its pledge.

    Runs in the caller's transaction: the new number is taken in it, as every number is."""
    receipt.cancelled_on = timezone.localdate()
    receipt.cancel_reason = reason
    receipt.save(update_fields=["cancelled_on", "cancel_reason"])
    # A gift no longer paid (the bounced cheque) stays with the cancelled receipt, for the record;
    # the others move to the replacement.
    gifts = [*receipt.gifts.select_related("donor").order_by("paid_at", "pk"), *add]
    gifts = [gift for gift in gifts if gift.status == GiftStatus.PAID]
    pledges = list(receipt.pledges.all())
    for gift in gifts:
        gift.receipt = None
        if identity is not None:
            # The identity given with the gift, corrected by staff: logged with the receipt.
            gift.take_identity(identity)
            gift.save(update_fields=IDENTITY_NAMES)
    if pledges:
        replacement = issue.create(
            receipt.donor,
            identity=identity,
            amount_cents=receipt.amount_cents,
            currency=receipt.currency,
            dates=[receipt.gift_date or pledges[0].received_on],
            method=receipt.method,
            replaces=receipt,
        )
        Pledge.objects.filter(pk__in=[pledge.pk for pledge in pledges]).update(receipt=replacement)
        issue.take_snapshot(replacement)
    else:
        replacement = issue.issue(receipt.donor, gifts, annual=receipt.is_annual, replaces=receipt)
    record(receipt, replacement, reason, user)
    return replacement


def record(receipt: Receipt, replacement: Receipt | None, reason: str, user) -> None:
    """In the admin history of the receipt, of its replacement and of the donor."""
    data = {
        "number": receipt.number,
        "reason": reason,
        "replaced_by": replacement.number if replacement else None,
    }
    log(instance=receipt, action=CANCELLED, user=user, data=data)
    log(instance=receipt.donor, action=CANCELLED, user=user, data=data)
    if replacement is not None:
        log(instance=replacement, action=REPLACES, user=user, data=data)


def gift_was_corrected(sender, gift: Gift, replacement: Gift | None, reason: str, user, **kwargs):
    """A cancelled gift leaves its receipt: the receipt is cancelled and reissued for the gifts
    still paid, with the gift that corrects it, if any."""
    receipt = gift.receipt_id and Receipt.objects.select_for_update().get(pk=gift.receipt_id)
    if receipt and not receipt.is_cancelled:
        cancel(receipt, reason, user, add=[replacement] if replacement else [])
    elif replacement is not None:
        issue.bring_up_to_date(replacement)


def connect() -> None:
    gift_corrected.connect(gift_was_corrected, dispatch_uid="receipts.gift_corrected")
