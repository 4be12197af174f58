"""Celery tasks of the qualifications app: imports started from the browser."""

import logging

from celery import shared_task
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from .certificate_import import import_certificates_csv
from .models import ImportRun
from .sbb_xml import ImportFailed
from .services import (
    fail_import_run,
    import_electives_csv,
    import_sbb_file,
    stored_import_path,
)

logger = logging.getLogger(__name__)


@shared_task(name="qualifications.run_import")
def run_import(import_run_id: int, language: str | None = None) -> str:
    """Run the queued import `import_run_id`; the outcome is saved on the ImportRun.

    Error sentences are written in `language` (the uploader's), by default Dutch.
    """
    with translation.override(language or settings.LANGUAGE_CODE):
        return _run_import(import_run_id)


def _run_import(import_run_id: int) -> str:
    run = ImportRun.objects.select_related("started_by").get(pk=import_run_id)
    importer = {
        ImportRun.Kind.SBB_XML: import_sbb_file,
        ImportRun.Kind.ELECTIVES_CSV: import_electives_csv,
        ImportRun.Kind.CERTIFICATES_CSV: import_certificates_csv,
    }[run.kind]
    try:
        importer(stored_import_path(run), started_by=run.started_by, import_run=run)
    except ImportFailed:
        pass  # the importer saved the sentence on the run
    except Exception:
        logger.exception("Import %s failed unexpectedly", import_run_id)
        fail_import_run(
            run,
            _("%(file)s: the import stopped because of an unexpected error.")
            % {"file": run.file_name},
        )
    return ImportRun.objects.values_list("status", flat=True).get(pk=import_run_id)
