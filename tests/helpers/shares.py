"""Share offering test support: an offering page, a bulletin filled step by step, held shares.

Uploads go to a temporary PRIVATE_MEDIA_ROOT (tests override the setting with PRIVATE_ROOT).
"""

import datetime
import io
import tempfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from wagtail.documents import get_document_model
from wagtail.models import Collection

from PIL import Image

from campagnes.models import RiskWarning, ShareOfferingPage, Subscription
from campagnes.shares import allocation
from tests import factories

PRIVATE_ROOT = tempfile.mkdtemp(prefix="private-test-")
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), (10, 120, 60)).save(buffer, format="PNG")
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def wagtail_document(title: str):
    # A transactional test may run after another has emptied the tables, root collection included.
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    return get_document_model().objects.create(
        title=title, file=SimpleUploadedFile("information.pdf", PDF_BYTES)
    )


OFFERING_DOCUMENTS = {
    "information_document": "Document d'information",
    "statutes": "Statuts",
    "annual_report": "Rapport annuel",
}


def share_offering_page(parent, **fields) -> ShareOfferingPage:
    today = datetime.date.today()
    warning = fields.pop("risk_warning", None) or RiskWarning.objects.create(
        locale=factories.locale("fr"),
        title="Avertissement sur les risques",
        text="<p>Risque de perte totale ou partielle du capital investi.</p>",
    )
    defaults = {
        "title": "Souscrivez au capital de la Foncière solidaire",
        "slug": "fonciere",
        "security_kind": "esus_shares",
        "issuer_name": "Foncière des tiers-lieux",
        "issuer_legal_form": "SAS",
        "issuer_share_capital_cents": 10_000_000,
        "issuer_registration": "RCS Lyon 123 456 789",
        "issuer_office": "12 rue de la Paix\n69003 Lyon",
        "price_cents": 10_000,
        "nominal_cents": 10_000,
        "min_shares": 2,
        "max_shares_per_investor": 50,
        "total_shares": 100,
        "opens_on": today - datetime.timedelta(days=10),
        "closes_on": today + datetime.timedelta(days=50),
        "risk_warning": warning,
        "tax_benefit": "<p>Réduction d’impôt de 25 % du montant investi.</p>",
    }
    # The documents the bulletin makes investors certify: an offering cannot be published
    # without them.
    for field, title in OFFERING_DOCUMENTS.items():
        if field not in fields:
            existing = get_document_model().objects.filter(title=title).first()
            defaults[field] = existing or wagtail_document(title)
    defaults.update(fields)
    return factories.publish(parent, ShareOfferingPage(**defaults))


ANSWERS = {
    "investisseur": {"investor_type": "person"},
    "identite": {
        "civility": "mme",
        "first_name": "Louise",
        "last_name": "Bernard",
        "birth_date": "1980-05-17",
        "birth_place": "Saint-Étienne",
        "nationality": "française",
    },
    "coordonnees": {
        "address": "3 place des Tilleuls",
        "postcode": "42400",
        "city": "Saint-Chamond",
        "country": "France",
        "email": "louise.bernard@example.org",
        "phone": "06 00 00 00 00",
    },
    "parts": {"shares": "5"},
    "declarations": {"read_documents": "on", "understood_risks": "on", "own_account": "on"},
}


def held_subscription(page, shares: int, email: str, status: str = "reserved", **fields):
    """A subscription whose shares are taken off the offer, as a confirmed bulletin's are."""
    with transaction.atomic():
        allocation.take(page, shares)
        return Subscription.objects.create(
            page=page, status=status, shares=shares, email=email, **fields
        )


class BulletinSteps:
    """Fills the bulletin as an investor does, one step at a time (needs self.page)."""

    def step_url(self, slug: str) -> str:
        return f"/fr/souscription/{self.page.pk}/{slug}/"

    def post_step(self, slug: str, data: dict | None = None, **extra):
        return self.client.post(self.step_url(slug), data or ANSWERS.get(slug, {}), **extra)

    def go_to(self, last: str) -> None:
        """Answer every step before `last`, which is left to the test."""
        for slug in ("investisseur", "identite", "coordonnees", "parts"):
            if slug == last:
                return
            self.assertEqual(self.post_step(slug).status_code, 302, slug)
        if last == "justificatifs":
            return
        self.post_documents()
        if last != "declarations":
            self.post_step("declarations")

    def post_documents(self, identity=None, address_proof=None):
        return self.post_step(
            "justificatifs",
            {
                "identity": identity or upload("cni.pdf", PDF_BYTES),
                "address_proof": address_proof or upload("facture.png", png_bytes()),
            },
        )

    def subscribe(self, payment_method="transfer", **extra):
        self.go_to("recapitulatif")
        return self.post_step(
            "recapitulatif",
            {"accepted_name": "louise  BERNARD", "payment_method": payment_method},
            **extra,
        )
