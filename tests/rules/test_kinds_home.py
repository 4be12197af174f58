"""One home per kind: the rule engine (`rules/`) and the submission workflow
(`submissions/`) name no kind of document. Each kind is declared in the app
that owns it and registered from its `AppConfig.ready()` (`rules.kinds`)."""

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

from rules.kinds import kinds

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("rules", "submissions")
# Demo data for `load_demo` (a regionalised programme of the demo school), not
# workflow code; it moves with the demo loader to the top of the layer order.
DEMO_DATA = {Path("submissions/workflow_demo.py")}


def _sources(suffix: str) -> list[Path]:
    files = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob(f"*{suffix}")):
            relative = path.relative_to(ROOT)
            if "migrations" in relative.parts or relative in DEMO_DATA:
                continue
            files.append(path)
    return files


def _where(path: Path, line: int) -> str:
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    return f"{shown}:{line}"


def _kind_names_in_python(path: Path, values: set[str], names: set[str]) -> list[str]:
    found = []
    tokens = list(tokenize.generate_tokens(io.StringIO(path.read_text()).readline))
    for index, token in enumerate(tokens):
        if token.type == tokenize.STRING:
            try:
                value = ast.literal_eval(token.string)
            except (ValueError, SyntaxError):
                continue
            if value in values:
                found.append(f"{_where(path, token.start[0])} {token.string}")
        elif (
            token.type == tokenize.NAME
            and token.string in names
            and index > 1
            and tokens[index - 1].string == "."
            and tokens[index - 2].string == "Kind"
        ):
            found.append(f"{_where(path, token.start[0])} Kind.{token.string}")
    return found


def test_the_apps_register_the_five_kinds():
    assert [spec.value for spec in kinds()] == [
        "regional_programme",
        "cross_over",
        "continuous_pathway",
        "practice_programme",
        "practice_statement",
    ]


@pytest.mark.parametrize("path", _sources(".py"), ids=lambda path: str(path.relative_to(ROOT)))
def test_no_kind_by_name_in_the_code(path):
    values = {spec.value for spec in kinds()}
    names = {spec.name for spec in kinds()}
    assert _kind_names_in_python(path, values, names) == []
    assert "get_model(" not in path.read_text()


@pytest.mark.parametrize("path", _sources(".html"), ids=lambda path: str(path.relative_to(ROOT)))
def test_no_kind_by_name_in_the_templates(path):
    text = path.read_text()
    for spec in kinds():
        assert not re.search(rf"[\"']{spec.value}[\"']", text), spec.value


def test_the_check_finds_a_kind_named_in_code(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('if kind == "cross_over" or kind == Kind.PRACTICE_PROGRAMME:\n    pass\n')
    found = _kind_names_in_python(sample.resolve(), {"cross_over"}, {"PRACTICE_PROGRAMME"})
    assert len(found) == 2
