"""Issuing, cancelling and printing tax receipts.

Numbers are `YYYY-NNNNNN`, sequential and gapless per year: the year's counter row is locked
while a number is taken, in the same transaction as the gift that needs it. A receipt is never
edited once issued: what it prints is frozen as it is numbered (`take_snapshot`, from the one
builder of its printed data, `document`), and its PDFs are made from that (receipts.documents).
"""

import datetime

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from wagtail.models import Site

from campagnes.choices import PaymentMethod, ReceiptPreference
from campagnes.models import DonationSettings, Gift, Receipt, ReceiptCounter
from campagnes.models.donations import GiftStatus
from campagnes.models.identity import Identity
from campagnes.models.receipts import ReceiptKind
from campagnes.pdf import receipt as receipts_pdf
from campagnes.receipts import printed
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
            # Callers pass gifts of one identity (issue_annual groups them by it); the latest
            # gift's spelling of it is printed.
            identity=gifts[-1].identity(),
            amount_cents=sum(gift.net_cents for gift in gifts),
            currency=gifts[0].currency,
            dates=dates,
            method=" / ".join(sorted(methods)),
            annual=annual,
            replaces=replaces,
        )
        Gift.objects.filter(pk__in=[gift.pk for gift in gifts]).update(receipt=receipt)
        take_snapshot(receipt, gifts)
    return receipt


def take_snapshot(receipt: Receipt, gifts: list[Gift] | None = None) -> None:
    """Freezes what the receipt prints, from today's settings: called once, in the transaction
    that numbers it, after its gifts or pledge are linked to it."""
    receipt.printed = printed.freeze(document(receipt, gifts))
    Receipt.objects.filter(pk=receipt.pk).update(printed=receipt.printed)


def create(
    donor,
    *,
    identity: Identity | None = None,
    amount_cents: int,
    currency: str,
    dates: list[datetime.date],
    method: str,
    annual: bool = False,
    replaces: Receipt | None = None,
) -> Receipt:
    """Numbers and stores a receipt; its PDF and email follow once the transaction commits.

    It prints `identity`, the one given with its gifts (`Gift.identity()`), else the donor's."""
    identity = identity or Identity.of(donor)
    today = timezone.localdate()
    with transaction.atomic():
        sequence, number = next_number(today.year)
        receipt = Receipt.objects.create(
            number=number,
            year=today.year,
            sequence=sequence,
            kind=ReceiptKind.COMPANY if identity.is_company else ReceiptKind.INDIVIDUAL,
            donor=donor,
            is_annual=annual,
            period_start=dates[0] if annual else None,
            period_end=dates[-1] if annual else None,
            amount_cents=amount_cents,
            currency=currency,
            issued_on=today,
            gift_date=None if annual else dates[0],
            method=method,
            replaces=replaces,
            **identity.receipt_fields(),
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
        and gift.receipt_preference == ReceiptPreference.PER_GIFT
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
    """One receipt per donor and identity for the year's paid gifts that have none yet (run in
    January). A receipt never mixes two identities: gifts given with a donor's email under
    another name or address (`Gift.identity()`) have a receipt of their own, as they would have
    had one each with a receipt per gift."""
    gifts = (
        Gift.objects.filter(status=GiftStatus.PAID, receipt__isnull=True, paid_at__year=year)
        # An erased donor's gifts stay in the accounts, nameless: no receipt can be made out.
        .filter(donor__erasures__isnull=True)
        .select_related("donor")
        .order_by("donor_id", "paid_at", "pk")
    )
    groups: dict = {}
    for gift in gifts:
        groups.setdefault((gift.donor, gift.identity().key()), []).append(gift)
    return [
        receipt
        for (donor, _key), group in groups.items()
        if (receipt := issue(donor, group, annual=True)) is not None
    ]


def gift_date(gift: Gift) -> datetime.date:
    if gift.received_on:
        return gift.received_on
    return timezone.localdate(gift.paid_at) if gift.paid_at else timezone.localdate()


def document(receipt: Receipt, gifts: list[Gift] | None = None, duplicate: bool = False):
    """Everything the receipt prints, from its record and today's settings: the one builder of
    a receipt's printed data. Read at issue only (`take_snapshot`); PDFs come from the snapshot."""
    site = Site.objects.filter(is_default_site=True).first()
    # A site always exists once migrated; without one (a bare test database) the defaults print.
    organisation = OrganisationSettings.for_site(site) if site else OrganisationSettings()
    donation_settings = DonationSettings.for_site(site) if site else DonationSettings()
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
        legal_form=receipt.legal_form,
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
