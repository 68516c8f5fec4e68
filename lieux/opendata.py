"""Every published lieu as open data, for partners and their maps: GeoJSON (RFC 7946) and CSV at
stable addresses outside the language prefixes (/opendata/lieux.geojson, /opendata/lieux.csv).

The facts are those of the lieu page, in French, the network's source language; `url_en` links
the English page. `id` is the lieu's translation key: the same for both pages, and kept when a
page is renamed or moved. Both files are kept with the site data until the next publish.

Both are published under the Licence Ouverte 2.0 (Etalab), the licence the French
administration recommends for open data (décret n° 2017-638, article D. 323-2-1 of the Code des
relations entre le public et l'administration), compatible with CC BY 4.0 and ODC-BY: reuse is
free, with attribution. Each file says so in an HTTP `Link: rel="license"` header (CSV has no
place for it inside), and the GeoJSON also in `license` and `attribution` members of its
FeatureCollection (RFC 7946, 6.1: foreign members).
"""

import csv
import io
import json

from django.conf import settings
from django.http import HttpResponse
from django.utils import translation
from django.views.decorators.http import require_safe

from wagtail.models import Locale, PageViewRestriction

from home.address import page_url
from home.cache import site_data
from home.models import OrganisationSettings

from .models import LieuPage, attach_terms

COLUMNS = [
    "id",
    "name",
    "kind",
    "kind_label",
    "street_address",
    "postcode",
    "city",
    "region",
    "latitude",
    "longitude",
    "surface_m2",
    "opening_date",
    "activities",
    "publics",
    "volunteers",
    "jobs",
    "figures_date",
    "website",
    "url",
    "url_en",
]
LIST_SEPARATOR = "; "
LICENCE_NAME = "Licence Ouverte / Open Licence 2.0"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"


def lieux_records(request) -> list[dict]:
    """One dict per live lieu of the source language, keys as COLUMNS, lists for the terms."""
    source = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    lieux = LieuPage.objects.live().filter(locale=source)
    if PageViewRestriction.objects.exists():
        lieux = lieux.public()
    lieux = list(lieux.select_related("locale").order_by("title", "pk"))
    attach_terms(lieux, [lieu.pk for lieu in lieux])
    english = {
        page.translation_key: page
        for page in LieuPage.objects.live()
        .filter(
            locale__language_code="en", translation_key__in=[lieu.translation_key for lieu in lieux]
        )
        .select_related("locale")
    }
    with translation.override(settings.LANGUAGE_CODE):
        return [record(request, lieu, english.get(lieu.translation_key)) for lieu in lieux]


def record(request, lieu: LieuPage, english: LieuPage | None) -> dict:
    def absolute(page):
        return page_url(page, request) if page else ""

    return {
        "id": str(lieu.translation_key),
        "name": lieu.title,
        "kind": lieu.kind,
        "kind_label": str(lieu.get_kind_display()),
        "street_address": lieu.street_address,
        "postcode": lieu.postcode,
        "city": lieu.city,
        "region": str(lieu.get_region_display()),
        "latitude": float(lieu.latitude) if lieu.latitude is not None else None,
        "longitude": float(lieu.longitude) if lieu.longitude is not None else None,
        "surface_m2": lieu.surface,
        "opening_date": lieu.opening_date.isoformat() if lieu.opening_date else None,
        "activities": sorted(term.name for term in lieu.activity_terms),
        "publics": sorted(term.name for term in lieu.public_terms),
        "volunteers": lieu.volunteers,
        "jobs": lieu.jobs,
        "figures_date": lieu.figures_date.isoformat() if lieu.figures_date else None,
        "website": lieu.website,
        "url": absolute(lieu),
        "url_en": absolute(english),
    }


def geojson(records: list[dict], attribution: str = "") -> bytes:
    """A FeatureCollection; a lieu without coordinates has a null geometry (RFC 7946, 3.2)."""
    features = []
    for item in records:
        properties = {
            key: value for key, value in item.items() if key not in ("latitude", "longitude")
        }
        geometry = None
        if item["latitude"] is not None and item["longitude"] is not None:
            # GeoJSON puts the longitude first.
            geometry = {"type": "Point", "coordinates": [item["longitude"], item["latitude"]]}
        features.append(
            {"type": "Feature", "id": item["id"], "geometry": geometry, "properties": properties}
        )
    collection = {
        "type": "FeatureCollection",
        "license": {"name": LICENCE_NAME, "url": LICENCE_URL},
        "attribution": attribution,
        "features": features,
    }
    return json.dumps(collection, ensure_ascii=False).encode()


def csv_file(records: list[dict]) -> bytes:
    """Comma-separated UTF-8 with a header row; lists joined by "; ", missing values empty."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for item in records:
        writer.writerow(
            LIST_SEPARATOR.join(value)
            if isinstance(value, list)
            else ""
            if value is None
            else value
            for value in (item[column] for column in COLUMNS)
        )
    return buffer.getvalue().encode()


def open_data_response(request, name: str, build, content_type: str) -> HttpResponse:
    key = f"opendata:{name}:{request.scheme}:{request.get_host()}"
    response = HttpResponse(
        site_data(key, lambda: build(lieux_records(request))), content_type=content_type
    )
    # Partners' map pages read the files from their own domains; nothing here is personal.
    response["Access-Control-Allow-Origin"] = "*"
    response["Link"] = f'<{LICENCE_URL}>; rel="license"; title="{LICENCE_NAME}"'
    return response


def attribution(request) -> str:
    """Who to credit: the organisation's name, as its settings give it."""
    organisation = OrganisationSettings.for_request(request)
    return organisation.legal_name or organisation.name or settings.WAGTAIL_SITE_NAME


@require_safe
def lieux_geojson(request):
    credit = attribution(request)
    return open_data_response(
        request, "geojson", lambda records: geojson(records, credit), "application/geo+json"
    )


@require_safe
def lieux_csv(request):
    response = open_data_response(request, "csv", csv_file, "text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="lieux.csv"'
    return response
