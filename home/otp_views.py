"""The admin's second step (a code from the authenticator app or a backup code), the enrolment
page (QR code, key to type, a first code to confirm) and the re-authentication page.

Wrong codes are counted per account in the shared cache, as wrong passwords are (home/forms.py):
past SECOND_FACTOR_ATTEMPTS_LIMIT the account's codes are refused for LOGIN_ATTEMPTS_WINDOW, even
the right one. django-otp's own throttling (growing delays per device) applies as well.
"""

import base64
from io import BytesIO

from django import forms
from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

import django_otp
import qrcode
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import otp, ratelimit, reauth

LOCKED = _("Too many wrong codes. Please wait 15 minutes and try again.")
WRONG_CODE = _("This code is not valid. Check your authenticator app and try again.")
WAIT = _("Wrong code just before: wait a few seconds, then enter the code the app shows now.")


class CodeForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_("The 6 digits shown by your authenticator app, or one of your backup codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


class PasswordForm(forms.Form):
    password = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autofocus": True})
    )


def next_url(request) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure()):
        return url
    return reverse("wagtailadmin_home")


def attempts_name(user) -> str:
    return f"second-factor:{user.pk}"


def locked(user) -> bool:
    return ratelimit.attempts(attempts_name(user)) >= settings.SECOND_FACTOR_ATTEMPTS_LIMIT


def failed(user) -> None:
    ratelimit.count(attempts_name(user), settings.LOGIN_ATTEMPTS_WINDOW)


def matching_device(user, token: str):
    """The confirmed device accepting the code (a backup code is used up), or None; and whether a
    device refused to check it, within django-otp's delay after a wrong code.

    Six digits go to the app's device, anything else to the backup codes: a backup code tried on
    the app would count as the app's failure and delay the next right code."""
    token = token.replace(" ", "")
    kind = TOTPDevice if token.isdigit() and len(token) == 6 else StaticDevice
    waiting = False
    for device in django_otp.devices_for_user(user, confirmed=True):
        if not isinstance(device, kind):
            continue
        allowed, _ = device.verify_is_allowed()
        if not allowed:
            waiting = True
        elif django_otp.verify_token(user, device.persistent_id, token):
            return device, False
    return None, waiting


def check_code(request, form) -> object | None:
    """Validates the form's code for the signed-in user; adds the error to the form if refused."""
    user = request.user
    if not form.is_valid():
        return None
    if locked(user):
        form.add_error("token", LOCKED)
        return None
    device, waiting = matching_device(user, form.cleaned_data["token"])
    if device is None:
        failed(user)
        form.add_error("token", LOCKED if locked(user) else WAIT if waiting else WRONG_CODE)
        return None
    ratelimit.reset(attempts_name(user))
    return device


@never_cache
@sensitive_post_parameters("token")
def verify(request):
    if request.user.is_verified():
        return redirect(next_url(request))
    if not otp.has_device(request.user):
        return redirect(otp.with_next("second_factor_enrol", request))
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        device = check_code(request, form)
        if device is not None:
            django_otp.login(request, device)
            reauth.mark(request)
            return redirect(next_url(request))
    return TemplateResponse(
        request,
        "wagtailadmin/second_factor/verify.html",
        {"form": form, "next": next_url(request)},
    )


def qr_code(url: str) -> str:
    """The setup address as a PNG in a data: address (the CSP allows those images), black on
    white whatever the admin's theme, as scanners expect."""
    out = BytesIO()
    qrcode.make(url, box_size=6, border=4).save(out, format="PNG")
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()


def manual_key(device: TOTPDevice) -> str:
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


@never_cache
@sensitive_post_parameters("token")
def enrol(request):
    user = request.user
    if otp.has_device(user):
        if not user.is_verified():
            # Only the device already there can add another: a password alone cannot.
            return redirect(otp.with_next("second_factor_verify", request))
        return manage(request)
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="app", confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if locked(user):
            form.add_error("token", LOCKED)
        elif not device.verify_is_allowed()[0]:
            form.add_error("token", WAIT)
        elif not device.verify_token(form.cleaned_data["token"].replace(" ", "")):
            failed(user)
            form.add_error("token", WRONG_CODE)
        else:
            ratelimit.reset(attempts_name(user))
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            django_otp.login(request, device)
            reauth.mark(request)
            return TemplateResponse(
                request,
                "wagtailadmin/second_factor/backup_codes.html",
                {"codes": otp.new_backup_codes(user), "next": next_url(request)},
            )
    return TemplateResponse(
        request,
        "wagtailadmin/second_factor/enrol.html",
        {
            "form": form,
            "qr_code": qr_code(device.config_url),
            "manual_key": manual_key(device),
            "required": otp.is_required(user),
            "next": next_url(request),
        },
    )


def manage(request):
    if request.method == "POST" and request.POST.get("action") == "backup_codes":
        if not reauth.is_recent(request):
            return reauth.confirm_redirect(request)
        return TemplateResponse(
            request,
            "wagtailadmin/second_factor/backup_codes.html",
            {"codes": otp.new_backup_codes(request.user), "next": reverse("wagtailadmin_home")},
        )
    return TemplateResponse(request, "wagtailadmin/second_factor/manage.html", {})


@never_cache
@sensitive_post_parameters("token", "password")
def confirm_identity(request):
    user = request.user
    with_code = otp.has_device(user)
    form_class = CodeForm if with_code else PasswordForm
    form = form_class(request.POST or None)
    if request.method == "POST":
        if with_code:
            proved = check_code(request, form) is not None
        elif form.is_valid() and not locked(user):
            proved = user.check_password(form.cleaned_data["password"])
            if not proved:
                failed(user)
                form.add_error("password", _("This password is not correct."))
        else:
            proved = False
            if form.is_valid():
                form.add_error("password", LOCKED)
        if proved:
            reauth.mark(request)
            return redirect(next_url(request))
        if locked(user):
            # Someone at an open session guessing: the session ends.
            logout(request)
            return redirect(reverse("wagtailadmin_login"))
    return TemplateResponse(
        request,
        "wagtailadmin/second_factor/confirm.html",
        {"form": form, "with_code": with_code, "next": next_url(request)},
    )
