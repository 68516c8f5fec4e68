"""Settings read from the environment, as an operator deploying the site sets them."""

import json
import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

import pytest

from config.settings.env import env_bool, env_int, env_list, parse_database_url

PROJECT_DIR = Path(__file__).resolve().parents[2]


# parse_database_url -----------------------------------------------------------------------


def test_sqlite_url_with_a_relative_path():
    assert parse_database_url("sqlite:///db.sqlite3") == {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": "db.sqlite3",
    }


def test_sqlite_url_with_an_absolute_path():
    assert parse_database_url("sqlite:////var/lib/tiers-lieux/site.db")["NAME"] == (
        "/var/lib/tiers-lieux/site.db"
    )


def test_sqlite_url_without_a_path_is_in_memory():
    assert parse_database_url("sqlite://")["NAME"] == ":memory:"
    assert parse_database_url("sqlite:///:memory:")["NAME"] == ":memory:"


def test_postgres_url_with_every_part():
    config = parse_database_url(
        "postgres://tiers_lieux:p%40ss%2Fw%3Ard%23!@db.example.org:6543/tierslieux"
        "?sslmode=require&connect_timeout=5"
    )
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "tierslieux"
    assert config["USER"] == "tiers_lieux"
    assert config["PASSWORD"] == "p@ss/w:rd#!"
    assert config["HOST"] == "db.example.org"
    assert config["PORT"] == "6543"
    assert config["OPTIONS"] == {"sslmode": "require", "connect_timeout": "5"}


def test_postgres_url_with_only_host_and_name():
    config = parse_database_url("postgresql://localhost/tierslieux")
    assert (config["USER"], config["PASSWORD"], config["HOST"], config["PORT"]) == (
        "",
        "",
        "localhost",
        "",
    )
    assert config["NAME"] == "tierslieux"
    assert config["OPTIONS"] == {}


def test_unsupported_database_url_is_refused():
    with pytest.raises(ImproperlyConfigured, match="mysql"):
        parse_database_url("mysql://user@localhost/tierslieux")


# env_bool, env_list, env_int --------------------------------------------------------------


@pytest.mark.parametrize("value", ["1", "true", "True", "YES", "on", " yes "])
def test_env_bool_reads_true_values(monkeypatch, value):
    monkeypatch.setenv("FEATURE", value)
    assert env_bool("FEATURE") is True


@pytest.mark.parametrize("value", ["0", "false", "no", "off", "nope"])
def test_env_bool_reads_everything_else_as_false(monkeypatch, value):
    monkeypatch.setenv("FEATURE", value)
    assert env_bool("FEATURE", default=True) is False


def test_env_bool_falls_back_to_the_default_when_unset_or_empty(monkeypatch):
    monkeypatch.delenv("FEATURE", raising=False)
    assert env_bool("FEATURE", default=True) is True
    monkeypatch.setenv("FEATURE", "")
    assert env_bool("FEATURE", default=True) is True


def test_env_list_splits_on_commas_and_drops_blanks(monkeypatch):
    monkeypatch.setenv("HOSTS", " tiers-lieux.example, www.tiers-lieux.example,, ")
    assert env_list("HOSTS") == ["tiers-lieux.example", "www.tiers-lieux.example"]


def test_env_list_returns_a_copy_of_the_default_when_unset(monkeypatch):
    monkeypatch.delenv("HOSTS", raising=False)
    default = ["localhost"]
    hosts = env_list("HOSTS", default)
    assert hosts == ["localhost"]
    hosts.append("evil.example")
    assert default == ["localhost"]


def test_env_int_reads_whole_numbers_and_defaults(monkeypatch):
    monkeypatch.setenv("EMAIL_PORT", "465")
    assert env_int("EMAIL_PORT", 587) == 465
    monkeypatch.delenv("EMAIL_PORT")
    assert env_int("EMAIL_PORT", 587) == 587


def test_env_int_refuses_anything_else_with_the_variable_name(monkeypatch):
    monkeypatch.setenv("EMAIL_PORT", "five-eight-seven")
    with pytest.raises(ImproperlyConfigured, match="EMAIL_PORT must be a whole number"):
        env_int("EMAIL_PORT", 587)


# Production settings, loaded in a fresh interpreter as gunicorn would ----------------------


def random_secret_key() -> str:
    return "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(60))


def run_python(args: list[str], **environ: str) -> subprocess.CompletedProcess:
    """Run the project's Python with only the given variables, not the test run's own."""
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", ""), **environ}
    return subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [sys.executable, *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


PRINT_CACHES = (
    "import json, django; django.setup(); from django.conf import settings; "
    "print(json.dumps(settings.CACHES))"
)


@pytest.fixture
def production_env(tmp_path):
    return {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": random_secret_key(),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}",
        "ALLOWED_HOSTS": "example.org",
        "PUBLIC_BASE_URL": "https://example.org",
        "SOURCE_CODE_URL": "https://git.example.org/reseau/site",
    }


def test_production_refuses_to_start_without_a_secret_key(production_env):
    del production_env["SECRET_KEY"]
    result = run_python(["-c", PRINT_CACHES], **production_env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_short_secret_key(production_env):
    production_env["SECRET_KEY"] = "short"
    result = run_python(["-c", PRINT_CACHES], **production_env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_a_database_url(production_env):
    del production_env["DATABASE_URL"]
    result = run_python(["-c", PRINT_CACHES], **production_env)
    assert result.returncode != 0
    assert "DATABASE_URL must point" in result.stderr


def test_production_passes_the_deployment_checks(production_env):
    result = run_python(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **production_env
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_without_a_source_code_address_is_warned(production_env):
    del production_env["SOURCE_CODE_URL"]
    result = run_python(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **production_env
    )
    assert result.returncode != 0
    assert "home.W003" in result.stderr


def test_redis_url_selects_the_shared_redis_cache(production_env):
    result = run_python(
        ["-c", PRINT_CACHES], REDIS_URL="redis://cache.internal:6379/2", **production_env
    )
    assert result.returncode == 0, result.stderr
    cache = json.loads(result.stdout)["default"]
    assert cache["BACKEND"] == "django_redis.cache.RedisCache"
    assert cache["LOCATION"] == "redis://cache.internal:6379/2"


def test_without_redis_url_each_process_keeps_its_own_cache(production_env):
    result = run_python(["-c", PRINT_CACHES], **production_env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["default"]["BACKEND"] == (
        "django.core.cache.backends.locmem.LocMemCache"
    )
