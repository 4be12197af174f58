"""FMT-01: the document has the shape of its kind (see `rules.schema`)."""

from django.utils.translation import gettext_lazy as _

from .registry import ALL_KINDS, Severity, rule
from .schema import check_shape


@rule(
    "FMT-01",
    Severity.ERROR,
    kinds=ALL_KINDS,
    source="docs/interchange.md",
    text=_(
        "The document is valid for its kind: readable JSON, a known kind, and every "
        "field present with the right type. The message names the field."
    ),
)
def document_has_the_shape_of_its_kind(document, context):
    """Malformed JSON is reported by the engine before this runs; this checks
    the parsed document against the hand-written schema of its kind."""
    yield from check_shape(document)
