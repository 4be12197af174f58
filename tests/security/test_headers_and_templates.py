"""The Content-Security-Policy and Permissions-Policy headers, and no template
with an inline script, inline style or event-handler attribute (the policy would
block it; tests/browser/test_csp.py checks the pages in a real browser)."""

import re
from pathlib import Path

from django.conf import settings
from django.test import RequestFactory, override_settings

from accounts.security import client_ip

INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=|javascript:", re.IGNORECASE
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


def test_no_template_has_inline_script_or_style():
    roots = [settings.BASE_DIR / "templates", *settings.BASE_DIR.glob("*/templates")]
    offenders = []
    for root in roots:
        for path in Path(root).rglob("*.html"):
            text = COMMENT.sub("", path.read_text(encoding="utf-8"))
            for number, line in enumerate(text.splitlines(), 1):
                if INLINE.search(line):
                    offenders.append(
                        f"{path.relative_to(settings.BASE_DIR)}:{number}: {line.strip()}"
                    )
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
