"""Companies and foundations, and the patronage they pledge (mécénat d'entreprise).

A pledge counts toward its campaign once the money is received, and only then gets its tax
receipt (CERFA n° 16216*02, article 238 bis of the CGI), issued to the partner's donor record.
"""

from django import forms
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from campagnes.choices import PaymentMethod
from campagnes.fields import CentsField
from campagnes.models.donations import Destination, siren_validator
from campagnes.money import format_amount
from home.storage import private_storage

# The tax administration accepts counterparts worth up to a quarter of the gift.
COUNTERPART_LIMIT_PERCENT = 25


class PartnerKind(models.TextChoices):
    COMPANY = "company", _("Company")
    FOUNDATION = "foundation", _("Foundation")
    OTHER = "other", _("Other organisation")


class Partner(models.Model):
    """A company or foundation the association asks for support."""

    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(
        _("kind"), max_length=12, choices=PartnerKind.choices, default=PartnerKind.COMPANY
    )
    siren = models.CharField(
        _("SIREN"),
        max_length=9,
        blank=True,
        validators=[siren_validator],
        help_text=_("Printed on its tax receipts."),
    )
    legal_form = models.CharField(
        _("legal form"),
        max_length=60,
        blank=True,
        help_text=_("SAS, SARL, SA, association…: a company's tax receipt prints it."),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    # Contact
    contact_first_name = models.CharField(_("contact's first name"), max_length=100, blank=True)
    contact_last_name = models.CharField(_("contact's last name"), max_length=100, blank=True)
    contact_role = models.CharField(_("contact's role"), max_length=100, blank=True)
    contact_email = models.EmailField(
        _("contact's email"), blank=True, help_text=_("Tax receipts are sent to this address.")
    )
    contact_phone = models.CharField(_("contact's phone"), max_length=30, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # Receipts need a Donor: the partner's is made with its first receipt.
    donor = models.OneToOneField(
        "campagnes.Donor",
        verbose_name=_("donor record"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="partner",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("legal_form"), FieldPanel("siren")]),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("contact_first_name"),
                        FieldPanel("contact_last_name"),
                        FieldPanel("contact_role"),
                    ]
                ),
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
            ],
            heading=_("Contact"),
        ),
        FieldPanel("notes"),
    ]

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def contact_name(self) -> str:
        return f"{self.contact_first_name} {self.contact_last_name}".strip()


class PledgeStatus(models.TextChoices):
    """prospect → proposal → signed → invoiced → received; or declined."""

    PROSPECT = "prospect", _("Prospect")
    PROPOSAL = "proposal", _("Proposal sent")
    SIGNED = "signed", _("Agreement signed")
    INVOICED = "invoiced", _("Invoiced")
    RECEIVED = "received", pgettext_lazy("pledge", "Received")
    DECLINED = "declined", _("Declined")

    @classmethod
    def before_signature(cls) -> tuple[str, ...]:
        return (cls.PROSPECT, cls.PROPOSAL)

    @classmethod
    def awaiting_payment(cls) -> tuple[str, ...]:
        return (cls.SIGNED, cls.INVOICED)


def overdue(today) -> Q:
    """Pledges past their expected signature or payment date and not there yet."""
    return Q(status__in=PledgeStatus.before_signature(), expected_signature_on__lt=today) | Q(
        status__in=PledgeStatus.awaiting_payment(), expected_payment_on__lt=today
    )


class PledgeQuerySet(models.QuerySet):
    def overdue(self, today=None):
        return self.filter(overdue(today or timezone.localdate()))


PLEDGE_METHODS = [
    (method.value, method.label) for method in (PaymentMethod.TRANSFER, PaymentMethod.CHEQUE)
]


class Pledge(Destination, ClusterableModel):
    """Money a partner promised, to a campaign, a lieu or the network (Destination). It counts
    toward its campaign from the day it is received."""

    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.PROTECT, related_name="pledges"
    )
    amount_cents = CentsField(_("amount (€)"))
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    purpose = models.CharField(
        _("what it funds"),
        max_length=255,
        blank=True,
        help_text=_("For example: the kitchen of La Boussole"),
    )
    # Progress
    status = models.CharField(
        _("status"), max_length=10, choices=PledgeStatus.choices, default=PledgeStatus.PROSPECT
    )
    expected_signature_on = models.DateField(_("signature expected on"), null=True, blank=True)
    expected_payment_on = models.DateField(_("payment expected on"), null=True, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    received_on = models.DateField(_("received on"), null=True, blank=True)
    method = models.CharField(
        _("method"), max_length=12, choices=PLEDGE_METHODS, default=PaymentMethod.TRANSFER
    )
    agreement = models.FileField(
        _("patronage agreement"),
        storage=private_storage,
        upload_to="conventions/",
        blank=True,
        validators=[FileExtensionValidator(["pdf"])],
        help_text=_("The signed agreement (PDF). Only the Mécénat team can download it."),
    )
    notes = models.TextField(_("notes"), blank=True)
    receipt = models.ForeignKey(
        "campagnes.Receipt",
        verbose_name=_("receipt"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="pledges",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    panels = [
        FieldRowPanel([FieldPanel("partner"), FieldPanel("amount_cents")]),
        FieldPanel("purpose"),
        # Drop-down lists of the default language's pages, as gifts have, not page choosers.
        FieldRowPanel(
            [FieldPanel("campaign", widget=forms.Select), FieldPanel("lieu", widget=forms.Select)]
        ),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldRowPanel(
                    [FieldPanel("expected_signature_on"), FieldPanel("expected_payment_on")]
                ),
                FieldRowPanel(
                    [FieldPanel("signed_on"), FieldPanel("received_on"), FieldPanel("method")]
                ),
                FieldPanel("agreement"),
            ],
            heading=_("Progress"),
        ),
        InlinePanel(
            "counterparts",
            heading=_("Counterparts"),
            label=_("counterpart"),
            help_text=_("Worth more than 25 % of the gift, they put its tax reduction at risk."),
        ),
        FieldPanel("notes"),
    ]

    objects = PledgeQuerySet.as_manager()

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.partner} · {format_amount(self.amount_cents, self.currency)}"

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        if self.status in PledgeStatus.before_signature():
            return bool(self.expected_signature_on and self.expected_signature_on < today)
        if self.status in PledgeStatus.awaiting_payment():
            return bool(self.expected_payment_on and self.expected_payment_on < today)
        return False

    def counterparts_cents(self) -> int:
        if self.pk is None:
            return 0
        return self.counterparts.aggregate(total=Sum("value_cents"))["total"] or 0

    def counterparts_exceed_limit(self, counterparts_cents: int | None = None) -> bool:
        if counterparts_cents is None:
            counterparts_cents = self.counterparts_cents()
        return counterparts_cents * 100 > self.amount_cents * COUNTERPART_LIMIT_PERCENT


class Counterpart(Orderable):
    """What the association gives the partner in return: visibility, invitations, services."""

    pledge = ParentalKey(Pledge, on_delete=models.CASCADE, related_name="counterparts")
    description = models.CharField(
        _("description"),
        max_length=255,
        help_text=_("For example: logo on the campaign page, two seats at the opening dinner"),
    )
    value_cents = CentsField(_("value (€)"), help_text=_("What it would cost at market price."))
    given_on = models.DateField(_("given on"), null=True, blank=True)

    panels = [
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("value_cents"), FieldPanel("given_on")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("counterpart")
        verbose_name_plural = _("counterparts")

    def __str__(self):
        return self.description
