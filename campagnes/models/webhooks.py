from django.db import models
from django.utils.translation import gettext_lazy as _


class StripeEvent(models.Model):
    """A Stripe event as received, stored once (unique id) before it is processed.

    The payload has passed the signature check; state is still re-read from Stripe when an event
    alone cannot place its object. Unprocessed events can be run again from the admin or with
    `manage.py stripe_events --retry` (and the nightly `reconcile_stripe`). A signed event that
    cannot be an event (no type, an absurd date) is kept `refused`: acknowledged, never run.
    """

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100, db_index=True)
    created = models.IntegerField(_("created at Stripe (Unix time)"))
    payload = models.JSONField()
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    refused = models.BooleanField(_("refused (malformed)"), default=False)

    class Meta:
        verbose_name = _("Stripe event")
        verbose_name_plural = _("Stripe events")
        ordering = ["-created", "-id"]

    def __str__(self):
        return f"{self.type} {self.event_id}"


class ReconciliationRun(models.Model):
    """One run of `manage.py reconcile_stripe`: the next run lists events from `until` on."""

    started_at = models.DateTimeField(auto_now_add=True)
    since = models.IntegerField(_("events created after (Unix time)"))
    until = models.IntegerField(_("latest event seen (Unix time)"))
    listed = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.started_at:%Y-%m-%d %H:%M}: {self.processed}/{self.listed}"
