"""The public map at /regios/kaart/: server-drawn SVG, indicators, legend, table."""

import re

from defusedxml import ElementTree as ET
from django.urls import reverse

from regions import selectors
from regions.models import Network, Region
from tests.base import BaseTestCase

from .helpers import expected_regions, load_regions

SVG = "{http://www.w3.org/2000/svg}"
URL = reverse("regions:map")


def parse_svg(html: str):
    match = re.search(r"<svg\b.*?</svg>", html, re.S)
    assert match, "no inline SVG on the page"
    return ET.fromstring(match.group(0))


def absolute_points(d: str) -> list[tuple[float, float]]:
    """The points of path data made of `Mx,y l dx,dy … z` subpaths."""
    points = []
    for subpath in re.findall(r"M([^Mz]+)z", d):
        start, _, steps = subpath.partition("l")
        x, y = (float(v) for v in start.split(","))
        points.append((x, y))
        for step in steps.split():
            dx, dy = (float(v) for v in step.split(","))
            x, y = x + dx, y + dy
            points.append((x, y))
    return points


class MapTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        load_regions()
        cls.expected = expected_regions()
        am06 = Region.objects.get(code="AM06")
        am33 = Region.objects.get(code="AM33")
        for number in range(3):
            Network.objects.create(name=f"A{number}", kind="sto", region=am06, status="active")
        Network.objects.create(name="B", kind="sto", region=am33, status="active")
        # Not counted: a proposal and an ended network.
        Network.objects.create(name="C", kind="sto", region=am33, status="proposed")
        Network.objects.create(name="D", kind="sto", region=am33, status="ended")

    def test_public_and_well_formed_with_one_path_and_link_per_region(self):
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 200)
        svg = parse_svg(response.content.decode())
        links = svg.findall(f"{SVG}a")
        self.assertEqual(len(links), len(self.expected))
        seen = {}
        for link in links:
            paths = link.findall(f"{SVG}path")
            self.assertEqual(len(paths), 1)
            code = paths[0].get("data-region")
            self.assertEqual(link.get("href"), reverse("regions:region_detail", args=[code]))
            name = self.expected[code]
            self.assertTrue(link.get("aria-label").startswith(name))
            self.assertIn(name, link.find(f"{SVG}title").text)
            self.assertRegex(paths[0].get("d"), r"^M[\d.]+,[\d.]+l-?[\d.]+,-?[\d.]+")
            seen[code] = name
        self.assertEqual(seen, self.expected)
        self.assertEqual(len(svg.findall(f".//{SVG}path")), len(self.expected))

    def test_multipolygon_regions_are_one_path_with_several_subpaths(self):
        svg = parse_svg(self.client.get(URL).content.decode())
        paths = {p.get("data-region"): p.get("d") for p in svg.iter(f"{SVG}path")}
        region = Region.objects.get(code="AM24")  # Zeeland: islands
        self.assertEqual(region.geometry["type"], "MultiPolygon")
        self.assertGreater(paths["AM24"].count("M"), 1)

    def test_coordinates_fit_the_view_box(self):
        svg = parse_svg(self.client.get(URL).content.decode())
        _x, _y, width, height = (float(v) for v in svg.get("viewBox").split())
        for path in svg.iter(f"{SVG}path"):
            points = absolute_points(path.get("d"))
            self.assertGreater(len(points), 3)
            for x, y in points:
                self.assertTrue(-0.01 <= x <= width + 0.01 and -0.01 <= y <= height + 0.01)

    def test_networks_indicator_counts_active_networks_in_table_and_colours(self):
        response = self.client.get(URL, {"indicator": "networks"})
        html = response.content.decode()
        self.assertRegex(html, r'<td data-region="AM06">3</td>')
        self.assertRegex(html, r'<td data-region="AM33">1</td>')
        self.assertRegex(html, r'<td data-region="AM01">0</td>')
        svg = parse_svg(html)
        fills = {p.get("data-region"): p.get("fill") for p in svg.iter(f"{SVG}path")}
        self.assertNotEqual(fills["AM06"], fills["AM01"])
        self.assertNotEqual(fills["AM06"], fills["AM33"])
        # The legend lists the classes as text, including how many regions are in each.
        legend = response.context["legend"]
        self.assertEqual(sum(item["regions"] for item in legend), len(self.expected))
        self.assertEqual(legend[0]["regions"], len(self.expected) - 2)

    def test_indicator_without_data_shows_zero_everywhere(self):
        response = self.client.get(URL, {"indicator": "pathways"})
        html = response.content.decode()
        zeros = re.findall(r'<td data-region="AM\d\d">0</td>', html)
        self.assertEqual(len(zeros), len(self.expected))
        self.assertContains(response, "empty-state")
        self.assertEqual(len(response.context["legend"]), 1)

    def test_unknown_indicator_gets_a_message_and_the_default(self):
        response = self.client.get(URL, {"indicator": "nonsense"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'role="alert"')
        self.assertEqual(response.context["indicator"].name, selectors.DEFAULT_INDICATOR)

    def test_the_form_offers_every_registered_indicator(self):
        html = self.client.get(URL).content.decode()
        for name in ("networks", "participating_schools", "approved_programmes", "pathways"):
            self.assertIn(f'<option value="{name}"', html)
        self.assertIn('<label for="id_indicator">', html)

    def test_another_app_can_plug_in_its_counts(self):
        original = selectors.INDICATORS["pathways"]
        selectors.register_indicator("pathways", "Pathways", lambda: {"AM30": 7})
        try:
            html = self.client.get(URL, {"indicator": "pathways"}).content.decode()
        finally:
            selectors.INDICATORS["pathways"] = original
        self.assertIn('<td data-region="AM30">7</td>', html)

    def test_query_count_does_not_grow_with_networks(self):
        # Regions and the networks count: two queries, whatever the number of networks.
        with self.assertNumQueries(2):
            self.client.get(URL, {"indicator": "networks"})
        am01 = Region.objects.get(code="AM01")
        for number in range(10):
            Network.objects.create(name=f"E{number}", kind="sto", region=am01, status="active")
        # The region outlines are kept until the regions change: only the count again.
        with self.assertNumQueries(1):
            self.client.get(URL, {"indicator": "networks"})


class MapOutlineCacheTests(BaseTestCase):
    """The drawn outlines are cached (regions.selectors.map_outlines) and follow a
    change of a region's geometry or name, however it is written."""

    @classmethod
    def setUpTestData(cls):
        load_regions()

    def test_a_renamed_region_shows_on_the_map_at_once(self):
        self.client.get(URL)
        Region.objects.filter(code="AM01").update(name="Hernoemde regio")
        self.assertContains(self.client.get(URL), "Hernoemde regio")

    def test_a_region_without_geometry_leaves_the_map(self):
        before = parse_svg(self.client.get(URL).content.decode())
        region = Region.objects.get(code="AM01")
        region.geometry = None
        region.save()
        after = parse_svg(self.client.get(URL).content.decode())
        self.assertEqual(
            len(after.findall(f".//{SVG}path")), len(before.findall(f".//{SVG}path")) - 1
        )
