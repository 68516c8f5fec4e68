"""The hard cap, the waiting list, the shareholders and the share register.

`ShareAllocation.taken` counts every share not on offer any more: reserved, being paid, paid,
issued, or held for someone on the waiting list. It only moves by one conditional UPDATE, so that
two investors can never take the same last share (see campagnes/allocation.py).

The register (registre des mouvements de titres) is append-only: an entry is never edited nor
deleted; a mistake is corrected by a new entry that refers to it.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ShareAllocation(models.Model):
    page = models.OneToOneField(
        "campagnes.ShareOfferingPage", on_delete=models.CASCADE, related_name="allocation"
    )
    taken = models.PositiveIntegerField(default=0)
    # Of `taken`, the freed shares kept for the waiting list until they add up to what the
    # first person waiting asked for (campagnes/shares/allocation.py).
    pooled = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(taken__gte=0), name="taken_gte_0")]

    def __str__(self):
        return f"{self.page_id}: {self.taken}"


class WaitingStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    OFFERED = "offered", _("Shares offered")
    USED = "used", _("Subscribed")
    LAPSED = "lapsed", _("Offer lapsed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class WaitingListEntry(models.Model):
    """Someone who found the offer full. Freed shares go to the list first, by arrival."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    page = models.ForeignKey(
        "campagnes.ShareOfferingPage",
        verbose_name=_("offering"),
        on_delete=models.PROTECT,
        related_name="waiting_list",
    )
    email = models.EmailField(_("email"))
    name = models.CharField(_("name"), max_length=200)
    shares = models.PositiveIntegerField(_("shares wanted"))
    language = models.CharField(_("language"), max_length=5, default="fr")
    status = models.CharField(
        _("status"), max_length=10, choices=WaitingStatus.choices, default=WaitingStatus.WAITING
    )
    offered_shares = models.PositiveIntegerField(_("shares offered"), default=0)
    offered_until = models.DateTimeField(_("offer valid until"), null=True, blank=True)
    created_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("waiting list entry")
        verbose_name_plural = _("waiting list")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.name} ({self.shares})"


class Shareholder(models.Model):
    """One account per investor: a person by email, an entity by its registration number."""

    number = models.PositiveIntegerField(_("shareholder number"), unique=True)
    key = models.CharField(max_length=255, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=255)
    address = models.CharField(_("address"), max_length=400)
    email = models.EmailField(_("email"))
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("shareholder")
        ordering = ["number"]

    def __str__(self):
        return f"{self.number:05d} {self.name}"


class MovementNature(models.TextChoices):
    SUBSCRIPTION = "subscription", _("Subscription (issue of new shares)")
    TRANSFER = "transfer", _("Transfer")
    REDEMPTION = "redemption", _("Redemption")
    CORRECTION = "correction", _("Correction")


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("The share register is append-only: record a correction instead.")

    def delete(self):
        raise TypeError("The share register is append-only: record a correction instead.")


class ShareMovement(models.Model):
    """One line of the register: numbered in order, never changed."""

    order_number = models.PositiveIntegerField(_("order number"), unique=True)
    recorded_on = models.DateField(_("date"))
    nature = models.CharField(_("nature"), max_length=15, choices=MovementNature.choices)
    shares = models.IntegerField(
        _("number of shares"), help_text=_("Negative for shares that leave a holder.")
    )
    first_number = models.PositiveIntegerField(_("first share number"), null=True, blank=True)
    last_number = models.PositiveIntegerField(_("last share number"), null=True, blank=True)
    transferor = models.CharField(_("from"), max_length=255)
    transferee = models.ForeignKey(
        Shareholder,
        verbose_name=_("to"),
        on_delete=models.PROTECT,
        related_name="movements",
    )
    for_value = models.BooleanField(_("for value"), default=True)
    amount_cents = models.PositiveBigIntegerField(_("amount (cents)"), default=0)
    supporting_act = models.CharField(_("supporting act"), max_length=400)
    page = models.ForeignKey(
        "campagnes.ShareOfferingPage",
        verbose_name=_("offering"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    subscription = models.ForeignKey(
        "campagnes.Subscription",
        verbose_name=_("subscription"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="movements",
    )
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects entry"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("register entry")
        verbose_name_plural = _("share register")
        ordering = ["order_number"]
        constraints = [
            # One issue per subscription, even if two staff click "issue" at once.
            models.UniqueConstraint(
                fields=["subscription"],
                condition=models.Q(nature="subscription"),
                name="one_issue_per_subscription",
            )
        ]

    def __str__(self):
        return f"n° {self.order_number}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("The share register is append-only: record a correction instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("The share register is append-only: record a correction instead.")

    @property
    def number_range(self) -> str:
        if self.first_number is None:
            return ""
        return f"{self.first_number}–{self.last_number}"


class RegisterCounter(models.Model):
    """The next order number and share number: one row, locked while an entry is written."""

    next_order = models.PositiveIntegerField(default=1)
    next_share = models.PositiveIntegerField(default=1)
    next_shareholder = models.PositiveIntegerField(default=1)

    def __str__(self):
        return f"next entry n° {self.next_order}"
