"""The public dossier page: qualifications with their facts, parts in SBB order."""

import re
import xml.etree.ElementTree as ET  # noqa: S405 - trusted reference samples

import pytest
from django.urls import reverse

from .factories import (
    CoreTaskFactory,
    QualificationFactory,
    QualificationFileFactory,
    WorkProcessFactory,
    import_samples,
    sample_paths,
)


def url(crebo):
    return reverse("qualifications:dossier-detail", args=[crebo])


def part_codes(response) -> list[str]:
    return re.findall(r'id="part-([BP][\w-]+)"', response.content.decode())


@pytest.mark.django_db
def test_unknown_dossier_is_404(client):
    assert client.get(url("99999")).status_code == 404


@pytest.mark.django_db
def test_parts_are_in_sbb_order_not_insertion_or_text_order(client):
    qualification = QualificationFactory(chapter=1)
    dossier = qualification.file
    for code, position in [("P1-K2", 2), ("B1-K10", 10), ("B1-K2", 2), ("P1-K1", 1)]:
        CoreTaskFactory(
            file=dossier,
            qualification=qualification if code.startswith("P") else None,
            code=code,
            position=position,
        )
    response = client.get(url(dossier.crebo))
    assert part_codes(response) == ["B1-K2", "B1-K10", "P1-K1", "P1-K2"]


@pytest.mark.django_db
def test_query_count_does_not_grow_with_parts(client, django_assert_max_num_queries):
    qualification = QualificationFactory()

    def add_parts(count):
        for _ in range(count):
            core_task = CoreTaskFactory(file=qualification.file)
            WorkProcessFactory.create_batch(2, core_task=core_task)
            WorkProcessFactory(core_task=CoreTaskFactory(qualification=qualification))

    add_parts(1)
    with django_assert_max_num_queries(10):
        client.get(url(qualification.file.crebo))
    add_parts(10)
    QualificationFactory.create_batch(3, file=qualification.file)
    with django_assert_max_num_queries(10):
        response = client.get(url(qualification.file.crebo))
    assert len(part_codes(response)) == 11 * 5


@pytest.mark.django_db
@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.name)
def test_real_dossier_page_shows_the_xml(client, path):
    import_samples()
    dossier = ET.parse(path).getroot().find("dossiers/dossier")  # noqa: S314
    crebo = dossier.findtext("dossiercrebos/dossiercrebo").strip()
    response = client.get(url(crebo))
    assert response.status_code == 200
    html = response.content.decode()

    # every qualification with crebo, level and SBU, in a row of the table
    for profile in dossier.findall("profielen/profiel"):
        profile_crebo = profile.findtext("creboinformatie/crebo").strip()
        row = re.search(rf"<tr>\s*<td>{profile_crebo}</td>(.*?)</tr>", html, re.S).group(1)
        assert f"<td>{profile.get('niveau')}</td>" in row
        assert f"<td>{profile.findtext('omschrijving/sbu').strip()}</td>" in row

    # every part, in SBB order: basis core tasks with their work processes, then each profile
    expected = []
    for task in sorted(
        dossier.findall("basis/basistaken/basiskerntaken/kerntaak"),
        key=lambda t: int(t.get("hoofdstuk")),
    ):
        code = f"B1-K{task.get('hoofdstuk')}"
        expected.append(code)
        processes = task.findall("basiswerkprocessen/werkproces")
        for process in sorted(processes, key=lambda p: int(p.get("hoofdstuk"))):
            expected.append(f"{code}-W{process.get('hoofdstuk')}")
    for profile in sorted(
        dossier.findall("profielen/profiel"), key=lambda p: int(p.get("hoofdstuk"))
    ):
        for task in sorted(
            profile.findall("profielkerntaken/kerntaak"), key=lambda t: int(t.get("hoofdstuk"))
        ):
            code = f"P{profile.get('hoofdstuk')}-K{task.get('hoofdstuk')}"
            expected.append(code)
            processes = task.findall("profielwerkprocessen/werkproces")
            for process in sorted(processes, key=lambda p: int(p.get("hoofdstuk"))):
                expected.append(f"{code}-W{process.get('hoofdstuk')}")
    assert part_codes(response) == expected


@pytest.mark.django_db
def test_page_is_public_and_has_one_h1(client):
    dossier = QualificationFileFactory()
    response = client.get(url(dossier.crebo))
    assert response.status_code == 200
    assert response.content.count(b"<h1") == 1
