"""Chart data for the pages: a small, library-neutral description that a page
hands to `static/js/charts.js` through `json_script` (no inline scripts).

Every chart stands beside a table with the same numbers: the table is the
accessible alternative, the chart is for people who look rather than read.
"""


def chart(kind: str, labels: list, series: list[tuple[str, list]], *, y_title: str = "") -> dict:
    """A chart of `kind` ("line" or "bar"; "stacked-bar" stacks the series) with
    one value per label in each series: `[(series label, values), ...]`."""
    return {
        "type": kind,
        "labels": [str(label) for label in labels],
        "datasets": [{"label": str(label), "data": list(values)} for label, values in series],
        "y_title": str(y_title),
    }
