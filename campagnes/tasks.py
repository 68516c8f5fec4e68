"""Emails and receipt PDFs, run by django-tasks once the payment's transaction has committed."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from django_tasks import task

from campagnes.models import Gift, Plan, Receipt
from campagnes.receipts import issue as receipts


def site_url(path: str) -> str:
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}"


def send(template: str, to: str, language: str, context: dict, attachments=()) -> None:
    with translation.override(language):
        from django.urls import reverse

        context = {**context, "donor_space_url": site_url(reverse("campagnes:donor_login"))}
        subject = render_to_string(f"campagnes/emails/{template}_subject.txt", context).strip()
        body = render_to_string(f"campagnes/emails/{template}.txt", context)
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
    for attachment in attachments:
        message.attach(*attachment)
    message.send()


@task()
def update_receipts(gift_id: int) -> None:
    with transaction.atomic():
        gift = (
            Gift.objects.select_for_update(of=("self",))
            .select_related("donor", "receipt")
            .get(pk=gift_id)
        )
        receipts.bring_up_to_date(gift)


@task()
def send_gift_confirmation(gift_id: int) -> None:
    gift = Gift.objects.select_related("donor", "campaign", "plan").get(pk=gift_id)
    send("gift_confirmed", gift.donor.email, gift.donor.language, {"gift": gift})


@task()
def send_plan_confirmation(plan_id: int) -> None:
    plan = Plan.objects.select_related("donor", "campaign").get(pk=plan_id)
    send("plan_confirmed", plan.donor.email, plan.donor.language, {"plan": plan})


@task()
def send_receipt(receipt_id: int, duplicate: bool = False) -> None:
    receipt = Receipt.objects.select_related("donor", "replaces").get(pk=receipt_id)
    pdf = receipts.render(receipt, duplicate=duplicate)
    if not receipt.donor.receipt_by_email and not duplicate:
        return  # made and hashed; the donor downloads it from the donor space
    send(
        "receipt",
        receipt.donor.email,
        receipt.donor.language,
        {"receipt": receipt, "duplicate": duplicate},
        attachments=[(f"recu-fiscal-{receipt.number}.pdf", pdf, "application/pdf")],
    )


# Share subscriptions -----------------------------------------------------------------------------


def share_context(subscription) -> dict:
    from django.urls import reverse

    with translation.override(subscription.language):
        return {
            "subscription": subscription,
            "page": subscription.page.specific,
            "investor_space_url": site_url(reverse("campagnes:investor_login")),
        }


@task()
def send_share_confirmation(subscription_id: int) -> None:
    """The signed bulletin, and how to pay for the shares it reserves."""
    from campagnes.models import Subscription

    subscription = Subscription.objects.select_related("page").get(pk=subscription_id)
    subscription.bulletin.open("rb")
    with subscription.bulletin:
        pdf = subscription.bulletin.read()
    send(
        "share_reserved",
        subscription.email,
        subscription.language,
        share_context(subscription),
        attachments=[(f"bulletin-{subscription.reference}.pdf", pdf, "application/pdf")],
    )


@task()
def send_share_paid(subscription_id: int) -> None:
    from campagnes.models import Subscription

    subscription = Subscription.objects.select_related("page").get(pk=subscription_id)
    send("share_paid", subscription.email, subscription.language, share_context(subscription))


@task()
def send_share_certificate(subscription_id: int) -> None:
    from campagnes.models import Subscription
    from campagnes.shares.documents import render_certificate

    subscription = Subscription.objects.select_related("page").get(pk=subscription_id)
    send(
        "share_issued",
        subscription.email,
        subscription.language,
        share_context(subscription),
        attachments=[
            (
                f"attestation-souscription-{subscription.reference}.pdf",
                render_certificate(subscription),
                "application/pdf",
            )
        ],
    )


@task()
def send_waiting_list_offer(entry_id: int) -> None:
    from django.urls import reverse

    from campagnes.models import WaitingListEntry

    entry = WaitingListEntry.objects.select_related("page").get(pk=entry_id)
    with translation.override(entry.language):
        path = reverse("campagnes:share_waiting_offer", args=[entry.page_id, entry.public_id])
    send(
        "waiting_offer",
        entry.email,
        entry.language,
        {"entry": entry, "page": entry.page.specific, "offer_url": site_url(path)},
    )


# Donor space -------------------------------------------------------------------------------------


@task()
def send_login_link(email: str, token: str, language: str) -> None:
    """The sign-in link, in the language of the page it was asked from.

    The database keeps the token's hash only; the clear token travels in this task's arguments,
    worthless once used or 15 minutes old.
    """
    from django.urls import reverse
    from django.utils.http import urlencode

    with translation.override(language):
        path = reverse("campagnes:donor_link")
    link_url = site_url(f"{path}?{urlencode({'token': token})}")
    send("login_link", email, language, {"link_url": link_url})
