"""The personal spaces' emails: the one-time sign-in link."""

from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode

from django_tasks import task

from home import mail


@task()
def send_login_link(email: str, token: str, language: str) -> None:
    """The sign-in link, in the language of the page it was asked from.

    The database keeps the token's hash only; the clear token travels in this task's arguments,
    worthless once used or 15 minutes old.
    """
    with translation.override(language):
        path = reverse("campagnes:donor_link")
    link_url = mail.site_url(f"{path}?{urlencode({'token': token})}")
    mail.send("campagnes/spaces/emails/login_link", email, language, {"link_url": link_url})
