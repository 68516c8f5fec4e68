from django.db import models
from django.utils.translation import gettext_lazy as _


class Frequency(models.TextChoices):
    ONCE = "once", _("Once")
    MONTHLY = "monthly", _("Monthly")


class CampaignStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Civility(models.TextChoices):
    MADAME = "mme", _("Ms")
    MONSIEUR = "m", _("Mr")
    NONE = "", _("Prefer not to say")


class ReceiptPreference(models.TextChoices):
    PER_GIFT = "per_gift", _("A receipt for each gift")
    ANNUAL = "annual", _("One receipt a year, in January")


class PaymentMethod(models.TextChoices):
    CARD = "card", _("Card")
    SEPA_DEBIT = "sepa_debit", _("SEPA Direct Debit")
    CHEQUE = "cheque", _("Cheque")
    TRANSFER = "transfer", _("Bank transfer")
    CASH = "cash", _("Cash")
    UNKNOWN = "", _("Not known yet")


class PlanStatus(models.TextChoices):
    INCOMPLETE = "incomplete", _("Awaiting checkout")
    ACTIVE = "active", _("Active")
    PAST_DUE = "past_due", _("Payment failed, retrying")
    PAUSED = "paused", _("Paused")
    CANCELLED = "cancelled", _("Cancelled")
    # Ended by Stripe once its retries of a failed instalment were spent, not by the donor.
    LAPSED = "lapsed", _("Lapsed after failed payments")
    EXPIRED = "expired", _("Checkout abandoned")


class GiftStatus(models.TextChoices):
    """Ordered by how far a gift has gone: a late event never moves a gift back."""

    PENDING = "pending", _("Awaiting payment")
    EXPIRED = "expired", _("Checkout abandoned")
    PROCESSING = "processing", _("Awaiting confirmation")
    FAILED = "failed", _("Failed")
    PAID = "paid", _("Confirmed")
    REFUNDED = "refunded", _("Refunded")
    DISPUTED = "disputed", _("Disputed")
    # Set by staff only, with a reason (a bounced cheque, a wrong amount): the gift is kept.
    CANCELLED = "cancelled", _("Cancelled by staff")


class ConsentKind(models.TextChoices):
    NEWSLETTER = "newsletter", _("Newsletter")
    RECEIPTS_BY_EMAIL = "receipts_by_email", _("Tax receipts by email")
    # Stripe keeps the card (or IBAN) of a one-off gift, to turn it into a monthly gift.
    KEEP_PAYMENT_METHOD = "keep_payment_method", _("Payment details kept for a monthly gift")


class ConsentSource(models.TextChoices):
    """Where a consent was given or withdrawn."""

    DONATION_FORM = "donation_form", _("Donation form")
    BULLETIN = "bulletin", _("Subscription form")
    SPACE = "space", _("Personal space")
    STAFF = "staff", _("Recorded by staff")
    UNSUBSCRIBE = "unsubscribe", _("Unsubscribe link")
    ERASURE = "erasure", _("Erasure of the person's data")
    # Consents held as a bare yes before consents were recorded: no wording, no date was kept.
    UNRECORDED = "unrecorded", _("Given before consents were recorded")
    # Withdrawn by the site once the purpose is over (campagnes.privacy.retention).
    RETENTION = "retention", _("End of its retention period")
