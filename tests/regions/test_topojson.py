"""The TopoJSON decoder on small hand-made topologies."""

import pytest

from regions.topojson import TopoJSONError, decode_arcs, features


def test_delta_encoded_quantized_arcs_are_decoded_with_the_transform():
    topology = {
        "type": "Topology",
        "transform": {"scale": [0.5, 2.0], "translate": [10.0, 20.0]},
        "arcs": [[[2, 3], [4, -1], [-6, 0]]],
        "objects": {},
    }
    # absolute quantized positions: (2,3), (6,2), (0,2)
    assert decode_arcs(topology) == [[[11.0, 26.0], [13.0, 24.0], [10.0, 24.0]]]


def test_polygon_rings_join_arcs_and_reverse_negative_indexes():
    # Two arcs that together make the square (0,0)-(1,0)-(1,1)-(0,1); the second one
    # is stored in the opposite direction and referenced as ~1 (= -2).
    topology = {
        "type": "Topology",
        "arcs": [
            [[0, 0], [1, 0], [1, 1]],
            [[0, 0], [0, 1], [1, 1]],
        ],
        "objects": {
            "shapes": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "arcs": [[0, -2]], "properties": {"statcode": "AM01"}},
                    {"type": "MultiPolygon", "arcs": [[[0, -2]], [[1, -1]]], "properties": {}},
                ],
            }
        },
    }
    square, multi = list(features(topology))
    assert square["properties"] == {"statcode": "AM01"}
    assert square["geometry"] == {
        "type": "Polygon",
        "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]],
    }
    assert multi["geometry"]["type"] == "MultiPolygon"
    assert len(multi["geometry"]["coordinates"]) == 2
    assert multi["geometry"]["coordinates"][1][0] == [[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]


def test_not_a_topology_is_refused():
    with pytest.raises(TopoJSONError):
        list(features({"type": "FeatureCollection", "features": []}))


def test_a_missing_arc_is_reported():
    topology = {
        "type": "Topology",
        "arcs": [],
        "objects": {"x": {"type": "Polygon", "arcs": [[3]]}},
    }
    with pytest.raises(TopoJSONError):
        list(features(topology))


def test_a_topology_without_objects_says_so():
    with pytest.raises(TopoJSONError, match="holds no objects"):
        list(features({"type": "Topology", "arcs": [], "objects": {}}))


def test_a_topology_with_several_objects_asks_which_one():
    square = {"type": "Polygon", "arcs": [[0]]}
    topology = {
        "type": "Topology",
        "arcs": [[[0, 0], [1, 0], [1, 1], [0, 0]]],
        "objects": {"a": square, "b": square},
    }
    with pytest.raises(TopoJSONError, match="more than one object"):
        list(features(topology))
    assert len(list(features(topology, "b"))) == 1
