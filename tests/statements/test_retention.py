"""Retention: the names are removed N years after the learning period ended."""

import datetime
from io import StringIO

from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from statements.models import PracticeStatement
from statements.services import anonymise_expired
from statements.tasks import anonymise_expired_statements

from .factories import StatementFactory
from .helpers import StatementTestCase


class RetentionTests(StatementTestCase):
    def test_names_removed_the_day_after_ten_years(self):
        ended = datetime.date(2016, 6, 30)
        statement = StatementFactory(period_start=datetime.date(2016, 2, 1), period_end=ended)
        kept = anonymise_expired(today=datetime.date(2026, 6, 30), years=10)
        self.assertEqual(kept, 0)
        statement.refresh_from_db()
        self.assertNotEqual(statement.learner_name, "")
        self.assertEqual(anonymise_expired(today=datetime.date(2026, 7, 1), years=10), 1)
        statement.refresh_from_db()
        self.assertEqual((statement.learner_name, statement.trainer), ("", ""))
        self.assertIsNotNone(statement.anonymised_at)
        # The rest stays: the code still verifies what was learned, without the name.
        response = self.client.get(reverse("statements:verify", args=[statement.code]))
        self.assertContains(response, "naam verwijderd na de bewaartermijn")
        self.assertContains(response, "B1-K1-W2")
        # Running again changes nothing.
        self.assertEqual(anonymise_expired(today=datetime.date(2026, 7, 1), years=10), 0)

    @override_settings(STATEMENTS_RETENTION_YEARS=2)
    def test_command_and_task_use_the_setting(self):
        recent = StatementFactory()  # period ended 30 June 2026
        old = StatementFactory(
            period_start=datetime.date(2020, 1, 1), period_end=datetime.date(2020, 6, 30)
        )
        out = StringIO()
        call_command("anonymise_statements", stdout=out)
        self.assertIn("1", out.getvalue())
        self.assertEqual(PracticeStatement.objects.get(pk=old.pk).learner_name, "")
        self.assertNotEqual(PracticeStatement.objects.get(pk=recent.pk).learner_name, "")
        self.assertEqual(anonymise_expired_statements(), 0)
