"""The nested OOAPI lists read only their own rows (ooapi.selectors.Catalogue:
programs_of, courses_of, specifications_of, specification, children_of,
programs_of_specification, courses_of_specification), and find exactly the records
the whole catalogue relates to them."""

import pytest

from ooapi.selectors import Catalogue
from portal.national import generate_national

pytestmark = pytest.mark.django_db


def ids(records) -> list[str]:
    return sorted(record.id for record in records)


def test_nested_lists_hold_what_the_whole_catalogue_relates():
    generate_national(scale=0.01, seed=5, log=lambda line: None)
    whole = Catalogue(lambda path: path)
    checked = 0
    for organization in list(whole.organizations.values())[1:]:
        programs = [p for p in whole.programs.values() if organization.id in p.organizations]
        own = Catalogue(lambda path: path)
        assert ids(own.programs_of(organization)) == ids(programs)
        codes = {code for program in programs for code in program.electives}
        courses = [c for c in whole.courses.values() if c.code in codes]
        assert ids(own.courses_of(organization)) == ids(courses)
        wanted = {spec for p in programs for spec in p.specifications}
        wanted.update(spec for c in courses for spec in c.specifications)
        assert ids(own.specifications_of(organization)) == sorted(wanted)
        checked += bool(programs)
    assert checked > 0
    for record in whole.specifications.values():
        own = Catalogue(lambda path: path)
        found = own.specification(record.id)
        assert found is not None and found.id == record.id
        assert ids(own.children_of(found)) == sorted(set(record.children))
        programs = [p for p in whole.programs.values() if record.id in p.specifications]
        assert ids(own.programs_of_specification(found)) == ids(programs)
        courses = [c for c in whole.courses.values() if record.id in c.specifications]
        assert ids(own.courses_of_specification(found)) == ids(courses)
    assert (
        Catalogue(lambda path: path).specification("00000000-0000-0000-0000-000000000000") is None
    )
