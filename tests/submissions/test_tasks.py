"""Background jobs: validate_version (idempotent) and the periodic re-check."""

import datetime
import json
import tempfile
import time
from pathlib import Path
from unittest import mock

import pytest
from django.utils import timezone

from core import aggregates
from experiments.models import Participation
from notifications.models import Notification
from qualifications.models import ImportRun
from regions.models import Organisation
from regions.services import import_organisations
from rules import context as rules_context
from rules.engine import reference_data_stamp, validate_document
from submissions import tasks, workflow
from submissions.intake import services
from submissions.models import (
    Submission,
    SubmissionEvent,
    SubmissionVersion,
    ValidationChange,
    ValidationJob,
    ValidationReport,
)

from .helpers import WHILE_OPEN, SubmissionTestCase, WorkflowTestCase, as_upload


class ValidateVersionTaskTests(SubmissionTestCase):
    def make_version(self, document):
        submission = Submission.objects.create(
            kind=document["kind"], school=self.school, title="t", created_by=self.alice
        )
        return SubmissionVersion.objects.create(
            submission=submission,
            number=1,
            document=document,
            source_text="{}",
            created_by=self.alice,
        )

    def test_task_options(self):
        task = tasks.validate_version
        assert task.acks_late is True
        assert task.reject_on_worker_lost is True
        assert task.retry_backoff
        from django.db import OperationalError

        assert OperationalError in task.autoretry_for
        # A job of a worker that died is handed out again within minutes, not an hour.
        from config.celery import app

        timeout = app.conf.broker_transport_options["visibility_timeout"]
        assert timeout <= 15 * 60
        # ...but longer than any task may run, or Redis hands out a running job.
        assert timeout > app.conf.task_time_limit

    def test_running_twice_keeps_one_report_and_replaces_it(self):
        version = self.make_version(self.valid())
        assert tasks.validate_version.delay(version.pk).get() is True
        first = ValidationReport.objects.get(version=version)
        # The reference data change between the runs: 25PZ is no longer admitted.
        Participation.objects.filter(school=self.school).update(status="declined")
        assert tasks.validate_version.delay(version.pk).get() is False
        reports = ValidationReport.objects.filter(version=version)
        assert reports.count() == 1
        second = reports.get()
        assert second.pk == first.pk
        assert second.valid is False
        assert second.checked_at >= first.checked_at
        assert [f["rule"] for f in second.findings] == ["RR-07"]
        change = ValidationChange.objects.get(version=version)
        assert [f["rule"] for f in change.appeared] == ["RR-07"]
        assert change.disappeared == []
        assert (change.was_valid, change.is_valid) == (True, False)

    def test_same_result_records_no_change(self):
        version = self.make_version(self.valid())
        tasks.validate_version.delay(version.pk)
        tasks.validate_version.delay(version.pk)
        assert ValidationReport.objects.count() == 1
        assert ValidationChange.objects.count() == 0

    def test_a_deleted_version_is_nothing_to_do(self):
        version = self.make_version(self.valid())
        version_id = version.pk
        version.submission.delete()
        assert tasks.validate_version.delay(version_id).get() is None
        assert ValidationReport.objects.count() == 0

    def test_saving_a_report_takes_a_fixed_number_of_queries(self):
        """The first check in a process: read the version with its submission's
        state, report and job, the reference-data stamp, the rules' reads (REG-01
        reads the region), and one write for the report, alone: a draft's version
        without a job has no job to delete, no lock to take and no transaction to
        open. The stamp is the one `reference_data_stamp` reads."""
        version = self.make_version(self.valid())
        with self.assertNumQueries(11):
            report = services.save_validation_report(version_id=version.pk)
        assert report.reference_data_stamp == reference_data_stamp()
        stored = ValidationReport.objects.get(version=version)
        assert stored.reference_data_stamp == reference_data_stamp()

    def test_a_worker_reads_reference_data_once_not_per_document(self):
        """The next check in the same process reads neither the stamp nor the
        reference data again: the version, and the report's upsert. Its report is
        the one a check without kept reference data makes, with the current stamp."""
        document = self.valid()
        document["electives"][0]["code"] = "K9999"
        first, second = self.make_version(document), self.make_version(document)
        services.save_validation_report(version_id=first.pk)
        with self.assertNumQueries(2):
            report = services.save_validation_report(version_id=second.pk)
        assert report.pk == ValidationReport.objects.get(version=second).pk
        fresh = validate_document(document, submission_id=second.submission_id)
        stored = ValidationReport.objects.get(version=second)
        assert stored.findings == [finding.as_dict() for finding in fresh.findings]
        assert [f["rule"] for f in stored.findings] == ["RR-06"]
        assert stored.valid is False
        assert stored.reference_data_stamp == reference_data_stamp()

    def test_kept_reference_data_is_read_again_when_it_changes(self):
        """A write to a reference table (here without a change of the stamp: a
        bulk update sets no `updated_at`) gives the next check fresh data; a change
        of the stamp (a new organisation) a fresh stamp."""
        first, second = self.make_version(self.valid()), self.make_version(self.valid())
        assert services.save_validation_report(version_id=first.pk).valid is True
        Participation.objects.filter(school=self.school).update(status="declined")
        report = services.save_validation_report(version_id=second.pk)
        assert [f["rule"] for f in report.findings] == ["RR-07"]
        stamp = report.reference_data_stamp
        Organisation.objects.create(kind="company", code="87650001", name="Nieuw bedrijf")
        third = self.make_version(self.valid())
        report = services.save_validation_report(version_id=third.pk)
        assert report.reference_data_stamp != stamp
        assert report.reference_data_stamp == reference_data_stamp()

    def change_participation_behind_our_back(self):
        """As another process, or SQL typed in a database shell: no statement of
        ours, so no table version renewed here."""
        from django.db import connection

        raw = connection.connection.cursor()  # the driver's own: no wrapper sees it
        try:
            school_id = int(self.school.pk)
            raw.execute(
                "UPDATE experiments_participation SET status = 'declined' "  # noqa: S608 - an int
                f"WHERE school_id = {school_id}"
            )
        finally:
            raw.close()

    def test_a_change_made_by_another_process_is_seen(self):
        """What another process changed (its write renewed the table's version in
        the shared cache) is read again."""
        first, second = self.make_version(self.valid()), self.make_version(self.valid())
        assert services.save_validation_report(version_id=first.pk).valid is True
        self.change_participation_behind_our_back()
        aggregates.renew("table:experiments_participation")  # what that process's write did
        report = services.save_validation_report(version_id=second.pk)
        assert [f["rule"] for f in report.findings] == ["RR-07"]

    def test_a_change_no_version_tells_is_seen_after_the_time_limit(self):
        first, second = self.make_version(self.valid()), self.make_version(self.valid())
        assert services.save_validation_report(version_id=first.pk).valid is True
        self.change_participation_behind_our_back()
        # Within REFERENCE_TTL the process still holds what it read …
        assert services.save_validation_report(version_id=second.pk).valid is True
        # … and reads it again once that has passed.
        with mock.patch.object(rules_context, "REFERENCE_TTL", -1):
            report = services.save_validation_report(version_id=second.pk)
        assert [f["rule"] for f in report.findings] == ["RR-07"]

    def checked_in_one_batch(self, versions) -> int:
        """Check `versions` as one batch in a process that keeps nothing yet (an
        organisation written elsewhere renews the table's version); the queries."""
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        aggregates.renew("table:regions_organisation")
        with CaptureQueriesContext(connection) as queries:
            due = [(version.pk, "reference data changed") for version in versions]
            assert services.save_validation_reports(due) == len(versions)
        return len(queries)

    def test_a_batch_reads_the_rows_its_documents_name_at_once(self):
        """Documents naming other companies, qualifications and core tasks: a batch
        reads them in one query per table before its first check, so six documents
        cost only their four more reports over two. Each report is the one a check
        without kept reference data makes."""
        documents = []
        for number in range(6):
            company = Organisation.objects.create(
                kind="company",
                code=f"7000000{number}",
                name=f"Bedrijf {number}",
                region=self.school.region,
            )
            document = self.valid()
            document["regional_section"]["contributors"][1]["organisation"] = company.code
            documents.append(document)
            crossing = self.valid("cross_over")
            crossing["parts"] = crossing["parts"][number % 2 :] + crossing["parts"][: number % 2]
            documents.append(crossing)
        versions = [self.make_version(document) for document in documents]

        two = self.checked_in_one_batch(versions[:4])
        six = self.checked_in_one_batch(versions[4:])
        assert six - two == len(versions[4:]) - len(versions[:4])
        for version, document in zip(versions, documents, strict=True):
            fresh = validate_document(document, submission_id=version.submission_id)
            stored = ValidationReport.objects.get(version=version)
            assert stored.findings == [finding.as_dict() for finding in fresh.findings]

    def test_a_batch_renews_the_reports_table_in_the_page_cache_once(self):
        """Not once per report: one round trip to the cache, when the batch ends."""
        versions = [self.make_version(self.valid()) for _ in range(3)]
        topic = "table:submissions_validationreport"
        with mock.patch.object(aggregates, "renew", wraps=aggregates.renew) as renew:
            services.save_validation_reports([(version.pk, "test") for version in versions])
        assert [call for call in renew.call_args_list if topic in call.args] == [mock.call(topic)]
        assert ValidationReport.objects.filter(version__in=versions).count() == 3

    def test_versions_are_immutable(self):
        version = self.make_version(self.valid())
        version.document = {}
        with self.assertRaises(ValueError):
            version.save()


class RevalidationTests(SubmissionTestCase):
    def upload_as_alice(self, document):
        with self.captureOnCommitCallbacks(execute=True):
            return services.create_submission(
                user=self.alice, data=as_upload(document).read(), today=WHILE_OPEN
            )

    def test_nothing_to_do_when_nothing_changed(self):
        self.upload_as_alice(self.valid())
        assert services.outdated_reports() == []
        assert tasks.revalidate_submissions.delay().get() == 0

    def test_recheck_after_an_organisation_import_moved_a_company(self):
        submission = self.upload_as_alice(self.valid())
        version = submission.versions.get()
        company = self.ref.company
        with tempfile.TemporaryDirectory() as directory:
            csv_file = Path(directory) / "organisations.csv"
            csv_file.write_text(
                "kind,code,name,municipality,region\n"
                f"company,{company.code},{company.name},Tilburg,AM25\n",
                encoding="utf-8",
            )
            # Same number of organisations; only the company's region changes.
            import_organisations(csv_file)

        assert services.outdated_reports() == [(version.pk, "reference data changed")]
        assert tasks.revalidate_submissions.delay().get() == 1
        change = ValidationChange.objects.get(version=version)
        assert [f["rule"] for f in change.appeared] == ["RR-05"]

    def test_recheck_after_the_rules_changed(self):
        """A report made by an earlier version of the rules is checked again:
        an approved submission and an open one, not a withdrawn one. A region
        that was accepted before REG-01 now appears as a ValidationChange."""
        approved = self.upload_as_alice(self.valid("cross_over"))
        Submission.objects.filter(pk=approved.pk).update(state=Submission.State.APPROVED)
        document = self.valid("cross_over")
        document["region"] = "AM77"
        open_one = self.upload_as_alice(document)
        withdrawn = self.upload_as_alice(self.valid())
        Submission.objects.filter(pk=withdrawn.pk).update(state=Submission.State.WITHDRAWN)
        # The reports as the previous rules made them: stamped without a rules
        # version, and without REG-01's finding.
        stamp = reference_data_stamp().split("|", 1)[1]
        ValidationReport.objects.update(reference_data_stamp=stamp)
        old = ValidationReport.objects.get(version__submission=open_one)
        old.findings = [f for f in old.findings if f["rule"] != "REG-01"]
        old.valid = True
        old.save()

        due = services.outdated_reports()
        assert sorted(due) == sorted(
            [
                (approved.versions.get().pk, "rules changed"),
                (open_one.versions.get().pk, "rules changed"),
            ]
        )
        assert tasks.revalidate_submissions.delay().get() == 2
        change = ValidationChange.objects.get(version__submission=open_one)
        assert [f["rule"] for f in change.appeared] == ["REG-01"]
        assert (change.was_valid, change.is_valid, change.reason) == (True, False, "rules changed")
        assert not ValidationChange.objects.filter(version__submission=approved).exists()
        assert services.outdated_reports() == []

    def test_recheck_after_an_import_changed_reference_data(self):
        submission = self.upload_as_alice(self.valid())
        version = submission.versions.get()
        # An import ends intake for the qualification before the programme starts.
        self.ref.helper.end_of_intake = datetime.date(2021, 1, 1)
        self.ref.helper.save()
        ImportRun.objects.create(
            kind=ImportRun.Kind.SBB_XML,
            file_name="zorg.xml",
            status=ImportRun.Status.SUCCEEDED,
            finished_at=timezone.now(),
        )
        assert services.outdated_reports() == [(version.pk, "reference data changed")]
        assert tasks.revalidate_submissions.delay().get() == 1
        report = ValidationReport.objects.get(version=version)
        assert report.valid is False
        change = ValidationChange.objects.get(version=version)
        assert [f["rule"] for f in change.appeared] == ["RR-02"]
        assert change.reason == "reference data changed"
        # Checked now: nothing more to do.
        assert services.outdated_reports() == []

    def test_recheck_when_a_watched_date_has_come(self):
        document = self.valid("cross_over")
        del document["submitted_on"]  # today counts as the submission date
        with self.captureOnCommitCallbacks(execute=True):
            submission = services.create_submission(
                user=self.alice, data=as_upload(document).read(), today=WHILE_OPEN
            )
        version = submission.versions.get()
        report = ValidationReport.objects.get(version=version)
        end = datetime.date(2025, 7, 31)
        # Simulate a check before the experiment's end, then the day it ends.
        services.save_validation_report(version_id=version.pk, today=end - datetime.timedelta(1))
        report.refresh_from_db()
        assert report.valid is True
        assert report.recheck_on == end
        assert services.outdated_reports(today=end - datetime.timedelta(1)) == []
        assert services.outdated_reports(today=end) == [(version.pk, "date 2025-07-31 has come")]
        assert services.revalidate_outdated(today=end) == 1
        report.refresh_from_db()
        assert report.valid is False
        assert report.recheck_on is None
        change = ValidationChange.objects.filter(version=version).first()
        assert [(f["rule"], f["path"]) for f in change.appeared] == [("CO-05", "submitted_on")]

    def test_recheck_when_the_qualifications_end_of_intake_has_come(self):
        """An approved programme is checked again on the day its qualification's
        intake ends (a date RR-02 depends on), and only then."""
        end_of_intake = timezone.localdate() + datetime.timedelta(days=30)
        self.ref.helper.end_of_intake = end_of_intake
        self.ref.helper.save()
        document = self.valid()
        document["start_date"] = (end_of_intake - datetime.timedelta(days=1)).isoformat()
        submission = self.upload_as_alice(document)
        Submission.objects.filter(pk=submission.pk).update(state="approved")
        version = submission.versions.get()
        report = ValidationReport.objects.get(version=version)
        assert report.valid is True
        assert report.recheck_on == end_of_intake
        day_before = end_of_intake - datetime.timedelta(days=1)
        assert services.outdated_reports(today=day_before) == []
        reason = f"date {end_of_intake.isoformat()} has come"
        assert services.outdated_reports(today=end_of_intake) == [(version.pk, reason)]
        assert services.revalidate_outdated(today=end_of_intake) == 1
        report.refresh_from_db()
        assert report.recheck_on is None
        assert services.outdated_reports(today=end_of_intake) == []

    def test_only_latest_version_of_open_and_approved_submissions(self):
        open_one = self.upload_as_alice(self.valid())
        with self.captureOnCommitCallbacks(execute=True):
            services.add_version(
                submission=open_one, user=self.alice, data=as_upload(self.valid()).read()
            )
        approved = self.upload_as_alice(self.valid())
        withdrawn = self.upload_as_alice(self.valid())
        Submission.objects.filter(pk=approved.pk).update(state="approved")
        Submission.objects.filter(pk=withdrawn.pk).update(state="withdrawn")
        ImportRun.objects.create(
            kind=ImportRun.Kind.ELECTIVES_CSV,
            file_name="keuzedelen.csv",
            status=ImportRun.Status.SUCCEEDED,
            finished_at=timezone.now(),
        )
        due = {version_id for version_id, _ in services.outdated_reports()}
        assert due == {
            open_one.versions.get(number=2).pk,
            approved.versions.get(number=1).pk,
        }

    def test_a_version_never_checked_is_checked(self):
        submission = Submission.objects.create(
            kind="regional_programme", school=self.school, title="t", created_by=self.alice
        )
        version = SubmissionVersion.objects.create(
            submission=submission,
            number=1,
            document=self.valid(),
            source_text="{}",
            created_by=self.alice,
        )
        assert services.outdated_reports() == [(version.pk, "not checked yet")]
        assert services.revalidate_outdated() == 1
        assert ValidationReport.objects.get(version=version).valid is True

    def test_the_job_fans_out_in_batches_over_the_workers(self):
        submissions = [self.upload_as_alice(self.valid()) for _ in range(3)]
        ImportRun.objects.create(
            kind=ImportRun.Kind.ELECTIVES_CSV,
            file_name="keuzedelen.csv",
            status=ImportRun.Status.SUCCEEDED,
            finished_at=timezone.now(),
        )
        due = services.outdated_reports()
        assert len(due) == 3
        before = {r.pk: r.checked_at for r in ValidationReport.objects.all()}

        result = tasks.recheck_in_batches(due)
        # One task per batch of RECHECK_BATCH; here all three fit in one.
        assert [task.get() for task in result.results] == [3]
        for submission in submissions:
            report = ValidationReport.objects.get(version__submission=submission)
            assert report.checked_at > before[report.pk]
        assert services.outdated_reports() == []

    def test_batches_split_at_the_batch_size(self):
        due = [(version_id, "reference data changed") for version_id in range(1, 121)]
        result = tasks.recheck_in_batches(due)
        # The versions do not exist: every batch passes them over.
        assert [task.get() for task in result.results] == [0, 0, 0]
        assert len(result.results) == -(-len(due) // tasks.RECHECK_BATCH)

    def test_the_job_is_scheduled(self):
        from django.conf import settings

        tasks_scheduled = [entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()]
        assert "submissions.tasks.revalidate_submissions" in tasks_scheduled


@pytest.mark.django_db(transaction=True)
def test_a_worker_keeps_its_database_connection_between_tasks():
    """In a worker, Celery's Django fixup runs before and after every task; it
    must not close a healthy connection (opening one costs more than a
    validation), but a connection older than CONN_MAX_AGE is closed."""
    from celery.fixups.django import DjangoWorkerFixup
    from django.db import connection

    from config.celery import app, close_old_database_connections, ping
    from conftest import require_service

    require_service(
        connection.vendor == "postgresql",
        "Django never closes an in-memory SQLite database: set DATABASE_URL to PostgreSQL",
    )
    connection.ensure_connection()
    opened = connection.connection
    fixup = DjangoWorkerFixup(app)
    fixup.on_task_prerun(sender=ping)
    close_old_database_connections(task=ping)
    fixup.on_task_postrun(sender=ping)
    close_old_database_connections(task=ping)
    assert connection.connection is opened

    connection.close_at = time.monotonic() - 1  # older than CONN_MAX_AGE
    close_old_database_connections(task=ping)
    assert connection.connection is None


def _parent_pid(stat_path) -> int | None:
    """The parent process id from /proc/<pid>/stat, or None when it is gone."""
    try:
        return int(stat_path.read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_job_of_a_killed_worker_process_is_done_again(tmp_path):
    """acks_late and reject_on_worker_lost, tried for real: the worker process
    running the validation is killed (SIGKILL) while the job waits for a table
    lock; the job goes back to the queue, runs again and stores one report.
    Needs PostgreSQL and Redis (skipped without, failing in CI)."""
    import os
    import signal
    import subprocess
    import sys
    import uuid
    from pathlib import Path

    import psycopg
    from django.conf import settings
    from django.db import connection
    from django.test import override_settings

    from config.celery import app
    from conftest import require_service
    from tests.base import make_user
    from tests.rules.factories import build_reference_data, valid_document
    from tests.services.test_validation_worker import test_database_url

    broker_url = os.environ.get("CELERY_BROKER_URL", "")
    require_service(bool(broker_url), "CELERY_BROKER_URL is not set (no Redis)")
    require_service(connection.vendor == "postgresql", "set DATABASE_URL to PostgreSQL")

    reference = build_reference_data()
    author = make_user("killed-worker-author", reference.mbo)
    document = valid_document("regional_programme")
    submission = Submission.objects.create(
        kind=document["kind"], school=reference.mbo, title="t", created_by=author
    )
    version = SubmissionVersion.objects.create(
        submission=submission, number=1, document=document, source_text="{}", created_by=author
    )

    queue = f"test-killed-{uuid.uuid4().hex}"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    env.update(CELERY_BROKER_URL=broker_url, DATABASE_URL=test_database_url(), CONN_MAX_AGE="0")
    log_path = tmp_path / "worker.log"
    lock = psycopg.connect(test_database_url(), autocommit=False)
    with log_path.open("wb") as log:
        worker = subprocess.Popen(  # noqa: S603 - fixed arguments
            [
                str(Path(sys.executable).with_name("celery")),
                *("-A", "config", "worker", "--pool=prefork", "--concurrency=1"),
                *("--without-gossip", "--without-mingle", "--without-heartbeat"),
                *("--loglevel=INFO", "--queues", queue, "--hostname", f"{queue}@%h"),
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    saved = app.conf.task_always_eager
    try:
        # Hold the report table, so that the job waits inside the worker process.
        lock.execute("LOCK TABLE submissions_validationreport IN ACCESS EXCLUSIVE MODE")
        with override_settings(CELERY_TASK_ALWAYS_EAGER=False):
            app.conf.task_always_eager = False
            tasks.validate_version.apply_async(args=[version.pk], queue=queue)
        waiting_pid = None
        for _ in range(600):
            lock.execute("SELECT pg_stat_clear_snapshot()")  # a fresh view of the sessions
            # Any session of this database waiting for a lock is the worker's: the
            # query text is not compared, PostgreSQL cuts it at 1 kB.
            row = lock.execute(
                "SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                "AND datname = current_database() AND pid <> pg_backend_pid()"
            ).fetchone()
            if row:
                waiting_pid = row[0]
                break
            time.sleep(0.1)
        assert waiting_pid, log_path.read_text(errors="replace")
        children = [  # the worker's pool process (Linux /proc; no procps needed)
            stat.parent.name
            for stat in Path("/proc").glob("[0-9]*/stat")
            if _parent_pid(stat) == worker.pid
        ]
        assert len(children) == 1, children
        os.kill(int(children[0]), signal.SIGKILL)
        time.sleep(1)
        lock.rollback()  # release the table: the job, run again, can finish
        for _ in range(600):
            if ValidationReport.objects.filter(version=version).exists():
                break
            time.sleep(0.1)
        assert ValidationReport.objects.filter(version=version).count() == 1
        assert ValidationReport.objects.get(version=version).valid is True
        # The report is written inside the job; the worker logs its success just after.
        for _ in range(100):
            log_text = log_path.read_text(errors="replace")
            if "succeeded" in log_text:
                break
            time.sleep(0.1)
        assert "WorkerLostError" in log_text
        assert log_text.count("succeeded") == 1
    finally:
        app.conf.task_always_eager = saved
        lock.close()
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(timeout=10)


class RequeueStuckValidationsTests(SubmissionTestCase):
    """The sweep queues again the checks a killed worker left without a report.

    Test cases do not run on-commit callbacks unless asked: an upload without
    them is a check that was queued and never done."""

    def queued_unchecked(self, seconds_ago: int) -> SubmissionVersion:
        submission = services.create_submission(
            user=self.alice, data=json.dumps(self.valid()).encode()
        )
        version = submission.versions.get()
        ValidationJob.objects.filter(version=version).update(
            queued_at=timezone.now() - datetime.timedelta(seconds=seconds_ago)
        )
        return version

    def sweep(self):
        with self.captureOnCommitCallbacks(execute=True):
            return tasks.requeue_stuck_validations.delay().get()

    def test_a_queued_check_is_remembered_until_its_report_is_saved(self):
        version = self.queued_unchecked(0)
        assert ValidationJob.objects.get(version=version).attempts == 1
        tasks.validate_version.delay(version.pk).get()
        assert not ValidationJob.objects.filter(version=version).exists()

    def test_a_stuck_check_is_queued_again_and_done(self):
        stuck = self.queued_unchecked(61)
        recent = self.queued_unchecked(10)
        assert self.sweep() == 1
        assert ValidationReport.objects.get(version=stuck).valid is True
        assert not ValidationJob.objects.filter(version=stuck).exists()
        # Queued ten seconds ago: probably still waiting for a free worker.
        assert not ValidationReport.objects.filter(version=recent).exists()
        assert ValidationJob.objects.get(version=recent).attempts == 1

    def test_a_check_that_never_finishes_is_given_up_after_five_attempts(self):
        version = self.queued_unchecked(61)
        ValidationJob.objects.filter(version=version).update(attempts=5)
        with self.assertLogs("submissions.intake.services", "ERROR") as logs:
            assert self.sweep() == 0
        assert "queued 5 times" in logs.output[0]
        assert not ValidationReport.objects.filter(version=version).exists()
        with self.assertNoLogs("submissions.intake.services", "ERROR"):  # said once
            assert self.sweep() == 0

    def test_administrators_see_the_checks_still_owed(self):
        from django.utils.html import escape

        from accounts.models import Role

        version = self.queued_unchecked(61)
        self.login(self.make_national_user(Role.ADMINISTRATOR))
        response = self.client.get("/admin/submissions/validationjob/")
        assert response.status_code == 200
        self.assertContains(response, escape(str(version)))

    def test_the_sweep_runs_every_minute(self):
        from django.conf import settings

        entry = settings.CELERY_BEAT_SCHEDULE["requeue-stuck-validations"]
        assert entry["task"] == tasks.requeue_stuck_validations.name
        assert entry["schedule"] <= 60
        assert settings.VALIDATION_STUCK_SECONDS <= 60


class TaskRoundTripTests(WorkflowTestCase):
    """What a worker pays per document (issue 5's round trip in `make bench`):
    the statements of `validate_version`, the workflow's moves included."""

    @pytest.fixture(autouse=True)
    def _query_guard(self, django_assert_max_num_queries):
        self.max_queries = django_assert_max_num_queries

    def document_with_findings(self):
        document = self.valid()
        document["region"] = "AM99"  # REG-01
        document["electives"][0]["code"] = "K9999"  # RR-06
        document["regional_section"]["contributors"][1]["organisation"] = "99999999"  # ORG-01
        return document

    def submit(self, submission):
        """Submit; the check it queues is returned, not run."""
        with self.captureOnCommitCallbacks(execute=False):
            return workflow.submit(submission, self.alice)

    def test_a_submitted_version_with_findings_goes_back_to_draft_in_few_statements(self):
        """The version with its submission's state, report and job; the report's
        upsert; the job's delete; the submission locked with its latest version
        number; its move, the event, the author read and notified (and the test
        transaction's savepoints). The stamp and the reference data the rules read
        are those kept from the upload's check. Before: 21 statements."""
        submission = self.uploaded(self.document_with_findings())
        version = self.submit(submission)
        assert ValidationJob.objects.filter(version=version).exists()
        with self.max_queries(10):
            assert tasks.validate_version.delay(version.pk).get() is False
        submission.refresh_from_db()
        assert submission.state == Submission.State.DRAFT
        report = ValidationReport.objects.get(version=version)
        assert sorted(f["rule"] for f in report.findings) == ["ORG-01", "REG-01", "RR-06"]
        assert report.findings == [
            finding.as_dict()
            for finding in validate_document(version.document, submission_id=submission.pk).findings
        ]
        assert not ValidationJob.objects.filter(version=version).exists()
        event = submission.events.order_by("-pk").first()
        assert (event.action, event.from_state, event.to_state, event.version, event.note) == (
            SubmissionEvent.Action.VALIDATION_FAILED,
            Submission.State.SUBMITTED,
            Submission.State.DRAFT,
            version,
            "3",
        )
        notification = Notification.objects.get(kind="submission.validation_failed")
        assert notification.recipient == self.alice
        assert "3" in notification.body

    def test_a_valid_submitted_version_goes_to_review_in_few_statements(self):
        """As above, with the reviewers read for their notification. Before: 23."""
        submission = self.uploaded()
        version = self.submit(submission)
        with self.max_queries(10):
            assert tasks.validate_version.delay(version.pk).get() is True
        submission.refresh_from_db()
        assert submission.state == Submission.State.UNDER_REVIEW
        event = submission.events.order_by("-pk").first()
        assert (event.action, event.from_state, event.to_state) == (
            SubmissionEvent.Action.REVIEW_STARTED,
            Submission.State.SUBMITTED,
            Submission.State.UNDER_REVIEW,
        )
        notified = Notification.objects.filter(kind="submission.submitted")
        assert self.sbb_user in {n.recipient for n in notified}
        assert self.school.code in notified.first().body

    def test_an_older_version_does_not_move_the_submission(self):
        """A check of a version that is no longer the latest leaves the state alone."""
        submission = self.uploaded()
        version = self.submit(submission)
        SubmissionVersion.objects.create(
            submission=submission,
            number=version.number + 1,
            document=version.document,
            source_text="{}",
            created_by=self.alice,
        )
        tasks.validate_version.delay(version.pk).get()
        submission.refresh_from_db()
        assert submission.state == Submission.State.SUBMITTED


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_a_report_is_stored_and_replaced_in_one_statement():
    """As in a worker (autocommit): the first report is inserted, a check again
    with the same findings updates it, and a first report that another run
    stored meanwhile is replaced, never duplicated."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.base import make_personas
    from tests.rules.factories import build_reference_data, valid_document

    personas = make_personas()
    build_reference_data()
    document = valid_document("regional_programme")
    document["electives"][0]["code"] = "K9999"
    submission = Submission.objects.create(
        kind=document["kind"], school=personas.school, title="t", created_by=personas.alice
    )
    first, second = (
        SubmissionVersion.objects.create(
            submission=submission,
            number=number,
            document=document,
            source_text="{}",
            created_by=personas.alice,
        )
        for number in (1, 2)
    )
    assert not connection.in_atomic_block
    stored = services.save_validation_report(version_id=first.pk)
    with CaptureQueriesContext(connection) as statements:
        inserted = services.save_validation_report(version_id=second.pk)
    assert [query["sql"].split()[0] for query in statements.captured_queries] == [
        "SELECT",
        "INSERT",
    ]
    assert inserted.pk == ValidationReport.objects.get(version=second).pk
    with CaptureQueriesContext(connection) as statements:
        updated = services.save_validation_report(version_id=second.pk)
    assert [query["sql"].split()[0] for query in statements.captured_queries] == [
        "SELECT",
        "UPDATE",
    ]
    assert updated.pk == inserted.pk
    report = ValidationReport.objects.get(version=second)
    assert report.checked_at == updated.checked_at > inserted.checked_at
    assert [f["rule"] for f in report.findings] == ["RR-06"]
    assert ValidationChange.objects.count() == 0

    # Another run stored the first report of `first` after this one read none.
    late = ValidationReport(version=first, valid=True, findings=[], reference_data_stamp="x")
    late.checked_at = timezone.now()
    services._store_report(late, previous=None)
    assert ValidationReport.objects.filter(version=first).count() == 1
    replaced = ValidationReport.objects.get(version=first)
    assert replaced.pk == stored.pk == late.pk
    assert (replaced.valid, replaced.findings, replaced.reference_data_stamp) == (True, [], "x")


def _programme_versions(*states) -> list[SubmissionVersion]:
    """For tests outside a test transaction: the personas, the reference data, and
    a valid regional programme's first version in a submission of each state."""
    from tests.base import make_personas
    from tests.rules.factories import build_reference_data, valid_document

    personas = make_personas()
    build_reference_data()
    return [
        SubmissionVersion.objects.create(
            submission=Submission.objects.create(
                kind="regional_programme",
                school=personas.school,
                title="t",
                created_by=personas.alice,
                state=state,
            ),
            number=1,
            document=valid_document("regional_programme"),
            source_text="{}",
            created_by=personas.alice,
        )
        for state in states
    ]


@pytest.mark.django_db(transaction=True)
def test_a_version_deleted_while_its_batch_is_checked_is_passed_over():
    """As in a worker (autocommit): versions read with their batch and deleted
    before their turn (one with a report to replace, one without) are passed over,
    the others checked."""
    versions = _programme_versions(*[Submission.State.DRAFT] * 3)
    first, checked_before, never_checked = versions
    services.save_validation_report(version_id=checked_before.pk)
    check = services.validate_document

    def delete_the_others_first(document, **kwargs):
        Submission.objects.exclude(versions=first).delete()
        return check(document, **kwargs)

    due = [(version.pk, "reference data changed") for version in versions]
    with mock.patch.object(services, "validate_document", delete_the_others_first):
        assert services.save_validation_reports(due) == 1
    assert list(ValidationReport.objects.values_list("version", flat=True)) == [first.pk]
    assert never_checked.pk not in SubmissionVersion.objects.values_list("pk", flat=True)


@pytest.mark.django_db(transaction=True)
def test_a_batchs_reports_do_not_wait_for_the_disk_but_a_move_of_the_workflow_does():
    """On PostgreSQL, as in a worker: while a batch is checked its connection
    commits without waiting for the disk; a submitted version's move to review
    waits as always, and after the batch the connection is as before."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from conftest import require_service

    require_service(connection.vendor == "postgresql", "set DATABASE_URL to PostgreSQL")
    versions = _programme_versions(Submission.State.DRAFT, Submission.State.SUBMITTED)
    draft, submitted = versions
    ValidationJob.objects.create(version=submitted, queued_at=timezone.now())
    # The draft was checked before with a finding it no longer has: a change recorded
    # (as after a reference-data change), which need not wait for the disk.
    services.save_validation_report(version_id=draft.pk)
    ValidationReport.objects.filter(version=draft).update(
        valid=False, findings=[{"rule": "RR-06", "path": "electives[0].code", "text": "gone"}]
    )

    def setting():
        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            return cursor.fetchone()[0]

    during = []
    check = services.validate_document

    def check_and_look(document, **kwargs):
        during.append(setting())
        return check(document, **kwargs)

    due = [(draft.pk, "not checked yet"), (submitted.pk, "not checked yet")]
    with (
        mock.patch.object(services, "validate_document", check_and_look),
        CaptureQueriesContext(connection) as statements,
    ):
        assert services.save_validation_reports(due) == 2
    assert during == ["off", "off"]
    assert setting() == "on"
    sql = [query["sql"] for query in statements.captured_queries]
    move = next(
        i for i, text in enumerate(sql) if text.startswith('UPDATE "submissions_submission"')
    )
    assert "SET LOCAL synchronous_commit TO on" in sql[:move]
    assert sql.count("SET LOCAL synchronous_commit TO on") == 1  # not for the draft's change
    assert Submission.objects.get(pk=submitted.submission_id).state == Submission.State.UNDER_REVIEW
    assert ValidationChange.objects.get(version=draft).disappeared[0]["text"] == "gone"
    assert ValidationReport.objects.filter(version__in=versions).count() == 2
