"""The permission matrix, generated from the URL configuration.

Every URL pattern of the project (the Django admin's as one family) must have an
entry in MATRIX below: how to request it and which roles may use it. The test
requests every entry as every role — anonymous, a school author of the
organisation that owns the objects ("own"), a school author of another
organisation ("other"), SBB, the Inspectorate, ministry staff and an
administrator — and checks that exactly the listed roles get through. A new URL
without an entry fails `test_every_url_has_an_entry`, so every new page or
endpoint is decided on.

"Gets through" means any answer below 500 that is not a refusal; a refusal is
401, 403, 404, or a redirect to a login page. Each request runs inside a
savepoint that is rolled back, so a POST by one role changes nothing for the next.
The objects all belong to the "own" school (Alice's ROC, 25PZ); what is public
(the qualification structure, regions, active routes) is listed as such. CASES
requests some of the same URLs with other objects whose audience differs: a
draft never submitted, a route never sent to the partner school, an OOAPI
program that is not published.
"""

import datetime
import json
from types import SimpleNamespace

from django.contrib.admin import site as admin_site
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, TestCase
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from accounts.models import Role
from certificates.models import CertificateProgramme, ProgrammeStart
from experiments.models import Experiment, Participation
from notifications.models import Notification
from ooapi.ids import uid
from ooapi.selectors import Catalogue, course_id, organization_id, specification_id
from pathways.models import Route, RouteEvent
from qualifications.models import CoreTask, ImportRun, VetCertificate
from regions.models import Network, NetworkMembership, Organisation
from statements.models import PracticeStatement
from submissions.models import Decision, ReviewComment, Submission, SubmissionVersion
from tests.base import make_user
from tests.rules.factories import CROSS_OVER, REGIONAL_PROGRAMME, build_reference_data
from tests.statements.factories import StatementFactory

ANON, OWN, OTHER, SBB, INSP, MIN, ADMIN = (
    "anonymous",
    "own",
    "other",
    "sbb",
    "inspectorate",
    "ministry",
    "administrator",
)
ROLES = (ANON, OWN, OTHER, SBB, INSP, MIN, ADMIN)

EVERYONE = frozenset(ROLES)
LOGGED_IN = EVERYONE - {ANON}
NATIONAL = frozenset({SBB, INSP, MIN, ADMIN})
OWN_AND_NATIONAL = NATIONAL | {OWN}
SCHOOLS = frozenset({OWN, OTHER})
NOBODY = frozenset()

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def build_objects() -> SimpleNamespace:
    """One object of every kind, all belonging to the "own" school (Alice's ROC)."""
    ref = build_reference_data()
    national = {
        SBB: Organisation.objects.create(kind="sbb", code="SBB", name="SBB"),
        INSP: Organisation.objects.create(kind="inspectorate", code="INSP", name="Inspectie"),
        MIN: Organisation.objects.create(kind="ministry", code="OCW", name="OCW"),
    }
    national[ADMIN] = national[MIN]
    role_of = {
        SBB: Role.SBB_REVIEWER,
        INSP: Role.INSPECTORATE_REVIEWER,
        MIN: Role.MINISTRY_STAFF,
        ADMIN: Role.ADMINISTRATOR,
    }
    users = {OWN: make_user("alice", ref.mbo), OTHER: make_user("charlie", ref.other_mbo)}
    users.update({key: make_user(key, national[key], role_of[key]) for key in role_of})
    alice = users[OWN]

    document = dict(REGIONAL_PROGRAMME)
    submission = Submission.objects.create(
        kind="regional_programme",
        school=ref.mbo,
        title="Zorg dichtbij huis",
        state=Submission.State.UNDER_REVIEW,
        experiment=ref.regional_experiment,
        region=ref.am06,
        draft=document,
        submitted_at=timezone.now(),
        created_by=alice,
    )
    SubmissionVersion.objects.create(
        submission=submission, number=1, document=document, source_text="{}", created_by=alice
    )
    route = Route.objects.create(
        vmbo_school=ref.vmbo,
        mbo_institution=ref.mbo,
        region=ref.am06,
        basis="law",
        route_type="integrated",
        vmbo_track="bb",
        target_qualification=ref.helper,
        location="vmbo",
        start_date=datetime.date(2021, 8, 1),
        exam_responsible="mbo",
        agreement_signed_on=datetime.date(2021, 5, 1),
        switch_arrangement="Terug naar vmbo-bb.",
        financial_arrangements="Gedeeld.",
        fallback_destinations=["vmbo-bb", "mbo-2"],
        status=Route.Status.AWAITING_CONFIRMATION,
        submitted_by_organisation=ref.mbo,
        created_by=alice,
    )
    route.agreement_document.save("matrix.pdf", ContentFile(PDF_BYTES))
    route.agreement_document_name = "overeenkomst.pdf"
    route.save()
    RouteEvent.objects.create(route=route, action=RouteEvent.Action.SUBMITTED, actor=alice)
    network = Network.objects.create(
        name="Zorgnetwerk Deventer", kind="other", region=ref.am06, status="proposed"
    )
    NetworkMembership.objects.create(
        network=network, organisation=ref.mbo, role="lead", status="confirmed"
    )
    active_network = Network.objects.create(
        name="Techniek Tilburg", kind="other", region=ref.am25, status="active"
    )
    membership = NetworkMembership.objects.create(
        network=active_network, organisation=ref.mbo, role="member", status="requested"
    )
    # A draft that was submitted once and came back: its school works on it again.
    draft = Submission.objects.create(
        kind="regional_programme",
        school=ref.mbo,
        title="Tweede programma",
        state=Submission.State.DRAFT,
        experiment=ref.regional_experiment,
        draft=document,
        submitted_at=timezone.now(),
        created_by=alice,
    )
    SubmissionVersion.objects.create(
        submission=draft, number=1, document=document, source_text="{}", created_by=alice
    )
    # A cross-over under review, on which SBB may call in the Inspectorate.
    cross_over = Submission.objects.create(
        kind="cross_over",
        school=ref.mbo,
        title="Medewerker zorg en facilitair",
        state=Submission.State.UNDER_REVIEW,
        experiment=Experiment.objects.get(slug="cross-overs"),
        region=ref.am06,
        draft=dict(CROSS_OVER),
        submitted_at=timezone.now(),
        created_by=alice,
    )
    SubmissionVersion.objects.create(
        submission=cross_over,
        number=1,
        document=dict(CROSS_OVER),
        source_text="{}",
        created_by=alice,
    )
    # An approved programme: published in OOAPI as a program with offerings.
    approved = Submission.objects.create(
        kind="regional_programme",
        school=ref.mbo,
        title="Zorg in de wijk",
        state=Submission.State.APPROVED,
        experiment=ref.regional_experiment,
        region=ref.am06,
        draft=document,
        submitted_at=timezone.now(),
        created_by=alice,
    )
    SubmissionVersion.objects.create(
        submission=approved, number=1, document=document, source_text="{}", created_by=alice
    )
    certificate = VetCertificate.objects.create(title="Certificaat", qualification=ref.helper)
    programme = CertificateProgramme.objects.create(
        school=ref.mbo, certificate=certificate, region=ref.am06, name="Avondtraject"
    )
    ProgrammeStart.objects.create(programme=programme, starts_on=datetime.date(2027, 9, 1))
    # A draft never submitted: its school's work in progress, nobody else's.
    unsent = Submission.objects.create(
        kind="regional_programme",
        school=ref.mbo,
        title="Nog niet ingediend",
        state=Submission.State.DRAFT,
        experiment=ref.regional_experiment,
        draft=document,
        created_by=alice,
    )
    SubmissionVersion.objects.create(
        submission=unsent, number=1, document=document, source_text="{}", created_by=alice
    )
    # A route the school has not yet sent to its partner school, with its agreement.
    unsent_route = Route.objects.create(
        vmbo_school=ref.vmbo,
        mbo_institution=ref.mbo,
        region=ref.am06,
        basis="law",
        route_type="integrated",
        vmbo_track="kb",
        target_qualification=ref.helper,
        location="vmbo",
        start_date=datetime.date(2027, 8, 1),
        exam_responsible="mbo",
        status=Route.Status.DRAFT,
        submitted_by_organisation=ref.mbo,
        created_by=alice,
    )
    unsent_route.agreement_document.save("concept.pdf", ContentFile(PDF_BYTES))
    unsent_route.agreement_document_name = "concept.pdf"
    unsent_route.save()
    return SimpleNamespace(
        ref=ref,
        users=users,
        unsent=unsent,
        unsent_route=unsent_route,
        programme=programme,
        submission=submission,
        draft=draft,
        cross_over=cross_over,
        route=route,
        network=network,
        membership=membership,
        open_network=Network.objects.create(
            name="Groen Deventer", kind="other", region=ref.am06, status="active"
        ),
        participation=Participation.objects.get(experiment=ref.regional_experiment, school=ref.mbo),
        import_run=ImportRun.objects.create(
            kind="sbb_xml", file_name="dossier.xml", started_by=users[SBB]
        ),
        notification=Notification.objects.create(recipient=alice, kind="test", subject="Hallo"),
        certificate=certificate,
        statement=StatementFactory(issued_by=alice),
    )


def url_names() -> set[str]:
    """Every named URL pattern outside the Django admin (namespace:name)."""

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue
                inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
                yield from walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern):
                assert pattern.name, f"an unnamed URL pattern: {pattern.pattern}"
                yield namespace + pattern.name

    return set(walk(get_resolver().url_patterns))


def outcome(response) -> str:
    """ "allowed", "refused", or "error" (a 5xx)."""
    if response.status_code >= 500:
        return "error"
    if response.status_code in (401, 403, 404):
        return "refused"
    if response.status_code in (301, 302):
        location = response.headers.get("Location", "")
        if location.startswith((reverse("login"), reverse("admin:login"))):
            return "refused"
    return "allowed"


class Entry(SimpleNamespace):
    """How to request one URL and who may: `allowed` is a set of roles."""

    def __init__(self, allowed, method="get", kwargs=None, query=None, data=None, effect=None):
        super().__init__(
            allowed=frozenset(allowed),
            method=method,
            kwargs=kwargs or (lambda f: {}),
            query=query or {},
            data=data or (lambda f: {}),
            # For steps whose refusal is a message rather than 403: what the step
            # changes. Then "gets through" means the step took effect.
            effect=effect,
        )


def get(allowed, kwargs=None, **extra):
    return Entry(allowed, "get", kwargs, **extra)


def post(allowed, kwargs=None, **extra):
    return Entry(allowed, "post", kwargs, **extra)


FIRST_PART = lambda dossier: CoreTask.objects.filter(file=dossier).first().code  # noqa: E731
SUBMISSION = lambda f: {"pk": f.submission.pk}  # noqa: E731
VERSION = lambda f: {"pk": f.submission.pk, "number": 1}  # noqa: E731
ROUTE = lambda f: {"pk": f.route.pk}  # noqa: E731
NETWORK = lambda f: {"pk": f.network.pk}  # noqa: E731
MEMBERSHIP = lambda f: {"pk": f.membership.pk}  # noqa: E731
OPEN_NETWORK = lambda f: {"pk": f.open_network.pk}  # noqa: E731
JOINED = lambda f: f.open_network.memberships.count()  # noqa: E731
NETWORK_STATUS = lambda f: Network.objects.get(pk=f.network.pk).status  # noqa: E731
MEMBERSHIP_STATUS = lambda f: NetworkMembership.objects.get(pk=f.membership.pk).status  # noqa: E731
SLUG = lambda f: {"slug": f.ref.regional_experiment.slug}  # noqa: E731
REGION = lambda f: {"code": f.ref.am06.code}  # noqa: E731
REVIEWERS = {SBB, INSP, ADMIN}
DRAFT = lambda f: {"pk": f.draft.pk}  # noqa: E731
STATE = lambda f: Submission.objects.get(pk=f.submission.pk).state  # noqa: E731
DRAFT_STATE = lambda f: Submission.objects.get(pk=f.draft.pk).state  # noqa: E731
DRAFT_VERSIONS = lambda f: f.draft.versions.count()  # noqa: E731
DECISIONS = lambda f: Decision.objects.filter(submission=f.submission).count()  # noqa: E731
COMMENTS = lambda f: ReviewComment.objects.filter(submission=f.submission).count()  # noqa: E731
DECISION = lambda f: {"outcome": "approved", "reason": "Goed onderbouwd."}  # noqa: E731
COMMENT = lambda f: {"section": "", "text": "Een opmerking."}  # noqa: E731
CROSS_OVER_PK = lambda f: {"pk": f.cross_over.pk}  # noqa: E731
CALLED_IN = lambda f: Submission.objects.get(pk=f.cross_over.pk).needs_inspectorate  # noqa: E731
CALL_IN = lambda f: {"reason": "Het deel facilitair raakt de examinering."}  # noqa: E731


def UPLOAD(f):  # noqa: N802
    content = json.dumps(REGIONAL_PROGRAMME).encode()
    return {"document": SimpleUploadedFile("programma.json", content, "application/json")}


STATEMENT = lambda f: {"pk": f.statement.pk}  # noqa: E731
WITHDRAWAL = lambda f: {"reason": "Verkeerde leerling."}  # noqa: E731
WITHDRAWN = lambda f: PracticeStatement.objects.get(pk=f.statement.pk).withdrawn_at  # noqa: E731
SBB_AND_ADMIN = {SBB, ADMIN}
MINISTRY = {MIN, ADMIN}


def published(collection: str):
    """The identifier of the first record OOAPI publishes in `collection`."""
    return next(iter(getattr(Catalogue(lambda path: path), collection)))


ORGANIZATION = lambda f: {"organization_id": organization_id(f.ref.mbo.code)}  # noqa: E731
SPECIFICATION = lambda f: {  # noqa: E731
    "specification_id": specification_id("qualification", f.ref.helper.crebo)
}
PROGRAM = lambda f: {"program_id": published("programs")}  # noqa: E731

MATRIX: dict[str, Entry] = {
    # --- the service itself ---
    "health": get(EVERYONE),
    "set_language": post(EVERYONE, data=lambda f: {"language": "en", "next": "/"}),
    "api-schema": get(EVERYONE),
    "api-docs": get(EVERYONE),
    "robots-txt": get(EVERYONE),
    "favicon": get(EVERYONE),
    # --- accounts ---
    "home": get(EVERYONE),
    "profile": get(LOGGED_IN),
    "login": get(EVERYONE),
    "logout": post(EVERYONE),
    "two_factor_verify": get(LOGGED_IN),
    "two_factor_setup": get(LOGGED_IN),
    "password_reset": get(EVERYONE),
    "password_reset_done": get(EVERYONE),
    "password_reset_confirm": get(EVERYONE, lambda f: {"uidb64": "MQ", "token": "set-password"}),
    "password_reset_complete": get(EVERYONE),
    "password_change": get(LOGGED_IN),
    "password_change_done": get(LOGGED_IN),
    # --- the national qualification structure: public ---
    "qualification-file-list": get(EVERYONE),
    "qualification-file-detail": get(EVERYONE, lambda f: {"crebo": f.ref.care.crebo}),
    "qualification-list": get(EVERYONE),
    "qualification-detail": get(EVERYONE, lambda f: {"crebo": f.ref.helper.crebo}),
    "keuzedeel-list": get(EVERYONE),
    "keuzedeel-detail": get(EVERYONE, lambda f: {"code": f.ref.elective.code}),
    "certificate-list": get(EVERYONE),
    "certificate-detail": get(EVERYONE, lambda f: {"pk": f.certificate.pk}),
    "qualifications:dossier-list": get(EVERYONE),
    "qualifications:dossier-detail": get(EVERYONE, lambda f: {"crebo": f.ref.care.crebo}),
    "qualifications:qualification-detail": get(EVERYONE, lambda f: {"crebo": f.ref.helper.crebo}),
    "qualifications:qualification-also-in": get(
        EVERYONE, lambda f: {"crebo": f.ref.helper.crebo, "code": FIRST_PART(f.ref.helper.file)}
    ),
    "qualifications:dossier-also-in": get(
        EVERYONE, lambda f: {"crebo": f.ref.care.crebo, "code": FIRST_PART(f.ref.care)}
    ),
    "qualifications:compare": get(EVERYONE),
    "qualifications:still-needed": get(EVERYONE),
    "qualifications:elective-list": get(EVERYONE),
    "qualifications:elective-detail": get(EVERYONE, lambda f: {"code": f.ref.elective.code}),
    "qualifications:qualification-options": get(EVERYONE, query={"crebo": "helpende"}),
    "qualifications:certificate-list": get(EVERYONE),
    "qualifications:choice-space": get(
        EVERYONE, query={"qualification": "25498", "elective": "K0123", "q": "zorg"}
    ),
    "qualifications:part-path": get(
        EVERYONE, lambda f: {"crebo": f.ref.care.crebo, "code": "B1-K1"}, query={"can": "B1-K1"}
    ),
    "qualifications:import": get(SBB_AND_ADMIN),
    "qualifications:import-detail": get(SBB_AND_ADMIN, lambda f: {"pk": f.import_run.pk}),
    "qualifications:import-status": get(SBB_AND_ADMIN, lambda f: {"pk": f.import_run.pk}),
    # --- regions, organisations, networks ---
    "region-list": get(EVERYONE),
    "region-detail": get(EVERYONE, REGION),
    "region-geojson": get(EVERYONE, REGION),
    "region-geojson-bare": get(EVERYONE, REGION),
    "organisation-list": get(EVERYONE),
    "organisation-detail": get(EVERYONE, lambda f: {"code": f.ref.mbo.code}),
    "network-list": get(EVERYONE),
    "network-detail": get({OWN, ADMIN}, NETWORK),  # a proposed network
    "network-join": post(SCHOOLS, OPEN_NETWORK, effect=JOINED),
    "regions:region_list": get(EVERYONE),
    "regions:map": get(EVERYONE),
    "regions:organisation_options": get(EVERYONE, query={"q": "25PZ"}),
    "regions:company_choices": get(EVERYONE, query={"partner_search": "zorg"}),
    "regions:region_detail": get(EVERYONE, REGION),
    "regions:network_list": get(EVERYONE),
    "regions:network_propose": get(SCHOOLS),
    "regions:network_review": get({ADMIN}),
    "regions:network_detail": get({OWN, ADMIN}, NETWORK),  # a proposed network
    "regions:network_join": post(SCHOOLS, OPEN_NETWORK, effect=JOINED),
    "regions:network_withdraw": post({OWN}, NETWORK, effect=NETWORK_STATUS),
    "regions:network_confirm": post({ADMIN}, NETWORK, effect=NETWORK_STATUS),
    "regions:network_decline": post({ADMIN}, NETWORK, effect=NETWORK_STATUS),
    "regions:membership_confirm": post({ADMIN}, MEMBERSHIP, effect=MEMBERSHIP_STATUS),
    "regions:membership_decline": post({ADMIN}, MEMBERSHIP, effect=MEMBERSHIP_STATUS),
    # --- experiments ---
    "experiments:list": get(LOGGED_IN),
    "experiments:detail": get(LOGGED_IN, SLUG),
    "experiments:apply": get(SCHOOLS, SLUG),
    "experiments:participants": get(MINISTRY | {SBB}, SLUG),
    "experiments:participants-csv": get(MINISTRY | {SBB}, SLUG),
    "experiments:participants-xlsx": get(MINISTRY | {SBB}, SLUG),
    "experiments:participants-import": get(MINISTRY, SLUG),
    "experiments:decide": get(
        MINISTRY, lambda f: {"slug": f.ref.regional_experiment.slug, "pk": f.participation.pk}
    ),
    "experiments:tracking": get(MINISTRY, SLUG),
    "experiments:tracking-csv": get(MINISTRY, SLUG),
    "experiments:tracking-xlsx": get(MINISTRY, SLUG),
    # --- continuous pathways (the route is awaiting the partner's confirmation) ---
    "pathway-list": get(EVERYONE),
    "pathway-detail": get(OWN_AND_NATIONAL, ROUTE),
    "pathways:route-list": get(EVERYONE),
    # --- certificate programmes (public; the own school's staff change them) ---
    "certificates:programme-list": get(EVERYONE),
    "certificates:programme-detail": get(EVERYONE, lambda f: {"pk": f.programme.pk}),
    "certificates:programme-create": get(SCHOOLS),
    "certificates:programme-edit": get({OWN}, lambda f: {"pk": f.programme.pk}),
    "pathways:route-create": get(SCHOOLS),
    "pathways:route-check": post(SCHOOLS),
    "pathways:monitoring": get(MINISTRY),
    "pathways:export-csv": get(MINISTRY),
    "pathways:export-xlsx": get(MINISTRY),
    "pathways:route-detail": get(OWN_AND_NATIONAL, ROUTE),
    "pathways:route-edit": get({OWN}, ROUTE),
    "pathways:route-submit": post({OWN}, ROUTE),
    "pathways:route-return": post({OWN}, ROUTE),
    "pathways:route-confirm": post({OWN}, ROUTE),
    "pathways:route-duo": post({OWN}, ROUTE),
    "pathways:route-end": post({OWN}, ROUTE),
    "pathways:route-year": post({OWN}, ROUTE),
    "pathways:route-document": get({OWN, INSP}, lambda f: {"pk": f.route.pk, "which": "agreement"}),
    # --- submissions (the submission is under review) ---
    "submission-list": get(LOGGED_IN),
    "submission-detail": get(OWN_AND_NATIONAL, SUBMISSION),
    "submission-comments": get(OWN_AND_NATIONAL, SUBMISSION),
    "submission-decide": post(SBB_AND_ADMIN, SUBMISSION, data=DECISION, effect=DECISIONS),
    "submission-decisions": get(OWN_AND_NATIONAL, SUBMISSION),
    "submission-diff": get(OWN_AND_NATIONAL, SUBMISSION, query={"old": 1, "new": 1}),
    "submission-events": get(OWN_AND_NATIONAL, SUBMISSION),
    "submission-submit": post({OWN}, DRAFT, effect=DRAFT_STATE),
    "submission-version": get(OWN_AND_NATIONAL, VERSION),
    "submission-versions": get(OWN_AND_NATIONAL, SUBMISSION),
    "submission-withdraw": post({OWN}, SUBMISSION, effect=STATE),
    "submission-call-in-inspectorate": post(
        SBB_AND_ADMIN, CROSS_OVER_PK, data=CALL_IN, effect=CALLED_IN
    ),
    "submissions:list": get(LOGGED_IN),
    "submissions:upload": get(SCHOOLS),
    "submissions:rules": get(EVERYONE),
    "submissions:draft-create": get(SCHOOLS),
    "submissions:draft-edit": get(OWN_AND_NATIONAL, SUBMISSION),
    # Searches of public reference data behind the draft editor (read-only for
    # national roles, who open it too).
    "submissions:draft-qualification-choices": get(LOGGED_IN),
    "submissions:draft-qualifications": get(LOGGED_IN),
    "submissions:draft-organisations": get(LOGGED_IN),
    "submissions:draft-electives": get(LOGGED_IN),
    "submissions:draft-core-tasks": get(LOGGED_IN),
    "submissions:detail": get(OWN_AND_NATIONAL, SUBMISSION),
    "submissions:version-upload": post({OWN}, DRAFT, data=UPLOAD, effect=DRAFT_VERSIONS),
    "submissions:version-status": get(OWN_AND_NATIONAL, VERSION),
    "submissions:version-download": get(OWN_AND_NATIONAL, VERSION),
    "submissions:review-queue": get(REVIEWERS),
    "submissions:review": get(OWN_AND_NATIONAL, SUBMISSION),
    "submissions:submit": post({OWN}, DRAFT, effect=DRAFT_STATE),
    "submissions:withdraw": post({OWN}, SUBMISSION, effect=STATE),
    # The school's authors may answer the reviewers; the Inspectorate reviews only
    # cross-overs flagged for it, and this is a regional programme.
    "submissions:comment": post({OWN, SBB, ADMIN}, SUBMISSION, data=COMMENT, effect=COMMENTS),
    "submissions:decide": post(SBB_AND_ADMIN, SUBMISSION, data=DECISION, effect=DECISIONS),
    "submissions:diff": get(OWN_AND_NATIONAL, SUBMISSION, query={"van": 1, "naar": 1}),
    # Only SBB calls in the Inspectorate, on a cross-over under review.
    "submissions:call-in-inspectorate": post(
        SBB_AND_ADMIN, CROSS_OVER_PK, data=CALL_IN, effect=CALLED_IN
    ),
    # --- practice statements : the issuing school's only;
    # the verification page is public, by code ---
    "statements:list": get(SCHOOLS),  # each school sees its own (Charlie: an empty list)
    "statements:create": get(SCHOOLS),
    "statements:check": post(SCHOOLS),
    "statements:upload": get(SCHOOLS),
    "statements:detail": get({OWN}, STATEMENT),
    "statements:pdf": get({OWN}, STATEMENT),
    "statements:withdraw": post({OWN}, STATEMENT, data=WITHDRAWAL, effect=WITHDRAWN),
    "statements:verify-lookup": get(EVERYONE),
    "statements:verify": get(EVERYONE, lambda f: {"code": f.statement.readable_code}),
    # --- notifications (the notification is Alice's) ---
    "notifications:list": get(LOGGED_IN),
    "notifications:mark-all-read": post(LOGGED_IN),
    "notifications:open": get({OWN}, lambda f: {"pk": f.notification.pk}),
    # --- OOAPI v5 and the open-data downloads: public, read-only ---
    "ooapi:service": get(EVERYONE),
    "ooapi:organizations": get(EVERYONE),
    "ooapi:organization": get(EVERYONE, ORGANIZATION),
    "ooapi:organization-programs": get(EVERYONE, ORGANIZATION),
    "ooapi:organization-courses": get(EVERYONE, ORGANIZATION),
    "ooapi:organization-education-specifications": get(EVERYONE, ORGANIZATION),
    "ooapi:organization-offerings": get(EVERYONE, ORGANIZATION),
    "ooapi:education-specifications": get(EVERYONE),
    "ooapi:education-specification": get(EVERYONE, SPECIFICATION),
    "ooapi:education-specification-children": get(EVERYONE, SPECIFICATION),
    "ooapi:education-specification-programs": get(EVERYONE, SPECIFICATION),
    "ooapi:education-specification-courses": get(EVERYONE, SPECIFICATION),
    "ooapi:programs": get(EVERYONE),
    "ooapi:program": get(EVERYONE, PROGRAM),
    "ooapi:program-offerings": get(EVERYONE, PROGRAM),
    "ooapi:courses": get(EVERYONE),
    "ooapi:course": get(EVERYONE, lambda f: {"course_id": course_id(f.ref.elective.code)}),
    "ooapi:offering": get(EVERYONE, lambda f: {"offering_id": published("offerings")}),
    # Anything else under /ooapi/v5/ is a 404 Problem for everyone.
    "ooapi:unknown": get(NOBODY, lambda f: {"rest": "students"}),
    "opendata:regions-geojson": get(EVERYONE),
    "opendata:regions-csv": get(EVERYONE),
    "opendata:regions-xlsx": get(EVERYONE),
    "opendata:pathways-csv": get(EVERYONE),
    "opendata:pathways-xlsx": get(EVERYONE),
}


UNSENT = lambda f: {"pk": f.unsent.pk}  # noqa: E731
UNSENT_VERSION = lambda f: {"pk": f.unsent.pk, "number": 1}  # noqa: E731
UNSENT_ROUTE = lambda f: {"pk": f.unsent_route.pk}  # noqa: E731
# The OOAPI program an approved programme would be: the one under review is not published.
UNPUBLISHED_PROGRAM = lambda f: {  # noqa: E731
    "program_id": uid("program", f"regionaal-{f.submission.pk}")
}

# The same URLs with other objects, where who may see them differs from the entry
# in MATRIX: a draft never submitted is its own school's only (not even national
# roles see it), a route never sent to the partner school likewise, and what is
# not published is nobody's. Each name must be in MATRIX too.
CASES: list[tuple[str, str, Entry]] = [
    ("never submitted", "submissions:detail", get({OWN}, UNSENT)),
    ("never submitted", "submissions:draft-edit", get({OWN}, UNSENT)),
    ("never submitted", "submissions:review", get({OWN}, UNSENT)),
    ("never submitted", "submissions:version-status", get({OWN}, UNSENT_VERSION)),
    ("never submitted", "submissions:version-download", get({OWN}, UNSENT_VERSION)),
    ("never submitted", "submissions:diff", get({OWN}, UNSENT, query={"van": 1, "naar": 1})),
    ("never submitted", "submission-detail", get({OWN}, UNSENT)),
    ("never submitted", "submission-versions", get({OWN}, UNSENT)),
    ("never submitted", "submission-version", get({OWN}, UNSENT_VERSION)),
    ("never submitted", "submission-events", get({OWN}, UNSENT)),
    ("never submitted", "submission-comments", get({OWN}, UNSENT)),
    ("never submitted", "submission-decisions", get({OWN}, UNSENT)),
    ("never submitted", "submission-diff", get({OWN}, UNSENT, query={"old": 1, "new": 1})),
    ("never sent", "pathways:route-detail", get({OWN}, UNSENT_ROUTE)),
    ("never sent", "pathway-detail", get({OWN}, UNSENT_ROUTE)),
    ("never sent", "pathways:route-edit", get({OWN}, UNSENT_ROUTE)),
    (
        "never sent",
        "pathways:route-document",
        get({OWN}, lambda f: {"pk": f.unsent_route.pk, "which": "agreement"}),
    ),
    ("under review", "ooapi:program", get(NOBODY, UNPUBLISHED_PROGRAM)),
    ("under review", "ooapi:program-offerings", get(NOBODY, UNPUBLISHED_PROGRAM)),
]


class PermissionMatrixTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.objects = build_objects()

    def outcome_as(self, role: str, entry: Entry, url: str) -> str:
        client = Client()
        if role != ANON:
            client.force_login(self.objects.users[role])
        savepoint = transaction.savepoint()
        try:
            before = entry.effect(self.objects) if entry.effect else None
            if entry.method == "get":
                response = client.get(url, entry.query)
            else:
                response = client.post(url, entry.data(self.objects))
            found = outcome(response)
            if entry.effect and found != "error":
                found = "allowed" if entry.effect(self.objects) != before else "refused"
            return found
        finally:
            transaction.savepoint_rollback(savepoint)

    def test_every_url_has_an_entry(self):
        names = url_names()

        missing = sorted(names - set(MATRIX))
        stale = sorted(set(MATRIX) - names)

        self.assertEqual(missing, [], "URLs without an entry in the permission matrix")
        self.assertEqual(stale, [], "matrix entries for URLs that no longer exist")

    def test_every_role_gets_exactly_what_the_matrix_says(self):
        wrong = []
        for name, entry in sorted(MATRIX.items()):
            url = reverse(name, kwargs=entry.kwargs(self.objects))
            for role in ROLES:
                found = self.outcome_as(role, entry, url)
                expected = "allowed" if role in entry.allowed else "refused"
                if found != expected:
                    wrong.append(f"{entry.method.upper()} {url} ({name}) as {role}: {found}")
        self.assertEqual(wrong, [], "\n" + "\n".join(wrong))

    def test_other_objects_of_the_same_urls_are_seen_by_exactly_the_roles_listed(self):
        self.assertEqual(sorted({name for _label, name, _entry in CASES} - set(MATRIX)), [])
        wrong = []
        for label, name, entry in CASES:
            url = reverse(name, kwargs=entry.kwargs(self.objects))
            for role in ROLES:
                found = self.outcome_as(role, entry, url)
                expected = "allowed" if role in entry.allowed else "refused"
                if found != expected:
                    wrong.append(
                        f"{entry.method.upper()} {url} ({name}, {label}) as {role}: {found}"
                    )
        self.assertEqual(wrong, [], "\n" + "\n".join(wrong))

    def test_the_admin_is_for_administrators_only(self):
        urls = [reverse("admin:index")]
        for model in admin_site._registry:
            info = (model._meta.app_label, model._meta.model_name)
            urls.append(reverse("admin:{}_{}_changelist".format(*info)))
        entry = get({ADMIN})
        self.assertGreater(len(urls), 10)
        wrong = []
        for url in urls:
            for role in ROLES:
                found = self.outcome_as(role, entry, url)
                expected = "allowed" if role == ADMIN else "refused"
                if found != expected:
                    wrong.append(f"GET {url} as {role}: {found}, expected {expected}")
        self.assertEqual(wrong, [], "\n" + "\n".join(wrong))
