from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.auth import LoginForm

from . import ratelimit


class ThrottledLoginForm(LoginForm):
    """The admin sign-in form, refusing further attempts after repeated failures.

    Failures are counted per client address and per account name, in the shared cache, so that
    guessing one password from many addresses or many passwords from one address both stop.
    """

    error_messages = {
        **LoginForm.error_messages,
        "throttled": _("Too many failed sign-in attempts. Please wait 15 minutes and try again."),
    }

    def clean(self):
        names = self._throttle_names()
        if any(ratelimit.attempts(name) >= settings.LOGIN_ATTEMPTS_LIMIT for name in names):
            raise ValidationError(self.error_messages["throttled"], code="throttled")
        try:
            return super().clean()
        except ValidationError:
            for name in names:
                ratelimit.count(name, settings.LOGIN_ATTEMPTS_WINDOW)
            raise

    def _throttle_names(self) -> list[str]:
        address = self.request.META.get("REMOTE_ADDR", "") if self.request else ""
        username = (self.data.get("username") or "").strip().lower()
        return [f"login-failures:address:{address}", f"login-failures:account:{username}"]
