"""What a consumer of /ooapi/v5/ gets: the walk from the service root to a
dossier, pagination, sort and search, conditional requests, stable ids, only
public records, and query counts that do not grow with the data."""

import datetime

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ooapi import params
from ooapi.ids import uid
from pathways.models import Route
from qualifications.models import ElectiveModule
from regions.models import Organisation
from tests.qualifications.factories import ElectiveModuleFactory, QualificationFactory

from .helpers import OoapiTestCase, specification


class ConsumerWalkTests(OoapiTestCase):
    def test_from_the_service_root_to_a_dossier(self):
        root = self.get_valid("/")
        assert root["contactEmail"]
        # Page through the organizations, ten at a time, to find Alice's ROC by its BRIN.
        found = None
        page = 1
        while found is None:
            body = self.get_valid(f"/organizations?pageNumber={page}")
            found = next(
                (
                    o
                    for o in body["items"]
                    if o["primaryCode"] == {"codeType": "brin", "code": "25PZ"}
                ),
                None,
            )
            if not body["hasNextPage"]:
                break
            page += 1
        assert found is not None
        assert found["organizationType"] == "institute"
        programs = self.get_valid(f"/organizations/{found['organizationId']}/programs")
        names = [p["name"][0]["value"] for p in programs["items"]]
        assert "Helpende zorg — Deventer profiel" in names
        programme = next(
            p
            for p in programs["items"]
            if p["name"][0]["value"] == "Helpende zorg — Deventer profiel"
        )
        qualification = self.get_valid(
            f"/education-specifications/{programme['educationSpecification']}"
        )
        assert qualification["primaryCode"] == {"codeType": "crohoCreboCode", "code": "25498"}
        assert qualification["formalDocument"] == "diploma"
        assert qualification["levelOfQualification"] == "2"
        dossier = self.get_valid(f"/education-specifications/{qualification['parent']}")
        assert dossier["primaryCode"]["code"] == "23001"
        assert qualification["educationSpecificationId"] in dossier["children"]

    def test_the_vmbo_school_lists_its_route_and_the_route_its_starts(self):
        vmbo = uid("organization", "30AB")
        body = self.get_valid(f"/organizations/{vmbo}/programs")
        assert [p["programType"] for p in body["items"]] == ["track"]
        route = body["items"][0]
        assert route["organization"] == uid("organization", "25PZ")  # the diploma's school
        offerings = self.get_valid(f"/programs/{route['programId']}/offerings?since=2000-01-01")
        years = [o["primaryCode"]["code"][-7:] for o in offerings["items"]]
        assert years == ["2024/25", "2025/26", "2026/27"]
        assert offerings["items"][-1]["enrolledNumberStudents"] == 14
        # By default only the offerings not yet over (today is in 2026/27).
        current = self.get_valid(f"/programs/{route['programId']}/offerings")
        assert [o["startDate"] for o in current["items"]] == ["2026-08-01"]

    def test_expand_gives_the_full_objects(self):
        program = uid("program", f"regionaal-{self.programme.pk}")
        body = self.get_valid(f"/programs/{program}?expand=organization,educationSpecification")
        assert body["organization"]["primaryCode"]["code"] == "25PZ"
        assert body["educationSpecification"]["primaryCode"]["code"] == "25498"
        plain = self.get_valid(f"/programs/{program}")
        assert plain["organization"] == uid("organization", "25PZ")

    def test_cross_over_names_every_qualification_it_combines(self):
        program = uid("program", f"cross-over-{self.cross_over.pk}")
        body = self.get_valid(f"/programs/{program}")
        assert [c["code"] for c in body["otherCodes"]] == ["25499", "25498"]
        assert body["levelOfQualification"] == "3"
        assert body["validTo"] == "2028-08-01"
        for crebo in ("25498", "25499"):
            spec = uid("education-specification", f"qualification:{crebo}")
            listed = self.get_valid(f"/education-specifications/{spec}/programs")
            assert program in [p["programId"] for p in listed["items"]]

    def test_certificates_are_children_of_what_they_belong_to(self):
        keuzedeel = uid("education-specification", "keuzedeel:K0123")
        children = self.get_valid(f"/education-specifications/{keuzedeel}/education-specifications")
        assert [c["formalDocument"] for c in children["items"]] == ["certificate"]
        courses = self.get_valid(f"/education-specifications/{keuzedeel}/courses")
        assert [c["abbreviation"] for c in courses["items"]] == ["K0123"]

    def test_a_certificate_carries_its_own_code_level_and_valid_from_date(self):
        spec = uid("education-specification", "certificate:C-1")
        body = self.get_valid(f"/education-specifications/{spec}")
        assert body["primaryCode"] == {"codeType": "x-certificateCode", "code": "C-1"}
        assert body["validFrom"] == "2026-08-01"
        assert body["level"] == "secondary vocational education 2"

    def test_a_course_lists_the_programmes_that_name_it(self):
        course = uid("course", "K0123")
        body = self.get_valid(f"/courses/{course}")
        assert body["programs"] == [uid("program", f"regionaal-{self.programme.pk}")]
        expanded = self.get_valid(f"/courses/{course}?expand=programs")
        assert expanded["programs"][0]["name"][0]["value"] == "Helpende zorg — Deventer profiel"
        school = self.get_valid(f"/organizations/{uid('organization', '25PZ')}/courses")
        assert [c["abbreviation"] for c in school["items"]] == ["K0123"]

    def test_descriptions_come_in_dutch_and_english(self):
        body = self.get_valid(f"/organizations/{uid('organization', '25PZ')}")
        texts = {item["language"]: item["value"] for item in body["description"]}
        assert texts["nl-NL"].startswith("mbo-instelling in Deventer")
        assert texts["en-GB"].startswith("mbo institution in Deventer")


class PublicOnlyTests(OoapiTestCase):
    def test_drafts_and_open_submissions_are_not_published(self):
        body = self.get_valid("/programs?pageSize=50")
        codes = [p["primaryCode"]["code"] for p in body["items"]]
        assert f"regionaal-{self.under_review.pk}" not in codes
        assert len(codes) == 3
        assert not any("-kb-" in code for code in codes)  # the draft route

    def test_companies_and_public_bodies_are_not_organizations_here(self):
        Organisation.objects.create(kind="company", code="12345678", name="Zorggroep")
        body = self.get_valid("/organizations?pageSize=50")
        codes = {o["primaryCode"]["code"] for o in body["items"]}
        assert codes == {"regio-mbo", "25PZ", "26QA", "30AB"}


class ParameterTests(OoapiTestCase):
    def test_pages_of_ten_by_default(self):
        for n in range(12):
            ElectiveModuleFactory(code=f"K{2000 + n}")
        first = self.get_valid("/courses")
        assert (first["pageSize"], first["pageNumber"], first["totalPages"]) == (10, 1, 2)
        assert first["hasNextPage"] and not first["hasPreviousPage"]
        second = self.get_valid("/courses?pageNumber=2")
        assert len(second["items"]) == 3 and second["hasPreviousPage"]
        assert not second["hasNextPage"]
        beyond = self.get_valid("/courses?pageNumber=9")
        assert beyond["items"] == []

    def test_sort_and_search(self):
        ascending = self.get_valid("/education-specifications?sort=name")
        names = [s["name"][0]["value"] for s in ascending["items"]]
        assert names == sorted(names, key=str.casefold)
        descending = self.get_valid("/education-specifications?sort=-name")
        assert [s["name"][0]["value"] for s in descending["items"]] == names[::-1]
        by_type = self.get_valid("/education-specifications?sort=educationSpecificationType,name")
        types = [s["educationSpecificationType"] for s in by_type["items"]]
        assert types == sorted(types)
        found = self.get_valid("/education-specifications?q=zorgtechnologie")
        assert {s["name"][0]["value"] for s in found["items"]} == {
            "Zorgtechnologie",
            "Certificaat zorgtechnologie",
        }

    def test_filters(self):
        level = self.get_valid("/programs?levelOfQualification=2")
        assert {p["levelOfQualification"] for p in level["items"]} == {"2"}
        assert len(level["items"]) == 2
        tracks = self.get_valid("/programs?programType=track")
        assert len(tracks["items"]) == 1
        dossiers = self.get_valid("/education-specifications?educationSpecificationType=cluster")
        assert [d["primaryCode"]["code"] for d in dossiers["items"]] == ["23001"]
        by_code = self.get_valid("/courses?primaryCode=K0123")
        assert len(by_code["items"]) == 1
        roots = self.get_valid("/organizations?organizationType=root")
        assert len(roots["items"]) == 1
        nothing = self.get_valid("/courses?modeOfDelivery=online")
        assert nothing["items"] == []

    def test_consumer_is_accepted(self):
        assert self.get_valid("/programs?consumer=x-other")["items"]

    def test_enumerations_match_the_specification(self):
        schemas = specification()["components"]["schemas"]
        places = {
            "modeOfDelivery": schemas["modesOfDelivery"]["items"],
            "offeringType": schemas["OfferingProperties"]["properties"]["offeringType"],
        }
        for name, values in params.ENUMS.items():
            assert tuple(places.get(name, schemas.get(name))["enum"]) == values, name
        page_size = specification()["components"]["parameters"]["pageSize"]["schema"]
        assert tuple(page_size["enum"]) == params.PAGE_SIZES
        assert page_size["default"] == params.DEFAULT_PAGE_SIZE


class ConditionalRequestTests(OoapiTestCase):
    def test_a_second_request_with_the_etag_gets_304(self):
        first = self.get("/programs")
        assert first.status_code == 200
        etag = first["ETag"]
        head = self.client.head("/ooapi/v5/programs")
        assert head.status_code == 200 and head["ETag"] == etag
        again = self.get("/programs", If_None_Match=etag)
        assert again.status_code == 304
        assert again.content == b""
        assert again["ETag"] == etag

    def test_if_modified_since_gets_304_until_the_data_changes(self):
        first = self.get("/organizations")
        modified = first["Last-Modified"]
        assert self.get("/organizations", If_Modified_Since=modified).status_code == 304
        self.school.name = "Alice's ROC Deventer"
        self.school.save()  # updated_at moves on
        changed = self.get("/organizations", If_None_Match=first["ETag"])
        assert changed.status_code == 200
        assert changed["ETag"] != first["ETag"]


class StableIdentifierTests(OoapiTestCase):
    def test_ids_survive_a_reimport(self):
        spec = uid("education-specification", "keuzedeel:K0123")
        before = self.get_valid(f"/education-specifications/{spec}")
        old_pk = self.elective.pk
        ElectiveModule.objects.filter(code="K0123").delete()
        again = ElectiveModuleFactory(code="K0123", title="Zorgtechnologie")
        assert again.pk != old_pk
        after = self.get_valid(f"/education-specifications/{spec}")
        assert after["educationSpecificationId"] == before["educationSpecificationId"]
        assert after["name"] == before["name"]


class QueryCountTests(OoapiTestCase):
    """Every list costs the same number of queries with 1× and 4× the records."""

    LISTS = (
        "/organizations",
        "/education-specifications",
        "/programs",
        "/courses",
        "/organizations/{school}/programs",
        "/organizations/{school}/courses",
        "/organizations/{school}/education-specifications",
        "/organizations/{school}/offerings",
        "/education-specifications/{dossier}/education-specifications",
        "/education-specifications/{qualification}/programs",
        "/programs/{route}/offerings",
    )

    def paths(self):
        values = {
            "school": uid("organization", "25PZ"),
            "dossier": uid("education-specification", "dossier:23001"),
            "qualification": uid("education-specification", "qualification:25498"),
            "route": self.get_valid("/programs?programType=track")["items"][0]["programId"],
        }
        return [path.format(**values) for path in self.LISTS]

    def count(self, path):
        # A cold cache: the cached Last-Modified stamp is counted on every path alike.
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = self.get(path + "?pageSize=250")
        assert response.status_code == 200, path
        return len(queries)

    def grow(self, times):
        """`times` more of every kind of record."""
        for n in range(times):
            school = Organisation.objects.create(
                kind="vmbo", code=f"{40 + n}XY", name=f"Vmbo {n}", region=self.region
            )
            ElectiveModuleFactory()
            qualification = QualificationFactory(file=self.dossier, level=2)
            route = Route.objects.create(
                vmbo_school=school,
                mbo_institution=self.school,
                region=self.region,
                route_type="continuous",
                vmbo_track="kb",
                target_qualification=qualification,
                location="mbo",
                start_date=datetime.date(2023, 8, 1),
                status=Route.Status.ACTIVE,
                duo_status="registered",
            )
            route.years.create(school_year="2024/25", started=n)
            self.approved(
                self.programme.experiment,
                f"Programma {n}",
                {
                    "kind": "regional_programme",
                    "start_date": "2025-08-01",
                    "national_section": {"qualification": qualification.crebo},
                    "electives": [{"type": "national", "code": "K0123"}],
                },
            )

    def test_query_counts_do_not_grow_with_the_data(self):
        paths = self.paths()
        small = {path: self.count(path) for path in paths}
        self.grow(12)
        large = {path: self.count(path) for path in paths}
        assert large == small
        assert max(large.values()) <= 16, large


class OddDocumentTests(OoapiTestCase):
    def test_an_approved_document_with_odd_fields_is_still_published_within_the_spec(self):
        odd = self.approved(
            self.cross_over.experiment,
            "Vreemd document",
            {
                "kind": "cross_over",
                "level": "3",
                "start_date": "binnenkort",
                "end_date": 2025,
                "parts": "25498",
                "electives": 5,
            },
        )
        self.approved(
            self.programme.experiment,
            "Nog vreemder",
            {"kind": "regional_programme", "national_section": [1], "electives": [None, "K1"]},
        )
        body = self.get_valid("/programs?pageSize=50")
        names = {p["name"][0]["value"] for p in body["items"]}
        assert {"Vreemd document", "Nog vreemder"} <= names
        program = uid("program", f"cross-over-{odd.pk}")
        detail = self.get_valid(f"/programs/{program}")
        assert "educationSpecification" not in detail
        assert detail["level"] == "secondary vocational education"
        assert self.get_valid(f"/programs/{program}/offerings?since=2000-01-01")["items"] == []
