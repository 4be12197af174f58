"""`manage.py validate FILE`: output format and exit status (docs/interchange.md)."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from rules.labels import path_label

from .factories import set_value, valid_document


def run_validate(path) -> tuple[int, dict]:
    """Run the command in-process; returns (exit status, parsed stdout)."""
    from io import StringIO

    out = StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("validate", str(path), stdout=out)
    return exit_info.value.code, json.loads(out.getvalue())


def write(tmp_path, content, name="document.json"):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "kind", ["regional_programme", "cross_over", "continuous_pathway", "practice_programme"]
)
def test_valid_document_exits_0(reference, tmp_path, kind):
    status, output = run_validate(write(tmp_path, json.dumps(valid_document(kind))))
    assert status == 0
    assert output == {"kind": kind, "valid": True, "findings": []}


def test_invalid_document_exits_1_with_findings(reference, tmp_path):
    document = valid_document("regional_programme")
    set_value(document, "regional_section.contributors[1].role", "teacher")
    status, output = run_validate(write(tmp_path, json.dumps(document)))
    assert status == 1
    assert output["kind"] == "regional_programme"
    assert output["valid"] is False
    finding = next(f for f in output["findings"] if f["rule"] == "RR-04")
    assert set(finding) == {"rule", "severity", "path", "message", "source"}
    assert finding["severity"] == "error"
    assert finding["path"] == "regional_section.contributors"
    # Message and source in words (Dutch by default): roles and the source document's title.
    assert finding["message"] == "Er is geen expert uit het bedrijfsleven bij de ontwikkelaars."
    assert finding["source"].startswith("„Making room for the region”, aankondiging")
    assert (
        "“developed regionally by teachers and experts from regional companies”"
        in (finding["source"])
    )


def test_warning_only_document_is_valid(reference, tmp_path):
    document = valid_document("continuous_pathway")
    document["duo_registration"]["status"] = "submitted"
    status, output = run_validate(write(tmp_path, json.dumps(document)))
    assert status == 0
    assert output["valid"] is True
    assert [(f["rule"], f["severity"]) for f in output["findings"]] == [("DL-09", "warning")]


UNREADABLE = {
    "empty": b"",
    "whitespace": b"   \n",
    "binary": bytes(range(256)) * 4,
    "invalid-utf8": b'{"kind": "cross_over", "title": "\xff\xfe"}',
    "malformed-json": b'{"kind": "cross_over",',
    "deeply-nested": b"[" * 100_000 + b"]" * 100_000,
    "nested-objects": b'{"a":' * 50 + b"1" + b"}" * 50,
    "10-mb-text": b"lorem ipsum " * (10 * 1024 * 1024 // 12),
    "nan": b'{"kind": "practice_programme", "budget_eur": NaN}',
    "infinity": b'{"kind": "practice_programme", "budget_eur": -Infinity}',
    "huge-integer": b'{"kind": "practice_programme", "hours": ' + b"9" * 5000 + b"}",
    "nul-bytes": b"\x00" * 100,
}


@pytest.mark.parametrize("name", UNREADABLE)
def test_unreadable_input_exits_2_with_fmt01(db, tmp_path, name):
    status, output = run_validate(write(tmp_path, UNREADABLE[name]))
    assert status == 2
    assert output["valid"] is False
    assert [f["rule"] for f in output["findings"]] == ["FMT-01"]
    assert output["findings"][0]["message"]


def test_missing_file_exits_2(db, tmp_path):
    status, output = run_validate(tmp_path / "nothing-here.json")
    assert status == 2
    assert output["findings"][0]["rule"] == "FMT-01"


NOT_VALID = {
    "top-level-list": "[1, 2, 3]",
    "top-level-string": '"regional_programme"',
    "no-kind": '{"format": "vet-submission/1"}',
    "unknown-kind": '{"format": "vet-submission/1", "kind": "apprenticeship"}',
    "kind-is-a-number": '{"kind": 7}',
}


@pytest.mark.parametrize("name", NOT_VALID)
def test_readable_but_not_a_document_exits_1(db, tmp_path, name):
    status, output = run_validate(write(tmp_path, NOT_VALID[name]))
    assert status == 1
    assert output["valid"] is False
    assert {f["rule"] for f in output["findings"]} == {"FMT-01"}


@pytest.mark.parametrize(
    "kind", ["regional_programme", "cross_over", "continuous_pathway", "practice_programme"]
)
def test_wrong_types_everywhere_name_each_field(db, tmp_path, kind):
    """Every field replaced by a value of the wrong type: one finding per field."""
    document = valid_document(kind)
    wrong = {key: ([] if isinstance(value, str) else "x") for key, value in document.items()}
    wrong["kind"] = kind
    status, output = run_validate(write(tmp_path, json.dumps(wrong)))
    assert status == 1
    paths = {f["path"] for f in output["findings"]}
    assert paths == set(document) - {"kind"}
    for finding in output["findings"]:
        # The message names the field by the label people read; `path` keeps the JSON name.
        assert path_label(finding["path"]) in finding["message"]
        assert finding["path"] not in finding["message"].replace(path_label(finding["path"]), "")


def test_reads_standard_input(tmp_path):
    """`-` reads the document from standard input (a real process)."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'unused.sqlite3'}"
    result = subprocess.run(
        [sys.executable, "manage.py", "validate", "-"],
        cwd=settings.BASE_DIR,
        env=env,
        input=b"[1, 2]",
        capture_output=True,
        timeout=60,
    )
    assert result.returncode == 1, result.stderr
    output = json.loads(result.stdout)
    assert output["kind"] is None
    assert [f["rule"] for f in output["findings"]] == ["FMT-01"]
    # Messages are Dutch (the default language).
    with translation.override("nl"):
        expected = translation.gettext("The document must be a JSON object.")
    assert output["findings"][0]["message"] == expected
    assert expected != "The document must be a JSON object."


@pytest.mark.parametrize("content", [b"", b"[" * 100_000])
def test_real_process_prints_json_and_no_traceback(tmp_path, content):
    """As a real process: the exit status is 2 and stderr has no traceback."""
    path = write(tmp_path, content)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'unused.sqlite3'}"
    result = subprocess.run(
        [sys.executable, "manage.py", "validate", str(path)],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert json.loads(result.stdout)["findings"][0]["rule"] == "FMT-01"


def test_unreadable_json_is_called_not_valid_json_in_dutch(db, tmp_path):
    """An integer too long to read is bad JSON, and the Dutch message says so
    (it used to say the file could not be read)."""
    status, output = run_validate(write(tmp_path, UNREADABLE["huge-integer"]))
    assert status == 2
    message = output["findings"][0]["message"]
    assert message.startswith("Het bestand is geen geldige JSON: "), message


@pytest.mark.parametrize(
    "content, expected",
    [
        (b'{"kind": "cross_over",', "er ontbreekt een veldnaam tussen dubbele aanhalingstekens"),
        (b'{"kind" "cross_over"}', "er ontbreekt een dubbele punt (:)"),
        (b'{"kind": "cross_over" "level": 2}', "er ontbreekt een komma (,)"),
        (b'{"kind": "cross_over', "heeft geen afsluitend dubbel aanhalingsteken"),
        (b"[1, 2,]", "er ontbreekt een waarde"),
        (b"{} {}", "na het einde van het document staat nog iets"),
    ],
)
def test_json_errors_are_told_in_dutch_with_line_and_column(db, tmp_path, content, expected):
    """Python's JSON errors are English; the message a school reads is Dutch."""
    status, output = run_validate(write(tmp_path, content))
    assert status == 2
    message = output["findings"][0]["message"]
    assert expected in message, message
    assert "regel 1, kolom" in message
    assert "Expecting" not in message and "Unterminated" not in message


# Issue 11's boundaries, through the command: (kind, changes, rule, severity or None).
BOUNDARIES = [
    (
        "continuous_pathway",
        [("combined_pta_oer", False), ("start_date", "2021-07-31")],
        "DL-08",
        "warning",
    ),
    (
        "continuous_pathway",
        [("combined_pta_oer", False), ("start_date", "2021-08-01")],
        "DL-08",
        "error",
    ),
    ("continuous_pathway", [("start_date", "2021-07-31")], "DL-08", None),
    ("practice_programme", [("budget_eur", 0)], "FMT-02", None),
    ("practice_programme", [("budget_eur", -1)], "FMT-02", "error"),
    ("cross_over", [("end_date", "2021-08-01")], "FMT-02", None),
    ("cross_over", [("end_date", "2021-07-31")], "FMT-02", "error"),
    ("cross_over", [("level", 5)], "FMT-02", "error"),
    ("regional_programme", [("region", "AM99")], "REG-01", "error"),
    ("cross_over", [("region", "AM77")], "REG-01", "error"),
    ("continuous_pathway", [("region", "Deventer")], "REG-01", "error"),
    ("continuous_pathway", [("region", "AM06")], "REG-01", None),
    ("cross_over", [("start_date", "2020-07-31")], "QS-02", "error"),
    ("practice_programme", [("school", "31CD")], "PP-06", "error"),
    ("practice_programme", [("partners[0].organisation", None)], "PP-04", "error"),
]


@pytest.mark.parametrize(
    "kind, changes, rule_id, severity",
    BOUNDARIES,
    ids=[f"{case[2]}:{i}" for i, case in enumerate(BOUNDARIES)],
)
def test_new_rules_at_their_boundaries(reference, tmp_path, kind, changes, rule_id, severity):
    document = valid_document(kind)
    for path, value in changes:
        set_value(document, path, value)
    status, output = run_validate(write(tmp_path, json.dumps(document)))
    found = [f for f in output["findings"] if f["rule"] == rule_id]
    if severity is None:
        assert found == [], output
        return
    assert found, output
    assert {f["severity"] for f in found} == {severity}
    assert all(f["message"] and f["source"] for f in found)
    assert status == (1 if severity == "error" else 0)
