"""Helpers for the login protections: the client's address and the password-reset throttle."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render


def client_ip(request) -> str:
    """The address a request came from.

    Behind `TRUSTED_PROXY_COUNT` reverse proxies that each append to
    X-Forwarded-For, the client is that many entries from the right; without
    proxies (the default) it is the connection's own address, so a forged
    header cannot dodge the lockout.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")


def _hit(key: str, window: int) -> int:
    """Count one more request under `key` in a fixed window of `window` seconds."""
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window)
        return 1


def password_reset_allowed(request, email: str) -> tuple[bool, bool]:
    """Count a password-reset request; return (address allowed, e-mail allowed).

    Each address and each e-mail address may ask `PASSWORD_RESET_LIMIT_PER_HOUR`
    times an hour. The e-mail address is kept only as a hash.
    """
    limit = settings.PASSWORD_RESET_LIMIT_PER_HOUR
    ip_key = "password-reset:ip:" + hashlib.sha256(client_ip(request).encode()).hexdigest()
    email_key = "password-reset:email:" + hashlib.sha256(email.strip().lower().encode()).hexdigest()
    return _hit(ip_key, 3600) <= limit, _hit(email_key, 3600) <= limit


def lockout_response(request, original_response=None, credentials=None):
    """What django-axes answers to a locked-out login attempt: 429 and a plain message."""
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    return render(request, "registration/locked_out.html", {"cooloff_minutes": minutes}, status=429)
