"""The share offering of the demo, its risk warning in both languages, and a few investors at
every stage, so that the progress bar, the register and the Finance admin show something."""

import datetime

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from campagnes.models import RiskWarning, ShareOfferingPage, Subscription
from campagnes.models.shares import SharePaymentMethod
from campagnes.shares import lifecycle as share_lifecycle
from home.demo.context import DemoContext
from home.factories import publish

from .content.shares import INVESTOR_DOMAIN, INVESTORS, ISSUER, OFFERING, RISK_WARNING
from .documents import offering_documents


def risk_warning_html(language: str) -> str:
    return "".join(f"<p>{getattr(paragraph, language)}</p>" for paragraph in RISK_WARNING["text"])


def ensure_share_offering(context: DemoContext) -> int:
    home = context.home
    existing = ShareOfferingPage.objects.child_of(home).first()
    if existing is not None:
        return ensure_offering_documents(existing)
    warning = RiskWarning.objects.create(
        locale=home.locale, title=RISK_WARNING["title"].fr, text=risk_warning_html("fr")
    )
    english = warning.copy_for_translation(context.en)
    english.title = RISK_WARNING["title"].en
    english.text = risk_warning_html("en")
    english.save()
    page = ShareOfferingPage(
        title=OFFERING["title"].fr,
        slug=OFFERING["slug"].fr,
        intro=OFFERING["intro"].fr,
        image=context.images[OFFERING["image"]],
        tax_benefit=f"<p>{OFFERING['tax_benefit'].fr}</p>",
        risk_warning=warning,
        **offering_documents(),
        **ISSUER,
    )
    context.pages[page.slug] = publish(home, page)
    return 1


def ensure_offering_documents(page: ShareOfferingPage) -> int:
    """Gives an offering of an older demo the documents it now needs to open, on the French
    page and its translations (which synchronise them); returns the pages changed."""
    if not page.missing_documents:
        return 0
    documents = offering_documents()
    changed = 0
    for each in ShareOfferingPage.objects.filter(translation_key=page.translation_key):
        for field, document in documents.items():
            setattr(each, field, document)
        each.save_revision().publish()
        changed += 1
    return changed


def ensure_demo_investors(page: ShareOfferingPage) -> int:
    """Subscriptions taken through the real lifecycle. The investors are fictitious: the emails
    their steps would send are kept in memory instead."""
    if Subscription.objects.filter(email__endswith=f"@{INVESTOR_DOMAIN}").exists():
        return 0
    signed = timezone.now() - datetime.timedelta(days=20)
    with (
        override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
        transaction.atomic(),
    ):
        for n, (first_name, shares, stage) in enumerate(INVESTORS):
            subscription = Subscription(
                page=page,
                investor_type="person",
                civility="",
                first_name=first_name,
                last_name=f"Démo {n + 1}",
                birth_date=datetime.date(1970 + 5 * n, 3, 1 + n),
                birth_place="Lyon",
                nationality="française",
                address="1 rue de l'Exemple",
                postcode="69003",
                city="Lyon",
                country="France",
                email=f"{first_name.lower()}@{INVESTOR_DOMAIN}",
                phone="04 00 00 00 00",
                shares=shares,
                price_cents=page.price_cents,
                amount_cents=shares * page.price_cents,
                risk_warning=page.risk_warning,
                read_documents=True,
                understood_risks=True,
                own_account=True,
                accepted_name=f"{first_name} Démo {n + 1}",
                accepted_at=signed + datetime.timedelta(days=n),
            )
            share_lifecycle.reserve(subscription, SharePaymentMethod.TRANSFER)
            subscription.save()
            if stage == "reserved":
                continue
            share_lifecycle.transfer_received(subscription, subscription.accepted_at)
            if stage == "paid":
                continue
            share_lifecycle.approve(subscription)
            if stage == "issued":
                share_lifecycle.issue(subscription)
    return len(INVESTORS)
