"""The draft editor's region field keeps the region exactly as the document
gives it (REG-01): a code that is no labour-market region stays selected, so
that saving another field does not lose it, and the editor does not offer
AM99 ("niet in te delen"), which REG-01 refuses."""

import html as html_text
import re

from regions.models import Region
from submissions.models import Submission
from tests.submissions.helpers import DraftTestCase


def region_options(html: str) -> list[tuple[str, bool]]:
    """(value, selected) of each option of the region field."""
    select = re.search(r'<select name="region"[^>]*>(.*?)</select>', html, re.S)
    assert select, "no region field"
    return [
        (value, "selected" in attributes)
        for attributes, value in (
            (match.group(0), match.group(1))
            for match in re.finditer(r'<option value="([^"]*)"[^>]*>', select.group(1))
        )
    ]


class DraftRegionTests(DraftTestCase):
    def uploaded_draft(self, region: str) -> Submission:
        document = self.valid("regional_programme")
        document["region"] = region
        response = self.upload(document)
        assert response.status_code == 302, response.content.decode()[:3000]
        return Submission.objects.filter(school=self.school).latest("pk")

    def test_a_region_that_is_not_offered_stays_selected(self):
        submission = self.uploaded_draft("AM77")
        html = self.client.get(self.edit_url(submission)).content.decode()
        assert ("AM77", True) in region_options(html)
        assert [value for value, selected in region_options(html) if selected] == ["AM77"]

    def test_a_known_region_is_selected_once(self):
        submission = self.uploaded_draft("AM06")
        html = self.client.get(self.edit_url(submission)).content.decode()
        selected = [value for value, chosen in region_options(html) if chosen]
        assert selected == ["AM06"]
        values = [value for value, _chosen in region_options(html)]
        assert len(values) == len(set(values))

    def test_am99_is_not_offered_unless_the_document_names_it(self):
        assert Region.objects.filter(code="AM99").exists()
        fresh = self.make_draft("regional_programme")
        self.login(self.alice)
        html = self.client.get(self.edit_url(fresh)).content.decode()
        assert "AM99" not in [value for value, _selected in region_options(html)]
        named = self.uploaded_draft("AM99")
        html = self.client.get(self.edit_url(named)).content.decode()
        assert ("AM99", True) in region_options(html)


class UploadedDraftTests(DraftTestCase):
    """An uploaded document is a draft with the experiment and region it names
    from the start (not only once submitted): the list, the page and the
    browser editor show them, and saving the draft in the editor keeps them."""

    def test_upload_takes_the_experiment_and_region_the_document_names(self):
        document = self.valid("regional_programme")
        document["region"] = "AM25"  # not the school's region (AM06)
        self.upload(document)
        submission = Submission.objects.filter(school=self.school).latest("pk")
        assert submission.experiment.slug == "ruimte-voor-de-regio"
        assert submission.region.code == "AM25"
        assert self.school.region.code != "AM25"

    def test_a_document_without_its_region_does_not_get_the_schools(self):
        document = self.valid("regional_programme")
        del document["region"]
        self.upload(document)
        submission = Submission.objects.filter(school=self.school).latest("pk")
        assert submission.region is None

    def test_editing_an_uploaded_draft_keeps_its_experiment(self):
        self.upload(self.valid("regional_programme"))
        submission = Submission.objects.filter(school=self.school).latest("pk")
        html = self.client.get(self.edit_url(submission)).content.decode()
        response = self.post_editor(
            submission,
            {**self.editor_values(html), "title": "Nieuwe titel", "action": "save"},
        )
        assert response.status_code in (200, 302)
        submission.refresh_from_db()
        assert submission.title == "Nieuwe titel"
        assert submission.draft["experiment"] == "ruimte-voor-de-regio"
        assert submission.draft["region"] == "AM06"

    @staticmethod
    def editor_values(html: str) -> dict:
        """The values the editor form would post as it is rendered."""
        values: dict = {}
        for match in re.finditer(r"<input([^>]*)>", html):
            attributes = match.group(1)
            name = re.search(r'name="([^"]+)"', attributes)
            if not name or 'type="submit"' in attributes:
                continue
            if ('type="checkbox"' in attributes or 'type="radio"' in attributes) and (
                "checked" not in attributes
            ):
                continue
            value = re.search(r'value="([^"]*)"', attributes)
            values[name.group(1)] = html_text.unescape(value.group(1)) if value else ""
        for match in re.finditer(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
            values[match.group(1)] = html_text.unescape(match.group(2).strip())
        for match in re.finditer(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
            chosen = re.search(r'<option value="([^"]*)"[^>]*selected', match.group(2))
            values[match.group(1)] = chosen.group(1) if chosen else ""
        return values
