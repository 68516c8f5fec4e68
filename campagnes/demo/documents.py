"""The demo offering's documents, drawn as small PDFs when the demo is built: the information
document, the statutes and the annual report that the bulletin makes investors certify."""

import hashlib
from io import BytesIO
from xml.sax.saxutils import escape

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from campagnes.pdf import glyphs

from .content.shares import DOCUMENT_NOTICE, DOCUMENTS


def demo_pdf(title: str, paragraphs: tuple[str, ...]) -> bytes:
    glyphs.register_fonts()
    heading = ParagraphStyle("heading", fontName=glyphs.FONT_BOLD, fontSize=16, leading=20)
    body = ParagraphStyle("body", fontName=glyphs.FONT, fontSize=10.5, leading=15)
    notice = ParagraphStyle("notice", parent=body, textColor="#b42318")
    buffer = BytesIO()
    margin = 20 * mm
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=title,
        author="Tiers-lieux solidaires (démo)",
    )
    story = [Paragraph(escape(title), heading), Spacer(0, 6 * mm)]
    story += [Paragraph(escape(DOCUMENT_NOTICE), notice), Spacer(0, 4 * mm)]
    for paragraph in paragraphs:
        story += [Paragraph(escape(paragraph), body), Spacer(0, 3 * mm)]
    document.build(story)
    return buffer.getvalue()


def offering_documents() -> dict:
    """{field name: Wagtail document}, found again by title or drawn and stored once."""
    Document = get_document_model()
    documents = {}
    for field, (filename, title, paragraphs) in DOCUMENTS.items():
        document = Document.objects.filter(title=title).first()
        if document is None:
            pdf = demo_pdf(title, paragraphs)
            document = Document(
                title=title,
                file_size=len(pdf),
                file_hash=hashlib.sha1(pdf, usedforsecurity=False).hexdigest(),
            )
            document.file.save(filename, ContentFile(pdf))
        documents[field] = document
    return documents
