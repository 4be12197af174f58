"""A cap of one school reads "1 school", not "1 schools": the caps' sentences go
through ngettext, in English and in Dutch."""

from django.conf import settings

from accounts.models import Role
from experiments.services import AdmissionRefused, admit_school
from tests.base import BaseTestCase, make_user

from .factories import experiment, make_applications, make_schools


class CapOfOneTest(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.regional = experiment("ruimte-voor-de-regio")
        cls.regional.max_schools = 1
        cls.regional.first_cohort = "2020/21"
        cls.regional.max_first_cohort = 1
        cls.regional.save()
        (cls.application,) = make_applications(cls.regional, [cls.school], "2020/21")
        cls.minister = make_user("minister", cls.ministry, Role.MINISTRY_STAFF)
        cls.pages = [
            f"/experimenten/{cls.regional.slug}/",
            f"/experimenten/{cls.regional.slug}/deelnemers/",
            f"/experimenten/{cls.regional.slug}/deelnemers/{cls.application.pk}/besluit/",
        ]

    def read(self, language):
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        return "".join(self.client.get(url).content.decode() for url in self.pages)

    def test_the_pages_say_one_school_in_english(self):
        self.login(self.minister)
        text = self.read("en")
        assert "at most 1 school" in text
        assert "At most 1 school." in text
        assert "At most 1 school in the first cohort (2020/21)." in text
        assert "0 of at most 1 school is admitted." in text
        assert "1 schools" not in text

    def test_the_pages_say_one_school_in_dutch(self):
        self.login(self.minister)
        text = self.read("nl")
        assert "ten hoogste 1 school" in text
        assert "Ten hoogste 1 school in het eerste cohort (2020/21)." in text
        assert "1 scholen" not in text

    def test_the_refusal_at_the_cap_says_one_school(self):
        admit_school(experiment=self.regional, school=self.school, cohort="2020/21")
        (other,) = make_schools(1, start=60)
        with self.assertRaises(AdmissionRefused) as refused:
            admit_school(experiment=self.regional, school=other, cohort="2021/22")
        assert str(refused.exception.message) == (
            "Het experiment heeft al het maximum van 1 school."
        )
