"""A small TopoJSON decoder: turns TopoJSON objects into GeoJSON geometries.

TopoJSON stores each shared border once, as an "arc". A polygon ring is a list
of arc indexes; a negative index `~i` means arc `i` walked backwards. When the
file has a `transform`, arc positions are quantized integers and each position
after the first is a delta from the previous one.

Only what the CBS regions file needs is supported: Polygon, MultiPolygon and
GeometryCollection (plus Point/LineString for completeness).
"""

from collections.abc import Iterator


class TopoJSONError(ValueError):
    """The document is not TopoJSON this decoder understands."""


def decode_arcs(topology: dict) -> list[list[list[float]]]:
    """Return every arc as a list of [longitude, latitude] positions.

    Undoes the delta encoding and applies the `transform` (scale, translate)
    when the topology is quantized.
    """
    transform = topology.get("transform")
    arcs = []
    for arc in topology.get("arcs", []):
        if transform:
            scale_x, scale_y = transform["scale"]
            translate_x, translate_y = transform["translate"]
            x = y = 0
            positions = []
            for position in arc:
                x += position[0]
                y += position[1]
                positions.append([x * scale_x + translate_x, y * scale_y + translate_y])
        else:
            positions = [list(position[:2]) for position in arc]
        arcs.append(positions)
    return arcs


def _arc(arcs: list, index: int) -> list[list[float]]:
    if index >= 0:
        return arcs[index]
    return list(reversed(arcs[~index]))


def _ring(arcs: list, indexes: list[int]) -> list[list[float]]:
    """Join arcs into one closed ring; consecutive arcs share their end point."""
    ring: list[list[float]] = []
    for number, index in enumerate(indexes):
        try:
            positions = _arc(arcs, index)
        except IndexError as error:
            raise TopoJSONError(f"Arc {index} does not exist.") from error
        ring.extend(positions if number == 0 else positions[1:])
    if ring and ring[0] != ring[-1]:
        ring.append(list(ring[0]))
    return ring


def _position(topology: dict, position: list) -> list[float]:
    transform = topology.get("transform")
    if not transform:
        return list(position[:2])
    return [
        position[0] * transform["scale"][0] + transform["translate"][0],
        position[1] * transform["scale"][1] + transform["translate"][1],
    ]


def geometry_to_geojson(topology: dict, geometry: dict, arcs: list | None = None) -> dict | None:
    """Decode one TopoJSON geometry object into a GeoJSON geometry (or None when empty)."""
    if arcs is None:
        arcs = decode_arcs(topology)
    kind = geometry.get("type")
    if kind is None:
        return None
    if kind == "Polygon":
        return {"type": "Polygon", "coordinates": [_ring(arcs, r) for r in geometry["arcs"]]}
    if kind == "MultiPolygon":
        return {
            "type": "MultiPolygon",
            "coordinates": [[_ring(arcs, r) for r in polygon] for polygon in geometry["arcs"]],
        }
    if kind == "LineString":
        return {"type": "LineString", "coordinates": _ring_open(arcs, geometry["arcs"])}
    if kind == "Point":
        return {"type": "Point", "coordinates": _position(topology, geometry["coordinates"])}
    raise TopoJSONError(f"Geometry type {kind!r} is not supported.")


def _ring_open(arcs: list, indexes: list[int]) -> list[list[float]]:
    line: list[list[float]] = []
    for number, index in enumerate(indexes):
        positions = _arc(arcs, index)
        line.extend(positions if number == 0 else positions[1:])
    return line


def features(topology: dict, object_name: str | None = None) -> Iterator[dict]:
    """Yield GeoJSON features (`properties`, `geometry`) of one object of the topology.

    Without `object_name`, the topology must hold exactly one object.
    """
    if topology.get("type") != "Topology":
        raise TopoJSONError("The file is not a TopoJSON topology (type is not 'Topology').")
    objects = topology.get("objects") or {}
    if object_name is None:
        if not objects:
            raise TopoJSONError("The topology holds no objects.")
        if len(objects) != 1:
            raise TopoJSONError("The topology holds more than one object; name the one to read.")
        object_name = next(iter(objects))
    if object_name not in objects:
        raise TopoJSONError(f"The topology has no object {object_name!r}.")
    arcs = decode_arcs(topology)
    container = objects[object_name]
    geometries = (
        container.get("geometries", [])
        if container.get("type") == "GeometryCollection"
        else [container]
    )
    for geometry in geometries:
        yield {
            "type": "Feature",
            "properties": geometry.get("properties") or {},
            "geometry": geometry_to_geojson(topology, geometry, arcs),
        }
