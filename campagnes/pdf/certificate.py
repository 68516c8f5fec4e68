"""The état individuel de souscription as a PDF: what the investor joins to their income-tax
return. Pure and deterministic, like the bulletin.
"""

from dataclasses import dataclass
from datetime import date
from io import BytesIO

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from campagnes.pdf.french import KIND_WORDING, format_amount, format_date, format_long_date
from campagnes.pdf.glyphs import register_fonts
from campagnes.pdf.layout import (
    CONTENT_WIDTH,
    fields,
    issuer_rows,
    label_widths,
    markup,
    paragraph_styles,
    plain_document,
    section,
    text,
    town,
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
    # Who signs for the issuer, and where ("Fait à ..."; the registered office's town when empty).
    signatory_name: str = ""
    signatory_role: str = ""
    place: str = ""


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
    issuer = issuer_rows(
        c.issuer_name, c.issuer_legal_form, None, c.issuer_registration, c.issuer_office
    )
    subscriber = [
        [("Nom", text(c.subscriber_name))],
        *([[("Naissance", text(c.subscriber_birth))]] if c.subscriber_birth else []),
        [("Adresse", text(c.subscriber_address))],
    ]
    terms = [
        [("Titres", f"{c.shares} {plural if c.shares > 1 else singular}")],
        [("Numéros", f"{c.first_number} à {c.last_number}")],
        [("Montant souscrit et libéré", f"<b>{format_amount(c.amount_cents)}</b>")],
        [
            ("Date de souscription", format_date(c.subscribed_on)),
            ("Date de paiement", format_date(c.paid_on)),
        ],
        [("Date d'émission", format_date(c.issued_on))],
    ]
    labels = label_widths(issuer, subscriber, terms)
    story = [
        Paragraph("État individuel de souscription", styles["title"]),
        Paragraph(
            f"Réduction d'impôt sur le revenu, {text(c.tax_article)} – "
            f"revenus de l'année {c.tax_year}",
            styles["subtitle"],
        ),
        section("Société émettrice"),
        fields(issuer, labels),
    ]
    if c.issuer_object:
        story += [Spacer(0, 2), Paragraph(f"Objet : {markup(c.issuer_object)}", styles["body"])]
    story += [
        section("Souscripteur"),
        fields(subscriber, labels),
        section("Souscription"),
        fields(terms, labels),
        section("Déclaration de la société"),
        Paragraph(markup(c.statement), styles["body"]),
        _signature(c),
    ]
    doc.build(story)
    return buffer.getvalue()


def _signature(c: Certificate) -> KeepTogether:
    """The reference on the left; on the right where and when it is made, and who signs."""
    styles = paragraph_styles()
    place = c.place.strip() or town(c.issuer_office)
    made = f"Fait à {text(place)}, le " if place else "Fait le "
    signature = [
        Paragraph(made + format_long_date(c.issued_on), styles["sign"]),
        Paragraph(f"Pour {text(c.issuer_name)},", styles["sign"]),
        Spacer(0, 8 * mm),  # room for a handwritten signature on a printed copy
    ]
    if c.signatory_name.strip():
        signature.append(Paragraph(text(c.signatory_name), styles["sign_name"]))
    if c.signatory_role.strip():
        signature.append(Paragraph(text(c.signatory_role), styles["sign"]))
    note = Paragraph(
        f"Fait pour servir et valoir ce que de droit. Référence {text(c.reference)}.",
        styles["note"],
    )
    width = 70 * mm
    table = Table([[note, signature]], [CONTENT_WIDTH - width, width])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (0, 0), "BOTTOM"),
                ("VALIGN", (1, 0), (1, 0), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, 0), 10 * mm),
            ]
        )
    )
    return KeepTogether([Spacer(0, 6 * mm), table])
