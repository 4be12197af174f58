"""Browser: the public map — pick an indicator, see legend and table change,
click a region and land on its page. Works without JavaScript on the page."""

import re

import pytest

from regions.models import Network, Region
from tests.regions.helpers import expected_regions, load_regions


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_pick_an_indicator_and_open_a_region(page):
    load_regions()
    am03 = Region.objects.get(code="AM03")
    for number in range(2):
        Network.objects.create(name=f"Netwerk {number}", kind="sto", region=am03, status="active")
    names = expected_regions()

    page.goto("/regios/kaart/")
    assert page.locator("svg.region-map__svg a").count() == len(names)
    # The map is a group of links named by its caption, not an image: the children
    # of an image are presentational, so screen readers could skip the links.
    caption = page.locator("#map-caption").inner_text()
    map_group = page.get_by_role("group", name=caption)
    assert map_group.get_by_role("link").count() == len(names)
    assert map_group.get_by_role("link", name=f"{names['AM03']}: 2").count() == 1
    assert page.locator('td[data-region="AM03"]').inner_text() == "2"
    networks_label = page.locator("#legend-indicator").inner_text()
    legend_items = page.locator(".map-legend__item")
    assert legend_items.count() > 1  # zero, and the class of the two networks

    page.select_option("#id_indicator", "pathways")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"indicator=pathways"))
    assert page.locator("#legend-indicator").inner_text() != networks_label
    assert page.locator(".map-legend__item").count() == 1
    assert page.locator('td[data-region="AM03"]').inner_text() == "0"
    assert page.locator("#id_indicator").input_value() == "pathways"

    region_link = page.locator('svg.region-map__svg a[href="/regios/AM03/"]')
    assert region_link.get_attribute("aria-label").startswith(names["AM03"])
    region_link.click()
    page.wait_for_url(re.compile(r"/regios/AM03/$"))
    assert page.locator("h1").inner_text().startswith(names["AM03"])
    assert page.get_by_text("Netwerk 0").is_visible()
