"""Donors, their gifts and their monthly plans: the association's own records.

Stripe ids are attributes here, never keys: the history survives a change of payment provider.
"""

import uuid

from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campagnes.choices import (
    Civility,
    Frequency,
    GiftStatus,
    PaymentMethod,
    PlanStatus,
    ReceiptPreference,
)
from campagnes.models.identity import GivenIdentity, Identity
from campagnes.models.totals import tracking

siren_validator = RegexValidator(r"^\d{9}$", _("A SIREN number has 9 digits."))

# The emailing that brought a gift, as its links' utm_* parameters name it.
UTM_FIELDS = ("utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term")


class Donor(models.Model):
    """One person or company, known by email. Identity fields change only when the donor signs
    in to the donor space or staff edit the record (both logged); each gift keeps the identity
    given with it, and each receipt its own copy, since an issued receipt never changes.

    A donor whose cheque came without an email (staff record them) has none: NULL, never "", so
    that any number of them fit beside the unique emails. Their receipts go by post.
    """

    # Who the donor is, as a receipt prints it: the one list forms, merges and exports use.
    IDENTITY_FIELDS = (
        "civility",
        "first_name",
        "last_name",
        "company_name",
        "siren",
        "legal_form",
        "address",
        "postcode",
        "city",
    )

    email = models.EmailField(
        _("email"),
        unique=True,
        null=True,
        blank=True,
        help_text=_("Without one, tax receipts are printed and posted to the address below."),
    )
    civility = models.CharField(_("civility"), max_length=3, choices=Civility.choices, blank=True)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    address = models.CharField(_("address"), max_length=255)
    postcode = models.CharField(_("postcode"), max_length=10)
    city = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country"), max_length=2, default="FR")
    company_name = models.CharField(_("company"), max_length=150, blank=True)
    siren = models.CharField(_("SIREN"), max_length=9, blank=True, validators=[siren_validator])
    legal_form = models.CharField(
        _("legal form"), max_length=60, blank=True, help_text=_("For a company: SAS, SARL, SA…")
    )
    receipt_preference = models.CharField(
        _("receipts"),
        max_length=10,
        choices=ReceiptPreference.choices,
        default=ReceiptPreference.PER_GIFT,
    )
    receipt_by_email = models.BooleanField(_("receipts by email"), default=True)
    newsletter = models.BooleanField(_("newsletter"), default=False)
    language = models.CharField(_("language"), max_length=5, default="fr")
    stripe_customer_id = models.CharField(max_length=255, blank=True, db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("donor")
        ordering = ["last_name", "first_name"]
        constraints = [
            # Two empty strings would collide on the unique index where two NULLs do not.
            models.CheckConstraint(condition=~models.Q(email=""), name="donor_email_not_empty"),
        ]

    def __str__(self):
        name = f"{self.first_name} {self.last_name}".strip()
        return f"{self.company_name} ({name})" if self.company_name else name

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip() or None
        super().save(*args, **kwargs)

    @property
    def is_company(self) -> bool:
        return bool(self.company_name)

    def identity(self) -> Identity:
        return Identity.of(self)


class Destination(models.Model):
    """What money goes to: a campaign, a lieu, or (neither) the network."""

    campaign = models.ForeignKey(
        "campagnes.CampaignPage",
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lieu = models.ForeignKey(
        "lieux.LieuPage",
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True


class Attribution(Destination):
    """Where a gift or plan came from: its destination, the page and the emailing."""

    FIELDS = ("campaign_id", "lieu_id", "landing_page", *UTM_FIELDS)

    landing_page = models.CharField(_("landing page"), max_length=255, blank=True)
    utm_source = models.CharField(max_length=100, blank=True)
    utm_medium = models.CharField(max_length=100, blank=True)
    utm_campaign = models.CharField(max_length=100, blank=True)
    utm_content = models.CharField(max_length=100, blank=True)
    utm_term = models.CharField(max_length=100, blank=True)

    class Meta:
        abstract = True


class Plan(GivenIdentity, Attribution):
    """A monthly gift. Each paid instalment becomes a Gift of its own."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    donor = models.ForeignKey(
        Donor, verbose_name=_("donor"), on_delete=models.PROTECT, related_name="plans"
    )
    amount_cents = models.PositiveIntegerField(_("monthly amount (cents)"))
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    status = models.CharField(
        _("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.INCOMPLETE
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    stripe_checkout_session_id = models.CharField(
        max_length=255, unique=True, null=True, blank=True
    )
    stripe_subscription_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    stripe_item_id = models.CharField(max_length=255, blank=True)
    # Creation time of the Stripe event the status came from: an older event never overwrites it.
    stripe_status_at = models.IntegerField(default=0)
    # Failed instalments (campagnes.donations.recovery): the first failure not yet made good,
    # Stripe's next retry, the invoice the donor was last emailed about (one email per invoice),
    # when the retries ran out, and when a payment last made good a failure.
    payment_failed_at = models.DateTimeField(_("payment failed"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next payment attempt"), null=True, blank=True)
    failed_invoice_id = models.CharField(max_length=255, blank=True)
    lapsed_at = models.DateTimeField(_("lapsed"), null=True, blank=True)
    recovered_at = models.DateTimeField(_("recovered"), null=True, blank=True)

    class Meta:
        verbose_name = _("monthly gift")
        verbose_name_plural = _("monthly gifts")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.donor} · {self.amount_cents / 100:.2f} {self.currency} / month"

    @property
    def is_running(self) -> bool:
        return self.status in (PlanStatus.ACTIVE, PlanStatus.PAST_DUE, PlanStatus.PAUSED)


GIFT_STATUS_RANK = {status: rank for rank, status in enumerate(GiftStatus.values)}


class Gift(GivenIdentity, Attribution):
    """Money given once: a one-off gift, one instalment of a plan, or an offline gift.

    Only PAID gifts count toward campaigns and receipts, net of `refunded_cents`.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    donor = models.ForeignKey(
        Donor, verbose_name=_("donor"), on_delete=models.PROTECT, related_name="gifts"
    )
    plan = models.ForeignKey(
        Plan,
        verbose_name=_("monthly gift"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="instalments",
    )
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.ONCE
    )
    amount_cents = models.PositiveIntegerField(_("amount (cents)"))
    refunded_cents = models.PositiveIntegerField(_("refunded (cents)"), default=0)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    status = models.CharField(
        _("status"), max_length=12, choices=GiftStatus.choices, default=GiftStatus.PENDING
    )
    method = models.CharField(_("method"), max_length=12, choices=PaymentMethod.choices, blank=True)
    is_offline = models.BooleanField(_("recorded by staff"), default=False)
    received_on = models.DateField(_("received on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    # Staff corrections (campagnes.donations.corrections): a gift is cancelled, never deleted; a
    # wrong amount is a cancelled gift and a new one that corrects it.
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    corrects = models.OneToOneField(
        "self",
        verbose_name=_("corrects"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrected_by",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    paid_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    receipt = models.ForeignKey(
        "campagnes.Receipt",
        verbose_name=_("receipt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="gifts",
    )
    stripe_checkout_session_id = models.CharField(
        max_length=255, unique=True, null=True, blank=True
    )
    stripe_payment_intent_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    stripe_invoice_id = models.CharField(max_length=255, unique=True, null=True, blank=True)

    class Meta:
        verbose_name = _("gift")
        ordering = ["-created_at"]
        indexes = [
            # Campaign totals read this index alone (an index-only scan on PostgreSQL).
            models.Index(
                fields=["campaign", "status"],
                include=["amount_cents", "refunded_cents", "donor"],
                name="gift_campaign_totals",
            ),
            # So does the Mécénat dashboard's count of distinct donors in a period; its sums come
            # from the totals of paid gifts (totals.py).
            models.Index(
                fields=["status", "paid_at"],
                include=["campaign", "donor"],
                name="gift_paid_period",
            ),
        ]

    def __str__(self):
        return f"{self.donor} · {self.amount_cents / 100:.2f} {self.currency}"

    # The totals of paid gifts (totals.py) follow each save and delete; QuerySet.update(),
    # delete() and bulk_create() bypass them.
    def save(self, *args, **kwargs):
        with tracking(self, kwargs.get("update_fields")):
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        with tracking(self, deleting=True):
            return super().delete(*args, **kwargs)

    @property
    def net_cents(self) -> int:
        return self.amount_cents - self.refunded_cents

    def advance(self, status: str) -> bool:
        """Moves to `status` unless the gift is already further; True when it moved."""
        if GIFT_STATUS_RANK[status] <= GIFT_STATUS_RANK[self.status]:
            return False
        self.status = status
        if status == GiftStatus.PAID and self.paid_at is None:
            self.paid_at = timezone.now()
        return True


class LoginToken(models.Model):
    """A one-time sign-in link to the donor and investor space: only its hash is stored.

    It signs in the email it was sent to: the donor of that email, if any, and the investor who
    subscribed shares with it.
    """

    email = models.EmailField(default="")
    donor = models.ForeignKey(
        Donor, null=True, blank=True, on_delete=models.CASCADE, related_name="login_tokens"
    )
    # Where the link leads once used: the donor space or the investor space.
    space = models.CharField(max_length=10, default="donor")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.space} {self.created_at:%Y-%m-%d %H:%M}"
