"""Full-text search of the dossiers on PostgreSQL: Dutch stemming, stop words, GIN indexes.

These run on PostgreSQL (CI); on SQLite the search matches parts of titles instead."""

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection

from conftest import require_service
from qualifications.models import CoreTask, Qualification, QualificationFile, WorkProcess
from qualifications.selectors import search_dossiers
from qualifications.text import SEARCH_CONFIG, title_vector

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


@pytest.mark.parametrize(
    "model", [QualificationFile, Qualification, CoreTask, WorkProcess], ids=lambda m: m.__name__
)
def test_the_title_index_serves_the_search_expression(model):
    """Each searched table has a GIN index on exactly the expression the search
    matches (``title_vector()``), so PostgreSQL can answer a word from the index.

    The plan of the whole search depends on the planner's version and statistics;
    the plan of one table's match shows whether the index fits the expression."""
    require_postgresql()
    table = model._meta.db_table.removeprefix("qualifications_")
    index = f"{table[:16]}_title_fts"
    with connection.cursor() as cursor:
        assert index in connection.introspection.get_constraints(cursor, model._meta.db_table)
        # Tiny tables are read whole, or through another index with the match as a
        # filter; with only bitmap scans allowed, the match needs an index that fits it.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("SET LOCAL enable_indexonlyscan = off")
        words = SearchQuery("zorg:*", config=SEARCH_CONFIG, search_type="raw")
        # Without the default ordering (which joins the dossier table): one table's match.
        matches = model.objects.order_by().annotate(words=title_vector()).filter(words=words)
        plan = matches.explain()
    assert index in plan
