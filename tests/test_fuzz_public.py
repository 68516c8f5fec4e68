"""No input makes a public address answer 500, and refused input writes nothing.

Property-based: Hypothesis posts and queries every public form and endpoint with what browsers,
bots and copy-pasted links send (NUL bytes, huge strings, any Unicode, numbers as text, missing
and extra fields, lists for single values, unknown choices, broken or hostile files). Each
endpoint runs a fixed, derandomised budget, the same examples on every run; one last test
draws fresh examples at each run, with a small budget, to keep looking.

A failure prints the example and the server's traceback; the test that pins it down then goes
in the folder mirroring the code.
"""

import json
import os
import traceback
import zlib
from struct import pack

from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from campagnes.models import (
    Donor,
    Gift,
    LoginToken,
    Plan,
    StripeEvent,
    Subscription,
    SubscriptionDocument,
    WaitingListEntry,
)
from campagnes.shares.session import SESSION_KEY
from campagnes.stripe.webhooks import registry
from tests import factories
from tests.base import SiteTestCase
from tests.fakestripe import sign_payload
from tests.helpers.donations import donor_fields
from tests.helpers.shares import ANSWERS, PDF_BYTES, PRIVATE_ROOT, png_bytes, share_offering_page

SECRET = "whsec_fuzz"

# Shrinking a failure to its smallest example replays hundreds of page renders (minutes): it is
# for a developer reproducing one locally (FUZZ_SHRINK=1), not for every CI failure.
PHASES = [Phase.explicit, Phase.reuse, Phase.generate]
if os.environ.get("FUZZ_SHRINK"):
    PHASES.append(Phase.shrink)

# A fixed budget per endpoint, the same examples each run (no example database in the tree).
FIXED = settings(
    phases=PHASES,
    max_examples=25,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# Fresh examples at each run; a failure prints the blob that replays it (@reproduce_failure).
RANDOM = settings(
    phases=PHASES,
    max_examples=30,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --- Values ---------------------------------------------------------------------------------------

# Any character a browser can send (surrogates cannot be encoded in UTF-8).
CHARS = st.characters(exclude_categories=("Cs",))
texts = st.one_of(
    st.text(CHARS, max_size=40),
    st.text(CHARS, max_size=10).map(lambda s: f"{s}\x00{s}"),
    st.integers(min_value=300, max_value=120_000).map(lambda n: "é" * n),
    st.integers().map(str),
    st.floats().map(str),
    st.decimals(allow_nan=True).map(str),
    st.sampled_from(["", " ", "0", "-1", "1e309", "NaN", "∞", "٣٠", "１２", "5000", "other"]),
    st.sampled_from(["once", "monthly", "weekly", "MENSUEL", "true", "on", "null", "[]", "{}"]),
)
# A form field's value: one text, or several values for the same name (`a=1&a=2`).
values = st.one_of(texts, texts, st.lists(texts, min_size=2, max_size=3))
names = st.text(st.characters(codec="ascii", categories=("L", "N")), min_size=1, max_size=12)
MISSING = object()
VALID = object()


def mutated(base: dict, extra_keys=()) -> st.SearchStrategy[dict]:
    """The valid answers with some fields replaced by odd values, some dropped, some added."""
    fields = {
        key: st.one_of(st.just(value), st.just(MISSING), values) for key, value in base.items()
    }
    extra = st.dictionaries(st.one_of(names, st.sampled_from(list(extra_keys) or ["x"])), values)
    return st.tuples(st.fixed_dictionaries(fields), extra).map(
        lambda pair: {k: v for k, v in {**pair[1], **pair[0]}.items() if v is not MISSING}
    )


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return pack(">I", len(data)) + kind + data + pack(">I", zlib.crc32(kind + data))


def bomb_png() -> bytes:
    """A 60 000 × 60 000 PNG in a hundred bytes: Pillow refuses it as a decompression bomb."""
    header = png_chunk(b"IHDR", pack(">IIBBBBB", 60_000, 60_000, 8, 2, 0, 0, 0))
    data = png_chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
    return b"\x89PNG\r\n\x1a\n" + header + data + png_chunk(b"IEND", b"")


file_names = st.one_of(
    st.sampled_from(["cni.pdf", "facture.png", "scan.jpg", "photo.heic", "a", ".png", "x.exe"]),
    st.text(CHARS, min_size=1, max_size=300).filter(lambda s: "\x00" not in s),
)
file_bytes = st.one_of(
    st.binary(max_size=2_000),
    st.integers(min_value=0, max_value=80).map(lambda n: png_bytes()[:n]),
    st.just(bomb_png()),
    st.just(PDF_BYTES[:20]),
    st.just(PDF_BYTES),
    st.just(png_bytes()),
)
content_types = st.sampled_from(
    ["application/octet-stream", "image/png", "application/pdf", "text/plain", "", "image/heic"]
)
uploads = st.builds(SimpleUploadedFile, file_names, file_bytes, content_types)


# Every fixed-budget test, by name: its undecorated body and its strategies, for the fresh run.
CASES: dict[str, tuple] = {}


def fuzz(**strategies):
    """A fixed-budget property test whose strategies the fresh run draws from too."""

    def decorate(test):
        CASES[test.__name__] = (test, strategies)
        return FIXED(given(**strategies)(test))

    return decorate


def odd_queries(known=()) -> st.SearchStrategy[dict]:
    keys = st.one_of(names, st.sampled_from(list(known) or ["q"]))
    return st.dictionaries(keys, values, max_size=4)


# --- The site -------------------------------------------------------------------------------------


class ForgivingClient(Client):
    """A 500 comes back as a response, with its traceback on `response.exc_info`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, raise_request_exception=False, **kwargs)


@override_settings(
    STRIPE_WEBHOOK_SECRET=SECRET,
    PRIVATE_MEDIA_ROOT=PRIVATE_ROOT,
    # Every example is a new visitor on the same address: the limits must not answer first.
    CHECKOUT_LIMIT_PER_EMAIL=10_000,
    CHECKOUT_LIMIT_PER_IP=10_000,
)
class PublicInputTestCase(HypothesisTestCase, SiteTestCase):
    client_class = ForgivingClient

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        factories.donation_settings(cls.site)
        cls.index = factories.campaign_index_page(cls.home)
        cls.campaign = factories.campaign_page(cls.index)
        cls.lieux = factories.lieu_index_page(cls.home)
        cls.lieu = factories.lieu_page(cls.lieux, complete=True)
        cls.offering = share_offering_page(cls.home)

    def setup_example(self):
        super().setup_example()
        # Throttles and the page cache live in the cache: each example starts afresh.
        cache.clear()

    def assertNo500(self, response, example=None):
        if response.status_code >= 500:
            error = getattr(response, "exc_info", None)
            trace = "".join(traceback.format_exception(*error)) if error else ""
            self.fail(f"{response.status_code} for {example!r:.2000}\n{trace}")

    def answered_before(self, slug: str) -> None:
        """The session of an investor who has answered every step before `slug`."""
        order = [*STEPS[:4], "justificatifs", *STEPS[4:]]
        answers = {each: ANSWERS.get(each, {}) for each in order[: order.index(slug)]}
        session = self.client.session
        session[SESSION_KEY] = {str(self.offering.pk): {"answers": answers}}
        session.save()

    def post_event(self, body: bytes, signature: str | None):
        headers = {"Stripe-Signature": signature} if signature is not None else {}
        return self.client.post(
            "/stripe/webhook/", body, content_type="application/json", headers=headers
        )

    def counts(self, *models) -> dict:
        return {model.__name__: model.objects.count() for model in models}

    def assertRefusalWroteNothing(self, before: dict, models, refused: bool):
        if refused:
            self.assertEqual(self.counts(*models), before, "a refused input wrote rows")


def refused(response) -> bool:
    """A refusal: a 4xx, or the form again (a 200 page) instead of the next step's redirect."""
    return 400 <= response.status_code < 500 or response.status_code == 200


DONATION_MODELS = (Gift, Plan, Donor)


class DonationFormFuzz(PublicInputTestCase):
    """Stripe is not configured: even a valid form is refused, so nothing may ever be written."""

    @fuzz(
        fields=mutated(donor_fields(), extra_keys=["lieu", "other_amount", "is_company"]),
        # Mostly the real page, so that the form itself is reached.
        page=st.one_of(st.just(VALID), st.just(VALID), st.just(VALID), st.just(MISSING), values),
    )
    def test_the_donation_form_refuses_without_500(self, fields, page):
        data = dict(fields)
        if page is not MISSING:
            data["page"] = self.campaign.pk if page is VALID else page
        for language in ("fr", "en"):
            with translation.override(language):
                url = reverse("campagnes:donate")
            before = self.counts(*DONATION_MODELS)
            response = self.client.post(url, data)
            self.assertNo500(response, data)
            self.assertEqual(self.counts(*DONATION_MODELS), before)

    @fuzz(body=st.binary(max_size=300))
    def test_a_raw_body_that_is_not_utf8_is_refused(self, body):
        response = self.client.generic(
            "POST", "/fr/don/", body, content_type="application/x-www-form-urlencoded"
        )
        self.assertNo500(response, body)
        self.assertEqual(self.counts(*DONATION_MODELS), dict.fromkeys(["Gift", "Plan", "Donor"], 0))


class SignInFuzz(PublicInputTestCase):
    @fuzz(space=st.sampled_from(["donor_login", "investor_login"]), data=odd_queries(["email"]))
    def test_a_link_request_refuses_without_500(self, space, data):
        before = self.counts(LoginToken)
        response = self.client.post(reverse(f"campagnes:{space}"), data)
        self.assertNo500(response, data)
        sent = "campagnes/spaces/donor/link_sent.html" in [t.name for t in response.templates]
        self.assertRefusalWroteNothing(before, (LoginToken,), not sent)

    @fuzz(query=odd_queries(["token"]), post=st.booleans())
    def test_a_sign_in_link_with_any_token_is_refused_without_500(self, query, post):
        url = reverse("campagnes:donor_link")
        response = self.client.post(url, query) if post else self.client.get(url, query)
        self.assertNo500(response, query)


STEPS = ["investisseur", "identite", "coordonnees", "parts", "declarations", "recapitulatif"]
CONFIRMATION = {"payment_method": "transfer", "accepted_name": "L. Bernard"}
SHARE_MODELS = (Subscription, SubscriptionDocument, WaitingListEntry)


class BulletinFuzz(PublicInputTestCase):
    @fuzz(
        step=st.sampled_from(STEPS).flatmap(
            lambda slug: st.tuples(st.just(slug), mutated(ANSWERS.get(slug, CONFIRMATION)))
        ),
    )
    def test_each_step_refuses_without_500(self, step):
        slug, data = step
        self.answered_before(slug)
        before = self.counts(*SHARE_MODELS)
        response = self.client.post(f"/fr/souscription/{self.offering.pk}/{slug}/", data)
        self.assertNo500(response, (slug, data))
        self.assertRefusalWroteNothing(before, SHARE_MODELS, refused(response))

    @fuzz(
        files=st.fixed_dictionaries(
            {},
            optional={
                "identity": st.one_of(uploads, st.lists(uploads, min_size=2, max_size=2), texts),
                "address_proof": st.one_of(uploads, texts),
            },
        )
    )
    def test_the_documents_step_refuses_bad_files_without_500(self, files):
        self.answered_before("justificatifs")
        before = self.counts(*SHARE_MODELS)
        response = self.client.post(f"/fr/souscription/{self.offering.pk}/justificatifs/", files)
        self.assertNo500(response, {k: getattr(v, "name", v) for k, v in files.items()})
        self.assertRefusalWroteNothing(before, SHARE_MODELS, refused(response))

    @fuzz(
        page_id=st.one_of(st.just(None), st.integers(min_value=0, max_value=2**63)),
        slug=st.one_of(st.sampled_from([*STEPS, "justificatifs", "identity"]), names),
        query=odd_queries(["offre", "paiement"]),
    )
    def test_any_bulletin_address_answers_without_500(self, page_id, slug, query):
        page_id = self.offering.pk if page_id is None else page_id
        for url in (
            f"/fr/souscription/{page_id}/",
            f"/en/subscription/{page_id}/{slug}/",
            f"/fr/souscription/{page_id}/liste-attente/",
        ):
            self.assertNo500(self.client.get(url, query), (url, query))
            self.assertNo500(self.client.post(url, query), (url, query))


class SearchAndListsFuzz(PublicInputTestCase):
    @fuzz(query=odd_queries(["q", "type", "page"]), language=st.sampled_from(["fr", "en"]))
    def test_search_and_its_count_answer_without_500(self, query, language):
        with translation.override(language):
            search = reverse("search")
        for url in (search, f"/{language}/recherche/lieux/"):
            self.assertNo500(self.client.get(url, query), (url, query))
        # The count is posted by the results page's script, with a token and the page's origin.
        headers = {"Origin": "http://testserver", "Referer": f"http://testserver{search}"}
        response = self.client.post("/search/count/", query, headers=headers)
        self.assertNo500(response, query)
        self.assertIn(response.status_code, (204, 400))

    @fuzz(query=odd_queries(["region", "ville", "activite", "public", "page"]))
    def test_the_lieux_filters_answer_without_500(self, query):
        response = self.client.get(self.lieux.url, query)
        self.assertNo500(response, query)
        self.assertIn(response.status_code, (200, 301, 302, 404))

    @fuzz(query=odd_queries(["format", "lang", "page"]))
    def test_open_data_answers_without_500(self, query):
        for url in ("/opendata/lieux.geojson", "/opendata/lieux.csv"):
            self.assertNo500(self.client.get(url, query), (url, query))

    @fuzz(
        query=odd_queries(["montant", "frequence", "page", "utm_source", "ville", "q", "lang"]),
    )
    def test_public_pages_with_odd_query_strings_answer_without_500(self, query):
        for url in (
            "/fr/",
            "/en/",
            self.lieux.url,
            self.lieu.url,
            self.campaign.url,
            self.offering.url,
            "/robots.txt",
            "/sitemap.xml",
            "/healthz",
            reverse("campagnes:donor_space"),
            reverse("campagnes:investor_space"),
        ):
            self.assertNo500(self.client.get(url, query), (url, query))


# --- Stripe's webhook -----------------------------------------------------------------------------

json_leaves = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(CHARS, max_size=20)
)
json_values = st.recursive(
    json_leaves,
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)
OBJECT_KEYS = [
    "id",
    "object",
    "mode",
    "status",
    "metadata",
    "payment_intent",
    "subscription",
    "customer",
    "amount_total",
    "amount",
    "amount_refunded",
    "invoice",
    "charge",
    "created",
    "currency",
    "payment_status",
    "lines",
    "reason",
]


def stripe_objects() -> st.SearchStrategy[dict]:
    return st.dictionaries(st.sampled_from(OBJECT_KEYS), json_values, max_size=8)


def events() -> st.SearchStrategy:
    types = st.one_of(
        st.sampled_from(sorted(registry.event_types()) or ["x"]), st.text(max_size=20)
    )
    event = st.fixed_dictionaries(
        {
            "id": st.one_of(st.text(CHARS, min_size=1, max_size=30), json_values),
            "type": types,
            "created": st.one_of(st.integers(min_value=0, max_value=2**40), json_values),
            "data": st.one_of(st.fixed_dictionaries({"object": stripe_objects()}), json_values),
        }
    )
    return st.one_of(event, json_values)


class WebhookFuzz(PublicInputTestCase):
    @fuzz(
        body=st.one_of(st.binary(max_size=500), events().map(lambda e: json.dumps(e).encode())),
        signature=st.one_of(st.none(), st.text(CHARS, max_size=80), st.just("t=1,v1=00")),
    )
    def test_an_unsigned_event_is_refused_without_500(self, body, signature):
        response = self.post_event(body, signature)
        self.assertEqual(response.status_code, 400, response.content[:200])
        self.assertEqual(StripeEvent.objects.count(), 0)

    @fuzz(event=events())
    def test_a_signed_malformed_event_answers_without_500(self, event):
        body = json.dumps(event).encode()
        response = self.post_event(body, sign_payload(body, SECRET))
        self.assertNo500(response, event)


# --- Fresh examples at each run ---------------------------------------------------------------


class FreshExamples(PublicInputTestCase):
    """New examples at each run, over all the endpoints above (their budgets are fixed)."""

    @RANDOM
    @given(data=st.data())
    def test_fresh_examples_anywhere(self, data):
        test, strategies = CASES[data.draw(st.sampled_from(sorted(CASES)), label="test")]
        test(self, **{key: data.draw(strategy, label=key) for key, strategy in strategies.items()})
