"""Browser tests: Playwright for Python driving Debian's Chromium against a real server.

The site runs as a separate `manage.py runserver` process on its own database (a PostgreSQL
database next to DATABASE_URL's, or a SQLite file), filled once by `load_demo`, so the tests meet
exactly what a visitor of the demo site meets. Without Chromium the tests are skipped, except on CI
(CI=true) where a missing browser fails the run.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
WEBHOOK_SECRET = "whsec_browser"
ARTIFACTS = ROOT / "test-artifacts"
# Flags that keep Chromium from calling home: the machine has no network beyond loopback.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WARM_UP_PATHS = ["/fr/", "/en/", "/fr/lieux/", "/en/places/", "/fr/actualites/", "/en/news/"]
INSTALL_HINT = "Install Debian's Chromium (`apt-get install chromium`) or set CHROMIUM_PATH."


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("CI") == "true":
        raise pytest.UsageError(f"Chromium not found at {CHROMIUM}. {INSTALL_HINT}")
    skip = pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM}. {INSTALL_HINT}")
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(skip)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call" and report.failed:
        page = item.funcargs.get("page")
        if page is not None and not page.is_closed():
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=ARTIFACTS / f"{item.name}.png", full_page=True)
    return report


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _browser_database(tmp_path: Path) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{tmp_path / 'browser.sqlite3'}"
    parsed = urllib.parse.urlparse(url)
    name = f"{parsed.path.lstrip('/') or 'tierslieux'}_browser"
    admin_url = parsed._replace(path="/postgres").geturl()
    statements = (f'drop database if exists "{name}" with (force)', f'create database "{name}"')
    for statement in statements:
        subprocess.run(["psql", admin_url, "-qc", statement], check=True)  # noqa: S603, S607
    return parsed._replace(path=f"/{name}").geturl()


@pytest.fixture(scope="session")
def fake_stripe():
    """The project's fake Stripe; the site's webhook address is set once the site has a port."""
    from tests.fakestripe import FakeStripe

    fake = FakeStripe(webhook_secret=WEBHOOK_SECRET).start()
    yield fake
    fake.stop()


@pytest.fixture(scope="session")
def mailbox(tmp_path_factory) -> Path:
    """Where the site writes the emails it sends (Django's file-based email backend)."""
    return tmp_path_factory.mktemp("mail")


@pytest.fixture(scope="session")
def live_site(tmp_path_factory, fake_stripe, mailbox):
    """Base URL of a demo site served by its own process; its database is the browser tests' own."""
    tmp_path = tmp_path_factory.mktemp("site")
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": _browser_database(tmp_path),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PYTHONUNBUFFERED": "1",
        "STRIPE_SECRET_KEY": "sk_test_browser",
        "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
        "STRIPE_API_BASE": fake_stripe.url,
        "STRIPE_CHECKOUT_ORIGIN": fake_stripe.url,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mailbox),
        # The address the site's emails link to.
        "WAGTAILADMIN_BASE_URL": base_url,
        # Every browser test signs in from 127.0.0.1, several as the same demo people, within
        # 15 minutes: the limits are unit-tested (tests/campagnes/spaces/test_donor_space.py).
        "SIGN_IN_LINK_LIMIT_PER_IP": "1000",
        "SIGN_IN_LINK_LIMIT_PER_EMAIL": "1000",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--noinput"], ["load_demo"]):
        subprocess.run([*manage, *command], env=env, check=True, capture_output=True)  # noqa: S603
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(  # noqa: S603
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    fake_stripe.webhook_url = f"{base_url}/stripe/webhook/"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base_url}/healthz", timeout=2)  # noqa: S310
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((tmp_path / "server.log").read_text()) from None
                time.sleep(0.3)
        # The first visit of a page renders its images (AVIF, WebP, JPEG): do it once here so the
        # browser's page-load timeouts measure the site, not one-off image encoding.
        for path in WARM_UP_PATHS:
            urllib.request.urlopen(f"{base_url}{path}", timeout=300)  # noqa: S310
        yield base_url
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_site):
    # bypass_csp lets the tests inject axe-core; the site's own policy is asserted elsewhere.
    context = browser.new_context(
        base_url=live_site, locale="fr-FR", viewport={"width": 1280, "height": 900}, bypass_csp=True
    )
    context.set_default_timeout(30_000)
    page = context.new_page()
    yield page
    context.close()
