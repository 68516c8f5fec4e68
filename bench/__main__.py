"""`make bench`: load test of the public pages with wrk: page cache off, on, then through Varnish.

1. A fresh PostgreSQL database (dropped and recreated): migrate, `load_demo` when the command
   exists, then lieux and articles in French up to 200 and 1,000 (bench/dataset.py).
2. collectstatic, and the SQL queries and size of each page through Django's test client
   (bench/measure.py).
3. gunicorn with the production settings on a free loopback port, loaded by wrk with
   8 connections: once with PAGE_CACHE_SECONDS=0 (cold), once with the page cache primed.
4. The front phase (bench/front.py): the same gunicorn, page cache primed, behind a varnishd of
   the bench's own, each page loaded through Varnish and, in turn, from nginx serving its HTML as
   a static file; a publish seen through Varnish; a peak of gifts confirmed by webhooks while
   8 connections load a campaign page.
5. Tables with the targets and PASS/FAIL per row, printed and written to bench/results.md.

Environment: BENCH_SECONDS (per page and run, default 10), BENCH_WORKERS (default 2, a process
per core), BENCH_WORKER_CLASS (default sync) and BENCH_THREADS (gthread only, default 4),
BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/tierslieux_bench) and
BENCH_REDIS_URL (default redis://127.0.0.1:6379/13, flushed: a Redis database of its own).
BENCH_PHASES (cold, cached, front, or a comma-separated list of them; default all three) and
BENCH_PAGES (comma-separated page names as in the table, such as "home,campaign"; default every
page) run part of the load test: its tables are printed but not written to bench/results.md.
The front phase needs Debian's varnish and nginx (nginx-light) packages, installed when missing
and run as root.
"""

import contextlib
import datetime
import http.client
import importlib
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import django

import psycopg
import redis
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RESULTS = ROOT / "bench" / "results.md"
GUNICORN_CONFIG = ROOT / "config" / "gunicorn.conf.py"

CONNECTIONS = 8
COLD_TARGET = 150
CACHED_TARGET = 1_000
CACHED_P99_TARGET_MS = 50
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
# gunicorn's sync workers, as in the README's deployment: on 2 CPUs they served up to twice as many
# uncached pages as 2 × 4 threads (which queue for the GIL after each SQL query) and as many cached
# ones, although they close each of wrk's connections after its response.
DEFAULT_WORKER_CLASS = "sync"
STEP_TIMEOUT = 600


class BenchError(Exception):
    pass


@dataclass
class Load:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    requests: int
    # CPU time gunicorn, its PostgreSQL backends and Redis spent per request, when /proc tells.
    cpu_ms: float | None = None


def say(line: str = "") -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


def env_list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


# Prerequisites ---------------------------------------------------------------------------------


def find_wrk() -> str:
    wrk = shutil.which("wrk")
    if wrk is None and os.geteuid() == 0 and shutil.which("apt-get"):
        say("wrk is missing: installing the Debian package (apt-get install wrk)")
        for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "wrk"]):
            run(command)
        wrk = shutil.which("wrk")
    if wrk is None:
        raise BenchError(
            "wrk, the HTTP load generator, is not installed. Install it, then run `make bench` "
            "again:\n  Debian/Ubuntu: sudo apt-get update && sudo apt-get install wrk\n"
            "  macOS: brew install wrk"
        )
    return wrk


def check_loopback(*urls: str) -> None:
    for url in urls:
        if urlparse(url).hostname not in LOOPBACK:
            raise BenchError(f"The benchmark only talks to loopback addresses, not {url}")


def recreate_database(database_url: str) -> None:
    parsed = urlparse(database_url)
    name = parsed.path.lstrip("/")
    # Dropping a database is only safe when it is obviously the benchmark's own.
    if "bench" not in name:
        raise BenchError(
            f"BENCH_DATABASE_URL must name a database containing 'bench', not {name!r}"
        )
    maintenance = parsed._replace(path="/postgres").geturl()
    try:
        with psycopg.connect(maintenance, autocommit=True, connect_timeout=10) as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.OperationalError as error:
        raise BenchError(f"PostgreSQL is not reachable at {parsed.hostname}: {error}") from error


def flush_redis(redis_url: str) -> None:
    database = urlparse(redis_url).path.lstrip("/") or "0"
    # Database 0 is where a developer's site keeps its cache: never flush it.
    if database == "0":
        raise BenchError("BENCH_REDIS_URL must name a Redis database of its own, not 0")
    try:
        redis.Redis.from_url(redis_url, socket_timeout=5).flushdb()
    except redis.ConnectionError as error:
        raise BenchError(f"Redis is not reachable at {redis_url}: {error}") from error


# Processes -------------------------------------------------------------------------------------


def run(command: list[str], env: dict | None = None, timeout: int = STEP_TIMEOUT):
    # Every command line is assembled here from fixed arguments; none comes from a request.
    return subprocess.run(  # noqa: S603
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


def step(label: str, command: list[str], env: dict) -> str:
    started = time.perf_counter()
    result = run(command, env)
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip().splitlines()
        raise BenchError(f"{label} failed:\n" + "\n".join(output[-30:]))
    say(f"  {label}: {time.perf_counter() - started:.1f} s")
    return result.stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(port: int, path: str) -> tuple[int, str, bytes]:
    """GET a page: its status, its X-Cache header and its body."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.getheader("X-Cache", ""), response.read()
    finally:
        connection.close()


class Server:
    """gunicorn in a process group of its own, so stopping it stops every worker."""

    def __init__(self, env: dict, worker_options: list[str], log_path: Path):
        self.env = env
        self.worker_options = worker_options
        self.log_path = log_path
        self.process = None
        self.port = 0

    def start(self) -> None:
        self.port = free_port()
        command = [str(BIN / "gunicorn"), "config.wsgi"]
        if GUNICORN_CONFIG.exists():
            # The deployment's settings (its logging); the options below take precedence.
            command.append(f"--config={GUNICORN_CONFIG.relative_to(ROOT)}")
        command += [
            f"--bind=127.0.0.1:{self.port}",
            *self.worker_options,
            "--log-level=warning",
        ]
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: S603 -- fixed arguments, as in run()
                command, cwd=ROOT, env=self.env, stdout=log, stderr=log, start_new_session=True
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"gunicorn stopped:\n{self.log_tail()}")
            try:
                if fetch(self.port, "/healthz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise BenchError(f"gunicorn did not answer /healthz within 30 s:\n{self.log_tail()}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=15)

    def log_tail(self) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-30:])


def parse_duration_ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def run_wrk(wrk: str, port: int, path: str, seconds: int, host: str = "") -> Load:
    """`host`: the Host header, when it must name the site rather than the address (Varnish's
    purges name the site, bench/front.py)."""
    command = [wrk, "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "--timeout=10s"]
    if host:
        command += ["-H", f"Host: {host}"]
    result = run([*command, f"http://127.0.0.1:{port}{path}"], timeout=seconds + 60)
    return parse_wrk(result.stdout, result.stderr)


def parse_wrk(output: str, stderr: str = "") -> Load:
    percentiles = {
        percent: parse_duration_ms(value, unit)
        for percent, value, unit in re.findall(
            r"^\s+(\d+)%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.M
        )
    }
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    requests = re.search(r"(\d+) requests in", output)
    errors = sum(map(int, re.findall(r"(?:connect|read|write|timeout) (\d+)", output)))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if rate is None or requests is None or "50" not in percentiles or "99" not in percentiles:
        raise BenchError(f"Unexpected wrk output:\n{output}{stderr}")
    return Load(
        requests_per_second=float(rate.group(1)),
        p50_ms=percentiles["50"],
        p99_ms=percentiles["99"],
        errors=errors + (int(non_2xx.group(1)) if non_2xx else 0),
        requests=int(requests.group(1)),
    )


class ServerCpu:
    """CPU time used by the server side of the load test: gunicorn's processes (its process
    group), the PostgreSQL backends of the benchmark's database and Redis, read from /proc.

    The machine is shared: req/s fall when other work runs, more than the CPU a request costs
    rises (contention inflates it too). On an idle machine of N CPUs a page cannot pass about
    N × 1000 / CPU ms req/s (wrk takes some of it too).
    """

    def __init__(self, server: Server, database_url: str, redis_url: str):
        self.server = server
        self.database_url = database_url
        self.redis_url = redis_url

    def pids(self) -> list[int]:
        group = self.server.process.pid
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError, IndexError, ValueError):
                if int(stat.read_text().rsplit(")", 1)[1].split()[2]) == group:
                    pids.append(int(stat.parent.name))
        parsed = urlparse(self.database_url)
        maintenance = parsed._replace(path="/postgres").geturl()
        with psycopg.connect(maintenance, autocommit=True, connect_timeout=10) as connection:
            pids += [
                pid
                for (pid,) in connection.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = %s",
                    [parsed.path.lstrip("/")],
                )
            ]
        pids.append(redis.Redis.from_url(self.redis_url).info("server")["process_id"])
        return pids

    @staticmethod
    def seconds(pids: list[int]) -> float:
        total = 0
        for pid in pids:
            with contextlib.suppress(OSError):  # a process that ended meanwhile
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])  # user and system clock ticks
        return total / os.sysconf("SC_CLK_TCK")

    def measure(self, load_test: Callable[..., Load], *arguments) -> Load:
        """Runs `load_test(*arguments)` and sets the CPU milliseconds per request on its Load."""
        if not Path("/proc/self/stat").exists():
            return load_test(*arguments)
        pids = self.pids()
        before = self.seconds(pids)
        load = load_test(*arguments)
        load.cpu_ms = (self.seconds(pids) - before) * 1000 / max(1, load.requests)
        return load


def load_pages(
    wrk: str, server: Server, cpu: ServerCpu, pages: list[dict], phase: str, seconds: int
) -> None:
    for page in pages:
        status, _, body = fetch(server.port, page["url"])
        if status != 200:
            page[phase] = None
            say(f"  {phase:6} {page['url']}: HTTP {status}, not loaded")
            continue
        if phase == "cached":
            page["hit"] = fetch(server.port, page["url"])[1] == "hit"
        page["bytes"] = len(body)
        # A short unmeasured run warms every worker (templates, site root paths, renditions).
        run_wrk(wrk, server.port, page["url"], 1)
        load = cpu.measure(run_wrk, wrk, server.port, page["url"], seconds)
        page[phase] = load
        say(
            f"  {phase:6} {page['url']}: {load.requests_per_second:,.0f} req/s, "
            f"p50 {load.p50_ms:.1f} ms, p99 {load.p99_ms:.1f} ms, "
            f"server CPU {fixed(load.cpu_ms)} ms a request"
        )


# Report ----------------------------------------------------------------------------------------


def fixed(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def verdict(page: dict) -> str:
    # A phase left out of a partial run (BENCH_PHASES) has no key; one whose page failed has None.
    loads = {phase: page[phase] for phase in ("cold", "cached") if phase in page}
    if not loads or None in loads.values():
        return "FAIL (not 200)"
    cold, cached = loads.get("cold"), loads.get("cached")
    misses = []
    if cold and cold.requests_per_second < COLD_TARGET:
        misses.append("cold req/s")
    if cached and cached.requests_per_second < CACHED_TARGET:
        misses.append("cached req/s")
    if cached and cached.p99_ms > CACHED_P99_TARGET_MS:
        misses.append("cached p99")
    if cached and not page.get("hit"):
        misses.append("not cached")
    errors = sum(load.errors for load in loads.values())
    if errors:
        misses.append(f"{errors} errors")
    return f"FAIL ({', '.join(misses)})" if misses else "PASS"


def table(pages: list[dict]) -> list[str]:
    header = [
        "Page",
        "Lang",
        "Queries",
        "Render ms",
        "SQL ms",
        "Bytes",
        f"Cold req/s ≥ {COLD_TARGET}",
        "p50 ms",
        "p99 ms",
        "CPU ms",
        f"Cached req/s ≥ {CACHED_TARGET:,}",
        "p50 ms",
        f"p99 ms ≤ {CACHED_P99_TARGET_MS}",
        "Result",
    ]
    rows = []
    for page in pages:
        figures = []
        for phase in ("cold", "cached"):
            load = page.get(phase)
            figures += (
                [f"{load.requests_per_second:,.0f}", f"{load.p50_ms:.1f}", f"{load.p99_ms:.1f}"]
                if load
                else ["–"] * 3
            )
            if phase == "cold":
                figures.append(fixed(load.cpu_ms) if load else "–")
        rows.append(
            [
                page["page"],
                page["lang"],
                str(page.get("queries", "?")),
                f"{page.get('render_ms', 0):.1f}",
                f"{page.get('sql_ms', 0):.1f}",
                f"{page.get('bytes', 0):,}",
                *figures,
                verdict(page),
            ]
        )
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    numeric = set(range(2, len(header) - 1))

    def line(cells):
        padded = [
            cell.rjust(width) if i in numeric else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ]
        return "| " + " | ".join(padded) + " |"

    separator = ["-" * width for width in widths]
    return [line(header), line(separator), *(line(row) for row in rows)]


def write_results(lines: list[str], front_lines: list[str], context: dict) -> None:
    today = datetime.date.today().isoformat()
    counts = context["counts"]
    busy = ", ".join(f"{phase} {percent(share)}" for phase, share in context["busy"].items())
    text = [
        "# Benchmark results",
        "",
        f"`make bench`, {today}: {context['machine']}. gunicorn with {context['workers']} "
        "and the production settings, PostgreSQL and Redis on the same "
        f"machine, wrk with {CONNECTIONS} connections for {context['seconds']} s per page and run.",
        f"Data set: {counts['fr'][0]:,} lieux and {counts['fr'][1]:,} articles in French, "
        f"{counts['en'][0]:,} lieux and {counts['en'][1]:,} articles in English "
        f"(bulk pages built in {context['build_seconds']:.0f} s).",
        f"CPU already busy with other work just before each run: {busy}. The load test shares "
        "the machine with it, so a busy machine lowers every figure.",
        "",
        f"Targets: cold (PAGE_CACHE_SECONDS=0) ≥ {COLD_TARGET} req/s; cached ≥ {CACHED_TARGET:,} "
        f"req/s with p99 ≤ {CACHED_P99_TARGET_MS} ms. Cold pages are rendered with the header, "
        "footer, cards and pictures from the fragment cache, as any page the page cache does not "
        "serve (a page with a form, a signed-in editor's). Queries are one rendered page, Render "
        "ms and SQL ms the median of 25, in one process through Django's test client (a cache hit "
        "makes no query); Bytes is the HTML body. CPU ms is the CPU time gunicorn, its "
        "PostgreSQL backends and Redis spent per request during the cold run (from /proc): "
        "other work on the machine lowers req/s more than it inflates this, and a page costing "
        f"C ms cannot pass about {os.cpu_count()} × 1000 / C req/s cold on this machine, idle.",
        "",
        *lines,
        "",
        "## Through the front cache",
        "",
        f"Varnish ({front.VARNISHD}, deploy/varnish/default.vcl) in front of the same gunicorn "
        "with the page cache primed, and nginx serving each page's HTML as a static file, loaded "
        "in turn for each page (Varnish, nginx, nginx, Varnish; half the seconds each). X-Cache is "
        "what Varnish said of the page after its warm-up: HIT when it serves it, MISS or PASS "
        "when every request goes to gunicorn (pages with a form, today).",
        "",
        front.targets() + ".",
        "",
        *front_lines,
        "",
    ]
    RESULTS.write_text("\n".join(text))


def percent(share: float | None) -> str:
    return "unknown" if share is None else f"{share:.0%}"


def cpu_busy(seconds: float = 2.0) -> float | None:
    """Share of the CPU time other processes used over a short sample (Linux only)."""

    def sample():
        fields = [int(value) for value in Path("/proc/stat").read_text().split()[1:9]]
        idle = fields[3] + fields[4]  # idle and iowait
        return sum(fields) - idle, sum(fields)

    if not Path("/proc/stat").exists():
        return None
    busy_before, total_before = sample()
    time.sleep(seconds)
    busy_after, total_after = sample()
    return (busy_after - busy_before) / max(1, total_after - total_before)


def machine() -> str:
    model = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = re.findall(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.M)
        model = names[0] if names else model
    return f"{os.cpu_count()} CPU ({model}), Python {platform.python_version()}"


# The run ---------------------------------------------------------------------------------------


def worker_options() -> tuple[list[str], str]:
    """gunicorn's worker options and how the report names them."""
    workers = env_int("BENCH_WORKERS", 2)
    worker_class = os.environ.get("BENCH_WORKER_CLASS", "").strip() or DEFAULT_WORKER_CLASS
    options = [f"--workers={workers}", f"--worker-class={worker_class}"]
    if worker_class != "gthread":
        return options, f"{workers} {worker_class} workers"
    threads = env_int("BENCH_THREADS", 4)
    return [*options, f"--threads={threads}"], f"{workers} gthread workers × {threads} threads"


def benchmark() -> None:
    seconds = env_int("BENCH_SECONDS", 10)
    every_phase = ["cold", "cached", "front"]
    phases = env_list("BENCH_PHASES") or every_phase
    if not set(phases) <= set(every_phase):
        raise BenchError(f"BENCH_PHASES takes cold, cached and front, not {', '.join(phases)}")
    partial = set(phases) != set(every_phase) or bool(env_list("BENCH_PAGES"))
    options, workers = worker_options()
    database_url = os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tierslieux_bench"
    )
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
    check_loopback(database_url, redis_url)
    wrk = find_wrk()
    python = str(BIN / "python")
    workdir = Path(tempfile.mkdtemp(prefix="tierslieux-bench-"))
    urls_path = workdir / "urls.json"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(45),  # 60 characters
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "REDIS_URL": redis_url,
        "MEDIA_ROOT": str(workdir / "media"),
        "LOG_LEVEL": "WARNING",
        "PAGE_CACHE_SECONDS": "0",
        # Payments configured, so that the campaign and donate pages show their form, as live.
        # No request leaves the machine: the API address answers nothing, and no page calls it.
        "STRIPE_SECRET_KEY": "sk_test_bench",
        "STRIPE_WEBHOOK_SECRET": front.WEBHOOK_SECRET,
        "STRIPE_API_BASE": "http://127.0.0.1:9",
    }
    servers = []
    try:
        say(f"Data set in {urlparse(database_url).path.lstrip('/')} (dropped and recreated)")
        recreate_database(database_url)
        flush_redis(redis_url)
        step("migrate", [python, "manage.py", "migrate", "--noinput"], env)
        if "load_demo" in step("commands", [python, "manage.py", "help", "--commands"], env):
            step("load_demo", [python, "manage.py", "load_demo"], env)
        else:
            say("  load_demo: not available yet, building a minimal site instead")
        bulk = [python, "-m", "bench", "dataset", str(urls_path)]
        sys.stdout.write(step("bulk lieux and articles", bulk, env))
        step("collectstatic", [python, "manage.py", "collectstatic", "--noinput"], env)
        step("SQL queries per page", [python, "-m", "bench", "measure", str(urls_path)], env)
        data = json.loads(urls_path.read_text())
        pages = data["urls"]
        wanted_pages = env_list("BENCH_PAGES")
        if wanted_pages:
            pages = [page for page in pages if page["page"] in wanted_pages]

        busy = {}
        for phase, cache_seconds in (("cold", 0), ("cached", 600)):
            if phase not in phases:
                continue
            flush_redis(redis_url)
            busy[phase] = cpu_busy()
            say(
                f"Load, {phase} (PAGE_CACHE_SECONDS={cache_seconds}), {seconds} s per page; "
                f"CPU busy with other work: {percent(busy[phase])}"
            )
            server = Server(
                {**env, "PAGE_CACHE_SECONDS": str(cache_seconds)},
                options,
                workdir / f"gunicorn-{phase}.log",
            )
            servers.append(server)
            server.start()
            cpu = ServerCpu(server, database_url, redis_url)
            load_pages(wrk, server, cpu, pages, phase, seconds)
            server.stop()

        front_lines = []
        if "front" in phases:
            flush_redis(redis_url)
            busy["front"] = cpu_busy()
            arguments = (env, options, workdir, data, pages, seconds, urls_path, database_url)
            front_lines = front.front_phase(wrk, *arguments)

        lines = table(pages)
        if {"cold", "cached"} & set(phases):
            say()
            say(
                f"Targets: cold ≥ {COLD_TARGET} req/s; cached ≥ {CACHED_TARGET:,} req/s, p99 ≤ "
                f"{CACHED_P99_TARGET_MS} ms ({CONNECTIONS} connections, {workers})"
            )
            for line in lines:
                say(line)
        if front_lines:
            say()
            say(front.targets())
            for line in front_lines:
                say(line)
        if partial:
            say("\nA partial run (BENCH_PHASES, BENCH_PAGES): bench/results.md is left as it was")
            return
        write_results(
            lines,
            front_lines,
            {
                "machine": machine(),
                "workers": workers,
                "seconds": seconds,
                "counts": data["counts"],
                "build_seconds": data["seconds"],
                "busy": busy,
            },
        )
        say(f"\nWritten to {RESULTS.relative_to(ROOT)}")
    finally:
        for server in servers:
            server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


# Steps run in processes of their own: argument → module and function, given urls.json's path.
DJANGO_STEPS = {
    "dataset": ("bench.dataset", "main"),
    "measure": ("bench.measure", "main"),
    "front-publish": ("bench.front", "publish_main"),
    "front-gifts": ("bench.front", "gifts_main"),
}


def django_step(module: str, function: str, urls_path: str) -> None:
    django.setup()
    getattr(importlib.import_module(module), function)(Path(urls_path))


def stop_on_sigterm(signum, frame):
    raise KeyboardInterrupt


if __name__ == "__main__":
    # bench/front.py imports this module by its name: the same module, hence the same BenchError.
    sys.modules.setdefault("bench.__main__", sys.modules[__name__])
    # After the alias: bench/front.py imports this module.
    from bench import front

    arguments = sys.argv[1:]
    if arguments and arguments[0] in ("-h", "--help"):
        say(__doc__)
        sys.exit(0)
    if arguments and arguments[0] in DJANGO_STEPS:
        # The steps `benchmark()` runs in processes of their own, with the server's settings.
        if len(arguments) != 2:
            sys.exit(f"usage: python -m bench {arguments[0]} URLS_JSON")
        django_step(*DJANGO_STEPS[arguments[0]], arguments[1])
        sys.exit(0)
    # Ctrl-C and SIGTERM both go through the `finally` that stops the servers, even when the
    # shell started this command with SIGINT ignored (a background job).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    try:
        benchmark()
    except BenchError as error:
        say(f"make bench: {error}")
        sys.exit(1)
    except KeyboardInterrupt:
        say("make bench: interrupted, servers stopped")
        sys.exit(130)
