"""Keep personal data out of the logs: donors' emails, IBANs, phone numbers, sign-in tokens.

`RedactPersonalData` sits on the project's log handler (LOGGING in config/settings/base.py), so
it sees every line: Django's, the request lines of runserver and gunicorn, and the project's own.
"""

import logging
import re

# The value of these query-string parameters, in a URL or a form body, and URL-encoded inside
# another parameter (?next=/fr/donateur/%3Ftoken%3D…). The donor space signs in by a one-time
# link: its token is as good as a password until used.
SENSITIVE_PARAMETER = re.compile(
    r"(?:(?<![\w-])|(?<=%3F)|(?<=%26))"
    r"(?P<name>(?:token|email|key|session_id|code)(?:=|%3D))[^&;#\s\"'<>]+",
    re.IGNORECASE,
)
# Also in its URL-encoded form (%40), as it appears in request lines. The lookbehind starts a
# match only where a run of address characters starts, which keeps the scan linear.
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+(?:@|%40)[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
# Any country's IBAN, FR76 and its 23 characters included, grouped by four or not.
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,3})?\b", re.IGNORECASE)
# 06 12 34 56 78, 06.12.34.56.78, 0612345678, +33 6 12 34 56 78, +33 (0)6…, 0033 6…
FRENCH_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)33[ .-]?(?:\(0\)[ .-]?)?|0)[1-9](?:[ .-]?\d{2}){4}(?!\d)"
)
ANY_DIGIT = re.compile(r"\d")

# Tracebacks are formatted here, once, so that their text can be redacted too.
TRACEBACK_FORMATTER = logging.Formatter()


def redact(text: str) -> str:
    """`text` with personal data replaced by placeholders; the cheap tests skip most patterns."""
    if "=" in text or "%3" in text:
        text = SENSITIVE_PARAMETER.sub(r"\g<name>[redacted]", text)
    if "@" in text or "%40" in text:
        text = EMAIL.sub("[email]", text)
    if ANY_DIGIT.search(text):
        text = IBAN.sub("[iban]", text)
        text = FRENCH_PHONE.sub("[phone]", text)
    return text


class RedactPersonalData(logging.Filter):
    """Rewrite each record's message, with its arguments merged in, and traceback, redacted.

    The arguments are formatted first: an email can arrive as an argument of any type (a user,
    a request, a gunicorn access log's dictionary). The filter never drops a record, and never
    raises: a failure in logging must not become a failure of the request being logged.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            try:
                message = record.getMessage()
            except Exception:
                # A template and arguments that do not match: log both, rather than nothing.
                message = f"{record.msg} {record.args!r}"
            record.msg = redact(message)
            record.args = ()
            if record.exc_info and not record.exc_text:
                record.exc_text = redact(TRACEBACK_FORMATTER.formatException(record.exc_info))
            if record.stack_info:
                record.stack_info = redact(record.stack_info)
        except Exception:
            # Unprintable (a __str__ that raises): nothing of it is known to be safe.
            record.msg = "[log record dropped: it could not be redacted]"
            record.args = ()
            record.exc_info = record.exc_text = record.stack_info = None
        return True
