"""Staff accounts: a second factor (TOTP, with single-use backup codes) after the password, and
admin sessions of a working day.

django-otp keeps the devices and says whether a session is verified (`request.user.is_verified()`,
set by its OTPMiddleware when the session holds a device that signed in). Wagtail's sign-in form
stays as it is (home/forms.py throttles it); `StaffAccountMiddleware` then holds every admin page
until the second step is done: members of SECOND_FACTOR_GROUPS and superusers without a device are
sent to enrol, anyone with a device is asked for a code.
"""

import datetime

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import reauth

SIGNED_IN_AT = "staff_signed_in_at"
# Admin addresses open before the second step: signing in and out, the second step itself, and
# the icons and translations its page loads.
OPEN_URL_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
    "second_factor_verify",
    "second_factor_enrol",
}


def is_required(user) -> bool:
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=settings.SECOND_FACTOR_GROUPS).exists()


def has_device(user) -> bool:
    return any(True for _ in devices_for_user(user, confirmed=True))


def totp_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def new_backup_codes(user) -> list[str]:
    """Replaces the user's backup codes with fresh ones; returns them to show once."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name="backup", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(settings.SECOND_FACTOR_BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def reset(user) -> int:
    """Removes every device of the user (a lost phone); returns how many there were."""
    devices = list(devices_for_user(user, confirmed=None))
    for device in devices:
        device.delete()
    return len(devices)


@receiver(user_logged_in)
def remember_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = timezone.now().timestamp()
        reauth.mark(request)


def session_expired(request) -> bool:
    signed_in_at = request.session.get(SIGNED_IN_AT)
    if signed_in_at is None:
        return True
    age = timezone.now().timestamp() - signed_in_at
    return age > datetime.timedelta(hours=settings.ADMIN_SESSION_HOURS).total_seconds()


def with_next(url_name: str, request) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': request.get_full_path()})}"


class StaffAccountMiddleware:
    """Ends admin sessions after a working day and holds admin pages until the second factor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if not request.path_info.startswith(reverse("wagtailadmin_home")):
            return None
        url_name = request.resolver_match.url_name if request.resolver_match else None
        if url_name in OPEN_URL_NAMES:
            return None
        # Counted from the sign-in, not the last request: "Remember me" or an open browser
        # does not stretch it past the day.
        if session_expired(request):
            logout(request)
            return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
        if user.is_verified():
            return None
        if has_device(user):
            return redirect(with_next("second_factor_verify", request))
        if is_required(user):
            return redirect(with_next("second_factor_enrol", request))
        return None
