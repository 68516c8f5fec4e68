"""Share subscriptions in the Finance admin: the listing, a subscription's page and the actions that
move it (mark a transfer received, approve, issue, cancel), each in one transaction.

Only the "Finance" group (migration 0007) holds these permissions: Communication and Mécénat see
neither the menu nor the URLs.
"""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import HeaderButton
from wagtail.permissions import policy_registry

import django_filters

from campagnes.models import ShareOfferingPage, Subscription
from campagnes.models.shares import SubscriptionStatus
from campagnes.money import format_amount
from campagnes.shares import lifecycle as share_lifecycle
from campagnes.stripe import client as stripe_client
from campagnes.viewsets.dates import LegalDateColumn, association_today, association_zone
from campagnes.viewsets.records import (
    AmountColumn,
    RecordActionView,
    RecordInspectView,
    RecordViewSet,
)
from home.reauth import ReauthRequiredMixin


def offerings(request=None):
    return ShareOfferingPage.objects.filter(locale__language_code="fr").order_by("title")


# Subscriptions ----------------------------------------------------------------------------------


class SubscriptionFilterSet(WagtailFilterSet):
    page = django_filters.ModelChoiceFilter(queryset=offerings, label=_("Offering"))

    class Meta:
        model = Subscription
        fields = ["status", "payment_method", "page", "investor_type"]


ACTIONS = {
    # name: (label, icon, statuses it applies to)
    "transfer": (_("Mark the transfer received"), "success", ("reserved", "expired")),
    "approve": (_("Approve"), "tick", ("paid",)),
    "issue": (_("Issue the shares"), "doc-full", ("paid", "approved")),
    "cancel": (_("Cancel"), "cross", ("reserved", "processing", "paid", "approved")),
}


class SubscriptionInspectView(RecordInspectView):
    def get_price_cents_display_value(self):
        return format_amount(self.object.price_cents)

    def get_refunded_cents_display_value(self):
        return format_amount(self.object.refunded_cents)

    def get_documents_display_value(self):
        links = [
            (reverse("campagnes:share_document", args=[document.public_id]), str(document))
            for document in self.object.documents.all()
        ]
        if self.object.bulletin:
            links.insert(
                0,
                (
                    reverse("campagnes:share_bulletin", args=[self.object.public_id]),
                    _("Signed bulletin"),
                ),
            )
        return format_html_join(", ", '<a href="{}">{}</a>', links) or "—"

    def get_shareholder_display_value(self):
        holder = self.object.shareholder
        return str(holder) if holder else "—"

    @cached_property
    def header_buttons(self):
        policy = policy_registry.get_by_type(Subscription)
        if not policy.user_has_permission(self.request.user, "change"):
            return []
        page = self.object.page.specific
        buttons = []
        for name, (label, icon, statuses) in ACTIONS.items():
            if self.object.status not in statuses:
                continue
            if name == "transfer" and self.object.payment_method != "transfer":
                continue
            if name == "issue" and page.requires_approval and self.object.status != "approved":
                continue
            if name == "approve" and not page.requires_approval:
                continue
            url = reverse(f"share-subscriptions:{name}", args=[self.object.pk])
            buttons.append(HeaderButton(label, url=url, icon_name=icon))
        return buttons


class SubscriptionActionView(ReauthRequiredMixin, RecordActionView):
    """A lifecycle action: GET asks to confirm (with its form), POST acts in one transaction."""

    model = Subscription
    index_url_name = "share-subscriptions:index"
    inspect_url_name = "share-subscriptions:inspect"
    template_name = "campagnes/viewsets/finance_action.html"
    form_class = None

    def get_form(self):
        if self.form_class is None:
            return None
        return self.form_class(self.request.POST if self.request.method == "POST" else None)

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=kwargs.pop("form", None) or self.get_form(), **kwargs)

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form is not None and not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            with transaction.atomic():
                # Locked and read again: the webhook or another user may have moved it since the
                # page was shown, and the lifecycle decides on the status it finds.
                subscription = (
                    Subscription.objects.select_for_update(of=("self",))
                    .select_related("page")
                    .get(pk=self.object.pk)
                )
                self.act(subscription, form.cleaned_data if form else {})
        except share_lifecycle.NotAllowed as refusal:
            messages.error(request, REFUSALS.get(str(refusal), REFUSALS["ended"]))
        except stripe_client.StripeError:
            messages.error(
                request,
                _("Stripe did not answer: nothing was changed. Try again in a few minutes."),
            )
        else:
            messages.success(request, self.done_message)
        return redirect(self.inspect_url)

    def act(self, subscription, data) -> None:
        raise NotImplementedError


REFUSALS = {
    "not_transfer": _("This subscription is not paid by transfer."),
    "not_awaiting": _("This subscription is not awaiting a transfer."),
    "full": _(
        "The reservation had expired and its shares have gone to other investors: the offer is "
        "full. Return the transfer to the investor."
    ),
    "not_paid": _("The subscription must be paid first."),
    "not_approved": _("The statutes require approval before the shares are issued."),
    "issued": _("The shares are issued: record a redemption in the register instead."),
    "ended": _("This subscription has ended: nothing to do."),
}


class TransferForm(forms.Form):
    received_on = forms.DateField(
        label=_("Received on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The date the transfer reached the account, from the bank statement."),
    )

    def clean_received_on(self):
        received = self.cleaned_data["received_on"]
        if received > association_today():
            raise forms.ValidationError(_("A transfer cannot be received in the future."))
        return received


class TransferReceivedView(SubscriptionActionView):
    page_title = _("Mark the transfer received")
    header_icon = "success"
    submit_label = _("Mark received")
    form_class = TransferForm
    done_message = _("Transfer recorded: the subscription is paid.")

    def confirmation(self):
        return _(
            "Check that a transfer of %(amount)s with the reference %(reference)s arrived."
        ) % {
            "amount": format_amount(self.object.amount_cents),
            "reference": self.object.reference,
        }

    def act(self, subscription, data):
        # Midnight of that day at the association's, whatever zone the user's profile names:
        # the certificate dates the payment by it.
        received = timezone.make_aware(
            timezone.datetime.combine(data["received_on"], timezone.datetime.min.time()),
            association_zone(),
        )
        share_lifecycle.transfer_received(subscription, received)


class ApproveView(SubscriptionActionView):
    page_title = _("Approve the subscription")
    header_icon = "tick"
    submit_label = _("Approve")
    done_message = _("Subscription approved. Its shares can now be issued.")

    def confirmation(self):
        return _("The board has approved %(name)s as a shareholder (agrément).") % {
            "name": self.object.investor_name
        }

    def act(self, subscription, data):
        share_lifecycle.approve(subscription)


class IssueView(SubscriptionActionView):
    page_title = _("Issue the shares")
    header_icon = "doc-full"
    submit_label = _("Issue and write the register")
    done_message = _("Shares issued and written in the register; the certificate is emailed.")

    def confirmation(self):
        return _(
            "%(shares)s shares will be written in the register to %(name)s, and the "
            "subscription certificate emailed."
        ) % {"shares": self.object.shares, "name": self.object.investor_name}

    def act(self, subscription, data):
        share_lifecycle.issue(subscription, user=self.request.user)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=200)


class CancelView(SubscriptionActionView):
    page_title = _("Cancel the subscription")
    header_icon = "cross"
    submit_label = _("Cancel the subscription")
    form_class = CancelForm
    done_message = _("Subscription cancelled; its shares are free again.")

    def confirmation(self):
        if self.object.status in ("paid", "approved") and self.object.stripe_payment_intent_id:
            return _("The payment of %(amount)s will be refunded through Stripe.") % {
                "amount": format_amount(self.object.amount_cents)
            }
        if self.object.status in ("paid", "approved"):
            return _("The transfer of %(amount)s must then be returned to the investor.") % {
                "amount": format_amount(self.object.amount_cents)
            }
        return _("The reserved shares go back on offer (waiting list first).")

    def act(self, subscription, data):
        share_lifecycle.cancel(subscription, data["reason"])


def investor_column(subscription):
    return subscription.investor_name


class SubscriptionViewSet(RecordViewSet):
    model = Subscription
    name = "share-subscriptions"
    icon = "doc-full-inverse"
    menu_label = _("Subscriptions")
    inspect_view_class = SubscriptionInspectView
    list_select_related = ("page",)
    list_display = [
        "reference",
        Column("investor", label=_("Investor"), accessor=investor_column),
        "shares",
        AmountColumn("amount_cents", label=_("Amount"), sort_key="amount_cents"),
        "payment_method",
        "status",
        LegalDateColumn("reserved_until", label=_("Reserved until"), with_time=True),
        LegalDateColumn("accepted_at", label=_("Signed"), sort_key="accepted_at", with_time=True),
    ]
    filterset_class = SubscriptionFilterSet
    search_fields = ["reference", "last_name", "first_name", "email", "entity_name"]
    # Streamed and logged by campagnes/exports/, as the Mécénat listings are.
    export_dataset = "subscriptions"
    list_export = [
        "reference",
        "status",
        "investor_type",
        "entity_name",
        "civility",
        "first_name",
        "last_name",
        "email",
        "shares",
        "price_cents",
        "amount_cents",
        "payment_method",
        "accepted_at",
        "paid_at",
        "approved_at",
        "issued_at",
        "end_reason",
    ]
    inspect_view_fields = [
        "reference",
        "status",
        "page",
        "investor_type",
        "entity_name",
        "entity_registration",
        "representative_role",
        "civility",
        "first_name",
        "last_name",
        "birth_date",
        "birth_place",
        "nationality",
        "address",
        "postcode",
        "city",
        "country",
        "email",
        "phone",
        "shares",
        "price_cents",
        "amount_cents",
        "payment_method",
        "reserved_until",
        "paid_at",
        "approved_at",
        "issued_at",
        "shareholder",
        "refunded_cents",
        "ended_at",
        "end_reason",
        "risk_warning",
        "accepted_name",
        "accepted_at",
        "accepted_ip",
        "bulletin_sha256",
        "documents",
    ]
    labels = {
        "price_cents": _("Price per share"),
        "refunded_cents": _("Refunded"),
        "documents": _("Documents"),
    }

    def get_index_view_kwargs(self, **kwargs):
        kwargs = super().get_index_view_kwargs(**kwargs)
        kwargs["queryset"] = kwargs["queryset"].exclude(status=SubscriptionStatus.DRAFT)
        return kwargs

    def get_urlpatterns(self):
        views = {
            "transfer": TransferReceivedView,
            "approve": ApproveView,
            "issue": IssueView,
            "cancel": CancelView,
        }
        return [
            *super().get_urlpatterns(),
            *(
                path(f"{name}/<int:pk>/", self.construct_view(view), name=name)
                for name, view in views.items()
            ),
        ]
