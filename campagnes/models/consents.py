"""Consents: what a person agreed to, in which words, when, where, and how they withdrew it.

A consent is never edited into its opposite: giving it again after a withdrawal is a new
record, so the history reads as it happened (GDPR article 7(1): the association must be able
to show the person consented). `Donor.newsletter` and `Donor.receipt_by_email` stay as the
current answer that forms, exports and tasks read; `campagnes.consents` keeps both in step.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campagnes.choices import ConsentKind, ConsentSource


class Consent(models.Model):
    # Who
    email = models.EmailField(_("email"), db_index=True)
    donor = models.ForeignKey(
        "campagnes.Donor",
        verbose_name=_("donor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consents",
    )
    # What, in which words
    kind = models.CharField(_("consent"), max_length=20, choices=ConsentKind.choices)
    wording = models.TextField(_("wording shown"), blank=True)
    wording_version = models.CharField(_("wording version"), max_length=20, blank=True)
    language = models.CharField(_("language"), max_length=5, default="fr")
    # When and where it was given
    given_at = models.DateTimeField(_("given"), default=timezone.now)
    source = models.CharField(_("given through"), max_length=20, choices=ConsentSource.choices)
    source_page = models.CharField(_("page"), max_length=255, blank=True)
    # Its withdrawal
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_via = models.CharField(
        _("withdrawn through"), max_length=20, choices=ConsentSource.choices, blank=True
    )

    class Meta:
        verbose_name = _("consent")
        ordering = ["-given_at"]
        constraints = [
            # One standing consent per person and kind: giving it twice keeps the first record.
            models.UniqueConstraint(
                fields=["email", "kind"],
                condition=models.Q(withdrawn_at=None),
                name="consent_one_standing_per_kind",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.given_at:%Y-%m-%d}"

    @property
    def standing(self) -> bool:
        return self.withdrawn_at is None
