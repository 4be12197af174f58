"""Shared fixtures.

Tests that need a real service (Redis with a Celery worker, Chromium) skip on
a developer machine that lacks it, but fail in CI (CI=true): CI must exercise
the real components.
"""

import os

import pytest

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def require_service(available: bool, reason: str) -> None:
    """Skip (developer machine) or fail (CI) when a service a test needs is missing."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"CI needs this service: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_browser():
    """A headless system Chromium driven by Playwright."""
    require_service(os.path.exists(CHROMIUM), f"{CHROMIUM} is not installed")
    # Playwright's sync API runs an event loop in this thread; the ORM calls that
    # tests make beside it are still synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium_browser, live_server):
    """A fresh browser page (Dutch by default) with `page.base_url` set to the live server.

    axe-core checks every page it loads (WCAG 2.1 A/AA, tests/axe.py); a
    violation fails the test when it ends. `page.axe.check()` checks the page as
    it is after an htmx swap.
    """
    from tests.axe import AxeWatcher

    context = chromium_browser.new_context(locale="nl-NL", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.axe = AxeWatcher(page)
    yield page
    page.axe.finish()
    context.close()
    failures = page.axe.failures
    assert not failures, "axe-core found WCAG 2.1 A/AA violations:\n" + "\n".join(failures)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Throttle counters (password reset, API) live in the cache: each test starts at zero."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def personas(db):
    """Alice, Bob, Charlie and the national bodies (tests/base.py), for pytest-style tests."""
    from tests.base import make_personas

    return make_personas()
