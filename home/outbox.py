"""The local outbox of development: every email the site sends is written to `EMAIL_FILE_PATH`
(`var/outbox/` by default) as one `.eml` file, which any mail client opens, and read back by the
developer's page `/__dev__/outbox/` (home/dev.py), never printed to the console.

Django's file-based backend writes every message of a connection into one `.log` file with
separator lines; this one keeps its folder handling and writes a file per message instead, under
a name that sorts by the time it was sent.
"""

import email
import email.policy
import logging
import os
import re
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage as ParsedMessage
from pathlib import Path

from django.conf import settings
from django.core.mail.backends import filebased

from .address import public_url

logger = logging.getLogger(__name__)

# The names this backend gives its files: nothing else in the folder is ever read or served.
FILE_NAME = re.compile(r"^\d{8}-\d{6}-\d{6}-[0-9a-f]{6}\.eml$")


class OutboxEmailBackend(filebased.EmailBackend):
    """One `.eml` file per message in `EMAIL_FILE_PATH`; one log line saying where to read it."""

    def send_messages(self, email_messages) -> int:
        sent = 0
        with self._lock:
            for message in email_messages or ():
                try:
                    name = self.write(message.message().as_bytes(linesep="\n"))
                except OSError:
                    if not self.fail_silently:
                        raise
                    continue
                sent += 1
                # No recipient in the log: the page shows it, the log stays free of addresses.
                logger.info(
                    "Email %r saved to the outbox: %s (%s)",
                    str(message.subject),
                    public_url("/__dev__/outbox/"),
                    name,
                )
        return sent

    def write(self, data: bytes) -> str:
        # UTC, so that names sort in the order of sending across a change of daylight saving time.
        name = f"{datetime.now(UTC):%Y%m%d-%H%M%S-%f}-{secrets.token_hex(3)}.eml"
        path = Path(self.file_path) / name
        partial = path.with_suffix(".part")
        # Written aside then renamed, so the outbox page never reads half a message.
        partial.write_bytes(data)
        partial.replace(path)
        return name


@dataclass
class Attachment:
    index: int
    filename: str
    content_type: str
    size: int


@dataclass
class OutboxMessage:
    name: str
    subject: str
    sender: str
    to: str
    cc: str
    sent_at: datetime | None
    body: str  # the plain-text part, "" when the message has none
    has_html: bool
    attachments: list[Attachment] = field(default_factory=list)


def outbox_path() -> Path:
    return Path(settings.EMAIL_FILE_PATH or Path(settings.BASE_DIR) / "var" / "outbox")


def file_names(folder: Path | None = None) -> list[str]:
    """The outbox's messages, newest first."""
    folder = folder or outbox_path()
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return []
    return sorted((name for name in names if FILE_NAME.match(name)), reverse=True)


def parse(name: str, folder: Path | None = None) -> ParsedMessage | None:
    """The message stored under `name`, or None for a name this backend never gave."""
    if not FILE_NAME.match(name):
        return None
    path = (folder or outbox_path()) / name
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    return email.message_from_bytes(data, policy=email.policy.default)


def attachments(message: ParsedMessage) -> list[ParsedMessage]:
    return list(message.iter_attachments())


def read(name: str, folder: Path | None = None) -> OutboxMessage | None:
    message = parse(name, folder)
    if message is None:
        return None
    text = message.get_body(preferencelist=("plain",))
    date = message["date"].datetime if message["date"] is not None else None
    if date is not None and date.tzinfo is None:
        date = date.replace(tzinfo=UTC)  # Django writes UTC as "-0000", which reads as naive
    return OutboxMessage(
        name=name,
        subject=str(message["subject"] or ""),
        sender=str(message["from"] or ""),
        to=str(message["to"] or ""),
        cc=str(message["cc"] or ""),
        sent_at=date,
        body=text.get_content() if text is not None else "",
        has_html=message.get_body(preferencelist=("html",)) is not None,
        attachments=[
            Attachment(
                index=index,
                filename=part.get_filename() or f"attachment-{index + 1}",
                content_type=part.get_content_type(),
                size=len(part.get_payload(decode=True) or b""),
            )
            for index, part in enumerate(attachments(message))
        ],
    )


def clear(folder: Path | None = None) -> int:
    """Delete every message of the outbox; returns how many there were."""
    folder = folder or outbox_path()
    names = file_names(folder)
    for name in names:
        (folder / name).unlink(missing_ok=True)
    return len(names)
