"""A subscription's legal documents as issued: the bulletin, signed, and the certificate, made
from the register entry when the shares are issued. Both are stored on the private storage with
their SHA-256; every download serves the stored bytes once checked, never a new rendering from
the offering page as it reads today. A missing or altered file is reported to staff.
"""

from django.db import transaction
from django.utils import timezone

from campagnes.models import Subscription
from campagnes.models.register import MovementNature
from campagnes.models.shares import InvestorType
from campagnes.pdf.certificate import Certificate, render_certificate_pdf
from campagnes.pdf.french import birth_line
from home import frozen
from home.frozen import DocumentUnavailable

__all__ = ["DocumentUnavailable", "bulletin_pdf", "certificate_pdf", "store_certificate"]


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
        # Every reserved subscription has one; records made without reserving may not.
        reference=subscription.reference or "",
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
    """A new rendering from today's records: what `store_certificate` keeps, once."""
    return render_certificate_pdf(certificate_for(subscription))


def store_certificate(subscription: Subscription) -> None:
    """Renders the certificate and stores it, once: called as the shares are issued."""
    with transaction.atomic():
        locked = (
            Subscription.objects.select_for_update(of=("self",))
            .select_related("page")
            .get(pk=subscription.pk)
        )
        if not locked.certificate:
            pdf = render_certificate(locked)
            locked.certificate_sha256 = frozen.store(
                locked.certificate, f"{locked.public_id}.pdf", pdf
            )
            locked.save(update_fields=["certificate", "certificate_sha256"])
    subscription.certificate = locked.certificate
    subscription.certificate_sha256 = locked.certificate_sha256


def certificate_pdf(subscription: Subscription) -> bytes:
    """The certificate as issued. One issued before certificates were stored is made and stored
    at its first download (or by `freeze_documents`), then served as such."""
    try:
        if not subscription.certificate:
            store_certificate(subscription)
        return frozen.read(subscription.certificate, subscription.certificate_sha256)
    except DocumentUnavailable as error:
        frozen.report(subscription, "certificate", str(error))
        raise


def bulletin_pdf(subscription: Subscription) -> bytes:
    """The bulletin as the investor signed it."""
    try:
        return frozen.read(subscription.bulletin, subscription.bulletin_sha256)
    except DocumentUnavailable as error:
        frozen.report(subscription, "bulletin", str(error))
        raise
