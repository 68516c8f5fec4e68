"""Logs carry no personal data: what donors type, and the one-time token of their sign-in link."""

import contextlib
import datetime
import io
import logging
import runpy
import socket
import threading
from types import SimpleNamespace

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import SimpleTestCase, TestCase
from django.utils.log import configure_logging

from wagtail.test.utils import WagtailTestUtils

from gunicorn.config import Config as GunicornConfig
from gunicorn.glogging import Logger as GunicornLogger

from home.logging import RedactPersonalData

EMAIL = "jean.dupont@example.org"
TOKEN = "abc123"
SIGN_IN_PATH = f"/fr/donateur/connexion/?token={TOKEN}&email=jean@example.org"


def record(msg, *args, exc_info=None) -> logging.LogRecord:
    return logging.LogRecord("tests", logging.INFO, __file__, 1, msg, args, exc_info)


def redacted(msg, *args) -> str:
    entry = record(msg, *args)
    assert RedactPersonalData().filter(entry) is True
    return entry.getMessage()


class PatternTests(SimpleTestCase):
    def assert_redacted(self, cases: dict[str, str]):
        for text, expected in cases.items():
            with self.subTest(text):
                self.assertEqual(redacted(text), expected)

    def test_emails(self):
        self.assert_redacted(
            {
                f"Don reçu de {EMAIL}.": "Don reçu de [email].",
                "Écrire à Marie.Curie+dons@Exemple-Asso.fr": "Écrire à [email]",
                "/fr/merci/?next=jean%40example.org": "/fr/merci/?next=[email]",
            }
        )

    def test_ibans_with_or_without_spaces(self):
        self.assert_redacted(
            {
                "IBAN FR76 3000 6000 0112 3456 7890 189 reçu": "IBAN [iban] reçu",
                "iban=FR7630006000011234567890189": "iban=[iban]",
                "fr76 3000 6000 0112 3456 7890 189": "[iban]",
                "Belgique : BE68 5390 0754 7034.": "Belgique : [iban].",
            }
        )

    def test_french_phone_numbers(self):
        phones = [
            "06 12 34 56 78",
            "06.12.34.56.78",
            "06-12-34-56-78",
            "0612345678",
            "+33 6 12 34 56 78",
            "+33612345678",
            "+33 (0)6 12 34 56 78",
            "0033 1 23 45 67 89",
        ]
        self.assert_redacted({f"Rappeler le {phone}.": "Rappeler le [phone]." for phone in phones})

    def test_sensitive_query_string_parameters(self):
        self.assert_redacted(
            {
                "GET /fr/donateur/connexion/?token=abc123&page=2": (
                    "GET /fr/donateur/connexion/?token=[redacted]&page=2"
                ),
                "?Key=1;code=XYZ&session_id=s3cr3t": (
                    "?Key=[redacted];code=[redacted]&session_id=[redacted]"
                ),
                f"?email={EMAIL}": "?email=[redacted]",
                # A link kept for after the sign-in, URL-encoded inside another parameter.
                "/admin/login/?next=/fr/donateur/%3Ftoken%3Dabc123": (
                    "/admin/login/?next=/fr/donateur/%3Ftoken%3D[redacted]"
                ),
            }
        )

    def test_leaves_ordinary_lines_alone(self):
        for line in (
            '"GET /fr/lieux/escale-solidaire-lyon/?page=2&region=ara HTTP/1.1" 200 15324',
            '"GET /static/css/main.ab12cdef1234.css HTTP/1.1" 304 0',
            "Published page 12345 at 2025-03-14 06:12:34, 0.123 s",
            "Task 550e8400-e29b-41d4-a716-446655440000 finished: 37 bénévoles, 1 200 €",
            "csrftoken=abc sessionid=def",
        ):
            with self.subTest(line):
                self.assertEqual(redacted(line), line)


class RecordTests(SimpleTestCase):
    def test_formats_the_arguments_into_the_message_before_redacting(self):
        entry = record("Don de %s (%s), %d €", "Jean", EMAIL, 50)
        RedactPersonalData().filter(entry)
        self.assertEqual(entry.getMessage(), "Don de Jean ([email]), 50 €")
        self.assertEqual(entry.args, ())

    def test_redacts_non_string_arguments(self):
        donor = SimpleNamespace(email=EMAIL, phone="06 12 34 56 78")
        self.assertEqual(
            redacted("Donor %s", donor), "Donor namespace(email='[email]', phone='[phone]')"
        )

    def test_redacts_a_mapping_of_arguments_as_gunicorn_passes_them(self):
        atoms = {"h": "203.0.113.7", "r": f"GET {SIGN_IN_PATH} HTTP/1.1", "s": 200}
        self.assertEqual(
            redacted('%(h)s "%(r)s" %(s)s', atoms),
            '203.0.113.7 "GET /fr/donateur/connexion/?token=[redacted]&email=[redacted] '
            'HTTP/1.1" 200',
        )

    def test_keeps_a_record_whose_arguments_do_not_match_its_template(self):
        entry = record("Don de %s pour %s", EMAIL)
        self.assertTrue(RedactPersonalData().filter(entry))
        self.assertEqual(entry.getMessage(), "Don de %s pour %s ('[email]',)")

    def test_drops_a_record_that_cannot_be_printed_without_raising(self):
        class Unprintable:
            def __str__(self):
                raise RuntimeError(EMAIL)

            __repr__ = __str__

        entry = record("Donor %s", Unprintable())
        self.assertTrue(RedactPersonalData().filter(entry))
        self.assertEqual(entry.getMessage(), "[log record dropped: it could not be redacted]")

    def test_redacts_the_traceback(self):
        try:
            raise ValueError(f"duplicate key: (email)=({EMAIL})")
        except ValueError as error:
            entry = record("Donation failed", exc_info=(type(error), error, error.__traceback__))
        RedactPersonalData().filter(entry)
        output = logging.Formatter().format(entry)
        self.assertIn("ValueError: duplicate key: (email)=([email])", output)
        self.assertNotIn(EMAIL, output)


def configured_handler(logger_name: str) -> logging.Handler:
    # pytest adds capturing handlers of its own; dictConfig names the ones it creates.
    return next(h for h in logging.getLogger(logger_name).handlers if h.name == "console")


@contextlib.contextmanager
def configured_output(logger_name: str = "django"):
    """What the handler LOGGING configured writes, with its filter and format, for the block."""
    handler = configured_handler(logger_name)
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        yield stream
    finally:
        handler.setStream(previous)


def serve_with_runserver(path: str) -> None:
    """One request through runserver's request handler, which logs the request line.

    In this thread, so that the application sees the test's database transaction.
    """
    client, server_side = socket.socketpair()
    server = WSGIServer(("127.0.0.1", 0), WSGIRequestHandler, bind_and_activate=False)
    server.server_name, server.server_port = "testserver", 80
    server.setup_environ()
    # Not get_wsgi_application(): its django.setup() would configure logging anew.
    server.set_app(WSGIHandler())
    # The response is read meanwhile, so that a page larger than the socket's buffer fits.
    reader = threading.Thread(target=lambda: client.makefile("rb").read())
    reader.start()
    # As Django's test client does: closing the connection would end the test's transaction.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        request = f"GET {path} HTTP/1.1\r\nHost: testserver\r\nConnection: close\r\n\r\n"
        client.sendall(request.encode())
        WSGIRequestHandler(server_side, ("203.0.113.7", 50000), server)
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)
        server_side.close()
        reader.join(timeout=10)
        client.close()
        server.server_close()


class ConfiguredLoggingTests(WagtailTestUtils, TestCase):
    def test_every_django_logger_writes_through_the_filtered_handler(self):
        # Django's defaults give "django" and "django.server" handlers of their own: none is left.
        for name in ("", "django", "django.request", "django.security.csrf", "django.server"):
            logger = logging.getLogger(name)
            while logger.propagate and logger.parent:
                logger = logger.parent
            handlers = [h for h in logger.handlers if not type(h).__module__.startswith("_pytest")]
            with self.subTest(name or "root"):
                self.assertEqual(handlers, [configured_handler(logger.name)])
                self.assertTrue(any(isinstance(f, RedactPersonalData) for f in handlers[0].filters))

    def test_a_failed_admin_sign_in_with_an_email_leaves_no_trace_of_it(self):
        # Nothing in the project logs failed sign-ins yet; an audit of them, as django-axes
        # keeps, would log the account name: here, a donor's email.
        def audit(sender, credentials, **kwargs):
            logging.getLogger("django.security").warning(
                "Failed sign-in for %s", credentials["username"]
            )

        user_login_failed.connect(audit)
        self.addCleanup(user_login_failed.disconnect, audit)
        with configured_output() as output:
            response = self.client.post("/admin/login/", {"username": EMAIL, "password": "wrong"})
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("_auth_user_id", self.client.session)
        self.assertIn("WARNING django.security Failed sign-in for [email]", output.getvalue())
        self.assertNotIn(EMAIL, output.getvalue())

    def test_a_404_on_the_sign_in_link_logs_neither_its_token_nor_the_email(self):
        with configured_output() as output:
            response = self.client.get(SIGN_IN_PATH)
        self.assertEqual(response.status_code, 404)
        self.assertIn(
            "WARNING django.request Not Found: /fr/donateur/connexion/", output.getvalue()
        )
        self.assertNotIn(TOKEN, output.getvalue())
        self.assertNotIn("jean@example.org", output.getvalue())

    def test_runserver_request_line_keeps_the_path_but_not_the_token(self):
        with configured_output("django.server") as output:
            serve_with_runserver(SIGN_IN_PATH)
        self.assertIn(
            'django.server "GET /fr/donateur/connexion/?token=[redacted]&email=[redacted] '
            'HTTP/1.1" 404',
            output.getvalue(),
        )
        self.assertNotIn(TOKEN, output.getvalue())
        self.assertNotIn("jean@example.org", output.getvalue())


class GunicornLoggingTests(SimpleTestCase):
    """gunicorn as config/gunicorn.conf.py sets it up: its logs go through the same filter."""

    def setUp(self):
        conf = runpy.run_path(str(settings.BASE_DIR / "config" / "gunicorn.conf.py"))
        cfg = GunicornConfig()
        cfg.set("logconfig_dict", conf["logconfig_dict"])
        cfg.set("access_log_format", conf["access_log_format"])
        # gunicorn configures the process's logging: give Django's back afterwards.
        self.addCleanup(configure_logging, settings.LOGGING_CONFIG, settings.LOGGING)
        self.logger = GunicornLogger(cfg)

    def test_access_and_error_lines_carry_no_token_and_no_email(self):
        path, query = SIGN_IN_PATH.split("?")
        environ = {
            "REQUEST_METHOD": "GET",
            "RAW_URI": SIGN_IN_PATH,
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "203.0.113.7",
            "HTTP_REFERER": f"https://example.org{SIGN_IN_PATH}",
        }
        response = SimpleNamespace(status="404 Not Found", sent=1234, headers=[])
        with configured_output("gunicorn.access") as output:
            self.logger.access(response, {}, environ, datetime.timedelta(milliseconds=12))
            self.logger.error("Error handling request %s", SIGN_IN_PATH)
        lines = output.getvalue().splitlines()
        self.assertEqual(
            lines,
            [
                'INFO gunicorn.access 203.0.113.7 "GET /fr/donateur/connexion/ HTTP/1.1" 404 '
                "1234 12ms",
                "ERROR gunicorn.error Error handling request "
                "/fr/donateur/connexion/?token=[redacted]&email=[redacted]",
            ],
        )
