"""Transactional emails: a subject and a plain-text body rendered in the recipient's language,
with links built from the site's public address, `PUBLIC_BASE_URL` (never the request's host)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from .address import public_url


def site_url(path: str) -> str:
    """`path` on the public address, for a link in an email."""
    return public_url(path)


def send(template: str, to: str, language: str, context: dict, attachments=()) -> None:
    """Renders `<template>_subject.txt` and `<template>.txt` in `language` and sends them."""
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}.txt", context)
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
    for attachment in attachments:
        message.attach(*attachment)
    message.send()
