"""Names that read right: accents, emoji and CJK characters really drawn on the receipt, the
bulletin and the certificate (rendered and read back, `tests.helpers.glyphs`), what cannot be
printed named at input, and labels that never break inside a word."""

import datetime
from io import BytesIO

import pypdfium2 as pdfium
import pytest
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import SimpleDocTemplate

from campagnes.pdf import glyphs
from campagnes.pdf.bulletin import Bulletin, render_bulletin_pdf
from campagnes.pdf.certificate import Certificate, render_certificate_pdf
from campagnes.pdf.layout import fields, issuer_rows
from campagnes.pdf.receipt import Donor, Issuer, ReceiptDocument, render_receipt_pdf
from tests.helpers.glyphs import undrawn

# A French name with its ligature and cedilla, a sunflower and a Chinese surname.
FIRST_NAME = "Zoé-Françoise 🌻"
LAST_NAME = "Œuvray 李"
CHARACTERS = "éçŒ🌻李"

ISSUER = Issuer(
    name="Tiers-Lieux Solidaires",
    address="12 rue de la Fontaine-au-Roi\n75011 Paris",
    object="Soutenir les tiers-lieux solidaires",
    status="Association loi 1901 reconnue d'intérêt général",
    rna="W751234567",
    signatory_name="Marie Martin",
    signatory_role="Présidente",
)


def receipt_pdf(**donor) -> bytes:
    fields = {
        "first_name": FIRST_NAME,
        "last_name": LAST_NAME,
        "address": "1 rue Haute\n75011 Paris",
    }
    return render_receipt_pdf(
        ReceiptDocument(
            kind="individual",
            number="2026-000042",
            issued_on=datetime.date(2026, 3, 15),
            issuer=ISSUER,
            donor=Donor(**{**fields, **donor}),
            amount_cents=5_000,
            gift_date=datetime.date(2026, 3, 2),
            form="Déclaration de don manuel",
            nature="Numéraire",
            method="Chèque",
        )
    )


def bulletin(**changes) -> Bulletin:
    values = {
        "reference": "SOUS-AB23CD",
        "security_kind": "esus_shares",
        "issuer_name": "Foncière des tiers-lieux",
        "issuer_legal_form": "SAS",
        "issuer_registration": "RCS Lyon 123 456 789",
        "issuer_office": "12 rue de la Paix\n69003 Lyon",
        "issuer_share_capital_cents": 10_000_000,
        "investor_lines": (
            ("Personne morale", "Boulangerie Œuvray (SARL)"),
            ("Immatriculation", "RCS Lyon 443 061 841"),
            ("Représentée par", f"{FIRST_NAME} {LAST_NAME}, gérante"),
            ("Nom", f"Mme {FIRST_NAME} {LAST_NAME}"),
        ),
        "shares": 4,
        "price_cents": 10_000,
        "nominal_cents": 10_000,
        "amount_cents": 40_000,
        "risk_warning_title": "Avertissement sur les risques",
        "risk_warning_version": 2,
        "declarations": ("Je souscris pour mon propre compte.",),
        "accepted_name": f"{FIRST_NAME} {LAST_NAME}",
        "accepted_at": datetime.datetime(2026, 3, 2, 14, 5, tzinfo=datetime.UTC),
        "accepted_ip": "203.0.113.7",
    }
    return Bulletin(**{**values, **changes})


def certificate(**changes) -> Certificate:
    values = {
        "reference": "SOUS-AB23CD",
        "tax_year": 2026,
        "tax_article": "article 199 terdecies-0 A du code général des impôts",
        "security_kind": "esus_shares",
        "issuer_name": "Foncière des tiers-lieux",
        "issuer_legal_form": "SAS",
        "issuer_registration": "RCS Lyon 123 456 789",
        "issuer_office": "12 rue de la Paix\n69003 Lyon",
        "issuer_object": "",
        "subscriber_name": f"{FIRST_NAME} {LAST_NAME}",
        "subscriber_address": "4 place de l'Église, 69002 Lyon, France",
        "subscriber_birth": "17/05/1980 à Saint-Étienne",
        "shares": 4,
        "first_number": 1,
        "last_number": 4,
        "amount_cents": 40_000,
        "subscribed_on": datetime.date(2026, 3, 2),
        "paid_on": datetime.date(2026, 3, 3),
        "issued_on": datetime.date(2026, 3, 12),
        "statement": "La société certifie remplir les conditions.",
        # In bold on the page: the fallback fonts stand in for a bold face they do not have.
        "signatory_name": "Claire Dubois 李",
        "signatory_role": "Présidente de la SAS",
    }
    return Certificate(**{**values, **changes})


def text_of(pdf: bytes) -> str:
    return "".join(page.get_textpage().get_text_range() for page in pdfium.PdfDocument(pdf))


# Drawn, not boxes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "render",
    [
        pytest.param(receipt_pdf, id="receipt"),
        pytest.param(lambda: render_bulletin_pdf(bulletin()), id="bulletin"),
        pytest.param(lambda: render_certificate_pdf(certificate()), id="certificate"),
    ],
)
def test_accents_emoji_and_cjk_in_a_name_are_drawn(render):
    pdf = render()
    assert undrawn(pdf, CHARACTERS) == {}
    text = text_of(pdf)
    assert FIRST_NAME in text
    assert LAST_NAME in text


def test_the_check_sees_an_empty_box_and_a_blank_glyph():
    """The method can fail: 李 in DejaVu alone (what the receipt printed before) is an empty box
    that reads back as nothing, and a glyph drawn in white has no ink."""
    glyphs.register_fonts()
    buffer = BytesIO()
    canvas = Canvas(buffer, invariant=1)
    canvas.setFont(glyphs.FONT, 12)
    canvas.drawString(20 * mm, 200 * mm, "Œuvray 李")
    canvas.setFont("ReceiptEmoji", 12)
    canvas.setFillColorRGB(1, 1, 1)
    canvas.drawString(20 * mm, 180 * mm, "🌻")
    canvas.save()
    problems = undrawn(buffer.getvalue(), "Œ李🌻")
    assert set(problems) == {"李", "🌻"}
    assert problems["🌻"] == "drawn in Symbola without ink"


def test_an_emoji_reads_back_as_itself():
    """reportlab's ToUnicode table cut code points past U+FFFF: 🌻 was read (copied, searched)
    as ἳ."""
    text = text_of(receipt_pdf(first_name="Zoé 🌻👍🏽"))
    assert "Zoé 🌻👍" in text
    assert "\u1f33" not in text


def test_receipts_of_latin_names_do_not_embed_the_fallback_fonts():
    pdf = receipt_pdf(first_name="Jean", last_name="Dupont")
    assert b"DroidSansFallback" not in pdf
    assert b"Symbola" not in pdf


# What can be printed ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "Zoé Œuvray-Çelik",
        "Nguyễn Thị Ánh",
        "李小龍",
        "김민준",
        "やまだ タロウ",
        "Jean 🌻",
        "Lou 👍🏽 ❤️",  # a skin tone and a variation selector are left out, not refused
        "Famille 👨‍👩‍👧",
        "Ζωή Σοφία",
        "Евгения",
        "Zoe\u0301",  # a decomposed é
    ],
)
def test_names_the_documents_can_print(name):
    assert glyphs.unprintable(name) == []


@pytest.mark.parametrize(
    ("name", "missing"),
    [
        ("محمد", ["م", "ح", "د"]),  # right to left: reportlab would print it backwards
        ("שרה", ["ש", "ר", "ה"]),
        ("𝓙𝓮𝓪𝓷", ["𝓙", "𝓮", "𝓪", "𝓷"]),  # mathematical letters pasted as a fancy font
        ("Zoé 🫠", ["🫠"]),  # Unicode 14, after the emoji font
        ("𠮷田", ["𠮷"]),  # beyond the BMP's ideographs
        ("Jean\x07", ["\x07"]),
    ],
)
def test_what_no_bundled_font_prints_is_named(name, missing):
    assert glyphs.unprintable(name) == missing


def test_markup_escapes_and_puts_each_run_in_its_font():
    assert glyphs.markup("Zoé <&> 李小 🌻!") == (
        'Zoé &lt;&amp;&gt; <font name="ReceiptCJK">李小</font> <font name="ReceiptEmoji">🌻</font>!'
    )
    assert glyphs.markup("Jean Dupont") == "Jean Dupont"


# Labels on one line -------------------------------------------------------------------------


def lines_of(pdf: bytes) -> list[str]:
    return text_of(pdf).split("\r\n")


@pytest.mark.parametrize(
    ("render", "labels"),
    [
        pytest.param(
            lambda: render_bulletin_pdf(bulletin()),
            ["Immatriculation", "Personne morale", "Représentée par", "Prix unitaire"],
            id="bulletin",
        ),
        pytest.param(
            lambda: render_certificate_pdf(certificate()),
            [
                "Immatriculation",
                "Montant souscrit et libéré",
                "Date de souscription",
                "Date de paiement",
                "Date d'émission",
            ],
            id="certificate",
        ),
    ],
)
def test_field_labels_stay_on_one_line(render, labels):
    lines = lines_of(render())
    broken = [label for label in labels if not any(label in line for line in lines)]
    assert broken == []


def test_the_old_narrow_label_column_did_break_immatriculation():
    """Control: at the receipt's 25 mm, "Immatriculation" does not fit and breaks."""
    rows = issuer_rows("Foncière", "SAS", None, "RCS Lyon 123 456 789", "69003 Lyon")
    for widths, whole in (((25 * mm, 21 * mm), False), (None, True)):
        buffer = BytesIO()
        SimpleDocTemplate(buffer).build([fields(rows, widths)])
        assert any("Immatriculation" in line for line in lines_of(buffer.getvalue())) is whole
