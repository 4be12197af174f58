"""The demo statement (statements.demo): issued through the rules, idempotent,
skipped when the demo school, its author or the qualification is missing."""

import io

from django.conf import settings
from django.core.management import call_command
from django.test import TestCase

from portal.demo import load_demo_accounts
from regions.demo import load_demo_organisations
from rules.engine import validate_document
from statements.demo import load_demo_statements
from statements.models import PracticeStatement
from statements.services import as_document


class DemoStatementTests(TestCase):
    def test_nothing_happens_without_the_demo_data(self):
        self.assertEqual(load_demo_statements(), 0)
        self.assertFalse(PracticeStatement.objects.exists())

    def test_one_valid_statement_loaded_once(self):
        call_command("import_regions", stdout=io.StringIO())
        load_demo_organisations()
        sbb_files = sorted(str(path) for path in (settings.DATA_DIR / "sbb").glob("*.xml"))
        call_command("import_sbb", *sbb_files, stdout=io.StringIO())
        load_demo_accounts()
        self.assertEqual(load_demo_statements(), 1)
        self.assertEqual(load_demo_statements(), 1)
        statement = PracticeStatement.objects.get()
        self.assertTrue(statement.is_demo)
        self.assertEqual(statement.school.code, "99XA")
        self.assertGreaterEqual(len(statement.work_processes), 1)
        report = validate_document(as_document(statement))
        self.assertTrue(report.valid, [f.as_dict() for f in report.findings])
