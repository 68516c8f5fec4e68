"""Erasures in the Giving admin: erase a person (a donor from their page, or an investor by
email), after a page that lists what will be kept and why; then the list of erasures, each with
the records it had to keep, their legal reason and until when.

Only holders of `add_erasure` (the Mécénat group, migration 0025, and superusers) may erase,
after a fresh re-authentication; any other attempt is refused and logged, by user id only.
"""

import logging

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton
from wagtail.log_actions import log

from campagnes.models import Donor, Erasure
from campagnes.privacy import erasure
from campagnes.viewsets.records import RecordIndexView, RecordInspectView, RecordViewSet
from home.reauth import ReauthRequiredMixin

logger = logging.getLogger(__name__)


def may_erase(user) -> bool:
    return user.has_perm("campagnes.add_erasure")


class EmailForm(forms.Form):
    email = forms.EmailField(
        label=_("Email of the person"),
        help_text=_("Their donor record, share subscriptions and consents are found by it."),
    )


class EraseView(ReauthRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    """GET: the person found and what erasing them keeps; POST: the erasure."""

    template_name = "campagnes/viewsets/erasure_confirm.html"
    page_title = _("Erase a person")
    header_icon = "bin"

    def dispatch(self, request, *args, **kwargs):
        if not may_erase(request.user):
            logger.warning("Erasure refused: user %s may not erase", request.user.pk)
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def donor(self) -> Donor | None:
        donor_id = self.request.GET.get("donor") or self.request.POST.get("donor")
        if donor_id and str(donor_id).isdigit():
            return get_object_or_404(Donor, pk=donor_id)
        return None

    @cached_property
    def email_form(self) -> EmailForm:
        data = self.request.POST if self.request.method == "POST" else self.request.GET
        return EmailForm(data if "email" in data else None)

    @cached_property
    def person(self) -> erasure.Person | None:
        if self.donor is not None:
            return erasure.find(donor=self.donor)
        if self.email_form.is_valid():
            return erasure.find(email=self.email_form.cleaned_data["email"])
        return None

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("erasures:index"), "label": _("Erasures")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        person = self.person
        return super().get_context_data(
            donor=self.donor,
            form=self.email_form,
            person=person,
            nothing=person is not None and person.is_empty(),
            holds=person.holds() if person else [],
            refusal=person.refusal() if person else None,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        person = self.person
        if person is None or person.is_empty():
            return self.get(request, *args, **kwargs)
        try:
            record = erasure.erase(
                donor=person.donor,
                email=person.email,
                requested_by="staff",
                user=request.user,
            )
        except erasure.ErasureRefused as refused:
            messages.error(request, str(refused))
            return self.get(request, *args, **kwargs)
        log(instance=record, action="campagnes.erasure", user=request.user)
        messages.success(request, _("The person is erased. What the law keeps is listed below."))
        return redirect("erasures:inspect", record.pk)


def counts_text(record: Erasure) -> str:
    names = {
        "documents": _("documents"),
        "subscriptions": _("bulletins"),
        "consents": _("consents"),
        "sign_in_links": _("sign-in links"),
        "gifts_deleted": _("gifts deleted"),
        "gifts_anonymised": _("gifts anonymised"),
        "plans_deleted": _("monthly gifts deleted"),
    }
    parts = [f"{names[key]}: {value}" for key, value in record.counts.items() if key in names]
    return ", ".join(str(part) for part in parts)


class ErasureIndexView(RecordIndexView):
    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if may_erase(self.request.user):
            buttons.append(
                HeaderButton(_("Erase a person"), url=reverse("erasures:erase"), icon_name="bin")
            )
        return buttons


class ErasureInspectView(RecordInspectView):
    template_name = "campagnes/viewsets/erasure_inspect.html"

    def get_counts_display_value(self):
        return counts_text(self.object) or "—"

    def get_context_data(self, **kwargs):
        return super().get_context_data(holds=self.object.holds.all(), **kwargs)


class ErasureViewSet(RecordViewSet):
    model = Erasure
    name = "erasures"
    icon = "bin"
    menu_label = _("Erasures")
    index_view_class = ErasureIndexView
    inspect_view_class = ErasureInspectView
    list_display = [
        "__str__",
        DateColumn("created_at", label=_("Erased at"), sort_key="created_at"),
        Column("requested_by", label=_("Requested by"), accessor="get_requested_by_display"),
        Column("counts", label=_("Deleted or anonymised"), accessor=counts_text),
        Column("holds", label=_("Records kept"), accessor=lambda record: record.holds.count()),
        Column("stripe_outcome", label=_("Stripe"), accessor="get_stripe_outcome_display"),
    ]
    labels = {"__str__": _("Erasure")}
    inspect_view_fields = ["created_at", "requested_by", "user", "counts", "stripe_outcome"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("erase/", EraseView.as_view(), name="erase"),
        ]
