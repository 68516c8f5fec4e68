"""Staff corrections of offline gifts: a bounced cheque is cancelled, a wrong amount is cancelled
and recorded again, each with a reason. Nothing is edited in place and nothing is deleted.

A cancelled gift is no longer paid: campaign totals, the Mécénat dashboard (their daily totals
follow `Gift.save()`) and the exports stop counting it as the transaction commits. Its receipt is
cancelled and reissued by the receipts room, which listens to `gift_corrected` in the same
transaction. Online gifts are corrected in Stripe (a refund), whose events do the rest.
"""

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log

from campagnes.models import Gift
from campagnes.models.donations import GiftStatus

# Sent inside the correcting transaction with `gift=` (cancelled), `replacement=` (the gift
# that corrects it, or None), `reason=` and `user=`.
gift_corrected = Signal()

# Log actions, registered by wagtail_hooks.
CANCELLED = "campagnes.gift_cancelled"
CORRECTED = "campagnes.gift_corrected"

MAX_AMOUNT_CENTS = 2**31 - 1  # amount_cents is a 4-byte integer column on PostgreSQL
# Not copied to the gift that corrects another: its own identity, state and Stripe ids.
NOT_COPIED = {
    "id",
    "public_id",
    "amount_cents",
    "refunded_cents",
    "status",
    "receipt",
    "cancel_reason",
    "corrects",
    "created_at",
    "stripe_checkout_session_id",
    "stripe_payment_intent_id",
    "stripe_invoice_id",
}


class CorrectionRefused(Exception):
    """A correction that cannot be made: its message says why to staff, and nothing changed."""


def may_correct(user) -> bool:
    """The Mécénat team's: Finance and Communication may not change gifts."""
    return user.has_perm("campagnes.change_gift")


def cancel(gift: Gift, reason: str, user) -> Gift:
    """Cancels an offline gift (a bounced cheque): it stops counting everywhere at once."""
    with transaction.atomic():
        locked = correctable(gift, reason, user)
        set_cancelled(locked, reason)
        data = {"amount_cents": locked.amount_cents, "reason": reason.strip()}
        log(instance=locked, action=CANCELLED, user=user, data=data)
        log(instance=locked.donor, action=CANCELLED, user=user, data={"gift": locked.pk, **data})
        gift_corrected.send(sender=Gift, gift=locked, replacement=None, reason=reason, user=user)
    return locked


def correct_amount(gift: Gift, amount_cents: int, reason: str, user) -> Gift:
    """Cancels the gift and records the right amount as a new gift linked to it; returns it."""
    with transaction.atomic():
        locked = correctable(gift, reason, user)
        if not 0 < amount_cents <= MAX_AMOUNT_CENTS:
            raise CorrectionRefused(_("Type an amount in euros, for example 150 or 150,50."))
        if amount_cents == locked.amount_cents:
            raise CorrectionRefused(_("This is the gift's amount already: nothing changed."))
        set_cancelled(locked, reason)
        copied = {
            field.attname: getattr(locked, field.attname)
            for field in Gift._meta.concrete_fields
            if field.name not in NOT_COPIED
        }
        replacement = Gift(
            **copied,
            amount_cents=amount_cents,
            status=GiftStatus.PAID,
            corrects=locked,
            created_at=timezone.now(),
        )
        replacement.save()
        data = {
            "amount_cents": locked.amount_cents,
            "corrected_cents": amount_cents,
            "corrected_by": replacement.pk,
            "reason": reason.strip(),
        }
        log(instance=locked, action=CORRECTED, user=user, data=data)
        log(instance=replacement, action="wagtail.create", user=user, data=data)
        log(instance=locked.donor, action=CORRECTED, user=user, data={"gift": locked.pk, **data})
        gift_corrected.send(
            sender=Gift, gift=locked, replacement=replacement, reason=reason, user=user
        )
    return replacement


def correctable(gift: Gift, reason: str, user) -> Gift:
    """The gift, locked, once every reason to refuse is ruled out."""
    if not may_correct(user):
        raise CorrectionRefused(_("Only the Mécénat team can correct a gift: nothing changed."))
    if not (reason or "").strip():
        raise CorrectionRefused(_("Give the reason for the correction: nothing changed."))
    locked = Gift.objects.select_for_update(of=("self",)).select_related("donor").get(pk=gift.pk)
    if locked.status == GiftStatus.CANCELLED:
        raise CorrectionRefused(_("This gift is already cancelled: nothing changed."))
    if not locked.is_offline:
        raise CorrectionRefused(
            _("An online gift is corrected by a refund in Stripe: nothing changed.")
        )
    if locked.status != GiftStatus.PAID:
        raise CorrectionRefused(_("Only a confirmed gift can be corrected: nothing changed."))
    return locked


def set_cancelled(gift: Gift, reason: str) -> None:
    gift.status = GiftStatus.CANCELLED
    gift.cancel_reason = reason.strip()
    # Through save(): the daily totals follow the status (models/totals.py).
    gift.save(update_fields=["status", "cancel_reason"])
