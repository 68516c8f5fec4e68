"""Settings shared by every environment. Production-safe: DEBUG is off and every secret
comes from the environment (see the configuration table in README.md)."""

import ipaddress
import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from csp.constants import NONE, SELF

from .env import (
    env_base_url,
    env_bool,
    env_int,
    env_list,
    object_storages,
    parse_database_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# SECRET_KEY: required in production; dev and test settings provide throwaway values.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
# DEBUG: never on in production.
DEBUG = env_bool("DEBUG", False)
# The developer's pages under /__dev__/ (the outbox, the error pages) and the designed 404 page
# in place of Django's technical one: config/settings/dev.py turns them on, nothing else does.
DEV_TOOLS = False
# ALLOWED_HOSTS: comma-separated host names the site answers to.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1"])
# CSRF_TRUSTED_ORIGINS: comma-separated origins (https://example.org) behind a proxy.
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# TRUSTED_PROXY_COUNT: how many reverse proxies stand in front of the site, each appending to
# X-Forwarded-For (home/client.py). 0 reads the connection's address only: a header the proxy
# did not set is never believed.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more")
# TRUSTED_PROXY_IPS: optional comma-separated addresses or networks (10.0.0.0/8) of the proxy
# that connects to the site; X-Forwarded-For is then read only on its connections.
TRUSTED_PROXY_IPS = env_list("TRUSTED_PROXY_IPS")
for _network in TRUSTED_PROXY_IPS:
    try:
        ipaddress.ip_network(_network, strict=False)
    except ValueError as error:
        raise ImproperlyConfigured(f"TRUSTED_PROXY_IPS: {_network!r} is not an address") from error
# A refused form (expired session, cookies blocked) gets a designed page with a way back.
CSRF_FAILURE_VIEW = "home.views.csrf_failure"

INSTALLED_APPS = [
    "home",
    "lieux",
    "campagnes",
    "search",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Surrogate-Control and Cache-Control for the front cache (Varnish): around the page cache,
    # so that the pages it serves are marked too, by the same rules.
    "home.frontcache.FrontCacheMiddleware",
    "home.cache.PageCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "home.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Gives request.user.is_verified(); the next one asks staff for their second factor.
    "django_otp.middleware.OTPMiddleware",
    "home.otp.StaffAccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# DATABASE_URL: postgres://user:password@host:5432/name; unset means a SQLite file in the project.
DATABASES = {
    "default": parse_database_url(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# REDIS_URL: optional shared cache (redis://127.0.0.1:6379/0); without it, per-process memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "tiers-lieux",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
    }
    # A Redis outage must degrade to uncached pages, not to errors.
    DJANGO_REDIS_IGNORE_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Whether every process reads the same cache. Without Redis each worker has its own memory, which
# a publish made in another worker could not clear: the page and site data caches stay off.
SHARED_CACHE = bool(REDIS_URL)
# PAGE_CACHE_SECONDS: how long anonymous visitors' pages stay in the cache; 0 turns it off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600 if SHARED_CACHE else 0)
# FRONT_CACHE_URLS: comma-separated addresses of the Varnish servers in front of gunicorn
# (http://127.0.0.1:6081; deploy/varnish/, README "Front cache"), to which each publish sends
# PURGE and BAN requests once it commits; unset, no front cache. A CDN instead: see the README.
FRONT_CACHE_URLS = env_list("FRONT_CACHE_URLS")
for _url in FRONT_CACHE_URLS:
    if not _url.startswith(("http://", "https://")):
        raise ImproperlyConfigured(f"FRONT_CACHE_URLS: {_url!r} is not an http(s) address")
# Wagtail's frontend cache backends (wagtail.contrib.frontend_cache, used as a library: its app's
# own handlers purge before the publish commits). home/frontcache.py purges each language's URL
# itself: Wagtail's rewriting of /fr/ into /en/ would keep the French slugs.
WAGTAILFRONTENDCACHE = {
    f"varnish{index}": {"BACKEND": "home.frontcache.VarnishBackend", "LOCATION": url}
    for index, url in enumerate(FRONT_CACHE_URLS)
}
WAGTAILFRONTENDCACHE_LANGUAGES = []
# FRONT_CACHE_SECONDS: how long the front cache keeps a public page (Surrogate-Control) unless a
# purge drops it first; 0 (the default without FRONT_CACHE_URLS) sends no Surrogate-Control.
FRONT_CACHE_SECONDS = env_int("FRONT_CACHE_SECONDS", 86_400 if FRONT_CACHE_URLS else 0)
# FRONT_CACHE_SHARED_MAXAGE: also say it as `s-maxage` in Cache-Control, for CDNs that ignore
# Surrogate-Control (CloudFront, Cloudflare); never with a proxy that cannot be purged on the way.
FRONT_CACHE_SHARED_MAXAGE = env_bool("FRONT_CACHE_SHARED_MAXAGE", False)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Argon2 for new passwords; older hashes stay readable and are rehashed at the next sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

# Languages: French is the source language, English is translated with wagtail-localize.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# MEDIA_ROOT: where uploaded images and documents are written.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# PRIVATE_MEDIA_ROOT: identity documents and signed bulletins; never served under MEDIA_URL.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    # OBJECT_STORAGE_*: media and private files on object storage (README, "Object storage").
    **object_storages(),
}

# Email: EMAIL_URL-free on purpose, the host and credentials are plain variables.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Stripe: without both keys the donation forms say online payment is not configured.
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
STRIPE_PUBLISHABLE_KEY = os.environ.get("STRIPE_PUBLISHABLE_KEY", "")
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")
# STRIPE_API_BASE: the API's address; a local fake or stripe-mock in development and tests.
STRIPE_API_BASE = os.environ.get("STRIPE_API_BASE", "https://api.stripe.com")
STRIPE_CHECKOUT_ORIGIN = os.environ.get("STRIPE_CHECKOUT_ORIGIN", "https://checkout.stripe.com")
# Each call to Stripe waits at most STRIPE_TIMEOUT seconds per attempt, retried
# STRIPE_MAX_NETWORK_RETRIES times; a webhook's calls together get STRIPE_WEBHOOK_BUDGET seconds.
# All well under gunicorn's 30 s worker timeout (config/gunicorn.conf.py): a slow Stripe makes the
# webhook fail fast, with its event stored for a retry, instead of a killed worker.
STRIPE_TIMEOUT = env_int("STRIPE_TIMEOUT", 10)
STRIPE_MAX_NETWORK_RETRIES = env_int("STRIPE_MAX_NETWORK_RETRIES", 1)
STRIPE_WEBHOOK_BUDGET = env_int("STRIPE_WEBHOOK_BUDGET", 20)
# Checkout bursts refused per address and per email (card testing), within this many seconds.
CHECKOUT_LIMIT_PER_IP = env_int("CHECKOUT_LIMIT_PER_IP", 10)
CHECKOUT_LIMIT_PER_EMAIL = env_int("CHECKOUT_LIMIT_PER_EMAIL", 5)
CHECKOUT_LIMIT_WINDOW = env_int("CHECKOUT_LIMIT_WINDOW", 600)
# SIGN_IN_LINK_LIMIT_PER_IP, SIGN_IN_LINK_LIMIT_PER_EMAIL: sign-in links to the personal space
# one address, and one mailbox, may ask for in 15 minutes (a mailbox is not a target).
SIGN_IN_LINK_LIMIT_PER_IP = env_int("SIGN_IN_LINK_LIMIT_PER_IP", 10)
SIGN_IN_LINK_LIMIT_PER_EMAIL = env_int("SIGN_IN_LINK_LIMIT_PER_EMAIL", 3)
# Share reservations: how long confirmed shares wait for their payment before going back on
# offer. Stripe keeps a Checkout page open 30 minutes at least, so checkout never goes below.
SHARE_CHECKOUT_RESERVATION_MINUTES = max(env_int("SHARE_CHECKOUT_RESERVATION_MINUTES", 30), 30)
# A transfer holds shares for days: kept short (the older name still read), with a reminder
# SHARE_TRANSFER_REMINDER_HOURS before it lapses.
SHARE_TRANSFER_HOLD_DAYS = env_int(
    "SHARE_TRANSFER_HOLD_DAYS", env_int("SHARE_TRANSFER_RESERVATION_DAYS", 5)
)
SHARE_TRANSFER_REMINDER_HOURS = env_int("SHARE_TRANSFER_REMINDER_HOURS", 48)
# Unpaid reservations one person, and one client address, may keep open in one offering.
SHARE_OPEN_RESERVATIONS_PER_PERSON = env_int("SHARE_OPEN_RESERVATIONS_PER_PERSON", 2)
SHARE_OPEN_RESERVATIONS_PER_ADDRESS = env_int("SHARE_OPEN_RESERVATIONS_PER_ADDRESS", 5)
# How long shares freed for someone on the waiting list stay theirs to subscribe.
SHARE_WAITING_OFFER_HOURS = env_int("SHARE_WAITING_OFFER_HOURS", 72)
# Bulletins never confirmed: their draft and its identity documents are deleted after this many
# hours (`manage.py expire_share_drafts`, and at most hourly after an upload).
SHARE_DRAFT_TTL_HOURS = max(env_int("SHARE_DRAFT_TTL_HOURS", 48), 1)
# Uploads: files one bulletin may replace once its documents are received, and bulletins with
# documents one address may start in a day (a tiers-lieu's visitors may share one address).
SHARE_DOCUMENT_REPLACEMENTS = env_int("SHARE_DOCUMENT_REPLACEMENTS", 4)
SHARE_DRAFTS_PER_ADDRESS_PER_DAY = env_int("SHARE_DRAFTS_PER_ADDRESS_PER_DAY", 10)

# Retention (`manage.py apply_retention`, nightly; README "Retention" gives the legal reasoning).
# Days after which personal data whose purpose is over is deleted:
# identity documents and proofs of address, from the subscription's issue, refusal or abandonment;
RETENTION_SHARE_DOCUMENTS_DAYS = max(env_int("RETENTION_SHARE_DOCUMENTS_DAYS", 90), 1)
# donors who never completed a payment (no paid gift, plan, subscription or receipt), from creation;
RETENTION_UNPAID_DONORS_DAYS = max(env_int("RETENTION_UNPAID_DONORS_DAYS", 90), 1)
# sign-in link records (a link works 15 minutes; the rows show abuse), from creation;
RETENTION_SIGNIN_LINKS_DAYS = max(env_int("RETENTION_SIGNIN_LINKS_DAYS", 30), 1)
# site search counts (visitors may type a name), from the day counted: 13 months, as CNIL advises
# for audience statistics;
RETENTION_SEARCH_DAYS = max(env_int("RETENTION_SEARCH_DAYS", 395), 1)
# log entries naming a person (donor and investor history, exports, Stripe events received).
RETENTION_LOGS_DAYS = max(env_int("RETENTION_LOGS_DAYS", 365), 1)
# RETENTION_KEPT_CARDS_DAYS: days a card Stripe kept for the monthly offer stays there unused
# (no monthly gift made from it) before it is detached and the donor's agreement closed.
RETENTION_KEPT_CARDS_DAYS = max(env_int("RETENTION_KEPT_CARDS_DAYS", 30), 1)

# Background work (emails, PDFs) goes through Django's tasks framework. TASKS_BACKEND: "immediate"
# runs each task in the request that queued it (a newcomer's first run); "database" stores it for
# `manage.py db_worker` (production); "dummy" only stores it in memory (the benchmark).
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
    "dummy": "django_tasks.backends.dummy.DummyBackend",
}
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate")
if TASKS_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {', '.join(TASK_BACKENDS)}")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASKS_BACKEND]}}

# SOURCE_CODE_URL: where visitors get this site's source code, as the AGPL (section 13) asks of
# anyone who runs a modified copy for others; shown in every page's footer. `check --deploy` warns
# while it is unset.
SOURCE_CODE_URL = os.environ.get("SOURCE_CODE_URL", "")
WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "Tiers-lieux solidaires")
# PUBLIC_BASE_URL: the site's public address, https://host without a path. The one source of
# every absolute address the site gives out (canonical and hreflang links, JSON-LD, share cards,
# the sitemap, robots.txt, open data, emails; home/address.py), whatever host a request came in
# by, and of the default Wagtail Site (`manage.py set_site_address`). WAGTAILADMIN_BASE_URL, its
# former name, is still read; Wagtail's own notification emails use it under that name.
PUBLIC_BASE_URL = env_base_url(
    ("PUBLIC_BASE_URL", "WAGTAILADMIN_BASE_URL"), default="http://127.0.0.1:8000"
)
WAGTAILADMIN_BASE_URL = PUBLIC_BASE_URL
# Wagtail's database backend, each page stemmed in its language on PostgreSQL (search/backend.py):
# a text-search configuration per language (search/migrations), SEARCH_CONFIG for the rest.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "search.backend",
        "SEARCH_CONFIG": "french_unaccent",
        "LANGUAGE_CONFIGS": {"fr": "french_unaccent", "en": "english_unaccent"},
    }
}
# Days of search counts `manage.py searchpromotions_garbage_collect` keeps (Popular searches).
WAGTAILSEARCH_HITS_MAX_AGE = 90
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Refuses images over the pixel limit from their header, before Wagtail decodes them.
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.images.ImageForm"
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILEMBEDS_RESPONSIVE_HTML = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Security headers on every environment, so a template that breaks them fails in tests too.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY_DISABLED_FEATURES = [
    "camera",
    "microphone",
    "geolocation",
    "payment",
    "usb",
    "interest-cohort",
]
# No inline script or style on public pages. The Wagtail admin ships inline code of its own,
# so it keeps the browser's defaults; it sits behind a sign-in.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [
            "https://www.youtube-nocookie.com",
            "https://www.youtube.com",
            "https://player.vimeo.com",
        ],
        "object-src": [NONE],
        "base-uri": [SELF],
        # The donation form's answer redirects to Checkout: Chrome applies form-action to it.
        "form-action": [SELF, STRIPE_CHECKOUT_ORIGIN],
        "frame-ancestors": [NONE],
    },
}
# Admin sign-in (home/forms.py), failures within the window (seconds): LOGIN_ATTEMPTS_LIMIT for
# one account from one address locks that pair; LOGIN_ATTEMPTS_PER_ADDRESS_LIMIT for any accounts
# locks the address; LOGIN_ATTEMPTS_PER_ACCOUNT_LIMIT from everywhere locks the account, except
# for the addresses it signed in from recently.
WAGTAILADMIN_USER_LOGIN_FORM = "home.forms.ThrottledLoginForm"
LOGIN_ATTEMPTS_LIMIT = env_int("LOGIN_ATTEMPTS_LIMIT", 5)
LOGIN_ATTEMPTS_PER_ADDRESS_LIMIT = env_int("LOGIN_ATTEMPTS_PER_ADDRESS_LIMIT", 20)
LOGIN_ATTEMPTS_PER_ACCOUNT_LIMIT = env_int("LOGIN_ATTEMPTS_PER_ACCOUNT_LIMIT", 100)
LOGIN_ATTEMPTS_WINDOW = 15 * 60
LOGIN_KNOWN_ADDRESS_DAYS = 30
# Staff accounts (home/otp.py, home/reauth.py). SECOND_FACTOR_GROUPS: comma-separated groups whose
# members (and superusers) must sign in with a second factor; other staff may enrol themselves.
SECOND_FACTOR_GROUPS = env_list("SECOND_FACTOR_GROUPS", ["Mécénat", "Finance"])
SECOND_FACTOR_ATTEMPTS_LIMIT = 5  # wrong codes per account in LOGIN_ATTEMPTS_WINDOW
SECOND_FACTOR_BACKUP_CODES = 10
OTP_TOTP_ISSUER = "Tiers-lieux solidaires"
# An admin session lasts a working day from its sign-in, whatever "Remember me" says; donors'
# sessions set their own, shorter age (campagnes/spaces/signin.py).
ADMIN_SESSION_HOURS = env_int("ADMIN_SESSION_HOURS", 10)
SESSION_COOKIE_AGE = ADMIN_SESSION_HOURS * 60 * 60
# Exports and register actions ask for the password or a code again after this many minutes.
REAUTH_MINUTES = env_int("REAUTH_MINUTES", 15)
# Teams whose log entries of TEAM_LOGGED_MODELS (exports and their filters) only their members see.
STAFF_TEAM_GROUPS = ["Mécénat", "Finance", "Communication"]
TEAM_LOGGED_MODELS = ["campagnes.Export"]

LANGUAGE_COOKIE_NAME = "django_language"
LANGUAGE_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)

# Logs: one handler on stderr, whose filter replaces emails, IBANs, phone numbers and sign-in
# tokens (home/logging.py). config/gunicorn.conf.py routes gunicorn's own logs through it too.
# LOG_LEVEL: DEBUG, INFO, WARNING or ERROR, for every logger.
LOG_LEVEL = (os.environ.get("LOG_LEVEL") or "INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_personal_data": {"()": "home.logging.RedactPersonalData"}},
    "formatters": {"plain": {"format": "%(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": "plain",
            "filters": ["redact_personal_data"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # Django's defaults give "django" and "django.server" (runserver's request lines) handlers of
    # their own, which would bypass the filter; the others are named so that none can.
    "loggers": {
        name: {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False}
        for name in (
            "django",
            "django.request",
            "django.security",
            "django.server",
            "gunicorn.error",
            "gunicorn.access",
        )
    },
}
