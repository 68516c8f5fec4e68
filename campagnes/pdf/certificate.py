"""The état individuel de souscription as a PDF: what the investor joins to their income-tax
return. Pure and deterministic, like the bulletin.
"""

from dataclasses import dataclass
from datetime import date
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.platypus import Paragraph, Spacer

from campagnes.pdf.french import KIND_WORDING, format_amount, format_date
from campagnes.pdf.layout import (
    fields,
    issuer_fields,
    markup,
    paragraph_styles,
    plain_document,
    register_fonts,
    section,
)


@dataclass(frozen=True, kw_only=True)
class Certificate:
    """The état individuel de souscription: what the investor joins to their income-tax return."""

    reference: str
    tax_year: int
    tax_article: str
    security_kind: str
    issuer_name: str
    issuer_legal_form: str
    issuer_registration: str
    issuer_office: str
    issuer_object: str
    subscriber_name: str
    subscriber_address: str
    subscriber_birth: str
    shares: int
    first_number: int
    last_number: int
    amount_cents: int
    subscribed_on: date
    paid_on: date
    issued_on: date
    statement: str


def render_certificate_pdf(certificate: Certificate) -> bytes:
    register_fonts()
    styles = paragraph_styles()
    plural, singular = KIND_WORDING[certificate.security_kind]
    buffer = BytesIO()
    doc = plain_document(
        buffer,
        f"Attestation de souscription {certificate.reference}",
        certificate.issuer_name,
    )
    c = certificate
    story = [
        Paragraph("État individuel de souscription", styles["title"]),
        Paragraph(
            f"Réduction d'impôt sur le revenu, {escape(c.tax_article)} – "
            f"revenus de l'année {c.tax_year}",
            styles["subtitle"],
        ),
        section("Société émettrice"),
        issuer_fields(
            c.issuer_name, c.issuer_legal_form, None, c.issuer_registration, c.issuer_office
        ),
    ]
    if c.issuer_object:
        story += [Spacer(0, 2), Paragraph(f"Objet : {markup(c.issuer_object)}", styles["body"])]
    story += [
        section("Souscripteur"),
        fields(
            [
                [("Nom", escape(c.subscriber_name))],
                *([[("Naissance", escape(c.subscriber_birth))]] if c.subscriber_birth else []),
                [("Adresse", escape(c.subscriber_address))],
            ]
        ),
        section("Souscription"),
        fields(
            [
                [("Titres", f"{c.shares} {plural if c.shares > 1 else singular}")],
                [("Numéros", f"{c.first_number} à {c.last_number}")],
                [("Montant souscrit et libéré", f"<b>{format_amount(c.amount_cents)}</b>")],
                [
                    ("Date de souscription", format_date(c.subscribed_on)),
                    ("Date de paiement", format_date(c.paid_on)),
                ],
                [("Date d'émission", format_date(c.issued_on))],
            ]
        ),
        section("Déclaration de la société"),
        Paragraph(markup(c.statement), styles["body"]),
        Spacer(0, 6),
        Paragraph(
            f"Fait pour servir et valoir ce que de droit. Référence {escape(c.reference)}.",
            styles["note"],
        ),
    ]
    doc.build(story)
    return buffer.getvalue()
