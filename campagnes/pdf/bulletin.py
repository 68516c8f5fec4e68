"""The bulletin de souscription as a PDF: what the investor confirms, in French. Deterministic:
the same bulletin gives the same bytes, so the SHA-256 recorded at acceptance can be checked
against the stored file at any time.
"""

from dataclasses import dataclass
from datetime import datetime
from io import BytesIO

from reportlab.platypus import Paragraph, Spacer

from campagnes.pdf.french import KIND_WORDING, format_amount, format_date
from campagnes.pdf.glyphs import register_fonts
from campagnes.pdf.layout import (
    fields,
    issuer_rows,
    label_widths,
    paragraph_styles,
    plain_document,
    section,
    text,
)


@dataclass(frozen=True, kw_only=True)
class Bulletin:
    reference: str
    security_kind: str
    issuer_name: str
    issuer_legal_form: str
    issuer_registration: str
    issuer_office: str
    issuer_share_capital_cents: int
    investor_lines: tuple[tuple[str, str], ...]
    shares: int
    price_cents: int
    nominal_cents: int
    amount_cents: int
    risk_warning_title: str
    risk_warning_version: int
    declarations: tuple[str, ...]
    accepted_name: str
    accepted_at: datetime
    accepted_ip: str


def render_bulletin_pdf(bulletin: Bulletin) -> bytes:
    register_fonts()
    styles = paragraph_styles()
    plural, singular = KIND_WORDING[bulletin.security_kind]
    buffer = BytesIO()
    doc = plain_document(
        buffer, f"Bulletin de souscription {bulletin.reference}", bulletin.issuer_name
    )
    cooperative = bulletin.security_kind == "scic_parts"
    issuer = issuer_rows(
        bulletin.issuer_name,
        bulletin.issuer_legal_form,
        bulletin.issuer_share_capital_cents,
        bulletin.issuer_registration,
        bulletin.issuer_office,
    )
    investor = [[(label, text(value))] for label, value in bulletin.investor_lines]
    terms = [
        [("Titres", f"{bulletin.shares} {plural if bulletin.shares > 1 else singular}")],
        [
            ("Prix unitaire", format_amount(bulletin.price_cents)),
            ("Nominal", format_amount(bulletin.nominal_cents)),
        ],
        [("Montant total", f"<b>{format_amount(bulletin.amount_cents)}</b>")],
    ]
    acceptance = [
        [("Nom saisi", text(bulletin.accepted_name))],
        [
            ("Date", format_date(bulletin.accepted_at.date())),
            ("Heure", bulletin.accepted_at.strftime("%H:%M:%S %Z").strip()),
        ],
        [("Adresse IP", text(bulletin.accepted_ip))],
    ]
    labels = label_widths(issuer, investor, terms, acceptance)
    story = [
        Paragraph("Bulletin de souscription", styles["title"]),
        Paragraph(f"Référence {text(bulletin.reference)}", styles["subtitle"]),
        section("Émetteur"),
        fields(issuer, labels),
        section("Souscripteur"),
        fields(investor, labels),
        section("Souscription"),
        fields(terms, labels),
        Spacer(0, 4),
        Paragraph(
            # In a cooperative each member has one vote whatever the number of parts held.
            "Chaque associé dispose d'une voix, quel que soit le nombre de parts détenues."
            if cooperative
            else "Les droits de vote sont proportionnels au nombre d'actions détenues.",
            styles["body"],
        ),
        section("Déclarations"),
        Paragraph(
            f"Avertissement sur les risques accepté : {text(bulletin.risk_warning_title)}"
            f" (version {bulletin.risk_warning_version}).",
            styles["body"],
        ),
        *(Paragraph(f"☒ {text(line)}", styles["option_on"]) for line in bulletin.declarations),
        section("Acceptation électronique"),
        fields(acceptance, labels),
        Spacer(0, 6),
        Paragraph(
            "Cette offre ne donne pas lieu à un prospectus soumis à l'approbation de l'AMF.",
            styles["note"],
        ),
    ]
    doc.build(story)
    return buffer.getvalue()
