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


def cached(topic: str, name: str, compute: Callable[[], T], timeout: int = TIMEOUT) -> T:
    """The cached value `name` of `topic`, computed with `compute()` when missing."""
    key = f"aggregates:{topic}:{version(EVERYTHING)}:{version(topic)}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=timeout)
    return value


def invalidate(*topics: str) -> None:
    """Forget every cached value of `topics`: now, and again once the current
    transaction commits (a reader in between may have cached the old data again)."""

    def bump():
        for topic in topics:
            cache.set(_VERSION_KEY.format(topic=topic), uuid.uuid4().hex, timeout=None)

    bump()
    transaction.on_commit(bump)


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
