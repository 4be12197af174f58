"""`manage.py validate` reads `practice_statement` documents (docs/interchange.md)."""

import json

from tests.rules.test_validate_command import run_validate, write

from .factories import valid_statement


def test_valid_statement_exits_0(reference, tmp_path):
    status, output = run_validate(write(tmp_path, json.dumps(valid_statement())))
    assert status == 0
    assert output == {"kind": "practice_statement", "valid": True, "findings": []}


def test_statement_with_an_unknown_work_process_exits_1(reference, tmp_path):
    document = valid_statement()
    document["work_processes"] = ["B1-K1-W1", "B9-K9-W9"]
    status, output = run_validate(write(tmp_path, json.dumps(document)))
    assert status == 1
    assert output["valid"] is False
    [finding] = output["findings"]
    assert set(finding) == {"rule", "severity", "path", "message", "source"}
    assert (finding["rule"], finding["severity"], finding["path"]) == (
        "PV-01",
        "error",
        "work_processes[1]",
    )
    # In Dutch, with the qualification named and the source document's title.
    assert "B9-K9-W9" in finding["message"]
    assert "Helpende zorg en welzijn (crebo 25498" in finding["message"]
    assert "Toekomstperspectief kwalificatiestructuur" in finding["source"]


def test_statement_issued_in_the_pilot_is_valid_with_a_warning(reference, tmp_path):
    document = valid_statement()
    document.update(period={"start": "2020-09-01", "end": "2020-11-30"}, issued_on="2020-12-01")
    status, output = run_validate(write(tmp_path, json.dumps(document)))
    assert status == 0
    assert [(f["rule"], f["severity"]) for f in output["findings"]] == [("PV-04", "warning")]


def test_statement_missing_its_learner_exits_1_with_fmt01(reference, tmp_path):
    document = valid_statement()
    del document["learner"]
    status, output = run_validate(write(tmp_path, json.dumps(document)))
    assert status == 1
    assert [(f["rule"], f["path"]) for f in output["findings"]] == [("FMT-01", "learner")]
