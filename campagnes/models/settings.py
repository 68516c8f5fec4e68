from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from home.cache import site_data


@register_setting(icon="form")
class DonationSettings(BaseSiteSetting):
    """Amount bounds, tax-reduction rules and the receipt issuer's identity.

    Rates and ceilings change with finance laws: they are settings, never constants.
    """

    # Amounts
    minimum_amount_cents = models.PositiveIntegerField(
        _("smallest gift (cents)"), default=500, help_text=_("500 = 5 €")
    )
    maximum_amount_cents = models.PositiveIntegerField(
        _("largest online gift (cents)"), default=1_000_000, help_text=_("1000000 = 10,000 €")
    )
    # Tax reduction (article 200 of the CGI)
    reduction_rate = models.PositiveSmallIntegerField(
        _("income-tax reduction rate (%)"),
        default=66,
        validators=[MaxValueValidator(100)],
    )
    helps_people_in_difficulty = models.BooleanField(
        _("the association helps people in difficulty"),
        default=True,
        help_text=_(
            "Gifts then earn the higher rate below, up to its ceiling (the “loi Coluche” rule)."
        ),
    )
    difficulty_rate = models.PositiveSmallIntegerField(
        _("higher rate (%)"), default=75, validators=[MaxValueValidator(100)]
    )
    difficulty_ceiling_cents = models.PositiveIntegerField(
        _("ceiling of the higher rate (cents a year)"),
        # 2,000 € for gifts made from 14 October 2025 (loi de finances pour 2026, article 200
        # 1 ter of the CGI; 1,000 € before, made permanent by the loi de finances pour 2025).
        default=200_000,
        help_text=_("Gifts above it in a year earn the ordinary rate. 200000 = 2,000 €"),
    )
    company_reduction_rate = models.PositiveSmallIntegerField(
        _("company tax reduction rate (%)"),
        default=60,
        validators=[MaxValueValidator(100)],
        help_text=_("Article 238 bis of the CGI."),
    )
    # Receipt issuer (CERFA n° 11580*05)
    receipt_object = models.TextField(
        _("object of the association"),
        blank=True,
        help_text=_("As printed on tax receipts, e.g. “Lutter contre l'isolement …”."),
    )
    receipt_status = models.CharField(
        _("status giving the right to receipts"),
        max_length=255,
        # The box ticked on the CERFA forms; each receipt adds its own article of the CGI
        # (200 for individuals, 238 bis for companies: campagnes.pdf.cerfa.quality).
        default="Œuvre ou organisme d'intérêt général",
        help_text=_("As ticked on the CERFA form, without the article: each receipt adds it."),
    )
    siren = models.CharField(
        _("SIREN"),
        max_length=9,
        blank=True,
        validators=[RegexValidator(r"^\d{9}$", _("A SIREN number has 9 digits."))],
    )
    rna = models.CharField(_("RNA number"), max_length=10, blank=True, help_text="W123456789")
    signatory_name = models.CharField(_("signatory"), max_length=120, blank=True)
    signatory_role = models.CharField(_("signatory's role"), max_length=120, blank=True)
    signature = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("signature"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A scan of the signature, printed on receipts."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("minimum_amount_cents"), FieldPanel("maximum_amount_cents")]
                )
            ],
            heading=_("Amounts"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("reduction_rate"),
                FieldPanel("helps_people_in_difficulty"),
                FieldRowPanel(
                    [FieldPanel("difficulty_rate"), FieldPanel("difficulty_ceiling_cents")]
                ),
                FieldPanel("company_reduction_rate"),
            ],
            heading=_("Tax reduction"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("receipt_object"),
                FieldPanel("receipt_status"),
                FieldRowPanel([FieldPanel("siren"), FieldPanel("rna")]),
                FieldRowPanel([FieldPanel("signatory_name"), FieldPanel("signatory_role")]),
                FieldPanel("signature"),
            ],
            heading=_("Tax receipts"),
        ),
    ]

    class Meta:
        verbose_name = _("donations")

    @classmethod
    def for_site(cls, site):
        # Every donation form reads it: once per publish or change, not once per page served.
        if site is None:
            return super().for_site(site)
        return site_data(
            f"donation-settings:{site.pk}", lambda: super(DonationSettings, cls).for_site(site)
        )

    def clean(self):
        if self.minimum_amount_cents >= self.maximum_amount_cents:
            raise ValidationError(
                {"maximum_amount_cents": _("The largest gift must be above the smallest.")}
            )
