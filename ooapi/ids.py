"""Stable OOAPI identifiers: UUIDs derived (uuid5) from the records' own codes,
so that they stay the same when the data is imported again."""

import uuid

# uuid5(NAMESPACE_URL, "https://regio-mbo.nl/ooapi/v5"): never change it, every
# published identifier depends on it.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://regio-mbo.nl/ooapi/v5")


def uid(kind: str, code: str) -> str:
    """The identifier of the record of `kind` with natural key `code`."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{code}"))


def parse(value: str) -> str | None:
    """`value` as a canonical UUID string, or None when it is not a UUID."""
    try:
        return str(uuid.UUID(value))
    except (ValueError, AttributeError, TypeError):
        return None
