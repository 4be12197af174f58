"""Full-text search of the dossiers on PostgreSQL: Dutch stemming, stop words, GIN indexes.

These run on PostgreSQL (CI); on SQLite the search matches parts of titles instead."""

import pytest
from django.db import connection

from conftest import require_service
from qualifications.selectors import search_dossiers

from .factories import CoreTaskFactory, QualificationFileFactory, WorkProcessFactory

pytestmark = pytest.mark.django_db


def require_postgresql():
    require_service(connection.vendor == "postgresql", "full-text search needs PostgreSQL")


def crebos(query: str) -> set[str]:
    return set(search_dossiers(query=query).values_list("crebo", flat=True))


def test_a_word_finds_its_other_forms():
    require_postgresql()
    dossier = QualificationFileFactory(title="Pedagogisch medewerker")
    work = WorkProcessFactory(title="Begeleidt kinderen bij het spel").core_task.file
    QualificationFileFactory(title="Logistiek")

    assert crebos("medewerkers") == {dossier.crebo}
    assert crebos("begeleiden kind") == {work.crebo}


def test_a_stop_word_does_not_narrow_the_search():
    require_postgresql()
    dossier = QualificationFileFactory(title="Zorg en welzijn")
    CoreTaskFactory(file=dossier, title="Ondersteunt cliënten")
    other = QualificationFileFactory(title="Techniek")

    assert crebos("zorg en") == {dossier.crebo}
    assert crebos("clienten") == {dossier.crebo}
    assert crebos("en") == {dossier.crebo, other.crebo}  # a stop word alone lists all


@pytest.mark.parametrize("table", ["qualificationfile", "qualification", "coretask", "workprocess"])
def test_the_search_can_use_the_title_index(table):
    require_postgresql()
    QualificationFileFactory(title="Zorg en welzijn")
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, f"qualifications_{table}")
        assert f"{table[:16]}_title_fts" in constraints
        # Tiny tables are read whole; without that option the plan shows the index fits.
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = search_dossiers(query="zorg").explain()
    assert f"{table[:16]}_title_fts" in plan
