"""The bulletin's services: the draft subscription and its documents, the summary shown before
signing, the signature itself (with its reservation and PDF), and who may see a subscription.

Nothing here knows the step forms: the views pass their cleaned data in.
"""

import functools
import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from campagnes.models import ShareOfferingPage, Subscription, SubscriptionDocument
from campagnes.models.shares import InvestorType, SubscriptionStatus
from campagnes.money import format_amount
from campagnes.pdf.bulletin import Bulletin, render_bulletin_pdf
from campagnes.pdf.french import birth_line
from campagnes.shares import allocation, drafts, limits
from campagnes.shares import lifecycle as share_lifecycle
from campagnes.shares.session import INVESTOR_KEY, OWN_KEY, own_ids
from campagnes.shares.tasks import send_share_confirmation
from home.client import client_address
from home.locales import source_page

SUBSCRIPTION_FIELDS = {
    field.name for field in Subscription._meta.get_fields() if hasattr(field, "attname")
}
EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


def current_offer(page, state: dict):
    """The waiting-list offer this browser came with, while it holds."""
    return allocation.offered_entry(page, state["offer"]) if state.get("offer") else None


def draft_of(state: dict) -> Subscription | None:
    return Subscription.objects.filter(
        public_id=state.get("draft"), status=SubscriptionStatus.DRAFT
    ).first()


def stored_kinds(state: dict) -> set[str]:
    """The kinds of document already uploaded for this bulletin (none before its draft)."""
    draft = draft_of(state)
    return set(draft.documents.values_list("kind", flat=True)) if draft else set()


def store_documents(request, page, state: dict, uploads) -> None:
    """Saves the uploads, given as (kind, file, sniffed content type), each replacing its kind.

    The draft is created here: uploaded files need a subscription to belong to."""
    draft = draft_of(state)
    with transaction.atomic():
        if draft is None:
            draft = Subscription.objects.create(page=source_page(page))
            state["draft"] = str(draft.public_id)
            request.session[OWN_KEY] = [*own_ids(request), str(draft.public_id)]
        for kind, upload, content_type in uploads:
            for old in draft.documents.filter(kind=kind):
                # The replaced file goes once the new one is committed, never before.
                transaction.on_commit(functools.partial(old.file.storage.delete, old.file.name))
                old.delete()
            document = SubscriptionDocument(
                subscription=draft, kind=kind, content_type=content_type, size=upload.size
            )
            document.file.save(
                f"{document.public_id}.{EXTENSIONS[content_type]}", upload, save=False
            )
            document.save()
        # Drafts left by others are deleted once their time is up (hourly at most).
        transaction.on_commit(drafts.sweep_soon)


def summary(page, merged: dict) -> list[tuple[str, str]]:
    """The review step's rows, from the revalidated answers (empty when they no longer hold)."""
    shares = merged.get("shares", 0)
    rows = [(_("Subscriber"), f"{merged.get('first_name', '')} {merged.get('last_name', '')}")]
    if merged.get("investor_type") == InvestorType.ENTITY:
        rows.append((_("On behalf of"), merged.get("entity_name", "")))
    rows += [
        (_("Email"), merged.get("email", "")),
        (_("Number of shares"), str(shares)),
        (_("Price per share"), format_amount(page.price_cents)),
        (_("Amount"), format_amount(shares * page.price_cents)),
    ]
    return rows


def sign(
    request, page, draft, merged: dict, accepted_name: str, risk_warning, method: str, offer
) -> Subscription:
    """Copies the bulletin onto the subscription, reserves its shares and records the signature,
    in one transaction: when the offer is full, nothing of it stays."""
    fields = {name: value for name, value in merged.items() if name in SUBSCRIPTION_FIELDS}
    with transaction.atomic():
        draft = Subscription.objects.select_for_update().get(pk=draft.pk)
        if draft.status != SubscriptionStatus.DRAFT:
            raise Http404  # confirmed by another tab of the same browser
        for name, value in fields.items():
            setattr(draft, name, value)
        draft.price_cents = page.price_cents
        draft.amount_cents = draft.shares * page.price_cents
        address = client_address(request) or ""
        # The investor's rows first, then overdue reservations are ended (their shares, the
        # investor's own included, count as free), and only then counted and taken: see
        # campagnes/shares/limits.py for the lock order. Raises InvestorMaximum,
        # TooManyReservations or OfferFull, and nothing of the bulletin stays.
        limits.lock(page, draft, address)
        allocation.release_overdue(page)
        limits.check(page, draft, address)
        share_lifecycle.reserve(draft, method, offer)
        draft.risk_warning = risk_warning
        draft.accepted_name = accepted_name
        draft.accepted_at = timezone.now()
        draft.accepted_ip = address or None
        draft.language = translation.get_language() or "fr"
        pdf = render_bulletin_pdf(bulletin_for(page, draft))
        draft.bulletin.save(f"{draft.public_id}.pdf", ContentFile(pdf), save=False)
        draft.bulletin_sha256 = hashlib.sha256(pdf).hexdigest()
        draft.save()
        transaction.on_commit(lambda: send_share_confirmation.enqueue(draft.pk))
    return draft


def bulletin_for(page: ShareOfferingPage, subscription: Subscription) -> Bulletin:
    s = subscription
    investor = [
        # The civility is a line of its own, and only when given: never part of a name.
        *([("Civilité", s.french_civility)] if s.french_civility else []),
        ("Nom", s.full_name),
        ("Naissance", birth_line(s.birth_date, s.birth_place)),
        ("Nationalité", s.nationality),
        ("Adresse", f"{s.address}, {s.postcode} {s.city}, {s.country}"),
        ("Courriel", s.email),
        ("Téléphone", s.phone),
    ]
    if s.investor_type == InvestorType.ENTITY:
        investor[:0] = [
            ("Personne morale", f"{s.entity_name} ({s.entity_legal_form})"),
            ("Immatriculation", s.entity_registration),
            ("Représentée par", f"{s.first_name} {s.last_name}, {s.representative_role}"),
        ]
    return Bulletin(
        reference=s.reference,  # SOUS-…, as the emails, the investor space and the transfer say
        security_kind=page.security_kind,
        issuer_name=page.issuer_name,
        issuer_legal_form=page.issuer_legal_form,
        issuer_registration=page.issuer_registration,
        issuer_office=page.issuer_office,
        issuer_share_capital_cents=page.issuer_share_capital_cents,
        investor_lines=tuple(investor),
        shares=s.shares,
        price_cents=s.price_cents,
        nominal_cents=page.nominal_cents,
        amount_cents=s.amount_cents,
        risk_warning_title=s.risk_warning.title,
        risk_warning_version=s.risk_warning.version,
        declarations=(
            "J'ai lu le document d'information, les statuts et le rapport annuel.",
            "J'ai lu et compris l'avertissement sur les risques.",
            "Je souscris pour mon propre compte.",
        ),
        accepted_name=s.accepted_name,
        accepted_at=timezone.localtime(s.accepted_at),
        accepted_ip=s.accepted_ip or "",
    )


def own_subscription(request, public_id) -> Subscription:
    """A subscription this browser signed, or one of the signed-in investor's; 404 otherwise."""
    subscription = get_object_or_404(
        Subscription.objects.select_related("page"),
        public_id=public_id,
        status__in=SubscriptionStatus.submitted(),
    )
    email = request.session.get(INVESTOR_KEY)
    if str(public_id) in own_ids(request) or (email and email == subscription.email):
        return subscription
    raise Http404
