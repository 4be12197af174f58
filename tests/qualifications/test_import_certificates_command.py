"""manage.py import_certificates: parts and keuzedelen, idempotency, bad rows, audit."""

import datetime

import pytest
from django.core.management import execute_from_command_line

from qualifications.models import ElectiveModule, ImportRun, VetCertificate

from .factories import (  # noqa: F401 (fixture)
    CoreTaskFactory,
    ElectiveModuleFactory,
    QualificationFactory,
    VetCertificateFactory,
    dump_tables,
    in_english,
    write,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("in_english")]

HEADER = "code,title,level,attached_to,qualification,core_task,keuzedeel,valid_from\n"


def run_command(capsys, *paths) -> tuple[int, str, str]:
    status = 0
    try:
        execute_from_command_line(["manage.py", "import_certificates", *map(str, paths)])
    except SystemExit as exit_:
        status = exit_.code
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def structure():
    qualification = QualificationFactory(crebo="25498", chapter=1)
    basis = CoreTaskFactory(file=qualification.file, code="B1-K1")
    profile = CoreTaskFactory(qualification=qualification, code="P1-K1")
    elective = ElectiveModuleFactory(code="K0123", has_certificate=False)
    return qualification, basis, profile, elective


def test_certificates_on_parts_and_keuzedelen_are_imported(tmp_path, capsys, structure):
    qualification, basis, profile, elective = structure
    path = write(
        tmp_path,
        "c.csv",
        HEADER
        + "C-001,Verzorgen,3,part,25498,B1-K1,,2026-08-01\n"
        + "C-002,Profieltaak,3,part,25498,p1-k1,,2026-08-01\n"
        + "C-003,Keuzedeelcertificaat,2,keuzedeel,,,K0123,2025-01-01\n",
    )
    status, out, _ = run_command(capsys, path)
    assert status == 0, out
    assert "3 added" in out
    first = VetCertificate.objects.get(code="C-001")
    assert (first.qualification, first.core_task, first.elective) == (qualification, basis, None)
    assert (first.level, first.valid_from) == (3, datetime.date(2026, 8, 1))
    assert VetCertificate.objects.get(code="C-002").core_task == profile
    third = VetCertificate.objects.get(code="C-003")
    assert (third.elective, third.core_task, third.level) == (elective, None, 2)
    elective.refresh_from_db()
    assert elective.has_certificate
    run = ImportRun.objects.get()
    assert (run.kind, run.started_by, run.added) == (ImportRun.Kind.CERTIFICATES_CSV, None, 3)


def test_second_run_changes_nothing_and_a_change_is_logged(tmp_path, capsys, structure):
    path = write(tmp_path, "c.csv", HEADER + "C-001,Verzorgen,3,part,25498,B1-K1,,2026-08-01\n")
    run_command(capsys, path)
    before = dump_tables()
    status, out, _ = run_command(capsys, path)
    assert (status, dump_tables()) == (0, before)
    assert "no changes" in out

    write(tmp_path, "c.csv", HEADER + "C-001,Verzorgen,4,part,25498,B1-K1,,2026-08-01\n")
    status, out, _ = run_command(capsys, path)
    assert status == 0
    assert VetCertificate.objects.get(code="C-001").level == 4
    assert {
        "action": "changed",
        "object": "certificate C-001",
        "field": "level",
        "old": 3,
        "new": 4,
    } in ImportRun.objects.order_by("-pk").first().changes


def test_a_keuzedeel_certificate_replaces_the_flag_certificate(tmp_path, capsys, structure):
    *_, elective = structure
    VetCertificateFactory(elective=elective, title="Uit de vlag")
    path = write(tmp_path, "c.csv", HEADER + "C-9,Echt,2,keuzedeel,,,K0123,2025-01-01\n")
    assert run_command(capsys, path)[0] == 0
    assert list(elective.certificates.values_list("code", flat=True)) == ["C-9"]


def test_the_keuzedelen_csv_keeps_a_coded_certificate(tmp_path, capsys, structure):
    *_, elective = structure
    VetCertificateFactory(elective=elective, code="C-9", title="Echt")
    path = write(tmp_path, "k.csv", "code,title,level,sbu,certificate\nK0123,Zorg,2,240,yes\n")
    execute_from_command_line(["manage.py", "import_keuzedelen", str(path)])
    assert list(elective.certificates.values_list("code", flat=True)) == ["C-9"]


@pytest.mark.parametrize(
    ("row", "line", "message"),
    [
        ("C-1,T,5,part,25498,B1-K1,,2026-08-01", 2, 'the level "5"'),
        ("C-1,T,3,part,25498,B1-K1,,1-8-2026", 2, "is not a date"),
        ("C-1,T,3,module,25498,B1-K1,,2026-08-01", 2, "must be part or keuzedeel"),
        ("C-1,T,3,part,99999,B1-K1,,2026-08-01", 2, "no qualification with crebo 99999"),
        ("C-1,T,3,part,25498,B9-K9,,2026-08-01", 2, "has no core task B9-K9"),
        ("C-1,T,3,keuzedeel,,,K9999,2026-08-01", 2, "no keuzedeel K9999"),
        ("C-1,T,3,keuzedeel,25498,,K0123,2026-08-01", 2, "are empty"),
        ("C-1,T,3,part,25498,B1-K1,K0123,2026-08-01", 2, "column is empty"),
        ("C-1,,3,part,25498,B1-K1,,2026-08-01", 2, "has no title"),
        ("C 1,T,3,part,25498,B1-K1,,2026-08-01", 2, "is not a certificate code"),
        ("C-1,T,3,part,25498,B1-K1,2026-08-01", 2, "has 7 columns"),
    ],
)
def test_a_bad_row_names_file_and_line_and_writes_nothing(
    tmp_path, capsys, structure, row, line, message
):
    good = "C-0,Goed,3,part,25498,B1-K1,,2026-08-01\n"
    path = write(tmp_path, "bad.csv", HEADER + good + row + "\n")
    before = dump_tables()
    status, _, err = run_command(capsys, path)
    assert status == 1
    assert f"bad.csv, line {line + 1}:" in err
    assert message in err
    assert dump_tables() == before


def test_a_repeated_code_and_a_wrong_header_are_refused(tmp_path, capsys, structure):
    row = "C-1,T,3,part,25498,B1-K1,,2026-08-01\n"
    status, _, err = run_command(capsys, write(tmp_path, "twice.csv", HEADER + row + row))
    assert status == 1
    assert "line 3: the code C-1 was already given on line 2" in err
    status, _, err = run_command(capsys, write(tmp_path, "head.csv", "code,title\n" + row))
    assert status == 1
    assert "line 1: the first row must be the header" in err
    status, _, err = run_command(capsys, write(tmp_path, "empty.csv", HEADER))
    assert status == 1
    assert "has no certificates" in err
    status, _, err = run_command(
        capsys, write(tmp_path, "latin.csv", (HEADER + "é").encode("latin-1"))
    )
    assert status == 1
    assert "not UTF-8" in err
    assert not VetCertificate.objects.exists()
    assert not ElectiveModule.objects.filter(has_certificate=True).exists()
