"""Shared layout of the PDF documents: DejaVu fonts (in `campagnes/pdf/fonts/`: the built-in PDF
fonts lack the narrow no-break space and the ☐/☒ boxes), colours, margins, paragraph styles,
and building blocks (unwrapped text, section bands, field grids, images, numbered pages).
"""

from functools import cache
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, PageTemplate, Paragraph, Table, TableStyle
from reportlab.platypus.doctemplate import BaseDocTemplate

from campagnes.pdf.french import format_amount

# --- Text ---------------------------------------------------------------------------------


def text_lines(text: str) -> list[str]:
    """The non-blank lines of user text, stripped."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def markup(text: str) -> str:
    """User text as Paragraph markup: escaped, newlines kept."""
    return "<br/>".join(escape(line) for line in text_lines(text))


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
def register_fonts():
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
def paragraph_styles():
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


class Text(Flowable):
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


def section(title: str, width: float = CONTENT_WIDTH) -> Table:
    table = Table([[Paragraph(escape(title.upper()), paragraph_styles()["section"])]], [width])
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


def fields(rows: list[list[tuple[str, str]]]) -> Table:
    """A grid of label/value pairs, one or two per row; a lone pair spans the whole row.
    Values are Paragraph markup."""
    styles = paragraph_styles()
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


def tick_boxes(head: str, choices: tuple[str, ...], chosen: str) -> list[Paragraph]:
    """A column of tick boxes under a heading, `chosen` ticked."""
    styles = paragraph_styles()
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


def read_image(
    data: bytes, max_width: float, max_height: float, what: str
) -> tuple[ImageReader, float, float]:
    try:
        reader = ImageReader(BytesIO(data))
        width, height = reader.getSize()
    except Exception as exc:  # reportlab/PIL raise many types for unreadable data
        raise ValueError(f"the {what} is not a readable image") from exc
    scale = min(max_width / width, max_height / height)
    return reader, width * scale, height * scale


# --- Page furniture -------------------------------------------------------------------------


class NumberedCanvas(Canvas):
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


def fit(canvas: Canvas, text: str, font: str, size: float, width: float, minimum: float):
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


# --- Plain documents (bulletin, certificate) ---------------------------------------------


def plain_document(buffer: BytesIO, title: str, author: str) -> BaseDocTemplate:
    """An A4 document, one frame within the margins, no header or footer."""
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


def issuer_fields(name, legal_form, capital_cents, registration, office):
    """The issuing company's identity grid; its share capital only when given."""
    rows = [[("Dénomination", escape(name))], [("Forme", escape(legal_form))]]
    if capital_cents is not None:
        rows[1].append(("Capital", format_amount(capital_cents)))
    rows += [[("Immatriculation", escape(registration))], [("Siège social", markup(office))]]
    return fields(rows)
