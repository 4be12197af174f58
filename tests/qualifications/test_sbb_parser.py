"""The SBB XML parser against the three samples and small synthetic files."""

import pytest

from qualifications.sbb_xml import SbbImportError, parse_sbb_bytes, parse_sbb_file
from qualifications.text import normalize_title

from .factories import (  # noqa: F401 (in_english is a fixture)
    expected_from_xml,
    in_english,
    minimal_sbb,
    sample_paths,
)

pytestmark = pytest.mark.usefixtures("in_english")


@pytest.mark.parametrize("path", sample_paths(), ids=lambda path: path.name)
def test_sample_is_parsed_as_the_xml_says(path):
    expected = expected_from_xml(path)
    dossier = parse_sbb_file(path).dossier

    assert dossier.number == expected["number"]
    assert dossier.crebo == expected["crebo"]
    assert dossier.title == expected["title"]
    assert dossier.domain_number == expected["domain"]
    assert dossier.valid_from == expected["valid_from"]
    assert dossier.end_of_intake == expected["end_of_intake"]
    assert {task.code: [p.code for p in task.work_processes] for task in dossier.core_tasks} == (
        expected["basis"]
    )
    assert {profile.crebo for profile in dossier.profiles} == set(expected["profiles"])
    for profile in dossier.profiles:
        wanted = expected["profiles"][profile.crebo]
        assert profile.chapter == wanted["chapter"]
        assert profile.level == wanted["level"]
        assert profile.study_load_hours == wanted["sbu"]
        assert profile.programme_kind == wanted["kind"]
        assert profile.valid_from == wanted["valid_from"]
        assert {t.code: [p.code for p in t.work_processes] for t in profile.core_tasks} == (
            wanted["core_tasks"]
        )


def test_certificates_are_read_generically():
    certificates = (
        '<certificaat nr="300" titel="Certificaat profieltaak" referentie="210" />'
        "<certificaat>Certificaat zonder kerntaak</certificaat>"
    )
    parsed = parse_sbb_bytes(minimal_sbb(certificates=certificates).encode(), "c.xml")
    found = [
        (c.sbb_id, c.title, c.core_task_sbb_id) for c in parsed.dossier.profiles[0].certificates
    ]
    assert found == [
        ("300", "Certificaat profieltaak", "210"),
        ("29998-2", "Certificaat zonder kerntaak", ""),
    ]


def test_certificate_naming_an_unknown_core_task_is_refused():
    certificates = '<certificaat titel="X" referentie="999" />'
    with pytest.raises(SbbImportError, match=r"c\.xml, line \d+: .*999"):
        parse_sbb_bytes(minimal_sbb(certificates=certificates).encode(), "c.xml")


def test_errors_name_file_and_line():
    with pytest.raises(SbbImportError) as caught:
        parse_sbb_bytes(minimal_sbb(crebo="").encode(), "no-crebo.xml")
    assert caught.value.file_name == "no-crebo.xml"
    # The empty <dossiercrebos> element is on line 7 of the minimal file.
    assert (
        caught.value.line == minimal_sbb(crebo="").splitlines().index("      <dossiercrebos>") + 1
    )


def test_normalize_title():
    assert normalize_title("  Cliënten  ondersteunen, (individueel)! ") == (
        "clienten ondersteunen individueel"
    )
    assert normalize_title("Sociaal-maatschappelijk\tdienstverlener") == (
        "sociaal maatschappelijk dienstverlener"
    )
