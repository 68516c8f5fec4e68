"""The sign-in link's clear token lives in the email only: never in a stored task's arguments
or result (django-tasks-db keeps both), and the link it makes still signs in, once."""

import json

from django.core import mail
from django.test import override_settings
from django.utils.module_loading import import_string

from django_tasks_db.models import DBTaskResult

from campagnes.models import LoginToken
from tests.campagnes.spaces.test_donor_space import DonorSpaceTestCase, donor

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def stored_tasks() -> str:
    """Every stored task row, all columns, as one text to search."""
    return json.dumps(list(DBTaskResult.objects.values()), default=str)


@override_settings(TASKS=DATABASE_TASKS)
class SignInTokenTests(DonorSpaceTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.donor = donor("louise.bernard@example.org")

    def run_worker(self):
        """What `db_worker` does with each stored row (the worker itself needs its own SQLite
        transaction, which a test case's cannot hold)."""
        for row in DBTaskResult.objects.filter(task_path__endswith="send_login_link"):
            arguments = row.args_kwargs
            import_string(row.task_path).call(*arguments["args"], **arguments["kwargs"])

    def test_no_task_row_holds_the_token_and_the_link_signs_in(self):
        self.request_link(self.donor.email)
        self.assertEqual(len(mail.outbox), 0)  # queued, not sent by the request
        self.assertEqual(
            DBTaskResult.objects.filter(task_path__endswith="send_login_link").count(), 1
        )
        self.run_worker()
        path, token = self.last_link().split("?token=")
        self.assertNotIn(token, stored_tasks())
        self.assertNotIn(self.donor.email, stored_tasks())
        self.assertNotIn(token, json.dumps(list(LoginToken.objects.values()), default=str))

        response = self.client.post(path, {"token": token})
        self.assertRedirects(response, "/fr/mon-espace/")
        # Used once: the same link again is refused.
        self.client.logout()
        self.assertEqual(self.client.post(path, {"token": token}).status_code, 410)

    def test_a_link_used_or_expired_before_its_email_goes_is_not_sent(self):
        self.request_link(self.donor.email)
        LoginToken.objects.update(expires_at="2000-01-01T00:00Z")
        self.run_worker()
        self.assertEqual(len(mail.outbox), 0)

    def test_the_link_keeps_the_language_it_was_asked_in(self):
        self.request_link(self.donor.email, language="en")
        self.run_worker()
        self.assertIn("http://testserver/en/my-space/link/?token=", mail.outbox[-1].body)
        self.assertNotIn(self.last_link().split("?token=")[1], stored_tasks())
