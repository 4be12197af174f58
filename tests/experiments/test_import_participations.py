"""`manage.py import_participations FILE` (docs/interchange.md): all or nothing,
idempotent, RR-08's caps over the whole file, errors with file and line."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from experiments.models import Participation
from regions.models import Organisation

from .factories import experiment, make_applications, make_schools

HEADER = "experiment,school,cohort,status,decided_on\n"
REGIONAL = "ruimte-voor-de-regio"
PILOT = "pilot-praktijkgerichte-programmas"


def write(tmp_path, rows, name="deelnemers.csv"):
    path = tmp_path / name
    path.write_text(HEADER + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    return path


def run(path):
    from io import StringIO

    out = StringIO()
    call_command("import_participations", str(path), stdout=out)
    return out.getvalue()


def snapshot():
    return sorted(
        Participation.objects.values_list(
            "experiment__slug", "school__code", "cohort", "status", "decided_at"
        )
    )


@pytest.fixture
def schools(db):
    experiment(REGIONAL)
    return {
        "mbo": make_schools(17, kind="mbo", start=40),
        "vmbo": make_schools(3, kind="vmbo", start=70),
    }


def admitted_rows(schools, count, *, cohort="2020/21"):
    return [f"{REGIONAL},{school.code},{cohort},admitted,2020-06-01" for school in schools[:count]]


def test_imports_and_a_second_run_changes_nothing(tmp_path, schools):
    rows = [
        *admitted_rows(schools["mbo"], 3, cohort="2019/20"),
        f"{REGIONAL},{schools['mbo'][3].code},2020/21,applied,",
        f"{REGIONAL},{schools['mbo'][4].code},2020/21,waitlisted,2020-06-01",
        f"{PILOT},{schools['vmbo'][0].code},2020/21,admitted,2020-12-15",
    ]
    path = write(tmp_path, rows)
    assert run(path).strip() == "Participations: 6 created, 0 updated, 0 unchanged."
    stored = Participation.objects.get(school=schools["mbo"][4])
    assert stored.status == Participation.Status.WAIT_LISTED
    assert timezone.localtime(stored.decided_at).date() == datetime.date(2020, 6, 1)
    assert Participation.objects.get(school=schools["mbo"][3]).decided_at is None
    before = snapshot()
    assert run(path).strip() == "Participations: nothing changed (6 already up to date)."
    assert snapshot() == before


def test_updates_an_existing_application(tmp_path, schools):
    regional = experiment(REGIONAL)
    (application,) = make_applications(regional, schools["mbo"][:1], "2020/21")
    path = write(tmp_path, [f"{REGIONAL},{schools['mbo'][0].code},2020/21,admitted,2020-07-01"])
    assert "1 updated" in run(path)
    application.refresh_from_db()
    assert application.status == Participation.Status.ADMITTED
    assert application.motivation == "m"  # what the file does not name stays


def test_a_sixteenth_school_is_refused_whole_with_its_line(tmp_path, schools):
    path = write(tmp_path, admitted_rows(schools["mbo"], 16))
    with pytest.raises(CommandError) as error:
        run(path)
    message = str(error.value)
    assert "Nothing was imported." in message
    assert f"{path}, line 17:" in message  # the header is line 1: the 16th school is on 17
    assert "16 schools" in message and "at most 15" in message
    assert Participation.objects.count() == 0


def test_fifteen_schools_are_fine(tmp_path, schools):
    path = write(tmp_path, admitted_rows(schools["mbo"], 15))
    assert "15 created" in run(path)


def test_the_cap_counts_schools_admitted_before_the_file(tmp_path, schools):
    regional = experiment(REGIONAL)
    make_applications(regional, schools["mbo"][:14], "2020/21", status="admitted")
    path = write(tmp_path, admitted_rows(schools["mbo"][14:], 2))
    with pytest.raises(CommandError) as error:
        run(path)
    assert f"{path}, line 3:" in str(error.value)
    assert Participation.objects.filter(status="admitted").count() == 14
    # Declining an admitted school in the same file makes room.
    rows = [
        f"{REGIONAL},{schools['mbo'][0].code},2020/21,declined,2020-08-01",
        *admitted_rows(schools["mbo"][14:], 2),
    ]
    assert "2 created, 1 updated" in run(write(tmp_path, rows, "second.csv"))


def test_the_first_cohort_holds_at_most_five(tmp_path, schools):
    path = write(tmp_path, admitted_rows(schools["mbo"], 6, cohort="2019/20"))
    with pytest.raises(CommandError) as error:
        run(path)
    assert f"{path}, line 7:" in str(error.value)
    assert "first cohort" in str(error.value)
    assert Participation.objects.count() == 0


def test_a_bad_line_rolls_back_the_whole_file(tmp_path, schools):
    rows = [
        *admitted_rows(schools["mbo"], 2),
        f"{REGIONAL},99ZZ,2020/21,admitted,2020-06-01",
        f"{REGIONAL},{schools['vmbo'][0].code},2020/21,admitted,2020-06-01",
        f"{PILOT},{schools['vmbo'][1].code},2020-21,admitted,2020-12-15",
        f"{PILOT},{schools['vmbo'][2].code},2020/21,accepted,2020-12-15",
        f"{REGIONAL},{schools['mbo'][5].code},2020/21,admitted,",
        f"{REGIONAL},{schools['mbo'][6].code},2020/21,applied,2020-06-01",
        f"{REGIONAL},{schools['mbo'][7].code},2020/21,admitted,1 juni 2020",
        f"nieuw-experiment,{schools['mbo'][8].code},2020/21,applied,",
        f"{REGIONAL},{schools['mbo'][0].code},2020/21,admitted,2020-06-01",
        f"{REGIONAL},{schools['mbo'][9].code},2020/21",
    ]
    path = write(tmp_path, rows)
    with pytest.raises(CommandError) as error:
        run(path)
    message = str(error.value)
    for line in range(4, 14):
        assert f"{path}, line {line}:" in message, line
    assert "99ZZ" in message
    assert "is only for schools of the kind mbo institution;" in message
    assert Participation.objects.count() == 0


def test_a_control_character_is_refused_with_its_line_and_nothing_is_written(tmp_path, schools):
    """Issue 12, finding 6: a NUL in a school code failed the lookup on PostgreSQL (500
    on the participants page); now the input boundary names the line."""
    rows = [
        *admitted_rows(schools["mbo"], 1),
        f"{REGIONAL},{schools['mbo'][1].code}\x00,2020/21,admitted,2020-06-01",
        f"{REGIONAL},{schools['mbo'][2].code},2020/21\x01,applied,",
    ]
    path = write(tmp_path, rows)
    with pytest.raises(CommandError) as error:
        run(path)
    message = str(error.value)
    assert f"{path}, line 3: The field school contains an invisible control character" in message
    assert f"{path}, line 4: The field cohort contains an invisible control character" in message
    assert Participation.objects.count() == 0


def test_header_and_encoding_problems_name_line_1(tmp_path, schools):
    path = tmp_path / "wrong.csv"
    path.write_text("school,experiment\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        run(path)
    assert f"{path}, line 1:" in str(error.value)
    path.write_bytes(
        HEADER.encode() + "ruimte-voor-de-regio,40AA,2020/21,applied,\xe9".encode("latin-1")
    )
    with pytest.raises(CommandError) as error:
        run(path)
    assert "UTF-8" in str(error.value)
    with pytest.raises(CommandError):
        run(tmp_path / "missing.csv")


def test_a_school_of_the_wrong_kind_is_refused(tmp_path, schools):
    path = write(tmp_path, [f"{PILOT},{schools['mbo'][0].code},2020/21,applied,"])
    with pytest.raises(CommandError) as error:
        run(path)
    assert f"{path}, line 2:" in str(error.value)
    assert not Organisation.objects.filter(participations__isnull=False).exists()


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_imports_cannot_break_the_cap_together(tmp_path):
    """Each import locks the experiment while it counts and writes: of two files
    that admit 8 schools each, one goes in whole and the other is refused whole."""
    from django.db import connection

    from .races import race_two_imports, two_imports_in_a_sqlite_file

    on_sqlite = connection.vendor == "sqlite"
    result = two_imports_in_a_sqlite_file(tmp_path) if on_sqlite else race_two_imports()
    assert result["errors"] == []
    assert result["outcomes"] == ["done", "refused"]
    assert result["admitted"] == 8
