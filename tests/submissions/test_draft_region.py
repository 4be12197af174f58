"""The draft editor's region field keeps the region exactly as the document
gives it (REG-01): a code that is no labour-market region stays selected, so
that saving another field does not lose it, and the editor does not offer
AM99 ("niet in te delen"), which REG-01 refuses."""

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
