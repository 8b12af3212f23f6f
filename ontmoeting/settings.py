"""Settings for the Ontmoetingsplekken registry.

Everything that differs between environments is read from environment variables; there is
one settings module. With no variables set this is a production configuration whose app
server refuses to start without SECRET_KEY; `DEBUG=true` (set by `make run` and `make test`)
gives the development defaults: SQLite in the project folder, a throw-away secret, e-mail on
the console.
"""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_float(name: str, default: float) -> float:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return float(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number, not {value!r}") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

# Without DEBUG there is no fallback: the app server refuses to start (ontmoeting/wsgi.py)
# and `check --deploy` fails, while commands that sign nothing (migrate, makemigrations) run.
SECRET_KEY = env_str("SECRET_KEY") or ("development-only-not-secret" if DEBUG else "")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "ontmoeting.apps.SuperuserAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
    "django_filters",
    "simple_history",
    "kern",
    "partners",
    "locaties",
    "activiteiten",
    "meldingen",
    "dekking",
    "publiek",
    "demo",
    "vrijwilligers",
    "api",
    "uitwisseling",
    "herinneringen",
    # Django REST framework and drf-spectacular (api/) are used without being installed apps:
    # as apps their Dutch catalogues would replace Django's form messages ("Dit veld is
    # vereist." for "Dit veld is verplicht."), and the JSON views need neither templates nor
    # static files.
]

MIDDLEWARE = [
    # The request id first, so every log line of the request carries it (ontmoeting/logformat.py).
    "ontmoeting.logformat.RequestIdMiddleware",
    # /healthz and /readyz, before host checks and HTTPS redirects (ontmoeting/health.py).
    "ontmoeting.health.HealthCheckMiddleware",
    # Anonymous pages without a form: compressed, and cacheable by a shared cache; everything
    # else private and uncompressed (ontmoeting/caching.py). Outside sessions and CSRF, so
    # they see the cookies those set.
    # Kept public pages for visitors without cookies come from the cache from here.
    "ontmoeting.caching.AnonymousPageCacheMiddleware",
    "ontmoeting.caching.PublicGZipMiddleware",
    "ontmoeting.caching.PublicCacheMiddleware",
    # An ETag on every page, and 304 Not Modified when a cache asks again with it.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Anonymous public reads may use the read replica (ontmoeting/db_router.py).
    "ontmoeting.db_router.ReplicaMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # A transaction PostgreSQL ended for another one (a deadlock): "try again", not a 500.
    "ontmoeting.gelijktijdig.ConcurrentWriteMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "partners.middleware.IdleTimeoutMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "ontmoeting.urls"
WSGI_APPLICATION = "ontmoeting.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ontmoeting.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# An optional read replica (PostgreSQL streaming replication) for anonymous public pages;
# everything else reads and writes the primary (ontmoeting/db_router.py).
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
    # In tests the replica is the test database itself.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["ontmoeting.db_router.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "partners.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "publiek:home"

# django-allauth: e-mail address is the login; there are no usernames. Sign-up is closed:
# staff join through an invitation from their organisation (see the staff portal issue).
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_ADAPTER = "partners.adapters.InvitationOnlyAccountAdapter"
# Nobody can sign up, so a password reset for an unknown address sends nothing (allauth would
# otherwise mail a sign-up link).
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{env_str('SITE_NAME', 'Ontmoetingsplekken')}] "
# Rate limits (allauth's documented keys). allauth counts in Django's default cache, which is
# shared by every app server (the database cache, or Redis with REDIS_URL), so a limit holds
# however many processes serve the site. The Django admin signs in through this login too.
# "login_failed": per IP 10 a minute, per account 5 in 5 minutes.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/300s/key",
    "login": "30/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}
# Staff join through an invitation from their organisation (partners/invitations.py); the
# link in it works once and expires after this many days.
INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 7)

# Two-factor authentication (allauth.mfa): TOTP with recovery codes. Everyone who can change
# records must set it up before editing (partners/permissions.py: requires_mfa_setup); the
# demo relaxes this with MFA_REQUIRED_FOR_EDITORS=false (`make run` sets it).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env_str("SITE_NAME", "Ontmoetingsplekken")
MFA_REQUIRED_FOR_EDITORS = env_bool("MFA_REQUIRED_FOR_EDITORS", True)

# Activities' schedules are stored as dated rows this many months ahead
# (activiteiten/occurrences.py); `manage.py verleng_agenda`, run daily, keeps it so.
OCCURRENCE_HORIZON_MONTHS = env_int("OCCURRENCE_HORIZON_MONTHS", 13)

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# A cache every app server shares (rate limits live here): the database by default, Redis
# when REDIS_URL is set (e.g. redis://cache.internal:6379/0).
REDIS_URL = env_str("REDIS_URL")
CACHES = {
    "default": (
        {"BACKEND": "kern.cache.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "kern.cache.ForgivingDatabaseCache", "LOCATION": "django_cache"}
    )
}

# Sessions in the database (shared by every app server), never in an app server's memory or disk.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# How long a shared cache may keep a public page for anonymous visitors (ontmoeting/caching.py);
# 0 sends no Cache-Control for them.
PUBLIC_CACHE_MAX_AGE = env_int("PUBLIC_CACHE_MAX_AGE_SECONDS", 60)
# The app keeps those pages itself too, for visitors who send no cookie (the default cache).
PUBLIC_PAGE_CACHE = env_bool("PUBLIC_PAGE_CACHE", True)

# Background jobs (ontmoeting/celery.py). With a broker (Redis in production, e.g.
# redis://redis.internal:6379/1) tasks go to `celery worker`; without one they run at once in
# the process that asks for them (`make run`, the tests), with the same code.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL") or None
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
# A task's message is acknowledged when it is done, so a worker killed mid-job leaves it for
# another (kern/taken.py makes sure a job is done once however often it is delivered).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Redis hands an unacknowledged message to another worker after this many seconds.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600)
}
CELERY_TIMEZONE = "Europe/Amsterdam"
CELERY_BEAT_SCHEDULE = {
    # The stored agenda up to the horizon (activiteiten/occurrences.py), every night.
    "verleng-agenda": {
        "task": "activiteiten.tasks.verleng_agenda",
        "schedule": crontab(hour=3, minute=15),
    },
    # Volunteers' names and contact details after VRIJWILLIGERS_BEWAARTERMIJN_MAANDEN (AVG).
    "wis-vrijwilligersgegevens": {
        "task": "vrijwilligers.tasks.wis_verlopen_gegevens",
        "schedule": crontab(hour=3, minute=30),
    },
    # Finished background jobs (kern.models.Taak) older than TAAK_BEWAAR_DAGEN.
    "ruim-taken-op": {"task": "kern.tasks.ruim_taken_op", "schedule": crontab(hour=4, minute=0)},
    # Reminders by e-mail: review, confirmation, agreements and financing that end
    # (herinneringen/versturen.py), in the morning so they arrive at the start of the day.
    "stuur-herinneringen": {
        "task": "herinneringen.tasks.stuur_herinneringen",
        "schedule": crontab(hour=7, minute=0),
    },
    # Expired sessions (they live in the database).
    "ruim-sessies-op": {
        "task": "kern.tasks.ruim_sessies_op",
        "schedule": crontab(hour=4, minute=10),
    },
}
# A job a worker took but did not touch for this long is taken up again by another (its worker
# died); longer than any step between two progress updates.
TAAK_LEASE_SECONDS = env_int("TAAK_LEASE_SECONDS", 300)
TAAK_BEWAAR_DAGEN = env_int("TAAK_BEWAAR_DAGEN", 30)
# A wijk import upload larger than this runs as a background job with a progress page;
# smaller ones are done within the request.
WIJKIMPORT_SYNC_BYTES = env_int("WIJKIMPORT_SYNC_BYTES", 2 * 1024 * 1024)
# A portal import of places (uitwisseling/) with more rows than this, counted over all its
# sheets, is checked and carried out as a background job with a progress page.
UITWISSELING_SYNC_RIJEN = env_int("UITWISSELING_SYNC_RIJEN", 2000)

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Ontmoetingsplekken <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security. Production values are the defaults; development relaxes only what needs HTTPS.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# Behind the installation's own reverse proxy, which ends TLS and appends the client's address
# to X-Forwarded-For (kern/spam.py reads its last hop for the rate limits).
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# allauth's login rate limits take the client's address the same way: one proxy of our own,
# so the last hop of X-Forwarded-For (without a proxy allauth ignores the header).
ALLAUTH_TRUSTED_PROXY_COUNT = 1 if BEHIND_TLS_PROXY else 0
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
# Without "remember me" the session ends when the browser closes (allauth sets that); with it,
# after SESSION_COOKIE_AGE (Django's two weeks). Either way anyone signed in (all accounts are
# staff) is signed out after this long without a request (partners/middleware.py).
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT_MINUTES", 120) * 60
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy, enforced: the project's templates have no inline scripts or styles.
# Map tiles come from MAP_TILE_URL's host, so that host is allowed for images only.
MAP_TILE_URL = env_str("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env_str(
    "MAP_TILE_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
)
_tile_origin = "/".join(MAP_TILE_URL.split("/")[:3])
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", _tile_origin],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Logs on standard error, every record with its request id (ontmoeting/logformat.py): one JSON
# object a line in production (LOG_FORMAT=json), readable text in development.
LOG_FORMAT = env_str("LOG_FORMAT", "text" if DEBUG else "json")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be json or text, not {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "ontmoeting.logformat.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "ontmoeting.logformat.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# Public forms without an account (kern/spam.py): the form must have been open at least
# SPAM_MIN_FILL_SECONDS and at most SPAM_FORM_MAX_AGE seconds (the MELDINGEN_ names of these two
# still work).
SPAM_MIN_FILL_SECONDS = env_int("SPAM_MIN_FILL_SECONDS", env_int("MELDINGEN_MIN_FILL_SECONDS", 3))
SPAM_FORM_MAX_AGE = env_int("SPAM_FORM_MAX_AGE", env_int("MELDINGEN_FORM_MAX_AGE", 4 * 60 * 60))

# Reports from residents ("Klopt er iets niet?"): at most this many reports per client address
# an hour and per place a day; links in the text.
MELDINGEN_PER_IP_PER_HOUR = env_int("MELDINGEN_PER_IP_PER_HOUR", 5)
MELDINGEN_PER_LOCATIE_PER_DAY = env_int("MELDINGEN_PER_LOCATIE_PER_DAY", 20)
MELDINGEN_MAX_LINKS = env_int("MELDINGEN_MAX_LINKS", 2)

# Volunteers (vrijwilligers/): answers to a vacature or a resident's request, and requests
# posted, per client address an hour and per place a day; links in the text. A resident's
# name and contact details are erased VRIJWILLIGERS_BEWAARTERMIJN_MAANDEN months after the
# answer or match is closed (daily command `wis_vrijwilligersgegevens`).
VRIJWILLIGERS_PER_IP_PER_HOUR = env_int("VRIJWILLIGERS_PER_IP_PER_HOUR", 5)
VRIJWILLIGERS_PER_LOCATIE_PER_DAY = env_int("VRIJWILLIGERS_PER_LOCATIE_PER_DAY", 30)
VRIJWILLIGERS_MAX_LINKS = env_int("VRIJWILLIGERS_MAX_LINKS", 1)
VRIJWILLIGERS_BEWAARTERMIJN_MAANDEN = env_int("VRIJWILLIGERS_BEWAARTERMIJN_MAANDEN", 6)
# The open data API (api/): Django REST framework, read-only and anonymous, a rate limit per
# client address in the shared cache (API_RATE_LIMIT, e.g. "600/minute"), answers 429 with
# Retry-After; the client's address is the proxy's last hop when BEHIND_TLS_PROXY.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": [],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_THROTTLE_RATES": {"api": env_str("API_RATE_LIMIT", "600/minute")},
    "NUM_PROXIES": 1 if BEHIND_TLS_PROXY else 0,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.views.problem_handler",
    # `format` is HSDS's own parameter (json or ndjson), not DRF's renderer switch.
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Ontmoetingsplekken open data",
    "DESCRIPTION": (
        "De openbare gegevens van het register van ontmoetingsplekken: plekken, activiteiten "
        "en organisaties volgens Open Referral HSDS 3.0 (https://docs.openreferral.org/en/3.0/), "
        "plus GeoJSON en een agenda-feed. Alleen gepubliceerde gegevens. Deze API volgt de "
        "API Design Rules van Logius, behalve waar HSDS iets anders voorschrijft: onder "
        "/api/v1/hsds/ gelden de namen van HSDS (snake_case, zoals total_items en per_page) "
        "en de paginering van HSDS. Licentie van de gegevens: CC0 1.0."
    ),
    "VERSION": "1.0.0",
    "CONTACT": {
        "name": env_str("API_CONTACT_NAME", "Functioneel beheer Ontmoetingsplekken"),
        "email": env_str("API_CONTACT_EMAIL", "opendata@example.nl"),
    },
    "LICENSE": {
        "name": "CC0 1.0",
        "url": "https://creativecommons.org/publicdomain/zero/1.0/",
    },
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
}

# Shown in page titles and the header.
SITE_NAME = env_str("SITE_NAME", "Ontmoetingsplekken")
# The site's address (scheme and host, such as https://ontmoeten.example.nl), for the links in
# e-mails sent without a request (the daily reminders). Without it they are not sent.
SITE_URL = env_str("SITE_URL", "http://localhost:8000" if DEBUG else "")
# How long the "klopt nog" link in a reminder confirms a place (herinneringen).
KLOPT_NOG_GELDIG_DAGEN = env_int("KLOPT_NOG_GELDIG_DAGEN", 30)


# Geocoding (locaties/geocoding.py): what a resident types goes to PDOK's Locatieserver (free,
# no key). When it does not answer within GEOCODING_TIMEOUT seconds, or finds nothing, the
# registry's own addresses answer instead.
PDOK_LOCATIESERVER_URL = env_str(
    "PDOK_LOCATIESERVER_URL", "https://api.pdok.nl/bzk/locatieserver/search/v3_1/free"
)
GEOCODING_TIMEOUT = env_float("GEOCODING_TIMEOUT", 2.0)


# Where residents report accessibility problems and privacy questions (footer pages).
CONTACT_EMAIL = env_str("CONTACT_EMAIL")
