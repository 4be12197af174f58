"""Reads for the OOAPI publication: every public record as the OOAPI v5 object it
becomes (see the README, "Open Education API (OOAPI v5)", for the mapping).

A `Catalogue` loads each collection with a fixed number of queries (a handful
per collection, never one per record) and builds the objects in Python, so a
list page costs the same number of queries at any data size. Identifiers are
uuid5 values of the records' natural codes (`ids.uid`).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, cached_property, partial

from django.conf import settings
from django.db.models import JSONField, Max, OuterRef, Q, QuerySet, Subquery, TextField
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from core import aggregates
from experiments.kinds import CROSS_OVER, REGIONAL_PROGRAMME
from pathways.models import Route, RouteYear
from qualifications.models import (
    ElectiveModule,
    ImportRun,
    Qualification,
    QualificationFile,
    VetCertificate,
)
from regions.models import Organisation
from submissions.models import Submission, SubmissionVersion

from .ids import uid

SECTOR = "secondary vocational education"
TEACHING_LANGUAGE = "nld"
LANGUAGES = (("nl", "nl-NL"), ("en", "en-GB"))
# How many school years of offerings one programme shows at most.
MAX_OFFERINGS = 12


@dataclass(eq=False)
class Record:
    """One published object. Lists filter, search and sort on the cheap fields
    here; the OOAPI dict (`data`) is built only for the records on the page."""

    id: str
    sub: str  # what it is made from: root, mbo, vmbo, dossier, qualification, …
    name: str
    code: str
    build: Callable[[], dict]
    # The object's values that lists filter on (same names as in the OOAPI object).
    attrs: dict = field(default_factory=dict)
    # Everything `q` searches: name, codes and the names in the description.
    search: str = ""
    # Ids of related records, for the nested lists and `expand`.
    parent: str | None = None
    children: list[str] = field(default_factory=list)
    organizations: set[str] = field(default_factory=set)
    specifications: set[str] = field(default_factory=set)
    start: datetime.date | None = None
    end: datetime.date | None = None
    # Programs only: the keuzedelen of the register they name (K and RK codes),
    # and their school years.
    electives: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    started: dict[int, int] = field(default_factory=dict)
    # The database row's primary key, where the record is one row.
    pk: int | None = None

    @cached_property
    def data(self) -> dict:
        data = self.build()
        if self.children:
            data["children"] = list(self.children)
        return data


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
    """A certificate's code: its own (certificates CSV), SBB's id, else what it is attached to."""
    if row.get("code"):
        return row["code"]
    if row["sbb_id"]:
        return row["sbb_id"]
    if row["elective__code"]:
        return f"{row['elective__code']}-certificaat"
    crebo = row["qualification__crebo"] or row["core_task__file__crebo"]
    if row["core_task__code"]:
        return f"{crebo}-{row['core_task__code']}"
    return f"{crebo}-certificaat-{row['pk']}"


def crebos_of(document: dict) -> list[str]:
    """The crebos an approved document names: a cross-over's parts, or a
    regionalised programme's national qualification."""
    if document.get("kind") == CROSS_OVER:
        parts = document.get("parts")
        parts = parts if isinstance(parts, list) else []
        crebos = [part.get("qualification") for part in parts if isinstance(part, dict)]
    else:
        section = document.get("national_section")
        crebos = [section.get("qualification")] if isinstance(section, dict) else []
    return list(dict.fromkeys(str(crebo) for crebo in crebos if crebo))


def submission_code(row) -> str:
    """An approved programme's code: its kind and number."""
    return f"{'cross-over' if row['kind'] == CROSS_OVER else 'regionaal'}-{row['pk']}"


def route_code(row) -> str:
    """A route's code: its schools, qualification, track and start date."""
    return "leerroute-{}-{}-{}-{}-{}".format(
        row["vmbo_school__code"],
        row["mbo_institution__code"],
        row["target_qualification__crebo"],
        row["vmbo_track"],
        row["start_date"].isoformat(),
    )


def validity(row) -> dict:
    """validFrom/validTo from SBB's dates; OOAPI's validTo is exclusive: the day after."""
    fields = {}
    if row.get("valid_from"):
        fields["validFrom"] = row["valid_from"].isoformat()
    if row.get("end_of_programme"):
        fields["validTo"] = (row["end_of_programme"] + datetime.timedelta(days=1)).isoformat()
    return fields


# The fields of a keuzedeel row that its description reads (one join, no extra query).
REGISTER_FIELDS = ("is_regional", "school__name", "school__code", "region__name", "region__code")


def keuzedeel_description(row) -> list[dict]:
    if row.get("is_regional"):
        return both(
            gettext_noop(
                "Regional keuzedeel %(code)s of %(school)s (%(brin)s), region %(region)s "
                "(%(region_code)s), %(hours)s hours (SBU); in the register since its "
                "regionalised programme was approved."
            ),
            code=row["code"],
            school=row.get("school__name") or "—",
            brin=row.get("school__code") or "—",
            region=row.get("region__name") or "—",
            region_code=row.get("region__code") or "—",
            hours=row["study_load_hours"],
        )
    return both(
        gettext_noop("Keuzedeel %(code)s of the national register, %(hours)s hours (SBU)."),
        code=row["code"],
        hours=row["study_load_hours"],
    )


# The cache topic (core.aggregates) of `last_modified`; ooapi.apps connects it to the
# models it reads.
CACHE_TOPIC = "ooapi"


def last_modified() -> datetime.datetime | None:
    """When the published data last changed, as far as the database records it:
    the last finished reference import, organisation change, route change,
    recorded school year or approval. Cached until one of those tables changes."""
    return aggregates.cached(CACHE_TOPIC, "last-modified", _last_modified) or None


def _last_modified():
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
    # False, not None, for "no stamp": the cache cannot hold None as a value.
    return max(stamps) if stamps else False


class Catalogue:
    """The published records, loaded per collection on first use."""

    def __init__(self, absolute):
        # absolute(path) -> an absolute URL on this site.
        self.absolute = absolute
        self.today = timezone.localdate()

    def link(self, name: str, *args) -> str:
        return self.absolute(reverse(name, args=args))

    # --- Organizations -----------------------------------------------------------------

    SCHOOL_FIELDS = ("pk", "code", "name", "kind", "municipality", "region__name")

    @staticmethod
    def school_rows() -> QuerySet:
        """The published schools (mbo institutions and vmbo schools), in list order."""
        return Organisation.objects.filter(kind__in=Organisation.SCHOOL_KINDS).order_by(
            "name", "code"
        )

    def _school_record(self, row) -> Record:
        kind = "institute" if row["kind"] == Organisation.Kind.VET_INSTITUTION else "school"
        return Record(
            organization_id(row["code"]),
            row["kind"],
            row["name"],
            row["code"],
            partial(self._school, row, kind),
            attrs={"organizationType": kind},
            search=f"{row['name']} {row['code']} {row['municipality']}",
            parent=root_id(),
        )

    def school_records(self, pks) -> dict[int, Record]:
        """The schools with these primary keys (one query)."""
        rows = self.school_rows().filter(pk__in=pks).values(*self.SCHOOL_FIELDS)
        return {row["pk"]: self._school_record(row) for row in rows}

    def root_record(self, children: list[str] | None = None) -> Record:
        """The operator: the root organization, with every school as a child (read
        with one query when its object is built, when `children` is not given)."""
        name = settings.OOAPI_OPERATOR_NAME

        def build():
            data = self._root(name)
            if children is None:
                codes = self.school_rows().values_list("code", flat=True)
                if codes:
                    data["children"] = [organization_id(code) for code in codes]
            return data

        return Record(
            root_id(),
            "root",
            name,
            settings.OOAPI_OPERATOR_CODE,
            build,
            attrs={"organizationType": "root"},
            search=name,
            children=children or [],
        )

    def organization(self, record_id: str) -> Record | None:
        """The organization with this id, without building the others (one query)."""
        root = self.root_record()
        if record_id == root.id:
            return root
        for row in self.school_rows().values(*self.SCHOOL_FIELDS):
            if organization_id(row["code"]) == record_id:
                return self._school_record(row)
        return None

    @cached_property
    def organizations(self) -> dict[str, Record]:
        rows = self.school_rows().values(*self.SCHOOL_FIELDS)
        schools = [self._school_record(row) for row in rows]
        root = self.root_record([school.id for school in schools])
        records = {root.id: root}
        records.update((school.id, school) for school in schools)
        return records

    def _root(self, name) -> dict:
        return {
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
        }

    def _school(self, row, kind) -> dict:
        place = {"place": row["municipality"] or "?", "region": row["region__name"] or "?"}
        if kind == "institute":
            text = gettext_noop("mbo institution in %(place)s, labour-market region %(region)s")
        else:
            text = gettext_noop("vmbo school in %(place)s, labour-market region %(region)s")
        return {
            "organizationId": organization_id(row["code"]),
            "primaryCode": {"codeType": "brin", "code": row["code"]},
            "organizationType": kind,
            "name": dutch(row["name"]),
            "shortName": row["name"][:256],
            "description": both(text, **place),
            "parent": root_id(),
        }

    # --- Education specifications ---------------------------------------------------------

    DOSSIER_FIELDS = ("pk", "crebo", "number", "title", "status", "valid_from", "end_of_programme")
    QUALIFICATION_FIELDS = (
        "pk",
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
    KEUZEDEEL_FIELDS = (
        "pk",
        "code",
        "title",
        "level",
        "study_load_hours",
        "has_certificate",
        *REGISTER_FIELDS,
    )
    CERTIFICATE_FIELDS = (
        "pk",
        "title",
        "code",
        "level",
        "valid_from",
        "sbb_id",
        "qualification__crebo",
        "qualification__level",
        "core_task__code",
        "core_task__file__crebo",
        "elective__code",
        "elective__level",
    )

    @staticmethod
    def dossier_rows() -> QuerySet:
        return QualificationFile.objects.order_by("title", "crebo")

    @staticmethod
    def qualification_rows() -> QuerySet:
        return Qualification.objects.order_by("title", "crebo")

    @staticmethod
    def keuzedeel_rows() -> QuerySet:
        return ElectiveModule.objects.order_by("title", "code")

    @staticmethod
    def certificate_rows() -> QuerySet:
        return VetCertificate.objects.order_by("title", "pk")

    def _specification(self, record: Record, kind: str) -> Record:
        record.attrs["educationSpecificationType"] = kind
        record.organizations = {root_id()}
        return record

    def _dossier_record(self, row) -> Record:
        record_id = specification_id("dossier", row["crebo"])
        build = partial(self._dossier, record_id, row)
        record = Record(record_id, "dossier", row["title"], row["crebo"], build, pk=row["pk"])
        record.search = f"{row['title']} {row['crebo']} {row['number']}"
        return self._specification(record, "cluster")

    def _qualification_record(self, row) -> Record:
        record_id = specification_id("qualification", row["crebo"])
        build = partial(self._qualification, record_id, row)
        record = Record(record_id, "qualification", row["title"], row["crebo"], build, pk=row["pk"])
        record.parent = specification_id("dossier", row["file__crebo"])
        record.search = f"{row['title']} {row['crebo']} {row['file__title']}"
        return self._specification(record, "program")

    def _keuzedeel_record(self, row) -> Record:
        record_id = specification_id("keuzedeel", row["code"])
        build = partial(self._keuzedeel, record_id, row)
        record = Record(record_id, "keuzedeel", row["title"], row["code"], build, pk=row["pk"])
        record.search = f"{row['title']} {row['code']}"
        return self._specification(record, "course")

    def _certificate_record(self, row) -> Record:
        code = certificate_code(row)
        record_id = specification_id("certificate", code)
        record = Record(record_id, "certificate", row["title"], code, lambda: {}, pk=row["pk"])
        record.build = partial(self._certificate, row, code, record)
        if row["qualification__crebo"]:
            record.parent = specification_id("qualification", row["qualification__crebo"])
        elif row["elective__code"]:
            record.parent = specification_id("keuzedeel", row["elective__code"])
        else:
            record.parent = specification_id("dossier", row["core_task__file__crebo"])
        record.search = f"{row['title']} {code}"
        return self._specification(record, "program")

    def specification_records(self, kind: str, pks) -> dict[int, Record]:
        """The education specifications of one kind (dossier, qualification, keuzedeel,
        certificate) with these primary keys, with their children: two queries."""
        if kind == "dossier":
            records = [
                self._dossier_record(row)
                for row in self.dossier_rows().filter(pk__in=pks).values(*self.DOSSIER_FIELDS)
            ]
            children = [
                self._qualification_record(row)
                for row in self.qualification_rows()
                .filter(file__in=pks)
                .values(*self.QUALIFICATION_FIELDS)
            ] + [
                self._certificate_record(row)
                for row in self.certificate_rows()
                .filter(qualification__isnull=True, elective__isnull=True, core_task__file__in=pks)
                .values(*self.CERTIFICATE_FIELDS)
            ]
        elif kind == "qualification":
            rows = self.qualification_rows().filter(pk__in=pks)
            records = [
                self._qualification_record(row) for row in rows.values(*self.QUALIFICATION_FIELDS)
            ]
            children = [
                self._certificate_record(row)
                for row in self.certificate_rows()
                .filter(qualification__in=pks)
                .values(*self.CERTIFICATE_FIELDS)
            ]
        elif kind == "keuzedeel":
            rows = self.keuzedeel_rows().filter(pk__in=pks)
            records = [self._keuzedeel_record(row) for row in rows.values(*self.KEUZEDEEL_FIELDS)]
            children = [
                self._certificate_record(row)
                for row in self.certificate_rows()
                .filter(elective__in=pks)
                .values(*self.CERTIFICATE_FIELDS)
            ]
        else:
            rows = self.certificate_rows().filter(pk__in=pks)
            records = [
                self._certificate_record(row) for row in rows.values(*self.CERTIFICATE_FIELDS)
            ]
            children = []
        by_id = {record.id: record for record in records}
        for child in children:
            if child.parent in by_id:
                by_id[child.parent].children.append(child.id)
        return {record.pk: record for record in records}

    def specification(self, record_id: str) -> Record | None:
        """The education specification with this id, with its children, without
        building the others (at most five queries: the codes of each kind, then the match)."""
        kinds = (
            ("dossier", self.dossier_rows(), ("pk", "crebo")),
            ("qualification", self.qualification_rows(), ("pk", "crebo")),
            ("keuzedeel", self.keuzedeel_rows(), ("pk", "code")),
        )
        for kind, rows, fields in kinds:
            for pk, code in rows.values_list(*fields):
                if specification_id(kind, code) == record_id:
                    return self.specification_records(kind, [pk]).get(pk)
        for row in self.certificate_rows().values(*self.CERTIFICATE_FIELDS):
            if specification_id("certificate", certificate_code(row)) == record_id:
                return self.specification_records("certificate", [row["pk"]]).get(row["pk"])
        return None

    def children_of(self, record: Record) -> list[Record]:
        """The published children of one education specification (a fixed number of
        queries): a dossier's qualifications and basis certificates, the certificates
        of a qualification or keuzedeel."""
        certificates = self.certificate_rows()
        if record.sub == "dossier":
            qualifications = self.qualification_rows().filter(file=record.pk)
            certificates = certificates.filter(
                qualification__isnull=True, elective__isnull=True, core_task__file=record.pk
            )
            children = list(
                self.specification_records(
                    "qualification", list(qualifications.values_list("pk", flat=True))
                ).values()
            )
        elif record.sub == "qualification":
            certificates, children = certificates.filter(qualification=record.pk), []
        elif record.sub == "keuzedeel":
            certificates, children = certificates.filter(elective=record.pk), []
        else:
            return []
        pks = list(certificates.values_list("pk", flat=True))
        children += self.specification_records("certificate", pks).values()
        return [child for child in children if child.parent == record.id]

    def programs_of_specification(self, record: Record) -> list[Record]:
        """The programs linked to one qualification, read from the programmes and routes
        that name its crebo, not from the whole catalogue."""
        if record.sub != "qualification":
            return []
        crebo = record.code
        routes = self.route_rows().filter(target_qualification__crebo=crebo)
        # Every programme whose document names the crebo somewhere (a superset; the
        # records then keep those whose own crebos hold it).
        named = SubmissionVersion.objects.annotate(text=Cast("document", TextField())).filter(
            text__contains=crebo
        )
        submissions = self.submission_rows().filter(pk__in=named.values("submission"))
        programs = [*self._submission_programs(submissions), *self._route_programs(routes)]
        return [program for program in programs if record.id in program.specifications]

    def courses_of_specification(self, record: Record) -> list[Record]:
        """The course of a keuzedeel (one query); other specifications have none."""
        if record.sub != "keuzedeel":
            return []
        rows = self.course_rows().filter(code=record.code).values(*self.COURSE_FIELDS)
        return [self._course_record(row) for row in rows]

    @cached_property
    def specifications(self) -> dict[str, Record]:
        records: dict[str, Record] = {}
        for row in self.dossier_rows().values(*self.DOSSIER_FIELDS):
            record = self._dossier_record(row)
            records[record.id] = record
        for row in self.qualification_rows().values(*self.QUALIFICATION_FIELDS):
            record = self._qualification_record(row)
            records[record.id] = record
        for row in self.keuzedeel_rows().values(*self.KEUZEDEEL_FIELDS):
            record = self._keuzedeel_record(row)
            records[record.id] = record
        for row in self.certificate_rows().values(*self.CERTIFICATE_FIELDS):
            record = self._certificate_record(row)
            records[record.id] = record
        # Children: every record whose parent is published.
        for record in records.values():
            if record.parent in records:
                records[record.parent].children.append(record.id)
        return records

    def _dossier(self, record_id, row) -> dict:
        return {
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
            **level_fields(None),
            "link": self.link("qualifications:dossier-detail", row["crebo"]),
            "organization": root_id(),
            **validity(row),
        }

    def _qualification(self, record_id, row) -> dict:
        return {
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
            "formalDocument": "diploma",
            **level_fields(row["level"]),
            **study_load(row["study_load_hours"]),
            "link": self.link("qualifications:qualification-detail", row["crebo"]),
            "parent": specification_id("dossier", row["file__crebo"]),
            "organization": root_id(),
            **validity(row),
        }

    def _keuzedeel(self, record_id, row) -> dict:
        return {
            "educationSpecificationId": record_id,
            "primaryCode": {"codeType": "x-keuzedeelCode", "code": row["code"]},
            "educationSpecificationType": "course",
            "name": dutch(row["title"]),
            "abbreviation": row["code"],
            "description": keuzedeel_description(row),
            "formalDocument": "certificate" if row["has_certificate"] else "no official document",
            **level_fields(row["level"]),
            **study_load(row["study_load_hours"]),
            "link": self.link("qualifications:elective-detail", row["code"]),
            "organization": root_id(),
        }

    def _certificate(self, row, code, record) -> dict:
        return {
            "educationSpecificationId": record.id,
            "primaryCode": {"codeType": "x-certificateCode", "code": code},
            "educationSpecificationType": "program",
            "name": dutch(row["title"]),
            "abbreviation": code[:256],
            "description": both(gettext_noop("mbo-certificate %(code)s."), code=code),
            "formalDocument": "certificate",
            **level_fields(row["level"] or row["qualification__level"] or row["elective__level"]),
            **validity(row),
            "parent": record.parent,
            "organization": root_id(),
        }

    # --- Programs -------------------------------------------------------------------------

    SUBMISSION_FIELDS = (
        "pk",
        "kind",
        "title",
        "school__code",
        "school__name",
        "experiment__name",
        "document",
    )
    ROUTE_FIELDS = (
        "pk",
        "vmbo_school__code",
        "vmbo_school__name",
        "mbo_institution__code",
        "mbo_institution__name",
        "target_qualification__crebo",
        "target_qualification__title",
        "target_qualification__level",
        "vmbo_track",
        "start_date",
        "region__name",
    )

    @staticmethod
    def submission_rows() -> QuerySet:
        """Approved regionalised programmes and cross-overs, in list order."""
        return Submission.objects.filter(
            kind__in=(REGIONAL_PROGRAMME, CROSS_OVER),
            state=Submission.State.APPROVED,
        ).order_by("title", "pk")

    @staticmethod
    def route_rows() -> QuerySet:
        """Active continuous pathways, in list order."""
        return Route.objects.filter(status=Route.Status.ACTIVE).order_by(
            "target_qualification__title", "pk"
        )

    def _submission_programs(self, submissions) -> list[Record]:
        latest_document = Subquery(
            SubmissionVersion.objects.filter(submission=OuterRef("pk"))
            .order_by("-number")
            .values("document")[:1],
            output_field=JSONField(),
        )
        rows = list(submissions.annotate(document=latest_document).values(*self.SUBMISSION_FIELDS))
        for row in rows:
            if not isinstance(row["document"], dict):
                row["document"] = {}
        crebos = {crebo for row in rows for crebo in crebos_of(row["document"])}
        qualifications = {
            row["crebo"]: row
            for row in Qualification.objects.filter(crebo__in=crebos).values(
                "crebo", "title", "level"
            )
        }
        return [self._submission_program(row, qualifications) for row in rows]

    def _route_programs(self, routes) -> list[Record]:
        rows = list(routes.values(*self.ROUTE_FIELDS))
        started: dict[int, dict[int, int]] = {}
        years = RouteYear.objects.filter(route__in=routes.order_by().values("pk"))
        for row in years.values("route_id", "school_year", "started"):
            year = row["school_year"][:4]
            if year.isdigit():
                started.setdefault(row["route_id"], {})[int(year)] = row["started"]
        return [self._route_program(row, started.get(row["pk"], {})) for row in rows]

    def submission_program_records(self, pks) -> dict[int, Record]:
        """The approved programmes with these primary keys (two queries)."""
        programs = self._submission_programs(self.submission_rows().filter(pk__in=pks))
        return {program.pk: program for program in programs}

    def route_program_records(self, pks) -> dict[int, Record]:
        """The active routes with these primary keys (two queries)."""
        programs = self._route_programs(self.route_rows().filter(pk__in=pks))
        return {program.pk: program for program in programs}

    def program(self, record_id: str) -> Record | None:
        """The program with this id, without building the others (at most three queries:
        the codes of the approved programmes and the active routes, then the match)."""
        for row in self.submission_rows().values("pk", "kind"):
            if uid("program", submission_code(row)) == record_id:
                return self.submission_program_records([row["pk"]]).get(row["pk"])
        codes = (
            "pk",
            "vmbo_school__code",
            "mbo_institution__code",
            "target_qualification__crebo",
            "vmbo_track",
            "start_date",
        )
        for row in self.route_rows().values(*codes):
            if uid("program", route_code(row)) == record_id:
                return self.route_program_records([row["pk"]]).get(row["pk"])
        return None

    @cached_property
    def programs(self) -> dict[str, Record]:
        records: dict[str, Record] = {}
        for record in self._submission_programs(self.submission_rows()):
            records[record.id] = record
        for record in self._route_programs(self.route_rows()):
            records[record.id] = record
        return records

    def _submission_program(self, row, qualifications) -> Record:
        document = row["document"]
        is_cross_over = row["kind"] == CROSS_OVER
        code = submission_code(row)
        crebos = [crebo for crebo in crebos_of(document) if crebo in qualifications]
        if is_cross_over:
            level = document.get("level")
        else:
            level = qualifications[crebos[0]]["level"] if crebos else None
        level = level if level in (1, 2, 3, 4) else None
        start = parse_date(document.get("start_date"))
        end = parse_date(document.get("end_date")) if is_cross_over else None
        electives = document.get("electives")
        record = Record(
            uid("program", code),
            row["kind"],
            row["title"],
            code,
            lambda: self._submission_data(record, row, crebos, qualifications, level),
            attrs={
                "programType": "program",
                "teachingLanguage": TEACHING_LANGUAGE,
                "sector": SECTOR,
                "levelOfQualification": str(level) if level else None,
                "crebos": crebos,
            },
            search=" ".join(
                [row["title"], code, row["school__name"], row["school__code"], *crebos]
                + [qualifications[crebo]["title"] for crebo in crebos]
            ),
            organizations={organization_id(row["school__code"])},
            specifications={specification_id("qualification", crebo) for crebo in crebos},
            start=start,
            end=end,
            pk=row["pk"],
            electives=[
                str(item.get("code"))
                for item in (electives if isinstance(electives, list) else [])
                # National keuzedelen by K code, regional ones of the register by RK code.
                if isinstance(item, dict)
                and item.get("code")
                and item.get("type") in ("national", "regional")
            ],
        )
        if start:
            first = school_year_of(start)
            last = school_year_of(end) if end and end >= start else first
            record.years = list(range(first, last + 1))[:MAX_OFFERINGS]
        return record

    def _submission_data(self, record, row, crebos, qualifications, level) -> dict:
        names = {
            "school": row["school__name"],
            "brin": row["school__code"],
            "experiment": row["experiment__name"] or "?",
        }
        if record.sub == CROSS_OVER:
            description = both(
                gettext_noop(
                    "Cross-over qualification of %(school)s (%(brin)s), combining parts of the "
                    "qualifications %(crebos)s; approved in the experiment %(experiment)s."
                ),
                crebos=", ".join(crebos) or "?",
                **names,
            )
        else:
            qualification = qualifications[crebos[0]] if crebos else None
            description = both(
                gettext_noop(
                    "Regionalised programme of %(school)s (%(brin)s) for the qualification "
                    "%(qualification)s (%(crebo)s); approved in the experiment %(experiment)s."
                ),
                qualification=qualification["title"] if qualification else "?",
                crebo=crebos[0] if crebos else "?",
                **names,
            )
        data = {
            "programId": record.id,
            "primaryCode": {"codeType": "programCode", "code": record.code},
            "programType": "program",
            "name": dutch(row["title"]),
            "abbreviation": record.code,
            "description": description,
            "teachingLanguage": TEACHING_LANGUAGE,
            **level_fields(level),
            "organization": organization_id(row["school__code"]),
        }
        if crebos:
            data["educationSpecification"] = specification_id("qualification", crebos[0])
            data["otherCodes"] = [{"codeType": "crohoCreboCode", "code": c} for c in crebos]
        if record.start:
            data["firstStartDate"] = record.start.isoformat()
            data["validFrom"] = record.start.isoformat()
        if record.end:
            data["validTo"] = (record.end + datetime.timedelta(days=1)).isoformat()
        return data

    def _route_program(self, row, started: dict[int, int]) -> Record:
        code = route_code(row)
        name = (
            f"{row['target_qualification__title']}: {row['vmbo_school__name']} → "
            f"{row['mbo_institution__name']}"
        )
        crebo = row["target_qualification__crebo"]
        level = row["target_qualification__level"]
        first = school_year_of(row["start_date"])
        last = max(first, school_year_of(self.today))
        record = Record(
            uid("program", code),
            "pathway",
            name,
            code,
            lambda: self._route_data(record, row),
            attrs={
                "programType": "track",
                "teachingLanguage": TEACHING_LANGUAGE,
                "sector": SECTOR,
                "levelOfQualification": str(level) if level in (1, 2, 3, 4) else None,
                "crebos": [crebo],
            },
            search=" ".join(
                [
                    name,
                    code,
                    row["vmbo_school__code"],
                    row["mbo_institution__code"],
                    row["region__name"],
                ]
            ),
            organizations={
                organization_id(row["mbo_institution__code"]),
                organization_id(row["vmbo_school__code"]),
            },
            specifications={specification_id("qualification", crebo)},
            start=row["start_date"],
            years=list(range(max(first, last - MAX_OFFERINGS + 1), last + 1)),
            started=started,
            pk=row["pk"],
        )
        return record

    def _route_data(self, record, row) -> dict:
        crebo = row["target_qualification__crebo"]
        return {
            "programId": record.id,
            "primaryCode": {"codeType": "programCode", "code": record.code},
            "programType": "track",
            "name": dutch(record.name),
            "abbreviation": f"leerroute-{row['pk']}",
            "description": both(
                gettext_noop(
                    "Continuous vmbo–mbo pathway from %(vmbo)s (%(vmbo_brin)s, track %(track)s) "
                    "to the qualification %(qualification)s (%(crebo)s) at %(mbo)s "
                    "(%(mbo_brin)s), labour-market region %(region)s."
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
            "link": self.link("pathways:route-detail", row["pk"]),
            "educationSpecification": specification_id("qualification", crebo),
            "organization": organization_id(row["mbo_institution__code"]),
            "otherCodes": [{"codeType": "crohoCreboCode", "code": crebo}],
        }

    # --- Offerings: a programme's starts, one per school year -------------------------------

    def offerings_of_program(self, program: Record) -> list[Record]:
        offerings = []
        for year in program.years:
            label = school_year_label(year)
            code = f"{program.code}/{label}"
            start = datetime.date(year, 8, 1)
            if program.start and program.start > start:
                start = program.start
            offering = Record(
                uid("offering", code),
                "offering",
                f"{program.name} {label}",
                code,
                lambda: {},
                attrs={
                    "offeringType": "program",
                    "resultExpected": True,
                    "teachingLanguage": TEACHING_LANGUAGE,
                },
                search=f"{program.search} {label}",
                parent=program.id,
                organizations=set(program.organizations),
                start=start,
                end=datetime.date(year + 1, 7, 31),
            )
            offering.build = partial(self._offering_data, offering, program, year, label)
            offerings.append(offering)
        return offerings

    def _offering_data(self, offering, program, year, label) -> dict:
        data = {
            "offeringId": offering.id,
            "primaryCode": {"codeType": "offeringCode", "code": offering.code},
            "offeringType": "program",
            "name": both(gettext_noop("%(name)s, intake %(year)s"), name=program.name, year=label),
            "description": both(
                gettext_noop("Start of the programme in the school year %(year)s."), year=label
            ),
            "teachingLanguage": TEACHING_LANGUAGE,
            "resultExpected": True,
            "startDate": offering.start.isoformat(),
            "endDate": offering.end.isoformat(),
            "program": program.id,
            "organization": program.data["organization"],
        }
        if year in program.started:
            data["enrolledNumberStudents"] = program.started[year]
        return data

    @cached_property
    def offerings(self) -> dict[str, Record]:
        return {
            offering.id: offering
            for program in self.programs.values()
            for offering in self.offerings_of_program(program)
        }

    # --- Courses --------------------------------------------------------------------------

    COURSE_FIELDS = ("pk", "code", "title", "level", "study_load_hours", *REGISTER_FIELDS)

    @staticmethod
    def course_rows() -> QuerySet:
        return ElectiveModule.objects.order_by("title", "code")

    def _course_record(self, row) -> Record:
        return Record(
            course_id(row["code"]),
            "keuzedeel",
            row["title"],
            row["code"],
            partial(self._course, row),
            attrs={
                "level": level_fields(row["level"])["level"],
                "teachingLanguage": TEACHING_LANGUAGE,
            },
            search=f"{row['title']} {row['code']}",
            organizations={root_id()},
            specifications={specification_id("keuzedeel", row["code"])},
        )

    def course_records(self, pks) -> dict[int, Record]:
        """The keuzedelen with these primary keys as courses (one query)."""
        rows = self.course_rows().filter(pk__in=pks).values(*self.COURSE_FIELDS)
        return {row["pk"]: self._course_record(row) for row in rows}

    @cached_property
    def courses(self) -> dict[str, Record]:
        records: dict[str, Record] = {}
        for row in self.course_rows().values(*self.COURSE_FIELDS):
            record = self._course_record(row)
            records[record.id] = record
        return records

    def _course(self, row) -> dict:
        return {
            "courseId": course_id(row["code"]),
            "primaryCode": {"codeType": "x-keuzedeelCode", "code": row["code"]},
            "name": dutch(row["title"]),
            "abbreviation": row["code"],
            "description": keuzedeel_description(row),
            "teachingLanguage": TEACHING_LANGUAGE,
            "level": level_fields(row["level"])["level"],
            **study_load(row["study_load_hours"]),
            "link": self.link("qualifications:elective-detail", row["code"]),
            "educationSpecification": specification_id("keuzedeel", row["code"]),
            "organization": root_id(),
        }

    # --- What belongs to an organization --------------------------------------------------

    def programs_of(self, organization: Record) -> list[Record]:
        """The organization's programs; for a school only its own rows are read and
        built (four queries), never the whole catalogue."""
        if organization.sub == "root":
            return list(self.programs.values())
        if organization.id not in self._programs_of:
            code = organization.code
            routes = self.route_rows().filter(
                Q(vmbo_school__code=code) | Q(mbo_institution__code=code)
            )
            self._programs_of[organization.id] = [
                *self._submission_programs(self.submission_rows().filter(school__code=code)),
                *self._route_programs(routes),
            ]
        return self._programs_of[organization.id]

    @cached_property
    def _programs_of(self) -> dict[str, list[Record]]:
        return {}

    def courses_of(self, organization: Record) -> list[Record]:
        """The keuzedelen the organization's programs name (one query beyond them)."""
        if organization.sub == "root":
            return list(self.courses.values())
        codes = {code for program in self.programs_of(organization) for code in program.electives}
        rows = self.course_rows().filter(code__in=codes).values(*self.COURSE_FIELDS)
        return [self._course_record(row) for row in rows]

    def specifications_of(self, organization: Record) -> list[Record]:
        """The qualifications of the organization's programs and the keuzedelen they
        name, with their children (a fixed number of queries beyond the programs)."""
        if organization.sub == "root":
            return list(self.specifications.values())
        programs = self.programs_of(organization)
        crebos = {crebo for program in programs for crebo in program.attrs.get("crebos", ())}
        codes = {code for program in programs for code in program.electives}
        qualifications = Qualification.objects.filter(crebo__in=crebos).values_list("pk", flat=True)
        keuzedelen = ElectiveModule.objects.filter(code__in=codes).values_list("pk", flat=True)
        return [
            *self.specification_records("qualification", list(qualifications)).values(),
            *self.specification_records("keuzedeel", list(keuzedelen)).values(),
        ]

    def offerings_of(self, organization: Record) -> list[Record]:
        return [
            offering
            for program in self.programs_of(organization)
            for offering in self.offerings_of_program(program)
        ]
