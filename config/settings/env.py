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


def object_storages(environ=os.environ) -> dict:
    """The STORAGES entries for object storage (S3 API, django-storages), from the environment:
    "default" when OBJECT_STORAGE_MEDIA_BUCKET is set, "private" when
    OBJECT_STORAGE_PRIVATE_BUCKET is. Either left unset keeps the local disk for those files.

    Public media (images, renditions, documents) are read by URL from their bucket, unsigned;
    private files (identity documents, signed bulletins, issued receipts and certificates) are
    never public: the site streams them after its own permission checks, and any URL the
    storage would make is signed and lasts a minute.
    """
    common = {
        "endpoint_url": environ.get("OBJECT_STORAGE_ENDPOINT_URL") or None,
        "region_name": environ.get("OBJECT_STORAGE_REGION") or None,
        # Unset, boto3 reads AWS_ACCESS_KEY_ID and the rest as the AWS tools do (roles included).
        "access_key": environ.get("OBJECT_STORAGE_ACCESS_KEY_ID") or None,
        "secret_key": environ.get("OBJECT_STORAGE_SECRET_ACCESS_KEY") or None,
        # Path-style addresses work on every S3-compatible server; virtual-host style needs DNS.
        "addressing_style": environ.get("OBJECT_STORAGE_ADDRESSING_STYLE") or "path",
        "signature_version": "s3v4",
        # A name already taken gets a suffix: an upload never replaces another person's file.
        "file_overwrite": False,
    }
    storages = {}
    if bucket := environ.get("OBJECT_STORAGE_MEDIA_BUCKET"):
        domain = environ.get("OBJECT_STORAGE_MEDIA_DOMAIN") or None
        storages["default"] = {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **common,
                "bucket_name": bucket,
                # The bucket's policy makes it readable; no per-object ACL (many providers
                # refuse ACLs on new buckets).
                "querystring_auth": False,
                "custom_domain": domain,
                # Renditions and images never change under a name: browsers keep them a year.
                "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
            },
        }
    if bucket := environ.get("OBJECT_STORAGE_PRIVATE_BUCKET"):
        storages["private"] = {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **common,
                "bucket_name": bucket,
                "default_acl": "private",
                "querystring_auth": True,
                "querystring_expire": 60,
                "object_parameters": {"CacheControl": "private, no-store"},
            },
        }
    return storages
