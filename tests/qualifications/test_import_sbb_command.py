"""manage.py import_sbb: the samples, idempotency, in-place updates and bad input."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command, execute_from_command_line
from django.test import override_settings
from django.utils import translation

from qualifications.models import (
    CoreTask,
    Domain,
    ImportRun,
    KnowledgeSkill,
    Qualification,
    QualificationFile,
    WorkProcess,
)
from qualifications.services import import_sbb_file

from .factories import (  # noqa: F401 (in_english is a fixture)
    dump_tables,
    expected_from_xml,
    in_english,
    minimal_sbb,
    parse_trusted,
    sample_paths,
    write,
)

# transaction=True: the command closes the database connection when it ends, as
# manage.py does; inside a test transaction that would break the test on PostgreSQL.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("in_english")]


def run_command(capsys, *paths) -> tuple[int, str, str]:
    """Run the command as from the shell; return (exit status, stdout, stderr)."""
    status = 0
    try:
        execute_from_command_line(["manage.py", "import_sbb", *map(str, paths)])
    except SystemExit as exit_:
        status = exit_.code
    out, err = capsys.readouterr()
    return status, out, err


def test_samples_are_imported_exactly(capsys):
    status, out, _ = run_command(capsys, *sample_paths())
    assert status == 0
    for path in sample_paths():
        expected = expected_from_xml(path)
        assert f"{path.name}: " in out
        file = QualificationFile.objects.get(crebo=expected["crebo"])
        assert (file.number, file.title, file.status) == (
            expected["number"],
            expected["title"],
            expected["status"],
        )
        assert file.domain.number == expected["domain"]
        assert file.valid_from == expected["valid_from"]
        assert file.end_of_intake == expected["end_of_intake"]
        basis = CoreTask.objects.filter(file=file, qualification=None)
        assert {
            task.code: list(task.work_processes.order_by("position").values_list("code", flat=True))
            for task in basis
        } == expected["basis"]
        assert set(file.qualifications.values_list("crebo", flat=True)) == set(expected["profiles"])
        for qualification in file.qualifications.all():
            wanted = expected["profiles"][qualification.crebo]
            assert qualification.chapter == wanted["chapter"]
            assert qualification.level == wanted["level"]
            assert qualification.study_load_hours == wanted["sbu"]
            assert qualification.programme_kind == wanted["kind"]
            assert qualification.valid_from == wanted["valid_from"]
            assert qualification.sbb_id == wanted["sbb_id"]
            assert {
                task.code: list(
                    task.work_processes.order_by("position").values_list("code", flat=True)
                )
                for task in qualification.core_tasks.all()
            } == wanted["core_tasks"]


def test_knowledge_and_skills_follow_the_references():
    path = sample_paths()[0]
    import_sbb_file(path)
    dossier = parse_trusted(path).getroot().find("dossiers/dossier")
    texts = {
        item.get("nr"): " ".join(item.get("titel").split())
        for item in dossier.findall("kennisenvaardigheden/kennisofvaardigheid")
    }
    for element in dossier.iter("kerntaak"):
        references = [
            ref.get("referentie")
            for ref in element.findall("vakkennisenvaardigheden/vakkennisenvaardigheden")
        ]
        task = CoreTask.objects.get(sbb_id=element.get("nr"))
        stored = list(task.knowledge_skills.order_by("position").values_list("sbb_id", "text"))
        assert stored == [(ref, texts[ref]) for ref in dict.fromkeys(references)]


def test_second_run_changes_nothing(capsys):
    run_command(capsys, *sample_paths())
    before = dump_tables()
    status, out, _ = run_command(capsys, *sample_paths())
    assert status == 0
    assert dump_tables() == before
    assert out.count("no changes") == 3
    last_runs = ImportRun.objects.order_by("-pk")[:3]
    assert all(run.added == 0 and run.changed == 0 and run.unchanged > 0 for run in last_runs)


def test_newer_version_updates_in_place_and_records_the_change(tmp_path):
    path = sample_paths()[1]
    import_sbb_file(path)
    expected = expected_from_xml(path)
    pks = {
        "files": set(QualificationFile.objects.values_list("pk", flat=True)),
        "profiles": set(Qualification.objects.values_list("pk", flat=True)),
        "tasks": set(CoreTask.objects.values_list("pk", flat=True)),
        "processes": set(WorkProcess.objects.values_list("pk", flat=True)),
    }
    tree = parse_trusted(path)
    dossier = tree.getroot().find("dossiers/dossier")
    dossier.set("versie", "2")
    dossier.find("dossiercrebos/dossiercrebo").set("Datum_einde_instroom", "01-08-2027")
    task = dossier.find("basis/basistaken/basiskerntaken/kerntaak")
    old_title = task.get("titel")
    task.set("titel", "Nieuwe titel van de kerntaak")
    newer = tmp_path / "newer.xml"
    tree.write(newer, encoding="utf-8", xml_declaration=True)

    result = import_sbb_file(newer)

    assert result.changed == 2 and result.added == 0
    assert set(QualificationFile.objects.values_list("pk", flat=True)) == pks["files"]
    assert set(Qualification.objects.values_list("pk", flat=True)) == pks["profiles"]
    assert set(CoreTask.objects.values_list("pk", flat=True)) == pks["tasks"]
    assert set(WorkProcess.objects.values_list("pk", flat=True)) == pks["processes"]
    updated = CoreTask.objects.get(sbb_id=task.get("nr"))
    assert updated.title == "Nieuwe titel van de kerntaak"
    assert updated.normalized_title == "nieuwe titel van de kerntaak"
    file = QualificationFile.objects.get(crebo=expected["crebo"])
    assert file.version == "2"
    assert str(file.end_of_intake) == "2027-08-01"
    changes = ImportRun.objects.get(pk=result.import_run.pk).changes
    assert {
        "action": "changed",
        "object": f"{expected['crebo']} {updated.code}",
        "field": "title",
        "old": " ".join(old_title.split()),
        "new": "Nieuwe titel van de kerntaak",
    } in changes
    # The dossier is named by its title with its crebo beside it.
    dossier = f"dossier {file.title} ({expected['crebo']})"
    assert {c["field"] for c in changes if c.get("object") == dossier} >= {
        "version",
        "end_of_intake",
    }


def test_dropped_work_process_is_removed_and_recorded(tmp_path):
    import_sbb_file(sample_paths()[2])
    tree = parse_trusted(sample_paths()[2])
    processes = tree.getroot().find(
        "dossiers/dossier/basis/basistaken/basiskerntaken/kerntaak/basiswerkprocessen"
    )
    dropped = processes.findall("werkproces")[-1]
    processes.remove(dropped)
    newer = tmp_path / "newer.xml"
    tree.write(newer, encoding="utf-8", xml_declaration=True)

    result = import_sbb_file(newer)

    assert not WorkProcess.objects.filter(sbb_id=dropped.get("nr")).exists()
    assert result.changed == 1
    assert [c["action"] for c in result.changes if c["action"] != "changed"] == ["removed"]


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<sbb>&lol3;</sbb>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE sbb [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<sbb>&xxe;</sbb>
"""

BAD_FILES = {
    "not-xml": ("this is not XML at all", "not well-formed XML"),
    "other-root": (minimal_sbb(root="catalogue"), "root element is <catalogue>"),
    "missing-crebo": (minimal_sbb(crebo=""), "has no crebo"),
    "unknown-domain": (minimal_sbb(domain="1234"), "domain 1234"),
    "billion-laughs": (BILLION_LAUGHS, "not allowed"),
    "external-entity": (EXTERNAL_ENTITY, "not allowed"),
}


@pytest.mark.parametrize("kind", BAD_FILES)
def test_bad_input_exits_1_with_one_sentence_and_changes_nothing(kind, tmp_path, capsys):
    import_sbb_file(sample_paths()[0])
    runs = ImportRun.objects.count()
    before = dump_tables()
    content, reason = BAD_FILES[kind]
    path = write(tmp_path, f"{kind}.xml", content)

    status, out, err = run_command(capsys, path)

    assert status == 1
    message = err.strip()
    assert f"{kind}.xml, line " in message
    assert reason in message
    assert message.count("\n") == 0 and message.endswith(".")
    assert "passwd" not in out and "root:" not in message
    assert dump_tables() == before
    assert ImportRun.objects.count() == runs


def test_oversize_file_is_refused_before_parsing(tmp_path, capsys):
    path = write(tmp_path, "big.xml", minimal_sbb())
    with override_settings(SBB_IMPORT_MAX_BYTES=path.stat().st_size - 1):
        status, _, err = run_command(capsys, path)
    assert status == 1
    assert "big.xml" in err and "limit" in err
    assert not QualificationFile.objects.exists()
    with override_settings(SBB_IMPORT_MAX_BYTES=path.stat().st_size):
        status, _, _ = run_command(capsys, path)
    assert status == 0
    assert QualificationFile.objects.filter(crebo="29999").exists()


def test_late_failure_rolls_back_everything_of_the_file(tmp_path, capsys):
    """A new domain is written first, then a profile crebo clash fails: nothing stays."""
    import_sbb_file(sample_paths()[0])
    before = dump_tables()
    taken = Qualification.objects.first().crebo
    content = minimal_sbb().replace(
        '<domein nr="4135"', '<domein nr="9999" titel="Nieuw domein" crebo="" /><domein nr="4135"'
    )
    content = content.replace(">29998<", f">{taken}<")
    path = write(tmp_path, "clash.xml", content)

    status, _, err = run_command(capsys, path)

    assert status == 1
    assert f"profile crebo {taken}" in err
    assert not Domain.objects.filter(number="9999").exists()
    assert dump_tables() == before


def test_certificates_of_a_profile_are_stored(tmp_path):
    certificates = '<certificaat nr="300" titel="Certificaat profieltaak" referentie="210" />'
    import_sbb_file(write(tmp_path, "c.xml", minimal_sbb(certificates=certificates)))
    profile = Qualification.objects.get(crebo="29998")
    certificate = profile.certificates.get()
    assert certificate.title == "Certificaat profieltaak"
    assert certificate.core_task.sbb_id == "210"
    assert KnowledgeSkill.objects.filter(core_task__file=profile.file).count() == 1


def test_call_command_prints_counts(capsys):
    call_command("import_sbb", str(sample_paths()[2]))
    out = capsys.readouterr().out
    result_run = ImportRun.objects.get()
    assert out.strip() == (
        f"{sample_paths()[2].name}: {result_run.added} added, 0 changed, {result_run.unchanged} "
        "unchanged"
    )
    assert result_run.added == len(result_run.changes) > 0


def test_messages_are_dutch_by_default(tmp_path, capsys):
    content = minimal_sbb(crebo="")
    line = content.splitlines().index("      <dossiercrebos>") + 1
    path = write(tmp_path, "geen-crebo.xml", content)
    with translation.override(settings.LANGUAGE_CODE):
        status, _, err = run_command(capsys, path)
        assert status == 1
        assert f"geen-crebo.xml, regel {line}: het dossier heeft geen crebocode." in err
        status, out, _ = run_command(capsys, sample_paths()[2])
        assert status == 0
        assert " toegevoegd, 0 gewijzigd, " in out


def _newer_version(path, tmp_path, change) -> Path:
    """A copy of `path` changed by `change(dossier element)`."""
    tree = parse_trusted(path)
    change(tree.getroot().find("dossiers/dossier"))
    newer = tmp_path / f"newer-{path.name}"
    tree.write(newer, encoding="utf-8", xml_declaration=True)
    return newer


def test_renumbered_core_tasks_keep_their_rows(tmp_path):
    """Two basis core tasks swap chapters: matched by SBB id, their codes swap in place."""
    path = sample_paths()[0]
    import_sbb_file(path)
    basis = (
        parse_trusted(path)
        .getroot()
        .findall("dossiers/dossier/basis/basistaken/basiskerntaken/kerntaak")
    )
    assert len(basis) >= 2, "the sample needs two basis core tasks"
    first, second = basis[0].get("nr"), basis[1].get("nr")
    before = {task.sbb_id: (task.pk, task.code) for task in CoreTask.objects.all()}
    processes_before = dict(WorkProcess.objects.values_list("sbb_id", "pk"))

    def swap(dossier):
        tasks = dossier.findall("basis/basistaken/basiskerntaken/kerntaak")
        one, two = tasks[0].get("hoofdstuk"), tasks[1].get("hoofdstuk")
        tasks[0].set("hoofdstuk", two)
        tasks[1].set("hoofdstuk", one)

    result = import_sbb_file(_newer_version(path, tmp_path, swap))

    after = {task.sbb_id: (task.pk, task.code) for task in CoreTask.objects.all()}
    assert after[first] == (before[first][0], before[second][1])
    assert after[second] == (before[second][0], before[first][1])
    assert dict(WorkProcess.objects.values_list("sbb_id", "pk")) == processes_before
    first_process = WorkProcess.objects.filter(core_task__sbb_id=first).first()
    assert first_process.code.startswith(before[second][1] + "-W")
    assert {"action": "changed", "field": "code"}.items() <= next(
        c for c in result.changes if c.get("field") == "code"
    ).items()


def test_new_sbb_ids_with_the_same_codes_keep_their_rows(tmp_path):
    path = sample_paths()[1]
    import_sbb_file(path)
    before = dict(CoreTask.objects.values_list("code", "pk"))

    def new_ids(dossier):
        for task in dossier.iter("kerntaak"):
            task.set("nr", "7" + task.get("nr"))

    result = import_sbb_file(_newer_version(path, tmp_path, new_ids))

    assert dict(CoreTask.objects.values_list("code", "pk")) == before
    assert all(
        sbb_id.startswith("7") for sbb_id in CoreTask.objects.values_list("sbb_id", flat=True)
    )
    assert result.added == 0
    assert result.changed == len(before)


def test_dropped_profile_is_removed_with_its_parts(tmp_path):
    path = sample_paths()[0]
    import_sbb_file(path)
    dropped = {}

    def drop_last_profile(dossier):
        profiles = dossier.find("profielen")
        last = profiles.findall("profiel")[-1]
        dropped["crebo"] = last.find("creboinformatie/crebo").text.strip()
        dropped["title"] = Qualification.objects.get(crebo=dropped["crebo"]).title
        profiles.remove(last)

    result = import_sbb_file(_newer_version(path, tmp_path, drop_last_profile))

    assert not Qualification.objects.filter(crebo=dropped["crebo"]).exists()
    assert not CoreTask.objects.filter(code__startswith="P", qualification=None).exists()
    removed = [c["object"] for c in result.changes if c["action"] == "removed"]
    # Named by its title with its crebo beside it.
    assert f"profile {dropped['title']} ({dropped['crebo']})" in removed
    assert result.added == 0


def test_duplicate_sbb_id_is_refused(tmp_path, capsys):
    content = minimal_sbb().replace('<werkproces nr="211"', '<werkproces nr="101"')
    status, _, err = run_command(capsys, write(tmp_path, "dup.xml", content))
    assert status == 1
    assert "the SBB id 101 is used by more than one" in err
    assert not QualificationFile.objects.exists()


def test_queries_per_file_do_not_grow_with_rows(django_assert_max_num_queries):
    """Existing rows are read once per file and written in bulk: no query per row."""
    for path in sample_paths():
        root = parse_trusted(path).getroot()
        rows = len(root.findall(".//werkproces")) + len(root.findall(".//kerntaak"))
        rows += len(root.findall(".//kerntaak/vakkennisenvaardigheden/vakkennisenvaardigheden"))
        assert rows > 25  # so a query per row would break the bound below
        with django_assert_max_num_queries(25):
            import_sbb_file(path)
    for path in sample_paths():
        with django_assert_max_num_queries(15):
            import_sbb_file(path)
