"""The three experiments with their parameters, taken from the seed documents."""

import datetime
from decimal import Decimal

from django.db import migrations

EXPERIMENTS = [
    {
        "slug": "ruimte-voor-de-regio",
        "name": "Ruimte voor de regio",
        "kind": "regional_programme",
        "max_schools": 15,
        "first_cohort": "2019/20",
        "max_first_cohort": 5,
        "start_date": datetime.date(2019, 8, 1),
        "source": '000 "A maximum of fifteen schools can participate … five schools … ten more schools"',
    },
    {
        "slug": "cross-overs",
        "name": "Cross-overs",
        "kind": "cross_over",
        "end_date": datetime.date(2025, 7, 31),
        "source": '004 Bijlage 1 "Op 31 juli 2025 loopt het experiment af"',
    },
    {
        "slug": "pilot-praktijkgerichte-programmas",
        "name": "Pilot praktijkgerichte programma's",
        "kind": "practice_programme",
        "start_date": datetime.date(2020, 12, 15),
        "end_date": datetime.date(2024, 7, 31),
        "max_budget_eur": Decimal("162000"),
        "max_programmes_per_school": 1,
        "programme_hours": 320,
        "allowed_themes": ["T&T", "Z&W", "D&P", "E&O", "IT", "HBR", "Groen", "techniek-GL"],
        "source": '003 "maximaal 162 000 euro om één praktijkgericht programma"; "320 uur"',
    },
]


def create_experiments(apps, schema_editor):
    Experiment = apps.get_model("experiments", "Experiment")
    for values in EXPERIMENTS:
        values = dict(values)
        Experiment.objects.update_or_create(slug=values.pop("slug"), defaults=values)


def remove_experiments(apps, schema_editor):
    Experiment = apps.get_model("experiments", "Experiment")
    Experiment.objects.filter(slug__in=[e["slug"] for e in EXPERIMENTS]).delete()


class Migration(migrations.Migration):
    dependencies = [("experiments", "0001_initial")]

    operations = [migrations.RunPython(create_experiments, remove_experiments)]
