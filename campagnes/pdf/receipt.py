"""PDF tax receipts (reçus fiscaux) for donations, following CERFA n° 11580*05 (individuals) and
CERFA n° 16216*01 (companies).

Pure module: no database access. The caller builds a `ReceiptDocument` and gets PDF bytes back.
Output is byte-for-byte deterministic for a given document (reportlab invariant mode), so the
app can store and compare SHA-256 hashes of issued receipts.

Text is set in DejaVu Sans, vendored under `campagnes/fonts/` (see LICENSE.txt there), because
the built-in PDF fonts lack the narrow no-break space used in French amounts and the ☐/☒ boxes.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Frame,
    Image,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import BaseDocTemplate

from campagnes.pdf.french import amount_in_words

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
    "format_amount",
    "format_date",
    "render_receipt_pdf",
]

KIND_INDIVIDUAL = "individual"
KIND_COMPANY = "company"

FORM_CHOICES = (
    "Acte authentique",
    "Acte sous seing privé",
    "Déclaration de don manuel",
    "Autres",
)
NATURE_CHOICES = ("Numéraire", "Titres de sociétés cotés", "Autres")
METHOD_CHOICES = ("Remise d'espèces", "Chèque", "Virement, prélèvement, carte bancaire")
CASH_NATURE = "Numéraire"

_FORMS = {
    KIND_INDIVIDUAL: {
        "cerfa": "11580*05",
        # Two lines, broken where the printed title reads best.
        "title": ("Reçu au titre des dons à certains", "organismes d'intérêt général"),
        "subtitle": "articles 200, 238 bis et 978 du code général des impôts",
        "article": "200",
    },
    KIND_COMPANY: {
        "cerfa": "16216*01",
        "title": ("Reçu des dons et versements effectués", "par les entreprises"),
        "subtitle": "au titre de l'article 238 bis du code général des impôts",
        "article": "238 bis",
    },
}

NNBSP = "\u202f"  # narrow no-break space: French thousands separator
NBSP = "\u00a0"

_MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


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
        if self.kind not in _FORMS:
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


# --- Formatting -----------------------------------------------------------------------------


def format_amount(cents: int) -> str:
    """125000 -> "1 250,00 €" with a narrow no-break space between thousands."""
    if isinstance(cents, bool) or not isinstance(cents, int):
        raise TypeError("amount must be an int number of cents")
    sign = "-" if cents < 0 else ""
    euros, centimes = divmod(abs(cents), 100)
    return f"{sign}{euros:,}".replace(",", NNBSP) + f",{centimes:02d}{NBSP}€"


def format_date(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def format_long_date(value: date) -> str:
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {_MONTHS[value.month - 1]} {value.year}"


def _place(issuer: Issuer) -> str:
    if issuer.city.strip():
        return issuer.city.strip()
    last_line = _lines(issuer.address)[-1]
    match = re.match(r"^\s*(?:F-)?\d{5}\s+(.+)$", last_line)
    return match.group(1).strip() if match else ""


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _markup(text: str) -> str:
    """User text as Paragraph markup: escaped, newlines kept."""
    return "<br/>".join(escape(line) for line in _lines(text))


# --- Fonts and styles -----------------------------------------------------------------------

FONT = "ReceiptSans"
FONT_BOLD = "ReceiptSans-Bold"
FONTS_DIR = Path(__file__).resolve().parent / "fonts"

INK = colors.HexColor("#1d2433")
MUTED = colors.HexColor("#5b6472")
BRAND = colors.HexColor("#1f3a5f")
TINT = colors.HexColor("#eef2f7")
RULE = colors.HexColor("#c9d3df")
ALERT = colors.HexColor("#b42318")
ALERT_TINT = colors.HexColor("#fdecea")
NOTICE_TINT = colors.HexColor("#fff6e0")
NOTICE = colors.HexColor("#8a5a00")

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
BAND_HEIGHT = 26 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN


@cache
def _register_fonts():
    pdfmetrics.registerFont(TTFont(FONT, str(FONTS_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONTS_DIR / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
    )


def _style(name, size=9, leading=None, font=FONT, color=INK, **kwargs):
    return ParagraphStyle(
        name,
        fontName=font,
        fontSize=size,
        leading=leading or size * 1.35,
        textColor=color,
        **kwargs,
    )


@cache
def _styles():
    return {
        "title": _style("title", 14, 18, FONT_BOLD, BRAND),
        "subtitle": _style("subtitle", 9, 12, color=MUTED),
        "number_label": _style("number_label", 7.5, 10, color=MUTED, alignment=TA_CENTER),
        "number": _style("number", 12.5, 16, FONT_BOLD, BRAND, alignment=TA_CENTER),
        "section": _style("section", 9, 12, FONT_BOLD, BRAND),
        "label": _style("label", 8, 11, color=MUTED),
        "value": _style("value", 9, 12),
        "body": _style("body", 9.5, 13),
        "amount": _style("amount", 17, 21, FONT_BOLD, BRAND),
        "amount_label": _style("amount_label", 7.5, 10, color=MUTED),
        "words": _style("words", 9.5, 13),
        "option": _style("option", 8.5, 12, color=MUTED, leftIndent=10, firstLineIndent=-10),
        "option_on": _style(
            "option_on", 8.5, 12, FONT_BOLD, INK, leftIndent=10, firstLineIndent=-10
        ),
        "option_head": _style("option_head", 8, 11, FONT_BOLD, MUTED),
        "cell": _style("cell", 9, 12),
        "cell_right": _style("cell_right", 9, 12, alignment=TA_RIGHT),
        "cell_head": _style("cell_head", 8, 11, FONT_BOLD, MUTED),
        "cell_head_right": _style("cell_head_right", 8, 11, FONT_BOLD, MUTED, alignment=TA_RIGHT),
        "cell_total": _style("cell_total", 9, 12, FONT_BOLD),
        "cell_total_right": _style("cell_total_right", 9, 12, FONT_BOLD, alignment=TA_RIGHT),
        "statement": _style("statement", 9.5, 13.5, FONT_BOLD, INK),
        "sign": _style("sign", 9.5, 13),
        "sign_name": _style("sign_name", 9.5, 13, FONT_BOLD),
        "note": _style("note", 7.5, 10, color=MUTED),
        "stamp": _style("stamp", 10, 13, FONT_BOLD, ALERT),
        "stamp_text": _style("stamp_text", 8.5, 11.5, color=ALERT),
        "notice": _style("notice", 9, 12, FONT_BOLD, NOTICE),
    }


# --- Flowables ------------------------------------------------------------------------------


class _Text(Flowable):
    """One unwrapped line of text. Paragraph treats the narrow no-break space as an ordinary
    breaking space and drops the glyph; amounts must keep theirs (and never wrap)."""

    def __init__(self, text: str, style: ParagraphStyle):
        super().__init__()
        self.text = text
        self.style = style

    def wrap(self, avail_width, avail_height):
        self.avail_width = avail_width
        return avail_width, self.style.leading

    def draw(self):
        style = self.style
        canvas = self.canv
        size = style.fontSize
        # Shrink rather than overflow the cell (nine-digit amounts in the big amount box).
        while (
            size > 6 and pdfmetrics.stringWidth(self.text, style.fontName, size) > self.avail_width
        ):
            size -= 0.5
        canvas.setFont(style.fontName, size)
        canvas.setFillColor(style.textColor)
        # Same baseline as a one-line Paragraph of this style.
        y = style.leading - style.fontSize
        if style.alignment == TA_RIGHT:
            canvas.drawRightString(self.avail_width, y, self.text)
        else:
            canvas.drawString(0, y, self.text)


def _section(title: str, width: float = CONTENT_WIDTH) -> Table:
    table = Table([[Paragraph(escape(title.upper()), _styles()["section"])]], [width])
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), TINT),
                ("LINEBEFORE", (0, 0), (0, -1), 3, BRAND),
                ("LEFTPADDING", (0, 0), (-1, -1), 7),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    table.spaceBefore = 3.5 * mm
    table.spaceAfter = 1 * mm
    return table


def _fields(rows: list[list[tuple[str, str]]]) -> Table:
    """A grid of label/value pairs, one or two per row; a lone pair spans the whole row.
    Values are Paragraph markup."""
    styles = _styles()
    data, spans = [], []
    for index, pairs in enumerate(rows):
        cells = []
        for label, value in pairs:
            cells += [Paragraph(escape(label), styles["label"]), Paragraph(value, styles["value"])]
        if len(pairs) == 1:
            cells += ["", ""]
            spans.append(("SPAN", (1, index), (3, index)))
        data.append(cells)
    table = Table(data, [25 * mm, 73 * mm, 21 * mm, CONTENT_WIDTH - 119 * mm])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 7),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LINEBELOW", (0, 0), (-1, -2), 0.4, RULE),
                # The small labels sit on the values' baseline.
                ("TOPPADDING", (0, 0), (0, -1), 3),
                ("TOPPADDING", (2, 0), (2, -1), 3),
                *spans,
            ]
        )
    )
    return table


def _options(head: str, choices: tuple[str, ...], chosen: str) -> list[Paragraph]:
    styles = _styles()
    cells = [Paragraph(escape(head), styles["option_head"])]
    for choice in choices:
        on = choice == chosen
        # The box glyph goes through the regular face: the bold one looks heavier than the text.
        box = "☒" if on else "☐"
        if on:
            box = f'<font color="{BRAND.hexval()}">{box}</font>'
        box = f'<font name="{FONT}">{box}</font>'
        style = styles["option_on"] if on else styles["option"]
        cells.append(Paragraph(f"{box} {escape(choice)}", style))
    return cells


def _image(
    data: bytes, max_width: float, max_height: float, what: str
) -> tuple[ImageReader, float, float]:
    try:
        reader = ImageReader(BytesIO(data))
        width, height = reader.getSize()
    except Exception as exc:  # reportlab/PIL raise many types for unreadable data
        raise ValueError(f"the {what} is not a readable image") from exc
    scale = min(max_width / width, max_height / height)
    return reader, width * scale, height * scale


def _header(receipt: ReceiptDocument) -> list:
    styles = _styles()
    spec = _FORMS[receipt.kind]
    titles = [
        Paragraph("<br/>".join(escape(line) for line in spec["title"]), styles["title"]),
        Paragraph(escape(spec["subtitle"]), styles["subtitle"]),
    ]
    number_box = [
        Paragraph("Numéro d'ordre du reçu", styles["number_label"]),
        Paragraph(escape(receipt.number), styles["number"]),
    ]
    box_width = 46 * mm
    table = Table([[titles, number_box]], [CONTENT_WIDTH - box_width, box_width])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (0, 0), 0),
                ("RIGHTPADDING", (0, 0), (0, 0), 6 * mm),
                ("BOX", (1, 0), (1, 0), 0.8, BRAND),
                ("TOPPADDING", (1, 0), (1, 0), 5),
                ("BOTTOMPADDING", (1, 0), (1, 0), 6),
            ]
        )
    )
    table.spaceAfter = 1 * mm
    return [table]


def _status_banners(receipt: ReceiptDocument) -> list:
    styles = _styles()
    banners = []
    marks = []
    if receipt.cancelled:
        marks.append(
            (
                "ANNULÉ",
                f"Annulé le {format_date(receipt.cancelled_on)} : ce reçu ne peut plus servir "
                "à justifier une réduction d'impôt.",
            )
        )
    if receipt.duplicate:
        marks.append(
            (
                "DUPLICATA",
                "Copie du reçu original : elle n'ouvre droit à aucune réduction d'impôt "
                "supplémentaire.",
            )
        )
    if marks:
        rows = [
            [Paragraph(mark, styles["stamp"]), Paragraph(text, styles["stamp_text"])]
            for mark, text in marks
        ]
        table = Table(rows, [30 * mm, CONTENT_WIDTH - 30 * mm])
        table.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 1, ALERT),
                    ("BACKGROUND", (0, 0), (-1, -1), ALERT_TINT),
                    ("LINEAFTER", (0, 0), (0, -1), 0.6, ALERT),
                    ("LINEBELOW", (0, 0), (-1, -2), 0.6, ALERT),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 7),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        table.spaceBefore = 2 * mm
        banners.append(table)
    if receipt.replaces:
        notice = Paragraph(
            f"Annule et remplace le reçu n°{NBSP}{escape(receipt.replaces)}",
            styles["notice"],
        )
        table = Table([[notice]], [CONTENT_WIDTH])
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), NOTICE_TINT),
                    ("LINEBEFORE", (0, 0), (0, -1), 3, NOTICE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 7),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        table.spaceBefore = 2 * mm
        banners.append(table)
    return banners


def _parties(receipt: ReceiptDocument) -> list:
    return [
        _section("Bénéficiaire des versements"),
        _fields(_beneficiary(receipt.issuer)),
        _section("Donateur"),
        _fields(_donor(receipt)),
    ]


def _beneficiary(issuer: Issuer) -> list[list[tuple[str, str]]]:
    # Name and address on the left, SIREN/RNA beside them; the object and legal status, often
    # long, get the full width.
    left = [("Nom", escape(issuer.name)), ("Adresse", _markup(issuer.address))]
    right = [(f"N° {label}", escape(value)) for label, value in _identifiers(issuer)]
    rows = [[pair, *right[index : index + 1]] for index, pair in enumerate(left)]
    return [*rows, [("Objet", _markup(issuer.object))], [("Qualité", _markup(issuer.status))]]


def _identifiers(issuer: Issuer) -> list[tuple[str, str]]:
    pairs = (("SIREN", issuer.siren.strip()), ("RNA", issuer.rna.strip()))
    return [(label, value) for label, value in pairs if value]


def _donor(receipt: ReceiptDocument) -> list[list[tuple[str, str]]]:
    donor = receipt.donor
    address = ("Adresse", _markup(donor.address))
    if receipt.kind == KIND_COMPANY:
        first = [("Dénomination", escape(donor.company_name))]
        if donor.siren.strip():
            first.append(("N° SIREN", escape(donor.siren.strip())))
        return [first, [address]]
    first = [("Nom", escape(donor.last_name))]
    if donor.first_name.strip():
        first.append(("Prénom(s)", escape(donor.first_name.strip())))
    second = [address]
    if donor.civility.strip():
        second.append(("Civilité", escape(donor.civility.strip())))
    return [first, second]


def _gift(receipt: ReceiptDocument) -> list:
    styles = _styles()
    flowables = [
        _section("Versement"),
        Paragraph(
            "Le bénéficiaire reconnaît avoir reçu au titre des dons et versements ouvrant droit "
            "à réduction d'impôt, la somme de :",
            styles["body"],
        ),
        Spacer(0, 2 * mm),
    ]
    amount_width = 58 * mm
    amount = Table(
        [
            [
                [
                    Paragraph("Somme en chiffres", styles["amount_label"]),
                    _Text(format_amount(receipt.amount_cents), styles["amount"]),
                ],
                [
                    Paragraph("Somme en toutes lettres :", styles["amount_label"]),
                    Paragraph(escape(amount_in_words(receipt.amount_cents)), styles["words"]),
                ],
            ]
        ],
        [amount_width, CONTENT_WIDTH - amount_width],
    )
    amount.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.8, BRAND),
                ("BACKGROUND", (0, 0), (0, 0), TINT),
                ("LINEAFTER", (0, 0), (0, 0), 0.8, BRAND),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
            ]
        )
    )
    flowables += [amount, Spacer(0, 2.5 * mm)]

    if receipt.is_annual:
        period = (
            f"du <b>{format_date(receipt.period_start)}</b> "
            f"au <b>{format_date(receipt.period_end)}</b>"
        )
        if receipt.lines:
            period += " (détail des versements en fin de reçu)"
        flowables.append(Paragraph(f"Dates des versements : {period}", styles["body"]))
    else:
        flowables.append(
            Paragraph(
                f"Date du versement ou du don : <b>{format_date(receipt.gift_date)}</b>",
                styles["body"],
            )
        )
    return flowables


def _details(receipt: ReceiptDocument) -> list:
    """The gifts of an annual receipt, after the signature so that the legal mentions stay
    on the first page however many gifts there are."""
    if not receipt.lines:
        return []
    section = _section(f"Détail des versements du reçu n°{NBSP}{receipt.number}")
    # Moves whole to the next page rather than leaving a header and one row behind; a table
    # longer than a page still splits, repeating its header row.
    return [Spacer(0, 2 * mm), KeepTogether([section, _lines_table(receipt)])]


def _lines_table(receipt: ReceiptDocument) -> Table:
    styles = _styles()
    data = [
        [
            Paragraph("Date du versement", styles["cell_head"]),
            Paragraph("Mode de versement", styles["cell_head"]),
            Paragraph("Montant", styles["cell_head_right"]),
        ]
    ]
    for line in sorted(receipt.lines, key=lambda line: line.date):
        data.append(
            [
                Paragraph(format_date(line.date), styles["cell"]),
                Paragraph(escape(line.method), styles["cell"]),
                _Text(format_amount(line.amount_cents), styles["cell_right"]),
            ]
        )
    count = len(receipt.lines)
    data.append(
        [
            Paragraph(f"Total ({count} versement{'s' if count > 1 else ''})", styles["cell_total"]),
            "",
            _Text(format_amount(receipt.amount_cents), styles["cell_total_right"]),
        ]
    )
    table = Table(data, [40 * mm, CONTENT_WIDTH - 80 * mm, 40 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 7),
                ("RIGHTPADDING", (0, 0), (-1, -1), 7),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, BRAND),
                ("LINEBELOW", (0, 1), (-1, -3), 0.4, RULE),
                ("LINEABOVE", (0, -1), (-1, -1), 0.8, BRAND),
                ("BACKGROUND", (0, -1), (-1, -1), TINT),
                ("SPAN", (0, -1), (1, -1)),
            ]
        )
    )
    return table


def _form_nature_method(receipt: ReceiptDocument) -> list:
    columns = [
        _options("Forme du don", FORM_CHOICES, receipt.form),
        _options("Nature du don", NATURE_CHOICES, receipt.nature),
        _options("Mode de versement (don en numéraire)", METHOD_CHOICES, receipt.method),
    ]
    # Sized so that the longest option of each column fits on one line even when ticked (bold).
    widths = [53 * mm, 47 * mm, CONTENT_WIDTH - 100 * mm]
    table = Table([columns], widths)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("LINEAFTER", (0, 0), (-2, -1), 0.4, RULE),
            ]
        )
    )
    return [KeepTogether([_section("Forme, nature et mode de versement du don"), table])]


def _certification(receipt: ReceiptDocument) -> list:
    styles = _styles()
    issuer = receipt.issuer
    article = _FORMS[receipt.kind]["article"]
    statement = Table(
        [
            [
                Paragraph(
                    "Le bénéficiaire certifie sur l'honneur que les dons et versements qu'il "
                    "reçoit ouvrent droit à la réduction d'impôt prévue à l'article "
                    f"{article.replace(' ', NBSP)} du CGI.",
                    styles["statement"],
                )
            ]
        ],
        [CONTENT_WIDTH],
    )
    statement.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
            ]
        )
    )
    place = _place(issuer)
    made_at = f"Fait à {escape(place)}, le " if place else "Fait le "
    signature = [Paragraph(made_at + format_long_date(receipt.issued_on), styles["sign"])]
    if issuer.signature_image:
        _reader, width, height = _image(issuer.signature_image, 45 * mm, 15 * mm, "signature")
        image = Image(BytesIO(issuer.signature_image), width, height, mask="auto")
        image.hAlign = "LEFT"
        signature += [Spacer(0, 1.5 * mm), image, Spacer(0, 1.5 * mm)]
    else:
        signature.append(Spacer(0, 10 * mm))
    signature += [
        Paragraph(escape(issuer.signatory_name), styles["sign_name"]),
        Paragraph(escape(issuer.signatory_role), styles["sign"]),
    ]
    note = Paragraph(
        "Reçu à conserver : il justifie la réduction d'impôt et peut être demandé par "
        "l'administration fiscale.",
        styles["note"],
    )
    sign_width = 70 * mm
    bottom = Table([[note, signature]], [CONTENT_WIDTH - sign_width, sign_width])
    bottom.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (0, 0), "BOTTOM"),
                ("VALIGN", (1, 0), (1, 0), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, 0), 10 * mm),
            ]
        )
    )
    return [KeepTogether([Spacer(0, 4 * mm), statement, Spacer(0, 4 * mm), bottom])]


# --- Page furniture -------------------------------------------------------------------------


class _NumberedCanvas(Canvas):
    """Defers pages so the footer can say "page 1 / 2"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages = []

    def showPage(self):
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for page in self._pages:
            self.__dict__.update(page)
            self._draw_page_number(total)
            super().showPage()
        super().save()

    def _draw_page_number(self, total):
        self.saveState()
        self.setFont(FONT, 7.5)
        self.setFillColor(MUTED)
        self.drawRightString(PAGE_WIDTH - MARGIN, 10 * mm, f"Page {self._pageNumber} / {total}")
        self.restoreState()


def _fit(canvas: Canvas, text: str, font: str, size: float, width: float, minimum: float):
    """Set the largest font size (down to `minimum`) at which `text` fits `width`, and return
    the text, cut with an ellipsis if it still does not fit: header lines never wrap."""
    while size > minimum and pdfmetrics.stringWidth(text, font, size) > width:
        size = max(minimum, size - 0.25)
    canvas.setFont(font, size)
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


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
    name = " ".join(_lines(issuer.name))
    if pdfmetrics.stringWidth(name, FONT_BOLD, 11) <= text_width:
        canvas.drawString(text_x, top - 10 * mm, _fit(canvas, name, FONT_BOLD, 13, text_width, 11))
        y = top - 15 * mm
    else:
        # Long legal names take two smaller lines rather than being cut.
        first, *rest = simpleSplit(name, FONT_BOLD, 10, text_width)
        canvas.drawString(text_x, top - 8 * mm, _fit(canvas, first, FONT_BOLD, 10, text_width, 10))
        second = _fit(canvas, " ".join(rest), FONT_BOLD, 10, text_width, 10)
        canvas.drawString(text_x, top - 12 * mm, second)
        y = top - 16.5 * mm
    canvas.setFillColor(MUTED)
    address = _fit(canvas, " · ".join(_lines(issuer.address)), FONT, 8, text_width, 6.5)
    canvas.drawString(text_x, y, address)
    ids = " · ".join(f"{label} {value}" for label, value in _identifiers(issuer))
    canvas.drawString(text_x, y - 4 * mm, _fit(canvas, ids, FONT, 8, text_width, 6.5))
    canvas.setFont(FONT_BOLD, 8)
    canvas.setFillColor(BRAND)
    canvas.drawRightString(right, top - 10 * mm, "REÇU FISCAL")
    canvas.setFont(FONT, 8)
    canvas.setFillColor(MUTED)
    canvas.drawRightString(right, top - 15 * mm, f"CERFA n°{NBSP}{_FORMS[receipt.kind]['cerfa']}")

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

    # Footer; the page number is added by _NumberedCanvas once the page count is known.
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN, 14 * mm, right, 14 * mm)
    canvas.setFillColor(MUTED)
    footer = f"Reçu n°{NBSP}{receipt.number} · établi le {format_date(receipt.issued_on)}"
    canvas.drawString(MARGIN, 10 * mm, _fit(canvas, footer, FONT, 7.5, CONTENT_WIDTH - 25 * mm, 6))
    canvas.restoreState()


# --- Entry point ----------------------------------------------------------------------------


def render_receipt_pdf(receipt: ReceiptDocument) -> bytes:
    """Render the receipt as an A4 PDF. The same document always gives the same bytes."""
    _register_fonts()
    # Decoded once up front so that a broken image fails before any page is laid out.
    logo = None
    if receipt.issuer.logo_image:
        logo = _image(receipt.issuer.logo_image, 40 * mm, 17 * mm, "logo")
    buffer = BytesIO()
    spec = _FORMS[receipt.kind]
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
        *_header(receipt),
        *_status_banners(receipt),
        *_parties(receipt),
        *_gift(receipt),
        *_form_nature_method(receipt),
        *_certification(receipt),
        *_details(receipt),
    ]
    doc.build(story, canvasmaker=_NumberedCanvas)
    return buffer.getvalue()
