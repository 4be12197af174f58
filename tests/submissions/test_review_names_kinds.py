"""The review page and the diff between versions read in names for the other
kinds too: a cross-over's parts as qualification title with crebo and level and
the core task by its title, a practice-oriented programme's partners by name
with BRIN or KvK; the JSON paths only inside the collapsed "Technische details"."""

import re

from django.urls import reverse

from regions.models import Organisation
from submissions.models import Submission
from tests.base import make_user

from .helpers import WorkflowTestCase, as_upload


def visible_text(response) -> str:
    """What a reader sees without opening a "Technische details" disclosure."""
    html = re.sub(r"<details.*?</details>", "", response.content.decode(), flags=re.DOTALL)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


class CrossOverNamesTests(WorkflowTestCase):
    def test_the_parts_read_as_qualifications_and_core_tasks_by_name(self):
        submission = self.submitted(self.valid("cross_over"))
        assert submission.state == Submission.State.UNDER_REVIEW
        self.login(self.sbb_user)
        response = self.client.get(reverse("submissions:review", args=[submission.pk]))
        text = visible_text(response)
        for name in (
            "Onderdeel 1 › Kwalificatie (crebo) Helpende zorg en welzijn (crebo 25498, niveau 2)",
            "Onderdeel 2 › Kwalificatie (crebo) Medewerker facilitair (crebo 25499, niveau 2)",
            "Alice's ROC (BRIN 25PZ)",
            "Stedendriehoek en Noordwest Veluwe (AM06)",
            "Experiment Cross-overs",
        ):
            assert name in text.replace("&#x27;", "'"), name
        assert re.search(r"Onderdeel 1 › Kerntaak \S.* \(P2-K1\)", text), text
        for path in ("parts[0].qualification", "parts[1].core_task", "inspectorate_review_needed"):
            assert path not in text, path
            self.assertContains(response, path)  # inside the technical details

    def test_the_diff_names_the_changed_qualification(self):
        submission = self.uploaded(self.valid("cross_over"))
        revised = self.valid("cross_over")
        revised["parts"][1]["qualification"] = "25497"
        self.login(self.alice)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                reverse("submissions:version-upload", args=[submission.pk]),
                {"document": as_upload(revised)},
            )
        response = self.client.get(reverse("submissions:diff", args=[submission.pk]))
        text = visible_text(response)
        assert (
            "Onderdeel 2 › Kwalificatie (crebo) gewijzigd "
            "Medewerker facilitair (crebo 25499, niveau 2) Medewerker zorg (crebo 25497, niveau 3)"
        ) in text, text
        assert "parts[1]" not in text


class PracticeProgrammeNamesTests(WorkflowTestCase):
    def test_the_partners_read_by_name_with_their_codes(self):
        vmbo = Organisation.objects.get(code="30AB")
        victor = make_user("victor", vmbo)
        submission = self.submitted(self.valid("practice_programme"), user=victor)
        assert submission.state == Submission.State.UNDER_REVIEW
        self.login(self.sbb_user)
        response = self.client.get(reverse("submissions:review", args=[submission.pk]))
        text = visible_text(response).replace("&#x27;", "'")
        for name in (
            "Partner 1 › Soort mbo-instelling",
            "Partner 1 › Organisatie (BRIN- of KvK-nummer) Alice's ROC (BRIN 25PZ)",
            "Partner 2 › Organisatie (BRIN- of KvK-nummer) Zorggroep Deventer (KvK 12345678)",
            "Vmbo De Brug (BRIN 30AB)",
        ):
            assert name in text, name
        for bare in ("partners[0]", "budget_eur", "activity_plan"):
            assert bare not in text, bare
