"""FakeStripe: the fake's HTTP server on loopback, its webhook deliveries and its control methods.

Three kinds of paths:
- /v1/...: the Stripe API (form-encoded bodies in bracket notation, JSON answers, Bearer key);
- /_fake/...: JSON control endpoints, so that another process can play the payer or the clock;
- /c/pay/<session>: the hosted Checkout page.
"""

import copy
import hashlib
import hmac
import inspect
import json
import logging
import re
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from . import customers, pages, retries, upsell
from .objects import API_VERSION, new_id
from .params import FakeStripeError, parse_params
from .state import RESOURCES, State

logger = logging.getLogger(__name__)

# Stripe API routes: method, path pattern, State method called with (params, *path groups).
API_ROUTES = [
    ("POST", r"/v1/checkout/sessions", "create_session"),
    ("POST", r"/v1/checkout/sessions/([^/]+)/expire", "expire_session"),
    ("POST", r"/v1/customers", "create_customer"),
    ("POST", r"/v1/subscriptions/([^/]+)", "update_subscription"),
    ("DELETE", r"/v1/subscriptions/([^/]+)", "cancel_subscription"),
    ("GET", r"/v1/invoice_payments", "list_invoice_payments"),
    ("POST", r"/v1/refunds", "create_refund"),
    ("GET", r"/v1/events", "list_events"),
    ("GET", rf"/v1/({'|'.join(RESOURCES)})/([^/]+)", "retrieve"),
]
# Control routes: method, path pattern, FakeStripe method called with the path group and the
# JSON body's keys as keyword arguments.
CONTROL_ROUTES = [
    ("POST", r"/_fake/sessions/([^/]+)/complete", "complete_session"),
    ("POST", r"/_fake/sessions/([^/]+)/async", "async_payment"),
    ("POST", r"/_fake/sessions/([^/]+)/expire", "expire_session"),
    ("POST", r"/_fake/invoices/([^/]+)/pay", "pay_invoice"),
    ("POST", r"/_fake/subscriptions/([^/]+)/invoice", "next_invoice"),
    ("POST", r"/_fake/charges/([^/]+)/dispute", "dispute"),
    ("POST", r"/_fake/events/([^/]+)/deliver", "deliver"),
    ("POST", r"/_fake/hang", "hang"),
    ("POST", r"/_fake/answer", "answer"),
]
# Routes the State mixins add, each in its own module.
for _module in (customers, retries, upsell):
    API_ROUTES[:0] = _module.API_ROUTES  # first: more specific than the generic retrieve route
    CONTROL_ROUTES += _module.CONTROL_ROUTES
# A hung API request is answered at the latest after this long, so that no thread waits forever.
HANG_LIMIT = 60


def sign_payload(payload: bytes, secret: str, timestamp: int | None = None) -> str:
    """The Stripe-Signature header Stripe sends with a webhook body."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    signed = f"{timestamp}.".encode() + payload
    signature = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={signature}"


def _match(routes, method, path):
    for route_method, pattern, name in routes:
        found = re.fullmatch(pattern, path)
        if found and route_method == method:
            return name, found.groups()
    return None, ()


class FakeStripe:
    """A Stripe account on loopback; the package docstring tells how to use it."""

    def __init__(self, webhook_url=None, webhook_secret="whsec_test", deliver=True):  # noqa: S107
        self.webhook_url = webhook_url
        self.webhook_secret = webhook_secret
        self.auto_deliver = deliver
        self.state = State()
        self._deliveries = []
        # (API key, Idempotency-Key) -> (request fingerprint, response body); None while running.
        self._idempotent = {}
        # Set while the API answers at once; cleared by hang().
        self._answering = threading.Event()
        self._answering.set()
        self._hang_seconds = None
        self._server = None
        self._thread = None

    def start(self, port=0):
        self._server = _Server(("127.0.0.1", port), _Handler)
        self._server.fake = self
        self.state.base_url = self.url
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="fakestripe", daemon=True
        )
        self._thread.start()
        return self

    def stop(self):
        self.answer()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    def __enter__(self):
        return self if self._server else self.start()

    def __exit__(self, *exc_info):
        self.stop()

    @property
    def url(self):
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def events(self):
        with self.state.lock:
            return copy.deepcopy(self.state.events)

    @property
    def deliveries(self):
        with self.state.lock:
            return list(self._deliveries)

    # Control methods: each returns the events it emitted, already delivered.

    def complete_session(self, session_id, method="card", email=None):
        return self._control(self.state.complete_session, session_id, method, email)

    def async_payment(self, session_id, succeeded=True, debit_date=None):
        """`debit_date` ("YYYY-MM-DD"): the day the bank debited the payer, when not the day
        the debit was submitted."""
        return self._control(self.state.async_payment, session_id, succeeded, debit_date)

    def expire_session(self, session_id):
        return self._control(self.state.expire_session, {}, session_id)

    def pay_invoice(self, invoice_id, succeeded=True):
        return self._control(self.state.pay_invoice, invoice_id, succeeded)

    def next_invoice(self, subscription_id, succeeded=True):
        return self._control(self.state.next_invoice, subscription_id, succeeded)

    def dispute(self, charge_id, amount=None):
        return self._control(self.state.dispute, charge_id, amount)

    def retry_invoice(self, invoice_id, succeeded=True):
        """Stripe's scheduled retry of a failed invoice (retries.py)."""
        return self._control(self.state.retry_invoice, invoice_id, succeeded)

    def configure_retries(self, attempts=None, after=None):
        """The account's retry settings: attempts in all, and "canceled", "unpaid" or
        "past_due" for the subscription after the last one fails (retries.py)."""
        self._control(self.state.configure_retries, attempts, after)
        return []

    def deliver(self, event_id):
        """POST one stored event to webhook_url, signed; returns the HTTP status (None when the
        receiver could not be reached)."""
        if not self.webhook_url:
            raise FakeStripeError("This fake has no webhook_url to deliver to.")
        with self.state.lock:
            body = json.dumps(self.state.get(event_id, "event"), indent=2).encode()
        request = urllib.request.Request(  # noqa: S310 (the URL is the test's own receiver)
            self.webhook_url,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "Stripe-Signature": sign_payload(body, self.webhook_secret),
                "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
            },
        )
        try:
            with _opener.open(request, timeout=30) as response:
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        except OSError as error:
            status = None
            logger.warning("Webhook %s not delivered to %s: %s", event_id, self.webhook_url, error)
        if status is not None:
            logger.info("Webhook %s delivered to %s: %s", event_id, self.webhook_url, status)
        with self.state.lock:
            self._deliveries.append((event_id, status))
        return status

    # A slow Stripe: the API's requests wait before anything is done (control paths do not).

    def hang(self, seconds=None):
        """Each API request waits `seconds`, or, without, until answer() (HANG_LIMIT at most)."""
        self._hang_seconds = seconds
        self._answering.clear()
        return []

    def answer(self):
        """The API answers at once again, hung requests included."""
        self._answering.set()
        return []

    def _wait_to_answer(self):
        if self._answering.is_set():
            return
        if self._hang_seconds is None:
            self._answering.wait(HANG_LIMIT)
        else:
            self._answering.wait(self._hang_seconds)

    def _control(self, action, *args):
        _, emitted = self._run(action, *args)
        return copy.deepcopy(emitted)

    def _run(self, action, *args, request_id=None, idempotency_key=None):
        """Run a State action; deliver its events once the lock is released, since a receiver
        may call the API back."""
        with self.state.transaction(request_id, idempotency_key) as emitted:
            result = action(*args)
        if self.auto_deliver and self.webhook_url:
            for event in emitted:
                self.deliver(event["id"])
        return result, emitted

    def _api_call(self, name, args, params, api_key, request_id, idempotency_key, fingerprint):
        """The JSON answer of an API call, and whether it was replayed for its Idempotency-Key."""
        scope = (api_key, idempotency_key)
        with self.state.lock:
            if idempotency_key and scope in self._idempotent:
                stored = self._idempotent[scope]
                if stored is None:
                    raise FakeStripeError(
                        "There is currently another in-progress request using this Idempotent "
                        f"Key: {idempotency_key}. Please try again later.",
                        status=409,
                        error_type="idempotency_error",
                    )
                if stored[0] != fingerprint:
                    raise FakeStripeError(
                        "Keys for idempotent requests can only be used with the same parameters "
                        f"they were first used with. Try using a key other than '{idempotency_key}'"
                        " if you meant to execute a different request.",
                        error_type="idempotency_error",
                    )
                return stored[1], True
            if idempotency_key:
                self._idempotent[scope] = None

        def action():
            result = getattr(self.state, name)(params, *args)
            return self.state.expand(result, params.get("expand", []))

        try:
            body, _ = self._run(action, request_id=request_id, idempotency_key=idempotency_key)
        except Exception:
            # Like Stripe, a refused request stores nothing: the key may be used again.
            if idempotency_key:
                with self.state.lock:
                    del self._idempotent[scope]
            raise
        if idempotency_key:
            with self.state.lock:
                self._idempotent[scope] = (fingerprint, body)
        return body, False


# Deliveries go straight to the receiver, whatever proxy the environment names.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    fake: FakeStripe


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self):
        self._dispatch("GET")

    def do_POST(self):
        self._dispatch("POST")

    def do_DELETE(self):
        self._dispatch("DELETE")

    def log_message(self, format, *args):
        logger.info("%s %s", self.address_string(), format % args)

    def _dispatch(self, method):
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode() if length else ""
        try:
            if url.path.startswith("/v1/"):
                self._api(method, url.path, body if method == "POST" else url.query)
            elif url.path.startswith("/_fake/"):
                self._control(method, url.path, body)
            else:
                self._hosted_page(method, url.path, body)
        except Exception:
            logger.exception("Fake Stripe failed on %s %s", method, self.path)
            error = {"error": {"type": "api_error", "message": "The fake Stripe server failed."}}
            self._send_json(500, error)

    def _send(self, status, body, content_type, headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _send_json(self, status, data, headers=()):
        body = json.dumps(data, indent=2).encode()
        self._send(status, body, "application/json", headers)

    def _send_html(self, status, html):
        self._send(status, html.encode(), "text/html; charset=utf-8")

    def _api(self, method, path, query):
        self.server.fake._wait_to_answer()
        request_id = new_id("req", 14)
        headers = [("Request-Id", request_id), ("Stripe-Version", API_VERSION)]
        try:
            api_key = self._api_key()
            version = self.headers.get("Stripe-Version")
            if version and version != API_VERSION:
                raise FakeStripeError(f"This fake speaks only API version {API_VERSION}.")
            name, args = _match(API_ROUTES, method, path)
            if name is None:
                raise FakeStripeError(f"Unrecognized request URL ({method}: {path}).", status=404)
            params = parse_params(parse_qsl(query, keep_blank_values=True))
            idempotency_key = self.headers.get("Idempotency-Key") if method == "POST" else None
            body, replayed = self.server.fake._api_call(
                name,
                args,
                params,
                api_key,
                request_id,
                idempotency_key,
                fingerprint=(method, path, params),
            )
        except FakeStripeError as error:
            self._send_json(error.status, error.body(), headers)
            return
        if idempotency_key:
            headers.append(("Idempotency-Key", idempotency_key))
        if replayed:
            headers.append(("Idempotent-Replayed", "true"))
        self._send_json(200, body, headers)

    def _api_key(self):
        scheme, _, key = self.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not key.strip():
            raise FakeStripeError(
                "You did not provide an API key. You need to provide your API key in the "
                "Authorization header, using Bearer auth (e.g. 'Authorization: Bearer "
                "YOUR_SECRET_KEY').",
                status=401,
            )
        key = key.strip()
        if not key.startswith(("sk_test_", "rk_test_")):
            raise FakeStripeError(
                f"Invalid API Key provided: {key[:8]}{'*' * 4}{key[-4:]}", status=401
            )
        return key

    def _control(self, method, path, body):
        fake = self.server.fake
        if method == "GET" and path == "/_fake/events":
            self._send_json(200, {"events": fake.events})
            return
        if method == "GET" and path == "/_fake/deliveries":
            deliveries = [
                {"event_id": event, "status": status} for event, status in fake.deliveries
            ]
            self._send_json(200, {"deliveries": deliveries})
            return
        name, args = _match(CONTROL_ROUTES, method, path)
        try:
            if name is None:
                raise FakeStripeError(f"Unrecognized control URL ({method}: {path}).", status=404)
            try:
                options = json.loads(body or "{}")
                call = inspect.signature(getattr(fake, name)).bind(*args, **options)
            except (TypeError, ValueError) as error:
                raise FakeStripeError(f"Invalid JSON body for {path}: {error}") from None
            result = getattr(fake, name)(*call.args, **call.kwargs)
        except FakeStripeError as error:
            self._send_json(error.status, error.body())
            return
        if name == "deliver":
            self._send_json(200, {"event_id": args[0], "status": result})
        else:
            self._send_json(200, {"events": result})

    def _hosted_page(self, method, path, body):
        state = self.server.fake.state
        checkout = re.fullmatch(r"/c/pay/([^/]+)", path)
        if checkout and method == "POST":
            self._pay(checkout.group(1), dict(parse_qsl(body)))
            return
        with state.lock:
            found = state.objects.get(checkout.group(1)) if checkout and method == "GET" else None
            if found and found["object"] == "checkout.session":
                html = pages.checkout_page(found, state.session_lines(found["id"]))
            else:
                html = None
        if html is None:
            self._send_html(404, pages.message_page("Page introuvable", "Cette page n’existe pas."))
        else:
            self._send_html(200, html)

    def _pay(self, session_id, form):
        """The payer's submit: complete the session (webhooks delivered), then go to success_url."""
        fake = self.server.fake
        try:
            fake.complete_session(session_id, form.get("method", ""), form.get("email") or None)
        except FakeStripeError as error:
            html = pages.message_page("Paiement de test", str(error))
            self._send_html(error.status, html)
            return
        with fake.state.lock:
            success_url = fake.state.objects[session_id]["success_url"]
        if not success_url:
            self._send_html(200, pages.message_page("Paiement de test", "Paiement enregistré."))
            return
        self.send_response(303)
        self.send_header("Location", success_url.replace("{CHECKOUT_SESSION_ID}", session_id))
        self.send_header("Content-Length", "0")
        self.end_headers()
