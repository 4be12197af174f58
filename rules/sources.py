"""The documents the rules' sources refer to by number (see docs/rules.md).

A rule's source starts with the number of the document it is taken from,
often followed by a quotation; the rules page explains the numbers.
"""

from django.utils.translation import gettext_lazy as _

SOURCE_DOCUMENTS = (
    ("000", _('"Making room for the region", the announcement of the experiment (in English)')),
    ("002", _('Sterk Beroepsonderwijs, "Over ons" (about the programme)')),
    ("003", _("Progress letter on Sterk Beroepsonderwijs (vmbo and mbo) to the House")),
    (
        "004",
        _(
            'Letter "Toekomstperspectief kwalificatiestructuur" of 16 December 2020 to the '
            "House, with Bijlage 1 on the experiments"
        ),
    ),
    ("CBS", _("Statistics Netherlands (CBS): the division into labour-market regions of 2020")),
    ("docs/interchange.md", _("The document format of this service")),
    ("docs/rules.md", _("The rules of this service, shared by every kind of document")),
    ("—", _("No source document: a plausibility check that any reviewer would ask about")),
)
