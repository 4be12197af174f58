"""A generated country: a reproducible, clearly fictitious national data set.

`generate_national(scale, seed)` fills the configured database with what the
whole of the Netherlands would bring: every labour-market region, the mbo
institutions, vmbo schools and companies, hundreds of qualification dossiers
(copies of the real SBB samples under new numbers), keuzedelen, the three
experiments' participants, years of submissions with their versions, reports,
comments and decisions, continuous pathways with their school years, networks,
users and notifications. Everything is written with bulk inserts.

Every generated name says "fictief"; codes come from ranges the demo data and
the SBB import benchmark do not use (BRIN 90AA–99ZZ, KvK from 70000000, crebo
from 50000, keuzedelen from K2000), so a generated country can sit beside them.
"""

import datetime
import json
import random
import string
from dataclasses import dataclass
from pathlib import Path

from defusedxml import ElementTree as DefusedET
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from accounts.models import Role, User, admin_flags
from core import aggregates
from experiments.models import Experiment, Participation
from notifications.models import Notification
from pathways.models import Route, RouteYear
from qualifications.models import (
    CoreTask,
    ElectiveModule,
    KnowledgeSkill,
    Qualification,
    QualificationFile,
    WorkProcess,
)
from qualifications.services import import_sbb_file
from qualifications.text import normalize_title
from regions.models import Network, NetworkMembership, Organisation, Region
from rules.engine import reference_data_stamp
from submissions.models import (
    Decision,
    ReviewComment,
    Submission,
    SubmissionVersion,
    ValidationReport,
)

BATCH = 2_000
FIRST_BRIN_NUMBER = 90  # BRIN codes 90AA … 99ZZ: 6,760 schools at most
FIRST_KVK = 70_000_000
FIRST_FILE_CREBO = 50_000
FIRST_QUALIFICATION_CREBO = 60_000
FIRST_ELECTIVE = 2_000
FIRST_FILE_NUMBER = 800_000
USERNAME_PREFIX = "nl-"
PASSWORD = "nationaal-wachtwoord"  # noqa: S105 (fictitious accounts of a generated data set)
SCHOOL_YEARS = ["2020/21", "2021/22", "2022/23", "2023/24", "2024/25"]


class AlreadyGenerated(Exception):
    """The database already holds a generated country."""


@dataclass(frozen=True)
class Counts:
    """How many of each record a generated country has at a scale."""

    mbo_institutions: int
    vmbo_schools: int
    companies: int
    dossiers: int
    electives: int
    submissions: int
    pathways: int
    networks: int
    users: int
    notifications: int

    @classmethod
    def at(cls, scale: float) -> "Counts":
        def times(number: int, least: int = 1) -> int:
            return max(least, round(number * scale))

        return cls(
            # At least enough schools for the experiments' participants.
            mbo_institutions=times(65, least=15),
            vmbo_schools=times(650, least=10),
            companies=times(12_000, least=35),
            dossiers=times(250, least=3),
            electives=times(1_500, least=10),
            submissions=times(6_000, least=6),
            pathways=times(2_500, least=5),
            networks=times(500, least=2),
            users=times(1_000, least=10),
            notifications=times(100_000, least=10),
        )


def brin_code(index: int) -> str:
    """The index-th generated BRIN code (90AA, 90AB, … 99ZZ)."""
    number, rest = divmod(index, 26 * 26)
    first, second = divmod(rest, 26)
    if number >= 100 - FIRST_BRIN_NUMBER:
        raise ValueError("No more generated BRIN codes.")
    letters = string.ascii_uppercase
    return f"{FIRST_BRIN_NUMBER + number}{letters[first]}{letters[second]}"


def generate_national(scale: float = 1.0, seed: int = 1, log=print) -> dict[str, int]:
    """Fill the database with a generated country and return the number of rows per table.

    Reproducible: the same scale and seed give the same data. Refuses (AlreadyGenerated)
    when a generated country is already there."""
    if Organisation.objects.filter(code=brin_code(0)).exists():
        raise AlreadyGenerated(
            "Er staat al een gegenereerd land in deze database; begin met een lege database."
        )
    counts = Counts.at(scale)
    builder = _Builder(counts, random.Random(seed), log)  # noqa: S311 (not for security)
    with transaction.atomic():
        builder.build()
        # Bulk inserts send no signals: forget the cached public aggregates here.
        aggregates.invalidate(aggregates.EVERYTHING)
    return builder.rows


class _Builder:
    def __init__(self, counts: Counts, rng: random.Random, log):
        self.counts = counts
        self.rng = rng
        self.log = log
        self.rows: dict[str, int] = {}
        self.now = timezone.now()

    def _insert(self, model, objects: list) -> list:
        created = model.objects.bulk_create(objects, batch_size=BATCH)
        label = model._meta.verbose_name_plural
        self.rows[str(label)] = self.rows.get(str(label), 0) + len(created)
        return created

    def build(self) -> None:
        steps = (
            ("regio's", self.regions),
            ("organisaties", self.organisations),
            ("kwalificatiedossiers", self.qualifications),
            ("keuzedelen", self.electives),
            ("gebruikers", self.users),
            ("deelnemers aan experimenten", self.participations),
            ("indieningen", self.submissions),
            ("doorlopende leerroutes", self.pathways),
            ("netwerken", self.networks),
            ("meldingen", self.notifications),
        )
        for label, step in steps:
            started = timezone.now()
            step()
            seconds = (timezone.now() - started).total_seconds()
            self.log(f"{label}: klaar in {seconds:.1f} s")

    # --- reference data ---------------------------------------------------------

    def regions(self) -> None:
        if Region.objects.count() < 35:
            call_command("import_regions", verbosity=0)
        self.regions_list = list(Region.objects.exclude(code="AM99").order_by("code"))
        self.region_codes = {region.pk: region.code for region in self.regions_list}
        self.rows[str(Region._meta.verbose_name_plural)] = len(self.regions_list)

    def organisations(self) -> None:
        counts, rng = self.counts, self.rng
        schools = []
        for index in range(counts.mbo_institutions + counts.vmbo_schools):
            is_mbo = index < counts.mbo_institutions
            region = self.regions_list[index % len(self.regions_list)]
            kind = "mbo" if is_mbo else "vmbo"
            name = f"Fictief ROC {index + 1}" if is_mbo else f"Fictieve vmbo-school {index + 1}"
            schools.append(
                Organisation(
                    kind=kind,
                    code=brin_code(index),
                    name=f"{name} {region.name}",
                    municipality=region.name[:100],
                    region=region,
                )
            )
        companies = [
            Organisation(
                kind="company",
                code=str(FIRST_KVK + index),
                name=f"Fictief Leerbedrijf {index + 1} B.V.",
                municipality="",
                region=rng.choice(self.regions_list),
            )
            for index in range(counts.companies)
        ]
        self._insert(Organisation, schools + companies)
        generated = Organisation.objects.filter(code__in=[o.code for o in schools])
        self.mbo = list(generated.filter(kind="mbo").order_by("code"))
        self.vmbo = list(generated.filter(kind="vmbo").order_by("code"))
        self.company_codes = [o.code for o in companies]
        self.companies_by_region: dict[int, list[Organisation]] = {}
        for company in Organisation.objects.filter(kind="company", code__gte=str(FIRST_KVK)).only(
            "id", "code", "region_id"
        ):
            self.companies_by_region.setdefault(company.region_id, []).append(company)

    def qualifications(self) -> None:
        """Copies of the real SBB samples under new numbers, crebos and titles."""
        sample_crebos = []
        for path in sorted((Path(settings.DATA_DIR) / "sbb").glob("*.xml")):
            import_sbb_file(path)
            dossier = DefusedET.parse(path).getroot().find("dossiers/dossier")
            sample_crebos.append(dossier.find("dossiercrebos/dossiercrebo").text.strip())
        samples = list(
            QualificationFile.objects.filter(crebo__in=sample_crebos)
            .order_by("crebo")
            .prefetch_related(
                "qualifications",
                "core_tasks__work_processes",
                "core_tasks__knowledge_skills",
            )
        )
        files, qualifications = [], []
        for index in range(self.counts.dossiers):
            sample = samples[index % len(samples)]
            title = f"{sample.title} (fictief {index + 1})"
            files.append(
                QualificationFile(
                    number=str(FIRST_FILE_NUMBER + index),
                    crebo=str(FIRST_FILE_CREBO + index),
                    title=title,
                    normalized_title=normalize_title(title),
                    status=sample.status,
                    version=sample.version,
                    valid_from=sample.valid_from,
                    end_of_intake=sample.end_of_intake,
                    end_of_programme=sample.end_of_programme,
                    domain_id=sample.domain_id,
                    sector_chamber_id=sample.sector_chamber_id,
                )
            )
        files = self._insert(QualificationFile, files)
        files = list(
            QualificationFile.objects.filter(crebo__gte=str(FIRST_FILE_CREBO)).order_by("crebo")
        )
        for index, file in enumerate(files):
            sample = samples[index % len(samples)]
            for number, profile in enumerate(sample.qualifications.all()):
                title = f"{profile.title} (fictief {index + 1})"
                qualifications.append(
                    Qualification(
                        file=file,
                        sbb_id=f"{profile.sbb_id}-{index}",
                        chapter=profile.chapter,
                        crebo=str(FIRST_QUALIFICATION_CREBO + index * 10 + number),
                        title=title,
                        normalized_title=normalize_title(title),
                        level=profile.level,
                        study_load_hours=profile.study_load_hours,
                        programme_kind=profile.programme_kind,
                        valid_from=profile.valid_from,
                        end_of_intake=profile.end_of_intake,
                        end_of_programme=profile.end_of_programme,
                    )
                )
        self._insert(Qualification, qualifications)
        by_file_chapter = {
            (q.file_id, q.chapter): q.pk
            for q in Qualification.objects.filter(crebo__gte=str(FIRST_QUALIFICATION_CREBO))
        }
        sample_chapters = {
            q.pk: q.chapter for sample in samples for q in sample.qualifications.all()
        }
        tasks = []
        for index, file in enumerate(files):
            sample = samples[index % len(samples)]
            for task in sample.core_tasks.all():
                profile = None
                if task.qualification_id:
                    profile = by_file_chapter[(file.pk, sample_chapters[task.qualification_id])]
                tasks.append(
                    CoreTask(
                        file=file,
                        qualification_id=profile,
                        code=task.code,
                        sbb_id=f"{task.sbb_id}-{index}",
                        title=task.title,
                        normalized_title=task.normalized_title,
                        position=task.position,
                    )
                )
        self._insert(CoreTask, tasks)
        task_ids = {
            (t.file_id, t.code): t.pk
            for t in CoreTask.objects.filter(file__in=files).only("id", "file_id", "code")
        }
        processes, skills = [], []
        for index, file in enumerate(files):
            sample = samples[index % len(samples)]
            for task in sample.core_tasks.all():
                task_id = task_ids[(file.pk, task.code)]
                for process in task.work_processes.all():
                    processes.append(
                        WorkProcess(
                            core_task_id=task_id,
                            code=process.code,
                            sbb_id=f"{process.sbb_id}-{index}",
                            title=process.title,
                            normalized_title=process.normalized_title,
                            position=process.position,
                        )
                    )
                for skill in task.knowledge_skills.all():
                    skills.append(
                        KnowledgeSkill(
                            core_task_id=task_id,
                            sbb_id=skill.sbb_id,
                            text=skill.text,
                            position=skill.position,
                        )
                    )
        self._insert(WorkProcess, processes)
        self._insert(KnowledgeSkill, skills)
        self.qualification_list = list(
            Qualification.objects.filter(crebo__gte=str(FIRST_QUALIFICATION_CREBO)).order_by(
                "crebo"
            )
        )
        self.basis_tasks = {}
        for task in CoreTask.objects.filter(file__in=files, qualification__isnull=True):
            self.basis_tasks.setdefault(task.file_id, task.code)

    def electives(self) -> None:
        rng = self.rng
        electives = []
        for index in range(self.counts.electives):
            title = f"Fictief keuzedeel {index + 1}"
            electives.append(
                ElectiveModule(
                    code=f"K{FIRST_ELECTIVE + index:04}",
                    title=title,
                    normalized_title=normalize_title(title),
                    level=rng.choice([None, 2, 3, 4]),
                    study_load_hours=rng.choice([240, 240, 480, 720]),
                    has_certificate=rng.random() < 0.3,
                )
            )
        self._insert(ElectiveModule, electives)
        self.elective_codes = [e.code for e in electives]

    # --- people and experiments -------------------------------------------------

    def users(self) -> None:
        """School authors at every school first, then the national roles."""
        counts, password = self.counts, make_password(PASSWORD)
        national = {
            Role.SBB_REVIEWER: (Organisation.Kind.SBB, "SBB", "SBB"),
            Role.INSPECTORATE_REVIEWER: (Organisation.Kind.INSPECTORATE, "INSP", "Inspectie"),
            Role.MINISTRY_STAFF: (Organisation.Kind.MINISTRY, "OCW", "Ministerie van OCW"),
            Role.ADMINISTRATOR: (Organisation.Kind.MINISTRY, "OCW", "Ministerie van OCW"),
        }
        bodies = {}
        for kind, code, name in national.values():
            bodies[code], _created = Organisation.objects.get_or_create(
                code=code, defaults={"kind": kind, "name": name}
            )
        national_share = {
            Role.SBB_REVIEWER: 0.04,
            Role.INSPECTORATE_REVIEWER: 0.02,
            Role.MINISTRY_STAFF: 0.03,
            Role.ADMINISTRATOR: 0.01,
        }
        plan = []
        for role, share in national_share.items():
            organisation = bodies[national[role][1]]
            plan += [(role, organisation)] * max(1, round(counts.users * share))
        schools = self.mbo + self.vmbo
        authors = max(len(schools), counts.users - len(plan))
        plan = [(Role.SCHOOL_AUTHOR, schools[i % len(schools)]) for i in range(authors)] + plan
        users = []
        for index, (role, organisation) in enumerate(plan):
            username = f"{USERNAME_PREFIX}{role.replace('_', '-')}-{index + 1:05}"
            users.append(
                User(
                    username=username,
                    email=f"{username}@example.invalid",
                    first_name="Fictieve",
                    last_name=f"Gebruiker {index + 1}",
                    password=password,
                    organisation=organisation,
                    role=role,
                    **admin_flags(role),
                )
            )
        self._insert(User, users)
        generated = User.objects.filter(username__startswith=USERNAME_PREFIX)
        self.user_ids = list(generated.values_list("pk", flat=True))
        self.author_by_school = {}
        for user in generated.filter(role=Role.SCHOOL_AUTHOR).only("pk", "organisation_id"):
            self.author_by_school.setdefault(user.organisation_id, user.pk)
        self.reviewers = list(generated.filter(role=Role.SBB_REVIEWER).values_list("pk", flat=True))
        self.inspectors = list(
            generated.filter(role=Role.INSPECTORATE_REVIEWER).values_list("pk", flat=True)
        )

    def participations(self) -> None:
        """Ruimte voor de regio: 15 mbo schools (5 + 10); the pilot: 136 vmbo schools (at
        scale 1); Cross-overs: a quarter of the mbo institutions."""
        experiments = {e.slug: e for e in Experiment.objects.all()}
        self.experiments = experiments
        rows = []
        regional = experiments["ruimte-voor-de-regio"]
        self.regional_schools = self.mbo[: min(15, len(self.mbo))]
        for index, school in enumerate(self.regional_schools):
            cohort = "2019/20" if index < 5 else "2020/21"
            rows.append(self._participation(regional, school, cohort))
        cross = experiments["cross-overs"]
        self.cross_over_schools = self.mbo[: max(1, len(self.mbo) // 4)]
        for school in self.cross_over_schools:
            rows.append(self._participation(cross, school, "2020/21"))
        pilot = experiments["pilot-praktijkgerichte-programmas"]
        size = min(len(self.vmbo), max(1, round(136 * len(self.vmbo) / 650)))
        self.pilot_schools = self.vmbo[:size]
        for school in self.pilot_schools:
            rows.append(self._participation(pilot, school, "2020/21"))
        self._insert(Participation, rows)

    def _participation(self, experiment, school, cohort) -> Participation:
        return Participation(
            experiment=experiment,
            school=school,
            cohort=cohort,
            status=Participation.Status.ADMITTED,
            motivation="Fictieve aanmelding (gegenereerd).",
            decision_reason="Toegelaten (gegenereerd).",
            decided_at=self.now,
        )

    # --- submissions ------------------------------------------------------------

    def submissions(self) -> None:
        """Submissions of the three kinds in every state, each with three versions."""
        rng, kinds = self.rng, ("regional_programme", "cross_over", "practice_programme")
        states = [
            (Submission.State.APPROVED, 40),
            (Submission.State.UNDER_REVIEW, 15),
            (Submission.State.SUBMITTED, 5),
            (Submission.State.CHANGES_REQUESTED, 10),
            (Submission.State.REJECTED, 10),
            (Submission.State.DRAFT, 10),
            (Submission.State.WITHDRAWN, 10),
        ]
        state_choices = [state for state, weight in states for _i in range(weight)]
        submissions, documents = [], []
        for index in range(self.counts.submissions):
            kind = kinds[index % len(kinds)]
            document = self._document(kind, index)
            school = self._school_by_code[document["school"]]
            state = rng.choice(state_choices)
            submitted = self.now - datetime.timedelta(days=rng.randint(1, 5 * 365))
            submissions.append(
                Submission(
                    kind=kind,
                    school=school,
                    title=document.get("title") or f"Praktijkgericht programma {index + 1}",
                    state=state,
                    experiment=self.experiments[document.get("experiment", _PILOT)],
                    region_id=school.region_id,
                    draft=document if state in Submission.EDITABLE_STATES else {},
                    submitted_at=None if state == Submission.State.DRAFT else submitted,
                    decided_at=submitted + datetime.timedelta(days=rng.randint(5, 120))
                    if state in Submission.FINAL_STATES
                    else None,
                    created_by_id=self.author_by_school.get(school.pk, self.user_ids[0]),
                )
            )
            documents.append(document)
        submissions = self._insert(Submission, submissions)
        if not submissions or submissions[0].pk is None:  # backends without RETURNING
            submissions = list(Submission.objects.order_by("pk"))[-len(documents) :]
        stamp = reference_data_stamp()
        versions = []
        for submission, document in zip(submissions, documents, strict=True):
            for number in (1, 2, 3):
                text = json.dumps(document, ensure_ascii=False)
                versions.append(
                    SubmissionVersion(
                        submission=submission,
                        number=number,
                        document=document,
                        source_text=text,
                        created_by_id=submission.created_by_id,
                    )
                )
        versions = self._insert(SubmissionVersion, versions)
        if not versions or versions[0].pk is None:
            versions = list(
                SubmissionVersion.objects.filter(submission__in=submissions).order_by(
                    "submission_id", "number"
                )
            )
        reports, comments, decisions = [], [], []
        for version in versions:
            submission = version.submission
            reports.append(
                ValidationReport(
                    version=version,
                    valid=version.number == 3,
                    findings=[] if version.number == 3 else [_OLD_FINDING],
                    checked_at=self.now,
                    reference_data_stamp=stamp,
                )
            )
            if submission.state == Submission.State.DRAFT:
                continue
            comments.append(
                ReviewComment(
                    submission=submission,
                    version=version,
                    section="regional_section" if submission.kind == kinds[0] else "",
                    author_id=rng.choice(self.reviewers),
                    text=f"Fictieve opmerking bij versie {version.number}.",
                )
            )
            outcome = _OUTCOMES.get(submission.state)
            if version.number < 3:
                outcome = Decision.Outcome.CHANGES_REQUESTED
            if outcome is None:
                continue
            decisions.append(
                Decision(
                    submission=submission,
                    version=version,
                    body=Decision.Body.SBB,
                    outcome=outcome,
                    reason="Fictieve beoordeling (gegenereerd).",
                    decided_by_id=rng.choice(self.reviewers),
                )
            )
        self._insert(ValidationReport, reports)
        self._insert(ReviewComment, comments)
        self._insert(Decision, decisions)

    @property
    def _school_by_code(self) -> dict[str, Organisation]:
        if not hasattr(self, "_schools"):
            self._schools = {school.code: school for school in self.mbo + self.vmbo}
        return self._schools

    def _document(self, kind: str, index: int) -> dict:
        """A document of the kind in the interchange format, on generated references."""
        rng = self.rng
        qualification = rng.choice(self.qualification_list)
        start = datetime.date(2021 + index % 4, 8, 1)
        base = {"format": "vet-submission/1", "kind": kind}
        if kind == "regional_programme":
            school = self.regional_schools[index % len(self.regional_schools)]
            company = rng.choice(self.companies_by_region.get(school.region_id) or [None])
            return base | {
                "school": school.code,
                "experiment": "ruimte-voor-de-regio",
                "title": f"{qualification.title} — regionaal profiel {index + 1}",
                "region": self.region_codes[school.region_id],
                "start_date": start.isoformat(),
                "submitted_on": (start - datetime.timedelta(days=150)).isoformat(),
                "national_section": {"qualification": qualification.crebo},
                "regional_section": {
                    "title": "Regionaal deel (fictief)",
                    "hours": 400,
                    "learning_outcomes": [{"code": "R1", "text": "Werkt in de regio"}],
                    "contributors": [
                        {"name": "Fictieve docent", "role": "teacher", "organisation": school.code},
                        {
                            "name": "Fictieve expert",
                            "role": "company_expert",
                            "organisation": company.code if company else self.company_codes[0],
                        },
                    ],
                },
                "electives": [{"type": "national", "code": rng.choice(self.elective_codes)}],
            }
        if kind == "cross_over":
            school = self.cross_over_schools[index % len(self.cross_over_schools)]
            other = rng.choice(self.qualification_list)
            return base | {
                "school": school.code,
                "experiment": "cross-overs",
                "title": f"Cross-over {index + 1} (fictief)",
                "level": qualification.level,
                "region": self.region_codes[school.region_id],
                "submitted_on": "2021-03-01",
                "start_date": "2021-08-01",
                "end_date": "2025-07-31",
                "labour_market_need": "Fictieve vraag uit de regionale arbeidsmarkt.",
                "parts": [
                    {
                        "qualification": q.crebo,
                        "core_task": self.basis_tasks.get(q.file_id, "B1-K1"),
                    }
                    for q in (qualification, other)
                ],
                "inspectorate_review_needed": index % 10 == 0,
            }
        school = self.pilot_schools[index % len(self.pilot_schools)]
        mbo = self.mbo[index % len(self.mbo)]
        return base | {
            "school": school.code,
            "theme": rng.choice(["T&T", "Z&W", "D&P", "E&O", "IT"]),
            "hours": 320,
            "budget_eur": 150_000,
            "period": {"start": "2020-12-15", "end": "2024-07-31"},
            "partners": [
                {"kind": "mbo", "organisation": mbo.code},
                {"kind": "company", "organisation": rng.choice(self.company_codes)},
            ],
            "activity_plan": "Fictief activiteitenplan (gegenereerd).",
        }

    # --- pathways, networks, notifications ------------------------------------

    def pathways(self) -> None:
        rng = self.rng
        statuses = [Route.Status.ACTIVE] * 7 + [
            Route.Status.ENDED,
            Route.Status.VALIDATED,
            Route.Status.DRAFT,
        ]
        mbo_by_region: dict[int, list[Organisation]] = {}
        for school in self.mbo:
            mbo_by_region.setdefault(school.region_id, []).append(school)
        level_two = [q for q in self.qualification_list if q.level == 2] or self.qualification_list
        higher = [q for q in self.qualification_list if q.level >= 3] or self.qualification_list
        routes = []
        for index in range(self.counts.pathways):
            vmbo = self.vmbo[index % len(self.vmbo)]
            mbo = rng.choice(mbo_by_region.get(vmbo.region_id) or self.mbo)
            track = rng.choice(["bb", "kb", "gl", "tl"])
            integrated = track in ("bb", "kb") and rng.random() < 0.3
            status = rng.choice(statuses)
            registered = status in (Route.Status.ACTIVE, Route.Status.ENDED)
            start = datetime.date(2020 + index % 5, 8, 1)
            routes.append(
                Route(
                    vmbo_school=vmbo,
                    mbo_institution=mbo,
                    basis=Route.Basis.LAW,
                    route_type="integrated" if integrated else "continuous",
                    vmbo_track=track,
                    target_qualification_id=rng.choice(
                        level_two if track in ("bb", "kb") else higher
                    ).crebo,
                    location=rng.choice(["vmbo", "mbo"]),
                    start_date=start,
                    region_id=vmbo.region_id,
                    agreement_signed_on=start - datetime.timedelta(days=90),
                    switch_arrangement="Fictieve overstapregeling.",
                    financial_arrangements="Fictieve financiële afspraken.",
                    fallback_destinations=["vmbo-bb", "mbo-2"] if integrated else [],
                    combined_pta_oer=True,
                    duo_status="registered" if registered else "none",
                    duo_date=start - datetime.timedelta(days=60) if registered else None,
                    status=status,
                    submitted_by_organisation=vmbo,
                    ended_on=datetime.date(2025, 7, 31) if status == Route.Status.ENDED else None,
                )
            )
        self._insert(Route, routes)
        route_ids = list(
            Route.objects.filter(vmbo_school__in=self.vmbo).values_list("pk", flat=True)
        )
        years = []
        for route_id in route_ids:
            for school_year in SCHOOL_YEARS:
                started = rng.randint(5, 40)
                years.append(
                    RouteYear(
                        route_id=route_id,
                        school_year=school_year,
                        started=started,
                        left_to_vmbo_bb=rng.randint(0, 2),
                        left_to_mbo_2=rng.randint(0, 2),
                        left_to_other_mbo=rng.randint(0, 1),
                        left_to_entree=rng.randint(0, 1),
                        left_without_place=int(rng.random() < 0.1),
                    )
                )
        self._insert(RouteYear, years)

    def networks(self) -> None:
        rng = self.rng
        kinds = list(Network.Kind.values)
        networks = [
            Network(
                name=f"Fictief netwerk {index + 1}",
                kind=kinds[index % len(kinds)],
                sector=rng.choice(["zorg", "techniek", "groen", "ict", "economie"]),
                region=self.regions_list[index % len(self.regions_list)],
                start_year=rng.randint(2015, 2025),
                status=Network.Status.ACTIVE if rng.random() < 0.9 else Network.Status.PROPOSED,
            )
            for index in range(self.counts.networks)
        ]
        self._insert(Network, networks)
        schools_by_region: dict[int, list[Organisation]] = {}
        for school in self.mbo + self.vmbo:
            schools_by_region.setdefault(school.region_id, []).append(school)
        memberships = []
        for network in Network.objects.filter(name__startswith="Fictief netwerk "):
            members = schools_by_region.get(network.region_id, [])[:3]
            companies = self.companies_by_region.get(network.region_id, [])[:2]
            for position, organisation in enumerate(members + companies):
                role = NetworkMembership.Role.LEAD if position == 0 else "member"
                if organisation.kind == "company":
                    role = NetworkMembership.Role.COMPANY_PARTNER
                memberships.append(
                    NetworkMembership(
                        network=network,
                        organisation=organisation,
                        role=role,
                        status=NetworkMembership.Status.CONFIRMED,
                    )
                )
        self._insert(NetworkMembership, memberships)

    def notifications(self) -> None:
        rng, user_ids = self.rng, self.user_ids
        rows = []
        for index in range(self.counts.notifications):
            rows.append(
                Notification(
                    recipient_id=user_ids[index % len(user_ids)],
                    kind="generated",
                    subject=f"Fictieve melding {index + 1}",
                    body="Gegenereerd voor de meting op landelijke schaal.",
                    url="/indieningen/",
                    created_at=self.now - datetime.timedelta(minutes=index),
                    read_at=self.now if rng.random() < 0.7 else None,
                )
            )
            if len(rows) == 10 * BATCH:
                self._insert(Notification, rows)
                rows = []
        self._insert(Notification, rows)


_PILOT = "pilot-praktijkgerichte-programmas"
_OUTCOMES = {
    Submission.State.APPROVED: Decision.Outcome.APPROVED,
    Submission.State.REJECTED: Decision.Outcome.REJECTED,
    Submission.State.CHANGES_REQUESTED: Decision.Outcome.CHANGES_REQUESTED,
}
# What an earlier version of a generated submission was told.
_OLD_FINDING = {
    "rule": "FMT-01",
    "severity": "error",
    "path": "title",
    "message": "Fictieve bevinding van een eerdere versie.",
    "source": "docs/interchange.md",
}
