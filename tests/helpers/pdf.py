"""The text of a PDF the site served, page after page."""

import pypdfium2 as pdfium


def pdf_text(data: bytes) -> str:
    return "".join(page.get_textpage().get_text_range() for page in pdfium.PdfDocument(data))
