"""Drawing helpers of the map: legend classes, simplification, path data."""

from regions.svgmap import class_for, classify, fit, path_data, simplify


def test_classes_start_at_zero_and_cover_every_value_once():
    values = [0, 1, 2, 3, 5, 8, 13]
    classes = classify(values)
    assert (classes[0].low, classes[0].high) == (0, 0)
    assert classes[-1].high == max(values)
    for value in range(max(values) + 1):
        assert sum(value_class.contains(value) for value_class in classes) == 1
    assert len({value_class.colour for value_class in classes}) == len(classes)


def test_small_maximum_gets_one_class_per_value_and_no_data_one_class():
    assert [(c.low, c.high) for c in classify([0, 2])] == [(0, 0), (1, 1), (2, 2)]
    assert [(c.low, c.high) for c in classify([0, 0])] == [(0, 0)]
    assert [(c.low, c.high) for c in classify([])] == [(0, 0)]


def test_class_for_picks_the_containing_class():
    classes = classify([0, 40])
    for value in (0, 1, 10, 11, 40):
        assert class_for(value, classes).contains(value)


def test_simplify_keeps_the_ends_and_corners_and_drops_points_on_a_line():
    points = [(0, 0), (1, 0.01), (2, 0), (2, 2), (0, 2)]
    simplified = simplify(points, tolerance=0.1)
    assert simplified[0] == (0, 0) and simplified[-1] == (0, 2)
    assert (1, 0.01) not in simplified
    assert (2, 0) in simplified and (2, 2) in simplified


def test_path_data_is_one_closed_subpath_per_ring_with_relative_steps():
    square = [[5.0, 52.0], [6.0, 52.0], [6.0, 53.0], [5.0, 53.0], [5.0, 52.0]]
    geometry = {"type": "MultiPolygon", "coordinates": [[square], [square]]}
    frame = fit([geometry])
    d = path_data(geometry, frame)
    assert d.count("M") == 2 and d.count("z") == 2
    # Walking the relative steps of the first subpath comes back near the start.
    first = d.split("z")[0]
    start, steps = first[1:].split("l")
    x, y = (float(v) for v in start.split(","))
    total_x = sum(float(step.split(",")[0]) for step in steps.split())
    total_y = sum(float(step.split(",")[1]) for step in steps.split())
    end = (x + total_x, y + total_y)
    assert end != (x, y)  # the closing edge is implied by z
    assert len(steps.split()) == 3  # four corners: M + three steps
