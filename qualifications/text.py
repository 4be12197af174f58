"""Text helpers shared by the importers and the search pages."""

import re
import unicodedata

from django.contrib.postgres.search import SearchVector

_NOT_WORD = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")


def normalize_title(title: str) -> str:
    """A title in the form used for matching and search.

    Lower case, accents stripped (``cliënt`` → ``client``), punctuation replaced
    by a space, runs of whitespace collapsed to one space, no leading or
    trailing space. Apply the same function to a search query before comparing.
    """
    decomposed = unicodedata.normalize("NFKD", title or "")
    without_accents = "".join(char for char in decomposed if not unicodedata.combining(char))
    without_punctuation = _NOT_WORD.sub(" ", without_accents.lower()).replace("_", " ")
    return _SPACES.sub(" ", without_punctuation).strip()


# PostgreSQL's text-search configuration for titles: Dutch stop words and stemming.
SEARCH_CONFIG = "dutch"


def title_vector() -> SearchVector:
    """The full-text vector of a row's normalised title (PostgreSQL). Migration 0003
    indexes exactly this expression (GIN) on the searched tables."""
    return SearchVector("normalized_title", config=SEARCH_CONFIG)
