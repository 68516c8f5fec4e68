"""The share offering's emails, sent by django-tasks once their transaction has committed."""

from django.urls import reverse
from django.utils import translation

from django_tasks import task

from campagnes.models import Subscription, WaitingListEntry
from campagnes.shares.documents import bulletin_pdf, certificate_pdf
from home import mail


def share_context(subscription: Subscription) -> dict:
    with translation.override(subscription.language):
        return {
            "subscription": subscription,
            "page": subscription.page.specific,
            "investor_space_url": mail.site_url(reverse("campagnes:donor_login")),
        }


def send(template: str, subscription: Subscription, attachments=()) -> None:
    mail.send(
        f"campagnes/shares/emails/{template}",
        subscription.email,
        subscription.language,
        share_context(subscription),
        attachments=attachments,
    )


@task()
def send_share_confirmation(subscription_id: int) -> None:
    """The signed bulletin, and how to pay for the shares it reserves."""
    subscription = Subscription.objects.select_related("page").get(pk=subscription_id)
    pdf = bulletin_pdf(subscription)
    attachment = (f"bulletin-{subscription.reference}.pdf", pdf, "application/pdf")
    send("share_reserved", subscription, attachments=[attachment])


@task()
def send_share_transfer_reminder(subscription_id: int) -> None:
    """The transfer has not arrived and the reservation lapses soon: how to pay, again."""
    subscription = Subscription.objects.select_related("page").get(pk=subscription_id)
    if subscription.status == "reserved":  # paid or ended since it was queued: nothing to say
        send("share_transfer_reminder", subscription)


@task()
def send_share_paid(subscription_id: int) -> None:
    send("share_paid", Subscription.objects.select_related("page").get(pk=subscription_id))


@task()
def send_share_certificate(subscription_id: int) -> None:
    subscription = Subscription.objects.select_related("page").get(pk=subscription_id)
    name = f"attestation-souscription-{subscription.reference}.pdf"
    pdf = certificate_pdf(subscription)
    send("share_issued", subscription, attachments=[(name, pdf, "application/pdf")])


@task()
def send_waiting_list_offer(entry_id: int) -> None:
    entry = WaitingListEntry.objects.select_related("page").get(pk=entry_id)
    with translation.override(entry.language):
        path = reverse("campagnes:share_waiting_offer", args=[entry.page_id, entry.public_id])
    context = {"entry": entry, "page": entry.page.specific, "offer_url": mail.site_url(path)}
    mail.send("campagnes/shares/emails/waiting_offer", entry.email, entry.language, context)
