"""The flowables of a tax receipt, top to bottom: header, status banners, the two parties, the
gift, the CERFA tick boxes, the certification and signature, and the detail of an annual receipt.
"""

from __future__ import annotations

from io import BytesIO
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Image, KeepTogether, Paragraph, Spacer, Table, TableStyle

from campagnes.pdf.cerfa import (
    FORM_CHOICES,
    FORMS,
    KIND_COMPANY,
    METHOD_CHOICES,
    NATURE_CHOICES,
    quality,
)
from campagnes.pdf.french import (
    NBSP,
    amount_in_words,
    format_amount,
    format_date,
    format_long_date,
)
from campagnes.pdf.layout import (
    ALERT,
    ALERT_TINT,
    BRAND,
    CONTENT_WIDTH,
    NOTICE,
    NOTICE_TINT,
    RULE,
    TINT,
    Text,
    fields,
    markup,
    paragraph_styles,
    read_image,
    section,
    text,
    tick_boxes,
    town,
)

if TYPE_CHECKING:  # type hints only: receipt.py imports this module to render
    from campagnes.pdf.receipt import Issuer, ReceiptDocument


def _place(issuer: Issuer) -> str:
    return issuer.city.strip() or town(issuer.address)


def header(receipt: ReceiptDocument) -> list:
    styles = paragraph_styles()
    spec = FORMS[receipt.kind]
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


def status_banners(receipt: ReceiptDocument) -> list:
    styles = paragraph_styles()
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


def parties(receipt: ReceiptDocument) -> list:
    return [
        section("Bénéficiaire des versements"),
        fields(_beneficiary(receipt.issuer, receipt.kind)),
        section(FORMS[receipt.kind]["donor_section"]),
        fields(_donor(receipt)),
    ]


def _beneficiary(issuer: Issuer, kind: str) -> list[list[tuple[str, str]]]:
    # Name and address on the left, SIREN/RNA beside them; the object and legal status, often
    # long, get the full width.
    left = [("Nom", text(issuer.name)), ("Adresse", markup(issuer.address))]
    right = [(f"N° {label}", text(value)) for label, value in identifiers(issuer)]
    rows = [[pair, *right[index : index + 1]] for index, pair in enumerate(left)]
    status = quality(issuer.status, kind)
    return [*rows, [("Objet", markup(issuer.object))], [("Qualité", markup(status))]]


def identifiers(issuer: Issuer) -> list[tuple[str, str]]:
    pairs = (("SIREN", issuer.siren.strip()), ("RNA", issuer.rna.strip()))
    return [(label, value) for label, value in pairs if value]


def _donor(receipt: ReceiptDocument) -> list[list[tuple[str, str]]]:
    donor = receipt.donor
    address = ("Adresse", markup(donor.address))
    if receipt.kind == KIND_COMPANY:
        first = [("Dénomination", text(donor.company_name))]
        if donor.siren.strip():
            first.append(("N° SIREN", text(donor.siren.strip())))
        second = [address]
        if donor.legal_form.strip():
            second.append(("Forme juridique", text(donor.legal_form.strip())))
        return [first, second]
    first = [("Nom", text(donor.last_name))]
    if donor.first_name.strip():
        first.append(("Prénom(s)", text(donor.first_name.strip())))
    second = [address]
    if donor.civility.strip():
        second.append(("Civilité", text(donor.civility.strip())))
    return [first, second]


def gift(receipt: ReceiptDocument) -> list:
    styles = paragraph_styles()
    flowables = [
        section("Versement"),
        Paragraph(escape(FORMS[receipt.kind]["acknowledgement"]), styles["body"]),
        Spacer(0, 2 * mm),
    ]
    amount_width = 58 * mm
    amount = Table(
        [
            [
                [
                    Paragraph("Somme en chiffres", styles["amount_label"]),
                    Text(format_amount(receipt.amount_cents), styles["amount"]),
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


def details(receipt: ReceiptDocument) -> list:
    """The gifts of an annual receipt, after the signature so that the legal mentions stay
    on the first page however many gifts there are."""
    if not receipt.lines:
        return []
    heading = section(f"Détail des versements du reçu n°{NBSP}{receipt.number}")
    # Moves whole to the next page rather than leaving a header and one row behind; a table
    # longer than a page still splits, repeating its header row.
    return [Spacer(0, 2 * mm), KeepTogether([heading, _lines_table(receipt)])]


def _lines_table(receipt: ReceiptDocument) -> Table:
    styles = paragraph_styles()
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
                Text(format_amount(line.amount_cents), styles["cell_right"]),
            ]
        )
    count = len(receipt.lines)
    data.append(
        [
            Paragraph(f"Total ({count} versement{'s' if count > 1 else ''})", styles["cell_total"]),
            "",
            Text(format_amount(receipt.amount_cents), styles["cell_total_right"]),
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


def form_nature_method(receipt: ReceiptDocument) -> list:
    columns = [
        tick_boxes("Forme du don", FORM_CHOICES, receipt.form),
        tick_boxes("Nature du don", NATURE_CHOICES, receipt.nature),
        tick_boxes("Mode de versement (don en numéraire)", METHOD_CHOICES, receipt.method),
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
    return [KeepTogether([section("Forme, nature et mode de versement du don"), table])]


def certification(receipt: ReceiptDocument) -> list:
    styles = paragraph_styles()
    issuer = receipt.issuer
    article = FORMS[receipt.kind]["article"]
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
    made_at = f"Fait à {text(place)}, le " if place else "Fait le "
    signature = [Paragraph(made_at + format_long_date(receipt.issued_on), styles["sign"])]
    if issuer.signature_image:
        _reader, width, height = read_image(issuer.signature_image, 45 * mm, 15 * mm, "signature")
        image = Image(BytesIO(issuer.signature_image), width, height, mask="auto")
        image.hAlign = "LEFT"
        signature += [Spacer(0, 1.5 * mm), image, Spacer(0, 1.5 * mm)]
    else:
        signature.append(Spacer(0, 10 * mm))
    signature += [
        Paragraph(text(issuer.signatory_name), styles["sign_name"]),
        Paragraph(text(issuer.signatory_role), styles["sign"]),
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
