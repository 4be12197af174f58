"""Every OOAPI endpoint and every kind of error answer, validated against the
official OOAPI v5 specification with openapi-core."""

import json

import pytest

from ooapi.ids import uid

from .helpers import OoapiTestCase, assert_valid, validate_schema


def org(brin):
    return uid("organization", brin)


class ContractTests(OoapiTestCase):
    def ids(self, body, field):
        return [item[field] for item in body["items"]]

    def test_every_endpoint_answers_within_the_specification(self):
        self.get_valid("/")
        organizations = self.get_valid("/organizations?pageSize=50")
        root = next(o for o in organizations["items"] if o["organizationType"] == "root")
        school = org("25PZ")
        vmbo = org("30AB")
        assert {school, vmbo} <= set(root["children"])
        for organization in (root["organizationId"], school, vmbo):
            self.get_valid(f"/organizations/{organization}")
            self.get_valid(f"/organizations/{organization}?expand=parent,children")
            for part in ("programs", "courses", "education-specifications"):
                body = self.get_valid(f"/organizations/{organization}/{part}?pageSize=100")
                # The vmbo school's only programme (the route) names no keuzedelen.
                assert body["items"] or (organization, part) == (vmbo, "courses")
            self.get_valid(f"/organizations/{organization}/offerings?since=2000-01-01")
        specs = self.get_valid("/education-specifications?pageSize=100")
        assert len(specs["items"]) == 6  # dossier, 2 qualifications, keuzedeel, 2 certificates
        for spec in specs["items"]:
            spec_id = spec["educationSpecificationId"]
            self.get_valid(f"/education-specifications/{spec_id}")
            self.get_valid(
                f"/education-specifications/{spec_id}?expand=parent,children,organization"
                "&returnTimelineOverrides=true"
            )
            for part in ("education-specifications", "programs", "courses"):
                self.get_valid(f"/education-specifications/{spec_id}/{part}")
        programs = self.get_valid("/programs?pageSize=20")
        assert len(programs["items"]) == 3
        for program in programs["items"]:
            program_id = program["programId"]
            self.get_valid(f"/programs/{program_id}")
            self.get_valid(
                f"/programs/{program_id}?expand=organization,educationSpecification"
                "&returnTimelineOverrides=true"
            )
            offerings = self.get_valid(f"/programs/{program_id}/offerings?since=2000-01-01")
            assert offerings["items"]
            for offering in offerings["items"]:
                self.get_valid(f"/offerings/{offering['offeringId']}")
                self.get_valid(f"/offerings/{offering['offeringId']}?expand=program,organization")
        courses = self.get_valid("/courses")
        assert self.ids(courses, "primaryCode") == [
            {"codeType": "x-keuzedeelCode", "code": "K0123"}
        ]
        course_id = courses["items"][0]["courseId"]
        self.get_valid(f"/courses/{course_id}")
        self.get_valid(f"/courses/{course_id}?expand=organization,educationSpecification")

    def test_errors_are_problems_within_the_specification(self):
        school = org("25PZ")
        missing = uid("organization", "99ZZ")
        cases = [
            (f"/organizations/{missing}", 404),
            (f"/organizations/{missing}/programs", 404),
            (f"/programs/{missing}", 404),
            (f"/programs/{missing}/offerings", 404),
            (f"/courses/{missing}", 404),
            (f"/offerings/{missing}", 404),
            (f"/education-specifications/{missing}", 404),
            ("/organizations/not-a-uuid", 400),
            ("/programs/12345", 400),
            ("/organizations?pageSize=7", 400),
            ("/programs?pageNumber=0", 400),
            ("/courses?pageNumber=two", 400),
            ("/education-specifications?sort=title", 400),
            (f"/organizations/{school}?expand=everything", 400),
            ("/programs?levelOfQualification=9", 400),
            ("/education-specifications?educationSpecificationType=dossier", 400),
            (f"/programs/{missing}?returnTimelineOverrides=maybe", 404),
            (f"/organizations/{school}/offerings?since=yesterday", 400),
            ("/courses?teachingLanguage=dutch", 400),
        ]
        for path, status in cases:
            response = self.get(path)
            assert response.status_code == status, (path, response.status_code)
            assert response["Content-Type"] == "application/problem+json", path
            assert response.json()["status"] == str(status)
            assert_valid(response, path)

    def test_the_check_refuses_a_body_outside_the_specification(self):
        response = self.get(f"/organizations/{org('25PZ')}")
        body = response.json()
        del body["name"]  # required by the specification
        response.content = json.dumps(body).encode()
        with pytest.raises(AssertionError, match="name"):
            assert_valid(response, f"/organizations/{org('25PZ')}")

    def test_the_check_refuses_a_bad_body_where_the_file_is_ambiguous(self):
        program = self.get_valid("/programs")["items"][0]["programId"]
        offering = self.get_valid(f"/programs/{program}/offerings?since=2000-01-01")["items"][0]
        path = f"/offerings/{offering['offeringId']}"
        response = self.get(path)
        body = response.json()
        del body["startDate"]
        response.content = json.dumps(body).encode()
        with pytest.raises(AssertionError):
            assert_valid(response, path)

    def test_a_write_is_a_405_problem(self):
        response = self.client.post("/ooapi/v5/organizations", {})
        assert response.status_code == 405
        assert response["Allow"] == "GET, HEAD"
        assert response["Content-Type"] == "application/problem+json"
        assert_valid_for_method = response.json()
        validate_schema(assert_valid_for_method, "Problem")

    def test_an_unpublished_path_is_a_404_problem(self):
        for path in ("/persons", "/academic-sessions", "/nothing/here"):
            response = self.get(path)
            assert response.status_code == 404
            assert response["Content-Type"] == "application/problem+json"
            validate_schema(response.json(), "Problem")
