"""Staff accounts: the second factor for Mécénat, Finance and superusers, Argon2 passwords, admin
sessions of a working day, a fresh proof before exports, and export logs kept within the team."""

import json
import time
from io import StringIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from campagnes.demo.permissions import FINANCE_GROUP, MECENAT_GROUP
from campagnes.exports import service
from home import otp, reauth
from home.audit import TeamLogEntry
from home.otp_views import manual_key
from tests.base import SiteTestCase
from tests.helpers.staff import verified_login
from tests.home.test_settings_env import random_secret_key, run_python

PASSWORD = "un-mot-de-passe-long"
ADMIN_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]


def code_for(device: TOTPDevice, offset: int = 0) -> str:
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset)
    return f"{code:06d}"


class StaffTestCase(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        users = get_user_model().objects
        cls.mecenat = users.create_user("m.dupont", "m.dupont@example.org", PASSWORD)
        cls.mecenat.groups.add(Group.objects.get(name=MECENAT_GROUP))
        cls.colleague = users.create_user("collegue", "collegue@example.org", PASSWORD)
        cls.colleague.groups.add(Group.objects.get(name=MECENAT_GROUP))
        cls.finance = users.create_user("finance", "finance@example.org", PASSWORD)
        cls.finance.groups.add(Group.objects.get(name=FINANCE_GROUP))
        cls.communication = users.create_user("comm", "comm@example.org", PASSWORD)
        cls.communication.groups.add(Group.objects.get(name="Communication"))
        # The admin speaks each user's language: English messages do not wait for the catalogue.
        for user in (cls.mecenat, cls.colleague, cls.finance, cls.communication):
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = "en"
            profile.save()

    def sign_in(self, user, **extra):
        return self.client.post(
            reverse("wagtailadmin_login"),
            {"username": user.username, "password": PASSWORD, **extra},
        )

    def verify(self, token: str):
        return self.client.post(reverse("second_factor_verify"), {"token": token})


class SecondFactorTests(StaffTestCase):
    def test_a_mecenat_user_without_a_device_must_enrol_before_any_admin_page(self):
        self.sign_in(self.mecenat)
        for url in (reverse("wagtailadmin_home"), reverse("mecenat-exports:index")):
            response = self.client.get(url)
            self.assertRedirects(
                response, f"{reverse('second_factor_enrol')}?next={url.replace('/', '%2F')}"
            )
        page = self.client.get(reverse("second_factor_enrol"))
        self.assertContains(page, "data:image/png;base64,")
        device = TOTPDevice.objects.get(user=self.mecenat, confirmed=False)
        self.assertContains(page, manual_key(device))

        refused = self.client.post(reverse("second_factor_enrol"), {"token": "000000"})
        self.assertEqual(refused.status_code, 200)
        self.assertContains(refused, "not valid")
        self.assertEqual(self.client.get(reverse("wagtailadmin_home")).status_code, 302)
        too_soon = self.client.post(reverse("second_factor_enrol"), {"token": code_for(device)})
        self.assertContains(too_soon, "wait a few seconds")
        # A person types the next code seconds later: django-otp's delay is over by then.
        TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)

        done = self.client.post(reverse("second_factor_enrol"), {"token": code_for(device)})
        self.assertContains(done, "backup codes")
        shown = done.content.decode().count("<li><code>")
        self.assertEqual(shown, settings.SECOND_FACTOR_BACKUP_CODES)
        self.assertEqual(self.client.get(reverse("wagtailadmin_home")).status_code, 200)

    def test_with_a_device_a_wrong_code_is_refused_and_the_right_one_lets_in(self):
        device = TOTPDevice.objects.create(user=self.mecenat, name="app", confirmed=True)
        self.sign_in(self.mecenat)
        self.assertRedirects(
            self.client.get(reverse("wagtailadmin_home")),
            f"{reverse('second_factor_verify')}?next=%2Fadmin%2F",
        )
        wrong = self.verify("123456" if code_for(device) != "123456" else "654321")
        self.assertContains(wrong, "not valid")
        self.assertEqual(self.client.get(reverse("wagtailadmin_home")).status_code, 302)
        device.refresh_from_db()
        device.throttling_failure_count = 0  # django-otp's own delay is not what is tested here
        device.save()

        self.assertRedirects(self.verify(code_for(device)), reverse("wagtailadmin_home"))
        self.assertEqual(self.client.get(reverse("wagtailadmin_home")).status_code, 200)

    def test_wrong_codes_lock_the_account_even_for_the_right_code(self):
        device = TOTPDevice.objects.create(user=self.mecenat, name="app", confirmed=True)
        self.sign_in(self.mecenat)
        for _ in range(settings.SECOND_FACTOR_ATTEMPTS_LIMIT):
            self.verify("000000" if code_for(device) != "000000" else "111111")
        TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
        locked = self.verify(code_for(device))
        self.assertContains(locked, "Too many wrong codes")
        self.assertEqual(self.client.get(reverse("wagtailadmin_home")).status_code, 302)

    def test_a_backup_code_works_once(self):
        TOTPDevice.objects.create(user=self.mecenat, name="app", confirmed=True)
        code = otp.new_backup_codes(self.mecenat)[0]
        self.sign_in(self.mecenat)
        self.assertEqual(self.verify(code).status_code, 302)
        self.client.logout()
        self.sign_in(self.mecenat)
        self.assertContains(self.verify(code), "not valid")

    def test_a_password_alone_cannot_replace_the_enrolled_device(self):
        TOTPDevice.objects.create(user=self.mecenat, name="app", confirmed=True)
        self.sign_in(self.mecenat)
        response = self.client.get(reverse("second_factor_enrol"))
        self.assertRedirects(
            response, f"{reverse('second_factor_verify')}?next=%2Fadmin%2Fsecond-factor%2F"
        )
        self.assertEqual(TOTPDevice.objects.filter(user=self.mecenat).count(), 1)

    def test_a_communication_user_without_a_device_reaches_the_admin(self):
        self.sign_in(self.communication)
        self.assertEqual(self.client.get(reverse("wagtailadmin_home")).status_code, 200)

    def test_a_communication_user_who_enrolled_is_asked_for_the_code(self):
        TOTPDevice.objects.create(user=self.communication, name="app", confirmed=True)
        self.sign_in(self.communication)
        self.assertEqual(self.client.get(reverse("wagtailadmin_home")).status_code, 302)

    def test_the_reset_command_sends_the_user_back_to_enrolment(self):
        TOTPDevice.objects.create(user=self.mecenat, name="app", confirmed=True)
        otp.new_backup_codes(self.mecenat)
        out = StringIO()
        call_command("reset_second_factor", self.mecenat.username, stdout=out)
        self.assertIn("2", out.getvalue())
        self.assertFalse(TOTPDevice.objects.filter(user=self.mecenat).exists())
        self.assertFalse(StaticDevice.objects.filter(user=self.mecenat).exists())
        self.sign_in(self.mecenat)
        self.assertRedirects(
            self.client.get(reverse("wagtailadmin_home")),
            f"{reverse('second_factor_enrol')}?next=%2Fadmin%2F",
        )


class PasswordAndSessionTests(StaffTestCase):
    @override_settings(PASSWORD_HASHERS=ADMIN_HASHERS)
    def test_an_old_pbkdf2_hash_becomes_argon2_at_the_next_sign_in(self):
        self.communication.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
        self.communication.save()
        self.sign_in(self.communication)
        self.communication.refresh_from_db()
        self.assertTrue(self.communication.password.startswith("argon2"))

    def test_an_admin_session_lasts_a_working_day_even_when_remembered(self):
        self.sign_in(self.communication, remember="on")
        self.assertEqual(self.client.session.get_expiry_age(), 10 * 60 * 60)
        session = self.client.session
        session[otp.SIGNED_IN_AT] = time.time() - 10 * 60 * 60 - 60
        session.save()
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertRedirects(
            response, f"{reverse('wagtailadmin_login')}?next=/admin/", fetch_redirect_response=False
        )
        self.assertNotIn("_auth_user_id", self.client.session)


def test_production_puts_argon2_first_and_ends_admin_sessions_in_a_day(tmp_path):
    environ = {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": random_secret_key(),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}",
        "ALLOWED_HOSTS": "example.org",
        "PUBLIC_BASE_URL": "https://example.org",
    }
    script = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.PASSWORD_HASHERS, s.SESSION_COOKIE_AGE, s.SECOND_FACTOR_GROUPS]))"
    )
    result = run_python(["-c", script], **environ)
    assert result.returncode == 0, result.stderr
    hashers, age, groups = json.loads(result.stdout)
    assert hashers[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert "django.contrib.auth.hashers.PBKDF2PasswordHasher" in hashers
    assert age == 10 * 60 * 60
    assert groups == ["Mécénat", "Finance"]


class ReauthAndExportLogTests(StaffTestCase):
    def export_url(self):
        return reverse("mecenat-exports:index") + "?download=1&dataset=gifts&file_format=csv"

    def test_an_export_after_the_window_asks_for_a_code_then_returns(self):
        verified_login(self.client, self.mecenat)
        device = TOTPDevice.objects.get(user=self.mecenat, name="app")
        session = self.client.session
        session[reauth.SESSION_KEY] = time.time() - (settings.REAUTH_MINUTES + 1) * 60
        session.save()

        asked = self.client.get(self.export_url())
        self.assertEqual(asked.status_code, 302)
        self.assertTrue(asked["Location"].startswith(reverse("confirm_identity")))
        page = self.client.get(asked["Location"])
        self.assertContains(page, "authenticator app")

        back = self.client.post(asked["Location"], {"token": code_for(device)})
        self.assertRedirects(back, self.export_url(), fetch_redirect_response=False)
        download = self.client.get(self.export_url())
        self.assertEqual(download.status_code, 200)
        self.assertIn("attachment", download["Content-Disposition"])

    def test_staff_without_a_device_confirm_with_their_password(self):
        self.sign_in(self.communication)
        session = self.client.session
        session[reauth.SESSION_KEY] = time.time() - (settings.REAUTH_MINUTES + 1) * 60
        session.save()
        url = f"{reverse('confirm_identity')}?next=/admin/"
        wrong = self.client.post(url, {"password": "pas-le-bon"})
        self.assertContains(wrong, "not correct")
        self.assertFalse(reauth.is_recent(wrong.wsgi_request))
        self.assertRedirects(self.client.post(url, {"password": PASSWORD}), "/admin/")

    def test_finance_does_not_see_mecenat_exports_or_their_search_terms(self):
        service.record(self.mecenat, "donors", "csv", "Nom : Martin")
        entries = TeamLogEntry.objects.filter(action="campagnes.export")
        self.assertEqual(entries.count(), 1)
        # As the site history does, Wagtail's own log asked first about the same user.
        ModelLogEntry.objects.viewable_by_user(self.colleague)
        self.assertEqual(TeamLogEntry.objects.viewable_by_user(self.colleague).count(), 1)
        self.assertEqual(TeamLogEntry.objects.viewable_by_user(self.finance).count(), 0)

        verified_login(self.client, self.finance)
        history = self.client.get(reverse("wagtailadmin_reports:site_history"))
        self.assertEqual(history.status_code, 200)
        self.assertNotContains(history, "m.dupont")
        verified_login(self.client, self.colleague)
        history = self.client.get(reverse("wagtailadmin_reports:site_history"))
        self.assertContains(history, "m.dupont")
