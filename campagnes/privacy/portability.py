"""Everything the association holds on one person, for them to take away (GDPR, articles 15
and 20): their identity, consents, gifts, monthly gifts, receipts, share subscriptions, and the
register's lines about them.

One table per kind of record, each a list of flat rows, so that the same data reads as JSON (one
object of tables) and as CSV (a zip of one file per table, the columns of every row the same).
Left out: Stripe's ids, internal keys and hashes, which are ours and say nothing about the person;
staff notes stay in, being about them.
"""

import csv
import io
import json
import zipfile

from django.core.serializers.json import DjangoJSONEncoder

from campagnes.models import (
    Consent,
    Donor,
    LoginToken,
    Shareholder,
    ShareMovement,
    Subscription,
)
from campagnes.models.donations import UTM_FIELDS
from campagnes.models.shares import SubscriptionStatus

SOURCE_FIELDS = ("landing_page", *UTM_FIELDS)
SUBSCRIPTION_FIELDS = (
    "reference",
    "status",
    "investor_type",
    "entity_name",
    "entity_legal_form",
    "entity_registration",
    "representative_role",
    "civility",
    "first_name",
    "last_name",
    "birth_date",
    "birth_place",
    "nationality",
    "address",
    "postcode",
    "city",
    "country",
    "email",
    "phone",
    "language",
    "shares",
    "price_cents",
    "amount_cents",
    "refunded_cents",
    "payment_method",
    "accepted_name",
    "accepted_at",
    "accepted_ip",
    "paid_at",
    "approved_at",
    "issued_at",
    "ended_at",
    "end_reason",
    "created_at",
)


def title(page) -> str:
    return page.title if page is not None else ""


def person_rows(email: str, donor: Donor | None) -> list[dict]:
    row = {"email": email}
    if donor is not None:
        fields = (*Donor.IDENTITY_FIELDS, "country", "language", "receipt_preference")
        row.update({field: getattr(donor, field) for field in fields})
        # The answers standing now; their history is the consents table.
        row["newsletter"] = donor.newsletter
        row["receipts_by_email"] = donor.receipt_by_email
        row["created_at"] = donor.created_at
    return [row]


def consent_rows(email: str) -> list[dict]:
    return [
        {
            "consent": consent.kind,
            "wording": consent.wording,
            "wording_version": consent.wording_version,
            "language": consent.language,
            "given_at": consent.given_at,
            "given_through": consent.source,
            "page": consent.source_page,
            "withdrawn_at": consent.withdrawn_at,
            "withdrawn_through": consent.withdrawn_via,
        }
        for consent in Consent.objects.filter(email__iexact=email).order_by("given_at", "pk")
    ]


def gift_rows(donor: Donor) -> list[dict]:
    return [
        {
            "date": gift.paid_at or gift.created_at,
            "amount_cents": gift.amount_cents,
            "refunded_cents": gift.refunded_cents,
            "currency": gift.currency,
            "frequency": gift.frequency,
            "status": gift.status,
            "method": gift.method,
            "campaign": title(gift.campaign),
            "lieu": title(gift.lieu),
            "receipt": gift.receipt.number if gift.receipt else "",
            **{field: getattr(gift, field) for field in SOURCE_FIELDS},
        }
        for gift in donor.gifts.select_related("campaign", "lieu", "receipt").order_by("pk")
    ]


def plan_rows(donor: Donor) -> list[dict]:
    return [
        {
            "created_at": plan.created_at,
            "amount_cents": plan.amount_cents,
            "currency": plan.currency,
            "status": plan.status,
            "cancelled_at": plan.cancelled_at,
            "campaign": title(plan.campaign),
            "lieu": title(plan.lieu),
            **{field: getattr(plan, field) for field in SOURCE_FIELDS},
        }
        for plan in donor.plans.select_related("campaign", "lieu").order_by("pk")
    ]


def receipt_rows(donor: Donor) -> list[dict]:
    return [
        {
            "number": receipt.number,
            "issued_on": receipt.issued_on,
            "amount_cents": receipt.amount_cents,
            "annual": receipt.is_annual,
            "name": f"{receipt.first_name} {receipt.last_name}".strip(),
            "company_name": receipt.company_name,
            "address": receipt.address,
            "cancelled_on": receipt.cancelled_on,
        }
        for receipt in donor.receipts.order_by("issued_on", "pk")
    ]


def subscription_rows(email: str) -> list[dict]:
    subscriptions = (
        Subscription.objects.filter(email__iexact=email)
        .exclude(status=SubscriptionStatus.DRAFT)
        .select_related("page")
        .order_by("created_at")
    )
    return [
        {
            "offering": title(each.page),
            **{field: getattr(each, field) for field in SUBSCRIPTION_FIELDS},
        }
        for each in subscriptions
    ]


def register_rows(holders: list[Shareholder]) -> list[dict]:
    return [
        {
            "shareholder_number": holder.number,
            "name": holder.name,
            "address": holder.address,
            "email": holder.email,
            "since": holder.created_at,
        }
        for holder in holders
    ]


def movement_rows(holders: list[Shareholder]) -> list[dict]:
    movements = ShareMovement.objects.filter(transferee__in=holders).order_by("order_number")
    return [
        {
            "order_number": movement.order_number,
            "date": movement.recorded_on,
            "nature": movement.nature,
            "shares": movement.shares,
            "share_numbers": movement.number_range,
            "amount_cents": movement.amount_cents,
            "supporting_act": movement.supporting_act,
        }
        for movement in movements
    ]


def sign_in_rows(email: str) -> list[dict]:
    tokens = LoginToken.objects.filter(email__iexact=email).order_by("created_at")
    return [{"asked_at": token.created_at, "used_at": token.used_at} for token in tokens]


def collect(email: str, donor: Donor | None) -> dict[str, list[dict]]:
    """The person's tables, named in English as the JSON keys and the CSV files are."""
    holders = list(Shareholder.objects.filter(email__iexact=email).order_by("number"))
    tables = {"person": person_rows(email, donor), "consents": consent_rows(email)}
    if donor is not None:
        tables |= {
            "gifts": gift_rows(donor),
            "monthly_gifts": plan_rows(donor),
            "receipts": receipt_rows(donor),
        }
    tables |= {
        "share_subscriptions": subscription_rows(email),
        "share_register": register_rows(holders),
        "share_movements": movement_rows(holders),
        "sign_in_links": sign_in_rows(email),
    }
    return tables


def as_json(tables: dict[str, list[dict]]) -> bytes:
    return json.dumps(tables, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False).encode()


def as_csv_zip(tables: dict[str, list[dict]]) -> bytes:
    """A zip of one CSV per table (UTF-8 with a byte order mark, which spreadsheets need to read
    accents); an empty table is a file with no row."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, rows in tables.items():
            text = io.StringIO()
            writer = csv.writer(text)
            if rows:
                columns = list(rows[0])
                writer.writerow(columns)
                for row in rows:
                    writer.writerow([csv_value(row[column]) for column in columns])
            archive.writestr(f"{name}.csv", "\ufeff" + text.getvalue())
    return buffer.getvalue()


def csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
