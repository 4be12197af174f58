"""manage.py import_regions: the CBS 2020 regions, idempotent, with geometry."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from regions.models import Region

from .helpers import expected_regions, regions_file

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("import_regions", *args, stdout=out)
    return out.getvalue()


def test_imports_the_35_regions_and_am99_with_cbs_codes_and_names():
    expected = expected_regions()
    assert len(expected) == 36 and "AM99" in expected  # the file itself, as documented
    run()
    assert dict(Region.objects.values_list("code", "name")) == expected


def test_every_region_gets_a_polygon_geometry_inside_the_netherlands():
    run()
    for region in Region.objects.all():
        assert region.geometry["type"] in {"Polygon", "MultiPolygon"}
        polygons = (
            [region.geometry["coordinates"]]
            if region.geometry["type"] == "Polygon"
            else region.geometry["coordinates"]
        )
        for polygon in polygons:
            for ring in polygon:
                assert ring[0] == ring[-1], f"{region.code} has an open ring"
                for longitude, latitude in ring:
                    assert 3.0 < longitude < 7.5 and 50.5 < latitude < 53.8


def test_multipolygon_regions_keep_all_their_parts():
    topology = json.loads(regions_file().read_text(encoding="utf-8"))
    (collection,) = topology["objects"].values()
    parts = {
        g["properties"]["statcode"]: len(g["arcs"])
        for g in collection["geometries"]
        if g["type"] == "MultiPolygon"
    }
    run()
    for code, count in parts.items():
        region = Region.objects.get(code=code)
        assert region.geometry["type"] == "MultiPolygon"
        assert len(region.geometry["coordinates"]) == count


def test_second_run_changes_nothing_and_says_so():
    run()
    before = list(Region.objects.order_by("code").values("pk", "code", "name", "geometry"))
    output = run()
    assert "nothing changed" in output
    assert list(Region.objects.order_by("code").values("pk", "code", "name", "geometry")) == before


def test_a_changed_name_is_updated():
    run()
    Region.objects.filter(code="AM06").update(name="Old name")
    output = run()
    assert "1 updated" in output
    assert Region.objects.get(code="AM06").name == expected_regions()["AM06"]


def test_a_missing_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        run(str(tmp_path / "nope.topojson"))


def test_a_file_that_is_not_topojson_is_refused(tmp_path):
    path = tmp_path / "regions.json"
    path.write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    with pytest.raises(CommandError, match="line 1"):
        run(str(path))
    assert not Region.objects.exists()


def test_a_topology_without_regions_is_refused(tmp_path):
    path = tmp_path / "empty.topojson"
    path.write_text(
        json.dumps(
            {
                "type": "Topology",
                "arcs": [],
                "objects": {"regions": {"type": "GeometryCollection", "geometries": []}},
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="line 1: The file holds no regions") as raised:
        run(str(path))
    assert raised.value.returncode == 1
    assert not Region.objects.exists()
