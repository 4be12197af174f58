"""Fictitious demo submissions for `make run`: the demo school's regionalised
programmes at each step of the review workflow, so that the reviewers' queue,
the review page, the history and the ministry's progress page have something
to show.

They go through the real workflow (`workflow.submit`, the rules' check,
`workflow.comment`, `workflow.decide`). Idempotent: a demo submission that
exists (perhaps changed while trying the demo) is left alone. Nothing happens
when the demo school, its accounts or the reference data are missing.
"""

import copy

from django.contrib.auth import get_user_model

from regions.models import Organisation
from submissions import workflow
from submissions.intake import services
from submissions.models import Submission, SubmissionEvent

SCHOOL = "99XA"
AUTHOR = "school"
REVIEWER = "sbb"
COMPANY = "99990001"

BASE_DOCUMENT = {
    "format": "vet-submission/1",
    "kind": "regional_programme",
    "school": SCHOOL,
    "experiment": "ruimte-voor-de-regio",
    "region": "AM06",
    "start_date": "2021-08-01",
    "submitted_on": "2021-03-01",
    "regional_section": {
        "hours": 400,
        "contributors": [
            {"name": "A. de Docent (demo)", "role": "teacher", "organisation": SCHOOL},
            {"name": "B. de Expert (demo)", "role": "company_expert", "organisation": COMPANY},
        ],
    },
}

# A new regional keuzedeel of the approved demo programme (the register's demo entry).
REGIONAL_ELECTIVE = {
    "type": "regional",
    "title": "Zorgtechnologie in de wijk (demo)",
    "hours": 240,
    "learning_outcomes": [
        {"code": "E1", "text": "Zet domotica in bij cliënten die thuis wonen"},
        {"code": "E2", "text": "Legt cliënten en mantelzorgers zorgtechnologie uit"},
    ],
}

# (title, crebo, regional title, learning outcome, keuzedeel code or electives,
#  what happens after submitting)
DEMO_SUBMISSIONS = [
    (
        "Helpende zorg en welzijn — profiel Stedendriehoek (demo)",
        "25498",
        "Zorg dichtbij huis",
        "Ondersteunt cliënten bij wonen in de wijk",
        "K0102",
        "under_review",
    ),
    (
        "Pedagogisch medewerker kinderopvang — Deventer (demo)",
        "25486",
        "Kinderopvang in de buurt",
        "Werkt samen met ouders en het consultatiebureau",
        "K0104",
        "changes_requested",
    ),
    (
        "Medewerker facilitaire dienstverlening — IJssel (demo)",
        "25499",
        "Facilitair in de zorg",
        "Verzorgt de facilitaire dienst in een zorginstelling",
        # Approved, so its regional keuzedeel enters the register with an RK code.
        [{"type": "national", "code": "K0102"}, REGIONAL_ELECTIVE],
        "approved",
    ),
]


def _document(title, crebo, regional_title, outcome, elective) -> dict:
    document = copy.deepcopy(BASE_DOCUMENT)
    document["title"] = title
    document["national_section"] = {"qualification": crebo}
    document["regional_section"] = {
        "title": regional_title,
        **document["regional_section"],
        "learning_outcomes": [{"code": "R1", "text": outcome}],
    }
    if isinstance(elective, str):
        document["electives"] = [{"type": "national", "code": elective}]
    else:
        document["electives"] = copy.deepcopy(elective)
    return document


def load_demo_submissions() -> int:
    """Create the demo submissions that do not exist yet; return how many were made."""
    users = get_user_model().objects.in_bulk([AUTHOR, REVIEWER], field_name="username")
    school = Organisation.objects.filter(code=SCHOOL).first()
    author, reviewer = users.get(AUTHOR), users.get(REVIEWER)
    if school is None or author is None or reviewer is None:
        return 0
    created = 0
    for title, crebo, regional_title, outcome, elective, step in DEMO_SUBMISSIONS:
        if Submission.objects.filter(school=school, title=title).exists():
            continue
        document = _document(title, crebo, regional_title, outcome, elective)
        submission = Submission.objects.create(
            kind=document["kind"], school=school, title=title, created_by=author, draft=document
        )
        SubmissionEvent.objects.create(
            submission=submission,
            actor=author,
            action=SubmissionEvent.Action.CREATED,
            to_state=submission.state,
        )
        version = workflow.submit(submission, author)
        # Check now (also when a broker would do it later): valid documents go to review.
        services.save_validation_report(version_id=version.pk)
        submission.refresh_from_db()
        created += 1
        if submission.state != Submission.State.UNDER_REVIEW or step == "under_review":
            continue
        if step == "changes_requested":
            workflow.comment(
                submission,
                reviewer,
                "regional_section",
                "Welke bedrijven hebben de leeruitkomsten mee opgesteld?",
            )
            workflow.decide(
                submission,
                reviewer,
                "changes_requested",
                "Noem in het regionale deel de bedrijven die meewerken.",
            )
        else:
            workflow.decide(
                submission, reviewer, "approved", "Het regionale deel sluit aan bij de regio."
            )
    return created
