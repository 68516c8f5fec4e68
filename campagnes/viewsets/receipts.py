"""Tax receipts in the Mécénat admin: the listing, a receipt's page, its PDF, a re-sent copy, the
original printed for the post and marked posted, a receipt cancelled and replaced, and the yearly
declaration of receipts.

An issued receipt never changes: it is downloaded or re-sent as a copy marked DUPLICATA, made
from what it printed when issued; a mistake is corrected by cancelling it, with a reason, and
issuing its replacement. A donor without email gets the original by post, printed from here
(posting.py lists those to post).
"""

from django import forms
from django.contrib import messages
from django.db.models import Count, Sum
from django.db.models.functions import Coalesce, ExtractYear
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views import View

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets import BooleanRadioSelect, HeaderButton

import django_filters

from campagnes.models import Donor, Receipt
from campagnes.models.receipts import ReceiptKind
from campagnes.receipts import corrections, posting
from campagnes.receipts import documents as receipts
from campagnes.receipts.tasks import send_receipt
from campagnes.viewsets.corrections import CancelReceiptView
from campagnes.viewsets.mecenat import MecenatView, PageViewSet
from campagnes.viewsets.records import (
    AmountColumn,
    RecordActionView,
    RecordIndexView,
    RecordInspectView,
    RecordViewSet,
    record_link,
    short_date,
)


def original_pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    # Opened in the browser's viewer, where it prints at once.
    response = HttpResponse(pdf, "application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


class ReceiptIndexView(RecordIndexView):
    @cached_property
    def header_buttons(self):
        count = posting.to_post().count()
        if not count:
            return super().header_buttons
        label = _("To post (%(count)s)") % {"count": count}
        url = reverse("receipts-to-post:index")
        return [*super().header_buttons, HeaderButton(label, url=url, icon_name="mail")]


def unavailable(request, receipt: Receipt):
    """Staff learn of a stored original missing or altered (already logged and in the record's
    history): a message on the receipt's page, and no PDF."""
    messages.error(
        request,
        _(
            "The stored original of receipt %(number)s is missing or altered: no PDF was made. "
            "The receipt's history records it; restore the file from the backups."
        )
        % {"number": receipt.number},
    )
    return redirect("receipts:inspect", receipt.pk)


class ReceiptInspectView(RecordInspectView):
    def get_replaces_display_value(self):
        return record_link("receipts", self.object.replaces)

    def get_replaced_by_display_value(self):
        return record_link("receipts", getattr(self.object, "replaced_by", None))

    def get_pdf_sha256_display_value(self):
        if not self.object.pdf:
            return self.object.pdf_sha256 or "—"
        if not receipts.is_intact(self.object):
            return _("%(sha)s — the stored file is missing or altered") % {
                "sha": self.object.pdf_sha256
            }
        return _("%(sha)s — the stored file matches") % {"sha": self.object.pdf_sha256}

    def get_posting_display_value(self):
        sent = getattr(self.object, "posting", None)
        if sent is None:
            return _("No: emailed, or downloaded from the donor space")
        if sent.posted_at is None:
            return _("To post since %(date)s") % {"date": short_date(sent.queued_at)}
        user = sent.posted_by
        return _("Posted on %(date)s by %(user)s") % {
            "date": date_format(sent.posted_at, "DATETIME_FORMAT"),
            "user": (user.get_full_name() or user.get_username()) if user else "—",
        }

    @cached_property
    def header_buttons(self):
        buttons = []
        may_change = self.user_has_permission("change")
        if may_change and posting.is_to_post(self.object):
            buttons += [
                HeaderButton(
                    _("Print the original to post"),
                    url=self.action_url("print"),
                    icon_name="doc-full",
                ),
                HeaderButton(_("Mark as posted"), url=self.action_url("posted"), icon_name="check"),
            ]
        buttons.append(
            HeaderButton(_("Download a copy"), url=self.action_url("pdf"), icon_name="download")
        )
        if may_change and self.object.donor.email:
            buttons.append(
                HeaderButton(_("Send a copy"), url=self.action_url("resend"), icon_name="mail")
            )
        if corrections.may_correct(self.request.user) and not self.object.is_cancelled:
            buttons.append(
                HeaderButton(
                    _("Cancel and replace"), url=self.action_url("cancel"), icon_name="undo"
                )
            )
        return buttons


class ReceiptPdfView(PermissionCheckedMixin, View):
    """The receipt as a PDF marked DUPLICATA: only the donor ever gets the original."""

    any_permission_required = ["add", "change", "view"]
    model = Receipt

    def get(self, request, pk):
        receipt = get_object_or_404(Receipt.objects.select_related("replaces"), pk=pk)
        try:
            pdf = receipts.render(receipt, duplicate=True)
        except receipts.DocumentUnavailable:
            return unavailable(request, receipt)
        response = HttpResponse(pdf, "application/pdf")
        filename = f"recu-fiscal-{receipt.number}-duplicata.pdf"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class ReceiptPrintView(PermissionCheckedMixin, View):
    """The original of a receipt to post, the one the donor keeps: printed from here only while
    the receipt waits to be posted, so that no second original goes out."""

    permission_required = "change"
    model = Receipt

    def get(self, request, pk):
        receipt = get_object_or_404(Receipt.objects.select_related("replaces"), pk=pk)
        if not posting.is_to_post(receipt):
            messages.error(
                request,
                _("Receipt %(number)s is not waiting to be posted: download a copy instead.")
                % {"number": receipt.number},
            )
            return redirect("receipts:inspect", pk)
        try:
            pdf = receipts.render(receipt, duplicate=False)
        except receipts.DocumentUnavailable:
            return unavailable(request, receipt)
        return original_pdf_response(pdf, f"recu-fiscal-{receipt.number}.pdf")


class MarkPostedView(RecordActionView):
    page_title = _("Mark as posted")
    header_icon = "check"
    submit_label = _("It is posted")
    model = Receipt
    index_url_name = "receipts:index"
    inspect_url_name = "receipts:inspect"

    def confirmation(self):
        return _("Receipt %(number)s, printed, is in an envelope to %(name)s, %(address)s?") % {
            "number": self.object.number,
            "name": self.object.donor,
            "address": self.object.address.replace("\n", ", "),
        }

    def run(self):
        if posting.mark_posted([self.object], self.request.user):
            messages.success(
                self.request,
                _("Receipt %(number)s is marked posted.") % {"number": self.object.number},
            )
        else:
            messages.error(
                self.request,
                _("Receipt %(number)s was not waiting to be posted: nothing changed.")
                % {"number": self.object.number},
            )


class ResendReceiptView(RecordActionView):
    page_title = _("Send a copy")
    header_icon = "mail"
    submit_label = _("Send the copy")

    def get(self, request, *args, **kwargs):
        return self.refuse_without_email() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.refuse_without_email() or super().post(request, *args, **kwargs)

    def refuse_without_email(self):
        if self.object.donor.email:
            return None
        messages.error(
            self.request, _("This donor has no email: download a copy, print it and post it.")
        )
        return redirect(self.inspect_url)

    def confirmation(self):
        return _(
            "A copy of receipt %(number)s, marked DUPLICATA, will be emailed to %(email)s."
        ) % {
            "number": self.object.number,
            "email": self.object.donor.email,
        }

    def run(self):
        send_receipt.enqueue(self.object.pk, duplicate=True)
        messages.success(
            self.request,
            _("A copy of receipt %(number)s is on its way to %(email)s.")
            % {"number": self.object.number, "email": self.object.donor.email},
        )


class ReceiptFilterSet(WagtailFilterSet):
    cancelled = django_filters.BooleanFilter(
        field_name="cancelled_on",
        lookup_expr="isnull",
        exclude=True,
        label=pgettext_lazy("receipt", "Cancelled"),
        widget=BooleanRadioSelect,
    )
    donor = django_filters.ModelChoiceFilter(
        queryset=Donor.objects.all(), label=_("Donor"), widget=forms.HiddenInput
    )

    class Meta:
        model = Receipt
        fields = ["year", "is_annual", "kind", "cancelled", "donor"]


class ReceiptViewSet(RecordViewSet):
    model = Receipt
    name = "receipts"
    icon = "doc-full"
    menu_label = _("Tax receipts")
    index_view_class = ReceiptIndexView
    inspect_view_class = ReceiptInspectView
    list_select_related = ("donor",)
    list_display = [
        "number",
        "donor",
        AmountColumn("amount_cents", label=_("Amount"), sort_key="amount_cents"),
        "kind",
        BooleanColumn("is_annual", label=_("Annual")),
        Column(
            "issued_on",
            label=_("Issued on"),
            accessor=lambda receipt: short_date(receipt.issued_on),
            sort_key="issued_on",
        ),
        Column(
            "cancelled_on",
            label=pgettext_lazy("receipt", "Cancelled"),
            accessor=lambda receipt: short_date(receipt.cancelled_on),
        ),
    ]
    filterset_class = ReceiptFilterSet
    search_fields = [
        "number",
        "last_name",
        "first_name",
        "company_name",
        "donor__email",
    ]
    export_dataset = "receipts"
    inspect_view_fields = [
        "number",
        "donor",
        "kind",
        "is_annual",
        "amount_cents",
        "gift_date",
        "period_start",
        "period_end",
        "method",
        "issued_on",
        "cancelled_on",
        "cancel_reason",
        "replaces",
        "replaced_by",
        "gifts",
        "posting",
        "pdf_sha256",
    ]
    labels = {
        "donor": _("Donor"),
        "posting": _("By post"),
        "period_start": _("From"),
        "period_end": _("To"),
        "gifts": _("Gifts"),
        "cancel_reason": _("Reason for cancelling"),
        "replaced_by": _("Replaced by"),
        "pdf_sha256": _("Fingerprint of the issued PDF (SHA-256)"),
    }

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("pdf/<int:pk>/", self.construct_view(ReceiptPdfView), name="pdf"),
            path("resend/<int:pk>/", self.construct_view(ResendReceiptView), name="resend"),
            path("print/<int:pk>/", self.construct_view(ReceiptPrintView), name="print"),
            path("posted/<int:pk>/", self.construct_view(MarkPostedView), name="posted"),
            path("cancel/<int:pk>/", self.construct_view(CancelReceiptView), name="cancel"),
        ]


# Yearly declaration -----------------------------------------------------------------------------


class DeclarationView(MecenatView):
    """What article 222 bis of the CGI asks each year: the total of the gifts receipted and the
    number of receipts, for the gifts of each calendar year, individuals and companies apart."""

    template_name = "campagnes/viewsets/declaration.html"
    page_title = _("Yearly declaration of receipts")
    header_icon = "doc-full"

    @classmethod
    def user_may(cls, user) -> bool:
        return user.has_perm("campagnes.view_receipt")

    def get_context_data(self, **kwargs):
        rows = (
            Receipt.objects.filter(cancelled_on__isnull=True)
            # The year of the gifts: an annual receipt made in January belongs to the year before.
            .annotate(gift_year=ExtractYear(Coalesce("gift_date", "period_end")))
            .values("gift_year", "kind")
            .annotate(receipts=Count("pk"), cents=Sum("amount_cents"))
            .order_by("-gift_year")
        )
        years = {}
        for row in rows:
            year = years.setdefault(row["gift_year"], {"year": row["gift_year"]})
            year[row["kind"]] = (row["receipts"], row["cents"])
        for year in years.values():
            individual = year.setdefault(ReceiptKind.INDIVIDUAL, (0, 0))
            company = year.setdefault(ReceiptKind.COMPANY, (0, 0))
            year["total"] = (individual[0] + company[0], individual[1] + company[1])
        return super().get_context_data(years=list(years.values()), **kwargs)


class DeclarationViewSet(PageViewSet):
    name = "mecenat-declaration"
    url_prefix = "mecenat/declaration"
    icon = "doc-full"
    menu_label = _("Yearly declaration")
    view_class = DeclarationView
