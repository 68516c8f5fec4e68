from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.auth import LoginForm

from . import ratelimit
from .client import client_address


class ThrottledLoginForm(LoginForm):
    """The admin sign-in form, refusing further attempts after repeated failures.

    Failures are counted in the shared cache under three names, and any one past its limit
    refuses the attempt, even with the right password:
    - one account from one address (LOGIN_ATTEMPTS_LIMIT, 5): the guesser of one password;
    - one address for any accounts (a higher limit): one machine trying many accounts;
    - one account from all addresses (a much higher limit): many machines sharing the guesses.
    Why not per account alone: a stranger typing five wrong passwords for an editor's name would
    lock that editor out everywhere. Here their failures lock only their own address, and the
    per-account lock, which needs many addresses to reach, spares the addresses the account
    signed in from lately: a distributed guess is bounded without keeping staff out.
    """

    error_messages = {
        **LoginForm.error_messages,
        "throttled": _("Too many failed sign-in attempts. Please wait 15 minutes and try again."),
    }

    def clean(self):
        address = client_address(self.request) if self.request else ""
        username = (self.data.get("username") or "").strip().lower()
        # The address goes first: it holds no "|", so no two (address, account) pairs collide.
        pair = f"login-failures:pair:{address}|{username}"
        by_address = f"login-failures:address:{address}"
        by_account = f"login-failures:account:{username}"
        known = f"login-known:{address}|{username}"

        limits = [
            (pair, settings.LOGIN_ATTEMPTS_LIMIT),
            (by_address, settings.LOGIN_ATTEMPTS_PER_ADDRESS_LIMIT),
        ]
        if not ratelimit.remembered(known):
            limits.append((by_account, settings.LOGIN_ATTEMPTS_PER_ACCOUNT_LIMIT))
        if any(ratelimit.attempts(name) >= limit for name, limit in limits):
            raise ValidationError(self.error_messages["throttled"], code="throttled")
        try:
            cleaned_data = super().clean()
        except ValidationError:
            for name in (pair, by_address, by_account):
                ratelimit.count(name, settings.LOGIN_ATTEMPTS_WINDOW)
            raise
        # An empty field is a field error, not a sign-in: only a real one makes the address known.
        if self.get_user() is not None:
            ratelimit.reset(pair)
            ratelimit.remember(known, settings.LOGIN_KNOWN_ADDRESS_DAYS * 24 * 60 * 60)
        return cleaned_data
