from django.db import models
from django.utils.translation import gettext_lazy as _

from campagnes.choices import Civility
from home.storage import private_storage


class ReceiptKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual (CERFA n° 11580*05)")
    COMPANY = "company", _("Company (CERFA n° 16216*02)")


class ReceiptCounter(models.Model):
    """The last receipt number of a year. Issuing locks this row, so numbers stay gapless and
    unique whatever the number of workers confirming gifts at once."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last_number}"


class Receipt(models.Model):
    """A tax receipt as issued: never edited afterwards.

    A refund cancels it (its number stays, marked cancelled, never reused); a correction issues a
    new receipt that names the one it replaces. The donor's identity is copied at issue time.
    """

    number = models.CharField(_("number"), max_length=20, unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField()
    kind = models.CharField(_("kind"), max_length=10, choices=ReceiptKind.choices)
    donor = models.ForeignKey("campagnes.Donor", on_delete=models.PROTECT, related_name="receipts")
    is_annual = models.BooleanField(_("annual receipt"), default=False)
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    amount_cents = models.PositiveIntegerField(_("amount (cents)"))
    currency = models.CharField(max_length=3, default="EUR")
    issued_on = models.DateField(_("issued on"))
    gift_date = models.DateField(_("date of the gift"), null=True, blank=True)
    method = models.CharField(_("method"), max_length=60)
    # The donor as printed
    civility = models.CharField(max_length=3, choices=Civility.choices, blank=True)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    address = models.TextField()
    company_name = models.CharField(max_length=150, blank=True)
    siren = models.CharField(max_length=9, blank=True)
    legal_form = models.CharField(max_length=60, blank=True)
    # Frozen at issue (campagnes.receipts.documents): everything the PDF prints, as JSON, from
    # which every copy is made; the original's bytes on the private storage and their SHA-256,
    # checked each time the original is read.
    printed = models.JSONField(_("printed data"), default=dict, blank=True, editable=False)
    pdf = models.FileField(
        _("issued PDF"), storage=private_storage, upload_to="receipts/", blank=True, editable=False
    )
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    # Set once, by the email that carried the original or by the donor's first download of it:
    # any copy made afterwards is marked DUPLICATA.
    original_delivered_at = models.DateTimeField(_("original delivered on"), null=True, blank=True)
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("replaces"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )

    class Meta:
        verbose_name = _("tax receipt")
        verbose_name_plural = _("tax receipts")
        ordering = ["-year", "-sequence"]
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="receipt_number_per_year")
        ]

    def __str__(self):
        return self.number

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_on is not None
