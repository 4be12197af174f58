"""RouteEvent inherits core.models.AuditEvent: `from_status` and `to_status` are
now `from_state` and `to_state` (renamed, rows kept). Its actions were a fixed
set already."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("pathways", "0002_route_year_ordering"),
    ]

    operations = [
        migrations.RenameField(
            model_name="routeevent", old_name="from_status", new_name="from_state"
        ),
        migrations.RenameField(model_name="routeevent", old_name="to_status", new_name="to_state"),
        migrations.AlterField(
            model_name="routeevent",
            name="from_state",
            field=models.CharField(blank=True, max_length=30, verbose_name="from state"),
        ),
        migrations.AlterField(
            model_name="routeevent",
            name="to_state",
            field=models.CharField(blank=True, max_length=30, verbose_name="to state"),
        ),
    ]
