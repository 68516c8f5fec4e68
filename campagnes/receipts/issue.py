"""Issuing, cancelling and printing tax receipts.

Numbers are `YYYY-NNNNNN`, sequential and gapless per year: the year's counter row is locked
while a number is taken, in the same transaction as the gift that needs it. A receipt is never
edited once issued; its PDF is rebuilt from the stored copy of the donor and checked against the
hash taken at issue time.
"""

import datetime
import hashlib

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from wagtail.models import Site

from campagnes.choices import PaymentMethod, ReceiptPreference
from campagnes.models import DonationSettings, Gift, Receipt, ReceiptCounter
from campagnes.models.donations import GiftStatus
from campagnes.models.receipts import ReceiptKind
from campagnes.pdf import receipt as receipts_pdf
from home.models import OrganisationSettings

# Sent with `receipt=` inside the transaction that numbered it.
receipt_issued = Signal()

ELECTRONIC = "Virement, prélèvement, carte bancaire"
METHODS = {
    PaymentMethod.CHEQUE: "Chèque",
    PaymentMethod.CASH: "Remise d'espèces",
}


def next_number(year: int) -> tuple[int, str]:
    """The year's next number. The counter row stays locked until the caller's transaction
    commits: a second receipt waits for it, so numbers are never shared and a rolled-back
    receipt gives its number back (the tax authority expects no gaps)."""
    counter, _ = ReceiptCounter.objects.select_for_update().get_or_create(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number, f"{year}-{counter.last_number:06d}"


def issue(donor, gifts: list[Gift], *, annual: bool = False, replaces: Receipt | None = None):
    """A receipt for paid gifts not receipted yet; None when nothing is left to receipt."""
    gifts = [gift for gift in gifts if gift.status == GiftStatus.PAID and gift.net_cents > 0]
    if not gifts:
        return None
    dates = sorted(gift_date(gift) for gift in gifts)
    methods = {METHODS.get(gift.method, ELECTRONIC) for gift in gifts}
    with transaction.atomic():
        receipt = create(
            donor,
            amount_cents=sum(gift.net_cents for gift in gifts),
            currency=gifts[0].currency,
            dates=dates,
            method=" / ".join(sorted(methods)),
            annual=annual,
            replaces=replaces,
        )
        Gift.objects.filter(pk__in=[gift.pk for gift in gifts]).update(receipt=receipt)
    return receipt


def create(
    donor,
    *,
    amount_cents: int,
    currency: str,
    dates: list[datetime.date],
    method: str,
    annual: bool = False,
    replaces: Receipt | None = None,
) -> Receipt:
    """Numbers and stores a receipt; its PDF and email follow once the transaction commits."""
    today = timezone.localdate()
    with transaction.atomic():
        sequence, number = next_number(today.year)
        receipt = Receipt.objects.create(
            number=number,
            year=today.year,
            sequence=sequence,
            kind=ReceiptKind.COMPANY if donor.is_company else ReceiptKind.INDIVIDUAL,
            donor=donor,
            is_annual=annual,
            period_start=dates[0] if annual else None,
            period_end=dates[-1] if annual else None,
            amount_cents=amount_cents,
            currency=currency,
            issued_on=today,
            gift_date=None if annual else dates[0],
            method=method,
            civility=donor.civility,
            first_name=donor.first_name,
            last_name=donor.last_name,
            address=f"{donor.address}\n{donor.postcode} {donor.city}",
            company_name=donor.company_name,
            siren=donor.siren,
            replaces=replaces,
        )
    # The PDF is made, hashed and emailed by a task (receipts.tasks), outside this transaction.
    receipt_issued.send(sender=Receipt, receipt=receipt)
    return receipt


def bring_up_to_date(gift: Gift) -> None:
    """Issues, cancels or corrects the receipt of a gift whose status or refund changed.

    Decided from the gift's state alone, so running it twice, or late, changes nothing more.
    """
    receipt = gift.receipt
    if receipt is not None and not receipt.is_cancelled:
        still_given = sum(g.net_cents for g in receipt.gifts.all() if g.status == GiftStatus.PAID)
        if still_given != receipt.amount_cents:
            revise_for_gift(gift)
    elif (
        receipt is None
        and gift.status == GiftStatus.PAID
        and gift.donor.receipt_preference == ReceiptPreference.PER_GIFT
    ):
        issue_for_gift(gift)


def issue_for_gift(gift: Gift) -> Receipt | None:
    if gift.receipt_id:
        return None
    return issue(gift.donor, [gift])


def revise_for_gift(gift: Gift) -> None:
    """After a refund or dispute: cancel the gift's receipt, and re-issue what is still a gift."""
    receipt = gift.receipt
    if receipt is None or receipt.is_cancelled:
        return
    receipt.cancelled_on = timezone.localdate()
    receipt.save(update_fields=["cancelled_on"])
    remaining = list(receipt.gifts.select_related("donor").order_by("pk"))
    Gift.objects.filter(receipt=receipt).update(receipt=None)
    for each in remaining:
        each.receipt = None
    issue(receipt.donor, remaining, annual=receipt.is_annual, replaces=receipt)


def issue_annual(year: int) -> list[Receipt]:
    """One receipt per donor for the year's paid gifts that have none yet (run in January)."""
    gifts = (
        Gift.objects.filter(status=GiftStatus.PAID, receipt__isnull=True, paid_at__year=year)
        .select_related("donor")
        .order_by("donor_id", "paid_at")
    )
    by_donor: dict = {}
    for gift in gifts:
        by_donor.setdefault(gift.donor, []).append(gift)
    return [
        receipt
        for donor, donor_gifts in by_donor.items()
        if (receipt := issue(donor, donor_gifts, annual=True)) is not None
    ]


def gift_date(gift: Gift) -> datetime.date:
    if gift.received_on:
        return gift.received_on
    return timezone.localdate(gift.paid_at) if gift.paid_at else timezone.localdate()


def document(receipt: Receipt, gifts: list[Gift] | None = None, duplicate: bool = False):
    site = Site.objects.filter(is_default_site=True).first()
    organisation = OrganisationSettings.for_site(site)
    donation_settings = DonationSettings.for_site(site)
    gifts = gifts if gifts is not None else list(receipt.gifts.order_by("paid_at", "pk"))
    signature = None
    if donation_settings.signature_id:
        with donation_settings.signature.open_file() as file:
            signature = file.read()
    issuer = receipts_pdf.Issuer(
        name=organisation.legal_name or organisation.name,
        address=f"{organisation.street_address}\n{organisation.postcode} {organisation.city}",
        object=donation_settings.receipt_object,
        status=donation_settings.receipt_status,
        siren=donation_settings.siren,
        rna=donation_settings.rna,
        signatory_name=donation_settings.signatory_name,
        signatory_role=donation_settings.signatory_role,
        signature_image=signature,
        city=organisation.city,
    )
    donor = receipts_pdf.Donor(
        civility={"m": "M.", "mme": "Mme"}.get(receipt.civility, ""),
        first_name=receipt.first_name,
        last_name=receipt.last_name,
        address=receipt.address,
        company_name=receipt.company_name,
        siren=receipt.siren,
    )
    lines = ()
    if receipt.is_annual:
        lines = tuple(
            receipts_pdf.ReceiptLine(
                date=gift_date(gift),
                amount_cents=gift.net_cents,
                method=METHODS.get(gift.method, ELECTRONIC),
            )
            for gift in gifts
        )
    cash = receipt.method == METHODS[PaymentMethod.CASH]
    return receipts_pdf.ReceiptDocument(
        kind=receipt.kind,
        number=receipt.number,
        issued_on=receipt.issued_on,
        issuer=issuer,
        donor=donor,
        amount_cents=receipt.amount_cents,
        currency=receipt.currency,
        form=gift_form(receipt),
        nature="Numéraire",
        method=receipt.method
        if cash or receipt.method in receipts_pdf.METHOD_CHOICES
        else ELECTRONIC,
        gift_date=receipt.gift_date,
        period_start=receipt.period_start,
        period_end=receipt.period_end,
        lines=lines,
        duplicate=duplicate,
        cancelled=receipt.is_cancelled,
        cancelled_on=receipt.cancelled_on,
        replaces=receipt.replaces.number if receipt.replaces_id else "",
    )


def gift_form(receipt: Receipt) -> str:
    """A partner's pledge made under a signed patronage agreement is a private deed."""
    if (
        receipt.kind == ReceiptKind.COMPANY
        and receipt.pledges.filter(signed_on__isnull=False).exists()
    ):
        return "Acte sous seing privé"
    return "Déclaration de don manuel"


def deliver_original(receipt: Receipt) -> bool:
    """Records that the original reached the donor, now; False when it already had (by email or
    an earlier download), so that what is delivered then is a duplicate. One conditional
    UPDATE: of two downloads at once, only one gets the original."""
    delivered = Receipt.objects.filter(pk=receipt.pk, original_delivered_at__isnull=True).update(
        original_delivered_at=timezone.now()
    )
    return delivered == 1


def download(receipt: Receipt) -> bytes:
    """The receipt as its donor downloads it: the original the first time it reaches them, when
    it was never emailed; a duplicate ever after."""
    if receipt.original_delivered_at is None:
        original = render(receipt)
        # Rendered before being recorded: a failed rendering never uses up the original.
        if deliver_original(receipt):
            return original
    return render(receipt, duplicate=True)


def render(receipt: Receipt, duplicate: bool = False) -> bytes:
    """The receipt's PDF; the first rendering's hash is kept as the issued one."""
    pdf = receipts_pdf.render_receipt_pdf(document(receipt, duplicate=duplicate))
    if not receipt.pdf_sha256 and not duplicate:
        receipt.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
        Receipt.objects.filter(pk=receipt.pk, pdf_sha256="").update(pdf_sha256=receipt.pdf_sha256)
    return pdf
