"""An export as a download: streamed in the format asked for, and recorded before it leaves
(an `Export` and an entry of Wagtail's log: who, when, which filter).
"""

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils import timezone, translation

from wagtail.log_actions import log

from campagnes.exports.datasets import Dataset
from campagnes.exports.writers import csv_stream, xlsx_stream
from campagnes.models import Export
from campagnes.models.exports import ExportFormat

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
