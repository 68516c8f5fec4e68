from campagnes.models.appeals import DonationAppeal
from campagnes.models.consents import Consent
from campagnes.models.donations import Donor, Gift, LoginToken, Plan
from campagnes.models.exports import Export
from campagnes.models.pages import CampaignIndexPage, CampaignPage, DonatePage, SuggestedAmount
from campagnes.models.pledges import Counterpart, Partner, Pledge
from campagnes.models.posting import ReceiptPosting
from campagnes.models.privacy import Erasure, LegalHold
from campagnes.models.receipts import Receipt, ReceiptCounter
from campagnes.models.register import (
    RegisterCounter,
    ShareAllocation,
    Shareholder,
    ShareMovement,
    WaitingListEntry,
)
from campagnes.models.settings import DonationSettings
from campagnes.models.shares import (
    RiskWarning,
    ShareLimitLock,
    ShareOfferingPage,
    Subscription,
    SubscriptionDocument,
)
from campagnes.models.totals import DonorYear, GiftDay
from campagnes.models.webhooks import ReconciliationRun, StripeEvent

__all__ = [
    "CampaignIndexPage",
    "CampaignPage",
    "Counterpart",
    "DonatePage",
    "Consent",
    "DonationAppeal",
    "DonationSettings",
    "Donor",
    "DonorYear",
    "Erasure",
    "Export",
    "Gift",
    "LegalHold",
    "GiftDay",
    "LoginToken",
    "Partner",
    "Plan",
    "Pledge",
    "Receipt",
    "ReceiptCounter",
    "ReceiptPosting",
    "ReconciliationRun",
    "RegisterCounter",
    "RiskWarning",
    "ShareAllocation",
    "ShareMovement",
    "ShareLimitLock",
    "ShareOfferingPage",
    "Shareholder",
    "StripeEvent",
    "Subscription",
    "SubscriptionDocument",
    "SuggestedAmount",
    "WaitingListEntry",
]
