"""Small readers for settings taken from the environment (in place of django-environ)."""

import os
from urllib.parse import parse_qs, unquote, urlparse

from django.core.exceptions import ImproperlyConfigured

TRUE_VALUES = {"1", "true", "yes", "on"}


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in TRUE_VALUES


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {value!r}") from error


def parse_database_url(url: str) -> dict:
    """Turn `postgres://user:pass@host:port/name` or `sqlite:///path` into a DATABASES entry."""
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        # sqlite:///relative.db and sqlite:////absolute/path.db, as dj-database-url reads them.
        name = unquote(parsed.path[1:]) or ":memory:"
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": name}
    if parsed.scheme in {"postgres", "postgresql", "pgsql"}:
        options = {key: values[-1] for key, values in parse_qs(parsed.query).items()}
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")),
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "OPTIONS": options,
            # Persistent connections: one TLS/auth handshake per worker, not per request.
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    raise ImproperlyConfigured(f"DATABASE_URL scheme {parsed.scheme!r} is not supported")


def env_base_url(names: tuple[str, ...], default: str) -> str:
    """The first of `names` set in the environment, as `scheme://host[:port]` without a trailing
    slash. A path is refused: the site's addresses start at the root (`/fr/…`), so a base with a
    path would give links that lead nowhere."""
    name = next((name for name in names if os.environ.get(name)), None)
    if name is None:
        return default
    value = os.environ[name]
    parsed = urlparse(value.strip())
    try:
        parsed.port  # noqa: B018 (raises ValueError on a port that is not a number)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} has an invalid port: {value!r}") from error
    if parsed.scheme not in {"http", "https"} or not parsed.hostname:
        raise ImproperlyConfigured(f"{name} must be http:// or https:// and a host, got {value!r}")
    if parsed.path not in {"", "/"} or parsed.query or parsed.fragment or parsed.username:
        raise ImproperlyConfigured(
            f"{name} must be the site's address without a path, e.g. https://tiers-lieux.example,"
            f" got {value!r}"
        )
    return f"{parsed.scheme}://{parsed.netloc}"
