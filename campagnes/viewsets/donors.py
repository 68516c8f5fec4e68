"""Donors in the Mécénat admin: the listing, a donor's page (giving history, recent gifts), the
merge of two records of one person, and the chooser that finds a donor by name or place (the only
way to find one without email).
"""

import functools
import operator

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic import chooser
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets import HeaderButton
from wagtail.permissions import policy_registry

import django_filters

from campagnes.consents import records as consent_records
from campagnes.donations import donors
from campagnes.models import Donor, Gift
from campagnes.viewsets.records import RecordActionView, RecordInspectView, RecordViewSet

RECENT_GIFTS = 20  # on a donor's page, below the years
# A donor without email is found by name or by where they live.
SEARCH_FIELDS = ["first_name", "last_name", "email", "company_name", "postcode", "city"]


def email_or_post(donor: Donor) -> str:
    return donor.email or _("None: receipts by post")


def search(queryset, query: str):
    """Every word must match a field, so that "Martin 69001" finds Jeanne Martin of Lyon 1er."""
    for word in query.split():
        matches = [Q(**{f"{field}__icontains": word}) for field in SEARCH_FIELDS]
        queryset = queryset.filter(functools.reduce(operator.or_, matches))
    return queryset


# Chooser ----------------------------------------------------------------------------------------


class DonorSearchForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Search term"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Name, postcode, city or email")}),
    )

    def filter(self, objects):
        query = self.cleaned_data.get("q", "").strip()
        if query:
            self.is_searching, self.search_query = True, query
            objects = search(objects, query)
        return objects


class DonorChooserMixin:
    """Only those who may see donors choose one: Wagtail's choosers check no permission."""

    filter_form_class = DonorSearchForm
    per_page = 20

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("campagnes.view_donor"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @property
    def columns(self):
        name = self.title_column
        name.label = _("Name")
        return [
            name,
            Column(
                "address",
                label=_("Address"),
                accessor=lambda donor: f"{donor.address}, {donor.postcode} {donor.city}",
            ),
            Column("email", label=_("Email"), accessor=email_or_post),
        ]


class DonorChooseView(DonorChooserMixin, chooser.ChooseView):
    pass


class DonorChooseResultsView(DonorChooserMixin, chooser.ChooseResultsView):
    pass


class DonorChosenView(DonorChooserMixin, chooser.ChosenView):
    pass


class DonorChooserViewSet(ChooserViewSet):
    model = Donor
    icon = "user"
    choose_one_text = _("Choose a donor")
    choose_another_text = _("Choose another donor")
    edit_item_text = _("Edit the donor")
    # Used by the offline gift form only; other forms keep their own widgets.
    register_widget = False
    choose_view_class = DonorChooseView
    choose_results_view_class = DonorChooseResultsView
    chosen_view_class = DonorChosenView


donor_chooser = DonorChooserViewSet("donor_chooser", url_prefix="donor-chooser")


class DonorInspectView(RecordInspectView):
    template_name = "campagnes/viewsets/donor_inspect.html"

    def get_email_display_value(self):
        return email_or_post(self.object)

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
        recent = list(gifts[:RECENT_GIFTS])
        # Someone may give with this donor's email under another name: staff see it, and
        # the record keeps its owner's identity.
        own = self.object.identity().key()
        for gift in recent:
            identity = gift.identity()
            gift.other_identity = identity if identity.key() != own else None
        return super().get_context_data(
            history=donors.history(self.object),
            recent_gifts=recent,
            consents=consent_records.history(self.object.email, self.object),
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
        if self.request.user.has_perm("campagnes.add_erasure"):
            url = f"{reverse('erasures:erase')}?donor={self.object.pk}"
            buttons.append(HeaderButton(_("Erase this person"), url=url, icon_name="bin"))
        return buttons


class MergeForm(forms.Form):
    """The other record, named by its email or chosen (the only way for a record without one)."""

    email = forms.EmailField(
        label=_("Email of the other record"),
        required=False,
        help_text=_(
            "Its gifts, monthly gifts and receipts move to this donor; it is then deleted."
        ),
    )
    other = forms.ModelChoiceField(
        label=_("Or the other record"),
        queryset=Donor.objects.all(),
        required=False,
        widget=donor_chooser.widget_class,
        help_text=_("For a record without email: find it by name, postcode or city."),
    )
    same_person = forms.BooleanField(label=_("I have checked that they are the same person"))

    def __init__(self, *args, donor: Donor, **kwargs):
        super().__init__(*args, **kwargs)
        self.donor = donor

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if not email:
            return None
        other = Donor.objects.filter(email__iexact=email).first()
        if other is None:
            raise ValidationError(_("No donor has this email."))
        if other.pk == self.donor.pk:
            raise ValidationError(_("This is the donor's own email."))
        return other

    def clean_other(self):
        other = self.cleaned_data["other"]
        if other is not None and other.pk == self.donor.pk:
            raise ValidationError(_("This is the donor shown: choose the other record."))
        return other

    def clean(self):
        cleaned = super().clean()
        by_email, chosen = cleaned.get("email"), cleaned.get("other")
        if "email" in self.errors or "other" in self.errors:
            return cleaned
        if by_email is None and chosen is None:
            raise ValidationError(_("Type the other record's email, or choose it."))
        if by_email is not None and chosen is not None and by_email.pk != chosen.pk:
            raise ValidationError(_("The email typed and the record chosen are two records."))
        cleaned["record"] = by_email or chosen
        return cleaned


class DonorMergeView(RecordActionView):
    """Two records of one person become one: the one shown keeps its email (or takes the other's
    when it has none)."""

    template_name = "campagnes/viewsets/donor_merge.html"
    page_title = _("Merge a duplicate")
    header_icon = "group"
    model = Donor
    index_url_name = "donors:index"
    inspect_url_name = "donors:inspect"

    @cached_property
    def form(self) -> MergeForm:
        return MergeForm(self.request.POST or None, donor=self.object)

    def get_context_data(self, **kwargs):
        # Same name, another email or none: most duplicates are found this way.
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
        other = self.form.cleaned_data["record"]
        try:
            donors.merge(self.object, other, request.user)
        except donors.MergeRefused:
            messages.error(
                request, _("These two records belong to two partners: each keeps its receipts.")
            )
            return self.get(request, *args, **kwargs)
        messages.success(
            request,
            _("%(other)s is merged into %(donor)s.")
            % {"other": other.email or other, "donor": self.object},
        )
        return redirect(self.inspect_url)


class DonorEditView(generic.EditView):
    """Staff's change of a donor record, logged by Wagtail ("wagtail.edit", in its history); the
    donor's gifts not receipted yet and running monthly gifts follow it, as they follow the
    donor's own change from the donor space (donations.donors.follow_identity)."""

    def save_instance(self):
        before = Donor.objects.get(pk=self.object.pk).identity()
        with transaction.atomic():
            instance = super().save_instance()
            donors.follow_identity(instance, before)
        return instance


class DonorFilterSet(WagtailFilterSet):
    # Choices rather than a boolean: the active filter then reads "No", not "False".
    has_email = django_filters.ChoiceFilter(
        label=_("Has an email"),
        choices=[("yes", _("Yes")), ("no", _("No: receipts by post"))],
        method="filter_has_email",
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Donor
        fields = ["has_email", "receipt_preference", "receipt_by_email", "newsletter"]

    def filter_has_email(self, queryset, name, value):
        return queryset.filter(email__isnull=value == "no")


class DonorViewSet(RecordViewSet):
    model = Donor
    name = "donors"
    icon = "user"
    menu_label = _("Donors")
    addable = editable = True
    inspect_view_class = DonorInspectView
    edit_view_class = DonorEditView
    list_display = [
        "__str__",
        Column("email", label=_("Email"), accessor=email_or_post, sort_key="email"),
        "city",
        "receipt_preference",
        DateColumn("created_at", label=_("Created"), sort_key="created_at"),
    ]
    filterset_class = DonorFilterSet
    search_fields = SEARCH_FIELDS
    export_dataset = "donors"
    inspect_view_fields = [
        "email",
        "civility",
        "first_name",
        "last_name",
        "company_name",
        "legal_form",
        "siren",
        "address",
        "postcode",
        "city",
        "country",
        "receipt_preference",
        "receipt_by_email",
        "newsletter",
        "created_at",
        "gifts",
        "receipts",
    ]
    labels = {"__str__": _("Name"), "gifts": _("Gifts"), "receipts": _("Tax receipts")}
    panels = [
        FieldPanel("email"),
        FieldRowPanel([FieldPanel("civility"), FieldPanel("first_name"), FieldPanel("last_name")]),
        FieldRowPanel([FieldPanel("company_name"), FieldPanel("legal_form"), FieldPanel("siren")]),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("postcode"), FieldPanel("city"), FieldPanel("country")]),
        FieldRowPanel([FieldPanel("receipt_preference"), FieldPanel("receipt_by_email")]),
        FieldPanel("newsletter"),
    ]

    def on_register(self):
        super().on_register()
        viewsets.register(donor_chooser)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("merge/<int:pk>/", self.construct_view(DonorMergeView), name="merge"),
        ]
