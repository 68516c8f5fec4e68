from .appeals import DonationAppeal
from .donations import Donor, Gift, LoginToken, Plan
from .pages import CampaignIndexPage, CampaignPage, DonatePage, SuggestedAmount
from .receipts import Receipt, ReceiptCounter
from .settings import DonationSettings
from .shares import RiskWarning, ShareOfferingPage, Subscription, SubscriptionDocument
from .webhooks import ReconciliationRun, StripeEvent

__all__ = [
    "CampaignIndexPage",
    "CampaignPage",
    "DonatePage",
    "DonationAppeal",
    "DonationSettings",
    "Donor",
    "Gift",
    "LoginToken",
    "Plan",
    "Receipt",
    "ReceiptCounter",
    "ReconciliationRun",
    "RiskWarning",
    "ShareOfferingPage",
    "StripeEvent",
    "Subscription",
    "SubscriptionDocument",
    "SuggestedAmount",
]
