"""Stable OOAPI identifiers: UUIDs derived (uuid5) from the records' own codes,
so that they stay the same when the data is imported again."""

import hashlib
import uuid

# uuid5(NAMESPACE_URL, "https://regio-mbo.nl/ooapi/v5"): never change it, every
# published identifier depends on it.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://regio-mbo.nl/ooapi/v5")
_NAMESPACE_BYTES = NAMESPACE.bytes


def uid(kind: str, code: str) -> str:
    """The identifier of the record of `kind` with natural key `code`:
    str(uuid.uuid5(NAMESPACE, f"{kind}:{code}")), computed without building a
    UUID object (a list of thousands of records asks for thousands of these)."""
    digest = bytearray(
        hashlib.sha1(_NAMESPACE_BYTES + f"{kind}:{code}".encode(), usedforsecurity=False).digest()[
            :16
        ]
    )
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    text = digest.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def parse(value: str) -> str | None:
    """`value` as a canonical UUID string, or None when it is not a UUID."""
    try:
        return str(uuid.UUID(value))
    except (ValueError, AttributeError, TypeError):
        return None
