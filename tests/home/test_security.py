"""Production hardening that a visitor or an attacker would meet: headers, health, sign-in."""

from django.core.cache import cache
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import connection
from django.test import TestCase, override_settings

from wagtail.test.utils import WagtailTestUtils


class HealthCheckTests(TestCase):
    def test_answers_ok_when_the_database_answers(self):
        response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"ok")
        self.assertIn("no-cache", response["Cache-Control"])

    def test_answers_503_when_the_database_does_not(self):
        def refuse(execute, sql, params, many, context):
            raise connection.features.connection.Database.OperationalError("down")

        with connection.execute_wrapper(refuse):
            response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 503)

    def test_refuses_writes(self):
        self.assertEqual(self.client.post("/healthz").status_code, 405)


class SecurityHeaderTests(TestCase):
    def test_public_responses_carry_the_security_headers(self):
        response = self.client.get("/healthz")
        csp = response["Content-Security-Policy"]
        self.assertIn("default-src 'self'", csp)
        self.assertIn("script-src 'self'", csp)
        self.assertNotIn("unsafe-inline", csp)
        self.assertIn("frame-ancestors 'none'", csp)
        self.assertEqual(response["X-Frame-Options"], "DENY")
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertEqual(response["Referrer-Policy"], "strict-origin-when-cross-origin")
        self.assertIn("camera=()", response["Permissions-Policy"])
        self.assertIn("geolocation=()", response["Permissions-Policy"])


@override_settings(LOGIN_ATTEMPTS_LIMIT=3)
class AdminSignInThrottleTests(WagtailTestUtils, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = cls.create_superuser("editor", password="correct horse battery")

    def setUp(self):
        cache.clear()

    def attempt(self, password, address="203.0.113.7", username="editor"):
        return self.client.post(
            "/admin/login/",
            {"username": username, "password": password},
            REMOTE_ADDR=address,
        )

    @staticmethod
    def form_error(response, code):
        return response.context["form"].has_error(NON_FIELD_ERRORS, code)

    def test_locks_an_account_after_repeated_failures_even_with_the_right_password(self):
        for _ in range(3):
            self.assertTrue(self.form_error(self.attempt("wrong"), "invalid_login"))
        response = self.attempt("correct horse battery")
        self.assertTrue(self.form_error(response, "throttled"))
        self.assertContains(response, "Trop de tentatives de connexion")
        self.assertNotIn("_auth_user_id", self.client.session)

    @override_settings(LOGIN_ATTEMPTS_PER_ADDRESS_LIMIT=3)
    def test_locks_one_address_guessing_many_accounts(self):
        for name in ("alice", "bob", "carol"):
            self.attempt("wrong", username=name)
        self.assertTrue(self.form_error(self.attempt("wrong", username="dave"), "throttled"))

    def test_a_correct_password_still_works_below_the_limit(self):
        self.attempt("wrong")
        response = self.attempt("correct horse battery")
        self.assertEqual(response.status_code, 302)
        self.assertIn("_auth_user_id", self.client.session)
