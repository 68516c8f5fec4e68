"""The admin's shared ground: the base index, inspect and action views, the records' viewset,
and the small helpers (columns, dates, links, filters) every domain's admin module uses.

Each view checks the model permissions of its record, as the viewsets' own views do.
"""

import datetime
import functools
import operator

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet

import django_filters

from campagnes.exports import datasets as exports
from campagnes.exports import service
from campagnes.models import CampaignPage
from campagnes.money import format_amount
from campagnes.viewsets.dates import in_association_time, legal_date, legal_datetime_with_zone
from home.locales import default_locale_id

MAX_AMOUNT_CENTS = 2**31 - 1  # amount_cents is a 4-byte integer column on PostgreSQL


def campaigns(request=None):
    """Gifts point to the default language's campaign pages, closed ones included.

    `request` is what django-filter passes to a queryset callable."""
    return CampaignPage.objects.filter(locale_id=default_locale_id()).order_by("-start_date")


def short_date(value) -> str:
    """A date in figures; a date and time gives the association's day (dates.legal_date)."""
    return legal_date(value)


def describe_filters(form, search: str = "", only=None) -> str:
    """A form's filters as staff read them: "Campaign: La cuisine · Status: Confirmed"."""
    parts = []
    for name, value in getattr(form, "cleaned_data", {}).items():
        if value in (None, "", [], ()) or (only is not None and name not in only):
            continue
        field = form.fields[name]
        if isinstance(value, bool):
            value = _("Yes") if value else _("No")
        elif isinstance(value, datetime.date):
            value = short_date(value)
        elif getattr(field, "choices", None) and not hasattr(value, "pk"):
            value = dict(field.choices).get(value, value)
        parts.append(f"{field.label}: {value}")
    if search:
        parts.append(f"{_('Search')}: {search}")
    return " · ".join(str(part) for part in parts)


def record_link(namespace: str, record) -> str:
    """A link to another record's inspect page, or a dash when there is none."""
    if record is None:
        return "—"
    return format_html(
        '<a href="{}">{}</a>', reverse(f"{namespace}:inspect", args=[record.pk]), record
    )


class AmountColumn(Column):
    def get_value(self, instance):
        return format_amount(getattr(instance, self.accessor), instance.currency)


class LabelsMixin:
    """Headers in the user's language for fields that have no translated verbose name, or whose
    verbose name says "cents" while the value is shown as money."""

    labels = {}


class RecordIndexView(LabelsMixin, generic.IndexView):
    # A name in exports.DATASETS: the listing's filtered records download through it.
    export_dataset = None

    @cached_property
    def dataset(self):
        return exports.DATASETS.get(self.export_dataset)

    @cached_property
    def show_export_buttons(self):
        if self.dataset is None:
            return super().show_export_buttons and self.request.user.has_perm(
                "campagnes.add_export"
            )
        return self.dataset.may_export(self.request.user)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        if not self.show_export_buttons:
            raise PermissionDenied
        filters = describe_filters(self.filters.form if self.filters else None, self.search_query)
        if self.dataset is None:
            service.record(
                self.request.user, self.model._meta.model_name, spreadsheet_format, filters
            )
            return super().as_spreadsheet(queryset, spreadsheet_format)
        return service.response(
            self.request, self.dataset, self.dataset.prepare(queryset), spreadsheet_format, filters
        )

    def search_queryset(self, queryset):
        # Every word must match a field, so that "Jeanne Martin" finds a first and last name.
        for word in self.search_query.split():
            matches = [Q(**{f"{field}__icontains": word}) for field in self.search_fields]
            queryset = queryset.filter(functools.reduce(operator.or_, matches))
        return queryset

    @cached_property
    def columns(self):
        columns = super().columns
        for column in columns:
            if column.name in self.labels:
                column.label = self.labels[column.name]
        return columns


class RecordInspectView(LabelsMixin, generic.InspectView):
    url_namespace = None

    def get_field_label(self, field_name, field):
        if field_name in self.labels:
            return self.labels[field_name]
        return super().get_field_label(field_name, field)

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if value is None or value == "":
            return "—"
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if isinstance(value, datetime.datetime):
            # To the second and with its zone: staff compare it with signed documents.
            return legal_datetime_with_zone(value)
        if isinstance(value, datetime.date):
            return short_date(value)
        return value

    def get_amount_cents_display_value(self):
        # Register entries and subscriptions are in euros and have no currency field; a
        # transfer's entry may have no amount at all.
        if self.object.amount_cents is None:
            return "—"
        return format_amount(self.object.amount_cents, getattr(self.object, "currency", "EUR"))

    def get_donor_display_value(self):
        return record_link("donors", self.object.donor)

    def action_url(self, name: str) -> str:
        return reverse(f"{self.url_namespace}:{name}", args=[self.object.pk])


class RecordViewSet(ModelViewSet):
    """Donation records: listed and inspected, added or edited only where a subclass says so.

    Nothing is deleted here: gifts and receipts are accounting records, and donors are protected
    by their gifts.
    """

    index_view_class = RecordIndexView
    inspect_view_class = RecordInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    # Otherwise a campaign page's usage listing would show its gifts to page editors.
    add_to_reference_index = False
    addable = False
    editable = False
    list_select_related = ()
    labels = {}
    export_dataset = None

    def construct_view(self, view_class, **kwargs):
        # Every page of the records, those of subclasses included, in the association's time.
        return in_association_time(super().construct_view(view_class, **kwargs))

    def get_common_view_kwargs(self, **kwargs):
        removed = {"delete_url_name": None, "usage_url_name": None}
        if not self.addable:
            removed["add_url_name"] = None
        if not self.editable:
            removed["edit_url_name"] = None
        return super().get_common_view_kwargs(
            labels={"amount_cents": _("Amount"), **self.labels},
            url_namespace=self.url_namespace,
            **removed,
            **kwargs,
        )

    def list_queryset(self):
        return self.model.objects.select_related(*self.list_select_related)

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            queryset=self.list_queryset(), export_dataset=self.export_dataset, **kwargs
        )

    def get_urlpatterns(self):
        patterns = [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("history/<int:pk>/", self.history_view, name="history"),
            path("history-results/<int:pk>/", self.history_results_view, name="history_results"),
        ]
        if self.addable:
            patterns.append(path("new/", self.add_view, name="add"))
        if self.editable:
            patterns.append(path("edit/<int:pk>/", self.edit_view, name="edit"))
        return patterns


def campaign_filter():
    return django_filters.ModelChoiceFilter(queryset=campaigns, label=_("Campaign"))


class RecordActionView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """One action on a record: GET asks to confirm, POST acts and goes back to the record."""

    template_name = "campagnes/viewsets/confirm_action.html"
    permission_required = "change"
    model = None
    index_url_name = None
    inspect_url_name = None
    header_icon = ""
    submit_label = ""

    @cached_property
    def object(self):
        # Read once the permission check in dispatch() has passed.
        return get_object_or_404(self.model, pk=self.kwargs["pk"])

    @cached_property
    def inspect_url(self) -> str:
        return reverse(self.inspect_url_name, args=[self.object.pk])

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(self.index_url_name),
                "label": capfirst(self.model._meta.verbose_name_plural),
            },
            {"url": self.inspect_url, "label": str(self.object)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            confirmation=self.confirmation(),
            submit_label=self.submit_label,
            cancel_url=self.inspect_url,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        self.run()
        return redirect(self.inspect_url)

    def confirmation(self) -> str:
        raise NotImplementedError

    def run(self) -> None:
        raise NotImplementedError
