"""Whether characters are really drawn in a PDF, as a reader sees them.

A character missing from its font still reads back as text (reportlab maps it in the ToUnicode
table) while the page shows an empty box, so reading the text is not enough. For each character
PDFium finds on the page, this checks the font PDFium says draws it: that font, one of the
bundled files, must have a glyph for the character (else it is the .notdef box); and the
character's box on the page rendered to pixels must hold ink (else the glyph is blank).
"""

import ctypes
from functools import cache

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from reportlab.pdfbase.ttfonts import TTFontFile

from campagnes.pdf.glyphs import FONTS_DIR

SCALE = 4  # pixels per point when looking for ink
INK = 128  # a pixel darker than this grey is ink
MIN_INK = 4  # pixels: a small accent or a dot has more


@cache
def bundled_cmaps() -> dict[str, frozenset[int]]:
    """The code points of each bundled font, by the name the PDF gives it (PostScript name)."""
    cmaps = {}
    for path in FONTS_DIR.glob("*.ttf"):
        face = TTFontFile(str(path))
        cmaps[face.name.decode()] = frozenset(face.charToGlyph)
    return cmaps


def font_of(textpage, index: int) -> str:
    """The font PDFium says draws the character, without the subset's "ABCDEF+" tag."""
    buffer = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    pdfium_c.FPDFText_GetFontInfo(textpage.raw, index, buffer, len(buffer), ctypes.byref(flags))
    return buffer.value.decode().split("+")[-1]


def code_point(textpage, index: int, count: int) -> str:
    """The character at `index`; PDFium gives one past U+FFFF as two UTF-16 halves, the first
    standing for the whole character here, the second for none."""
    unit = pdfium_c.FPDFText_GetUnicode(textpage.raw, index)
    if 0xD800 <= unit < 0xDC00 and index + 1 < count:
        low = pdfium_c.FPDFText_GetUnicode(textpage.raw, index + 1)
        return chr(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
    return "" if 0xDC00 <= unit < 0xE000 else chr(unit)


def undrawn(pdf: bytes, characters: str) -> dict[str, str]:
    """Why each of `characters` is not really drawn in the PDF, for those that are not; every
    occurrence is checked."""
    problems: dict[str, str] = {}
    found: set[str] = set()
    for page in pdfium.PdfDocument(pdf):
        textpage = page.get_textpage()
        height = page.get_height()
        image = page.render(scale=SCALE).to_pil().convert("L")
        count = textpage.count_chars()
        for index in range(count):
            char = code_point(textpage, index, count)
            if not char or char not in characters:
                continue
            found.add(char)
            font = font_of(textpage, index)
            cmap = bundled_cmaps().get(font)
            if cmap is None:
                problems[char] = f"drawn in {font!r}, not a bundled font"
            elif ord(char) not in cmap:
                problems[char] = f"drawn in {font}, which has no glyph for it: an empty box"
            else:
                left, bottom, right, top = textpage.get_charbox(index)
                box = image.crop(
                    (
                        int(left * SCALE),
                        int((height - top) * SCALE),
                        int(right * SCALE) + 1,
                        int((height - bottom) * SCALE) + 1,
                    )
                )
                if sum(box.histogram()[:INK]) < MIN_INK:
                    problems[char] = f"drawn in {font} without ink"
    for char in characters:
        if char not in found:
            problems.setdefault(char, "not in the text read back from the PDF")
    return problems
