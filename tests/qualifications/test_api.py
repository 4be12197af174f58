"""The public read-only API of the qualification structure, its filters and schema."""

import datetime

import pytest

from .factories import (
    CoreTaskFactory,
    DomainFactory,
    ElectiveModuleFactory,
    QualificationFactory,
    QualificationFileFactory,
    VetCertificateFactory,
    WorkProcessFactory,
    import_samples,
    read_profiles,
)


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


@pytest.mark.django_db
def test_endpoints_are_public_and_read_only(client):
    dossier = QualificationFactory().file
    for url in [
        "/api/qualification-files/",
        "/api/qualifications/",
        "/api/keuzedelen/",
        "/api/certificates/",
    ]:
        assert client.get(url).status_code == 200
        assert client.post(url, {}).status_code in (403, 405)
    response = client.delete(f"/api/qualification-files/{dossier.crebo}/")
    assert response.status_code in (403, 405)
    assert dossier.__class__.objects.filter(pk=dossier.pk).exists()


@pytest.mark.django_db
def test_qualification_has_nested_parts_in_sbb_order(client):
    qualification = QualificationFactory(chapter=1)
    CoreTaskFactory(qualification=qualification, code="P1-K1", position=1)
    basis = CoreTaskFactory(file=qualification.file, code="B1-K1", position=1)
    WorkProcessFactory(core_task=basis, code="B1-K1-W2", position=2)
    WorkProcessFactory(core_task=basis, code="B1-K1-W1", position=1)
    VetCertificateFactory(core_task=basis, qualification=qualification, title="Cert")
    CoreTaskFactory(qualification=QualificationFactory(file=qualification.file, chapter=2))

    body = client.get(f"/api/qualifications/{qualification.crebo}/").json()
    assert body["crebo"] == qualification.crebo
    assert body["file"]["crebo"] == qualification.file.crebo
    assert [part["code"] for part in body["parts"]] == ["B1-K1", "P1-K1"]
    assert [part["is_basis"] for part in body["parts"]] == [True, False]
    assert [wp["code"] for wp in body["parts"][0]["work_processes"]] == ["B1-K1-W1", "B1-K1-W2"]
    assert [c["title"] for c in body["parts"][0]["certificates"]] == ["Cert"]


@pytest.mark.django_db
def test_qualification_filters(client):
    care = DomainFactory(number="4135")
    old = QualificationFactory(
        level=2,
        file__domain=care,
        valid_from=datetime.date(2015, 8, 1),
        end_of_intake=datetime.date(2020, 8, 1),
    )
    new = QualificationFactory(level=4, valid_from=datetime.date(2020, 8, 1))
    draft = QualificationFactory(level=4, file__status="Concept", valid_from=None)
    draft.file.valid_from = datetime.date(2030, 8, 1)
    draft.file.save()

    def crebos(params):
        return sorted(item["crebo"] for item in results(client.get("/api/qualifications/", params)))

    assert crebos({"crebo": old.crebo}) == [old.crebo]
    assert crebos({"level": 4}) == sorted([new.crebo, draft.crebo])
    assert crebos({"domain": "4135"}) == [old.crebo]
    assert crebos({"status": "concept"}) == [draft.crebo]
    assert crebos({"file": new.file.crebo}) == [new.crebo]
    assert crebos({"valid_on": "2019-01-01"}) == [old.crebo]
    assert crebos({"valid_on": "2020-08-01"}) == [new.crebo]  # end of intake is exclusive
    assert crebos({"valid_on": "2031-01-01"}) == sorted([new.crebo, draft.crebo])
    response = client.get("/api/qualifications/", {"valid_on": "1-8-2020"})
    assert response.status_code == 400
    assert "valid_on" in response.json()["errors"]


@pytest.mark.django_db
def test_qualification_file_filters(client):
    care = DomainFactory(number="4135")
    level_2 = QualificationFactory(level=2, file__domain=care).file
    level_4 = QualificationFactory(level=4).file
    ended = QualificationFileFactory(
        status="Vervallen", end_of_intake=datetime.date(2018, 8, 1), domain=care
    )

    def crebos(params):
        return sorted(
            item["crebo"] for item in results(client.get("/api/qualification-files/", params))
        )

    assert crebos({"crebo": level_2.crebo}) == [level_2.crebo]
    assert crebos({"level": 4}) == [level_4.crebo]
    assert crebos({"domain": "4135"}) == sorted([level_2.crebo, ended.crebo])
    assert crebos({"status": "Vervallen"}) == [ended.crebo]
    assert crebos({"valid_on": "2019-01-01"}) == sorted([level_2.crebo, level_4.crebo])
    CoreTaskFactory(file=level_4, title="Begeleidt cliënten")
    assert crebos({"q": "CLIENTEN"}) == [level_4.crebo]
    body = client.get(f"/api/qualification-files/{level_2.crebo}/").json()
    assert body["domain"]["number"] == "4135"
    assert [q["level"] for q in body["qualifications"]] == [2]


@pytest.mark.django_db
def test_keuzedelen_and_certificates(client):
    with_certificate = ElectiveModuleFactory(title="Zorg voor cliënten", has_certificate=True)
    VetCertificateFactory(elective=with_certificate, title="Certificaat zorg")
    ElectiveModuleFactory(title="Techniek")
    core_task = CoreTaskFactory(qualification=QualificationFactory())
    VetCertificateFactory(core_task=core_task, title="Certificaat kerntaak")

    assert [e["code"] for e in results(client.get("/api/keuzedelen/", {"q": "clienten"}))] == [
        with_certificate.code
    ]
    assert [
        e["code"] for e in results(client.get("/api/keuzedelen/", {"has_certificate": "true"}))
    ] == [with_certificate.code]
    body = client.get(f"/api/keuzedelen/{with_certificate.code}/").json()
    assert [c["title"] for c in body["certificates"]] == ["Certificaat zorg"]

    certificates = results(client.get("/api/certificates/", {"kind": "elective"}))
    assert [(c["title"], c["elective"]) for c in certificates] == [
        ("Certificaat zorg", with_certificate.code)
    ]
    certificates = results(
        client.get("/api/certificates/", {"crebo": core_task.qualification.crebo})
    )
    assert [(c["core_task"], c["qualification"]) for c in certificates] == [
        (core_task.code, core_task.qualification.crebo)
    ]


@pytest.mark.django_db
def test_real_samples_through_the_api(client):
    import_samples()
    profiles = read_profiles()
    for crebo, profile in profiles.items():
        body = client.get(f"/api/qualifications/{crebo}/").json()
        assert (body["level"], body["study_load_hours"]) == (profile.level, profile.sbu)
        assert [part["code"] for part in body["parts"]] == [c for c, _t in profile.core_tasks]
        processes = [wp["code"] for part in body["parts"] for wp in part["work_processes"]]
        assert sorted(processes) == sorted(c for c, _t in profile.work_processes)
    listed = results(client.get("/api/qualifications/", {"valid_on": "2021-08-01"}))
    assert {item["crebo"] for item in listed} == set(profiles)  # none has an end of intake


@pytest.mark.django_db
def test_list_query_count_does_not_grow(client, django_assert_max_num_queries):
    def make(count):
        for _ in range(count):
            qualification = QualificationFactory()
            WorkProcessFactory(core_task=CoreTaskFactory(qualification=qualification))
            WorkProcessFactory(core_task=CoreTaskFactory(file=qualification.file))

    make(2)
    with django_assert_max_num_queries(5):
        client.get("/api/qualifications/")
    with django_assert_max_num_queries(3):
        client.get("/api/qualification-files/")
    make(15)
    with django_assert_max_num_queries(5):
        response = client.get("/api/qualifications/")
    assert len(results(response)) == 17
    with django_assert_max_num_queries(3):
        client.get("/api/qualification-files/")


@pytest.mark.django_db
def test_endpoints_are_in_the_openapi_schema(client):
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in [
        "/api/qualification-files/",
        "/api/qualification-files/{crebo}/",
        "/api/qualifications/",
        "/api/qualifications/{crebo}/",
        "/api/keuzedelen/",
        "/api/keuzedelen/{code}/",
        "/api/certificates/",
    ]:
        assert path in paths
    parameters = {p["name"] for p in paths["/api/qualifications/"]["get"]["parameters"]}
    assert {"crebo", "level", "domain", "status", "valid_on", "page"} <= parameters


@pytest.mark.django_db
def test_a_certificate_has_its_code_level_and_valid_from_date(client):
    core_task = CoreTaskFactory(qualification=QualificationFactory())
    VetCertificateFactory(
        core_task=core_task, code="C-77", title="Met code", level=2, valid_from="2026-08-01"
    )
    VetCertificateFactory(elective=ElectiveModuleFactory(), code="C-78", level=4)
    [body] = results(client.get("/api/certificates/", {"code": "c-77"}))
    assert (body["code"], body["level"], body["valid_from"]) == ("C-77", 2, "2026-08-01")
    assert (body["qualification"], body["core_task"]) == (
        core_task.qualification.crebo,
        core_task.code,
    )
    assert [c["code"] for c in results(client.get("/api/certificates/", {"level": 4}))] == ["C-78"]
    crebo = core_task.qualification.crebo
    part = client.get(f"/api/qualifications/{crebo}/").json()["parts"][0]
    assert part["certificates"][0]["code"] == "C-77"
