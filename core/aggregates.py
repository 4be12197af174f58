"""Heavy public aggregates (map indicators, the pathway monitor, "also in") kept in
Django's cache: Redis when CACHE_URL is set, each process's local memory otherwise.

Each aggregate belongs to a *topic* ("qualifications", "pathways", …). A cached
value's key holds the topic's current version; `invalidate(topic)` gives the
topic a new version, so every value computed from the old data is never read
again (and expires by itself). Call `invalidate` where the data change: the
apps connect it to their models' save/delete signals, and services that write
in bulk (imports, the national generator) call it themselves, because bulk
writes send no signals. `TIMEOUT` bounds how long a value can outlive a change
that bypassed both (a raw SQL update, a shell session).
"""

import uuid
from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction

T = TypeVar("T")

TIMEOUT = 15 * 60
_VERSION_KEY = "aggregates:version:{topic}"


def version(topic: str) -> str:
    """The topic's current version (a new one when the cache has none)."""
    key = _VERSION_KEY.format(topic=topic)
    current = cache.get(key)
    if current is None:
        cache.add(key, uuid.uuid4().hex, timeout=None)
        current = cache.get(key)
    return current


# A topic every key also carries: `invalidate(EVERYTHING)` forgets all aggregates
# (the national generator does, after writing every table in bulk).
EVERYTHING = "everything"


# The topics read while `recording()` is active, with the version each was read at
# (core/pagecache.py: a cached page depends on every aggregate and table it was built from).
_reads: ContextVar[dict[str, str] | None] = ContextVar("aggregates_reads", default=None)


@contextmanager
def recording():
    """Collect {topic: version} of the aggregates read (by `cached`) inside the block."""
    topics: dict[str, str] = {}
    token = _reads.set(topics)
    try:
        yield topics
    finally:
        _reads.reset(token)


def versions(topics) -> dict[str, str]:
    """{topic: its current version} for `topics`, in one round trip when they all exist."""
    keys = {_VERSION_KEY.format(topic=topic): topic for topic in topics}
    found = cache.get_many(list(keys))
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:
            cache.add(key, uuid.uuid4().hex, timeout=None)
        found.update(cache.get_many(missing))
    return {topic: found.get(key) for key, topic in keys.items()}


def cached(topic: str, name: str, compute: Callable[[], T], timeout: int = TIMEOUT) -> T:
    """The cached value `name` of `topic`, computed with `compute()` when missing."""
    everything, current = version(EVERYTHING), version(topic)
    reads = _reads.get()
    if reads is not None:
        reads.setdefault(EVERYTHING, everything)
        reads.setdefault(topic, current)
    key = f"aggregates:{topic}:{everything}:{current}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=timeout)
    return value


def invalidate(*topics: str) -> None:
    """Forget every cached value of `topics`: now, and again once the current
    transaction commits (a reader in between may have cached the old data again)."""

    renew(*topics)
    transaction.on_commit(lambda: renew(*topics))


def renew(*topics: str) -> None:
    """Give `topics` a new version now (`invalidate` also does once the transaction
    commits), all in one round trip to the cache."""
    if topics:
        cache.set_many(
            {_VERSION_KEY.format(topic=topic): uuid.uuid4().hex for topic in topics}, timeout=None
        )


def invalidate_on_change(topic: str, *models) -> None:
    """Connect `invalidate(topic)` to the save and delete signals of `models`."""
    from django.db.models.signals import post_delete, post_save

    def receiver(sender, **kwargs):
        invalidate(topic)

    # Keep a reference: signals hold their receivers weakly.
    _receivers.append(receiver)
    for model in models:
        uid = f"aggregates:{topic}:{model._meta.label}"
        post_save.connect(receiver, sender=model, dispatch_uid=uid + ":save")
        post_delete.connect(receiver, sender=model, dispatch_uid=uid + ":delete")


_receivers: list = []
