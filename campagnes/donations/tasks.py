"""The donations' emails, sent by django-tasks once the payment's transaction has committed."""

from django.urls import reverse
from django.utils import translation

from django_tasks import task

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
