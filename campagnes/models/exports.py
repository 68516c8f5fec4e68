from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExportDataset(models.TextChoices):
    GIFTS = "gifts", _("Donations")
    DONORS = "donors", _("Donors")
    PLEDGES = "pledges", _("Pledges")
    RECEIPTS = "receipts", _("Tax receipts")
    SUBSCRIPTIONS = "subscriptions", _("Share subscriptions")


class ExportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX"


class Export(models.Model):
    """One download of donor or investor data: what, in which format, with which filter, by whom.

    Personal data leaving the site is accounted for: each export is also written to Wagtail's log
    (Reports → Site history). The `add` permission is the right to export at all; each dataset
    also needs the view permission of its records.
    """

    dataset = models.CharField(_("data"), max_length=30, choices=ExportDataset.choices)
    file_format = models.CharField(_("format"), max_length=4, choices=ExportFormat.choices)
    filters = models.TextField(_("filters"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("exported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("data export")
        verbose_name_plural = _("data exports")
        ordering = ["-created_at"]

    def __str__(self):
        label = f"{self.get_dataset_display()} ({self.get_file_format_display()})"
        return f"{label} · {self.filters}" if self.filters else label
