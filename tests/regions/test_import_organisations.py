"""manage.py import_organisations FILE.csv: checked, idempotent, all-or-nothing."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from regions.models import Organisation, Region

pytestmark = pytest.mark.django_db

HEADER = "kind,code,name,municipality,region\n"
GOOD_ROWS = [
    "mbo,25PZ,ROC Deventer,Deventer,AM06",
    "vmbo,30AB,vmbo De Brink,Deventer,AM06",
    "company,12345678,Zorggroep Salland,Deventer,AM06",
    "sbb,SBB,SBB,Zoetermeer,",
]


@pytest.fixture(autouse=True)
def regions():
    Region.objects.create(code="AM06", name="Stedendriehoek en Noordwest Veluwe")
    Region.objects.create(code="AM26", name="Midden-Brabant")


def write(tmp_path, text: str):
    path = tmp_path / "organisations.csv"
    path.write_text(text, encoding="utf-8")
    return path


def run(path) -> str:
    out = StringIO()
    call_command("import_organisations", str(path), stdout=out)
    return out.getvalue()


def test_imports_every_row_with_its_region(tmp_path):
    output = run(write(tmp_path, HEADER + "\n".join(GOOD_ROWS) + "\n"))
    assert "4 created" in output
    rows = {
        o.code: (o.kind, o.name, o.municipality, o.region_id and o.region.code)
        for o in Organisation.objects.select_related("region")
    }
    assert rows == {
        "25PZ": ("mbo", "ROC Deventer", "Deventer", "AM06"),
        "30AB": ("vmbo", "vmbo De Brink", "Deventer", "AM06"),
        "12345678": ("company", "Zorggroep Salland", "Deventer", "AM06"),
        "SBB": ("sbb", "SBB", "Zoetermeer", None),
    }


def test_second_run_changes_nothing_and_says_so(tmp_path):
    path = write(tmp_path, HEADER + "\n".join(GOOD_ROWS) + "\n")
    run(path)
    before = list(Organisation.objects.order_by("code").values())
    output = run(path)
    assert "nothing changed" in output
    assert list(Organisation.objects.order_by("code").values()) == before


def test_an_existing_code_is_updated_not_duplicated(tmp_path):
    Organisation.objects.create(kind="mbo", code="25PZ", name="Old", municipality="")
    output = run(write(tmp_path, HEADER + GOOD_ROWS[0] + "\n"))
    assert "1 updated" in output
    organisation = Organisation.objects.get(code="25PZ")
    assert (organisation.name, organisation.region.code) == ("ROC Deventer", "AM06")


@pytest.mark.parametrize(
    ("bad_row", "words"),
    [
        ("mbo,25P,ROC Zonder Brin,Deventer,AM06", "not a BRIN code"),
        ("vmbo,ab12,vmbo Klein,Deventer,AM06", "not a BRIN code"),
        ("company,1234567,Te Kort BV,Deventer,AM06", "not a KvK number"),
        ("company,12A45678,Letter BV,Deventer,AM06", "not a KvK number"),
        ("mbo,27XY,ROC Elders,Elders,AM77", "Unknown region 'AM77'"),
        ("havo,28XY,Lyceum,Deventer,AM06", "Unknown kind 'havo'"),
        ("mbo,29XY,ROC Kort,Deventer", "has 4 columns; it needs 5"),
        ("mbo,29XY,,Deventer,AM06", "name is empty"),
        ("mbo,25PZ,Dubbel,Deventer,AM06", "already appears on line 2"),
        # Issue 12, finding 6: the input boundary, per line (a NUL fails on PostgreSQL).
        ("mbo,29XY,ROC\x00Nul,Deventer,AM06", "The field name contains an invisible control"),
        ("mbo,29XY,ROC,Deventer\x1b,AM06", "The field municipality contains an invisible"),
    ],
)
def test_a_bad_row_is_reported_with_its_line_and_nothing_is_written(tmp_path, bad_row, words):
    # The bad row is line 4: header, two good rows, then the bad one, then another good row.
    text = HEADER + "\n".join([GOOD_ROWS[0], GOOD_ROWS[1], bad_row, GOOD_ROWS[2]]) + "\n"
    path = write(tmp_path, text)
    with pytest.raises(CommandError) as raised:
        run(path)
    message = str(raised.value)
    assert f"{path}, line 4: " in message
    assert words in message
    assert raised.value.returncode == 1
    assert not Organisation.objects.exists()


def test_wrong_header_is_reported_on_line_1(tmp_path):
    path = write(tmp_path, "type,code,name,municipality,region\n" + GOOD_ROWS[0] + "\n")
    with pytest.raises(CommandError) as raised:
        run(path)
    assert f"{path}, line 1: The header row must be kind,code,name,municipality,region" in str(
        raised.value
    )
    assert not Organisation.objects.exists()


def test_missing_column_in_the_header_is_reported(tmp_path):
    path = write(tmp_path, "kind,code,name,region\nmbo,25PZ,ROC,AM06\n")
    with pytest.raises(CommandError, match="line 1"):
        run(path)
    assert not Organisation.objects.exists()


def test_every_bad_line_is_listed_and_an_existing_row_is_left_alone(tmp_path):
    Organisation.objects.create(kind="mbo", code="25PZ", name="Old", municipality="")
    text = HEADER + "\n".join(
        [GOOD_ROWS[0], "mbo,XX,Bad,Deventer,AM06", "company,1,Bad,Deventer,AM06"]
    )
    path = write(tmp_path, text)
    with pytest.raises(CommandError) as raised:
        run(path)
    assert f"{path}, line 3: " in str(raised.value)
    assert f"{path}, line 4: " in str(raised.value)
    assert Organisation.objects.get().name == "Old"


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes((HEADER + "mbo,25PZ,ROC Ré,Deventer,AM06\n").encode("latin-1"))
    with pytest.raises(CommandError, match="not UTF-8"):
        run(path)
    assert not Organisation.objects.exists()
