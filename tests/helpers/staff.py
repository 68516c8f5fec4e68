"""Staff sign-in with the second factor, for tests of admin pages kept for Mécénat, Finance and
superusers (home/otp.py)."""

from django.urls import reverse

from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice


def verified_login(client, user) -> None:
    """Signs `user` in, then passes the second step through its page as they would, with a
    backup code of a device enrolled for them."""
    client.force_login(user)
    TOTPDevice.objects.get_or_create(user=user, name="app", defaults={"confirmed": True})
    backup, _ = StaticDevice.objects.get_or_create(
        user=user, name="backup", defaults={"confirmed": True}
    )
    code = StaticToken.random_token()
    backup.token_set.create(token=code)
    response = client.post(reverse("second_factor_verify"), {"token": code})
    assert response.status_code == 302, "the second step refused a valid backup code"
