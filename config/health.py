"""The /health endpoint: database and broker status as JSON, 503 when one is down."""

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


def database_status() -> str:
    """Return "ok" when a trivial query succeeds, else "down"."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any failure means the database is unusable
        return "down"
    return "ok"


def broker_status() -> str:
    """Return "ok" when the broker answers, "eager" when none is configured, else "down"."""
    if not settings.CELERY_BROKER_URL:
        return "eager"
    from config.celery import app

    try:
        # The URL from settings (not the one the app was configured with), so that
        # the check follows the current settings; one quick retry, then "down".
        with app.connection_for_write(settings.CELERY_BROKER_URL) as conn:
            conn.ensure_connection(max_retries=1, interval_start=0.1, timeout=2)
    except Exception:  # noqa: BLE001 - any failure means the broker is unusable
        return "down"
    return "ok"


@never_cache
@require_safe
def health(request):
    """Report the status of the database and the broker."""
    status = {"database": database_status(), "broker": broker_status()}
    healthy = "down" not in status.values()
    status["status"] = "ok" if healthy else "down"
    return JsonResponse(status, status=200 if healthy else 503)


@require_safe
def robots_txt(request):
    """Crawlers may read the public pages but not the accounts' and reviewers' ones.

    The smallest page the server makes (no database, no template): the load
    benchmark's floor."""
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /indieningen/", "Disallow: /api/"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
