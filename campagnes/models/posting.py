"""Tax receipts that go by post, because their donor has no email."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReceiptPosting(models.Model):
    """A receipt to print and post: made by the task that would have emailed it, when its donor
    had no email. Marking it posted records who and when, and takes it off the list to post."""

    receipt = models.OneToOneField(
        "campagnes.Receipt",
        verbose_name=_("tax receipt"),
        on_delete=models.CASCADE,
        related_name="posting",
    )
    queued_at = models.DateTimeField(_("to post since"), default=timezone.now)
    posted_at = models.DateTimeField(_("posted on"), null=True, blank=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("posted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("receipt to post")
        verbose_name_plural = _("receipts to post")
        ordering = ["queued_at", "pk"]

    def __str__(self):
        return str(self.receipt)
