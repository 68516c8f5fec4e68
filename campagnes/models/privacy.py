"""Erasures (GDPR article 17) and the records an erasure had to keep.

An erasure keeps no name and no email: the person is a keyed hash of their canonical email
(`person_ref`), enough to tell that an address was erased, never to read it back. What the law
obliges the association to keep stays, each row with a `LegalHold` that says why and until when.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ErasureRequester(models.TextChoices):
    STAFF = "staff", _("A staff member")
    PERSON = "person", _("The person themselves")


class StripeOutcome(models.TextChoices):
    NONE = "none", _("No Stripe customer")
    DELETED = "deleted", _("Customer deleted at Stripe")
    ALREADY = "already", _("Customer already gone at Stripe")


class HoldKind(models.TextChoices):
    RECEIPT = "receipt", _("Tax receipt")
    GIFT = "gift", _("Gift (accounting record)")
    SHAREHOLDER = "shareholder", _("Share register")
    SUBSCRIPTION = "subscription", _("Signed bulletin (e-signature evidence)")


class Erasure(models.Model):
    created_at = models.DateTimeField(_("erased at"), default=timezone.now)
    requested_by = models.CharField(
        _("requested by"), max_length=10, choices=ErasureRequester.choices
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # HMAC-SHA256 of the canonical email with SECRET_KEY: not reversible, the same for every
    # spelling of one mailbox; "donor:<id>" hashed likewise for a donor without email.
    person_ref = models.CharField(_("person reference"), max_length=64, db_index=True)
    # The anonymised donor record that stays because kept gifts or receipts point to it.
    donor = models.ForeignKey(
        "campagnes.Donor",
        verbose_name=_("anonymised donor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="erasures",
    )
    counts = models.JSONField(_("deleted or anonymised"), default=dict, blank=True)
    stripe_outcome = models.CharField(
        _("Stripe"), max_length=10, choices=StripeOutcome.choices, default=StripeOutcome.NONE
    )

    class Meta:
        verbose_name = _("erasure")
        verbose_name_plural = _("erasures")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{_('Erasure')} {self.person_ref[:10]} · {self.created_at:%Y-%m-%d}"


class LegalHold(models.Model):
    """One record kept after an erasure: which, why (the law, in words) and until when."""

    erasure = models.ForeignKey(
        Erasure, verbose_name=_("erasure"), on_delete=models.CASCADE, related_name="holds"
    )
    kind = models.CharField(_("record"), max_length=15, choices=HoldKind.choices)
    object_id = models.PositiveBigIntegerField(_("record id"))
    # What staff recognise it by: a receipt or share reference, never a name.
    label = models.CharField(_("reference"), max_length=100, blank=True)
    reason = models.TextField(_("legal reason"))
    # None: kept while the company exists (the share register).
    until = models.DateField(_("kept until"), null=True, blank=True)

    class Meta:
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")
        ordering = ["kind", "object_id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="one_hold_per_record")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.label}"
