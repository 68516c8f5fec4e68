"""Signing in to the admin as one of the demo site's staff (`load_demo`)."""

import re

from playwright.sync_api import expect

DEMO_PASSWORD = "tierslieux-demo"


def sign_in_to_admin(page, username: str) -> None:
    page.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("form.login-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
