import pytest

from .factories import build_statement_reference


@pytest.fixture
def reference(db):
    """The rule tests' reference data plus work processes of the care qualifications."""
    return build_statement_reference()
