from .appeals import DonationAppeal
from .donations import Donor, Gift, LoginToken, Plan
from .exports import Export
from .pages import CampaignIndexPage, CampaignPage, DonatePage, SuggestedAmount
from .pledges import Counterpart, Partner, Pledge
from .receipts import Receipt, ReceiptCounter
from .register import (
    RegisterCounter,
    ShareAllocation,
    Shareholder,
    ShareMovement,
    WaitingListEntry,
)
from .settings import DonationSettings
from .shares import RiskWarning, ShareOfferingPage, Subscription, SubscriptionDocument
from .totals import DonorYear, GiftDay
from .webhooks import ReconciliationRun, StripeEvent

__all__ = [
    "CampaignIndexPage",
    "CampaignPage",
    "Counterpart",
    "DonatePage",
    "DonationAppeal",
    "DonationSettings",
    "Donor",
    "DonorYear",
    "Export",
    "Gift",
    "GiftDay",
    "LoginToken",
    "Partner",
    "Plan",
    "Pledge",
    "Receipt",
    "ReceiptCounter",
    "ReconciliationRun",
    "RegisterCounter",
    "RiskWarning",
    "ShareAllocation",
    "ShareMovement",
    "ShareOfferingPage",
    "Shareholder",
    "StripeEvent",
    "Subscription",
    "SubscriptionDocument",
    "SuggestedAmount",
    "WaitingListEntry",
]
