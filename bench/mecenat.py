"""`python -m bench.mecenat` (run by `make bench`): the Mécénat dashboard and exports at scale.

1. A database of its own (BENCH_MECENAT_DATABASE_URL, default
   postgres://postgres@127.0.0.1:5432/tl_mecenat_bench, dropped and recreated): the site of
   bench/donations.py with 20 campaigns, then, written by INSERT … SELECT generate_series,
   50,000 donors, 5,000 monthly gifts, 1,000,000 gifts over three years (instalments, offline
   gifts, refunds, abandoned checkouts) and 500 partners with 10,000 pledges; then the totals of
   paid gifts the dashboard reads, rebuilt from those gifts as `manage.py rebuild_gift_totals`
   does after such a load (timed apart).
2. The dashboard through Django's whole request stack (test client, production settings, Redis
   site data), signed in as the Mécénat team: SQL queries and median time of 10 requests, for
   this month (the page as it opens), this year, and one campaign.
3. The CSV export of the 1,000,000 gifts, in a process of its own that reads the download to the
   end: its peak memory (the process's maximum resident set, Django included), time and size;
   the XLSX export of the same rows for comparison.

Results are printed and written to bench/mecenat.md.
"""

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench import use_production_settings

DATABASE_URL = os.environ.get(
    "BENCH_MECENAT_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tl_mecenat_bench"
)
REDIS_URL = os.environ.get("BENCH_MECENAT_REDIS_URL", "redis://127.0.0.1:6379/11")
GIFTS = int(os.environ.get("BENCH_MECENAT_GIFTS", "1000000"))
DONORS = 50_000
PLANS = 5_000
CAMPAIGNS = 20
PARTNERS = 500
PLEDGES = 10_000
TIMED_REQUESTS = 10
DASHBOARD_MS_TARGET = 500
DASHBOARD_QUERIES_TARGET = 20
EXPORT_MB_TARGET = 200
USERNAME = "mecenat-bench"
RESULTS = Path(__file__).resolve().parent / "mecenat.md"


def configure() -> None:
    use_production_settings(DATABASE_URL, REDIS_URL=REDIS_URL)


# The data set -----------------------------------------------------------------------------------


def build() -> dict:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection

    from bench import donations
    from campagnes.models import CampaignPage, totals

    started = time.perf_counter()
    first = donations.build_site()
    for n in range(CAMPAIGNS - 1):
        campaign = CampaignPage(
            title=f"Campagne {n + 2}",
            slug=f"campagne-{n + 2}",
            goal_cents=(n % 5 + 1) * 2_000_000,
            start_date=first.start_date,
        )
        first.get_parent().add_child(instance=campaign)
    with connection.cursor() as cursor:
        for statement in SQL:
            cursor.execute(statement)
    # The gifts were written by SQL, around Gift.save(): their totals are rebuilt.
    rebuilt = time.perf_counter()
    totals.rebuild()
    rebuild_seconds = time.perf_counter() - rebuilt
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    user = get_user_model().objects.create_user(USERNAME, f"{USERNAME}@example.org")
    user.groups.add(Group.objects.get(name="Mécénat"))
    return {"seconds": time.perf_counter() - started, "rebuild_seconds": rebuild_seconds}


# Rows drawn from generate_series: amounts, dates and statuses spread by hashes of the row number;
# row n goes to campaign n modulo their number.
CAMPAIGN_IDS = (
    "(SELECT array_agg(page_ptr_id ORDER BY page_ptr_id) AS ids FROM campagnes_campaignpage) "
    "AS campaigns"
)
SQL = [
    f"""
    INSERT INTO campagnes_donor (email, civility, first_name, last_name, address, postcode, city,
        country, company_name, siren, receipt_preference, receipt_by_email, newsletter, language,
        stripe_customer_id, created_at)
    SELECT 'donateur' || n || '@donateurs.example', '', 'Camille', 'Donateur ' || n,
        '1 rue de l''Exemple', '69003', 'Lyon', 'FR', '', '',
        CASE WHEN n % 4 = 0 THEN 'annual' ELSE 'per_gift' END, true, n % 3 = 0, 'fr', '',
        now() - (n % 1100) * interval '1 day'
    FROM generate_series(1, {DONORS}) AS n
    """,  # noqa: S608 -- integers of this module only
    f"""
    INSERT INTO campagnes_plan (landing_page, utm_source, utm_medium, utm_campaign, utm_content,
        utm_term, public_id, amount_cents, currency, status, created_at, cancelled_at,
        stripe_item_id, stripe_status_at, campaign_id, donor_id)
    SELECT '', '', '', '', '', '', gen_random_uuid(), (1 + n % 5) * 1000, 'EUR',
        CASE WHEN n % 10 = 0 THEN 'cancelled' WHEN n % 20 = 1 THEN 'past_due'
             WHEN n % 20 = 2 THEN 'paused' ELSE 'active' END,
        now() - (n % 1000) * interval '1 day',
        CASE WHEN n % 10 = 0 THEN now() - (n % 300) * interval '1 day' END,
        '', 0, campaigns.ids[1 + n % {CAMPAIGNS}], n
    FROM generate_series(1, {PLANS}) AS n, {CAMPAIGN_IDS}
    """,  # noqa: S608 -- integers of this module only
    f"""
    INSERT INTO campagnes_gift (landing_page, utm_source, utm_medium, utm_campaign, utm_content,
        utm_term, public_id, frequency, amount_cents, refunded_cents, currency, status, method,
        is_offline, received_on, note, created_at, paid_at, campaign_id, donor_id, plan_id)
    SELECT '', '', '', '', '', '', gen_random_uuid(),
        CASE WHEN monthly THEN 'monthly' ELSE 'once' END,
        CASE WHEN monthly THEN (1 + plan % 5) * 1000 ELSE 500 + (n * 7919) % 200 * 250 END,
        CASE WHEN n % 100 = 7 THEN 500 WHEN status = 'refunded' THEN 500 + (n * 7919) % 200 * 250
             ELSE 0 END,
        'EUR', status,
        CASE WHEN offline THEN (CASE WHEN n % 2 = 0 THEN 'cheque' ELSE 'transfer' END)
             WHEN monthly THEN 'sepa_debit' ELSE 'card' END,
        offline, CASE WHEN offline THEN (at AT TIME ZONE 'Europe/Paris')::date END, '',
        at - interval '10 minutes',
        CASE WHEN status IN ('paid', 'refunded', 'disputed') THEN at END,
        CASE WHEN monthly THEN campaigns.ids[1 + plan % {CAMPAIGNS}]
             WHEN n % 10 = 3 THEN NULL
             ELSE campaigns.ids[1 + n % {CAMPAIGNS}] END,
        CASE WHEN monthly THEN plan ELSE 1 + (n * 2654435761 / 97) % {DONORS} END,
        CASE WHEN monthly THEN plan END
    FROM (
        SELECT n, n % 10 = 0 AS monthly, 1 + (n / 10) % {PLANS} AS plan,
            n % 20 = 5 AS offline,
            now() - ((n * 2654435761) % (1095 * 86400)) * interval '1 second' AS at,
            CASE WHEN n % 50 = 1 THEN 'refunded' WHEN n % 100 = 2 THEN 'disputed'
                 WHEN n % 50 = 3 THEN 'expired' WHEN n % 50 = 4 THEN 'pending' ELSE 'paid' END
                AS status
        FROM generate_series(1::bigint, {GIFTS}) AS n
    ) AS rows, {CAMPAIGN_IDS}
    """,  # noqa: S608 -- integers of this module only
    f"""
    INSERT INTO campagnes_partner (name, kind, siren, address, postcode, city,
        contact_first_name, contact_last_name, contact_role, contact_email, contact_phone, notes,
        created_at)
    SELECT 'Entreprise ' || n, CASE WHEN n % 5 = 0 THEN 'foundation' ELSE 'company' END,
        lpad((800000000 + n)::text, 9, '0'), '2 place du Marché', '69002', 'Lyon', 'Sophie',
        'Mécène ' || n, 'RSE', 'rse' || n || '@entreprises.example', '', '', now()
    FROM generate_series(1, {PARTNERS}) AS n
    """,  # noqa: S608 -- integers of this module only
    f"""
    INSERT INTO campagnes_pledge (amount_cents, currency, purpose, status, expected_signature_on,
        expected_payment_on, signed_on, received_on, method, agreement, notes, created_at,
        campaign_id, partner_id)
    SELECT (1 + n % 50) * 100000, 'EUR', 'Mécénat ' || n, status,
        current_date + (n % 180 - 90), current_date + (n % 180 - 60),
        CASE WHEN status IN ('signed', 'invoiced', 'received') THEN current_date - n % 400 END,
        CASE WHEN status = 'received' THEN current_date - n % 1000 END, 'transfer', '', '',
        now() - (n % 1000) * interval '1 day',
        campaigns.ids[1 + n % {CAMPAIGNS}],
        1 + n % {PARTNERS}
    FROM (
        SELECT n, (ARRAY['prospect', 'proposal', 'signed', 'invoiced', 'received', 'received',
            'received', 'declined'])[1 + n % 8] AS status
        FROM generate_series(1, {PLEDGES}) AS n
    ) AS rows, {CAMPAIGN_IDS}
    """,  # noqa: S608 -- integers of this module only
]


# Measures ---------------------------------------------------------------------------------------


class Recorder:
    """An execute wrapper keeping each statement: each request empties Django's query log."""

    def __init__(self):
        self.statements = []

    def __call__(self, execute, sql, params, many, context):
        self.statements.append(sql)
        return execute(sql, params, many, context)


def dashboard() -> list[dict]:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    from campagnes.models import CampaignPage

    client = Client()
    client.force_login(get_user_model().objects.get(username=USERNAME))
    campaign = CampaignPage.objects.order_by("pk").first()
    views = [
        ("this month", {}),
        ("this year", {"period": "year"}),
        (
            f"this year, one campaign ({campaign.title})",
            {"period": "year", "campaign": campaign.pk},
        ),
    ]
    results = []
    for label, query in views:
        client.get("/admin/mecenat/", query, HTTP_HOST="127.0.0.1")  # a warm worker
        recorder = Recorder()
        with connection.execute_wrapper(recorder):
            response = client.get("/admin/mecenat/", query, HTTP_HOST="127.0.0.1")
        if response.status_code != 200:
            raise SystemExit(f"The dashboard answered {response.status_code}")
        timings = []
        for _ in range(TIMED_REQUESTS):
            started = time.perf_counter()
            client.get("/admin/mecenat/", query, HTTP_HOST="127.0.0.1")
            timings.append((time.perf_counter() - started) * 1000)
        results.append(
            {
                "label": label,
                "queries": len(recorder.statements),
                "median_ms": statistics.median(timings),
                "max_ms": max(timings),
                "statements": [" ".join(sql.split())[:120] for sql in recorder.statements],
            }
        )
    return results


def export(file_format: str) -> dict:
    """Runs in a process of its own (`python -m bench.mecenat export csv`): its peak memory is
    the export's, plus Django's."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=USERNAME))
    client.get("/admin/mecenat/exports/", HTTP_HOST="127.0.0.1")
    before_kb = memory_kb("VmRSS")
    started = time.perf_counter()
    response = client.get(
        "/admin/mecenat/exports/",
        {"download": "1", "dataset": "gifts", "file_format": file_format},
        HTTP_HOST="127.0.0.1",
    )
    size = lines = 0
    first_byte = None
    for chunk in response.streaming_content:
        if first_byte is None:
            first_byte = time.perf_counter() - started
        size += len(chunk)
        lines += chunk.count(b"\r\n")
    seconds = time.perf_counter() - started
    response.close()
    return {
        "format": file_format,
        "status": response.status_code,
        "bytes": size,
        "rows": lines - 1 if file_format == "csv" else None,
        "seconds": seconds,
        "first_byte_s": first_byte,
        "before_mb": before_kb / 1024,
        "peak_mb": memory_kb("VmHWM") / 1024,
    }


def memory_kb(field: str) -> int:
    """The process's resident memory now (VmRSS) or at its highest (VmHWM), from Linux.

    Not getrusage's ru_maxrss: Linux carries it over from the parent that started the process.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise RuntimeError(f"{field} not in /proc/self/status")


def export_in_own_process(file_format: str) -> dict:
    output = subprocess.run(  # noqa: S603 -- this very module, with the same Python
        [sys.executable, "-m", "bench.mecenat", "export", file_format],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    return json.loads(output.stdout.strip().splitlines()[-1])


def counts() -> dict:
    from campagnes.models import DonorYear, Gift, GiftDay, Plan, Pledge

    return {
        "gifts": Gift.objects.count(),
        "paid": Gift.objects.filter(status="paid").count(),
        "plans": Plan.objects.count(),
        "pledges": Pledge.objects.count(),
        "gift_days": GiftDay.objects.count(),
        "donor_years": DonorYear.objects.count(),
    }


def within_targets(view: dict) -> bool:
    return view["median_ms"] <= DASHBOARD_MS_TARGET and view["queries"] <= DASHBOARD_QUERIES_TARGET


def report(built: dict, sizes: dict, views: list[dict], exports: list[dict]) -> str:
    def verdict(ok: bool) -> str:
        return "PASS" if ok else "FAIL"

    opening, *wider = views
    csv_export = next(result for result in exports if result["format"] == "csv")
    lines = [
        "# Mécénat benchmark",
        "",
        f"`python -m bench.mecenat` (part of `make bench`), {time.strftime('%Y-%m-%d')}, "
        "PostgreSQL and Redis on the same machine, production settings, through Django's test "
        f"client. Data set built in {built['seconds']:.0f} s: {sizes['gifts']:,} gifts "
        f"({sizes['paid']:,} paid) over three years in {CAMPAIGNS} campaigns, {DONORS:,} donors, "
        f"{sizes['plans']:,} monthly gifts, {sizes['pledges']:,} pledges of {PARTNERS} partners. "
        f"Totals of paid gifts rebuilt from them in {built['rebuild_seconds']:.1f} s: "
        f"{sizes['gift_days']:,} daily totals, {sizes['donor_years']:,} donors' years.",
        "",
        "| Figure | Value | Target | Result |",
        "| --- | --- | --- | --- |",
        f"| Dashboard as it opens ({opening['label']}): time, median of {TIMED_REQUESTS} (max) "
        f"| {opening['median_ms']:.0f} ms ({opening['max_ms']:.0f}) | ≤ {DASHBOARD_MS_TARGET} ms "
        f"| {verdict(opening['median_ms'] <= DASHBOARD_MS_TARGET)} |",
        f"| Dashboard as it opens: SQL queries | {opening['queries']} "
        f"| ≤ {DASHBOARD_QUERIES_TARGET} "
        f"| {verdict(opening['queries'] <= DASHBOARD_QUERIES_TARGET)} |",
        f"| CSV export of every gift ({csv_export['rows']:,} rows): peak memory of its process "
        f"| {csv_export['peak_mb']:.0f} MB | ≤ {EXPORT_MB_TARGET} MB "
        f"| {verdict(csv_export['peak_mb'] <= EXPORT_MB_TARGET)} |",
        "",
        "Sums and charts read the daily totals (a row per day, campaign, frequency and "
        "channel), whatever the period. Donors are counted distinct among the period's gifts "
        "for this month (about 20,000 here, and as many the month before); a year to date "
        "counts, without DISTINCT, the donors' first gifts of the year that fall in it (a row "
        "per donor and campaign, one per donor for the network).",
        "",
        "| Dashboard | Time, median (max) | SQL queries | Target | Result |",
        "| --- | --- | --- | --- | --- |",
        *(
            f"| {view['label'][0].upper()}{view['label'][1:]} "
            f"| {view['median_ms']:.0f} ms ({view['max_ms']:.0f}) "
            f"| {view['queries']} | ≤ {DASHBOARD_MS_TARGET} ms, ≤ {DASHBOARD_QUERIES_TARGET} "
            f"| {verdict(within_targets(view))} |"
            for view in wider
        ),
        "",
        "| Export of every gift | Size | Time | First byte | Memory before | Peak memory |",
        "| --- | --- | --- | --- | --- | --- |",
        *(
            f"| {result['format'].upper()} | {result['bytes'] / 1e6:,.0f} MB "
            f"| {result['seconds']:.0f} s | {result['first_byte_s']:.1f} s "
            f"| {result['before_mb']:.0f} MB | {result['peak_mb']:.0f} MB |"
            for result in exports
        ),
        "",
        "The dashboard's queries as it opens:",
        "",
        "```",
        *opening["statements"],
        "```",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    configure()
    if sys.argv[1:2] == ["export"]:
        import django

        django.setup()
        print(json.dumps(export(sys.argv[2])))  # noqa: T201 -- read by the parent process
        return
    from bench.__main__ import recreate_database

    recreate_database(DATABASE_URL)
    import django

    django.setup()
    from django.core.cache import cache

    cache.clear()
    built = build()
    sizes = counts()
    views = dashboard()
    exports = [export_in_own_process("csv"), export_in_own_process("xlsx")]
    text = report(built, sizes, views, exports)
    RESULTS.write_text(text)
    print(text)  # noqa: T201 -- the command's output


if __name__ == "__main__":
    main()
