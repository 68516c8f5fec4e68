"""PDF tax receipts (reçus fiscaux), CERFA n° 11580*05 (individuals) and n° 16216*02 (companies):
the receipt's data, its page furniture and `render_receipt_pdf`. Deterministic (reportlab invariant
mode): the same document gives the same bytes, so issued receipts can be checked by SHA-256.
"""

from dataclasses import dataclass, field
from datetime import date
from io import BytesIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, PageTemplate
from reportlab.platypus.doctemplate import BaseDocTemplate

from campagnes.pdf.cerfa import (
    CASH_NATURE,
    FORM_CHOICES,
    FORMS,
    KIND_COMPANY,
    KIND_INDIVIDUAL,
    METHOD_CHOICES,
    NATURE_CHOICES,
)
from campagnes.pdf.french import NBSP, format_date
from campagnes.pdf.glyphs import register_fonts, string_width
from campagnes.pdf.layout import (
    ALERT,
    BAND_HEIGHT,
    BRAND,
    CONTENT_WIDTH,
    FONT,
    FONT_BOLD,
    MARGIN,
    MUTED,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RULE,
    TINT,
    NumberedCanvas,
    draw_fitted,
    read_image,
    text_lines,
)
from campagnes.pdf.receipt_parts import (
    certification,
    details,
    form_nature_method,
    gift,
    header,
    identifiers,
    parties,
    status_banners,
)

__all__ = [
    "FORM_CHOICES",
    "KIND_COMPANY",
    "KIND_INDIVIDUAL",
    "METHOD_CHOICES",
    "NATURE_CHOICES",
    "Donor",
    "Issuer",
    "ReceiptDocument",
    "ReceiptLine",
    "render_receipt_pdf",
]


# --- Data -----------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Issuer:
    """The association issuing the receipt (from the site settings)."""

    name: str
    address: str
    object: str
    status: str
    signatory_name: str
    signatory_role: str
    siren: str = ""
    rna: str = ""
    signature_image: bytes | None = None
    logo_image: bytes | None = None
    # Where the receipt is signed ("Fait à ..."); defaults to the town on the last address line.
    city: str = ""

    def __post_init__(self):
        _require(self, "name", "address", "object", "status", "signatory_name", "signatory_role")
        if not (self.siren.strip() or self.rna.strip()):
            raise ValueError("the issuer needs a SIREN or an RNA number")


@dataclass(frozen=True, kw_only=True)
class Donor:
    civility: str = ""
    first_name: str = ""
    last_name: str = ""
    address: str = ""
    company_name: str = ""
    siren: str = ""
    # A company's, as n° 16216 names it: SAS, SARL, association…
    legal_form: str = ""


@dataclass(frozen=True, kw_only=True)
class ReceiptLine:
    """One gift of an annual receipt."""

    date: date
    amount_cents: int
    method: str

    def __post_init__(self):
        _check_cents(self.amount_cents, "line amount")


@dataclass(frozen=True, kw_only=True)
class ReceiptDocument:
    kind: str
    number: str
    issued_on: date
    issuer: Issuer
    donor: Donor
    amount_cents: int
    form: str
    nature: str
    method: str = ""  # only for gifts in cash ("Numéraire")
    currency: str = "EUR"
    gift_date: date | None = None
    period_start: date | None = None
    period_end: date | None = None
    lines: tuple[ReceiptLine, ...] = field(default=())
    duplicate: bool = False
    cancelled: bool = False
    cancelled_on: date | None = None
    replaces: str = ""
    language: str = "fr"

    def __post_init__(self):
        if self.kind not in FORMS:
            raise ValueError(f"unknown receipt kind {self.kind!r}")
        _require(self, "number")
        if self.language != "fr":
            raise ValueError("receipts are French legal documents: language must be 'fr'")
        if self.currency.upper() != "EUR":  # Stripe spells it "eur"
            raise ValueError("receipts are issued in euros only")
        _check_cents(self.amount_cents, "amount")
        if self.kind == KIND_COMPANY:
            if not self.donor.company_name.strip():
                raise ValueError("a company receipt needs the donor's company name")
        elif not self.donor.last_name.strip():
            raise ValueError("an individual receipt needs the donor's last name")
        if not self.donor.address.strip():
            raise ValueError("the donor's address is required")
        _check_choice(self.form, FORM_CHOICES, "form")
        _check_choice(self.nature, NATURE_CHOICES, "nature")
        if self.nature == CASH_NATURE:
            _check_choice(self.method, METHOD_CHOICES, "method")
        elif self.method:
            raise ValueError("the payment method only applies to gifts in cash (Numéraire)")
        self._check_dates()
        if self.cancelled != (self.cancelled_on is not None):
            raise ValueError("cancelled and cancelled_on go together")

    @property
    def is_annual(self) -> bool:
        return self.period_start is not None

    def _check_dates(self):
        has_period = self.period_start is not None or self.period_end is not None
        if has_period == (self.gift_date is not None):
            raise ValueError("give either gift_date or period_start/period_end")
        if not has_period:
            if self.lines:
                raise ValueError("lines are only for annual receipts (with a period)")
            return
        if self.period_start is None or self.period_end is None:
            raise ValueError("period_start and period_end go together")
        if self.period_start > self.period_end:
            raise ValueError("period_start is after period_end")
        if self.lines:
            if any(not self.period_start <= line.date <= self.period_end for line in self.lines):
                raise ValueError("a line is dated outside the receipt period")
            if sum(line.amount_cents for line in self.lines) != self.amount_cents:
                raise ValueError("the lines do not add up to the receipt amount")


def _require(obj, *names):
    for name in names:
        if not str(getattr(obj, name)).strip():
            raise ValueError(f"{type(obj).__name__}.{name} is required")


def _check_cents(value, what):
    # bool is an int subclass and a float would round money: both are caller bugs.
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} must be an int number of cents")
    if value <= 0:
        raise ValueError(f"{what} must be positive")


def _check_choice(value, choices, what):
    if value not in choices:
        raise ValueError(f"unknown {what} {value!r}; expected one of {', '.join(choices)}")


# --- Page furniture -------------------------------------------------------------------------


def _draw_page(canvas: Canvas, receipt: ReceiptDocument, logo):
    issuer = receipt.issuer
    top = PAGE_HEIGHT
    right = PAGE_WIDTH - MARGIN
    canvas.saveState()

    # Header band: organisation identity on the left, document type on the right.
    canvas.setFillColor(TINT)
    canvas.rect(0, top - BAND_HEIGHT, PAGE_WIDTH, BAND_HEIGHT, stroke=0, fill=1)
    canvas.setFillColor(BRAND)
    canvas.rect(0, top - BAND_HEIGHT - 1.2 * mm, PAGE_WIDTH, 1.2 * mm, stroke=0, fill=1)
    text_x = MARGIN
    if logo:
        reader, width, height = logo
        y = top - BAND_HEIGHT / 2 - height / 2
        canvas.drawImage(reader, MARGIN, y, width, height, mask="auto")
        text_x = MARGIN + width + 6 * mm
    text_width = right - 32 * mm - text_x
    canvas.setFillColor(BRAND)
    name = " ".join(text_lines(issuer.name))
    if string_width(name, FONT_BOLD, 11) <= text_width:
        draw_fitted(canvas, text_x, top - 10 * mm, name, FONT_BOLD, 13, text_width, 11)
        y = top - 15 * mm
    else:
        # Long legal names take two smaller lines rather than being cut.
        first, *rest = simpleSplit(name, FONT_BOLD, 10, text_width)
        draw_fitted(canvas, text_x, top - 8 * mm, first, FONT_BOLD, 10, text_width, 10)
        draw_fitted(canvas, text_x, top - 12 * mm, " ".join(rest), FONT_BOLD, 10, text_width, 10)
        y = top - 16.5 * mm
    canvas.setFillColor(MUTED)
    address = " · ".join(text_lines(issuer.address))
    draw_fitted(canvas, text_x, y, address, FONT, 8, text_width, 6.5)
    ids = " · ".join(f"{label} {value}" for label, value in identifiers(issuer))
    draw_fitted(canvas, text_x, y - 4 * mm, ids, FONT, 8, text_width, 6.5)
    canvas.setFont(FONT_BOLD, 8)
    canvas.setFillColor(BRAND)
    canvas.drawRightString(right, top - 10 * mm, "REÇU FISCAL")
    canvas.setFont(FONT, 8)
    canvas.setFillColor(MUTED)
    canvas.drawRightString(right, top - 15 * mm, f"CERFA n°{NBSP}{FORMS[receipt.kind]['cerfa']}")

    # Watermarks: a duplicate or cancelled receipt must be recognisable even when cropped.
    flags = (("ANNULÉ", receipt.cancelled), ("DUPLICATA", receipt.duplicate))
    marks = [mark for mark, on in flags if on]
    if marks:
        canvas.saveState()
        canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2 - 20 * mm)
        canvas.rotate(35)
        canvas.setFillColor(ALERT)
        canvas.setFillAlpha(0.09)
        canvas.setFont(FONT_BOLD, 84 if len(marks) == 1 else 64)
        for index, mark in enumerate(marks):
            canvas.drawCentredString(0, (len(marks) - 1) * 40 - index * 80, mark)
        canvas.restoreState()

    # Footer; the page number is added by NumberedCanvas once the page count is known.
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN, 14 * mm, right, 14 * mm)
    canvas.setFillColor(MUTED)
    footer = f"Reçu n°{NBSP}{receipt.number} · établi le {format_date(receipt.issued_on)}"
    draw_fitted(canvas, MARGIN, 10 * mm, footer, FONT, 7.5, CONTENT_WIDTH - 25 * mm, 6)
    canvas.restoreState()


# --- Entry point ----------------------------------------------------------------------------


def render_receipt_pdf(receipt: ReceiptDocument) -> bytes:
    """Render the receipt as an A4 PDF. The same document always gives the same bytes."""
    register_fonts()
    # Decoded once up front so that a broken image fails before any page is laid out.
    logo = None
    if receipt.issuer.logo_image:
        logo = read_image(receipt.issuer.logo_image, 40 * mm, 17 * mm, "logo")
    buffer = BytesIO()
    spec = FORMS[receipt.kind]
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=BAND_HEIGHT + 6 * mm,
        bottomMargin=18 * mm,
        title=f"Reçu fiscal n° {receipt.number}",
        author=receipt.issuer.name,
        subject=f"{' '.join(spec['title'])} (CERFA n° {spec['cerfa']})",
        creator=receipt.issuer.name,
        producer="",
        invariant=1,
        pageCompression=1,
        lang="fr-FR",
        initialFontName=FONT,
    )
    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        id="content",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates(
        [
            PageTemplate(
                id="receipt",
                frames=[frame],
                onPage=lambda canvas, _doc: _draw_page(canvas, receipt, logo),
            )
        ]
    )
    story = [
        *header(receipt),
        *status_banners(receipt),
        *parties(receipt),
        *gift(receipt),
        *form_nature_method(receipt),
        *certification(receipt),
        *details(receipt),
    ]
    doc.build(story, canvasmaker=NumberedCanvas)
    return buffer.getvalue()
