"""Reads for the OOAPI publication: every public record as the OOAPI v5 object it
becomes (see the README, "Open Education API (OOAPI v5)", for the mapping).

A `Catalogue` loads each collection with a fixed number of queries (a handful
per collection, never one per record) and builds the objects in Python, so a
list page costs the same number of queries at any data size. Identifiers are
uuid5 values of the records' natural codes (`ids.uid`).
"""

import datetime
from dataclasses import dataclass, field
from functools import cache, cached_property

from django.conf import settings
from django.db.models import JSONField, Max, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from pathways.models import Route, RouteYear
from qualifications.models import (
    ElectiveModule,
    ImportRun,
    Qualification,
    QualificationFile,
    VetCertificate,
)
from regions.models import Organisation
from rules.registry import Kind
from submissions.models import Submission, SubmissionVersion

from .ids import uid

SECTOR = "secondary vocational education"
TEACHING_LANGUAGE = "nld"
LANGUAGES = (("nl", "nl-NL"), ("en", "en-GB"))
# How many school years of offerings one programme shows at most.
MAX_OFFERINGS = 12


@dataclass
class Record:
    """One published object: its OOAPI dict plus what lists filter and sort on."""

    id: str
    sub: str  # what it is made from: root, mbo, vmbo, dossier, qualification, …
    name: str
    code: str
    data: dict
    # Ids of related records, for the nested lists and `expand`.
    parent: str | None = None
    children: list[str] = field(default_factory=list)
    organizations: set[str] = field(default_factory=set)
    specifications: set[str] = field(default_factory=set)
    start: datetime.date | None = None
    end: datetime.date | None = None
    # Programs only: the national keuzedelen they name, and their starts.
    electives: list[str] = field(default_factory=list)
    offerings: list["Record"] = field(default_factory=list)


def dutch(value: str) -> list[dict]:
    """A LanguageTypedString list with only the Dutch text (names from the sources)."""
    return [{"language": "nl-NL", "value": value}]


@cache
def _translations(message: str) -> tuple[tuple[str, str], ...]:
    """(language tag, translated message) for every published language; the
    catalogues do not change while the process runs, so this is asked once."""
    result = []
    for code, tag in LANGUAGES:
        with translation.override(code):
            result.append((tag, gettext(message)))
    return tuple(result)


def both(message: str, **params) -> list[dict]:
    """A LanguageTypedString list of a translatable English `message`, in Dutch and English."""
    return [{"language": tag, "value": text % params} for tag, text in _translations(message)]


def level_fields(level) -> dict:
    """`level` and `levelOfQualification` of an mbo level (1–4), or the sector's level."""
    if level in (1, 2, 3, 4):
        return {
            "level": f"{SECTOR} {level}",
            "levelOfQualification": str(level),
            "sector": SECTOR,
        }
    return {"level": SECTOR, "sector": SECTOR}


def study_load(hours) -> dict:
    return {"studyLoad": {"studyLoadUnit": "sbu", "value": hours}} if hours else {}


def school_year_of(day: datetime.date) -> int:
    """The first calendar year of the school year (1 August – 31 July) of `day`."""
    return day.year if day.month >= 8 else day.year - 1


def school_year_label(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


def parse_date(value) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(value))
    except (TypeError, ValueError):
        return None


def root_id() -> str:
    return uid("organization", "root")


def organization_id(brin: str) -> str:
    return uid("organization", brin)


def specification_id(kind: str, code: str) -> str:
    return uid("education-specification", f"{kind}:{code}")


def course_id(code: str) -> str:
    return uid("course", code)


def certificate_code(row: dict) -> str:
    """A certificate's code: SBB's id, else what it is attached to."""
    if row["sbb_id"]:
        return row["sbb_id"]
    if row["elective__code"]:
        return f"{row['elective__code']}-certificaat"
    crebo = row["qualification__crebo"] or row["core_task__file__crebo"]
    if row["core_task__code"]:
        return f"{crebo}-{row['core_task__code']}"
    return f"{crebo}-certificaat-{row['pk']}"


def last_modified() -> datetime.datetime | None:
    """When the published data last changed, as far as the database records it:
    the last finished reference import, organisation change, route change,
    recorded school year or approval."""
    stamps = [
        ImportRun.objects.filter(status=ImportRun.Status.SUCCEEDED).aggregate(
            at=Max("finished_at")
        )["at"],
        Organisation.objects.aggregate(at=Max("updated_at"))["at"],
        Route.objects.aggregate(at=Max("updated_at"))["at"],
        RouteYear.objects.aggregate(at=Max("updated_at"))["at"],
        Submission.objects.filter(state=Submission.State.APPROVED).aggregate(at=Max("decided_at"))[
            "at"
        ],
    ]
    stamps = [stamp for stamp in stamps if stamp is not None]
    return max(stamps) if stamps else None


class Catalogue:
    """The published records, loaded per collection on first use."""

    def __init__(self, absolute):
        # absolute(path) -> an absolute URL on this site.
        self.absolute = absolute

    # --- Organizations -----------------------------------------------------------------

    @cached_property
    def organizations(self) -> dict[str, Record]:
        rows = (
            Organisation.objects.filter(kind__in=Organisation.SCHOOL_KINDS)
            .order_by("name", "code")
            .values("code", "name", "kind", "municipality", "region__code", "region__name")
        )
        records: dict[str, Record] = {}
        schools = []
        for row in rows:
            record_id = organization_id(row["code"])
            if row["kind"] == Organisation.Kind.VET_INSTITUTION:
                description = both(
                    gettext_noop("mbo institution in %(place)s, labour-market region %(region)s"),
                    place=row["municipality"] or "?",
                    region=row["region__name"] or "?",
                )
            else:
                description = both(
                    gettext_noop("vmbo school in %(place)s, labour-market region %(region)s"),
                    place=row["municipality"] or "?",
                    region=row["region__name"] or "?",
                )
            data = {
                "organizationId": record_id,
                "primaryCode": {"codeType": "brin", "code": row["code"]},
                "organizationType": "institute" if row["kind"] == "mbo" else "school",
                "name": dutch(row["name"]),
                "shortName": row["name"][:256],
                "description": description,
                "parent": root_id(),
            }
            schools.append(
                Record(record_id, row["kind"], row["name"], row["code"], data, parent=root_id())
            )
        name = settings.OOAPI_OPERATOR_NAME
        root = Record(
            root_id(),
            "root",
            name,
            settings.OOAPI_OPERATOR_CODE,
            {
                "organizationId": root_id(),
                "primaryCode": {"codeType": "identifier", "code": settings.OOAPI_OPERATOR_CODE},
                "organizationType": "root",
                "name": [{"language": tag, "value": name} for _code, tag in LANGUAGES],
                "shortName": name[:256],
                "description": both(
                    gettext_noop(
                        "Publishes the national mbo qualification structure, the approved "
                        "regionalised programmes and cross-overs and the continuous vmbo–mbo "
                        "pathways of the Dutch labour-market regions."
                    )
                ),
                "link": self.absolute("/"),
                "children": [school.id for school in schools],
            },
            children=[school.id for school in schools],
        )
        records[root.id] = root
        for school in schools:
            records[school.id] = school
        return records

    # --- Education specifications ---------------------------------------------------------

    @cached_property
    def specifications(self) -> dict[str, Record]:
        records: dict[str, Record] = {}
        root = root_id()
        files = QualificationFile.objects.order_by("title", "crebo").values(
            "crebo", "number", "title", "status", "valid_from", "end_of_programme"
        )
        for row in files:
            record_id = specification_id("dossier", row["crebo"])
            data = {
                "educationSpecificationId": record_id,
                "primaryCode": {"codeType": "crohoCreboCode", "code": row["crebo"]},
                "otherCodes": [{"codeType": "x-sbbDossierNumber", "code": row["number"]}],
                "educationSpecificationType": "cluster",
                "name": dutch(row["title"]),
                "abbreviation": row["crebo"],
                "description": both(
                    gettext_noop(
                        "Qualification file (kwalificatiedossier) %(crebo)s, status: %(status)s."
                    ),
                    crebo=row["crebo"],
                    status=row["status"],
                ),
                "teachingLanguage": TEACHING_LANGUAGE,
                **level_fields(None),
                "link": self.absolute(
                    reverse("qualifications:dossier-detail", args=[row["crebo"]])
                ),
                "organization": root,
                **self._validity(row),
            }
            records[record_id] = Record(
                record_id, "dossier", row["title"], row["crebo"], data, organizations={root}
            )
        qualifications = Qualification.objects.order_by("title", "crebo").values(
            "crebo",
            "sbb_id",
            "title",
            "level",
            "study_load_hours",
            "valid_from",
            "end_of_programme",
            "file__crebo",
            "file__title",
        )
        for row in qualifications:
            record_id = specification_id("qualification", row["crebo"])
            parent = specification_id("dossier", row["file__crebo"])
            data = {
                "educationSpecificationId": record_id,
                "primaryCode": {"codeType": "crohoCreboCode", "code": row["crebo"]},
                "otherCodes": [{"codeType": "x-sbbId", "code": row["sbb_id"]}],
                "educationSpecificationType": "program",
                "name": dutch(row["title"]),
                "abbreviation": row["crebo"],
                "description": both(
                    gettext_noop(
                        "Qualification %(crebo)s at mbo level %(level)s, of the qualification "
                        "file %(file)s (%(file_crebo)s)."
                    ),
                    crebo=row["crebo"],
                    level=row["level"],
                    file=row["file__title"],
                    file_crebo=row["file__crebo"],
                ),
                "teachingLanguage": TEACHING_LANGUAGE,
                "formalDocument": "diploma",
                **level_fields(row["level"]),
                **study_load(row["study_load_hours"]),
                "link": self.absolute(
                    reverse("qualifications:qualification-detail", args=[row["crebo"]])
                ),
                "parent": parent,
                "organization": root,
                **self._validity(row),
            }
            records[record_id] = Record(
                record_id,
                "qualification",
                row["title"],
                row["crebo"],
                data,
                parent=parent,
                organizations={root},
            )
        electives = ElectiveModule.objects.order_by("title", "code").values(
            "code", "title", "level", "study_load_hours", "has_certificate"
        )
        for row in electives:
            record_id = specification_id("keuzedeel", row["code"])
            data = {
                "educationSpecificationId": record_id,
                "primaryCode": {"codeType": "x-keuzedeelCode", "code": row["code"]},
                "educationSpecificationType": "course",
                "name": dutch(row["title"]),
                "abbreviation": row["code"],
                "description": both(
                    gettext_noop(
                        "Keuzedeel %(code)s of the national register, %(hours)s hours (SBU)."
                    ),
                    code=row["code"],
                    hours=row["study_load_hours"],
                ),
                "teachingLanguage": TEACHING_LANGUAGE,
                "formalDocument": "certificate"
                if row["has_certificate"]
                else "no official document",
                **level_fields(row["level"]),
                **study_load(row["study_load_hours"]),
                "link": self.absolute(
                    reverse("qualifications:elective-detail", args=[row["code"]])
                ),
                "organization": root,
            }
            records[record_id] = Record(
                record_id, "keuzedeel", row["title"], row["code"], data, organizations={root}
            )
        certificates = VetCertificate.objects.order_by("title", "pk").values(
            "pk",
            "title",
            "sbb_id",
            "qualification__crebo",
            "qualification__level",
            "core_task__code",
            "core_task__file__crebo",
            "elective__code",
            "elective__level",
        )
        for row in certificates:
            code = certificate_code(row)
            record_id = specification_id("certificate", code)
            if row["qualification__crebo"]:
                parent = specification_id("qualification", row["qualification__crebo"])
            elif row["elective__code"]:
                parent = specification_id("keuzedeel", row["elective__code"])
            else:
                parent = specification_id("dossier", row["core_task__file__crebo"])
            data = {
                "educationSpecificationId": record_id,
                "primaryCode": {"codeType": "x-certificateCode", "code": code},
                "educationSpecificationType": "program",
                "name": dutch(row["title"]),
                "abbreviation": code[:256],
                "description": both(gettext_noop("mbo-certificate %(code)s."), code=code),
                "teachingLanguage": TEACHING_LANGUAGE,
                "formalDocument": "certificate",
                **level_fields(row["qualification__level"] or row["elective__level"]),
                "parent": parent,
                "organization": root,
            }
            records[record_id] = Record(
                record_id,
                "certificate",
                row["title"],
                code,
                data,
                parent=parent,
                organizations={root},
            )
        # Children: every record whose parent is published.
        for record in records.values():
            if record.parent in records:
                records[record.parent].children.append(record.id)
        for record in records.values():
            if record.children:
                record.data["children"] = list(record.children)
        return records

    @staticmethod
    def _validity(row) -> dict:
        fields = {}
        if row.get("valid_from"):
            fields["validFrom"] = row["valid_from"].isoformat()
        if row.get("end_of_programme"):
            # OOAPI's validTo is exclusive: the day after the last day.
            fields["validTo"] = (row["end_of_programme"] + datetime.timedelta(days=1)).isoformat()
        return fields

    # --- Programs -------------------------------------------------------------------------

    @cached_property
    def programs(self) -> dict[str, Record]:
        latest_document = Subquery(
            SubmissionVersion.objects.filter(submission=OuterRef("pk"))
            .order_by("-number")
            .values("document")[:1],
            output_field=JSONField(),
        )
        submissions = list(
            Submission.objects.filter(
                kind__in=(Kind.REGIONAL_PROGRAMME, Kind.CROSS_OVER),
                state=Submission.State.APPROVED,
            )
            .annotate(document=latest_document)
            .order_by("title", "pk")
            .values(
                "pk",
                "kind",
                "title",
                "school__code",
                "school__name",
                "school__kind",
                "experiment__name",
                "document",
            )
        )
        routes = list(
            Route.objects.filter(status=Route.Status.ACTIVE)
            .order_by("target_qualification__title", "pk")
            .values(
                "pk",
                "vmbo_school__code",
                "vmbo_school__name",
                "mbo_institution__code",
                "mbo_institution__name",
                "target_qualification__crebo",
                "target_qualification__title",
                "target_qualification__level",
                "vmbo_track",
                "route_type",
                "start_date",
                "region__name",
            )
        )
        started: dict[tuple[int, str], int] = {
            (row["route_id"], row["school_year"]): row["started"]
            for row in RouteYear.objects.filter(route__status=Route.Status.ACTIVE).values(
                "route_id", "school_year", "started"
            )
        }
        documents = {
            row["pk"]: row["document"] if isinstance(row["document"], dict) else {}
            for row in submissions
        }
        crebos = set()
        for document in documents.values():
            crebos.update(self._crebos_of(document))
        qualifications = {
            row["crebo"]: row
            for row in Qualification.objects.filter(crebo__in=crebos).values(
                "crebo", "title", "level"
            )
        }
        records: dict[str, Record] = {}
        for row in submissions:
            record = self._submission_program(row, documents[row["pk"]], qualifications)
            records[record.id] = record
        for row in routes:
            record = self._route_program(row, started)
            records[record.id] = record
        return records

    @staticmethod
    def _crebos_of(document: dict) -> list[str]:
        if document.get("kind") == Kind.CROSS_OVER:
            parts = document.get("parts")
            parts = parts if isinstance(parts, list) else []
            crebos = [part.get("qualification") for part in parts if isinstance(part, dict)]
        else:
            section = document.get("national_section") or {}
            crebos = [section.get("qualification")] if isinstance(section, dict) else []
        return list(dict.fromkeys(str(crebo) for crebo in crebos if crebo))

    def _submission_program(self, row, document, qualifications) -> Record:
        is_cross_over = row["kind"] == Kind.CROSS_OVER
        code = f"{'cross-over' if is_cross_over else 'regionaal'}-{row['pk']}"
        record_id = uid("program", code)
        crebos = [crebo for crebo in self._crebos_of(document) if crebo in qualifications]
        organization = organization_id(row["school__code"])
        if is_cross_over:
            level = document.get("level")
            description = both(
                gettext_noop(
                    "Cross-over qualification of %(school)s (%(brin)s), combining parts of the "
                    "qualifications %(crebos)s; approved in the experiment %(experiment)s."
                ),
                school=row["school__name"],
                brin=row["school__code"],
                crebos=", ".join(crebos) or "?",
                experiment=row["experiment__name"] or "?",
            )
        else:
            qualification = qualifications.get(crebos[0]) if crebos else None
            level = qualification["level"] if qualification else None
            description = both(
                gettext_noop(
                    "Regionalised programme of %(school)s (%(brin)s) for the qualification "
                    "%(qualification)s (%(crebo)s); approved in the experiment %(experiment)s."
                ),
                school=row["school__name"],
                brin=row["school__code"],
                qualification=qualification["title"] if qualification else "?",
                crebo=crebos[0] if crebos else "?",
                experiment=row["experiment__name"] or "?",
            )
        start = parse_date(document.get("start_date"))
        end = parse_date(document.get("end_date")) if is_cross_over else None
        data = {
            "programId": record_id,
            "primaryCode": {"codeType": "programCode", "code": code},
            "programType": "program",
            "name": dutch(row["title"]),
            "abbreviation": code,
            "description": description,
            "teachingLanguage": TEACHING_LANGUAGE,
            **level_fields(level if isinstance(level, int) else None),
            "organization": organization,
        }
        if crebos:
            data["educationSpecification"] = specification_id("qualification", crebos[0])
            data["otherCodes"] = [{"codeType": "crohoCreboCode", "code": crebo} for crebo in crebos]
        if start:
            data["firstStartDate"] = start.isoformat()
            data["validFrom"] = start.isoformat()
        if end:
            data["validTo"] = (end + datetime.timedelta(days=1)).isoformat()
        electives = document.get("electives")
        electives = [
            str(item.get("code"))
            for item in (electives if isinstance(electives, list) else [])
            if isinstance(item, dict) and item.get("type") == "national" and item.get("code")
        ]
        record = Record(
            record_id,
            row["kind"],
            row["title"],
            code,
            data,
            organizations={organization},
            specifications={specification_id("qualification", crebo) for crebo in crebos},
            start=start,
            end=end,
        )
        record.electives = electives
        first = school_year_of(start) if start else None
        if first is not None:
            last = school_year_of(end) if end and end >= start else first
            record.offerings = self._offerings(record, range(first, last + 1), {})
        return record

    def _route_program(self, row, started) -> Record:
        code = "leerroute-{}-{}-{}-{}-{}".format(
            row["vmbo_school__code"],
            row["mbo_institution__code"],
            row["target_qualification__crebo"],
            row["vmbo_track"],
            row["start_date"].isoformat(),
        )
        record_id = uid("program", code)
        crebo = row["target_qualification__crebo"]
        mbo = organization_id(row["mbo_institution__code"])
        vmbo = organization_id(row["vmbo_school__code"])
        name = (
            f"{row['target_qualification__title']}: {row['vmbo_school__name']} → "
            f"{row['mbo_institution__name']}"
        )
        data = {
            "programId": record_id,
            "primaryCode": {"codeType": "programCode", "code": code},
            "programType": "track",
            "name": dutch(name),
            "abbreviation": f"leerroute-{row['pk']}",
            "description": both(
                gettext_noop(
                    "Continuous vmbo–mbo pathway from %(vmbo)s (%(vmbo_brin)s, track %(track)s) to "
                    "the qualification %(qualification)s (%(crebo)s) at %(mbo)s (%(mbo_brin)s), "
                    "labour-market region %(region)s."
                ),
                vmbo=row["vmbo_school__name"],
                vmbo_brin=row["vmbo_school__code"],
                track=row["vmbo_track"],
                qualification=row["target_qualification__title"],
                crebo=crebo,
                mbo=row["mbo_institution__name"],
                mbo_brin=row["mbo_institution__code"],
                region=row["region__name"],
            ),
            "teachingLanguage": TEACHING_LANGUAGE,
            **level_fields(row["target_qualification__level"]),
            "firstStartDate": row["start_date"].isoformat(),
            "validFrom": row["start_date"].isoformat(),
            "link": self.absolute(reverse("pathways:route-detail", args=[row["pk"]])),
            "educationSpecification": specification_id("qualification", crebo),
            "organization": mbo,
            "otherCodes": [{"codeType": "crohoCreboCode", "code": crebo}],
        }
        record = Record(
            record_id,
            "pathway",
            name,
            code,
            data,
            organizations={mbo, vmbo},
            specifications={specification_id("qualification", crebo)},
            start=row["start_date"],
        )
        first = school_year_of(row["start_date"])
        last = max(first, school_year_of(timezone.localdate()))
        years = range(max(first, last - MAX_OFFERINGS + 1), last + 1)
        counts = {
            year: started[(row["pk"], school_year_label(year))]
            for year in years
            if (row["pk"], school_year_label(year)) in started
        }
        record.offerings = self._offerings(record, years, counts)
        return record

    def _offerings(self, program: Record, years, counts: dict[int, int]) -> list[Record]:
        """The programme's starts, one per school year."""
        offerings = []
        for year in list(years)[:MAX_OFFERINGS]:
            label = school_year_label(year)
            code = f"{program.code}/{label}"
            record_id = uid("offering", code)
            start = datetime.date(year, 8, 1)
            if program.start and program.start > start:
                start = program.start
            end = datetime.date(year + 1, 7, 31)
            data = {
                "offeringId": record_id,
                "primaryCode": {"codeType": "offeringCode", "code": code},
                "offeringType": "program",
                "name": both(
                    gettext_noop("%(name)s, intake %(year)s"), name=program.name, year=label
                ),
                "description": both(
                    gettext_noop("Start of the programme in the school year %(year)s."), year=label
                ),
                "teachingLanguage": TEACHING_LANGUAGE,
                "resultExpected": True,
                "startDate": start.isoformat(),
                "endDate": end.isoformat(),
                "program": program.id,
                "organization": program.data["organization"],
            }
            if year in counts:
                data["enrolledNumberStudents"] = counts[year]
            offerings.append(
                Record(
                    record_id,
                    "offering",
                    f"{program.name} {label}",
                    code,
                    data,
                    parent=program.id,
                    organizations=set(program.organizations),
                    start=start,
                    end=end,
                )
            )
        return offerings

    @cached_property
    def offerings(self) -> dict[str, Record]:
        return {
            offering.id: offering
            for program in self.programs.values()
            for offering in program.offerings
        }

    # --- Courses --------------------------------------------------------------------------

    @cached_property
    def courses(self) -> dict[str, Record]:
        root = root_id()
        records: dict[str, Record] = {}
        rows = ElectiveModule.objects.order_by("title", "code").values(
            "code", "title", "level", "study_load_hours"
        )
        for row in rows:
            record_id = course_id(row["code"])
            specification = specification_id("keuzedeel", row["code"])
            data = {
                "courseId": record_id,
                "primaryCode": {"codeType": "x-keuzedeelCode", "code": row["code"]},
                "name": dutch(row["title"]),
                "abbreviation": row["code"],
                "description": both(
                    gettext_noop(
                        "Keuzedeel %(code)s of the national register, %(hours)s hours (SBU)."
                    ),
                    code=row["code"],
                    hours=row["study_load_hours"],
                ),
                "teachingLanguage": TEACHING_LANGUAGE,
                "level": level_fields(row["level"])["level"],
                **study_load(row["study_load_hours"]),
                "link": self.absolute(
                    reverse("qualifications:elective-detail", args=[row["code"]])
                ),
                "educationSpecification": specification,
                "organization": root,
            }
            records[record_id] = Record(
                record_id,
                "keuzedeel",
                row["title"],
                row["code"],
                data,
                organizations={root},
                specifications={specification},
            )
        return records

    # --- What belongs to an organization --------------------------------------------------

    def programs_of(self, organization: Record) -> list[Record]:
        if organization.sub == "root":
            return list(self.programs.values())
        return [p for p in self.programs.values() if organization.id in p.organizations]

    def courses_of(self, organization: Record) -> list[Record]:
        if organization.sub == "root":
            return list(self.courses.values())
        codes = {code for program in self.programs_of(organization) for code in program.electives}
        return [course for course in self.courses.values() if course.code in codes]

    def specifications_of(self, organization: Record) -> list[Record]:
        if organization.sub == "root":
            return list(self.specifications.values())
        wanted = {
            spec for program in self.programs_of(organization) for spec in program.specifications
        }
        wanted.update(
            course.data["educationSpecification"] for course in self.courses_of(organization)
        )
        return [self.specifications[spec] for spec in wanted if spec in self.specifications]

    def offerings_of(self, organization: Record) -> list[Record]:
        return [offering for p in self.programs_of(organization) for offering in p.offerings]
