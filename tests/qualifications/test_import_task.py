"""The Celery task that runs a queued import (eager in tests, as without a broker)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from qualifications.models import ElectiveModule, ImportRun, QualificationFile
from qualifications.services import queue_import, stored_import_path
from qualifications.tasks import run_import

from .factories import dump_tables, expected_from_xml, sample_paths

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def queued_run(name: str, content: bytes, kind=ImportRun.Kind.SBB_XML) -> ImportRun:
    """A queued run with its file stored, as the upload view leaves it (task not yet run)."""
    run = ImportRun.objects.create(kind=kind, file_name=name)
    path = stored_import_path(run)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return run


def test_task_imports_a_queued_sbb_file(media_root):
    path = sample_paths()[0]
    run = queued_run(path.name, path.read_bytes())
    assert stored_import_path(run).is_relative_to(media_root / "imports")

    assert run_import.delay(run.pk).get() == ImportRun.Status.SUCCEEDED

    run.refresh_from_db()
    assert run.status == ImportRun.Status.SUCCEEDED and run.progress == 100
    assert run.finished_at is not None
    assert run.added == len([c for c in run.changes if c["action"] == "added"]) > 0
    assert QualificationFile.objects.filter(crebo=expected_from_xml(path)["crebo"]).exists()


def test_task_imports_a_keuzedelen_csv():
    run = queued_run("k.csv", b"K0001,Titel,2,240,no\n", ImportRun.Kind.ELECTIVES_CSV)
    run_import.delay(run.pk)
    run.refresh_from_db()
    assert run.status == ImportRun.Status.SUCCEEDED
    assert ElectiveModule.objects.get().code == "K0001"


def test_task_marks_bad_file_failed_and_writes_nothing():
    before = dump_tables()
    run = queued_run("bad.xml", b"<sbb>")
    assert run_import.delay(run.pk).get() == ImportRun.Status.FAILED
    run.refresh_from_db()
    assert run.error.startswith("bad.xml, regel ")
    assert dump_tables() == before


def test_task_with_missing_file_fails_with_a_sentence():
    run = ImportRun.objects.create(kind=ImportRun.Kind.SBB_XML, file_name="gone.xml")
    run_import.delay(run.pk)
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED
    assert run.error.startswith("gone.xml: het bestand kan niet worden gelezen")


def test_queue_import_stores_the_upload_and_runs_it(django_user_model):
    path = sample_paths()[1]
    upload = SimpleUploadedFile("../../evil name.xml", path.read_bytes())
    run = queue_import(upload, ImportRun.Kind.SBB_XML, started_by=None)
    run.refresh_from_db()
    assert run.file_name == "evil name.xml"
    stored = stored_import_path(run)
    assert stored.name == f"{run.pk}-evil_name.xml"
    assert stored.read_bytes() == path.read_bytes()
    assert run.status == ImportRun.Status.SUCCEEDED
