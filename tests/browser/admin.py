"""Signing in to the admin as one of the demo site's staff (`load_demo`).

Mécénat, Finance and superusers pass a second step (home/otp.py): the first sign-in of a session's
demo site enrols them with the key the enrolment page shows, as a phone would; later sign-ins
compute the code from that key with django-otp's `totp`, as the phone's app does.
"""

import base64
import re
import time

from django_otp.oath import totp
from playwright.sync_api import expect

DEMO_PASSWORD = "tierslieux-demo"
STEP = 30
# Per user: the authenticator key read at enrolment, and the last time step a code was used for
# (django-otp refuses a code of a step already used, and accepts one step either side of now).
KEYS: dict[str, bytes] = {}
LAST_STEP: dict[str, int] = {}


def next_code(username: str) -> str:
    now = int(time.time()) // STEP
    step = max(now - 1, LAST_STEP.get(username, -1) + 1)
    if step > now + 1:
        time.sleep((step - 1) * STEP - time.time() + 0.5)
        now = int(time.time()) // STEP
    LAST_STEP[username] = step
    return f"{totp(KEYS[username], step=STEP, drift=step - now):06d}"


def enter_code(page, username: str) -> None:
    page.locator("#id_token").fill(next_code(username))
    page.locator("form.login-form button[type=submit]").click()


def enrol(page, username: str) -> None:
    """Reads the key the page offers to type in, and confirms with the first code."""
    typed = page.locator("[data-manual-key]").inner_text().replace(" ", "")
    KEYS[username] = base64.b32decode(typed + "=" * (-len(typed) % 8))
    enter_code(page, username)
    expect(page.locator("[data-backup-codes] li")).to_have_count(10)
    page.get_by_role("link", name=re.compile("continuer|continue", re.IGNORECASE)).click()


def sign_in_to_admin(page, username: str) -> None:
    page.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("form.login-form button[type=submit]").click()
    page.wait_for_url(lambda url: "/admin/login/" not in url)
    if "/admin/second-factor/verify/" in page.url:
        enter_code(page, username)
    elif "/admin/second-factor/" in page.url:
        enrol(page, username)
    expect(page).to_have_url(re.compile(r"/admin/$"))
