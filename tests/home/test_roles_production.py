"""The roles a production install has without the demo: the Communication group and the review
workflow (migration home 0005), each lieu's editors' group (lieux/editors.py and migration lieux
0003). The test database is only migrated: `load_demo` never runs here."""

from importlib import import_module

from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse
from django.utils import translation

from wagtail.models import (
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
)
from wagtail.test.utils.form_data import querydict_from_html

from lieux.editors import LieuEditors, lieu_editors
from lieux.models import LieuPage
from tests import factories
from tests.base import SiteTestCase

COMMUNICATION = "Communication"
WORKFLOW = "Relecture par la communication"
COMMUNICATION_MODEL_PERMISSIONS = {
    "wagtailadmin.access_admin",
    "home.add_navigation",
    "home.change_navigation",
    "home.delete_navigation",
    "home.change_organisationsettings",
    "lieux.add_activity",
    "lieux.change_activity",
    "lieux.delete_activity",
    "lieux.add_public",
    "lieux.change_public",
    "lieux.delete_public",
    "campagnes.add_donationappeal",
    "campagnes.change_donationappeal",
    "campagnes.delete_donationappeal",
    "wagtail_localize.submit_translation",
    "wagtailsearchpromotions.add_searchpromotion",
    "wagtailsearchpromotions.change_searchpromotion",
    "wagtailsearchpromotions.delete_searchpromotion",
    "wagtailredirects.add_redirect",
    "wagtailredirects.change_redirect",
    "wagtailredirects.delete_redirect",
}
COMMUNICATION_PAGE_PERMISSIONS = {
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
}
COMMUNICATION_COLLECTION_PERMISSIONS = {
    f"{action}_{model}"
    for model in ("image", "document")
    for action in ("add", "change", "choose", "delete")
}


def codenames(permissions) -> set[str]:
    return {permission.codename for permission in permissions}


def run_migration(app_label: str, topic: str, function: str) -> None:
    """Run a data migration's function again, with the models as they were when it ran (found
    by its topic: its number changes when migrations are re-chained)."""
    loader = MigrationLoader(connection)
    [key] = [
        key for key in loader.disk_migrations if key[0] == app_label and key[1].endswith(topic)
    ]
    state = loader.project_state(key, at_end=True)
    module = import_module(type(loader.disk_migrations[key]).__module__)
    getattr(module, function)(state.apps, None)


class RolesTestCase(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.index = factories.lieu_index_page(cls.home)
        cls.lieu = factories.lieu_page(cls.index)
        cls.other_lieu = factories.lieu_page(
            cls.index, title="La Boussole", slug="la-boussole", city="Saint-Chamond"
        )
        cls.communication = Group.objects.get(name=COMMUNICATION)
        cls.communicator = cls.create_user("camille")
        cls.communicator.groups.add(cls.communication)

    def assertRefused(self, url: str):
        response = self.client.get(url)
        self.assertIn(response.status_code, (302, 403), url)


class CommunicationGroupTests(RolesTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        factories.donation_settings(cls.site)
        campaign = factories.campaign_page(factories.campaign_index_page(cls.home))
        cls.donor = factories.donor("jeanne.martin@example.org")
        factories.gift(cls.donor, 5000, None, status="paid", campaign=campaign)

    def setUp(self):
        super().setUp()
        self.client.force_login(self.communicator)

    def test_has_exactly_the_expected_permissions(self):
        model_permissions = {
            f"{permission.content_type.app_label}.{permission.codename}"
            for permission in self.communication.permissions.select_related("content_type")
        }
        self.assertEqual(model_permissions, COMMUNICATION_MODEL_PERMISSIONS)
        page_permissions = GroupPagePermission.objects.filter(group=self.communication)
        # On the root page: the home of every language, and any home added later.
        self.assertEqual({permission.page.depth for permission in page_permissions}, {1})
        self.assertEqual(
            codenames(permission.permission for permission in page_permissions),
            COMMUNICATION_PAGE_PERMISSIONS,
        )
        collection_permissions = GroupCollectionPermission.objects.filter(group=self.communication)
        self.assertEqual(
            codenames(permission.permission for permission in collection_permissions),
            COMMUNICATION_COLLECTION_PERMISSIONS,
        )

    def test_opens_pages_images_documents_snippets_and_settings(self):
        urls = [
            reverse("wagtailadmin_home"),
            reverse("wagtailadmin_explore", args=[self.home.pk]),
            reverse("wagtailadmin_pages:edit", args=[self.home.pk]),
            reverse("wagtailadmin_pages:edit", args=[self.lieu.pk]),
            reverse("wagtailimages:index"),
            reverse("wagtailimages:add"),
            reverse("wagtaildocs:index"),
            reverse("wagtaildocs:add"),
            reverse("wagtailsnippets:index"),
            reverse("wagtailsnippets_home_navigation:list"),
            reverse("wagtailsnippets_lieux_activity:list"),
            reverse("wagtailsnippets_campagnes_donationappeal:list"),
            reverse("wagtailsettings:edit", args=["home", "organisationsettings", self.site.pk]),
            reverse("wagtailredirects:index"),
        ]
        for url in urls:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)

    def test_cannot_open_donor_investor_or_receipt_data(self):
        urls = [
            reverse("mecenat-dashboard:index"),
            reverse("donors:index"),
            reverse("donors:inspect", args=[self.donor.pk]),
            reverse("gifts:index"),
            reverse("receipts:index"),
            reverse("mecenat-exports:index"),
            reverse("share-subscriptions:index"),
            reverse("share-register:index"),
            reverse("wagtailsettings:edit", args=["campagnes", "donationsettings", self.site.pk]),
        ]
        for url in urls:
            with self.subTest(url=url):
                self.assertRefused(url)
        for model in ("donor", "gift", "receipt", "plan", "subscription", "sharemovement"):
            self.assertFalse(self.communicator.has_perm(f"campagnes.view_{model}"), model)


class ReviewWorkflowTests(RolesTestCase):
    def test_every_page_goes_to_the_communication_group(self):
        workflow = Workflow.objects.get(name=WORKFLOW)
        self.assertTrue(workflow.active)
        [task] = [task.specific for task in workflow.tasks.all()]
        self.assertIsInstance(task, GroupApprovalTask)
        self.assertEqual(list(task.groups.all()), [self.communication])
        english_home = self.translate_page(self.home)
        for page in (self.home, english_home, self.index, self.lieu):
            with self.subTest(page=page.title):
                self.assertEqual(page.get_workflow(), workflow)

    def test_running_the_migration_again_duplicates_nothing(self):
        # As on an install whose demo made the group and workflow before the migration existed.
        def counts():
            return [model.objects.count() for model in (Group, Workflow, GroupPagePermission)]

        before = counts()
        run_migration("home", "production_roles", "create_roles")
        self.assertEqual(counts(), before)


class LieuEditorsTests(RolesTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.editors = Group.objects.get(name="Éditeurs — Escale Solidaire Lyon")
        cls.editor = cls.create_user("editrice")
        cls.editor.groups.add(cls.editors)

    def edit_url(self, page: Page) -> str:
        return reverse("wagtailadmin_pages:edit", args=[page.pk])

    def test_a_lieu_created_in_code_has_its_editors_group(self):
        self.assertEqual(lieu_editors(self.lieu), self.editors)
        self.assertEqual(
            codenames(p.permission for p in GroupPagePermission.objects.filter(group=self.editors)),
            {"add_page", "change_page"},
        )
        pages = GroupPagePermission.objects.filter(group=self.editors).values_list("page")
        self.assertEqual(set(pages), {(self.lieu.pk,)})
        self.assertEqual(lieu_editors(self.other_lieu).name, "Éditeurs — La Boussole")

    def test_a_lieu_created_in_the_admin_has_its_editors_group(self):
        self.client.force_login(self.communicator)
        url = reverse("wagtailadmin_pages:add", args=["lieux", "lieupage", self.index.pk])
        with translation.override("fr"):
            form = querydict_from_html(self.client.get(url).text, form_id="page-edit-form")
        form.update(
            {
                "title": "Au fil de soi",
                "slug": "au-fil-de-soi",
                "kind": self.lieu.kind,
                "street_address": "3 rue des Postes",
                "postcode": "59000",
                "city": "Lille",
                "region": self.lieu.region,
                "body-count": "0",
                "values-count": "0",
            }
        )
        response = self.client.post(url, form)
        self.assertEqual(response.status_code, 302, response.content[:3000])

        page = LieuPage.objects.get(slug="au-fil-de-soi")
        group = lieu_editors(page)
        self.assertEqual(group.name, "Éditeurs — Au fil de soi")
        member = self.create_user("lea")
        member.groups.add(group)
        self.assertTrue(page.permissions_for_user(member).can_edit())
        self.assertFalse(page.permissions_for_user(member).can_publish())

    def test_the_member_edits_their_lieu_only(self):
        self.client.force_login(self.editor)
        self.assertEqual(self.client.get(self.edit_url(self.lieu)).status_code, 200)
        for page in (self.other_lieu, self.home, self.index):
            with self.subTest(page=page.title):
                self.assertRefused(self.edit_url(page))
        self.assertFalse(self.lieu.permissions_for_user(self.editor).can_publish())

    def test_the_member_submits_to_moderation_and_nothing_goes_live(self):
        live_title = self.lieu.title
        self.client.force_login(self.editor)
        url = self.edit_url(self.lieu)
        form = querydict_from_html(self.client.get(url).text, form_id="page-edit-form")
        form.update({"title": "Titre proposé par le lieu", "body-count": "0", "values-count": "0"})
        form["action-submit"] = "action-submit"
        response = self.client.post(url, form)
        self.assertEqual(response.status_code, 302, response.content[:3000])

        self.lieu.refresh_from_db()
        self.assertEqual(self.lieu.title, live_title)
        self.assertEqual(self.lieu.current_workflow_state.status, "in_progress")
        self.assertEqual(self.lieu.current_workflow_state.workflow.name, WORKFLOW)
        self.client.logout()
        self.assertNotContains(self.client.get(self.lieu.url), "Titre proposé par le lieu")

    def test_a_translation_joins_the_lieu_group(self):
        groups = Group.objects.count()
        english = self.translate_page(self.lieu)
        self.assertEqual(Group.objects.count(), groups)
        self.assertEqual(lieu_editors(english), self.editors)
        self.client.force_login(self.editor)
        self.assertEqual(self.client.get(self.edit_url(english)).status_code, 200)

    def test_renaming_the_lieu_keeps_its_group(self):
        self.lieu.title = "Escale Solidaire du 2e"
        self.lieu.save_revision().publish()
        self.assertEqual(lieu_editors(self.lieu), self.editors)
        self.assertEqual(LieuEditors.objects.count(), 2)
        self.client.force_login(self.editor)
        self.assertEqual(self.client.get(self.edit_url(self.lieu)).status_code, 200)

    def test_a_lieu_of_the_same_title_gets_a_group_of_its_own(self):
        twin = factories.lieu_page(self.index, slug="escale-bis", city="Villeurbanne")
        self.assertNotEqual(lieu_editors(twin), self.editors)
        self.assertEqual(lieu_editors(twin).name, f"Éditeurs — Escale Solidaire Lyon ({twin.pk})")

    def test_the_migration_adopts_the_group_the_demo_made_for_an_existing_lieu(self):
        # An install from before the migration: the lieu exists, its group has no link yet.
        LieuEditors.objects.filter(group=self.editors).delete()
        GroupPagePermission.objects.filter(group=self.editors).delete()
        groups = Group.objects.count()
        run_migration("lieux", "lieu_editors", "create_editors")

        self.assertEqual(Group.objects.count(), groups)
        self.assertEqual(lieu_editors(self.lieu), self.editors)
        self.assertIn(self.editor, self.editors.user_set.all())
        self.client.force_login(self.editor)
        self.assertEqual(self.client.get(self.edit_url(self.lieu)).status_code, 200)
