"""The Content-Security-Policy and Permissions-Policy headers, and no template
with an inline script, inline style or event-handler attribute (the policy would
block it; tests/browser/test_csp.py checks the pages in a real browser)."""

import re
from pathlib import Path

from django.conf import settings
from django.test import RequestFactory, override_settings

from accounts.security import client_ip

# Matched against a whole template, so a tag spread over several lines is found too.
# htmx's hx-on and js: values are inline script as well (run through eval).
INLINE = re.compile(
    r"<script(?![^>]*\bsrc\s*=)[^>]*>|<style\b|\sstyle\s*=|\son[a-z]+\s*=|\bhx-on\b|javascript:|\bjs:",
    re.IGNORECASE,
)

COMMENT = re.compile(r"{#.*?#}|{% comment %}.*?{% endcomment %}", re.DOTALL)


def test_every_page_carries_a_strict_policy(client):
    response = client.get("/health")

    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "geolocation=()" in response.headers["Permissions-Policy"]


def inline_code(text: str) -> list[str]:
    """Each inline script, style or event handler in a template's text, as written."""
    return [match.group(0) for match in INLINE.finditer(COMMENT.sub("", text))]


def test_inline_code_is_found_however_the_tag_is_written():
    for written in (
        '<script\n  type="module">go()</script>',
        '<button\nonclick = "go()">',
        '<div\n   style ="color: red">',
        "<style>p { color: red }</style>",
        '<a hx-on:click="go()">',
        '<a href="javascript:go()">',
        "<a hx-vals='js:{\"now\": Date.now()}'>",
    ):
        assert len(inline_code(written)) == 1, written
    for clean in (
        '<script\n src="/static/js/app.js"></script>',
        '{% json_script data "chart-data" %}',
        "{# <script>old()</script> #}<p>Zie de bron.</p>",
        '<p class="stylish">Online = op het web</p>',
    ):
        assert inline_code(clean) == [], clean


def test_no_template_has_inline_script_or_style():
    roots = [settings.BASE_DIR / "templates", *settings.BASE_DIR.glob("*/templates")]
    offenders = []
    for root in roots:
        for path in Path(root).rglob("*.html"):
            found = inline_code(path.read_text(encoding="utf-8"))
            offenders += [f"{path.relative_to(settings.BASE_DIR)}: {code!r}" for code in found]
    assert offenders == []


@override_settings(TRUSTED_PROXY_COUNT=0)
def test_the_client_address_ignores_a_forged_forwarded_for_header():
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="10.0.0.1")

    assert client_ip(request) == "203.0.113.7"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_client_is_the_last_forwarded_address():
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7"
    )

    assert client_ip(request) == "203.0.113.7"
