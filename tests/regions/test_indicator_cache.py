"""Map indicators with `changes_with` are cached until one of those models changes."""

import pytest

from core import aggregates
from regions import selectors
from regions.models import Network, Region


@pytest.mark.django_db
def test_the_networks_indicator_is_cached_until_a_network_changes(django_assert_num_queries):
    region = Region.objects.create(code="AM77", name="Proefregio")
    indicator = selectors.get_indicator("networks")
    assert selectors.indicator_values(indicator, [region]) == {"AM77": 0}
    with django_assert_num_queries(0):
        assert selectors.indicator_values(indicator, [region]) == {"AM77": 0}

    network = Network.objects.create(name="Zorg", kind="sto", region=region, status="active")
    assert selectors.indicator_values(indicator, [region]) == {"AM77": 1}

    network.status = Network.Status.ENDED
    network.save()
    assert selectors.indicator_values(indicator, [region]) == {"AM77": 0}


@pytest.mark.django_db
def test_a_bulk_writer_forgets_every_aggregate():
    region = Region.objects.create(code="AM77", name="Proefregio")
    indicator = selectors.get_indicator("networks")
    selectors.indicator_values(indicator, [region])
    # bulk_create sends no signals: the writer says so itself.
    Network.objects.bulk_create([Network(name="A", kind="sto", region=region, status="active")])
    aggregates.invalidate(aggregates.EVERYTHING)
    assert selectors.indicator_values(indicator, [region]) == {"AM77": 1}


@pytest.mark.django_db
def test_an_indicator_without_models_is_not_cached():
    calls = []
    original = selectors.INDICATORS["pathways"]
    selectors.register_indicator("pathways", "Pathways", lambda: calls.append(1) or {})
    try:
        indicator = selectors.get_indicator("pathways")
        selectors.indicator_values(indicator, [])
        selectors.indicator_values(indicator, [])
    finally:
        selectors.INDICATORS["pathways"] = original
    assert len(calls) == 2
