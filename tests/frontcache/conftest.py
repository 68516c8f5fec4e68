"""Varnish in front of a live Django server, started once per test session.

The front cache tests go through the real engine: Debian's `varnishd` with the repository's
VCL (deploy/varnish/default.vcl) and a generated backend.vcl that points at pytest-django's live
server, which runs in this process (so a test publishes through Wagtail's API and counts the
requests that reached Django). Without varnishd the tests are skipped, except on CI (CI set),
where .ci/varnish.sh installs it and a missing one fails the run.
"""

import http.client
import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from django.core.signals import request_started

import pytest

ROOT = Path(__file__).resolve().parents[2]
VCL_DIR = ROOT / "deploy" / "varnish"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
HOST = "localhost"  # the test Site's hostname: purges name it, so visitors must too
BACKEND_VCL = """vcl 4.1;
backend default {{ .host = "127.0.0.1"; .port = "{port}"; }}
acl purgers {{ "127.0.0.1"; "::1"; }}
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Answer:
    status: int
    headers: dict
    text: str

    @property
    def cache(self) -> str:
        return self.headers.get("x-cache", "")


class Varnish:
    def __init__(self, port: int):
        self.port = port
        self.url = f"http://127.0.0.1:{port}"

    def request(
        self, method: str, path: str, headers: dict | None = None, body=None, source="127.0.0.1"
    ) -> Answer:
        """`source`: the address the request comes from (any of 127.0.0.0/8 on loopback)."""
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=10, source_address=(source, 0)
        )
        try:
            connection.request(method, path, body=body, headers={"Host": HOST, **(headers or {})})
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            headers = {name.lower(): value for name, value in response.getheaders()}
            return Answer(response.status, headers, text)
        finally:
            connection.close()

    def get(self, path: str, cookies: dict | None = None) -> Answer:
        headers = {}
        if cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
        return self.request("GET", path, headers)

    def forget_everything(self) -> None:
        assert self.request("BAN", "/*").status == 200


@pytest.fixture(scope="session")
def varnishd(live_server, tmp_path_factory):
    if not Path(VARNISHD).exists():
        if os.environ.get("CI"):
            raise RuntimeError("CI runs the front cache tests: varnishd missing (.ci/varnish.sh)")
        pytest.skip("varnishd is not installed (apt-get install varnish)")
    workdir = tmp_path_factory.mktemp("varnish")
    backend_port = int(live_server.url.rsplit(":", 1)[1])
    (workdir / "backend.vcl").write_text(BACKEND_VCL.format(port=backend_port))
    port = _free_port()
    log = (workdir / "varnishd.log").open("w")
    process = subprocess.Popen(  # noqa: S603
        [
            VARNISHD,
            "-F",  # in the foreground, so that this fixture owns and stops it
            "-j",
            "none",  # as this user: a jail's user could not read the temporary files
            "-n",
            str(workdir / "instance"),
            "-a",
            f"127.0.0.1:{port}",
            "-T",
            "none",
            "-p",
            f"vcl_path={workdir}:{VCL_DIR}",
            "-f",
            str(VCL_DIR / "default.vcl"),
            "-s",
            "malloc,64m",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    varnish = Varnish(port)
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(
                    "varnishd did not start:\n" + (workdir / "varnishd.log").read_text()
                ) from None
            time.sleep(0.1)
    yield varnish
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


@pytest.fixture
def varnish(varnishd, settings):
    """Varnish emptied, and the site purging it on each change."""
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "home.frontcache.VarnishBackend", "LOCATION": varnishd.url}
    }
    settings.FRONT_CACHE_SECONDS = 3600
    varnishd.forget_everything()
    return varnishd


class Seen(list):
    """Paths, and in `cookies` and `forwarded` the Cookie and X-Forwarded-For headers of each."""

    def __init__(self):
        super().__init__()
        self.cookies = []
        self.forwarded = []


@pytest.fixture
def django_requests():
    """The paths of the requests that reached Django (its live server runs in this process)."""
    seen = Seen()

    def count(environ=None, **kwargs):
        seen.append(environ.get("PATH_INFO") if environ else None)
        seen.cookies.append(environ.get("HTTP_COOKIE", "") if environ else "")
        seen.forwarded.append(environ.get("HTTP_X_FORWARDED_FOR", "") if environ else "")

    request_started.connect(count, dispatch_uid="front_cache_test_count")
    yield seen
    request_started.disconnect(dispatch_uid="front_cache_test_count")
