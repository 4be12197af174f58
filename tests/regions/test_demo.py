"""Demo data: loaded by load_demo, fictitious, marked as demo, idempotent."""

import csv
from io import StringIO

import pytest
from django.core.management import call_command

from regions.demo import DEMO_NETWORKS, DEMO_ORGANISATIONS_CSV
from regions.models import Network, NetworkMembership, Organisation

pytestmark = pytest.mark.django_db


def run_load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_load_demo_loads_regions_organisations_and_networks_marked_as_demo():
    run_load_demo()
    with DEMO_ORGANISATIONS_CSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        organisation = Organisation.objects.get(code=row["code"])
        assert organisation.is_demo
        assert organisation.region.code == row["region"]
        if row["kind"] in ("mbo", "vmbo"):
            assert row["code"].startswith("99")
        if row["kind"] == "company":
            assert row["code"].startswith("9999")
    assert Network.objects.filter(is_demo=True).count() == len(DEMO_NETWORKS)
    assert len({n[3] for n in DEMO_NETWORKS}) >= 5  # spread over several regions


def test_the_demo_accounts_schools_get_their_region():
    run_load_demo()
    for code in ("99XA", "99XB"):
        organisation = Organisation.objects.get(code=code)
        assert organisation.region.code == "AM06"
        assert organisation.users.exists()


def test_second_run_changes_nothing():
    run_load_demo()
    snapshot = (
        list(Organisation.objects.order_by("code").values()),
        list(Network.objects.order_by("pk").values()),
        list(NetworkMembership.objects.order_by("pk").values()),
    )
    output = run_load_demo()
    assert "Regions: nothing changed" in output
    assert "Demo organisations: 0 created, 0 updated" in output
    assert snapshot == (
        list(Organisation.objects.order_by("code").values()),
        list(Network.objects.order_by("pk").values()),
        list(NetworkMembership.objects.order_by("pk").values()),
    )
