"""QS-01: a referenced qualification, core task or keuzedeel exists.

Where a kind's own rule already checks a reference (RR-01 the national
section, RR-06 the keuzedelen, CO-01 the cross-over parts), that rule reports
it; QS-01 covers the other references: the target qualification of a pathway.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from rules.registry import Kind, Severity, message, rule


@rule(
    "QS-01",
    Severity.ERROR,
    kinds=[Kind.CONTINUOUS_PATHWAY],
    source="docs/rules.md",
    text=_("A referenced qualification, core task or keuzedeel exists in the national structure."),
)
def referenced_qualification_exists(document, context):
    crebo = document["target_qualification"]
    if context.qualification(crebo) is None:
        yield (
            "target_qualification",
            message(gettext_noop("There is no qualification with crebo %(crebo)s."), crebo=crebo),
        )
