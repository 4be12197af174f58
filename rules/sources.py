"""The documents the rules' sources refer to, and a rule's source in words.

A rule declares its source as a short string after docs/rules.md: the number
of the seed document it is taken from, often a passage and a quotation, and
more parts after a semicolon, for example

    003 note 2
    000 "compulsory national section"; 004 Bijlage 1 "een landelijk deel …"
    002, 003
    CBS arbeidsmarktregio's 2020; 002 "in iedere regio"

That string stays as it is (the rules page and the tests name it); what a
person reads is derived from it here, in the active language, with the title
of each document from ONE catalogue (`SOURCE_DOCUMENTS`): "Kamerbrief Sterk
beroepsonderwijs, december 2020 — voetnoot 2". A part that names no known
document (e.g. "website") is shown as written; a part that is only a
quotation belongs to the document before it.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# The catalogue, keyed by the seed document's number (../seeds/000_…, see
# docs/rules.md) and the few other sources rules name.
SOURCE_DOCUMENTS = {
    "000": _("“Making room for the region”, announcement of the experiment, 2018"),
    "001": _("Overview of Dutch policy documents on science and technology education"),
    "002": _("Sterk Beroepsonderwijs, “About us” (the programme's website)"),
    "003": _("Letter to Parliament on Sterk beroepsonderwijs, December 2020"),
    "004": _("Letter to Parliament “Toekomstperspectief kwalificatiestructuur”, 16 December 2020"),
    "CBS": _("CBS division into labour-market regions, 2020"),
    # Named in 003: "In 2020 zijn er ook diverse bouwstenen gepubliceerd …".
    "bouwstenen": _(
        "Building blocks for designing continuous pathways, Sterk beroepsonderwijs, 2020"
    ),
    "SBB": _("SBB qualification files"),
    "docs/interchange.md": _("The document format of this service"),
    "docs/rules.md": _("The rules of this service, shared by every kind of document"),
    "—": _("No source document: a plausibility check that any reviewer would ask about"),
}

# Words for a passage, as rules write them, in the active language.
PASSAGE_WORDS = {
    "note": _("footnote"),
    "bijlage": _("annex"),
    "fields": _("fields"),
}

# How a part of a source starts: a document number, or a known other source.
_DOCUMENT = re.compile(
    r"^(?P<code>\d{3}|docs/[\w.]+|—|-"
    r"|CBS(?: arbeidsmarktregio['’]?s 2020)?|SBB|bouwstenen)(?P<rest>(?:\W.*)?)$",
    re.IGNORECASE | re.DOTALL,
)
_QUOTE = re.compile(r"[\"“„](?P<quote>[^\"”]*)[\"”]")
_WORD = re.compile(r"^(?P<word>[A-Za-z]+)\b(?P<rest>.*)$", re.DOTALL)


@dataclass(frozen=True)
class SourcePart:
    """One document a rule cites: its code, the passage and the quotation."""

    code: str  # key of SOURCE_DOCUMENTS, or "" for a part shown as written
    passage: str = ""  # as written in the rule, e.g. "note 2", "Bijlage 1"
    quote: str = ""  # the cited words, in the document's own language
    note: str = ""  # what follows the quotation, e.g. "(motie Kwint)"

    @property
    def title(self) -> str:
        return str(SOURCE_DOCUMENTS.get(self.code, self.code))

    def passage_text(self) -> str:
        """The passage in the active language: "note 2" → "voetnoot 2"."""
        match = _WORD.match(self.passage)
        if not match:
            return self.passage
        word = PASSAGE_WORDS.get(match.group("word").lower())
        return f"{word}{match.group('rest')}" if word is not None else self.passage

    def text(self) -> str:
        """The part in words, in the active language."""
        if not self.code:
            return " ".join(filter(None, [self.passage, self.note]))
        text = self.title
        if self.passage:
            text += f" — {self.passage_text()}"
        if self.quote:
            text += f": “{self.quote}”"
        if self.note:
            text += f" {self.note}"
        return text


def _normalise_code(code: str) -> str:
    if code == "-":
        return "—"
    if code.upper().startswith("CBS"):
        return "CBS"
    if code.lower() == "bouwstenen":
        return "bouwstenen"
    return code


def source_parts(source: str) -> list[SourcePart]:
    """A rule's source string split into the documents it cites."""
    parts: list[SourcePart] = []
    for raw in _split(source or ""):
        segment = raw.strip().replace("`", "")
        if not segment:
            continue
        match = _DOCUMENT.match(segment)
        if match:
            code, rest = _normalise_code(match.group("code")), match.group("rest")
            codes = [c.strip() for c in rest.split(",")] if rest.startswith(",") else []
            if codes and all(re.fullmatch(r"\d{3}", c) for c in codes[1:]):
                # "002, 003": several documents, no passage.
                parts.append(SourcePart(code))
                parts.extend(SourcePart(c) for c in codes[1:])
                continue
            parts.append(_with_quote(code, rest))
        elif _QUOTE.match(segment) and parts and parts[-1].code:
            # Only a quotation: more words from the document before it.
            parts.append(_with_quote(parts[-1].code, segment, keep_passage=parts[-1].passage))
        else:
            parts.append(SourcePart("", passage=segment))
    return parts


def _split(source: str) -> list[str]:
    """Split on semicolons outside quotations."""
    pieces, current, quoted = [], "", False
    for char in source:
        if char in '"“”„':
            quoted = not quoted if char == '"' else char in "“„"
        if char == ";" and not quoted:
            pieces.append(current)
            current = ""
        else:
            current += char
    pieces.append(current)
    return pieces


def _with_quote(code: str, rest: str, keep_passage: str = "") -> SourcePart:
    match = _QUOTE.search(rest)
    if match is None:
        return SourcePart(code, passage=rest.strip(" ,:") or keep_passage)
    passage = rest[: match.start()].strip(" ,:") or keep_passage
    return SourcePart(
        code, passage=passage, quote=match.group("quote").strip(), note=rest[match.end() :].strip()
    )


def source_text(source: str) -> str:
    """A rule's source in words, in the active language: each document's title
    with the passage and quotation, joined by semicolons."""
    parts = source_parts(source)
    if not parts:
        return source or ""
    texts: list[str] = []
    for index, part in enumerate(parts):
        before = parts[index - 1] if index else None
        if (
            before
            and part.code
            and part.quote
            and (before.code, before.passage)
            == (
                part.code,
                part.passage,
            )
        ):
            # More words from the same passage: the title once.
            texts[-1] += f" … “{part.quote}”" + (f" {part.note}" if part.note else "")
        else:
            texts.append(part.text())
    return "; ".join(texts)


def cited_documents() -> list[tuple[str, str]]:
    """(code, title) of every document in the catalogue, for the rules page."""
    return [(code, str(title)) for code, title in SOURCE_DOCUMENTS.items()]
