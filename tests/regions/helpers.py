"""Helpers for the regions tests: the CBS file, read independently with json."""

import json
from pathlib import Path

from django.conf import settings

from regions.services import import_regions


def regions_file() -> Path:
    return Path(settings.DATA_DIR) / "regions" / "arbeidsmarktregio_2020.topojson"


def expected_regions() -> dict[str, str]:
    """{statcode: statnaam} straight from the TopoJSON file."""
    topology = json.loads(regions_file().read_text(encoding="utf-8"))
    (collection,) = topology["objects"].values()
    return {
        geometry["properties"]["statcode"]: geometry["properties"]["statnaam"]
        for geometry in collection["geometries"]
    }


def load_regions():
    """Import the real CBS regions into the test database."""
    return import_regions(regions_file())
