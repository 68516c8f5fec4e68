"""The personal spaces' emails: the one-time sign-in link."""

import hashlib
import secrets

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode

from django_tasks import task

from campagnes.models import LoginToken
from home import mail


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@task()
def send_login_link(login_token_id: int, language: str) -> None:
    """The sign-in link, in the language of the page it was asked from.

    The database backend keeps a task's arguments, so the clear token is never one of them: it
    is drawn here, and only its hash replaces the placeholder the request stored. A link already
    used or expired is not sent; sending again (a retried task) makes the earlier email's link
    worthless, which is the safe way round.
    """
    token = secrets.token_urlsafe(32)
    armed = LoginToken.objects.filter(
        pk=login_token_id, used_at=None, expires_at__gt=timezone.now()
    ).update(token_hash=digest(token))
    if not armed:
        return
    email = LoginToken.objects.values_list("email", flat=True).get(pk=login_token_id)
    with translation.override(language):
        path = reverse("campagnes:donor_link")
    link_url = mail.site_url(f"{path}?{urlencode({'token': token})}")
    mail.send("campagnes/spaces/emails/login_link", email, language, {"link_url": link_url})
