"""Region list /regios/ and region page /regios/<code>/ (public)."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regions import selectors
from regions.models import Network, NetworkMembership, Organisation, Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def region():
    return Region.objects.create(code="AM06", name="Stedendriehoek en Noordwest Veluwe")


@pytest.fixture
def other_region():
    return Region.objects.create(code="AM26", name="Midden-Brabant")


def queries_of(client, url, **params) -> int:
    with CaptureQueriesContext(connection) as context:
        client.get(url, params)
    return len(context.captured_queries)


def make_organisations(region, number, prefix="9"):
    organisations = []
    for index in range(number):
        organisations.append(
            Organisation.objects.create(
                kind="company", code=f"{prefix}{index:07d}", name=f"Company {index}", region=region
            )
        )
    return organisations


def test_region_list_shows_regions_with_counts(client, region, other_region):
    make_organisations(region, 2)
    Network.objects.create(name="Active", kind="sto", region=region, status="active")
    Network.objects.create(name="Pending", kind="sto", region=region, status="proposed")
    response = client.get(reverse("regions:region_list"))
    assert response.status_code == 200
    rows = {r.code: (r.organisation_count, r.network_count) for r in response.context["page"]}
    assert rows == {"AM06": (2, 1), "AM26": (0, 0)}


def test_region_list_search_and_empty_state(client, region, other_region):
    response = client.get(reverse("regions:region_list"), {"q": "brabant"})
    assert [r.code for r in response.context["page"]] == ["AM26"]
    response = client.get(reverse("regions:region_list"), {"q": "atlantis"})
    assert list(response.context["page"]) == []
    assert "empty-state" in response.content.decode()


def test_region_page_lists_networks_schools_and_companies_with_demo_badge(
    client, region, other_region
):
    school = Organisation.objects.create(
        kind="mbo", code="99XA", name="Demo ROC", region=region, is_demo=True
    )
    Organisation.objects.create(kind="vmbo", code="99XB", name="Demo vmbo", region=region)
    Organisation.objects.create(kind="mbo", code="26QA", name="Elsewhere ROC", region=other_region)
    Organisation.objects.create(kind="sbb", code="SBB", name="SBB national", region=region)
    network = Network.objects.create(
        name="Zorgroute", kind="vmbo_mbo", region=region, status="active", is_demo=True
    )
    NetworkMembership.objects.create(network=network, organisation=school, status="confirmed")
    Network.objects.create(name="Secret proposal", kind="sto", region=region, status="proposed")

    response = client.get(reverse("regions:region_detail", args=["AM06"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Zorgroute" in html and "Secret proposal" not in html
    assert "Demo ROC" in html and "Demo vmbo" in html
    assert "Elsewhere ROC" not in html and "SBB national" not in html
    assert 'class="badge badge--demo"' in html
    assert response.context["networks"][0].member_count == 1


def test_region_page_filters_organisations_by_kind(client, region):
    Organisation.objects.create(kind="mbo", code="99XA", name="Demo ROC", region=region)
    make_organisations(region, 1)
    response = client.get(reverse("regions:region_detail", args=["AM06"]), {"kind": "company"})
    assert [o.kind for o in response.context["organisations"]] == ["company"]


def test_unknown_region_is_404(client, region):
    assert client.get(reverse("regions:region_detail", args=["AM77"])).status_code == 404


def test_region_page_includes_sections_of_other_apps(client, region, tmp_path, settings):
    template_dir = tmp_path / "templates"
    (template_dir / "test").mkdir(parents=True)
    (template_dir / "test" / "section.html").write_text("Pathways in {{ section.code }}")
    original = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**original, "DIRS": [template_dir, *original["DIRS"]]}]
    selectors.register_region_section(
        "test_pathways", "Continuous pathways", "test/section.html", lambda r: {"code": r.code}
    )
    try:
        response = client.get(reverse("regions:region_detail", args=["AM06"]))
    finally:
        del selectors.REGION_SECTIONS["test_pathways"]
    html = response.content.decode()
    assert "Continuous pathways" in html and "Pathways in AM06" in html


# The view itself, every time (the page cache would answer the repeated request).
@override_settings(PAGE_CACHE=False)
def test_region_page_queries_do_not_grow_with_rows(client, region, django_assert_max_num_queries):
    url = reverse("regions:region_detail", args=["AM06"])
    make_organisations(region, 2)
    Network.objects.create(name="N0", kind="sto", region=region, status="active")
    client.get(url)
    # Sections of other apps (registered in their AppConfig) add their own queries.
    baseline = queries_of(client, url)
    make_organisations(region, 40, prefix="8")
    for index in range(1, 15):
        Network.objects.create(name=f"N{index}", kind="sto", region=region, status="active")
    with django_assert_max_num_queries(baseline):
        response = client.get(url)
    assert response.context["organisations"].paginator.count == 42
    assert len(response.context["networks"]) == 15


def test_region_list_queries_do_not_grow(
    client, region, other_region, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        client.get(reverse("regions:region_list"))
    for code in range(40, 60):
        Region.objects.create(code=f"AM{code}", name=f"Region {code}")
    with django_assert_max_num_queries(3):
        client.get(reverse("regions:region_list"))
