"""Whole responses of pages, cached per visitor.

`@cached_page` on a view keeps its 200 answer to a GET in Django's cache (Redis
with CACHE_URL), keyed by the absolute URL, the language, the clock and the
visitor, and serves it again without running the view, as long as nothing it was
built from has changed since:

- every database table the view read. Each table has a version in
  `core.aggregates` ("table:<name>"); a database wrapper on every connection
  gives the table a new version whenever an INSERT, UPDATE, DELETE or TRUNCATE
  touches it — model saves, bulk writes, `QuerySet.update()` and raw SQL through
  Django alike, in the web processes, the Celery workers and the commands;
- every cached aggregate the view used (`aggregates.cached`), at its version.

The visitor: anonymous visitors share one entry per page; a logged-in user has
their own entries per session, which also depend on their user record (read
before the view runs: name, role, organisation) and are keyed by the minute
rather than the date (their pages say how long something has waited).

A page is not cached, nor served from the cache, for an htmx request (its answer
is a fragment) or a visitor with messages waiting; it is not kept when it is not
200, sets cookies, streams, is private, or when building it wrote to the database
or left a message (the view does more than read). The CSRF token in a page
(the language switch, htmx headers) belongs to the visitor: the page is built
with a throw-away CSRF secret, those tokens are cut out, and every answer gets
the visitor's own token in their place. Conditional requests get their 304 from
the cached ETag/Last-Modified.

Expiry (`TIMEOUT`) bounds what no table tells: a change of the code or the
settings, or a date the page compares with the clock (the key also holds today's
date, or the minute).
"""

import functools
import hashlib
import re
from contextlib import contextmanager

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.signals import connection_created
from django.http import HttpResponse
from django.middleware.csrf import (
    CSRF_TOKEN_LENGTH,
    _get_new_csrf_string,
    _unmask_cipher_token,
    get_token,
)
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe

from core import aggregates

TIMEOUT = 10 * 60
# A logged-in user's entry is keyed by the minute: it is never read after the next one.
PERSONAL_TIMEOUT = 2 * 60
TABLE_TOPIC = "table:{}"
# Tables a page may read that say nothing about its content (an anonymous visitor's
# session, read for its messages), and change on every login.
IGNORED_TABLES = frozenset({"django_session"})

_WRITE = re.compile(
    r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+"?(\w+)"?',
    re.IGNORECASE,
)
_READ = re.compile(r'\b(?:FROM|JOIN)\s+"?(\w+)"?', re.IGNORECASE)
_TOKEN = re.compile(rf"(?<![A-Za-z0-9])[A-Za-z0-9]{{{CSRF_TOKEN_LENGTH}}}(?![A-Za-z0-9])")


# --- Which tables a request reads and writes --------------------------------------------


class _Tables:
    """The database wrapper of one connection: renews a table's version on every
    write to it, and records the tables read while a page is being built."""

    def __init__(self, connection):
        self.connection = connection
        self.reading: set[str] | None = None
        # Whether a write happened while a page was being built (then it is not kept).
        self.wrote = False
        # Tables written in the current transaction, renewed again once it commits
        # by one callback per transaction (not one per statement).
        self.written: set[str] = set()
        self.on_commit = self._committed
        # Tables written inside `renewed_once()`, renewed when it ends.
        self.deferred: set[str] | None = None

    def __call__(self, execute, sql, params, many, context):
        written = _WRITE.match(sql)
        if written is None:
            if self.reading is not None:
                self.reading.update(_READ.findall(sql))
            return execute(sql, params, many, context)
        if self.reading is not None:
            self.wrote = True
        result = execute(sql, params, many, context)
        # After the statement (outside a transaction it is then committed) …
        topic = TABLE_TOPIC.format(written.group(1))
        if self.deferred is None:
            aggregates.renew(topic)
        else:
            self.deferred.add(topic)
        if self.connection.in_atomic_block:
            # … and again when the transaction commits: a reader in between may
            # have cached the old rows under the new version.
            self.written.add(topic)
            if not self._waiting():
                self.connection.on_commit(self.on_commit)
        return result

    def _waiting(self) -> bool:
        """Whether this transaction already holds our callback (a rollback drops it)."""
        try:
            return any(entry[1] is self.on_commit for entry in self.connection.run_on_commit)
        except (AttributeError, IndexError, TypeError):
            return False

    def _committed(self):
        topics, self.written = self.written, set()
        aggregates.renew(*topics)


@contextmanager
def renewed_once(connection=None):
    """Inside, the tables the connection writes get their new version once, when
    the block ends (and as always when a transaction commits), instead of after
    every statement: for a run of many small writes, such as a batch of background
    checks, one round trip to the cache instead of one per write. A page kept
    before a write is then served until the block ends: a batch's fraction of a
    second."""
    connection = connection or connections[DEFAULT_DB_ALIAS]
    tables = next(
        (wrapper for wrapper in connection.execute_wrappers if isinstance(wrapper, _Tables)), None
    )
    if tables is None or tables.deferred is not None:
        yield
        return
    tables.deferred = set()
    try:
        yield
    finally:
        topics, tables.deferred = tables.deferred, None
        aggregates.renew(*topics)


def _install(sender, connection, **kwargs):
    if not any(isinstance(wrapper, _Tables) for wrapper in connection.execute_wrappers):
        connection.execute_wrappers.append(_Tables(connection))


def _settings_changed(**kwargs):
    # A page shows settings too (tests change them between two requests).
    aggregates.renew(aggregates.EVERYTHING)


def install() -> None:
    """Watch every database connection (called from CoreConfig.ready)."""
    connection_created.connect(_install, dispatch_uid="core.pagecache.install")
    setting_changed.connect(_settings_changed, dispatch_uid="core.pagecache.settings")
    for connection in connections.all(initialized_only=True):
        _install(None, connection)


def _wrapper(connection) -> _Tables:
    _install(None, connection)
    return next(w for w in connection.execute_wrappers if isinstance(w, _Tables))


@functools.cache
def _all_tables() -> list[str]:
    tables = set()
    for model in apps.get_models(include_auto_created=True):
        tables.add(model._meta.db_table)
    return sorted(tables - IGNORED_TABLES)


# --- The cache --------------------------------------------------------------------------


def _cacheable(request) -> bool:
    if not settings.PAGE_CACHE:
        return False
    if request.method != "GET" or request.headers.get("HX-Request"):
        return False
    if getattr(request, "user", None) is None:
        return False
    messages = getattr(request, "_messages", None)
    return not (messages is not None and len(messages))


def _key(request) -> str:
    language = getattr(request, "LANGUAGE_CODE", "")
    if request.user.is_authenticated:
        clock = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
        visitor = f"{request.user.pk}:{request.session.session_key}"
    else:
        clock, visitor = timezone.localdate().isoformat(), ""
    raw = f"{request.build_absolute_uri()}|{language}|{clock}|{visitor}"
    return "pagecache:" + hashlib.sha256(raw.encode()).hexdigest()


def _serve(request, entry) -> HttpResponse:
    status, headers, parts = entry
    token = get_token(request) if len(parts) > 1 else ""
    response = HttpResponse(token.encode().join(parts), status=status)
    for name, value in headers:
        response[name] = value
    if "ETag" in response or "Last-Modified" in response:
        modified = response.get("Last-Modified")
        response = get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=parse_http_date_safe(modified) if modified else None,
            response=response,
        )
    return response


def _build(request, view, args, kwargs):
    """Run the view with a throw-away CSRF secret; the answer and what it was built from."""
    # The versions before the view reads anything: a change while it runs makes the entry stale.
    before = aggregates.versions(
        [aggregates.EVERYTHING, *(TABLE_TOPIC.format(t) for t in _all_tables())]
    )
    wrappers = [_wrapper(connection) for connection in connections.all()]
    own_csrf = {
        k: request.META[k] for k in ("CSRF_COOKIE", "CSRF_COOKIE_NEEDS_UPDATE") if k in request.META
    }
    secret = _get_new_csrf_string()
    request.META["CSRF_COOKIE"] = secret
    request.META.pop("CSRF_COOKIE_NEEDS_UPDATE", None)
    tables: set[str] = set()
    if request.user.is_authenticated:
        # Read by the authentication middleware, before the view.
        tables.add(request.user._meta.db_table)
    for wrapper in wrappers:
        wrapper.reading = tables
        wrapper.wrote = False
    try:
        with aggregates.recording() as read:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
    finally:
        wrote = any(wrapper.wrote for wrapper in wrappers)
        for wrapper in wrappers:
            wrapper.reading = None
        used_csrf = request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False)
        request.META.pop("CSRF_COOKIE", None)
        request.META.pop("CSRF_COOKIE_NEEDS_UPDATE", None)
        request.META.update(own_csrf)
    if response.streaming or response.status_code != 200 or response.cookies or wrote:
        return response, None
    if getattr(getattr(request, "_messages", None), "added_new", False):
        return response, None
    if response.has_header("Cache-Control") and "private" in response["Cache-Control"]:
        return response, None
    content = response.content
    parts = [content]
    if used_csrf:
        parts, start = [], 0
        text = content.decode(response.charset, errors="replace")
        for match in _TOKEN.finditer(text):
            if _unmask_cipher_token(match.group()) == secret:
                parts.append(text[start : match.start()].encode(response.charset))
                start = match.end()
        parts.append(text[start:].encode(response.charset))
        if len(parts) == 1:
            # The secret was asked for but appears nowhere we can replace: build the page
            # again with the visitor's own secret, and do not cache it.
            return view(request, *args, **kwargs), None
    # Names the wrapper took for tables but that are none (aliases, functions) are left out.
    depends = {
        TABLE_TOPIC.format(t): before[TABLE_TOPIC.format(t)]
        for t in tables
        if TABLE_TOPIC.format(t) in before
    }
    depends[aggregates.EVERYTHING] = before[aggregates.EVERYTHING]
    depends.update(read)
    entry = (response.status_code, list(response.items()), parts)
    return _with_own_token(request, response, parts), (depends, entry)


def _with_own_token(request, response, parts):
    if len(parts) > 1:
        response.content = get_token(request).encode().join(parts)
    return response


def cached_page(view):
    """Cache `view`'s answers per visitor (see the module's description)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        stored = cache.get(key)
        if stored is not None:
            depends, entry = stored
            if aggregates.versions(depends) == depends:
                return _serve(request, entry)
        response, stored = _build(request, view, args, kwargs)
        if stored is not None:
            personal = request.user.is_authenticated
            cache.set(key, stored, timeout=PERSONAL_TIMEOUT if personal else TIMEOUT)
        return response

    return wrapper
