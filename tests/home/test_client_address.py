"""The visitor's address behind a reverse proxy (home/client.py), and the admin sign-in lock that
counts failures per account and per address, so that a stranger cannot lock staff out."""

import re
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import NON_FIELD_ERRORS
from django.test import RequestFactory, SimpleTestCase, TestCase, override_settings

from wagtail.test.utils import WagtailTestUtils

from home.client import client_address
from tests.home.test_settings_env import run_python

PROXY = "10.0.0.2"


def request(remote_addr=PROXY, **headers):
    return RequestFactory().get("/", REMOTE_ADDR=remote_addr, **headers)


class ClientAddressTests(SimpleTestCase):
    def test_without_proxies_a_forged_header_is_ignored(self):
        forged = request("203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.1")
        self.assertEqual(client_address(forged), "203.0.113.7")

    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_behind_one_proxy_the_address_it_saw_is_the_client(self):
        self.assertEqual(client_address(request(HTTP_X_FORWARDED_FOR="203.0.113.7")), "203.0.113.7")

    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_a_forged_leftmost_entry_does_not_change_the_address(self):
        # The client sent "198.51.100.1, garbage"; the proxy appended the address it saw.
        forged = request(HTTP_X_FORWARDED_FOR="198.51.100.1, garbage, 203.0.113.7")
        self.assertEqual(client_address(forged), "203.0.113.7")

    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_headers_the_proxy_does_not_set_are_never_believed(self):
        forged = request(
            HTTP_X_FORWARDED_FOR="10.1.2.3",
            HTTP_X_REAL_IP="198.51.100.1",
            HTTP_CLIENT_IP="198.51.100.2",
            HTTP_FORWARDED="for=198.51.100.3",
        )
        self.assertEqual(client_address(forged), "10.1.2.3")

    @override_settings(TRUSTED_PROXY_COUNT=2)
    def test_behind_two_proxies_the_client_is_second_from_the_right(self):
        chain = "198.51.100.1, 203.0.113.7, 192.0.2.10"  # forged, client, outer proxy
        self.assertEqual(client_address(request(HTTP_X_FORWARDED_FOR=chain)), "203.0.113.7")

    @override_settings(TRUSTED_PROXY_COUNT=2)
    def test_a_request_that_bypassed_the_outer_proxy_keeps_the_peer_address(self):
        self.assertEqual(client_address(request(HTTP_X_FORWARDED_FOR="203.0.113.7")), PROXY)

    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_without_the_header_the_peer_address_is_kept(self):
        self.assertEqual(client_address(request()), PROXY)

    @override_settings(TRUSTED_PROXY_COUNT=1, TRUSTED_PROXY_IPS=["10.0.0.0/24"])
    def test_the_header_is_read_only_from_a_listed_proxy(self):
        self.assertEqual(client_address(request(HTTP_X_FORWARDED_FOR="203.0.113.7")), "203.0.113.7")
        direct = request("192.0.2.50", HTTP_X_FORWARDED_FOR="203.0.113.7")
        self.assertEqual(client_address(direct), "192.0.2.50")

    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_an_ipv6_client_is_read_too(self):
        self.assertEqual(client_address(request(HTTP_X_FORWARDED_FOR="2001:db8::7")), "2001:db8::7")


class ProxySettingsTests(SimpleTestCase):
    PRINT = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.TRUSTED_PROXY_COUNT, settings.TRUSTED_PROXY_IPS)"
    )

    def load(self, **environ):
        return run_python(
            ["-c", self.PRINT], DJANGO_SETTINGS_MODULE="config.settings.dev", **environ
        )

    def test_the_proxies_are_read_from_the_environment(self):
        result = self.load(TRUSTED_PROXY_COUNT="1", TRUSTED_PROXY_IPS="10.0.0.0/8, 192.0.2.4")
        self.assertEqual(result.stdout.strip(), "1 ['10.0.0.0/8', '192.0.2.4']", result.stderr)

    def test_a_proxy_that_is_not_an_address_stops_the_start(self):
        result = self.load(TRUSTED_PROXY_COUNT="1", TRUSTED_PROXY_IPS="nginx")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("TRUSTED_PROXY_IPS: 'nginx' is not an address", result.stderr)

    def test_a_negative_count_stops_the_start(self):
        result = self.load(TRUSTED_PROXY_COUNT="-1")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("TRUSTED_PROXY_COUNT must be 0 or more", result.stderr)


class OneReaderOfTheAddressTests(SimpleTestCase):
    """Every per-address decision goes through home/client.py: a second reader of REMOTE_ADDR
    or X-Forwarded-For would again see the proxy's address, or believe a forged header."""

    # A header or META key as code names it, quoted (comments may mention them), or ipware itself.
    READERS = re.compile(
        r"""["'](?:REMOTE_ADDR|HTTP_X_FORWARDED_FOR|X[-_]Forwarded[-_]For)["']|\bipware\b""",
        re.IGNORECASE,
    )

    def test_nothing_else_reads_the_connection_address_or_the_forwarded_header(self):
        root = Path(settings.BASE_DIR)
        readers = [
            str(path.relative_to(root))
            for folder in ("config", "home", "lieux", "campagnes", "search")
            for path in (root / folder).rglob("*.py")
            if self.READERS.search(path.read_text(encoding="utf-8"))
        ]
        self.assertEqual(readers, ["home/client.py"])


@override_settings(
    TRUSTED_PROXY_COUNT=1,
    LOGIN_ATTEMPTS_LIMIT=3,
    LOGIN_ATTEMPTS_PER_ADDRESS_LIMIT=6,
    LOGIN_ATTEMPTS_PER_ACCOUNT_LIMIT=9,
)
class AdminSignInBehindProxyTests(WagtailTestUtils, TestCase):
    PASSWORD = "correct horse battery"

    @classmethod
    def setUpTestData(cls):
        cls.user = cls.create_superuser("editor", password=cls.PASSWORD)

    def setUp(self):
        cache.clear()

    def attempt(self, password, address, username="editor"):
        self.client.logout()
        return self.client.post(
            "/admin/login/",
            {"username": username, "password": password},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=address,
        )

    def throttled(self, response) -> bool:
        form = response.context["form"] if response.context else None
        return bool(form) and form.has_error(NON_FIELD_ERRORS, "throttled")

    def assertSignedIn(self, response):
        self.assertEqual(response.status_code, 302)
        self.assertIn("_auth_user_id", self.client.session)

    def test_failures_from_a_stranger_do_not_lock_the_editor_out_elsewhere(self):
        for _ in range(3):
            self.attempt("wrong", "198.51.100.66")
        self.assertTrue(self.throttled(self.attempt(self.PASSWORD, "198.51.100.66")))
        self.assertSignedIn(self.attempt(self.PASSWORD, "203.0.113.7"))

    def test_one_address_trying_many_accounts_is_locked(self):
        for n in range(6):
            self.attempt("wrong", "198.51.100.66", username=f"staff{n}")
        response = self.attempt(self.PASSWORD, "198.51.100.66")
        self.assertTrue(self.throttled(response))
        self.assertContains(response, "Trop de tentatives de connexion")

    def test_many_addresses_guessing_one_account_lock_it_except_where_it_signed_in(self):
        self.assertSignedIn(self.attempt(self.PASSWORD, "203.0.113.7"))
        for n in range(9):
            self.attempt("wrong", f"198.51.100.{n}")
        # A new address, even with the right password, waits: the guesses are bounded.
        self.assertTrue(self.throttled(self.attempt(self.PASSWORD, "192.0.2.1")))
        # The editor's usual address still signs in.
        self.assertSignedIn(self.attempt(self.PASSWORD, "203.0.113.7"))

    def test_a_blank_password_does_not_make_an_address_known(self):
        self.client.post(
            "/admin/login/",
            {"username": "editor", "password": ""},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR="198.51.100.66",
        )
        for n in range(9):
            self.attempt("wrong", f"198.51.100.{n + 100}")
        self.assertTrue(self.throttled(self.attempt(self.PASSWORD, "198.51.100.66")))
