"""The bulletin de souscription as a PDF: what the investor confirms, in French.

Pure module, deterministic like receipts_pdf (whose fonts, styles and grids it reuses): the same
bulletin always gives the same bytes, so the SHA-256 recorded at acceptance can be checked
against the stored file at any time.
"""

from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.platypus import Frame, PageTemplate, Paragraph, Spacer
from reportlab.platypus.doctemplate import BaseDocTemplate

from campagnes.pdf.receipt import (
    FONT,
    MARGIN,
    _fields,
    _markup,
    _register_fonts,
    _section,
    _styles,
    format_amount,
    format_date,
)

KIND_WORDING = {
    "esus_shares": ("actions", "action"),
    "scic_parts": ("parts sociales", "part sociale"),
}


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


def _document(buffer: BytesIO, title: str, author: str) -> BaseDocTemplate:
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        author=author,
        creator=author,
        producer="",
        invariant=1,
        pageCompression=1,
        lang="fr-FR",
        initialFontName=FONT,
    )
    frame = Frame(MARGIN, MARGIN, doc.width, doc.height, id="content", leftPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    return doc


def _issuer_fields(name, legal_form, capital_cents, registration, office):
    rows = [[("Dénomination", escape(name))], [("Forme", escape(legal_form))]]
    if capital_cents is not None:
        rows[1].append(("Capital", format_amount(capital_cents)))
    rows += [[("Immatriculation", escape(registration))], [("Siège social", _markup(office))]]
    return _fields(rows)


def render_certificate_pdf(certificate: Certificate) -> bytes:
    _register_fonts()
    styles = _styles()
    plural, singular = KIND_WORDING[certificate.security_kind]
    buffer = BytesIO()
    doc = _document(
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
        _section("Société émettrice"),
        _issuer_fields(
            c.issuer_name, c.issuer_legal_form, None, c.issuer_registration, c.issuer_office
        ),
    ]
    if c.issuer_object:
        story += [Spacer(0, 2), Paragraph(f"Objet : {_markup(c.issuer_object)}", styles["body"])]
    story += [
        _section("Souscripteur"),
        _fields(
            [
                [("Nom", escape(c.subscriber_name))],
                *([[("Naissance", escape(c.subscriber_birth))]] if c.subscriber_birth else []),
                [("Adresse", escape(c.subscriber_address))],
            ]
        ),
        _section("Souscription"),
        _fields(
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
        _section("Déclaration de la société"),
        Paragraph(_markup(c.statement), styles["body"]),
        Spacer(0, 6),
        Paragraph(
            f"Fait pour servir et valoir ce que de droit. Référence {escape(c.reference)}.",
            styles["note"],
        ),
    ]
    doc.build(story)
    return buffer.getvalue()


def render_bulletin_pdf(bulletin: Bulletin) -> bytes:
    _register_fonts()
    styles = _styles()
    plural, singular = KIND_WORDING[bulletin.security_kind]
    buffer = BytesIO()
    doc = _document(buffer, f"Bulletin de souscription {bulletin.reference}", bulletin.issuer_name)
    cooperative = bulletin.security_kind == "scic_parts"
    story = [
        Paragraph("Bulletin de souscription", styles["title"]),
        Paragraph(f"Référence {escape(bulletin.reference)}", styles["subtitle"]),
        _section("Émetteur"),
        _issuer_fields(
            bulletin.issuer_name,
            bulletin.issuer_legal_form,
            bulletin.issuer_share_capital_cents,
            bulletin.issuer_registration,
            bulletin.issuer_office,
        ),
        _section("Souscripteur"),
        _fields([[(label, escape(value))] for label, value in bulletin.investor_lines]),
        _section("Souscription"),
        _fields(
            [
                [("Titres", f"{bulletin.shares} {plural if bulletin.shares > 1 else singular}")],
                [
                    ("Prix unitaire", format_amount(bulletin.price_cents)),
                    ("Nominal", format_amount(bulletin.nominal_cents)),
                ],
                [("Montant total", f"<b>{format_amount(bulletin.amount_cents)}</b>")],
            ]
        ),
        Spacer(0, 4),
        Paragraph(
            # In a cooperative each member has one vote whatever the number of parts held.
            "Chaque associé dispose d'une voix, quel que soit le nombre de parts détenues."
            if cooperative
            else "Les droits de vote sont proportionnels au nombre d'actions détenues.",
            styles["body"],
        ),
        _section("Déclarations"),
        Paragraph(
            f"Avertissement sur les risques accepté : {escape(bulletin.risk_warning_title)}"
            f" (version {bulletin.risk_warning_version}).",
            styles["body"],
        ),
        *(Paragraph(f"☒ {escape(text)}", styles["option_on"]) for text in bulletin.declarations),
        _section("Acceptation électronique"),
        _fields(
            [
                [("Nom saisi", escape(bulletin.accepted_name))],
                [
                    ("Date", format_date(bulletin.accepted_at.date())),
                    ("Heure", bulletin.accepted_at.strftime("%H:%M:%S %Z").strip()),
                ],
                [("Adresse IP", escape(bulletin.accepted_ip))],
            ]
        ),
        Spacer(0, 6),
        Paragraph(
            "Cette offre ne donne pas lieu à un prospectus soumis à l'approbation de l'AMF.",
            styles["note"],
        ),
    ]
    doc.build(story)
    return buffer.getvalue()


def birth_line(birth_date: date | None, birth_place: str) -> str:
    if birth_date is None:
        return birth_place
    return f"{format_date(birth_date)} à {birth_place}" if birth_place else format_date(birth_date)
