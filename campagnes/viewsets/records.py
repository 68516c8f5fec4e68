"""Views, columns, the offline gift form and the records' viewset of the Mécénat admin
(registered in wagtail_hooks).

Each view checks the model permissions of its record, as the viewsets' own views do.
"""

import datetime
import functools
import json
import logging
import operator

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import TemplateView

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton
from wagtail.log_actions import log
from wagtail.permissions import policy_registry

import django_filters

from campagnes.choices import Civility, PaymentMethod, ReceiptPreference
from campagnes.donations import donors, payments
from campagnes.exports import datasets as exports
from campagnes.models import CampaignPage, Donor, Gift, Receipt, StripeEvent
from campagnes.models.donations import GiftStatus, siren_validator
from campagnes.money import format_amount, parse_amount
from campagnes.receipts import issue as receipts
from campagnes.stripe import webhooks
from campagnes.tasks import send_receipt
from home.locales import default_locale_id
from lieux.models import LieuPage

logger = logging.getLogger(__name__)

# Shared pieces ----------------------------------------------------------------------------------


def campaigns(request=None):
    """Gifts point to the default language's campaign pages, closed ones included.

    `request` is what django-filter passes to a queryset callable."""
    return CampaignPage.objects.filter(locale_id=default_locale_id()).order_by("-start_date")


def short_date(value) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else ""


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
            exports.record(
                self.request.user, self.model._meta.model_name, spreadsheet_format, filters
            )
            return super().as_spreadsheet(queryset, spreadsheet_format)
        return exports.response(
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
        return value

    def get_amount_cents_display_value(self):
        return format_amount(self.object.amount_cents, self.object.currency)

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

    template_name = "campagnes/admin/confirm_action.html"
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


# Donors -----------------------------------------------------------------------------------------


RECENT_GIFTS = 20  # on a donor's page, below the years


class DonorInspectView(RecordInspectView):
    template_name = "campagnes/admin/donor_inspect.html"

    def get_gifts_display_value(self):
        count = self.object.gifts.count()
        return format_html(
            '<a href="{}?donor={}">{}</a>',
            reverse("gifts:index"),
            self.object.pk,
            ngettext("%(count)s gift", "%(count)s gifts", count) % {"count": count},
        )

    def get_receipts_display_value(self):
        count = self.object.receipts.count()
        return format_html(
            '<a href="{}?donor={}">{}</a>',
            reverse("receipts:index"),
            self.object.pk,
            ngettext("%(count)s receipt", "%(count)s receipts", count) % {"count": count},
        )

    def get_context_data(self, **kwargs):
        gifts = self.object.gifts.select_related("campaign", "receipt").order_by("-created_at")
        return super().get_context_data(
            history=donors.history(self.object),
            recent_gifts=gifts[:RECENT_GIFTS],
            **kwargs,
        )

    @cached_property
    def header_buttons(self):
        buttons = []
        if policy_registry.get_by_type(Gift).user_has_permission(self.request.user, "add"):
            url = f"{reverse('gifts:add')}?donor={self.object.pk}"
            buttons.append(HeaderButton(_("Record an offline gift"), url=url, icon_name="plus"))
        if self.user_has_permission("change"):
            buttons.append(
                HeaderButton(
                    _("Merge a duplicate"), url=self.action_url("merge"), icon_name="group"
                )
            )
        return buttons


class MergeForm(forms.Form):
    email = forms.EmailField(
        label=_("Email of the other record"),
        help_text=_(
            "Its gifts, monthly gifts and receipts move to this donor; it is then deleted."
        ),
    )
    same_person = forms.BooleanField(label=_("I have checked that they are the same person"))

    def __init__(self, *args, donor: Donor, **kwargs):
        super().__init__(*args, **kwargs)
        self.donor = donor

    def clean_email(self):
        other = Donor.objects.filter(email__iexact=self.cleaned_data["email"].strip()).first()
        if other is None:
            raise ValidationError(_("No donor has this email."))
        if other.pk == self.donor.pk:
            raise ValidationError(_("This is the donor's own email."))
        return other


class DonorMergeView(RecordActionView):
    """Two records of one person become one: the one shown keeps its email."""

    template_name = "campagnes/admin/donor_merge.html"
    page_title = _("Merge a duplicate")
    header_icon = "group"
    model = Donor
    index_url_name = "donors:index"
    inspect_url_name = "donors:inspect"

    @cached_property
    def form(self) -> MergeForm:
        return MergeForm(self.request.POST or None, donor=self.object)

    def get_context_data(self, **kwargs):
        # Same name, another email: most duplicates are found this way.
        namesakes = Donor.objects.filter(
            first_name__iexact=self.object.first_name, last_name__iexact=self.object.last_name
        ).exclude(pk=self.object.pk)[:10]
        return super().get_context_data(
            donor=self.object, form=self.form, namesakes=namesakes, **kwargs
        )

    def confirmation(self):
        return ""

    def post(self, request, *args, **kwargs):
        if not self.form.is_valid():
            return self.get(request, *args, **kwargs)
        other = self.form.cleaned_data["email"]
        try:
            donors.merge(self.object, other, request.user)
        except donors.MergeRefused:
            messages.error(
                request, _("These two records belong to two partners: each keeps its receipts.")
            )
            return self.get(request, *args, **kwargs)
        messages.success(
            request,
            _("%(email)s is merged into %(donor)s.") % {"email": other.email, "donor": self.object},
        )
        return redirect(self.inspect_url)


# Gifts ------------------------------------------------------------------------------------------

OFFLINE_METHODS = [
    (method.value, method.label)
    for method in (PaymentMethod.CHEQUE, PaymentMethod.TRANSFER, PaymentMethod.CASH)
]
MAX_AMOUNT_CENTS = 2**31 - 1  # amount_cents is a 4-byte integer column on PostgreSQL
DONOR_FIELDS = (
    "civility",
    "first_name",
    "last_name",
    "company_name",
    "siren",
    "address",
    "postcode",
    "city",
)


class OfflineGiftForm(WagtailAdminModelForm):
    """A cheque, transfer or cash gift the association received, typed in by staff.

    The donor is found by email. A new email needs the name and address its receipt prints; for a
    known donor, the fields filled in update their details, as an online gift would.
    """

    email = forms.EmailField(
        label=_("Email"),
        help_text=_("A donor with this email already? The gift is theirs."),
    )
    civility = forms.ChoiceField(label=_("Civility"), choices=Civility.choices, required=False)
    first_name = forms.CharField(label=_("First name"), max_length=100, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=100, required=False)
    company_name = forms.CharField(label=_("Company name"), max_length=150, required=False)
    siren = forms.CharField(label=_("SIREN"), max_length=11, required=False)
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=10, required=False)
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    receipt_preference = forms.ChoiceField(
        label=_("Tax receipt"),
        choices=ReceiptPreference.choices,
        initial=ReceiptPreference.PER_GIFT,
        help_text=_("For a new donor; a known donor keeps their choice."),
    )
    amount = forms.CharField(
        label=_("Amount (€)"),
        max_length=20,
        help_text=_("For example 150 or 150,50"),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    method = forms.ChoiceField(label=_("Method"), choices=OFFLINE_METHODS)
    campaign = forms.ModelChoiceField(
        label=_("Campaign"), queryset=CampaignPage.objects.none(), required=False
    )
    lieu = forms.ModelChoiceField(label=_("Lieu"), queryset=LieuPage.objects.none(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_on"].required = True
        self.fields["campaign"].queryset = campaigns()
        # Gifts point to source pages, as the donation form's lieu choices do.
        self.fields["lieu"].queryset = LieuPage.objects.filter(
            locale_id=default_locale_id()
        ).order_by("title")

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_siren(self):
        siren = self.cleaned_data["siren"].replace(" ", "")
        if siren:
            siren_validator(siren)
        return siren

    def clean_amount(self):
        cents = parse_amount(self.cleaned_data["amount"])
        if not cents:
            raise ValidationError(_("Type an amount in euros, for example 150 or 150,50."))
        if cents > MAX_AMOUNT_CENTS:
            raise ValidationError(_("This amount is too large."))
        return cents

    def clean_received_on(self):
        received_on = self.cleaned_data["received_on"]
        if received_on > timezone.localdate():
            raise ValidationError(_("This date is in the future."))
        return received_on

    def clean(self):
        cleaned = super().clean()
        email = cleaned.get("email")
        self.donor = Donor.objects.filter(email__iexact=email).first() if email else None
        required = ["company_name", "siren"] if cleaned.get("company_name") else []
        if self.donor is None:
            required += ["first_name", "last_name", "address", "postcode", "city"]
        for name in required:
            if not cleaned.get(name) and name not in self.errors:
                self.add_error(name, _("The tax receipt needs this."))
        return cleaned

    def record(self) -> Gift:
        """Saves the gift as paid, which issues its receipt if the donor wants one per gift."""
        gift = self.save(commit=False)
        gift.donor = self.save_donor()
        gift.amount_cents = self.cleaned_data["amount"]
        gift.is_offline = True
        # Dated from the day the money came in: a December cheque belongs to that year's receipt.
        gift.paid_at = timezone.make_aware(
            datetime.datetime.combine(gift.received_on, datetime.time(12))
        )
        payments.move(gift, GiftStatus.PAID)
        return gift

    def save_donor(self) -> Donor:
        typed = {name: self.cleaned_data[name] for name in DONOR_FIELDS if self.cleaned_data[name]}
        if self.donor is None:
            return Donor.objects.create(
                email=self.cleaned_data["email"],
                receipt_preference=self.cleaned_data["receipt_preference"],
                **typed,
            )
        if typed:
            Donor.objects.filter(pk=self.donor.pk).update(**typed)
            self.donor.refresh_from_db()
        return self.donor


class OfflineGiftCreateView(generic.CreateView):
    page_title = _("Record an offline gift")
    submit_button_label = _("Record the gift")
    inspect_url_name = None

    def get_initial(self):
        initial = {"received_on": timezone.localdate()}
        donor_id = self.request.GET.get("donor", "")
        donor = Donor.objects.filter(pk=donor_id).first() if donor_id.isdigit() else None
        if donor is not None:
            initial["email"] = donor.email
        return initial

    def save_instance(self):
        gift = self.form.record()
        log(instance=gift, action="wagtail.create", user=self.request.user)
        return gift

    def get_success_message(self, instance):
        return _("Gift of %(amount)s from %(donor)s recorded.") % {
            "amount": format_amount(instance.amount_cents, instance.currency),
            "donor": instance.donor,
        }

    def get_success_buttons(self):
        return []

    def get_success_url(self):
        return reverse(self.inspect_url_name, args=[self.object.pk])


class GiftInspectView(RecordInspectView):
    def get_refunded_cents_display_value(self):
        return format_amount(self.object.refunded_cents, self.object.currency)

    def get_plan_display_value(self):
        return record_link("plans", self.object.plan)

    def get_receipt_display_value(self):
        return record_link("receipts", self.object.receipt)


# Monthly gifts ----------------------------------------------------------------------------------


class PlanInspectView(RecordInspectView):
    def get_instalments_display_value(self):
        paid = self.object.instalments.filter(status=GiftStatus.PAID).count()
        return ngettext("%(count)s paid instalment", "%(count)s paid instalments", paid) % {
            "count": paid
        }


# Tax receipts -----------------------------------------------------------------------------------


class ReceiptInspectView(RecordInspectView):
    def get_replaces_display_value(self):
        return record_link("receipts", self.object.replaces)

    @cached_property
    def header_buttons(self):
        buttons = [
            HeaderButton(_("Download a copy"), url=self.action_url("pdf"), icon_name="download")
        ]
        if self.user_has_permission("change"):
            buttons.append(
                HeaderButton(_("Send a copy"), url=self.action_url("resend"), icon_name="mail")
            )
        return buttons


class ReceiptPdfView(PermissionCheckedMixin, View):
    """The receipt as a PDF marked DUPLICATA: only the donor ever gets the original."""

    any_permission_required = ["add", "change", "view"]
    model = Receipt

    def get(self, request, pk):
        receipt = get_object_or_404(Receipt.objects.select_related("replaces"), pk=pk)
        response = HttpResponse(receipts.render(receipt, duplicate=True), "application/pdf")
        filename = f"recu-fiscal-{receipt.number}-duplicata.pdf"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class ResendReceiptView(RecordActionView):
    page_title = _("Send a copy")
    header_icon = "mail"
    submit_label = _("Send the copy")

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


# Stripe events ----------------------------------------------------------------------------------


def event_state(event: StripeEvent) -> str:
    if event.processed_at:
        return _("Processed")
    return _("Failed") if event.error else _("Waiting")


class StripeEventInspectView(RecordInspectView):
    def get_created_display_value(self):
        return timezone.localtime(
            datetime.datetime.fromtimestamp(self.object.created, datetime.UTC)
        )

    def get_payload_display_value(self):
        return format_html("<pre>{}</pre>", json.dumps(self.object.payload, indent=2))

    @cached_property
    def header_buttons(self):
        if self.object.processed_at or not self.user_has_permission("change"):
            return []
        return [
            HeaderButton(_("Process again"), url=self.action_url("process"), icon_name="resubmit")
        ]


class ProcessEventView(RecordActionView):
    page_title = _("Process again")
    header_icon = "resubmit"
    submit_label = _("Process the event")

    def confirmation(self):
        return _("The event's handler runs again; it never applies an event twice.")

    def run(self):
        event = self.object
        if event.processed_at:
            messages.info(self.request, _("This event was already processed."))
            return
        try:
            webhooks.process(event)
        except Exception as error:
            # webhooks.process has stored the error on the event for the next attempt.
            logger.exception("Stripe event %s failed again", event.event_id)
            messages.error(
                self.request,
                _("The event failed again: %(error)s")
                % {"error": f"{type(error).__name__}: {error}"},
            )
        else:
            messages.success(self.request, _("Event processed."))
