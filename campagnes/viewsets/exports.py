"""Exports in the Mécénat admin: one form for every dataset the user may download, and the last
exports made.

Exports need `campagnes.add_export` and the right to see what is exported (campagnes/exports/).
"""

from django import forms
from django.utils.functional import cached_property
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from wagtail.admin.widgets import AdminDateInput

from campagnes.exports import datasets as exports
from campagnes.exports import service
from campagnes.models import CampaignPage, Export
from campagnes.models.exports import ExportFormat
from campagnes.viewsets.mecenat import MecenatView, PageViewSet
from campagnes.viewsets.records import campaigns, describe_filters
from home import reauth
from home.audit import team_members


class ExportForm(forms.Form):
    dataset = forms.ChoiceField(label=_("Data"), widget=forms.RadioSelect)
    file_format = forms.ChoiceField(
        label=_("Format"),
        choices=ExportFormat.choices,
        initial=ExportFormat.CSV,
        widget=forms.RadioSelect,
        help_text=_("CSV opens in Excel and LibreOffice; XLSX keeps amounts and dates typed."),
    )
    start = forms.DateField(label=_("From"), required=False, widget=AdminDateInput)
    end = forms.DateField(label=_("To"), required=False, widget=AdminDateInput)
    campaign = forms.ModelChoiceField(
        label=_("Campaign"),
        queryset=CampaignPage.objects.none(),
        required=False,
        empty_label=_("All campaigns"),
        help_text=_("For donations, donors and pledges."),
    )

    def __init__(self, *args, datasets: list[exports.Dataset], **kwargs):
        super().__init__(*args, **kwargs)
        self.datasets = {dataset.name: dataset for dataset in datasets}
        self.fields["dataset"].choices = [
            (dataset.name, format_lazy("{} · {}", dataset.label, dataset.period_label))
            for dataset in datasets
        ]
        self.fields["campaign"].queryset = campaigns()

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            raise forms.ValidationError(_("The period ends before it starts."))
        return cleaned


class ExportView(MecenatView):
    template_name = "campagnes/viewsets/exports.html"
    page_title = _("Exports")
    header_icon = "download"

    @classmethod
    def user_may(cls, user) -> bool:
        return bool(exports.allowed(user))

    @cached_property
    def form(self) -> ExportForm:
        datasets = exports.allowed(self.request.user)
        if "download" in self.request.GET:
            return ExportForm(self.request.GET, datasets=datasets)
        initial = {key: value for key, value in self.request.GET.items() if value}
        return ExportForm(initial={"file_format": ExportFormat.CSV, **initial}, datasets=datasets)

    def get(self, request, *args, **kwargs):
        if self.form.is_bound and self.form.is_valid():
            if not reauth.is_recent(request):
                return reauth.confirm_redirect(request)
            data = self.form.cleaned_data
            dataset = self.form.datasets[data["dataset"]]
            campaign = data["campaign"] if dataset.by_campaign else None
            queryset = dataset.narrow(
                dataset.all(), data["start"], data["end"], campaign.pk if campaign else None
            )
            return service.response(
                request, dataset, queryset, data["file_format"], self.describe(dataset)
            )
        return super().get(request, *args, **kwargs)

    def describe(self, dataset: exports.Dataset) -> str:
        """What was exported, for the log: the filters that apply to this dataset."""
        names = ["start", "end"] + (["campaign"] if dataset.by_campaign else [])
        return describe_filters(self.form, only=names)

    def get_context_data(self, **kwargs):
        recent = []
        if self.request.user.has_perm("campagnes.view_export"):
            # Their filters name what was looked for: only the team that exported sees them.
            exports_seen = Export.objects.filter(user__in=team_members(self.request.user))
            recent = list(exports_seen.select_related("user")[:10])
        return super().get_context_data(form=self.form, recent=recent, **kwargs)


class ExportViewSet(PageViewSet):
    name = "mecenat-exports"
    url_prefix = "mecenat/exports"
    icon = "download"
    menu_label = _("Exports")
    view_class = ExportView
