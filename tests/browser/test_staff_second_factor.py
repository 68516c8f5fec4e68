"""A Mécénat team member signs in with the code of their authenticator app: no admin page opens
after the password alone, a wrong code is refused, the right one opens the dashboard."""

import re
import time

from playwright.sync_api import expect

from .admin import DEMO_PASSWORD, next_code, sign_in_to_admin


def test_a_mecenat_user_signs_in_with_the_second_factor(page):
    # Enrols the demo account on a fresh site (QR code page, key typed in, backup codes shown).
    sign_in_to_admin(page, "mecenat")
    page.context.clear_cookies()

    page.goto("/admin/login/")
    page.locator("#id_username").fill("mecenat")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("form.login-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/admin/second-factor/verify/"))

    page.goto("/admin/mecenat/exports/")
    expect(page).to_have_url(re.compile(r"/admin/second-factor/verify/\?next=%2Fadmin%2Fmecenat"))
    expect(page.locator("h1")).not_to_contain_text("Exports")

    # Wrong unless the app shows 000000 in one of the three accepted steps: one chance in 333,333.
    page.locator("#id_token").fill("000000")
    page.locator("form.login-form button[type=submit]").click()
    expect(page.locator(".messages .error")).to_contain_text("pas valide")
    expect(page).to_have_url(re.compile(r"/admin/second-factor/verify/"))

    time.sleep(1.5)  # django-otp delays the next try by a second after a wrong code
    page.locator("#id_token").fill(next_code("mecenat"))
    page.locator("form.login-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/admin/mecenat/exports/$"))
    expect(page.locator("h1")).to_contain_text("Exports")
