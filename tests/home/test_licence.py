"""The site is free software: its licence is in the repository and its source offered to
visitors, as the AGPL's section 13 asks of a site run for others."""

import tomllib
from pathlib import Path

from django.core import checks
from django.test import override_settings

from home.address import check_source_code_offered
from tests.base import SiteTestCase

ROOT = Path(__file__).resolve().parents[2]


def test_the_repository_carries_the_agpl_and_says_so():
    licence = (ROOT / "LICENSE").read_text()
    assert licence.startswith("GNU AFFERO GENERAL PUBLIC LICENSE\nVersion 3, 19 November 2007")
    assert "13. Remote Network Interaction; Use with the GNU General Public License." in licence
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["license"] == "AGPL-3.0-or-later"
    assert "AGPL-3.0-or-later" in (ROOT / "README.md").read_text()


class SourceCodeLinkTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.translate_page(cls.home)

    @override_settings(SOURCE_CODE_URL="https://git.example.org/reseau/site")
    def test_every_page_s_footer_links_to_the_source_code(self):
        for address, words in (("/fr/", "logiciel libre"), ("/en/", "free software")):
            with self.subTest(address):
                soup = self.get_soup(self.client.get(address).content)
                line = soup.select_one(".site-footer__source")
                self.assertIn(words, line.get_text(" ", strip=True))
                self.assertEqual(line.a["href"], "https://git.example.org/reseau/site")

    @override_settings(SOURCE_CODE_URL="")
    def test_without_an_address_no_empty_link_and_the_deploy_check_warns(self):
        soup = self.get_soup(self.client.get("/fr/").content)
        self.assertIsNone(soup.select_one(".site-footer__source"))
        warnings = check_source_code_offered()
        self.assertEqual([warning.id for warning in warnings], ["home.W003"])
        self.assertTrue(all(warning.level == checks.WARNING for warning in warnings))
