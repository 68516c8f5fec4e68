"""Giving, withdrawing and reading consents, keeping the donor's current answers in step.

Callers pass who (an email, and the donor when there is one), which consent, and where it
happened; the wording shown comes from `wordings.WORDINGS` in the request's language.
"""

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation

from campagnes.choices import ConsentKind, ConsentSource
from campagnes.consents.wordings import WORDINGS
from campagnes.models import Consent, Donor

# The donor field that mirrors each consent (read by forms, exports and the receipt tasks).
DONOR_FIELDS = {
    ConsentKind.NEWSLETTER: "newsletter",
    ConsentKind.RECEIPTS_BY_EMAIL: "receipt_by_email",
}


def normalised(email: str) -> str:
    return (email or "").strip().lower()


def standing(email: str, kind: str) -> Consent | None:
    return Consent.objects.filter(email=normalised(email), kind=kind, withdrawn_at=None).first()


def current(email: str) -> dict[str, Consent | None]:
    """Each kind of consent and its standing record, or None where none stands."""
    found = {
        consent.kind: consent
        for consent in Consent.objects.filter(email=normalised(email), withdrawn_at=None)
    }
    return {kind: found.get(kind) for kind in ConsentKind.values}


def history(email: str, donor: Donor | None = None) -> list[Consent]:
    """Every consent of the person, newest first: given and withdrawn, under their email or
    recorded against their donor record (before an email was corrected, say)."""
    query = Q(email=normalised(email)) if email else Q(pk__in=[])
    if donor is not None:
        query |= Q(donor=donor)
    return list(Consent.objects.filter(query).order_by("-given_at", "-pk"))


def give(
    email: str,
    kind: str,
    source: str,
    *,
    donor: Donor | None = None,
    page: str = "",
    language: str | None = None,
) -> Consent:
    """Records a consent, unless one already stands (kept as first given). Never pre-checked:
    call it only for a box the person ticked themselves."""
    email = normalised(email)
    language = language or translation.get_language() or "fr"
    wording = WORDINGS[kind]
    with transaction.atomic():
        existing = standing(email, kind)
        if existing is not None:
            consent = existing
        else:
            try:
                # A savepoint: of two simultaneous gives, the unique constraint keeps one.
                with transaction.atomic():
                    consent = Consent.objects.create(
                        email=email,
                        donor=donor,
                        kind=kind,
                        wording=wording.shown(language),
                        wording_version=wording.version,
                        language=language,
                        source=source,
                        source_page=page[:255],
                    )
            except IntegrityError:
                consent = standing(email, kind)
        mirror(email, kind, True, donor)
    return consent


def withdraw(email: str, kind: str, via: str, *, donor: Donor | None = None) -> bool:
    """Withdraws the standing consent; True when there was one to withdraw."""
    email = normalised(email)
    with transaction.atomic():
        count = Consent.objects.filter(email=email, kind=kind, withdrawn_at=None).update(
            withdrawn_at=timezone.now(), withdrawn_via=via
        )
        mirror(email, kind, False, donor)
    return bool(count)


def withdraw_all(email: str, via: str = ConsentSource.ERASURE) -> int:
    """Withdraws every standing consent of the email (an erasure); returns how many."""
    return Consent.objects.filter(email=normalised(email), withdrawn_at=None).update(
        withdrawn_at=timezone.now(), withdrawn_via=via
    )


def mirror(email: str, kind: str, value: bool, donor: Donor | None) -> None:
    field = DONOR_FIELDS.get(kind)
    if field is None:
        return
    donors = (
        Donor.objects.filter(pk=donor.pk) if donor else Donor.objects.filter(email__iexact=email)
    )
    donors.update(**{field: value})
    if donor is not None:
        setattr(donor, field, value)
