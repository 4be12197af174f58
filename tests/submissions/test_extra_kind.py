"""A kind of document registered from the test suite alone: a school trip.

Declared the way an app declares its kinds (`experiments/kinds.py`): a schema,
one rule, labels, names of referenced records, an editor and its fields. No
file outside this test names it, and the engine, the upload, the editor, the
check and the submission workflow handle it like the kinds of the apps. The
registration is undone after each test.
"""

import dataclasses
import json

from django import forms
from django.template import Template
from django.urls import reverse
from django.utils.translation import gettext_noop

from experiments.models import Experiment
from rules.editing import DraftEditor, DraftMainForm, as_text, put
from rules.engine import validate_document
from rules.kinds import KindSpec, kind_spec, register_kind, unregister_kind
from rules.registry import REGISTRY, Severity, message, rule
from rules.schema import FORMAT, Date, Integer, Text
from submissions.document_names import document_sections
from submissions.models import Submission
from tests.submissions.helpers import DraftTestCase

TRIP = "school_trip"
MAX_PUPILS = 40


class TripForm(DraftMainForm):
    destination = forms.CharField(label="Destination", required=False)
    pupils = forms.IntegerField(label="Number of pupils", required=False)


class TripEditor(DraftEditor):
    form_class = TripForm
    field_paths = {"title": "title", "destination": "destination", "pupils": "pupils"}

    def document(self) -> dict:
        data = self.form.cleaned_data
        document = self.base_document()
        document["title"] = data["title"]
        put(document, "destination", data["destination"])
        put(document, "pupils", data["pupils"])
        return document

    @classmethod
    def data_from_document(cls, document, submission) -> dict:
        return {
            "title": as_text(document.get("title")) or submission.title,
            "destination": as_text(document.get("destination")),
            "pupils": as_text(document.get("pupils")),
        }


FIELDS = Template(
    '{% include "submissions/partials/draft_field.html" with field=editor.form.title '
    "findings=editor.findings.title %}"
    '{% include "submissions/partials/draft_field.html" with field=editor.form.destination '
    "findings=editor.findings.destination %}"
    '{% include "submissions/partials/draft_field.html" with field=editor.form.pupils '
    "findings=editor.findings.pupils %}"
)


def few_enough_pupils(document, context):
    """A school trip takes at most 40 pupils."""
    if document["pupils"] > MAX_PUPILS:
        yield (
            "pupils",
            message(gettext_noop("A trip takes at most %(max)s pupils."), max=MAX_PUPILS),
        )


def register_trip() -> None:
    register_kind(
        KindSpec(
            value=TRIP,
            label="school trip",
            rule_family="XK",
            schema={
                "school": Text(),
                "title": Text(),
                "destination": Text(),
                "pupils": Integer(),
                "submitted_on": Date(required=False),
            },
            title_detail="destination",
            amounts=lambda document: [("pupils", document["pupils"])],
            field_labels={"destination": "Destination", "pupils": "Number of pupils"},
            names={"destination": lambda codes: {code: f"{code.title()} (city)" for code in codes}},
            editor=TripEditor,
            editor_template=FIELDS,
        )
    )
    rule("XK-01", Severity.ERROR, kinds=[TRIP], source="—")(few_enough_pupils)


def trip(school="99XA", pupils=25, **extra) -> dict:
    return {
        "format": FORMAT,
        "kind": TRIP,
        "school": school,
        "title": "Naar Amsterdam",
        "destination": "amsterdam",
        "pupils": pupils,
        **extra,
    }


class ExtraKindTests(DraftTestCase):
    def setUp(self):
        super().setUp()
        register_trip()
        self.addCleanup(unregister_kind, TRIP)
        self.experiment = Experiment.objects.create(
            slug="schoolreizen", name="Schoolreizen", kind=TRIP
        )

    def test_the_engine_validates_it_with_its_own_rule_and_the_shared_ones(self):
        school = self.alice.organisation.code
        self.assertTrue(validate_document(trip(school)).valid)
        findings = validate_document(trip(school, pupils=45)).as_dict()["findings"]
        self.assertEqual([f["rule"] for f in findings], ["XK-01"])
        self.assertEqual(findings[0]["message"], "A trip takes at most 40 pupils.")
        # FMT-02 reads the kind's amounts; FMT-01 its schema and labels.
        negative = validate_document(trip(school, pupils=-1)).as_dict()["findings"]
        self.assertIn("FMT-02", [f["rule"] for f in negative])
        shape = validate_document(trip(school, pupils="many")).as_dict()["findings"]
        self.assertEqual([f["rule"] for f in shape], ["FMT-01"])
        self.assertIn("Number of pupils", shape[0]["message"])

    def test_draft_check_and_submit_in_the_browser(self):
        self.login(self.alice)
        create = reverse("submissions:draft-create")
        self.assertContains(self.client.get(create), "school trip")
        response = self.client.post(create, {"kind": TRIP, "title": "Naar Amsterdam"})
        submission = Submission.objects.get(kind=TRIP)
        edit = reverse("submissions:draft-edit", args=[submission.pk])
        self.assertRedirects(response, edit)
        self.assertEqual(submission.experiment, self.experiment)
        self.assertEqual(
            submission.draft,
            {"format": FORMAT, "kind": TRIP, "school": self.alice.organisation.code},
        )
        self.assertContains(self.client.get(edit), 'name="destination"')

        main = {"title": "Naar Amsterdam", "destination": "amsterdam", "pupils": "45"}
        response = self.post_editor(submission, {**main, "action": "check"}, htmx=True)
        self.assertContains(response, "XK-01")
        self.assertContains(response, "A trip takes at most 40 pupils.")
        self.assertContains(response, 'href="#field-pupils"')

        response = self.post_editor(submission, {**main, "pupils": "30", "action": "submit"})
        confirm = reverse("submissions:submit", args=[submission.pk])
        self.assertRedirects(response, confirm)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(confirm)
        submission.refresh_from_db()
        self.assertEqual(submission.state, Submission.State.UNDER_REVIEW)
        version = submission.versions.get()
        self.assertEqual(version.document["pupils"], 30)
        self.assertTrue(version.report.valid)

    def test_upload_and_names_of_referenced_records(self):
        document = trip(self.alice.organisation.code)
        del document["title"]
        with self.captureOnCommitCallbacks(execute=True):
            self.upload(document)
        submission = Submission.objects.get(kind=TRIP)
        self.assertEqual(submission.title, "school trip amsterdam")  # label and title_detail
        rows = dict(document_sections(document)[0][1])
        self.assertEqual(rows["destination"], "Amsterdam (city)")
        other_school = trip("00ZZ")
        response = self.upload(other_school)
        self.assertContains(response, "not about your school", status_code=400)
        # A kind with pages of its own is not uploaded for review.
        register_kind(dataclasses.replace(kind_spec(TRIP), reviewed=False))
        response = self.upload(trip(self.alice.organisation.code))
        self.assertContains(response, "A school trip is not submitted for review", status_code=400)
        self.assertEqual(Submission.objects.filter(kind=TRIP).count(), 1)

    def test_unregistered_it_is_unknown_again(self):
        self.doCleanups()
        self.assertIsNone(kind_spec(TRIP))
        self.assertNotIn("XK-01", REGISTRY)
        findings = validate_document(trip()).as_dict()["findings"]
        self.assertEqual([f["rule"] for f in findings], ["FMT-01"])
        self.assertNotIn(TRIP, findings[0]["message"])
        self.assertEqual(json.loads(json.dumps(findings))[0]["path"], "kind")
