import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.auth import LoginForm


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
        keys = self._throttle_keys()
        if any(cache.get(key, 0) >= settings.LOGIN_ATTEMPTS_LIMIT for key in keys):
            raise ValidationError(self.error_messages["throttled"], code="throttled")
        try:
            return super().clean()
        except ValidationError:
            for key in keys:
                cache.add(key, 0, settings.LOGIN_ATTEMPTS_WINDOW)
                cache.incr(key)
            raise

    def _throttle_keys(self) -> list[str]:
        address = self.request.META.get("REMOTE_ADDR", "") if self.request else ""
        username = (self.data.get("username") or "").strip().lower()
        # Hashed so that the cache never holds account names or addresses in clear.
        return [
            "login-failures:" + hashlib.sha256(f"{kind}:{value}".encode()).hexdigest()
            for kind, value in (("address", address), ("account", username))
        ]
