"""The demo site `make run` shows (`manage.py load_demo`): its content, its query budget and its
editorial workflow.

The demo is loaded once (about half a minute); each test then runs in its own transaction.
"""

import io
import os
from unittest import mock
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.db import connection
from django.test import Client, TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from wagtail import blocks
from wagtail.blocks.base import BlockField
from wagtail.images import get_image_model
from wagtail.models import GroupPagePermission, Locale, Page, Revision, Site, Workflow
from wagtail.snippets.models import get_snippet_models
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import querydict_from_html

from PIL import Image as PillowImage

from home.models import ArticlePage, NewsIndexPage, StandardPage
from lieux.choices import LieuKind
from lieux.models import LieuIndexPage, LieuPage

MIN_LIEUX_PER_LANGUAGE = 8
NAMED_ESCALES = ["Lyon", "Clermont-Ferrand", "Le Mans", "Laval"]
# The other lieux the network named, with their city (None: any city).
NAMED_LIEUX = [
    ("Au fil de soi", "Lille"),
    ("Les Partageurs", "Lille"),
    ("La Boussole", "Saint-Chamond"),
    ("Maison du Coin", "Brunoy"),
    ("Escale Solidaire Côtière", None),
]

MAX_QUERIES_PER_PAGE = 15
"""The most SQL queries one public page may make on the demo site, page cache off.

A failure lists every page measured with its count. When one page type goes over, its
`get_context` or its template walks a relation per item (an N+1): look for a missing
`select_related`/`prefetch_related`/`prefetch_renditions` on the listing, or a template tag that
queries inside a loop. When every page goes over by the same amount, the base template (menu,
language links, settings) gained a query. To read the SQL, print `context.captured_queries` in
`QueryBudgetChecks.measure` and rerun with `-k budget -s`.
"""


def load_demo() -> str:
    """Run `load_demo` as `make demo` does and return what it printed."""
    output = io.StringIO()
    # Without DEMO_ADMIN_PASSWORD the command uses its documented default password.
    with mock.patch.dict(os.environ), TestCase.captureOnCommitCallbacks(execute=True):
        os.environ.pop("DEMO_ADMIN_PASSWORD", None)
        call_command("load_demo", stdout=output, stderr=io.StringIO())
    return output.getvalue()


def shrink_demo_images() -> None:
    """Replace each demo picture by a 40-pixel copy of itself.

    The first view of a page encodes every rendition (AVIF, WebP, JPEG, up to 1600 pixels wide),
    which takes minutes for the whole demo on a small machine. These tests look at queries and
    links, not pixels: small sources keep the same code paths and the same queries.
    """
    for image in get_image_model().objects.all():
        with image.open_file() as source:
            picture = PillowImage.open(source)
            picture.load()
        picture.thumbnail((40, 40))
        buffer = io.BytesIO()
        picture.save(buffer, format=picture.format or "PNG")
        image.file.save(os.path.basename(image.file.name), ImageFile(buffer), save=False)
        image.width, image.height = picture.size
        image.set_focal_point(None)
        image.save()


class DemoTestCase(WagtailPageTestCase):
    """Loads the demo once for the whole class.

    Every test of the demo lives in one TestCase class (`DemoSiteTests`, built from the check
    mixins below): Django closes the connection after each class, so loading the demo once per
    class is the cheapest way to share it.
    """

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.demo_output = load_demo()
        shrink_demo_images()
        # Renditions are made on a page's first view, as in production for its first visitor.
        client = Client()
        for page in Page.objects.live().filter(depth__gte=2):
            client.get(page.url)
        cls.fr = Locale.objects.get(language_code="fr")
        cls.en = Locale.objects.get(language_code="en")

    def setUp(self):
        super().setUp()
        cache.clear()


# Content ------------------------------------------------------------------------------------


def content_counts() -> dict[str, int]:
    models = [
        Page,
        Revision,
        get_image_model(),
        Group,
        get_user_model(),
        GroupPagePermission,
        Workflow,
        *get_snippet_models(),
    ]
    return {model._meta.label: model.objects.count() for model in models}


class DemoContentChecks:
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.counts_before_second_run = content_counts()
        cls.second_output = load_demo()
        cls.counts_after_second_run = content_counts()

    def french_lieux(self):
        return LieuPage.objects.live().filter(locale=self.fr)

    def test_running_it_again_changes_nothing(self):
        self.assertEqual(self.counts_after_second_run, self.counts_before_second_run)

    def test_at_least_eight_live_lieux_in_each_language(self):
        for locale in (self.fr, self.en):
            with self.subTest(locale=locale.language_code):
                count = LieuPage.objects.live().filter(locale=locale).count()
                self.assertGreaterEqual(count, MIN_LIEUX_PER_LANGUAGE)

    def test_every_french_lieu_has_a_live_english_translation(self):
        for lieu in self.french_lieux():
            with self.subTest(lieu=lieu.title):
                translation = lieu.get_translation_or_none(self.en)
                self.assertIsNotNone(translation)
                self.assertTrue(translation.live)

    def test_the_escales_solidaires_named_by_the_network_exist(self):
        escales = self.french_lieux().filter(kind=LieuKind.ESCALE_SOLIDAIRE)
        for city in NAMED_ESCALES:
            with self.subTest(city=city):
                self.assertTrue(escales.filter(city=city).exists(), f"no Escale in {city}")

    def test_the_lieux_named_by_the_network_exist(self):
        for title, city in NAMED_LIEUX:
            with self.subTest(title=title):
                lieux = self.french_lieux().filter(title__icontains=title)
                if city:
                    lieux = lieux.filter(city=city)
                self.assertTrue(lieux.exists(), f"no lieu {title!r} in {city or 'any city'}")

    def test_both_lieux_indexes_list_every_lieu(self):
        for url, locale in (("/fr/lieux/", self.fr), ("/en/places/", self.en)):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                for lieu in LieuPage.objects.live().filter(locale=locale):
                    self.assertContains(response, f'href="{lieu.url}"')
                    self.assertContains(response, lieu.title)

    def test_prints_the_admin_login_that_works(self):
        self.assertIn("login: admin", self.demo_output)
        self.assertIn("password: tierslieux-demo", self.demo_output)
        self.assertTrue(self.client.login(username="admin", password="tierslieux-demo"))
        self.assertTrue(get_user_model().objects.get(username="admin").is_superuser)

    def test_second_run_says_nothing_changed(self):
        self.assertIn("nothing changed", self.second_output)

    def test_the_site_is_on_the_public_address_not_on_localhost(self):
        # PUBLIC_BASE_URL is http://testserver in the test settings.
        self.assertIn("Site address: http://testserver (set)", self.demo_output)
        self.assertIn("Admin: http://testserver/admin/", self.demo_output)
        site = Site.objects.get(is_default_site=True)
        self.assertEqual((site.hostname, site.port), ("testserver", 80))

    def test_sets_up_the_editorial_groups_and_workflow(self):
        self.assertTrue(Group.objects.filter(name="Communication").exists())
        self.assertTrue(Group.objects.filter(name__startswith="Éditeurs").exists())
        self.assertTrue(Workflow.objects.filter(active=True).exists())


# Query budget ---------------------------------------------------------------------------------


def search_path(language: str) -> str:
    with translation.override(language):
        return reverse("search")


class QueryBudgetChecks:
    def measure(self, url: str) -> int:
        # As a running worker meets it: the page cache is off in tests (PAGE_CACHE_SECONDS=0),
        # while Wagtail's site root paths and the site data (menus, settings, vocabularies)
        # stay cached between requests as they do in production.
        self.client.get(url)
        with CaptureQueriesContext(connection) as context:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return len(context)

    def public_urls(self) -> list[str]:
        urls = []
        for locale in (self.fr, self.en):
            home = Page.objects.get(depth=2, locale=locale)
            index = LieuIndexPage.objects.live().get(locale=locale)
            lieux = list(LieuPage.objects.live().filter(locale=locale).order_by("path"))
            first_activity = next(term.slug for lieu in lieux for term in lieu.activities.all())
            news = NewsIndexPage.objects.live().get(locale=locale)
            articles = list(ArticlePage.objects.live().filter(locale=locale))
            standard_pages = list(StandardPage.objects.live().filter(locale=locale))
            self.assertTrue(articles and standard_pages, f"the demo lacks pages in {locale}")
            urls += [
                home.url,
                index.url,
                f"{index.url}?activite={first_activity}",
                f"{index.url}?{urlencode({'region': lieux[0].region, 'ville': lieux[0].city})}",
                *(lieu.url for lieu in lieux),
                news.url,
                *(article.url for article in articles),
                *(page.url for page in standard_pages),
                f"{search_path(locale.language_code)}?{urlencode({'q': lieux[0].city})}",
            ]
        return urls

    def test_no_public_page_goes_over_the_query_budget(self):
        counts = {url: self.measure(url) for url in self.public_urls()}
        report = "\n".join(f"  {count:3d}  {url}" for url, count in counts.items())
        over = [f"{url}: {count}" for url, count in counts.items() if count > MAX_QUERIES_PER_PAGE]
        self.assertEqual(over, [], f"queries per page:\n{report}")


# Editorial workflow -------------------------------------------------------------------------


def block_form_data(block, state, prefix: str) -> dict[str, str]:
    """POST data for a block from its form state, as the StreamField editor's script sends it."""
    if isinstance(block, blocks.StreamBlock):
        data = {f"{prefix}-count": str(len(state))}
        for i, child in enumerate(state):
            data |= {
                f"{prefix}-{i}-type": child["type"],
                f"{prefix}-{i}-id": child.get("id") or "",
                f"{prefix}-{i}-order": str(i),
                f"{prefix}-{i}-deleted": "",
            }
            data |= block_form_data(
                block.child_blocks[child["type"]], child["value"], f"{prefix}-{i}-value"
            )
        return data
    if isinstance(block, blocks.ListBlock):
        data = {f"{prefix}-count": str(len(state))}
        for i, child in enumerate(state):
            data |= {
                f"{prefix}-{i}-id": child.get("id") or "",
                f"{prefix}-{i}-order": str(i),
                f"{prefix}-{i}-deleted": "",
            }
            data |= block_form_data(block.child_block, child["value"], f"{prefix}-{i}-value")
        return data
    if isinstance(block, blocks.StructBlock):
        data = {}
        for name, child in block.child_blocks.items():
            data |= block_form_data(child, (state or {}).get(name), f"{prefix}-{name}")
        return data
    if isinstance(state, dict):  # choosers describe their value; the form posts its id
        state = state.get("id")
    if state is False:
        return {}  # an unticked checkbox is absent from a POST
    return {prefix: "on" if state is True else ("" if state is None else str(state))}


class EditorialWorkflowChecks:
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        editors = Group.objects.filter(name__startswith="Éditeurs", user__isnull=False).first()
        assert editors, "the demo has no lieu editors group with a member"
        cls.editor = editors.user_set.first()
        permission = GroupPagePermission.objects.filter(
            group=editors, page__locale=cls.fr, permission__codename="change_page"
        ).first()
        cls.own_lieu = LieuPage.objects.get(pk=permission.page_id)
        cls.other_lieu = LieuPage.objects.filter(locale=cls.fr).exclude(pk=cls.own_lieu.pk).first()
        cls.communicator = cls.create_user("camille", password="camille-password")
        cls.communicator.groups.add(Group.objects.get(name="Communication"))

    def edit_url(self, page) -> str:
        return reverse("wagtailadmin_pages:edit", args=[page.pk])

    def edit_data(self, page, **changes) -> dict[str, list[str]]:
        """The edit form as the editor's browser would send it back, with `changes` applied."""
        response = self.client.get(self.edit_url(page))
        self.assertEqual(response.status_code, 200)
        data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
        latest = page.get_latest_revision_as_object()
        form_class = type(page).get_edit_handler().get_form_class()
        for name, field in form_class.base_fields.items():
            if isinstance(field, BlockField):
                state = field.block.get_form_state(getattr(latest, name))
                data.update(block_form_data(field.block, state, name))
        for name, value in changes.items():
            data[name] = value
        # As lists: the test client would post only the last of several ticked checkboxes.
        return dict(data.lists())

    def test_editor_opens_their_lieu_in_both_languages(self):
        self.client.force_login(self.editor)
        self.assertEqual(self.client.get(self.edit_url(self.own_lieu)).status_code, 200)
        english = self.own_lieu.get_translation(self.en)
        self.assertEqual(self.client.get(self.edit_url(english)).status_code, 200)

    def test_editor_cannot_publish_their_lieu(self):
        self.assertFalse(self.own_lieu.permissions_for_user(self.editor).can_publish())
        self.client.force_login(self.editor)
        data = self.edit_data(self.own_lieu, title="Titre publié sans relecture")
        data["action-publish"] = ["action-publish"]
        self.client.post(self.edit_url(self.own_lieu), data)

        self.own_lieu.refresh_from_db()
        self.assertNotEqual(self.own_lieu.title, "Titre publié sans relecture")
        self.assertNotContains(self.client.get(self.own_lieu.url), "Titre publié sans relecture")

    def test_editor_submission_goes_to_moderation(self):
        live_title = self.own_lieu.title
        self.client.force_login(self.editor)
        data = self.edit_data(self.own_lieu, title="Titre proposé par le lieu")
        data["action-submit"] = ["action-submit"]
        response = self.client.post(self.edit_url(self.own_lieu), data)
        self.assertEqual(response.status_code, 302, response.content[:2000])

        self.own_lieu.refresh_from_db()
        self.assertEqual(self.own_lieu.title, live_title)
        self.assertEqual(
            self.own_lieu.get_latest_revision().content["title"], "Titre proposé par le lieu"
        )
        workflow_state = self.own_lieu.current_workflow_state
        self.assertIsNotNone(workflow_state)
        self.assertEqual(workflow_state.status, "in_progress")
        # Only the title changed: the rest of the sheet went through the form intact.
        draft = self.own_lieu.get_latest_revision_as_object()
        for name in ("body", "values"):
            self.assertEqual(
                [(block.block_type, block.id) for block in getattr(draft, name)],
                [(block.block_type, block.id) for block in getattr(self.own_lieu, name)],
            )
        for relation in ("opening_hours", "recurring_activities", "partners"):
            self.assertEqual(
                getattr(draft, relation).count(), getattr(self.own_lieu, relation).count()
            )
        self.assertEqual(list(draft.activities.all()), list(self.own_lieu.activities.all()))

    def test_editor_cannot_edit_another_lieu(self):
        self.client.force_login(self.editor)
        revisions_before = self.other_lieu.revisions.count()
        response = self.client.get(self.edit_url(self.other_lieu))
        self.assertIn(response.status_code, (302, 403))
        response = self.client.post(self.edit_url(self.other_lieu), {"title": "Pris en main"})
        self.assertIn(response.status_code, (302, 403))
        self.assertEqual(self.other_lieu.revisions.count(), revisions_before)

    def test_communication_member_publishes_directly(self):
        self.client.force_login(self.communicator)
        data = self.edit_data(self.other_lieu, title="Titre publié par la communication")
        data["action-publish"] = ["action-publish"]
        response = self.client.post(self.edit_url(self.other_lieu), data)
        self.assertEqual(response.status_code, 302, response.content[:2000])

        self.other_lieu.refresh_from_db()
        self.assertEqual(self.other_lieu.title, "Titre publié par la communication")
        self.client.logout()
        self.assertContains(
            self.client.get(self.other_lieu.url), "Titre publié par la communication"
        )

    def test_communication_member_approves_the_editor_submission(self):
        self.client.force_login(self.editor)
        data = self.edit_data(self.own_lieu, title="Titre relu et approuvé")
        data["action-submit"] = ["action-submit"]
        self.client.post(self.edit_url(self.own_lieu), data)
        task_state = self.own_lieu.current_workflow_state.current_task_state

        self.client.force_login(self.communicator)
        response = self.client.post(
            reverse(
                "wagtailadmin_pages:workflow_action",
                args=[self.own_lieu.pk, "approve", task_state.pk],
            ),
            {"comment": ""},
        )
        self.assertIn(response.status_code, (200, 302))

        self.own_lieu.refresh_from_db()
        self.assertEqual(self.own_lieu.title, "Titre relu et approuvé")
        self.assertIsNone(self.own_lieu.current_workflow_state)


class DemoSiteTests(DemoContentChecks, QueryBudgetChecks, EditorialWorkflowChecks, DemoTestCase):
    pass
