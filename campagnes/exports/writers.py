"""CSV and XLSX of a dataset, streamed as they are written.

Rows come from `values_list().iterator()`, a few thousand at a time, and leave as they are
written: a million gifts export without being held in memory. CSV is UTF-8 with a byte order mark
and semicolons, which is what Excel set to French opens as columns. XLSX is written by hand into a
zip stream (SpreadsheetML with inline strings): openpyxl's write-only mode keeps memory flat too,
but only saves the workbook once the last row is written, so a large export would send nothing
until it ended and a proxy's timeout would cut it; the zip stream sends bytes from the first rows.
The tests open what this writes with openpyxl and with LibreOffice Calc.
"""

import csv
import datetime
import re
import zipfile
from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from campagnes.exports.datasets import Dataset

CHUNK_ROWS = 2000
XLSX_MAX_ROWS = 1_048_576  # per sheet, the header row included
FLUSH_BYTES = 256 * 1024


def records(dataset: Dataset, queryset: QuerySet) -> Iterator[tuple]:
    paths = [column.path for column in dataset.columns]
    return queryset.values_list(*paths).iterator(chunk_size=CHUNK_ROWS)


def choice_labels(dataset: Dataset) -> list[dict | None]:
    return [column.choices() if column.choices else None for column in dataset.columns]


# Spreadsheets run what starts with these as a formula: such text is written with a quote first.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def text(value) -> str:
    value = str(value)
    return f"'{value}" if value.startswith(FORMULA_START) else value


def csv_cell(value, kind: str, labels: dict | None) -> str:
    if value is None or value == "":
        return ""
    if kind == "money":
        euros, cents = divmod(value, 100)
        return f"{euros},{cents:02d}"
    if kind == "count":
        return str(value)
    if kind == "datetime":
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S")
    if kind == "date":
        return value.isoformat()
    if kind == "bool":
        return str(_("Yes") if value else _("No"))
    if kind == "choice":
        return text(labels.get(value, value))
    return text(value)


class Echo:
    """A file that hands back what is written to it, for csv.writer inside a generator."""

    def write(self, value: str) -> str:
        return value


def csv_stream(dataset: Dataset, queryset: QuerySet, language: str) -> Iterator[bytes]:
    with translation.override(language):
        writer = csv.writer(Echo(), delimiter=";", lineterminator="\r\n")
        kinds = [column.kind for column in dataset.columns]
        labels = choice_labels(dataset)
        yield ("\ufeff" + writer.writerow([str(c.heading) for c in dataset.columns])).encode()
        lines = []
        for row in records(dataset, queryset):
            lines.append(
                writer.writerow(
                    [
                        csv_cell(value, kind, choices)
                        for value, kind, choices in zip(row, kinds, labels, strict=True)
                    ]
                )
            )
            if len(lines) == CHUNK_ROWS:
                yield "".join(lines).encode()
                lines = []
        yield "".join(lines).encode()


# XLSX: the parts of a minimal workbook ------------------------------------------------------------

XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
# Cell styles, by index: 1 bold (headings), 2 money in euros, 3 date, 4 date and time.
STYLES = (
    f'{XML}<styleSheet xmlns="{MAIN}">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.00\\ &quot;€&quot;"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
EXCEL_EPOCH = datetime.date(1899, 12, 30)


def xml_text(value: str) -> str:
    value = ILLEGAL_XML.sub("", value)
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def inline(value: str, style: str = "") -> str:
    return f'<c t="inlineStr"{style}><is><t xml:space="preserve">{xml_text(value)}</t></is></c>'


def xlsx_cell(value, kind: str, labels: dict | None) -> str:
    if value is None or value == "":
        return "<c/>"
    if kind == "money":
        euros, cents = divmod(value, 100)
        return f'<c s="2"><v>{euros}.{cents:02d}</v></c>'
    if kind == "count":
        return f"<c><v>{value}</v></c>"
    if kind == "date":
        return f'<c s="3"><v>{(value - EXCEL_EPOCH).days}</v></c>'
    if kind == "datetime":
        local = timezone.localtime(value)
        seconds = local.hour * 3600 + local.minute * 60 + local.second
        # Ten decimals of a day, rounded: the fifteen digits Excel keeps, to the second.
        fraction = (seconds * 10**10 + 43_200) // 86_400
        return f'<c s="4"><v>{(local.date() - EXCEL_EPOCH).days}.{fraction:010d}</v></c>'
    if kind == "bool":
        return inline(str(_("Yes") if value else _("No")))
    if kind == "choice":
        return inline(str(labels.get(value, value)))
    return inline(str(value))


class Sink:
    """An unseekable file the zip writer fills and the generator empties."""

    def __init__(self):
        self.parts: list[bytes] = []
        self.size = 0

    def write(self, data: bytes) -> int:
        self.parts.append(bytes(data))
        self.size += len(data)
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data = b"".join(self.parts)
        self.parts, self.size = [], 0
        return data


def xlsx_stream(dataset: Dataset, queryset: QuerySet, language: str) -> Iterator[bytes]:
    with translation.override(language):
        kinds = [column.kind for column in dataset.columns]
        labels = choice_labels(dataset)
        heading = "<row>" + "".join(inline(str(c.heading), ' s="1"') for c in dataset.columns)
        heading += "</row>"
        sink = Sink()
        sheets = 0
        rows = iter(records(dataset, queryset))
        with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            more = True
            while more:
                sheets += 1
                # Without ZIP64, which not every spreadsheet reads: a sheet of Excel's 1,048,576
                # rows stays far below zip's 2 GB.
                with archive.open(f"xl/worksheets/sheet{sheets}.xml", "w") as out:
                    out.write(f'{XML}<worksheet xmlns="{MAIN}"><sheetData>{heading}'.encode())
                    more = False
                    for count, row in enumerate(rows, start=2):
                        cells = zip(row, kinds, labels, strict=True)
                        line = "".join(
                            xlsx_cell(value, kind, names) for value, kind, names in cells
                        )
                        out.write(f"<row>{line}</row>".encode())
                        if sink.size >= FLUSH_BYTES:
                            yield sink.take()
                        if count == XLSX_MAX_ROWS:
                            more = True
                            break
                    out.write(b"</sheetData></worksheet>")
            names = [
                f"{dataset.label} {n}" if sheets > 1 else str(dataset.label)
                for n in range(1, sheets + 1)
            ]
            for name, data in workbook_parts(names):
                archive.writestr(name, data)
        yield sink.take()


def workbook_parts(names: list[str]) -> Iterable[tuple[str, str]]:
    numbers = range(1, len(names) + 1)
    sheets = "".join(
        f'<sheet name="{xml_text(name[:31])}" sheetId="{n}" r:id="rId{n}"/>'
        for n, name in zip(numbers, names, strict=True)
    )
    relations = "".join(
        f'<Relationship Id="rId{n}" Type="{RELS}/worksheet" Target="worksheets/sheet{n}.xml"/>'
        for n in numbers
    )
    styles_id = len(names) + 1
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{SHEET_TYPE}"/>'
        for n in numbers
    )
    yield (
        "xl/workbook.xml",
        (f'{XML}<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><sheets>{sheets}</sheets></workbook>'),
    )
    yield (
        "xl/_rels/workbook.xml.rels",
        (
            f'{XML}<Relationships xmlns="{PACKAGE_RELS}">{relations}'
            f'<Relationship Id="rId{styles_id}" Type="{RELS}/styles" Target="styles.xml"/>'
            "</Relationships>"
        ),
    )
    yield "xl/styles.xml", STYLES
    yield (
        "_rels/.rels",
        (
            f'{XML}<Relationships xmlns="{PACKAGE_RELS}">'
            f'<Relationship Id="rId1" Type="{RELS}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
    )
    yield (
        "[Content_Types].xml",
        (
            f'{XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            f"{overrides}"
            '<Override PartName="/xl/styles.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            "</Types>"
        ),
    )
