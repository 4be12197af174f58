"""Drawing the regions as SVG on the server.

Longitude/latitude are projected with a simple equirectangular projection
(x = longitude · cos 52°, y = −latitude), fitted to a fixed-width viewBox and
rounded to one decimal; points that round onto the previous one are dropped.
Good enough for a country the size of the Netherlands, and small.
"""

import math
from dataclasses import dataclass

MAP_WIDTH = 400.0
MAP_PADDING = 4.0
COS_52 = math.cos(math.radians(52))
# Points closer than this (in viewBox units) to the simplified outline are dropped.
SIMPLIFY_TOLERANCE = 0.3

# Sequential colours, light to dark. Borders are drawn dark so every region
# stands out from its neighbours; the legend repeats each class as text.
CLASS_COLOURS = ["#f3f3f3", "#a6cbe8", "#4f94cd", "#1f5f9e", "#0b2f5c"]


@dataclass(frozen=True)
class ValueClass:
    """One class of the legend: counts from `low` to `high` (inclusive) share a colour."""

    low: int
    high: int
    colour: str

    def contains(self, value: int) -> bool:
        return self.low <= value <= self.high


def classify(values) -> list[ValueClass]:
    """Legend classes for these counts: zero, then up to four ranges up to the maximum."""
    top = max(values, default=0)
    classes = [ValueClass(0, 0, CLASS_COLOURS[0])]
    if top <= 0:
        return classes
    steps = min(4, top)
    size = math.ceil(top / steps)
    low = 1
    for number in range(steps):
        high = min(top, low + size - 1)
        classes.append(ValueClass(low, high, CLASS_COLOURS[number + 1]))
        low = high + 1
        if low > top:
            break
    return classes


def class_for(value: int, classes: list[ValueClass]) -> ValueClass:
    """The legend class a count falls in."""
    for value_class in classes:
        if value_class.contains(value):
            return value_class
    return classes[-1]


def _polygons(geometry: dict) -> list:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    return []


def _project(position) -> tuple[float, float]:
    return position[0] * COS_52, -position[1]


@dataclass(frozen=True)
class Frame:
    """Maps projected coordinates into the viewBox."""

    min_x: float
    min_y: float
    scale: float
    width: float
    height: float

    def point(self, position) -> tuple[float, float]:
        x, y = _project(position)
        return (
            round((x - self.min_x) * self.scale + MAP_PADDING, 1),
            round((y - self.min_y) * self.scale + MAP_PADDING, 1),
        )

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width:g} {self.height:g}"


def fit(geometries) -> Frame:
    """The frame that fits all geometries into a viewBox MAP_WIDTH wide."""
    xs, ys = [], []
    for geometry in geometries:
        for polygon in _polygons(geometry):
            for ring in polygon:
                for position in ring:
                    x, y = _project(position)
                    xs.append(x)
                    ys.append(y)
    if not xs:
        return Frame(0, 0, 1, MAP_WIDTH, MAP_WIDTH)
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0
    scale = (MAP_WIDTH - 2 * MAP_PADDING) / span_x
    height = math.ceil(span_y * scale + 2 * MAP_PADDING)
    return Frame(min(xs), min(ys), scale, MAP_WIDTH, height)


def _distance_to_segment(point, start, end) -> float:
    (x, y), (x1, y1), (x2, y2) = point, start, end
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return math.hypot(x - x1, y - y1)
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return math.hypot(x - (x1 + t * dx), y - (y1 + t * dy))


def simplify(points: list, tolerance: float = SIMPLIFY_TOLERANCE) -> list:
    """Douglas–Peucker: drop points closer than `tolerance` to the simplified line."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, distance = None, tolerance
        for index in range(first + 1, last):
            current = _distance_to_segment(points[index], points[first], points[last])
            if current > distance:
                farthest, distance = index, current
        if farthest is not None:
            keep[farthest] = True
            stack.extend([(first, farthest), (farthest, last)])
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def path_data(geometry: dict, frame: Frame) -> str:
    """SVG path data for a (Multi)Polygon: one closed subpath per ring.

    Each ring is simplified, its first point written absolute (`M x,y`) and the
    others relative to the previous one (`l dx,dy …`), which keeps the page small.
    """
    parts = []
    for polygon in _polygons(geometry):
        for ring in polygon:
            points = []
            for position in ring:
                point = frame.point(position)
                if not points or point != points[-1]:
                    points.append(point)
            points = simplify(points)
            if len(points) > 1 and points[0] == points[-1]:
                points.pop()
            if len(points) < 3:
                continue
            steps = [
                f"{_number(x - px)},{_number(y - py)}"
                for (px, py), (x, y) in zip(points, points[1:], strict=False)
            ]
            x, y = points[0]
            parts.append(f"M{_number(x)},{_number(y)}l{' '.join(steps)}z")
    return "".join(parts)


def _number(value: float) -> str:
    """A coordinate with at most one decimal and no needless zeros ("-0" becomes "0")."""
    text = f"{round(value, 1):g}"
    return "0" if text == "-0" else text


@dataclass(frozen=True)
class MapShape:
    """One region drawn on the map."""

    code: str
    name: str
    value: int
    colour: str
    d: str


@dataclass(frozen=True)
class Outline:
    """One region's drawn outline, the same whatever the map shows."""

    code: str
    name: str
    d: str


def outline(regions) -> tuple[Frame, list[Outline]]:
    """The frame and the simplified outlines of the regions that have a geometry
    (the costly part of a map: see `regions.selectors.map_outlines`, which keeps it)."""
    regions = [region for region in regions if region.geometry]
    frame = fit(region.geometry for region in regions)
    return frame, [
        Outline(region.code, region.name, path_data(region.geometry, frame)) for region in regions
    ]


def colour(
    outlines: tuple[Frame, list[Outline]], values: dict[str, int]
) -> tuple[Frame, list[MapShape], list[ValueClass]]:
    """Shapes, frame and legend classes for the outlined regions coloured by `values`."""
    frame, drawn = outlines
    classes = classify(values.values())
    shapes = []
    for region in drawn:
        value = values.get(region.code, 0)
        shapes.append(
            MapShape(
                code=region.code,
                name=region.name,
                value=value,
                colour=class_for(value, classes).colour,
                d=region.d,
            )
        )
    return frame, shapes, classes


def draw(regions, values: dict[str, int]) -> tuple[Frame, list[MapShape], list[ValueClass]]:
    """Shapes, frame and legend classes for the regions coloured by `values`."""
    return colour(outline(regions), values)
