"""Which characters the documents can print, and in which font.

DejaVu Sans prints Latin with every diacritic; characters it lacks fall back to the bundled CJK
and emoji fonts (`fonts/README.md`), one run of characters at a time. What no font has, and
right-to-left scripts (reportlab lays every line out left to right, which would print such a
name backwards), is `unprintable`: the forms refuse it rather than print an empty box.
"""

import re
import unicodedata
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

FONT = "ReceiptSans"
FONT_BOLD = "ReceiptSans-Bold"
FONTS_DIR = Path(__file__).resolve().parent / "fonts"
# Tried in this order for a character DejaVu lacks; they have no bold face.
FALLBACKS = {
    "ReceiptCJK": "DroidSansFallback-CJK.ttf",
    "ReceiptEmoji": "Symbola-Emoji.ttf",
}
# Characters that only steer other software: emoji variation selectors and joiners (a family
# emoji prints as its people side by side), skin tones (a grey square in black and white), bidi
# marks, soft hyphens, tags.
IGNORABLE = re.compile(
    "[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufe00-\ufe0f"
    "\U0001f3fb-\U0001f3ff\U000e0000-\U000e007f]"
)
RIGHT_TO_LEFT = ("R", "AL")


_reportlab_to_unicode = ttfonts.makeToUnicodeCMap


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode map, with code points past U+FFFF written in UTF-16 as the PDF
    format wants: reportlab writes five hex digits, which readers cut to four, so that copying
    or searching 🌻 (U+1F33B) in the PDF found ἳ (U+1F33). The rest stays byte for byte."""
    cmap = _reportlab_to_unicode(fontname, subset)
    for index, point in enumerate(subset):
        if point > 0xFFFF:
            units = chr(point).encode("utf-16-be").hex().upper()
            cmap = cmap.replace(f"<{index:02X}> <{point:04X}>\n", f"<{index:02X}> <{units}>\n", 1)
    return cmap


@cache
def register_fonts():
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap  # read when a document embeds its fonts
    pdfmetrics.registerFont(TTFont(FONT, str(FONTS_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONTS_DIR / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
    )
    for name, filename in FALLBACKS.items():
        pdfmetrics.registerFont(TTFont(name, str(FONTS_DIR / filename)))
        # Inside <b>, a fallback keeps its one face rather than failing to find a bold one.
        pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)


@cache
def _coverage() -> tuple[frozenset[int], tuple[tuple[str, frozenset[int]], ...]]:
    """DejaVu's code points (those both its faces have), then each fallback's."""
    register_fonts()

    def cmap(name):
        return frozenset(pdfmetrics.getFont(name).face.charToGlyph)

    return cmap(FONT) & cmap(FONT_BOLD), tuple((name, cmap(name)) for name in FALLBACKS)


def printed(text: str) -> str:
    """The text as the documents print it: composed (a decomposed é becomes one glyph, since
    reportlab does not position accents), without the invisible steering characters."""
    return IGNORABLE.sub("", unicodedata.normalize("NFC", text))


def font_for(char: str) -> str | None:
    """ "" for the paragraph's own font (DejaVu, regular or bold), a fallback's name, or None
    when nothing can print it."""
    if unicodedata.bidirectional(char) in RIGHT_TO_LEFT:
        return None
    base, fallbacks = _coverage()
    if ord(char) in base:
        return ""
    return next((name for name, points in fallbacks if ord(char) in points), None)


def unprintable(text: str) -> list[str]:
    """The distinct characters of `text` no bundled font prints, in order of appearance."""
    missing = []
    for char in printed(text):
        if char not in missing and not char.isspace() and font_for(char) is None:
            missing.append(char)
    return missing


def runs(text: str) -> list[tuple[str, str]]:
    """The printed text cut into (characters, font) runs; "" is the caller's font. A character
    nothing prints stays in the caller's font (an empty box): the forms refuse them first."""
    result: list[tuple[str, str]] = []
    for char in printed(text):
        font = "" if char.isspace() else (font_for(char) or "")
        if result and result[-1][1] == font:
            result[-1] = (result[-1][0] + char, font)
        else:
            result.append((char, font))
    return result


def markup(text: str) -> str:
    """User text as Paragraph markup: escaped, each fallback run in its font."""
    return "".join(
        f'<font name="{font}">{escape(run)}</font>' if font else escape(run)
        for run, font in runs(text)
    )


def string_width(text: str, font: str, size: float) -> float:
    return sum(pdfmetrics.stringWidth(run, face or font, size) for run, face in runs(text))


def draw_string(canvas: Canvas, x: float, y: float, text: str, font: str, size: float) -> None:
    """Draws one line from (x, y) in `font`, set beforehand at `size`, with the fallbacks."""
    pieces = runs(text)
    if all(not face for _run, face in pieces):
        canvas.drawString(x, y, printed(text))  # the same bytes as before fallbacks existed
        return
    for run, face in pieces:
        canvas.setFont(face or font, size)
        canvas.drawString(x, y, run)
        x += pdfmetrics.stringWidth(run, face or font, size)
    canvas.setFont(font, size)
