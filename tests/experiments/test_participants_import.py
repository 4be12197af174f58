"""Importing participants in the browser: ministry staff and administrators
upload a CSV, see a preview of what will change, and apply it."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Role
from experiments.models import Participation
from tests.base import BaseTestCase, make_user

from .factories import EnglishClientMixin, experiment, make_applications, make_schools

URL = "/experimenten/ruimte-voor-de-regio/deelnemers/importeren/"
HEADER = "experiment,school,cohort,status,decided_on\n"


def upload(rows, name="deelnemers.csv"):
    content = HEADER + "".join(f"{row}\n" for row in rows)
    return SimpleUploadedFile(name, content.encode(), content_type="text/csv")


class ParticipantsImportTest(EnglishClientMixin, BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.regional = experiment("ruimte-voor-de-regio")
        cls.schools = make_schools(16, kind="mbo", start=40)
        cls.ministry_user = make_user("minister", cls.ministry, Role.MINISTRY_STAFF)

    def rows(self, count):
        return [
            f"ruimte-voor-de-regio,{school.code},2020/21,admitted,2020-06-01"
            for school in self.schools[:count]
        ]

    def preview(self, rows):
        return self.client.post(URL, {"file": upload(rows)})

    def test_preview_then_apply(self):
        (application,) = make_applications(self.regional, [self.school], "2020/21")
        self.login(self.ministry_user)
        page = self.client.get("/experimenten/ruimte-voor-de-regio/deelnemers/")
        self.assertContains(page, f'href="{URL}"')
        rows = [
            *self.rows(2),
            f"ruimte-voor-de-regio,{self.school.code},2020/21,declined,2020-06-02",
        ]
        response = self.preview(rows)
        assert response.status_code == 200
        self.assertContains(response, "Preview of deelnemers.csv")
        self.assertContains(response, f"{self.schools[0].name} ({self.schools[0].code})")
        self.assertContains(response, "2 participations will be added")
        self.assertContains(response, "1 will change")
        self.assertContains(response, "applied (2020/21)")  # the school's status now
        # Nothing is written by the preview.
        assert Participation.objects.count() == 1
        form = response.context["apply_form"]
        response = self.client.post(
            URL, {name: form.initial[name] for name in ("content", "file_name", "digest")}
        )
        self.assertRedirects(response, "/experimenten/ruimte-voor-de-regio/deelnemers/")
        assert Participation.objects.filter(status="admitted").count() == 2
        application.refresh_from_db()
        assert application.status == Participation.Status.DECLINED
        assert application.decided_by == self.ministry_user

    def test_a_file_that_admits_a_sixteenth_school_is_refused_whole(self):
        self.login(self.make_national_user(Role.ADMINISTRATOR))
        response = self.preview(self.rows(16))
        assert response.status_code == 400
        self.assertContains(response, "Nothing was imported from deelnemers.csv", status_code=400)
        self.assertContains(response, "line 17", status_code=400)
        self.assertNotContains(response, "Apply these changes", status_code=400)
        assert Participation.objects.count() == 0

    def test_applying_refuses_a_file_that_became_too_many_after_the_preview(self):
        """Another admission between preview and apply: the cap is checked again."""
        self.login(self.ministry_user)
        response = self.preview(self.rows(15))
        form = response.context["apply_form"]
        make_applications(self.regional, [self.school], "2020/21", status="admitted")
        response = self.client.post(
            URL, {name: form.initial[name] for name in ("content", "file_name", "digest")}
        )
        assert response.status_code == 400
        self.assertContains(response, "at most 15", status_code=400)
        assert Participation.objects.count() == 1

    def test_a_changed_preview_is_shown_again_not_applied(self):
        self.login(self.ministry_user)
        response = self.preview(self.rows(2))
        form = response.context["apply_form"]
        # Someone admits the first school meanwhile: the file now changes less.
        make_applications(self.regional, self.schools[:1], "2020/21", status="admitted")
        Participation.objects.filter(school=self.schools[0]).update(
            decided_at="2020-06-01T00:00:00+02:00"
        )
        response = self.client.post(
            URL, {name: form.initial[name] for name in ("content", "file_name", "digest")}
        )
        assert response.status_code == 200
        self.assertContains(response, "changed after your preview")
        assert Participation.objects.count() == 1

    def test_an_unchanged_file_offers_nothing_to_apply(self):
        self.login(self.ministry_user)
        form = self.preview(self.rows(1)).context["apply_form"]
        self.client.post(URL, {n: form.initial[n] for n in ("content", "file_name", "digest")})
        response = self.preview(self.rows(1))
        self.assertContains(response, "The file changes nothing")
        self.assertNotContains(response, "Apply these changes")

    def test_not_utf8_or_no_file_is_a_clear_message(self):
        self.login(self.ministry_user)
        bad = SimpleUploadedFile("x.csv", HEADER.encode() + b"\xe9\n", content_type="text/csv")
        response = self.client.post(URL, {"file": bad})
        self.assertContains(response, "not UTF-8", status_code=400)
        response = self.client.post(URL, {})
        assert response.status_code == 400
        assert response.context["form"].errors["file"]

    def test_alice_bob_charlie_and_sbb_may_not(self):
        sbb = self.make_national_user(Role.SBB_REVIEWER)
        for user in (self.alice, self.bob, self.charlie, sbb):
            self.login(user)
            assert self.client.get(URL).status_code == 403, user
            assert self.client.post(URL, {"file": upload(self.rows(1))}).status_code == 403
        page = self.client.get("/experimenten/ruimte-voor-de-regio/deelnemers/")
        self.assertNotContains(page, URL)
        assert Participation.objects.count() == 0

    def test_anonymous_users_log_in_first(self):
        assert "/inloggen/" in self.client.get(URL)["Location"]


class ImportDatesTest(EnglishClientMixin, BaseTestCase):
    """A cohort outside the experiment names the experiment's date as the UI
    writes dates ("31 July 2025"), not in ISO."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.regional = experiment("ruimte-voor-de-regio")
        cls.regional.end_date = datetime.date(2027, 7, 31)
        cls.regional.save(update_fields=["end_date"])
        cls.ministry_user = make_user("minister", cls.ministry, Role.MINISTRY_STAFF)

    def test_a_cohort_after_the_end_names_the_end_date_in_words(self):
        self.login(self.ministry_user)
        row = f"ruimte-voor-de-regio,{self.school.code},2028/29,applied,"
        response = self.client.post(URL, {"file": upload([row])})
        self.assertContains(
            response, "ends on 31 July 2027, before cohort 2028/29", status_code=400
        )
        self.assertNotContains(response, "2027-07-31", status_code=400)
