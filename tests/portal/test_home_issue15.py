"""Home pages lead to the work added with certificates and practice statements:
a school author of an mbo institution sees counts of their school's issued
practice statements and certificate programmes with links to both; the public
home leads to the learner's pages (choice space, certificates, verification)."""

from django.conf import settings
from django.utils import timezone

from accounts.models import Role
from regions.models import Organisation
from tests.base import BaseTestCase, make_user
from tests.certificates.factories import CertificateProgrammeFactory
from tests.statements.factories import StatementFactory, build_statement_reference


class SchoolHomeTest(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        build_statement_reference()
        StatementFactory()
        StatementFactory(withdrawn_at=timezone.now(), withdrawal_reason="Fout")
        StatementFactory(school=cls.other_school)
        CertificateProgrammeFactory(school=cls.school)
        CertificateProgrammeFactory(school=cls.school)
        CertificateProgrammeFactory(school=cls.other_school)

    def setUp(self):
        super().setUp()
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    def test_an_mbo_author_sees_counts_and_links(self):
        self.login(self.alice)
        response = self.client.get("/")
        self.assertContains(
            response,
            '<a href="/praktijkverklaringen/?state=issued">'
            "1 practice statement issued by your school</a>",
            html=True,
        )
        self.assertContains(response, 'href="/praktijkverklaringen/nieuw/"')
        self.assertContains(
            response,
            f'<a href="/certificaattrajecten/?q={self.school.code}">'
            "2 certificate programmes of your school</a>",
            html=True,
        )
        self.assertContains(response, 'href="/certificaattrajecten/nieuw/"')

    def test_the_links_lead_to_the_counted_items(self):
        self.login(self.alice)
        statements = self.client.get("/praktijkverklaringen/?state=issued")
        assert statements.context["page"].paginator.count == 1
        programmes = self.client.get(f"/certificaattrajecten/?q={self.school.code}")
        assert programmes.context["page_obj"].paginator.count == 2

    def test_in_dutch(self):
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
        self.login(self.alice)
        response = self.client.get("/")
        self.assertContains(response, "1 praktijkverklaring uitgegeven door uw school")
        self.assertContains(response, "2 certificaattrajecten van uw school")

    def test_a_vmbo_author_sees_neither(self):
        vmbo = Organisation.objects.create(kind="vmbo", code="99VM", name="Vmbo")
        self.login(make_user("vmbo-author", vmbo))
        response = self.client.get("/")
        self.assertNotContains(response, "/praktijkverklaringen/")
        self.assertNotContains(response, "/certificaattrajecten/")


class PublicHomeTest(BaseTestCase):
    def test_the_public_home_leads_to_the_learner_pages(self):
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
        response = self.client.get("/")
        for href, text in [
            ("/kwalificaties/keuzeruimte/", "De keuzeruimte van uw opleiding vullen"),
            ("/kwalificaties/certificaten/", "mbo-certificaten"),
            ("/verificatie/", "Een praktijkverklaring controleren met de code"),
        ]:
            self.assertContains(response, f'<a href="{href}">{text}', msg_prefix=href)


class SbbHomeTest(BaseTestCase):
    def test_the_import_link_names_keuzedelen_and_certificates(self):
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
        self.login(self.make_national_user(Role.SBB_REVIEWER))
        self.assertContains(
            self.client.get("/"),
            '<a href="/kwalificaties/import/">Nieuwe versies van kwalificatiedossiers, '
            "keuzedelen en mbo-certificaten van SBB importeren.</a>",
            html=True,
        )
