"""manage.py import_keuzedelen: the demo CSV, idempotency, certificates and bad rows."""

import csv

import pytest
from django.conf import settings
from django.core.management import execute_from_command_line

from qualifications.models import ElectiveModule, ImportRun, VetCertificate

from .factories import dump_tables, in_english, write  # noqa: F401 (fixture)

# transaction=True: the command closes the database connection when it ends, as
# manage.py does; inside a test transaction that would break the test on PostgreSQL.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("in_english")]

DEMO_CSV = settings.BASE_DIR / "qualifications" / "demo" / "keuzedelen.csv"
HEADER = "code,title,level,sbu,certificate\n"


def run_command(capsys, *paths) -> tuple[int, str, str]:
    status = 0
    try:
        execute_from_command_line(["manage.py", "import_keuzedelen", *map(str, paths)])
    except SystemExit as exit_:
        status = exit_.code
    out, err = capsys.readouterr()
    return status, out, err


def demo_rows() -> list[dict]:
    with DEMO_CSV.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_demo_csv_is_imported_as_written(capsys):
    status, out, _ = run_command(capsys, DEMO_CSV)
    assert status == 0
    rows = demo_rows()
    assert ElectiveModule.objects.count() == len(rows)
    for row in rows:
        elective = ElectiveModule.objects.get(code=row["code"])
        assert elective.title == row["title"]
        assert elective.level == (int(row["level"]) if row["level"] else None)
        assert elective.study_load_hours == int(row["sbu"])
        assert elective.has_certificate == (row["certificate"] == "yes")
        assert elective.certificates.count() == (1 if row["certificate"] == "yes" else 0)
    with_certificate = sum(row["certificate"] == "yes" for row in rows)
    assert f"{len(rows) + with_certificate} added" in out


def test_second_run_changes_nothing(capsys):
    run_command(capsys, DEMO_CSV)
    before = dump_tables()
    status, out, _ = run_command(capsys, DEMO_CSV)
    assert status == 0
    assert "no changes" in out
    assert dump_tables() == before


def test_changed_row_updates_in_place_and_certificate_follows(tmp_path, capsys):
    path = write(tmp_path, "v1.csv", HEADER + "K0999,Oude titel,2,240,yes\n")
    run_command(capsys, path)
    elective = ElectiveModule.objects.get(code="K0999")
    certificate = VetCertificate.objects.get(elective=elective)

    write(tmp_path, "v1.csv", HEADER + "K0999,Nieuwe titel,3,480,yes\n")
    status, out, _ = run_command(capsys, path)

    assert status == 0
    elective.refresh_from_db()
    certificate.refresh_from_db()
    assert (elective.title, elective.level, elective.study_load_hours) == ("Nieuwe titel", 3, 480)
    assert certificate.title == "Nieuwe titel"
    run = ImportRun.objects.order_by("-pk").first()
    assert {
        "action": "changed",
        "object": "keuzedeel K0999",
        "field": "level",
        "old": 2,
        "new": 3,
    } in (run.changes)

    write(tmp_path, "v1.csv", HEADER + "K0999,Nieuwe titel,3,480,no\n")
    run_command(capsys, path)
    assert not VetCertificate.objects.filter(elective=elective).exists()


BAD_ROWS = {
    "bad-code": ("K12,Titel,2,240,no\n", 'code "K12"'),
    "bad-sbu": ("K0001,Titel,2,veel,no\n", 'study load "veel"'),
    "bad-certificate": ("K0001,Titel,2,240,misschien\n", 'certificate value "misschien"'),
    "missing-column": ("K0001,Titel,240,no\n", "4 columns instead of 5"),
    "bad-level": ("K0001,Titel,7,240,no\n", 'level "7"'),
}


@pytest.mark.parametrize("kind", BAD_ROWS)
def test_bad_row_exits_1_names_file_and_line_and_writes_nothing(kind, tmp_path, capsys):
    run_command(capsys, DEMO_CSV)
    before = dump_tables()
    runs = ImportRun.objects.count()
    row, reason = BAD_ROWS[kind]
    # Two good rows first (one new, one changed): they must be rolled back too.
    good = "K0900,Nieuw keuzedeel,2,240,yes\nK0101,Gewijzigde titel,3,240,no\n"
    path = write(tmp_path, f"{kind}.csv", HEADER + good + row)

    status, _, err = run_command(capsys, path)

    assert status == 1
    message = err.strip()
    assert f"{kind}.csv, line 4: " in message
    assert reason in message
    assert message.count("\n") == 0 and message.endswith(".")
    assert dump_tables() == before
    assert ImportRun.objects.count() == runs


def test_wrong_header_is_refused(tmp_path, capsys):
    path = write(tmp_path, "header.csv", "code,name,level,sbu,certificate\nK0001,T,2,240,no\n")
    status, _, err = run_command(capsys, path)
    assert status == 1
    assert "header.csv, line 1: the header row must be code,title,level,sbu,certificate." in err
    assert not ElectiveModule.objects.exists()


def test_duplicate_code_names_both_lines(tmp_path, capsys):
    path = write(tmp_path, "dup.csv", "K0001,A,2,240,no\nK0001,B,2,240,no\n")
    status, _, err = run_command(capsys, path)
    assert status == 1
    assert "dup.csv, line 2: the code K0001 was already given on line 1." in err
