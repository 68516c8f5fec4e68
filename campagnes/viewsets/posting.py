"""Receipts to post, in the Mécénat admin: those of donors without email, printed in one PDF (or
one by one) and marked posted, which takes them off the list.

The list is what remains to post: a receipt leaves it once marked posted or cancelled.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from campagnes.receipts import posting
from campagnes.viewsets.mecenat import MecenatView, PageViewSet
from campagnes.viewsets.receipts import original_pdf_response


class PostingForm(forms.Form):
    """The receipts ticked on the page and what to do with them."""

    receipts = forms.ModelMultipleChoiceField(queryset=posting.to_post())
    action = forms.ChoiceField(choices=[("print", "print"), ("posted", "posted")])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A receipt posted by a colleague a moment ago is no longer a choice.
        self.fields["receipts"].queryset = posting.to_post()
        self.fields["receipts"].error_messages.update(
            required=_("Tick the receipts to print or to mark posted."),
            invalid_choice=_("One of these receipts is no longer to post: reload the page."),
            invalid_pk_value=_("One of these receipts is no longer to post: reload the page."),
        )


class ToPostView(MecenatView):
    template_name = "campagnes/viewsets/receipts_to_post.html"
    page_title = _("Receipts to post")
    header_icon = "mail"

    @classmethod
    def user_may(cls, user) -> bool:
        return user.has_perm("campagnes.view_receipt")

    def get_context_data(self, **kwargs):
        receipts = list(posting.to_post())
        return super().get_context_data(
            receipts=receipts,
            may_post=self.request.user.has_perm("campagnes.change_receipt"),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("campagnes.change_receipt"):
            raise PermissionDenied
        form = PostingForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect("receipts-to-post:index")
        # In the order of the list, which is the order they are stacked in once printed.
        ticked = {receipt.pk for receipt in form.cleaned_data["receipts"]}
        receipts = [receipt for receipt in posting.to_post() if receipt.pk in ticked]
        if form.cleaned_data["action"] == "print":
            filename = f"recus-fiscaux-a-poster-{timezone.localdate():%Y-%m-%d}.pdf"
            return original_pdf_response(posting.print_originals(receipts), filename)
        marked = posting.mark_posted(receipts, request.user)
        messages.success(
            request,
            ngettext(
                "%(count)s receipt marked posted.", "%(count)s receipts marked posted.", len(marked)
            )
            % {"count": len(marked)},
        )
        return redirect("receipts-to-post:index")


class ToPostViewSet(PageViewSet):
    name = "receipts-to-post"
    url_prefix = "mecenat/receipts-to-post"
    icon = "mail"
    menu_label = _("Receipts to post")
    view_class = ToPostView
