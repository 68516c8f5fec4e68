"""Exports of donation and investor records, as CSV or XLSX, streamed as they are read.

Rows come from `values_list().iterator()`, a few thousand at a time, and leave as they are
written: a million gifts export without being held in memory. CSV is UTF-8 with a byte order mark
and semicolons, which is what Excel set to French opens as columns. XLSX is written by hand into a
zip stream (SpreadsheetML with inline strings), since a workbook library would keep it whole.

Each export is recorded (an `Export` and an entry of Wagtail's log: who, when, which filter).
"""

import csv
import datetime
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum
from django.http import StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log

from campagnes.models import Donor, Export, Gift, Pledge, Receipt, Subscription
from campagnes.models.donations import GiftStatus
from campagnes.models.exports import ExportDataset, ExportFormat
from campagnes.models.shares import SubscriptionStatus

CHUNK_ROWS = 2000
XLSX_MAX_ROWS = 1_048_576  # per sheet, the header row included
FLUSH_BYTES = 256 * 1024


@dataclass(frozen=True)
class Column:
    heading: str
    path: str
    kind: str = "text"  # text, money, count, date, datetime, bool or choice
    choices: Callable[[], dict] | None = None


@dataclass(frozen=True)
class Dataset:
    """What one export holds: its rows, its columns and who may have it."""

    name: str
    model: type
    permission: str
    columns: tuple[Column, ...]
    # How a period and a campaign narrow it, and how the form names that period.
    narrow: Callable[[QuerySet, datetime.date | None, datetime.date | None, int | None], QuerySet]
    period_label: str
    # The annotations its columns read, added to any queryset of the model (a filtered listing).
    prepare: Callable[[QuerySet], QuerySet] = lambda queryset: queryset
    by_campaign: bool = True

    @property
    def label(self) -> str:
        return ExportDataset(self.name).label

    def all(self) -> QuerySet:
        return self.prepare(self.model._default_manager.order_by("pk"))

    def may_export(self, user) -> bool:
        return user.has_perms(["campagnes.add_export", self.permission])


def between(field: str, start, end, *, dates=False) -> Q:
    """Records of `field` from `start` to `end` included, either end optional."""
    condition = Q()
    if start:
        condition &= Q(**{f"{field}__gte": start if dates else aware(start)})
    if end:
        end = end if dates else aware(end + datetime.timedelta(days=1))
        condition &= Q(**{f"{field}__{'lte' if dates else 'lt'}": end})
    return condition


def aware(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def narrow_by(field: str, *, dates=False):
    def narrow(queryset, start, end, campaign):
        queryset = queryset.filter(between(field, start, end, dates=dates))
        return queryset.filter(campaign_id=campaign) if campaign else queryset

    return narrow


def narrow_donors(queryset, start, end, campaign):
    """Donors who gave (a paid gift) in the period, or to the campaign."""
    if not (start or end or campaign):
        return queryset
    gifts = Gift.objects.filter(donor=OuterRef("pk"), status=GiftStatus.PAID)
    gifts = gifts.filter(between("paid_at", start, end))
    if campaign:
        gifts = gifts.filter(campaign_id=campaign)
    return queryset.filter(Exists(gifts))


def choices_of(model, field: str) -> Callable[[], dict]:
    return lambda: dict(model._meta.get_field(field).flatchoices)


def with_net(gifts: QuerySet) -> QuerySet:
    return gifts.annotate(net=F("amount_cents") - F("refunded_cents"))


def with_giving(donors: QuerySet) -> QuerySet:
    paid = Q(gifts__status=GiftStatus.PAID)
    return donors.annotate(
        paid_gifts=Count("gifts", filter=paid),
        given=Sum(F("gifts__amount_cents") - F("gifts__refunded_cents"), filter=paid),
    )


def with_counterparts(pledges: QuerySet) -> QuerySet:
    return pledges.annotate(counterparts_value=Sum("counterparts__value_cents"))


GIFTS = Dataset(
    name=ExportDataset.GIFTS,
    model=Gift,
    permission="campagnes.view_gift",
    prepare=with_net,
    narrow=narrow_by("paid_at"),
    period_label=_("confirmed in the period"),
    columns=(
        Column(_("Gift"), "public_id"),
        Column(_("Confirmed"), "paid_at", "datetime"),
        Column(_("Status"), "status", "choice", choices_of(Gift, "status")),
        Column(_("Amount"), "amount_cents", "money"),
        Column(_("Refunded"), "refunded_cents", "money"),
        Column(_("Net"), "net", "money"),
        Column(_("Frequency"), "frequency", "choice", choices_of(Gift, "frequency")),
        Column(_("Method"), "method", "choice", choices_of(Gift, "method")),
        Column(_("Offline"), "is_offline", "bool"),
        Column(_("Received on"), "received_on", "date"),
        Column(_("Email"), "donor__email"),
        Column(_("Last name"), "donor__last_name"),
        Column(_("First name"), "donor__first_name"),
        Column(_("Company"), "donor__company_name"),
        Column(_("Campaign"), "campaign__title"),
        Column(_("Lieu"), "lieu__title"),
        Column(_("Receipt"), "receipt__number"),
        Column("utm_source", "utm_source"),
        Column("utm_medium", "utm_medium"),
        Column("utm_campaign", "utm_campaign"),
    ),
)

DONORS = Dataset(
    name=ExportDataset.DONORS,
    model=Donor,
    permission="campagnes.view_donor",
    prepare=with_giving,
    narrow=narrow_donors,
    period_label=_("who gave in the period"),
    columns=(
        Column(_("Email"), "email"),
        Column(_("Civility"), "civility", "choice", choices_of(Donor, "civility")),
        Column(_("Last name"), "last_name"),
        Column(_("First name"), "first_name"),
        Column(_("Company"), "company_name"),
        Column(_("SIREN"), "siren"),
        Column(_("Address"), "address"),
        Column(_("Postcode"), "postcode"),
        Column(_("City"), "city"),
        Column(_("Country"), "country"),
        Column(
            _("Tax receipts"),
            "receipt_preference",
            "choice",
            choices_of(Donor, "receipt_preference"),
        ),
        Column(_("Receipts by email"), "receipt_by_email", "bool"),
        Column(_("Newsletter"), "newsletter", "bool"),
        Column(_("Created"), "created_at", "datetime"),
        Column(_("Paid gifts"), "paid_gifts", "count"),
        Column(_("Total given"), "given", "money"),
    ),
)

PLEDGES = Dataset(
    name=ExportDataset.PLEDGES,
    model=Pledge,
    permission="campagnes.view_pledge",
    prepare=with_counterparts,
    narrow=narrow_by("received_on", dates=True),
    period_label=_("received in the period"),
    columns=(
        Column(_("Partner"), "partner__name"),
        Column(_("SIREN"), "partner__siren"),
        Column(_("Contact's last name"), "partner__contact_last_name"),
        Column(_("Contact's first name"), "partner__contact_first_name"),
        Column(_("Contact's email"), "partner__contact_email"),
        Column(_("Amount"), "amount_cents", "money"),
        Column(_("Status"), "status", "choice", choices_of(Pledge, "status")),
        Column(_("What it funds"), "purpose"),
        Column(_("Campaign"), "campaign__title"),
        Column(_("Lieu"), "lieu__title"),
        Column(_("Signature expected on"), "expected_signature_on", "date"),
        Column(_("Payment expected on"), "expected_payment_on", "date"),
        Column(_("Signed on"), "signed_on", "date"),
        Column(_("Received on"), "received_on", "date"),
        Column(_("Method"), "method", "choice", choices_of(Pledge, "method")),
        Column(_("Counterparts"), "counterparts_value", "money"),
        Column(_("Receipt"), "receipt__number"),
        Column(_("Created"), "created_at", "datetime"),
    ),
)

RECEIPTS = Dataset(
    name=ExportDataset.RECEIPTS,
    model=Receipt,
    permission="campagnes.view_receipt",
    narrow=narrow_by("issued_on", dates=True),
    period_label=_("issued in the period"),
    by_campaign=False,
    columns=(
        Column(_("Number"), "number"),
        Column(_("Issued on"), "issued_on", "date"),
        Column(_("Kind"), "kind", "choice", choices_of(Receipt, "kind")),
        Column(_("Annual"), "is_annual", "bool"),
        Column(_("Last name"), "last_name"),
        Column(_("First name"), "first_name"),
        Column(_("Company"), "company_name"),
        Column(_("SIREN"), "siren"),
        Column(_("Amount"), "amount_cents", "money"),
        Column(_("Method"), "method"),
        Column(_("Cancelled on"), "cancelled_on", "date"),
        Column(_("Replaces"), "replaces__number"),
    ),
)

SUBSCRIPTIONS = Dataset(
    name=ExportDataset.SUBSCRIPTIONS,
    model=Subscription,
    permission="campagnes.view_subscription",
    # A draft is a bulletin the investor never confirmed.
    prepare=lambda subscriptions: subscriptions.exclude(status=SubscriptionStatus.DRAFT),
    narrow=narrow_by("created_at"),
    period_label=_("subscribed in the period"),
    by_campaign=False,
    columns=(
        Column(_("Subscribed"), "created_at", "datetime"),
        Column(_("Offering"), "page__title"),
        Column(_("Status"), "status", "choice", choices_of(Subscription, "status")),
        Column(_("Reference"), "reference"),
        Column(_("Entity"), "entity_name"),
        Column(_("Last name"), "last_name"),
        Column(_("First name"), "first_name"),
        Column(_("Email"), "email"),
        Column(_("Phone"), "phone"),
        Column(_("Address"), "address"),
        Column(_("Postcode"), "postcode"),
        Column(_("City"), "city"),
        Column(_("Country"), "country"),
        Column(_("Shares"), "shares", "count"),
        Column(_("Amount"), "amount_cents", "money"),
        Column(_("Refunded"), "refunded_cents", "money"),
        Column(_("Paid at"), "paid_at", "datetime"),
        Column(_("Issued at"), "issued_at", "datetime"),
    ),
)

DATASETS = {dataset.name: dataset for dataset in (GIFTS, DONORS, PLEDGES, RECEIPTS, SUBSCRIPTIONS)}


def allowed(user) -> list[Dataset]:
    return [dataset for dataset in DATASETS.values() if dataset.may_export(user)]


# Writing ----------------------------------------------------------------------------------------


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


# The response -----------------------------------------------------------------------------------

CONTENT_TYPES = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def record(user, dataset: str, file_format: str, filters: str) -> Export:
    export = Export.objects.create(
        dataset=dataset, file_format=file_format, filters=filters, user=user
    )
    log(
        instance=export,
        action="campagnes.export",
        user=user,
        data={"dataset": dataset, "format": file_format, "filters": filters},
    )
    return export


def response(
    request, dataset: Dataset, queryset: QuerySet, file_format: str, filters: str
) -> StreamingHttpResponse:
    """The export as a download, recorded before its first byte leaves."""
    record(request.user, dataset.name, file_format, filters)
    language = translation.get_language()
    writer = csv_stream if file_format == ExportFormat.CSV else xlsx_stream
    result = StreamingHttpResponse(
        writer(dataset, queryset, language), content_type=CONTENT_TYPES[file_format]
    )
    filename = f"{dataset.name}-{timezone.localdate():%Y-%m-%d}.{file_format}"
    result["Content-Disposition"] = f'attachment; filename="{filename}"'
    return result
