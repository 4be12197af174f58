"""Every Dutch catalogue of the project is complete and compiled.

The UI is Dutch by default, so a message without a Dutch translation would show
English to every visitor.
"""

import ast
import gettext
from pathlib import Path

import pytest
from django.conf import settings

PROJECT_DIR = Path(settings.BASE_DIR)
CATALOGUES = sorted(
    path
    for path in PROJECT_DIR.glob("**/locale/nl/LC_MESSAGES/django.po")
    if ".venv" not in path.parts
)


def read_po(path: Path) -> list[dict]:
    """Parse a .po file into entries with msgid, msgstr (list) and flags."""
    entries, entry, field = [], None, None
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            if entry is not None:
                entries.append(entry)
            entry, field = None, None
            continue
        if entry is None:
            entry = {
                "msgid": "",
                "msgctxt": None,
                "msgstr": {},
                "flags": set(),
                "obsolete": False,
            }
        if line.startswith("#~"):
            entry["obsolete"] = True
        elif line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith("msgctxt "):
            field = "msgctxt"
            entry["msgctxt"] = ast.literal_eval(line[8:])
        elif line.startswith("msgid_plural "):
            field = "msgid_plural"
        elif line.startswith("msgid "):
            field = "msgid"
            entry["msgid"] = ast.literal_eval(line[6:])
        elif line.startswith("msgstr"):
            key, _, value = line.partition(" ")
            field = ("msgstr", key[7:-1] if "[" in key else "0")
            entry["msgstr"][field[1]] = ast.literal_eval(value)
        elif line.startswith('"'):
            if field == "msgid":
                entry["msgid"] += ast.literal_eval(line)
            elif isinstance(field, tuple):
                entry["msgstr"][field[1]] += ast.literal_eval(line)
    return [e for e in entries if e["msgid"] and not e["obsolete"]]


def test_there_are_catalogues():
    assert PROJECT_DIR / "locale/nl/LC_MESSAGES/django.po" in CATALOGUES


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(PROJECT_DIR)))
def test_catalogue_is_translated_and_compiled(po_path):
    entries = read_po(po_path)
    untranslated = [e["msgid"] for e in entries if not all(e["msgstr"].values())]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert untranslated == [], f"untranslated in {po_path}"
    assert fuzzy == [], f"fuzzy in {po_path}"

    with po_path.with_suffix(".mo").open("rb") as mo_file:
        compiled = gettext.GNUTranslations(mo_file)
    stale = [
        e["msgid"]
        for e in entries
        if len(e["msgstr"]) == 1
        and (
            compiled.pgettext(e["msgctxt"], e["msgid"])
            if e["msgctxt"] is not None
            else compiled.gettext(e["msgid"])
        )
        != e["msgstr"]["0"]
    ]
    assert stale == [], f"{po_path.with_suffix('.mo')} is older than its .po: run make messages"
