import pytest

from .factories import build_reference_data


@pytest.fixture
def reference(db):
    """Reference data that the valid documents of every kind refer to."""
    return build_reference_data()
