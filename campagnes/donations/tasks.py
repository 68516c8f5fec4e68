"""The donations' emails, sent by django-tasks once the payment's transaction has committed."""

from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode

from django_tasks import task

from campagnes.choices import PaymentMethod
from campagnes.models import Gift, Plan
from home import mail


def donor_space_url(language: str) -> str:
    with translation.override(language):
        return mail.site_url(reverse("campagnes:donor_login"))


@task()
def send_gift_confirmation(gift_id: int) -> None:
    gift = Gift.objects.select_related("donor", "campaign", "plan").get(pk=gift_id)
    if not gift.donor.email:
        return  # a cheque from a donor without email: staff thank them, the receipt is posted
    language = gift.donor.language
    context = {"gift": gift, "donor_space_url": donor_space_url(language)}
    mail.send("campagnes/donations/emails/gift_confirmed", gift.donor.email, language, context)


@task()
def send_plan_confirmation(plan_id: int) -> None:
    plan = Plan.objects.select_related("donor", "campaign").get(pk=plan_id)
    language = plan.donor.language
    context = {"plan": plan, "donor_space_url": donor_space_url(language)}
    mail.send("campagnes/donations/emails/plan_confirmed", plan.donor.email, language, context)


# Failed instalments (recovery.py): ids only, the rest is read here.


def payment_method_url(plan: Plan) -> str:
    """The sign-in page, the donor's email filled in, leading to the plan's page where the card
    or IBAN is changed. The logs' filter redacts the email from the request line."""
    with translation.override(plan.donor.language):
        login = reverse("campagnes:donor_login")
        target = reverse("campagnes:donor_plan", args=[plan.public_id])
    return mail.site_url(f"{login}?{urlencode({'email': plan.donor.email, 'next': target})}")


@task()
def send_payment_failed(gift_id: int) -> None:
    gift = Gift.objects.select_related("donor", "plan").get(pk=gift_id)
    plan = gift.plan
    if plan.payment_failed_at is None or not gift.donor.email:
        return  # made good before the email left, or a donor without email
    context = {
        "gift": gift,
        "plan": plan,
        "by_debit": gift.method == PaymentMethod.SEPA_DEBIT,
        "update_url": payment_method_url(plan),
    }
    template = "campagnes/donations/emails/payment_failed"
    mail.send(template, gift.donor.email, plan.donor.language, context)


@task()
def send_plan_lapsed(plan_id: int) -> None:
    plan = Plan.objects.select_related("donor", "campaign").get(pk=plan_id)
    if not plan.donor.email:
        return
    language = plan.donor.language
    with translation.override(language):
        give_url = mail.site_url(reverse("campagnes:donate"))
    context = {"plan": plan, "give_url": give_url, "donor_space_url": donor_space_url(language)}
    mail.send("campagnes/donations/emails/payment_lapsed", plan.donor.email, language, context)


@task()
def send_payment_recovered(gift_id: int) -> None:
    gift = Gift.objects.select_related("donor", "plan").get(pk=gift_id)
    if not gift.donor.email:
        return
    language = gift.donor.language
    context = {"gift": gift, "plan": gift.plan, "donor_space_url": donor_space_url(language)}
    mail.send("campagnes/donations/emails/payment_recovered", gift.donor.email, language, context)
