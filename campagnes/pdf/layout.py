"""Shared layout of the PDF documents: colours, margins, paragraph styles, and building blocks
(unwrapped text, section bands, field grids, images, numbered pages). The fonts, DejaVu (the
built-in PDF fonts lack the narrow no-break space and the ☐/☒ boxes) with CJK and emoji
fallbacks, are in `glyphs`: user text goes through `text` or `markup`, never bare `escape`.
"""

import re
from functools import cache
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, PageTemplate, Paragraph, Table, TableStyle
from reportlab.platypus.doctemplate import BaseDocTemplate

from campagnes.pdf import glyphs
from campagnes.pdf.french import format_amount
from campagnes.pdf.glyphs import FONT, FONT_BOLD

# --- Text ---------------------------------------------------------------------------------


def text_lines(text: str) -> list[str]:
    """The non-blank lines of user text, stripped."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def town(address: str) -> str:
    """The town on the last line of a French address ("69003 Lyon" gives "Lyon"), or ""."""
    lines = text_lines(address)
    match = re.match(r"^\s*(?:F-)?\d{5}\s+(.+)$", lines[-1]) if lines else None
    return match.group(1).strip() if match else ""


def text(value: str) -> str:
    """One line of user text as Paragraph markup: escaped, in the fonts that print it."""
    return glyphs.markup(value)


def markup(value: str) -> str:
    """User text as Paragraph markup: escaped, in the fonts that print it, newlines kept."""
    return "<br/>".join(glyphs.markup(line) for line in text_lines(value))


# --- Styles ---------------------------------------------------------------------------------

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


# The narrowest label columns (the receipt's), where the second pair of a row starts, how wide
# a label column may grow before its label wraps (between words), and the cells' side padding.
LABEL_WIDTHS = (25 * mm, 21 * mm)
SECOND_PAIR_AT = 98 * mm
MAX_LABEL_WIDTH = 46 * mm
LABEL_PADDING = 7 + 4


def label_widths(*grids: list[list[tuple[str, str]]]) -> tuple[float, float]:
    """The label columns of `fields` grids, wide enough for each label on one line and never
    so narrow that a word breaks ("Immatriculation" on two lines). Give every grid of a
    document the same widths so that their columns line up."""
    style = paragraph_styles()["label"]

    def width(text):
        return pdfmetrics.stringWidth(text, style.fontName, style.fontSize) + LABEL_PADDING + 1

    def column(labels, narrowest):
        whole = max((width(label) for label in labels), default=0)
        longest_word = max((width(word) for label in labels for word in label.split()), default=0)
        return max(narrowest, min(whole, MAX_LABEL_WIDTH), longest_word)

    rows = [pairs for grid in grids for pairs in grid]
    return (
        column([pairs[0][0] for pairs in rows], LABEL_WIDTHS[0]),
        column([pairs[1][0] for pairs in rows if len(pairs) > 1], LABEL_WIDTHS[1]),
    )


def fields(rows: list[list[tuple[str, str]]], labels: tuple[float, float] | None = None) -> Table:
    """A grid of label/value pairs, one or two per row; a lone pair spans the whole row.
    Values are Paragraph markup; `labels` the label columns' widths (`label_widths`)."""
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
    left, right = labels or label_widths(rows)
    value = max(SECOND_PAIR_AT - left, 40 * mm)
    table = Table(data, [left, value, right, CONTENT_WIDTH - left - value - right])
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


def draw_fitted(
    canvas: Canvas, x: float, y: float, text: str, font: str, size: float, width: float, minimum
):
    """Draws `text` at the largest size (down to `minimum`) at which it fits `width`, cut with
    an ellipsis if it still does not: header lines never wrap."""
    while size > minimum and glyphs.string_width(text, font, size) > width:
        size = max(minimum, size - 0.25)
    canvas.setFont(font, size)
    if glyphs.string_width(text, font, size) > width:
        while text and glyphs.string_width(text + "…", font, size) > width:
            text = text[:-1]
        text = text.rstrip() + "…"
    glyphs.draw_string(canvas, x, y, text, font, size)


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


def issuer_rows(name, legal_form, capital_cents, registration, office):
    """The issuing company's identity, as `fields` rows; its share capital only when given."""
    rows = [[("Dénomination", text(name))], [("Forme", text(legal_form))]]
    if capital_cents is not None:
        rows[1].append(("Capital", format_amount(capital_cents)))
    return [*rows, [("Immatriculation", text(registration))], [("Siège social", markup(office))]]
