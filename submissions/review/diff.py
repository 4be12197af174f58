"""A readable difference between two documents (two versions of a submission).

Both documents are flattened to path → value (`regional_section.contributors[1].name`),
in document order; the difference lists the added, removed and changed paths
with their old and new values, also in document order. Long texts get a word
by word comparison made with `difflib`.
"""

import difflib
import json
from dataclasses import dataclass, field

from rules.schema import in_document_order

# A text longer than this (or with a line break) gets a word by word comparison.
LONG_TEXT = 60


def flatten(value, prefix: str = "") -> list[tuple[str, object]]:
    """The document as (path, value) pairs in document order.

    Objects and lists are walked into; an empty object or list is a value of
    its own, so that emptying a list shows as a change.
    """
    if isinstance(value, dict) and value:
        pairs = []
        for key, item in value.items():
            pairs.extend(flatten(item, f"{prefix}.{key}" if prefix else str(key)))
        return pairs
    if isinstance(value, list) and value:
        pairs = []
        for index, item in enumerate(value):
            pairs.extend(flatten(item, f"{prefix}[{index}]"))
        return pairs
    return [(prefix, value)]


def shown(value) -> str:
    """A value as the reader sees it: text as is, anything else as JSON."""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """The two texts as (operation, text) pieces: "equal", "removed" or "added"."""
    old_words, new_words = old.split(" "), new.split(" ")
    pieces = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for operation, a1, a2, b1, b2 in matcher.get_opcodes():
        if operation == "equal":
            pieces.append(("equal", " ".join(old_words[a1:a2])))
            continue
        if a2 > a1:
            pieces.append(("removed", " ".join(old_words[a1:a2])))
        if b2 > b1:
            pieces.append(("added", " ".join(new_words[b1:b2])))
    return pieces


@dataclass
class Change:
    """One path that differs between the two documents."""

    path: str
    change: str  # "added", "removed" or "changed"
    old: str = ""
    new: str = ""
    # For long texts that changed: the word by word comparison.
    words: list[tuple[str, str]] = field(default_factory=list)


def _is_long(value) -> bool:
    return isinstance(value, str) and (len(value) > LONG_TEXT or "\n" in value)


def diff_documents(old: dict, new: dict) -> list[Change]:
    """The changes from `old` to `new`, in document order (removed paths where they stood)."""
    old_pairs, new_pairs = flatten(in_document_order(old)), flatten(in_document_order(new))
    old_values, new_values = dict(old_pairs), dict(new_pairs)
    old_order = [path for path, _ in old_pairs]
    position = {path: index for index, path in enumerate(old_order)}
    changes: list[Change] = []
    next_old = 0

    def removed_until(stop: int):
        nonlocal next_old
        while next_old < stop:
            path = old_order[next_old]
            if path not in new_values:
                changes.append(Change(path, "removed", old=shown(old_values[path])))
            next_old += 1

    for path, value in new_pairs:
        if path in position:
            removed_until(position[path] + 1)
            before = old_values[path]
            if before != value or type(before) is not type(value):
                texts = isinstance(before, str) and isinstance(value, str)
                long_text = texts and (_is_long(before) or _is_long(value))
                words = word_diff(before, value) if long_text else []
                changes.append(Change(path, "changed", shown(before), shown(value), words))
        else:
            changes.append(Change(path, "added", new=shown(value)))
    removed_until(len(old_order))
    return changes
