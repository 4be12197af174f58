"""Readable names for the fields of an interchange document. The catalogue
lives with the document format in `rules.labels` (the rule messages use it
too); this module keeps the names the submission pages import."""

from rules.labels import (  # noqa: F401
    FIELD_LABELS,
    SECTION_LABELS,
    SEPARATOR,
    VALUE_LABELS,
    path_label,
    section_label,
    value_label,
)
