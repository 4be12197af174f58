"""SubmissionEvent inherits core.models.AuditEvent: `created_at` is now `at` and
`detail` is `note` (renamed, rows kept), and its action is one of a fixed set.
Every action written so far is already one of that set, so no row changes."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("submissions", "0004_merge_0003_inspectorate_called_in_0003_validation_job"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="submissionevent",
            name="submissions_submiss_cb17c9_idx",
        ),
        migrations.RenameField(model_name="submissionevent", old_name="created_at", new_name="at"),
        migrations.RenameField(model_name="submissionevent", old_name="detail", new_name="note"),
        migrations.AlterModelOptions(
            name="submissionevent",
            options={
                "ordering": ["at", "pk"],
                "verbose_name": "submission event",
                "verbose_name_plural": "submission events",
            },
        ),
        migrations.AlterField(
            model_name="submissionevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("created", "created"),
                    ("uploaded", "document uploaded"),
                    ("saved", "draft saved"),
                    ("submitted", "submitted"),
                    ("validation_failed", "back to draft: the document does not meet the rules"),
                    ("review_started", "meets the rules: review started"),
                    ("comment", "comment"),
                    ("inspectorate_called_in", "Inspectorate called in"),
                    ("changes_requested", "changes requested"),
                    ("approved", "approved"),
                    ("rejected", "rejected"),
                    ("withdrawn", "withdrawn"),
                ],
                max_length=40,
                verbose_name="action",
            ),
        ),
        migrations.AlterField(
            model_name="submissionevent",
            name="from_state",
            field=models.CharField(blank=True, max_length=30, verbose_name="from state"),
        ),
        migrations.AlterField(
            model_name="submissionevent",
            name="note",
            field=models.TextField(blank=True, verbose_name="note"),
        ),
        migrations.AlterField(
            model_name="submissionevent",
            name="to_state",
            field=models.CharField(blank=True, max_length=30, verbose_name="to state"),
        ),
        migrations.AddIndex(
            model_name="submissionevent",
            index=models.Index(fields=["submission", "at"], name="submissions_submiss_cb17c9_idx"),
        ),
    ]
