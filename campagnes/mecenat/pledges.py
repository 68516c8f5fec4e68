"""The company receipt of a received pledge, and what it needs from the partner.

A pledge's receipt follows its state: issued when it is received, cancelled if it goes back, and
cancelled and replaced when its amount or date changes, as a refunded gift's receipt is.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campagnes.models import Donor, Partner, Pledge
from campagnes.models.pledges import PartnerKind, PledgeStatus
from campagnes.receipts import issue as receipts


def receipt_problems(partner: Partner) -> list[str]:
    """What stops a receipt from being issued to this partner, in words for the staff."""
    problems = []
    if not partner.contact_email:
        problems.append(_("The partner needs a contact email: the receipt is sent there."))
    if not (partner.address and partner.postcode and partner.city):
        problems.append(_("The partner needs a full address: the receipt prints it."))
    if partner.kind == PartnerKind.COMPANY and not partner.siren:
        problems.append(_("A company's receipt prints its SIREN."))
    if partner.kind == PartnerKind.COMPANY and not partner.legal_form:
        problems.append(_("A company's receipt prints its legal form (SAS, SARL…)."))
    other = email_owner(partner)
    if other is not None:
        problems.append(
            _(
                "%(email)s is already the email of another donor (%(donor)s): give the partner "
                "another contact email."
            )
            % {"email": partner.contact_email, "donor": other}
        )
    return problems


def email_owner(partner: Partner) -> Donor | None:
    """The donor who already uses the partner's email for someone else, if any."""
    if not partner.contact_email:
        return None
    donor = Donor.objects.filter(email__iexact=partner.contact_email).first()
    if donor is None or donor.pk == partner.donor_id:
        return None
    same_company = donor.is_company and donor.siren == partner.siren
    return None if same_company and not hasattr(donor, "partner") else donor


def partner_donor(partner: Partner) -> Donor:
    """The donor record the partner's receipts are issued to, made or brought up to date."""
    identity = {
        "email": partner.contact_email.lower(),
        "first_name": partner.contact_first_name,
        "last_name": partner.contact_last_name,
        "company_name": partner.name,
        "siren": partner.siren,
        "legal_form": partner.legal_form,
        "address": partner.address,
        "postcode": partner.postcode,
        "city": partner.city,
    }
    donor = partner.donor or Donor.objects.filter(email__iexact=identity["email"]).first()
    if donor is None:
        donor = Donor.objects.create(**identity)
    else:
        Donor.objects.filter(pk=donor.pk).update(**identity)
        donor.refresh_from_db()
    if partner.donor_id != donor.pk:
        partner.donor = donor
        Partner.objects.filter(pk=partner.pk).update(donor=donor)
    return donor


def update_receipt(pledge: Pledge) -> None:
    """Issues, cancels or replaces the pledge's receipt so that it says what was received."""
    receipt = pledge.receipt
    valid = receipt is not None and not receipt.is_cancelled
    received = pledge.status == PledgeStatus.RECEIVED
    if (
        valid
        and received
        and (receipt.amount_cents, receipt.gift_date)
        == (
            pledge.amount_cents,
            pledge.received_on,
        )
    ):
        return
    if not (valid or received):
        return
    with transaction.atomic():
        if valid:
            receipt.cancelled_on = timezone.localdate()
            receipt.save(update_fields=["cancelled_on"])
        if received:
            receipt = receipts.create(
                partner_donor(pledge.partner),
                amount_cents=pledge.amount_cents,
                currency=pledge.currency,
                dates=[pledge.received_on],
                method=receipts.METHODS.get(pledge.method, receipts.ELECTRONIC),
                replaces=receipt,
            )
            pledge.receipt = receipt
            Pledge.objects.filter(pk=pledge.pk).update(receipt=receipt)
            receipts.take_snapshot(receipt)  # once linked: a signed pledge prints as a deed
