"""Donors in the Mécénat admin: the listing, a donor's page (giving history, recent gifts) and the
merge of two records of one person.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.tables import DateColumn
from wagtail.admin.widgets import HeaderButton
from wagtail.permissions import policy_registry

from campagnes.donations import donors
from campagnes.models import Donor, Gift
from campagnes.viewsets.records import RecordActionView, RecordInspectView, RecordViewSet

RECENT_GIFTS = 20  # on a donor's page, below the years


class DonorInspectView(RecordInspectView):
    template_name = "campagnes/viewsets/donor_inspect.html"

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


class DonorViewSet(RecordViewSet):
    model = Donor
    name = "donors"
    icon = "user"
    menu_label = _("Donors")
    addable = editable = True
    inspect_view_class = DonorInspectView
    list_display = [
        "__str__",
        "email",
        "city",
        "receipt_preference",
        DateColumn("created_at", label=_("Created"), sort_key="created_at"),
    ]
    list_filter = ["receipt_preference", "receipt_by_email", "newsletter"]
    search_fields = ["first_name", "last_name", "email", "company_name"]
    export_dataset = "donors"
    inspect_view_fields = [
        "email",
        "civility",
        "first_name",
        "last_name",
        "company_name",
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
        FieldRowPanel([FieldPanel("company_name"), FieldPanel("siren")]),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("postcode"), FieldPanel("city"), FieldPanel("country")]),
        FieldRowPanel([FieldPanel("receipt_preference"), FieldPanel("receipt_by_email")]),
        FieldPanel("newsletter"),
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("merge/<int:pk>/", self.construct_view(DonorMergeView), name="merge"),
        ]
