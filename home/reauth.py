"""Re-authentication before sensitive admin actions (exports, register and subscription actions).

A signed-in session may be left open on a desk: these actions ask again for the second-factor code
(or the password, for staff without a device) when the last proof is older than REAUTH_MINUTES.
The proof's time sits in the session; the sign-in and the second step count as proofs.
"""

from functools import wraps

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

SESSION_KEY = "staff_reauth_at"


def mark(request) -> None:
    request.session[SESSION_KEY] = timezone.now().timestamp()


def is_recent(request) -> bool:
    proved_at = request.session.get(SESSION_KEY)
    if proved_at is None:
        return False
    return timezone.now().timestamp() - proved_at <= settings.REAUTH_MINUTES * 60


def confirm_redirect(request, back_to: str | None = None):
    # A POST cannot be replayed through a redirect: the user comes back to the form's page.
    query = urlencode({"next": back_to or request.get_full_path()})
    return redirect(f"{reverse('confirm_identity')}?{query}")


def reauth_required(view):
    """For function views: asks for a fresh proof before running the view."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_recent(request):
            return confirm_redirect(request)
        return view(request, *args, **kwargs)

    return wrapper


class ReauthRequiredMixin:
    """For class views: every request (the form's page and its POST) needs a fresh proof, so the
    user confirms before filling the form rather than losing it after."""

    def dispatch(self, request, *args, **kwargs):
        if not is_recent(request):
            return confirm_redirect(request)
        return super().dispatch(request, *args, **kwargs)
