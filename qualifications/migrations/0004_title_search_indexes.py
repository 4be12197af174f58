"""GIN indexes for full-text search on the normalised titles (PostgreSQL only).

The index expression is `qualifications.text.title_vector()`, the one the
dossier search filters on, so PostgreSQL can use it. SQLite searches by
substring and gets no index.
"""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

from qualifications.text import title_vector

MODELS = ["QualificationFile", "Qualification", "CoreTask", "WorkProcess"]


def index_for(model_name: str) -> GinIndex:
    return GinIndex(title_vector(), name=f"{model_name.lower()[:16]}_title_fts")


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in MODELS:
        schema_editor.add_index(apps.get_model("qualifications", name), index_for(name))


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in MODELS:
        schema_editor.remove_index(apps.get_model("qualifications", name), index_for(name))


class Migration(migrations.Migration):
    dependencies = [("qualifications", "0003_profile_additions")]

    operations = [migrations.RunPython(add_indexes, remove_indexes)]
