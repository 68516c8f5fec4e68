"""Kept for one release: tasks queued before the move are stored by this module's dotted path.

Each domain now owns its `tasks.py`. Remove this module once no queued task names it (see the
README, "Apps and rooms").
"""

from campagnes.donations.tasks import send_gift_confirmation, send_plan_confirmation
from campagnes.receipts.tasks import send_receipt, update_receipts
from campagnes.shares.tasks import (
    send_share_certificate,
    send_share_confirmation,
    send_share_paid,
    send_waiting_list_offer,
)
from campagnes.spaces.tasks import send_login_link

__all__ = [
    "send_gift_confirmation",
    "send_login_link",
    "send_plan_confirmation",
    "send_receipt",
    "send_share_certificate",
    "send_share_confirmation",
    "send_share_paid",
    "send_waiting_list_offer",
    "update_receipts",
]
