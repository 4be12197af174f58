"""Settings for the test suite: the normal settings, served over plain HTTP."""

from .settings import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests run tasks in-process unless a test starts a real worker itself.
CELERY_TASK_ALWAYS_EAGER = True
MEDIA_ROOT = BASE_DIR / "var" / "test-uploads"  # noqa: F405
# Tests log in without a second factor unless a test turns the requirement on
# (tests/accounts/test_two_factor.py); production requires it for national roles.
TWO_FACTOR_REQUIRED = False
# The API throttle is far above what any test sends; tests/accounts/test_api_auth.py
# checks it with a low rate.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute", "user": "100000/minute"},
}
