"""What `make run` shows a developer (config/settings/dev.py, home/dev.py, home/outbox.py): the
designed 404 and 500 pages with DEBUG on, and the local outbox where every email the site sends
is kept and read back, links clickable and attachments downloadable. None of it in production
nor under the test settings."""

import json
import re
import shutil
import tempfile
from pathlib import Path

from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.test import override_settings
from django.urls import NoReverseMatch, reverse

from config.settings import dev
from home import outbox
from tests.base import SiteTestCase
from tests.home.test_settings_env import PROJECT_DIR, random_secret_key, run_python

# The development settings that matter here, taken from config/settings/dev.py itself.
DEV_SETTINGS = {
    "DEBUG": True,
    "DEV_TOOLS": dev.DEV_TOOLS,
    "ROOT_URLCONF": dev.ROOT_URLCONF,
    "MIDDLEWARE": dev.MIDDLEWARE,
}
SIGN_IN_LINK = re.compile(r"^http://testserver/fr/mon-espace/lien/\?token=[\w-]+$")


class DevTestCase(SiteTestCase):
    def setUp(self):
        super().setUp()
        self.outbox_dir = Path(tempfile.mkdtemp(prefix="tierslieux-outbox-"))
        self.addCleanup(shutil.rmtree, self.outbox_dir, ignore_errors=True)
        settings = override_settings(
            **DEV_SETTINGS,
            EMAIL_BACKEND="home.outbox.OutboxEmailBackend",  # dev's default
            EMAIL_FILE_PATH=str(self.outbox_dir),
        )
        settings.enable()
        self.addCleanup(settings.disable)


class DesignedErrorPagesTests(DevTestCase):
    def test_an_unknown_page_shows_the_designed_404_with_a_note_for_the_developer(self):
        response = self.client.get("/fr/page-introuvable/")
        self.assertEqual(response.status_code, 404)
        self.assertTemplateUsed(response, "404.html")
        soup = self.get_soup(response.content)
        self.assertEqual(soup.h1.get_text(strip=True), "Page non trouvée")
        self.assertIsNotNone(soup.select_one(".site-header"), "the page has the site's header")
        note = soup.select_one(".dev-note")
        self.assertIn("les visiteurs reçoivent cette page", note.get_text())
        details = note.find("a", string="Détails techniques")
        self.assertEqual(details["href"], "/fr/page-introuvable/?technical=1")
        self.assertNotIn("URLconf", response.text)

    def test_the_technical_details_are_djangos_debug_page(self):
        response = self.client.get("/fr/page-introuvable/?technical=1")
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, "URLconf", status_code=404)

    def test_an_address_no_pattern_matches_shows_the_designed_404_in_its_language(self):
        response = self.client.get("/en/nowhere.html")
        self.assertEqual(response.status_code, 404)
        soup = self.get_soup(response.content)
        self.assertEqual(soup.h1.get_text(strip=True), "Page not found")
        self.assertEqual(soup.html["lang"], "en")
        self.assertEqual(
            soup.select_one(".dev-note").find("a", string="Technical details")["href"],
            "/en/nowhere.html?technical=1",
        )

    def test_the_server_error_page_can_be_seen_in_both_languages(self):
        response = self.client.get("/__dev__/500/")
        self.assertEqual(response.status_code, 500)
        self.assertTemplateUsed(response, "500.html")
        self.assertContains(response, "Un problème est survenu de notre côté", status_code=500)
        english = self.client.get("/__dev__/500/?lang=en")
        self.assertContains(english, "Something went wrong on our side", status_code=500)

    def test_the_index_lists_the_tools(self):
        soup = self.get_soup(self.client.get("/__dev__/").content)
        links = {link["href"] for link in soup.select("main a")}
        self.assertLessEqual(
            {"/__dev__/outbox/", "/__dev__/500/?lang=fr", "/__dev__/500/?lang=en"}, links
        )
        self.assertIn("/fr/page-introuvable-exemple/", links)
        # The tests' site is still on Wagtail's localhost: the page says what to run.
        self.assertIn("manage.py set_site_address", soup.select_one(".dev-warning").get_text())


class OutboxTests(DevTestCase):
    def ask_for_a_sign_in_link(self):
        from campagnes.models import Donor

        Donor.objects.create(email="louise.bernard@example.org", first_name="Louise")
        response = self.client.post(
            "/fr/mon-espace/connexion/", {"email": "louise.bernard@example.org"}
        )
        self.assertEqual(response.status_code, 200)

    def test_a_sign_in_link_is_read_back_with_the_link_clickable(self):
        with self.assertLogs("home.outbox", "INFO") as logs:
            self.ask_for_a_sign_in_link()
        (name,) = outbox.file_names(self.outbox_dir)
        self.assertTrue(name.endswith(".eml"))
        # The console says where the message is, without its body or its recipient.
        (line,) = logs.output
        self.assertIn("http://testserver/__dev__/outbox/", line)
        self.assertNotIn("louise.bernard", line)
        self.assertNotIn("token", line)

        soup = self.get_soup(self.client.get("/__dev__/outbox/").content)
        (message,) = soup.select(".dev-message")
        self.assertEqual(
            message.select_one(".dev-message__subject").get_text(strip=True),
            "Votre lien vers votre espace personnel",
        )
        self.assertIn("louise.bernard@example.org", message.select_one("dl").get_text())
        (link,) = message.select(".dev-message__body a")
        self.assertRegex(link["href"], SIGN_IN_LINK)
        # The link works: it leads to the page that signs the donor in.
        self.assertEqual(self.client.get(link["href"]).status_code, 200)

    def test_messages_show_newest_first_with_their_attachments_downloadable(self):
        connection = get_connection()
        first = EmailMessage("Premier", "Bonjour", "site@example.org", ["a@example.org"])
        receipt = EmailMessage(
            "Votre reçu fiscal", "Voici votre reçu.", "site@example.org", ["b@example.org"]
        )
        receipt.attach("reçu-2025-000001.pdf", b"%PDF-1.7 receipt", "application/pdf")
        # One connection, two messages: still one file each.
        self.assertEqual(connection.send_messages([first]), 1)
        self.assertEqual(connection.send_messages([receipt]), 1)
        self.assertEqual(len(outbox.file_names(self.outbox_dir)), 2)

        soup = self.get_soup(self.client.get("/__dev__/outbox/").content)
        subjects = [h2.get_text(strip=True) for h2 in soup.select(".dev-message__subject")]
        self.assertEqual(subjects, ["Votre reçu fiscal", "Premier"])
        (download,) = soup.select(".dev-message__files a")
        self.assertEqual(download.get_text(strip=True), "reçu-2025-000001.pdf")
        response = self.client.get(download["href"])
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertIn("attachment", response["Content-Disposition"])
        self.assertIn("re%C3%A7u-2025-000001.pdf", response["Content-Disposition"])
        self.assertEqual(response.content, b"%PDF-1.7 receipt")

    def test_an_html_version_opens_as_the_mail_client_shows_it(self):
        # As Wagtail's moderation notifications are: a text and an HTML version.
        alternative = EmailMultiAlternatives("Notification", "Texte", to=["a@example.org"])
        alternative.attach_alternative("<p>Texte <b>riche</b></p>", "text/html")
        alternative.send()
        soup = self.get_soup(self.client.get("/__dev__/outbox/").content)
        (html_link,) = soup.select(".dev-message__files a")
        self.assertEqual(html_link.get_text(strip=True), "Version HTML")
        self.assertContains(self.client.get(html_link["href"]), "<b>riche</b>")

    def test_the_outbox_can_be_emptied(self):
        self.ask_for_a_sign_in_link()
        response = self.client.post("/__dev__/outbox/")
        self.assertRedirects(response, "/__dev__/outbox/")
        self.assertEqual(outbox.file_names(self.outbox_dir), [])
        self.assertContains(self.client.get("/__dev__/outbox/"), "La boîte d’envoi est vide.")

    def test_only_the_outboxs_own_files_are_served(self):
        (self.outbox_dir / "secret.txt").write_text("not an email")
        for path in ("/__dev__/outbox/secret.txt/0/", "/__dev__/outbox/..%2Fsecret.txt/html/"):
            with self.subTest(path):
                self.assertEqual(self.client.get(path, {"technical": "1"}).status_code, 404)
        self.assertEqual(outbox.file_names(self.outbox_dir), [])


class NeverOutsideDevelopmentTests(SiteTestCase):
    """The test settings are production's, as far as these tools go."""

    def test_no_developer_page_is_routed(self):
        with self.assertRaises(NoReverseMatch):
            reverse("dev:outbox")
        # LocaleMiddleware tries the address under /fr/, where no page has it.
        response = self.client.get("/__dev__/outbox/", follow=True)
        self.assertEqual(response.status_code, 404)
        self.assertNotContains(response, "dev-message", status_code=404)

    def test_unknown_pages_get_the_plain_designed_404(self):
        response = self.client.get("/fr/page-introuvable/")
        self.assertTemplateUsed(response, "404.html")
        self.assertNotContains(response, "dev-note", status_code=404)

    def test_even_a_routed_developer_page_answers_404_without_dev_tools(self):
        with override_settings(ROOT_URLCONF=dev.ROOT_URLCONF, DEV_TOOLS=False):
            response = self.client.get("/__dev__/outbox/", follow=True)
            self.assertEqual(response.status_code, 404)
            self.assertEqual(response.redirect_chain, [("/fr/__dev__/outbox/", 302)])


def test_production_has_none_of_the_developer_tools(tmp_path):
    probe = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps([settings.DEV_TOOLS, settings.ROOT_URLCONF, settings.EMAIL_BACKEND, "
        "[m for m in settings.MIDDLEWARE if m.startswith('home.dev')]]))"
    )
    result = run_python(
        ["-c", probe],
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=random_secret_key(),
        DATABASE_URL=f"sqlite:///{tmp_path / 'x.db'}",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        '[false, "config.urls", "django.core.mail.backends.smtp.EmailBackend", []]'
    )


def test_development_sends_to_the_outbox_in_var(tmp_path):
    probe = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps([settings.EMAIL_BACKEND, settings.EMAIL_FILE_PATH]))"
    )
    result = run_python(
        ["-c", probe],
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DATABASE_URL=f"sqlite:///{tmp_path / 'x.db'}",
    )
    assert result.returncode == 0, result.stderr
    backend, path = json.loads(result.stdout)
    assert backend == "home.outbox.OutboxEmailBackend"
    assert Path(path) == PROJECT_DIR / "var" / "outbox"
