"""The subscription certificate of an issued subscription, built from its register entry."""

from django.utils import timezone

from campagnes.models import Subscription
from campagnes.models.register import MovementNature
from campagnes.models.shares import InvestorType
from campagnes.pdf.certificate import Certificate, render_certificate_pdf
from campagnes.pdf.french import birth_line


def certificate_for(subscription: Subscription) -> Certificate:
    page = subscription.page.specific
    movement = subscription.movements.get(nature=MovementNature.SUBSCRIPTION)
    person = subscription.investor_type != InvestorType.ENTITY
    name = subscription.investor_name
    if not person:
        name = (
            f"{subscription.entity_name} ({subscription.entity_legal_form}, "
            f"{subscription.entity_registration}), représentée par {subscription.full_name}"
        )
    return Certificate(
        reference=subscription.reference,
        # The reduction is for the year the shares were paid for.
        tax_year=timezone.localtime(subscription.paid_at).year,
        tax_article=page.tax_article,
        security_kind=page.security_kind,
        issuer_name=page.issuer_name,
        issuer_legal_form=page.issuer_legal_form,
        issuer_registration=page.issuer_registration,
        issuer_office=page.issuer_office,
        issuer_object=page.issuer_object,
        subscriber_name=name,
        subscriber_address=subscription.postal_address,
        subscriber_birth=(
            birth_line(subscription.birth_date, subscription.birth_place) if person else ""
        ),
        shares=subscription.shares,
        first_number=movement.first_number,
        last_number=movement.last_number,
        amount_cents=subscription.amount_cents,
        subscribed_on=timezone.localdate(subscription.accepted_at),
        paid_on=timezone.localdate(subscription.paid_at),
        issued_on=movement.recorded_on,
        statement=page.certificate_statement,
        signatory_name=page.signatory_name,
        signatory_role=page.signatory_role,
        place=page.signature_place,
    )


def render_certificate(subscription: Subscription) -> bytes:
    return render_certificate_pdf(certificate_for(subscription))
