"""Phase "front" of `make bench` (BENCH_PHASES=front): the pages through Varnish beside nginx
serving the same HTML as static files, a publish seen through Varnish, and a peak of gifts.

1. gunicorn as in the other phases (production settings, page cache primed) with FRONT_CACHE_URLS
   naming a varnishd of the bench's own: Debian's, with the repository's VCL (deploy/varnish/) and
   a generated backend.vcl. Beside it, nginx (Debian's, as this process's child, `daemon off`)
   serves each page's HTML, fetched once through Varnish, as a static file: the fastest this
   machine serves those bytes. For each page, wrk runs through Varnish and nginx in turn
   (Varnish, nginx, nginx, Varnish: BENCH_SECONDS / 2 each), so that other work on the machine
   weighs on both alike. Targets: through Varnish, ≥ 50 % of nginx's req/s and p99 ≤ 10 ms.
   Pages with a form (campaign, donate, share offering) are not stored by Varnish today: their
   row says PASS or MISS in the X-Cache column and fails, which is the truth being measured.
2. A publish: a French page already in Varnish gets a new title, published through Wagtail's API
   in a process with the server's settings; Varnish is polled until the new title shows.
   Target: within 1 s of the editor's publish.
3. The peak: wrk's 8 connections on the French campaign page through Varnish while a thread posts
   signed `checkout.session.completed` webhooks (through Varnish, as Stripe would) confirming
   pending gifts, and another polls the page's progress bar. Staleness is, for each confirmed
   gift, the time from the webhook's answer to the first poll showing a total that includes it.
   Target (the bench's choice, as for a publish): within 1 s.
"""

import contextlib
import http.client
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import psycopg

from bench.__main__ import (
    BIN,
    CONNECTIONS,
    ROOT,
    BenchError,
    Load,
    Server,
    free_port,
    parse_wrk,
    run,
    run_wrk,
    say,
)
from bench.donations import SECRET, signed_event

# The server's webhook secret (bench/__main__.py sets it), with which `signed_event` signs.
WEBHOOK_SECRET = SECRET
VARNISHD = "/usr/sbin/varnishd"
NGINX = "/usr/sbin/nginx"
VCL_DIR = ROOT / "deploy" / "varnish"
BACKEND_VCL = """vcl 4.1;
backend default {{ .host = "127.0.0.1"; .port = "{port}"; .first_byte_timeout = 30s; }}
acl purgers {{ "127.0.0.1"; "::1"; }}
"""
NGINX_CONF = """daemon off;
worker_processes {workers};
pid {run}/nginx.pid;
error_log {run}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    keepalive_requests 100000;
    default_type text/html;
    client_body_temp_path {run}/body;
    proxy_temp_path {run}/proxy;
    fastcgi_temp_path {run}/fastcgi;
    uwsgi_temp_path {run}/uwsgi;
    scgi_temp_path {run}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        location / {{ }}
    }}
}}
"""
RATIO_TARGET = 0.5
P99_TARGET_MS = 10
PUBLISH_TARGET_SECONDS = 1.0
PEAK_FRESHNESS_TARGET_SECONDS = 1.0
# Gifts confirmed per second during the peak, and how often the progress bar is read.
PEAK_GIFTS_PER_SECOND = 4
POLL_INTERVAL = 0.05
# The peak's gifts: their checkout sessions are named so, to be counted in the database after.
PEAK_PREFIX = "peak"
RAISED = re.compile(r'class="progress__raised">([^<]*)<')
STOP_TIMEOUT = 15


def installed(path: str, package: str) -> str:
    """The Debian package's binary, installed when missing and allowed (root, apt-get)."""
    if Path(path).exists():
        return path
    if os.geteuid() == 0 and shutil.which("apt-get"):
        name = Path(path).name
        say(f"{name} is missing: installing the Debian package (apt-get install {package})")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", package]):
            run(command, env)
    if not Path(path).exists():
        raise BenchError(
            f"{Path(path).name} is not installed. Install it (Debian/Ubuntu: sudo apt-get install "
            f"{package}), then run `make bench` again"
        )
    return path


@dataclass
class Answer:
    status: int
    headers: dict
    body: bytes
    started: float = 0.0
    ended: float = 0.0

    @property
    def cache(self) -> str:
        return self.headers.get("x-cache", "")


def request(
    port: int, path: str, host: str = "", method: str = "GET", body=None, headers=None
) -> Answer:
    started = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        extra = {"Host": host} if host else {}
        connection.request(method, path, body=body, headers={**extra, **(headers or {})})
        response = connection.getresponse()
        content = response.read()
        answer = {name.lower(): value for name, value in response.getheaders()}
        return Answer(response.status, answer, content, started, time.monotonic())
    finally:
        connection.close()


class Child:
    """A server in a process group of its own, stopped with the whole group."""

    name = ""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.port = free_port()
        self.process = None
        self.log_path = workdir / f"{self.name}.log"

    def spawn(self, command: list[str]) -> None:
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: S603 -- fixed arguments, as in run()
                command, cwd=ROOT, stdout=log, stderr=log, start_new_session=True
            )
        deadline = time.monotonic() + 30
        while True:
            try:
                request(self.port, "/healthz")
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    log_text = self.log_path.read_text(errors="replace")[-3000:]
                    raise BenchError(f"{self.name} did not start:\n{log_text}") from None
                time.sleep(0.1)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=STOP_TIMEOUT)


class Varnish(Child):
    name = "varnishd"

    def start(self, backend_port: int) -> None:
        (self.workdir / "backend.vcl").write_text(BACKEND_VCL.format(port=backend_port))
        self.spawn(
            [
                installed(VARNISHD, "varnish"),
                "-F",  # in the foreground: this process owns and stops it
                "-j",
                "none",  # as this user: a jail's user could not read the temporary files
                "-n",
                str(self.workdir / "varnish"),
                "-a",
                f"127.0.0.1:{self.port}",
                "-T",
                "none",
                "-p",
                f"vcl_path={self.workdir}:{VCL_DIR}",
                "-f",
                str(VCL_DIR / "default.vcl"),
                "-s",
                "malloc,256m",
            ]
        )


class Nginx(Child):
    name = "nginx"

    def __init__(self, workdir: Path):
        super().__init__(workdir)
        # nginx's workers run as nobody when started by root: their files must be world-readable.
        self.root = Path(tempfile.mkdtemp(prefix="tierslieux-bench-html-"))
        self.root.chmod(0o755)
        (self.root / "healthz").write_text("ok")
        (self.root / "healthz").chmod(0o644)

    def add(self, name: str, body: bytes) -> str:
        path = self.root / name
        path.write_bytes(body)
        path.chmod(0o644)
        return f"/{name}"

    def start(self) -> None:
        run_dir = self.workdir / "nginx"
        run_dir.mkdir(exist_ok=True)
        config = run_dir / "nginx.conf"
        config.write_text(
            NGINX_CONF.format(
                workers=os.cpu_count() or 1, run=run_dir, port=self.port, root=self.root
            )
        )
        # -e: its own error log from the start, not /var/log/nginx's.
        self.spawn(
            [installed(NGINX, "nginx-light"), "-c", str(config), "-e", str(run_dir / "error.log")]
        )

    def stop(self) -> None:
        super().stop()
        shutil.rmtree(self.root, ignore_errors=True)


# The load test -------------------------------------------------------------------------------


def combined(loads: list[Load]) -> Load:
    """Runs of equal length as one: mean req/s and p50, the worst p99."""
    return Load(
        requests_per_second=statistics.mean(load.requests_per_second for load in loads),
        p50_ms=statistics.mean(load.p50_ms for load in loads),
        p99_ms=max(load.p99_ms for load in loads),
        errors=sum(load.errors for load in loads),
        requests=sum(load.requests for load in loads),
    )


def load_pages(
    wrk: str, varnish: Varnish, nginx: Nginx, host: str, pages: list[dict], seconds: int
) -> None:
    run_seconds = max(1, round(seconds / 2))
    for number, page in enumerate(pages):
        url = page["url"]
        first = request(varnish.port, url, host)
        if first.status != 200:
            page["front"] = page["static"] = None
            say(f"  front  {url}: HTTP {first.status} through Varnish, not loaded")
            continue
        static = nginx.add(f"page-{number}.html", first.body)
        # Warms Varnish (a stored page's first hit), gunicorn's workers and nginx.
        run_wrk(wrk, varnish.port, url, 1, host)
        run_wrk(wrk, nginx.port, static, 1)
        page["front_cache"] = request(varnish.port, url, host).cache or "?"
        runs = {"varnish": [], "nginx": []}
        # Varnish, nginx, nginx, Varnish: neither always runs first, after the other's load.
        for target in ("varnish", "nginx", "nginx", "varnish"):
            if target == "varnish":
                runs[target].append(run_wrk(wrk, varnish.port, url, run_seconds, host))
            else:
                runs[target].append(run_wrk(wrk, nginx.port, static, run_seconds))
        page["front"], page["static"] = combined(runs["varnish"]), combined(runs["nginx"])
        say(
            f"  front  {url}: Varnish ({page['front_cache']}) "
            f"{page['front'].requests_per_second:,.0f} req/s, p99 {page['front'].p99_ms:.1f} ms; "
            f"nginx {page['static'].requests_per_second:,.0f} req/s, "
            f"p99 {page['static'].p99_ms:.1f} ms"
        )


def ratio(page: dict) -> float | None:
    front, static = page.get("front"), page.get("static")
    if not front or not static or not static.requests_per_second:
        return None
    return front.requests_per_second / static.requests_per_second


def verdict(page: dict) -> str:
    front, share = page.get("front"), ratio(page)
    if front is None or share is None:
        return "FAIL (not 200)"
    misses = []
    if share < RATIO_TARGET:
        misses.append("below half of nginx")
    if front.p99_ms > P99_TARGET_MS:
        misses.append("p99")
    if page.get("front_cache") != "HIT":
        misses.append(f"not stored: {page.get('front_cache')}")
    errors = front.errors + page["static"].errors
    if errors:
        misses.append(f"{errors} errors")
    return f"FAIL ({', '.join(misses)})" if misses else "PASS"


def render(header: list[str], rows: list[list[str]], numeric: set[int]) -> list[str]:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells):
        padded = [
            cell.rjust(width) if i in numeric else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ]
        return "| " + " | ".join(padded) + " |"

    return [line(header), line(["-" * width for width in widths]), *map(line, rows)]


def table(pages: list[dict]) -> list[str]:
    header = [
        "Page",
        "Lang",
        "Varnish X-Cache",
        "Varnish req/s",
        "p50 ms",
        f"p99 ms ≤ {P99_TARGET_MS}",
        "nginx req/s",
        "p50 ms",
        "p99 ms",
        f"Varnish / nginx ≥ {RATIO_TARGET:.0%}",
        "Result",
    ]
    rows = []
    for page in pages:
        front, static, share = page.get("front"), page.get("static"), ratio(page)
        figures = []
        for load in (front, static):
            figures += (
                [f"{load.requests_per_second:,.0f}", f"{load.p50_ms:.1f}", f"{load.p99_ms:.1f}"]
                if load
                else ["–"] * 3
            )
        rows.append(
            [
                page["page"],
                page["lang"],
                page.get("front_cache", "–"),
                *figures[:3],
                *figures[3:],
                "–" if share is None else f"{share:.0%}",
                verdict(page),
            ]
        )
    return render(header, rows, set(range(3, len(header) - 1)))


# A publish -----------------------------------------------------------------------------------


def publish_main(urls_path: Path) -> None:
    """In a process with the server's settings (`python -m bench front-publish urls.json`): a
    new title for a French page Varnish holds, published as an editor would; polls Varnish."""
    # Imported here: after django.setup(), in that process only.
    from wagtail.models import Page

    data = json.loads(urls_path.read_text())
    port, host = int(os.environ["BENCH_VARNISH_PORT"]), data["host"]
    kinds = ("standard page", "article", "news index")
    entry = next(
        (
            page
            for kind in kinds
            for page in data["urls"]
            if (page["page"], page["lang"]) == (kind, "fr")
        ),
        None,
    )
    if entry is None:
        urls_path.write_text(json.dumps({**data, "publish": {"error": "no French page"}}))
        return
    request(port, entry["url"], host)  # stored by Varnish if it may be
    before = request(port, entry["url"], host).cache
    page = Page.objects.get(pk=entry["id"]).specific
    marker = f"bench {time.time_ns()}"
    page.title = f"{page.title} ({marker})"
    started = time.monotonic()
    page.save_revision().publish()
    published = time.monotonic()
    seen, after = None, ""
    while time.monotonic() - started < 10:
        answer = request(port, entry["url"], host)
        if marker.encode() in answer.body:
            seen, after = answer.ended - started, answer.cache
            break
        time.sleep(0.01)
    result = {
        "url": entry["url"],
        "before": before,
        "publish_seconds": published - started,
        "visible_seconds": seen,
        "after": after,
    }
    urls_path.write_text(json.dumps({**data, "publish": result}))


def measure_publish(python: str, env: dict, urls_path: Path, varnish: Varnish) -> dict:
    command = [python, "-m", "bench", "front-publish", str(urls_path)]
    result = run(command, {**env, "BENCH_VARNISH_PORT": str(varnish.port)})
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip().splitlines()
        raise BenchError("The publish failed:\n" + "\n".join(output[-30:]))
    return json.loads(urls_path.read_text())["publish"]


def publish_line(result: dict) -> str:
    if "error" in result:
        return f"Publish visible through Varnish: not measured ({result['error']})"
    seen = result["visible_seconds"]
    ok = seen is not None and seen <= PUBLISH_TARGET_SECONDS
    shown = "not within 10 s" if seen is None else f"{seen:.2f} s"
    return (
        f"Publish visible through Varnish ≤ {PUBLISH_TARGET_SECONDS:.0f} s: {shown} "
        f"({result['url']}, {result['before']} before; the publish itself took "
        f"{result['publish_seconds']:.2f} s, then {result['after'] or '–'}): "
        f"{'PASS' if ok else 'FAIL'}"
    )


# The peak ------------------------------------------------------------------------------------


def gifts_main(urls_path: Path) -> None:
    """In a process with the server's settings (`python -m bench front-gifts urls.json`): pending
    gifts to the French campaign, whose webhooks the peak posts."""
    # Imported here: after django.setup(), in that process only.
    from bench.donations import add_gifts
    from campagnes.models import CampaignPage

    data = json.loads(urls_path.read_text())
    entry = campaign_entry(data["urls"])
    count = int(os.environ["BENCH_PEAK_GIFTS"])
    campaign = CampaignPage.objects.get(pk=entry["id"])
    gifts = add_gifts(campaign, count, "pending", PEAK_PREFIX)
    fields = ("pk", "stripe_checkout_session_id", "amount_cents", "donor_id")
    listed = [{name: getattr(gift, name) for name in fields} for gift in gifts]
    urls_path.write_text(json.dumps({**data, "gifts": listed}))


def campaign_entry(pages: list[dict]) -> dict | None:
    return next(
        (page for page in pages if (page["page"], page["lang"]) == ("campaign", "fr")), None
    )


def raised_cents(body: bytes) -> int | None:
    """The progress bar's total, as a French page writes it: "12 345 €" or "12 345,50 €"."""
    found = RAISED.search(body.decode("utf-8", "replace"))
    if not found:
        return None
    figures = re.sub(r"[^\d,]", "", found.group(1))
    euros, _, cents = figures.partition(",")
    return int(euros or 0) * 100 + int((cents + "00")[:2])


@dataclass
class Peak:
    seconds: int
    load: Load | None = None
    baseline: int | None = None
    polls: list = field(default_factory=list)  # (started, ended, cents shown)
    confirmed: list = field(default_factory=list)  # (answered, cents confirmed so far, seconds)
    refused: int = 0
    final: int | None = None
    database: tuple[int, int] | None = None  # (count, cents) of the peak's paid gifts


def run_peak(wrk: str, varnish: Varnish, host: str, url: str, gifts: list, seconds: int) -> Peak:
    peak = Peak(seconds)
    peak.baseline = raised_cents(request(varnish.port, url, host).body)
    stop = threading.Event()

    def poll():
        while not stop.is_set():
            with contextlib.suppress(OSError):
                answer = request(varnish.port, url, host)
                peak.polls.append((answer.started, answer.ended, raised_cents(answer.body)))
            time.sleep(POLL_INTERVAL)

    def confirm():
        total, started = 0, time.monotonic()
        for number, gift in enumerate(gifts):
            # Evenly spread over the load, the last one a second before it ends.
            time.sleep(max(0.0, started + number / PEAK_GIFTS_PER_SECOND - time.monotonic()))
            if stop.is_set():
                return
            body, signature = signed_event(SimpleNamespace(**gift), number)
            headers = {"Stripe-Signature": signature, "Content-Type": "application/json"}
            try:
                answer = request(varnish.port, "/stripe/webhook/", host, "POST", body, headers)
            except OSError:
                peak.refused += 1
                continue
            if answer.status != 200:
                peak.refused += 1
                continue
            total += gift["amount_cents"]
            peak.confirmed.append((answer.ended, total, answer.ended - answer.started))

    command = [wrk, "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "--timeout=10s"]
    command += ["-H", f"Host: {host}", f"http://127.0.0.1:{varnish.port}{url}"]
    load = subprocess.Popen(  # noqa: S603 -- fixed arguments, as in run()
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    threads = [threading.Thread(target=poll), threading.Thread(target=confirm)]
    for thread in threads:
        thread.start()
    try:
        output, errors = load.communicate(timeout=seconds + 60)
        peak.load = parse_wrk(output, errors)
        # The last gifts' totals still have to show: the progress bar is read a little longer.
        threads[1].join(timeout=30)
        time.sleep(2)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
        if load.poll() is None:
            load.kill()
            load.wait()
    peak.final = raised_cents(request(varnish.port, url, host).body)
    return peak


def staleness(peak: Peak) -> list[float | None]:
    """For each confirmed gift: from its webhook's answer to the end of the first later poll
    that shows a total including it; None when none does."""
    delays = []
    for answered, total, _ in peak.confirmed:
        target = (peak.baseline or 0) + total
        shown = next(
            (
                ended - answered
                for started, ended, cents in peak.polls
                if started >= answered and cents is not None and cents >= target
            ),
            None,
        )
        delays.append(shown)
    return delays


def behind(peak: Peak) -> int:
    """Reads of the progress bar showing less than the gifts confirmed before they were sent."""
    count = 0
    for started, _, cents in peak.polls:
        confirmed = [total for answered, total, _ in peak.confirmed if answered <= started]
        expected = (peak.baseline or 0) + (confirmed[-1] if confirmed else 0)
        count += cents is None or cents < expected
    return count


def database_total(database_url: str) -> tuple[int, int]:
    with psycopg.connect(database_url, connect_timeout=10) as connection:
        row = connection.execute(
            "SELECT count(*), coalesce(sum(amount_cents - refunded_cents), 0) "
            "FROM campagnes_gift WHERE status = 'paid' AND stripe_checkout_session_id LIKE %s",
            [f"cs_{PEAK_PREFIX}%"],
        ).fetchone()
    return int(row[0]), int(row[1])


def euros(cents: int | None) -> str:
    return "–" if cents is None else f"{cents / 100:,.2f} €"


def peak_lines(peak: Peak) -> list[str]:
    load = peak.load
    delays = staleness(peak)
    shown = [delay for delay in delays if delay is not None]
    worst = max(shown) if shown else None
    ok = bool(delays) and len(shown) == len(delays) and worst <= PEAK_FRESHNESS_TARGET_SECONDS
    answers = [seconds for _, _, seconds in peak.confirmed]
    count, cents = peak.database or (0, 0)
    expected = None if peak.baseline is None else peak.baseline + cents
    lines = [
        f"Peak: {CONNECTIONS} connections on the French campaign page through Varnish for "
        f"{peak.seconds} s while {len(peak.confirmed)} gifts were confirmed by webhooks "
        f"({peak.refused} refused), the progress bar read again {POLL_INTERVAL * 1000:.0f} ms "
        f"after each answer ({len(peak.polls)} reads, {behind(peak)} of them behind the gifts "
        "already confirmed when they were sent)",
        f"  page: {load.requests_per_second:,.0f} req/s, p50 {load.p50_ms:.1f} ms, "
        f"p99 {load.p99_ms:.1f} ms, {load.errors} errors"
        if load
        else "  page: not loaded",
    ]
    if answers:
        lines.append(
            f"  webhooks answered in {statistics.median(answers) * 1000:.0f} ms (median), "
            f"{max(answers) * 1000:.0f} ms at worst"
        )
    lines += [
        f"  progress bar: {euros(peak.baseline)} before, {euros(peak.final)} after; the database: "
        f"{count} gifts paid, {euros(cents)}, so {euros(expected)} expected",
        f"  staleness ≤ {PEAK_FRESHNESS_TARGET_SECONDS:.0f} s (a gift confirmed to its total on "
        "the page): "
        + (
            "no gift confirmed"
            if not delays
            else f"{len(shown)} of {len(delays)} gifts shown, "
            f"median {statistics.median(shown):.2f} s, worst {worst:.2f} s"
            if shown
            else f"none of {len(delays)} gifts shown"
        )
        + f": {'PASS' if ok else 'FAIL'}",
    ]
    return lines


# The phase -----------------------------------------------------------------------------------


def front_phase(
    wrk: str,
    env: dict,
    options: list[str],
    workdir: Path,
    data: dict,
    pages: list[dict],
    seconds: int,
    urls_path: Path,
    database_url: str,
) -> list[str]:
    """Runs the three measures; returns the lines of the report (table, publish, peak)."""
    python = str(BIN / "python")
    host = data["host"]
    varnish, nginx = Varnish(workdir), Nginx(workdir)
    front_env = {
        **env,
        "PAGE_CACHE_SECONDS": "600",
        "FRONT_CACHE_URLS": f"http://127.0.0.1:{varnish.port}",
    }
    server = Server(front_env, options, workdir / "gunicorn-front.log")
    try:
        server.start()
        varnish.start(server.port)
        nginx.start()
        say(
            f"Load, front (Varnish on :{varnish.port} before gunicorn, nginx on :{nginx.port} "
            f"serving the same HTML), {seconds} s per page and server"
        )
        load_pages(wrk, varnish, nginx, host, pages, seconds)
        lines = table(pages)
        publish = measure_publish(python, front_env, urls_path, varnish)
        lines += ["", publish_line(publish)]
        entry = campaign_entry(data["urls"])
        if entry is None:
            lines += ["", "Peak: not measured (no French campaign page in the data set)"]
            return lines
        peak_seconds = max(5, seconds)
        gifts_env = {**front_env, "BENCH_PEAK_GIFTS": str(peak_seconds * PEAK_GIFTS_PER_SECOND)}
        gifts_command = [python, "-m", "bench", "front-gifts", str(urls_path)]
        result = run(gifts_command, gifts_env)
        if result.returncode != 0:
            raise BenchError("Pending gifts for the peak:\n" + result.stderr[-3000:])
        gifts = json.loads(urls_path.read_text())["gifts"]
        say(f"Peak: {peak_seconds} s on {entry['url']} while gifts are confirmed")
        peak = run_peak(wrk, varnish, host, entry["url"], gifts, peak_seconds)
        peak.database = database_total(database_url)
        lines += ["", *peak_lines(peak)]
        return lines
    finally:
        for child in (nginx, varnish, server):
            child.stop()


def targets() -> str:
    return (
        f"Targets (front): through Varnish, every public page, campaign and donate pages included, "
        f"≥ {RATIO_TARGET:.0%} of nginx's req/s serving the same HTML, p99 ≤ {P99_TARGET_MS} ms; "
        f"a publish visible through Varnish within {PUBLISH_TARGET_SECONDS:.0f} s; during the "
        f"peak, a confirmed gift on the progress bar within "
        f"{PEAK_FRESHNESS_TARGET_SECONDS:.0f} s"
    )
