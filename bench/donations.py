"""`python -m bench.donations` (run by `make bench`): the donation figures of the issue.

1. Webhook events processed per second: `checkout.session.completed` events for pending gifts,
   signed as Stripe signs them and posted to the endpoint through Django's whole request stack
   by WEBHOOK_PROCESSES processes at once (as gunicorn workers would), on PostgreSQL; each gift
   gets its receipt number. Tasks are only queued (TASKS_BACKEND=dummy): emails and PDFs belong to
   the worker, not to the webhook.
2. A campaign page with 100,000 confirmed gifts, in a table that also holds other campaigns'
   gifts and unconfirmed ones: its SQL queries, render time and the total's query plan.

It uses a database of its own (BENCH_DONATIONS_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/tierslieux_bench_donations), dropped and recreated.
"""

import json
import os
import statistics
import time
from pathlib import Path

from bench import use_production_settings

DATABASE_URL = os.environ.get(
    "BENCH_DONATIONS_DATABASE_URL",
    "postgres://postgres@127.0.0.1:5432/tierslieux_bench_donations",
)
WEBHOOK_EVENTS = int(os.environ.get("BENCH_WEBHOOK_EVENTS", "4000"))
WEBHOOK_PROCESSES = int(os.environ.get("BENCH_WEBHOOK_PROCESSES", "4"))
CAMPAIGN_GIFTS = 100_000
WEBHOOK_TARGET = 200
CAMPAIGN_QUERY_TARGET = 10
SECRET = "whsec_bench"  # noqa: S105 -- a throwaway webhook secret for a local database
RESULTS = Path(__file__).resolve().parent / "donations.md"


def configure() -> None:
    use_production_settings(
        DATABASE_URL,
        STRIPE_SECRET_KEY="sk_test_bench",  # noqa: S106 -- never sent: no Stripe call
        STRIPE_WEBHOOK_SECRET=SECRET,
    )
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/14")


def build_site():
    import datetime

    from django.core.management import call_command

    from wagtail.models import Locale, Page, Site

    from campagnes.models import CampaignIndexPage, CampaignPage, DonationSettings, SuggestedAmount
    from home.models import HomePage, OrganisationSettings

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    fr, _ = Locale.objects.get_or_create(language_code="fr")
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Réseau", slug="accueil", locale=fr))
    site = Site.objects.get(is_default_site=True)
    site.root_page, site.hostname = home, "127.0.0.1"
    site.save()
    root.get_children().exclude(pk=home.pk).delete()
    index = home.add_child(instance=CampaignIndexPage(title="Campagnes", slug="campagnes"))
    today = datetime.date.today()
    campaign = CampaignPage(
        title="Une cuisine pour La Boussole",
        slug="cuisine",
        goal_cents=2_500_000_000,
        start_date=today - datetime.timedelta(days=300),
        end_date=today + datetime.timedelta(days=60),
    )
    campaign.suggested_amounts = [
        SuggestedAmount(frequency="once", amount_cents=cents, impact="Un repas partagé")
        for cents in (3000, 6000, 15000)
    ]
    index.add_child(instance=campaign)
    for page in (home, index, campaign):
        page.save_revision().publish()
    # Settings exist on a live site: created by the first request, they would invalidate the
    # site data the page measured next relies on.
    OrganisationSettings.for_site(site)
    DonationSettings.for_site(site)
    return campaign


def add_gifts(campaign, count: int, status: str, prefix: str) -> list:
    from campagnes.models import Donor, Gift

    donors = Donor.objects.bulk_create(
        Donor(
            email=f"{prefix}{n}@donateurs.example",
            first_name="Camille",
            last_name=f"Donateur {n}",
            address="1 rue de l'Exemple",
            postcode="69003",
            city="Lyon",
        )
        for n in range(max(1, count // 20))
    )
    gifts = Gift.objects.bulk_create(
        (
            Gift(
                donor=donors[n % len(donors)],
                campaign=campaign,
                amount_cents=1000 + (n % 50) * 500,
                status=status,
                stripe_checkout_session_id=f"cs_{prefix}{n}" if status == "pending" else None,
            )
            for n in range(count)
        ),
        batch_size=5000,
    )
    return gifts


def signed_event(gift, n: int) -> tuple[bytes, str]:
    from tests.fakestripe import sign_payload

    event = {
        "id": f"evt_bench_{n}",
        "object": "event",
        "api_version": "2026-10-28.endive",
        "created": int(time.time()),
        "type": "checkout.session.completed",
        "data": {
            "object": {
                "id": gift.stripe_checkout_session_id,
                "object": "checkout.session",
                "mode": "payment",
                "status": "complete",
                "payment_status": "paid",
                "amount_total": gift.amount_cents,
                "currency": "eur",
                "customer": f"cus_bench_{gift.donor_id}",
                "payment_intent": f"pi_bench_{n}",
                "metadata": {"gift_id": str(gift.pk)},
            }
        },
    }
    body = json.dumps(event).encode()
    return body, sign_payload(body, SECRET)


def post_events(events: list[tuple[bytes, str]]) -> list[int]:
    from django.test import Client

    client = Client()
    return [
        client.post(
            "/stripe/webhook/",
            body,
            content_type="application/json",
            headers={"Stripe-Signature": header},
            HTTP_HOST="127.0.0.1",
        ).status_code
        for body, header in events
    ]


def webhook_rate(campaign) -> dict:
    import multiprocessing

    from django.db import connections

    from campagnes.models import Gift

    gifts = add_gifts(campaign, WEBHOOK_EVENTS, "pending", "webhook")
    events = [signed_event(gift, n) for n, gift in enumerate(gifts)]
    slices = [events[n::WEBHOOK_PROCESSES] for n in range(WEBHOOK_PROCESSES)]
    connections.close_all()  # each process opens its own connection
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(WEBHOOK_PROCESSES) as pool:
        statuses = [status for part in pool.map(post_events, slices) for status in part]
    seconds = time.perf_counter() - started
    paid = Gift.objects.filter(stripe_checkout_session_id__startswith="cs_webhook", status="paid")
    return {
        "events": len(events),
        "seconds": seconds,
        "per_second": len(events) / seconds,
        "errors": sum(status != 200 for status in statuses),
        "confirmed": paid.count(),
    }


def campaign_page(campaign) -> dict:
    from django.db import connection
    from django.test import Client

    add_gifts(campaign, CAMPAIGN_GIFTS, "paid", "page")
    # Noise a real table holds: other campaigns' gifts and this one's unconfirmed attempts.
    add_gifts(other_campaign(campaign), CAMPAIGN_GIFTS // 2, "paid", "other")
    add_gifts(campaign, CAMPAIGN_GIFTS // 5, "expired", "expired")
    with connection.cursor() as cursor:
        # What autovacuum does on a live site: statistics and the visibility map.
        cursor.execute("VACUUM ANALYZE campagnes_gift")
    client = Client()
    url = campaign.url
    client.get(url, HTTP_HOST="127.0.0.1")  # warm the process as a worker would be
    statements = []

    def record(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    # An execute wrapper, not CaptureQueriesContext: each request empties Django's query log.
    with connection.execute_wrapper(record):
        response = client.get(url, HTTP_HOST="127.0.0.1")
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    timings = []
    for _ in range(10):
        started = time.perf_counter()
        client.get(url, HTTP_HOST="127.0.0.1")
        timings.append((time.perf_counter() - started) * 1000)
    sql, params = next(item for item in statements if "campagnes_gift" in item[0])
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN ANALYZE " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    campaign.refresh_from_db()
    return {
        "status": response.status_code,
        "queries": len(statements),
        "statements": [" ".join(sql.split())[:110] for sql, _ in statements],
        "render_ms": statistics.median(timings),
        "gifts": CAMPAIGN_GIFTS,
        "raised": campaign.progress.raised_cents,
        "plan": plan,
    }


def other_campaign(campaign):
    from campagnes.models import CampaignPage

    other = CampaignPage(
        title="Ouvrir Les Partageurs",
        slug="partageurs",
        goal_cents=1_200_000,
        start_date=campaign.start_date,
    )
    campaign.get_parent().add_child(instance=other)
    return other


def report(webhooks: dict, page: dict) -> str:
    def verdict(ok: bool) -> str:
        return "PASS" if ok else "FAIL"

    index_only = "Index Only Scan" in page["plan"]
    lines = [
        "# Donation benchmark",
        "",
        f"`python -m bench.donations` (part of `make bench`), {time.strftime('%Y-%m-%d')}, "
        f"PostgreSQL on the same machine, production settings; webhooks posted by "
        f"{WEBHOOK_PROCESSES} processes at once.",
        "",
        "| Figure | Value | Target | Result |",
        "| --- | --- | --- | --- |",
        f"| Webhook events processed per second | {webhooks['per_second']:,.0f} "
        f"({webhooks['events']:,} events in {webhooks['seconds']:.1f} s, "
        f"{webhooks['errors']} errors, {webhooks['confirmed']:,} gifts confirmed) "
        f"| ≥ {WEBHOOK_TARGET} | {verdict(webhooks['per_second'] >= WEBHOOK_TARGET)} |",
        f"| SQL queries of a campaign page with {page['gifts']:,} gifts "
        f"({page['raised'] // 100:,} € raised) | {page['queries']} "
        f"| ≤ {CAMPAIGN_QUERY_TARGET} | {verdict(page['queries'] <= CAMPAIGN_QUERY_TARGET)} |",
        f"| Render time of that page (median of 10) | {page['render_ms']:.1f} ms | | |",
        f"| Campaign total read by an index-only scan | {'yes' if index_only else 'no'} | yes "
        f"| {verdict(index_only)} |",
        "",
        "The page's queries:",
        "",
        "```",
        *page["statements"],
        "```",
        "",
        "The total's query plan:",
        "",
        "```",
        page["plan"],
        "```",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    configure()
    from bench.__main__ import recreate_database

    recreate_database(DATABASE_URL)
    import django

    django.setup()
    campaign = build_site()
    # The page first: the forked webhook processes share the parent's Redis connections.
    page = campaign_page(campaign)
    webhooks = webhook_rate(campaign)
    text = report(webhooks, page)
    RESULTS.write_text(text)
    print(text)  # noqa: T201 -- the command's output


if __name__ == "__main__":
    main()
