"""The tax receipt PDF: every legal mention of the CERFA forms, marks, determinism, layout."""

import dataclasses
import hashlib
import io
import re
import tempfile
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw, ImageStat

from campagnes.pdf.french import format_amount
from campagnes.pdf.receipt import (
    Donor,
    Issuer,
    ReceiptDocument,
    ReceiptLine,
    render_receipt_pdf,
)

NNBSP = "\u202f"
# Page images are kept for a person to look at (/tmp/receipt_individual.png here).
PREVIEWS = Path(tempfile.gettempdir())


def png(size=(240, 80), color=(25, 45, 120, 255)) -> bytes:
    """A transparent PNG with a scribble, standing for a scanned signature or a logo."""
    image = Image.new("RGBA", size, (255, 255, 255, 0))
    width, height = size
    points = [(5, height - 15), (60, 10), (90, height - 20), (140, 20), (width - 10, height - 25)]
    ImageDraw.Draw(image).line(points, fill=color, width=4)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


ISSUER = Issuer(
    name="Tiers-Lieux Solidaires",
    address="12 rue de la Fontaine-au-Roi\n75011 Paris",
    object="Soutenir la création et l'animation de tiers-lieux solidaires et d'œuvres sociales",
    status="Association loi 1901 reconnue d'intérêt général",
    siren="812 345 678",
    rna="W751234567",
    signatory_name="Marie Martin",
    signatory_role="Présidente",
    signature_image=png(),
    logo_image=png((160, 160), (31, 58, 95, 255)),
)

PERSON = Donor(
    civility="M.",
    first_name="Jean",
    last_name="Dupont",
    address="4 place de l'Église\n69002 Lyon",
)

COMPANY = Donor(
    company_name="Boulangerie Dupont SARL",
    siren="443 061 841",
    address="8 avenue Jean Jaurès\n69007 Lyon",
)


def receipt(**changes) -> ReceiptDocument:
    values = {
        "kind": "individual",
        "number": "2026-000042",
        "issued_on": date(2026, 3, 15),
        "issuer": ISSUER,
        "donor": PERSON,
        "amount_cents": 125_000,
        "gift_date": date(2026, 3, 2),
        "form": "Déclaration de don manuel",
        "nature": "Numéraire",
        "method": "Chèque",
    }
    values.update(changes)
    return ReceiptDocument(**values)


def company_receipt(**changes) -> ReceiptDocument:
    values = {
        "kind": "company",
        "donor": COMPANY,
        "amount_cents": 500_000,
        "form": "Acte sous seing privé",
        "nature": "Numéraire",
        "method": "Virement, prélèvement, carte bancaire",
    }
    values.update(changes)
    return receipt(**values)


def annual_receipt(**changes) -> ReceiptDocument:
    lines = tuple(
        ReceiptLine(
            date=date(2025, month, 5),
            amount_cents=22_500 if month == 12 else 2_500,
            method="Prélèvement SEPA",
        )
        for month in range(1, 13)
    )
    values = {
        "amount_cents": 50_000,
        "gift_date": None,
        "period_start": date(2025, 1, 1),
        "period_end": date(2025, 12, 31),
        "lines": lines,
        "method": "Virement, prélèvement, carte bancaire",
    }
    values.update(changes)
    return receipt(**values)


def page_texts(pdf: bytes) -> list[str]:
    """Text of each page with line breaks and spaces collapsed; no-break spaces come out as
    plain spaces from PDFium except the narrow one, which is kept to check amounts."""
    document = pdfium.PdfDocument(pdf)
    texts = []
    for page in document:
        text = page.get_textpage().get_text_range().replace("\xa0", " ")
        texts.append(re.sub(r"[ \r\n]+", " ", text))
    return texts


def text_of(pdf: bytes) -> str:
    return " ".join(page_texts(pdf))


def assert_mentions(text: str, mentions: list[str]):
    missing = [mention for mention in mentions if mention not in text]
    assert not missing, f"missing from the receipt: {missing}\n\n{text}"


BENEFICIARY_MENTIONS = [
    "Numéro d'ordre du reçu",
    "2026-000042",
    "BÉNÉFICIAIRE DES VERSEMENTS",
    "Tiers-Lieux Solidaires",
    "12 rue de la Fontaine-au-Roi",
    "75011 Paris",
    "Soutenir la création et l'animation de tiers-lieux solidaires et d'œuvres sociales",
    "Association loi 1901 reconnue d'intérêt général",
    "812 345 678",
    "W751234567",
    "Somme en toutes lettres :",
    "Forme du don",
    "Nature du don",
    "Mode de versement",
    "Le bénéficiaire certifie sur l'honneur que les dons et versements qu'il reçoit ouvrent "
    "droit à la réduction d'impôt prévue à l'article",
    "Fait à Paris, le 15 mars 2026",
    "Marie Martin",
    "Présidente",
]


def test_individual_receipt_has_every_mention_of_cerfa_11580():
    pdf = render_receipt_pdf(receipt())
    assert pdf.startswith(b"%PDF-")
    text = text_of(pdf)
    assert_mentions(
        text,
        [
            *BENEFICIARY_MENTIONS,
            "Reçu des dons et versements effectués par les particuliers",
            "au titre des articles 200 et 978 du code général des impôts",
            "CERFA n° 11580*05",
            "DONATEUR",
            "Le bénéficiaire reconnaît avoir reçu au titre des dons et versements ouvrant droit "
            "à réduction d'impôt, la somme de :",
            "M.",
            "Jean",
            "Dupont",
            "4 place de l'Église",
            "69002 Lyon",
            f"1{NNBSP}250,00 €",
            "Somme en toutes lettres : mille deux cent cinquante euros",
            "Date du versement ou du don : 02/03/2026",
            "☐ Acte authentique",
            "☐ Acte sous seing privé",
            "☒ Déclaration de don manuel",
            "☐ Autres",
            "☒ Numéraire",
            "☐ Titres de sociétés cotés",
            "☐ Remise d'espèces",
            "☒ Chèque",
            "☐ Virement, prélèvement, carte bancaire",
            "prévue à l'article 200 du CGI.",
        ],
    )
    assert text.count("☒") == 3
    # Only the article that applies is certified: 238 bis is for companies, 978 for the IFI.
    assert "article 238 bis du CGI" not in text
    assert "978 du CGI" not in text
    for mark in ("DUPLICATA", "ANNULÉ", "Annule et remplace"):
        assert mark not in text


def test_company_receipt_has_every_mention_of_cerfa_16216():
    pdf = render_receipt_pdf(
        company_receipt(nature="Titres de sociétés cotés", method="", form="Acte authentique")
    )
    text = text_of(pdf)
    assert_mentions(
        text,
        [
            *BENEFICIARY_MENTIONS,
            "Reçu des dons et versements effectués par les entreprises",
            "au titre de l'article 238 bis du code général des impôts",
            "CERFA n° 16216*02",
            "ENTREPRISE DONATRICE",
            "L'organisme bénéficiaire reconnaît avoir reçu, au titre de la réduction d'impôt "
            "prévue à l'article 238 bis du code général des impôts, des versements pour une "
            "valeur totale égale à :",
            "Dénomination Boulangerie Dupont SARL",
            "N° SIREN 443 061 841",
            "8 avenue Jean Jaurès",
            "69007 Lyon",
            f"5{NNBSP}000,00 €",
            "Somme en toutes lettres : cinq mille euros",
            "Date du versement ou du don : 02/03/2026",
            "☒ Acte authentique",
            "☒ Titres de sociétés cotés",
            "☐ Numéraire",
            "☐ Chèque",
            "prévue à l'article 238 bis du CGI.",
        ],
    )
    # No payment method is ticked for a gift that is not in cash.
    assert text.count("☒") == 2
    assert "article 200 du CGI" not in text
    assert "Prénom" not in text


def test_company_receipt_in_cash_ticks_the_method():
    text = text_of(render_receipt_pdf(company_receipt()))
    assert "☒ Virement, prélèvement, carte bancaire" in text
    assert "☒ Acte sous seing privé" in text


@pytest.mark.parametrize(
    ("changes", "present", "absent"),
    [
        ({"duplicate": True}, ["DUPLICATA"], ["ANNULÉ"]),
        (
            {"cancelled": True, "cancelled_on": date(2026, 4, 1)},
            ["ANNULÉ", "Annulé le 01/04/2026"],
            ["DUPLICATA"],
        ),
        (
            {"duplicate": True, "cancelled": True, "cancelled_on": date(2026, 4, 1)},
            ["ANNULÉ", "DUPLICATA", "01/04/2026"],
            [],
        ),
        ({}, [], ["ANNULÉ", "DUPLICATA"]),
    ],
)
def test_duplicate_and_cancelled_marks_appear_only_when_set(changes, present, absent):
    text = text_of(render_receipt_pdf(receipt(**changes)))
    assert_mentions(text, present)
    for mark in absent:
        assert mark not in text


def test_corrected_receipt_names_the_one_it_replaces():
    text = text_of(render_receipt_pdf(receipt(replaces="2026-000017")))
    assert "Annule et remplace le reçu n° 2026-000017" in text


def test_annual_receipt_lists_the_period_and_each_gift():
    pdf = render_receipt_pdf(annual_receipt())
    pages = page_texts(pdf)
    text = " ".join(pages)
    assert_mentions(
        text,
        [
            "Dates des versements : du 01/01/2025 au 31/12/2025",
            "500,00 €",
            "Somme en toutes lettres : cinq cents euros",
            "Date du versement",
            "Mode de versement",
            "Montant",
            "Total (12 versements) 500,00 €",
            "05/12/2025 Prélèvement SEPA 225,00 €",
        ],
    )
    for month in range(1, 12):
        assert f"05/{month:02d}/2025 Prélèvement SEPA 25,00 €" in text
    assert "Date du versement ou du don" not in text
    # The legal mentions stay together on the first page; the detail may follow.
    assert "prévue à l'article 200 du CGI" in pages[0]
    assert f"Page 1 / {len(pages)}" in pages[0]


def test_long_annual_receipt_spreads_over_numbered_pages():
    lines = tuple(
        ReceiptLine(date=date(2025, 1 + day // 28, 1 + day % 28), amount_cents=1_000, method="CB")
        for day in range(120)
    )
    pdf = render_receipt_pdf(annual_receipt(lines=lines, amount_cents=120_000))
    pages = page_texts(pdf)
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} / {len(pages)}" in page
        assert "Tiers-Lieux Solidaires" in page  # the header band repeats
    assert f"Total (120 versements) 1{NNBSP}200,00 €" in pages[-1]


def test_same_document_renders_the_same_bytes():
    document = annual_receipt(duplicate=True, replaces="2025-000003")
    first = render_receipt_pdf(document)
    # Another document in between must not leak state (font subsets, image cache) into it.
    render_receipt_pdf(company_receipt(cancelled=True, cancelled_on=date(2026, 5, 1)))
    again = render_receipt_pdf(dataclasses.replace(document))
    assert hashlib.sha256(first).hexdigest() == hashlib.sha256(again).hexdigest()
    assert render_receipt_pdf(receipt()) != render_receipt_pdf(receipt(number="2026-000043"))


@pytest.mark.parametrize(
    ("document", "name"),
    [
        (receipt(), "receipt_individual.png"),
        (company_receipt(), "receipt_company.png"),
    ],
)
def test_first_page_is_a_non_blank_a4(document, name):
    pdf = render_receipt_pdf(document)
    page = pdfium.PdfDocument(pdf)[0]
    width, height = page.get_size()
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    image = page.render(scale=100 / 72).to_pil().convert("RGB")
    image.save(PREVIEWS / name)
    assert abs(image.height / image.width - 297 / 210) < 0.01
    assert image.width == pytest.approx(827, abs=2)
    grey = image.convert("L")
    dark = sum(grey.histogram()[:128]) / (grey.width * grey.height)
    assert dark > 0.02, "the page is (nearly) blank"
    assert ImageStat.Stat(grey).stddev[0] > 20


def test_single_receipt_fits_on_one_page_even_with_every_mark():
    document = company_receipt(
        duplicate=True,
        cancelled=True,
        cancelled_on=date(2026, 4, 1),
        replaces="2026-000017",
    )
    assert len(page_texts(render_receipt_pdf(document))) == 1


def test_user_text_is_printed_literally():
    issuer = dataclasses.replace(ISSUER, name="Les Amis & <Voisins>", city="Montreuil")
    text = text_of(render_receipt_pdf(receipt(issuer=issuer)))
    assert "Les Amis & <Voisins>" in text
    assert "Fait à Montreuil, le 15 mars 2026" in text


def test_largest_amount_renders_in_figures_and_words():
    text = text_of(render_receipt_pdf(receipt(amount_cents=99_999_999_999)))
    assert f"999{NNBSP}999{NNBSP}999,99 €" in text
    assert "neuf cent quatre-vingt-dix-neuf millions" in text


def test_receipt_without_images_or_logo():
    issuer = dataclasses.replace(ISSUER, signature_image=None, logo_image=None, rna="")
    text = text_of(render_receipt_pdf(receipt(issuer=issuer)))
    assert "Marie Martin" in text
    assert "RNA" not in text


def test_broken_image_is_refused():
    issuer = dataclasses.replace(ISSUER, logo_image=b"not an image")
    with pytest.raises(ValueError, match="logo"):
        render_receipt_pdf(receipt(issuer=issuer))


def test_format_amount():
    assert format_amount(125_000) == f"1{NNBSP}250,00\u00a0€"
    assert format_amount(5) == "0,05\u00a0€"
    assert format_amount(100_000_000) == f"1{NNBSP}000{NNBSP}000,00\u00a0€"


def test_currency_is_euro_whatever_its_case():
    assert receipt(currency="eur").currency == "eur"
    with pytest.raises(ValueError):
        receipt(currency="USD")


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"kind": "association"}, ValueError),
        ({"language": "en"}, ValueError),
        ({"amount_cents": 0}, ValueError),
        ({"amount_cents": 12.5}, TypeError),
        ({"form": "Don en ligne"}, ValueError),
        ({"nature": "Bénévolat"}, ValueError),
        ({"method": "Bitcoin"}, ValueError),
        ({"nature": "Autres", "method": "Chèque"}, ValueError),
        ({"gift_date": None}, ValueError),
        ({"period_start": date(2026, 1, 1), "period_end": date(2026, 12, 31)}, ValueError),
        ({"cancelled": True}, ValueError),
        ({"cancelled_on": date(2026, 4, 1)}, ValueError),
        ({"donor": Donor(first_name="Jean", address="Lyon")}, ValueError),
        ({"kind": "company"}, ValueError),  # a person's donor record has no company name
        ({"number": " "}, ValueError),
    ],
)
def test_inconsistent_documents_are_refused(changes, error):
    with pytest.raises(error):
        receipt(**changes)


@pytest.mark.parametrize(
    "changes",
    [
        {"amount_cents": 50_001},  # lines do not add up
        {"period_end": date(2025, 6, 30)},  # a line after the period
        {"period_start": date(2026, 1, 1)},  # start after end
    ],
)
def test_inconsistent_annual_receipts_are_refused(changes):
    with pytest.raises(ValueError):
        annual_receipt(**changes)


def test_issuer_needs_siren_or_rna():
    with pytest.raises(ValueError, match="SIREN or an RNA"):
        dataclasses.replace(ISSUER, siren="", rna="")
