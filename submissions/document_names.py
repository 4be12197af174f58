"""Names for the codes in an interchange document, for the people who read it.

A document names a qualification by crebo, a school or company by BRIN or KvK
code, a region by code, a keuzedeel by code and a core task by its SBB code;
the names of other records (an experiment by its slug) come from the kinds
that reference them (`KindSpec.names`). The review page, the version diff and the read-only
draft show each with its name: "Helpende zorg en welzijn (crebo 25498,
niveau 2)", "ROC Aventus (BRIN 25PZ)". `document_names(*documents)` looks
every code of the documents up at once (a query per kind of reference) and
returns a `DocumentNames` that turns a (path, value) into what a person reads.
"""

import contextlib
import datetime
import re
from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from qualifications.models import CoreTask, ElectiveModule, Qualification
from regions.models import Organisation, Region
from rules.kinds import merged
from rules.labels import path_label, value_label
from rules.schema import in_document_order
from submissions.review.diff import flatten, shown

QUALIFICATION_KEYS = ("qualification", "target_qualification")
ORGANISATION_KEYS = ("school", "organisation", "vmbo_school", "mbo_institution", "company")
_LAST_KEY = re.compile(r"([^.\[\]]+)(?:\[\d+\])*$")
_PART = re.compile(r"^(parts\[\d+\])\.core_task$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ELECTIVE_CODE = re.compile(r"^electives\[\d+\]\.code$")


def _last_key(path: str) -> str:
    match = _LAST_KEY.search(path or "")
    return match.group(1) if match else ""


def qualification_text(qualification) -> str:
    return _qualification_text(qualification.title, qualification.crebo, qualification.level)


def _qualification_text(title: str, crebo: str, level: int) -> str:
    return _("%(title)s (crebo %(crebo)s, level %(level)s)") % {
        "title": title,
        "crebo": crebo,
        "level": level,
    }


def organisation_text(organisation) -> str:
    return _organisation_text(organisation.kind, organisation.name, organisation.code)


def _organisation_text(kind: str, name: str, code: str) -> str:
    if kind in ("mbo", "vmbo", "havo"):
        template = _("%(name)s (BRIN %(code)s)")
    elif kind == "company":
        template = _("%(name)s (KvK %(code)s)")
    else:
        template = "%(name)s (%(code)s)"
    return template % {"name": name, "code": code}


def region_text(name: str, code: str) -> str:
    return f"{name} ({code})"


@dataclass
class DocumentNames:
    """The names found for the codes of one or more documents."""

    qualifications: dict = field(default_factory=dict)
    organisations: dict = field(default_factory=dict)
    regions: dict = field(default_factory=dict)
    # Names the kinds look up (`KindSpec.names`): document key → {code: name}.
    others: dict = field(default_factory=dict)
    electives: dict = field(default_factory=dict)
    core_tasks: dict = field(default_factory=dict)  # (crebo, code) → title
    # The qualification of each cross-over part, per document path prefix.
    part_qualifications: dict = field(default_factory=dict)

    def shown(self, path: str, value) -> str:
        """The value at `path` as a person reads it: a code with its name, a
        coded value in words, anything else as it is."""
        if not isinstance(value, str) or not value:
            return value
        key = _last_key(path)
        name = None
        if key in QUALIFICATION_KEYS:
            name = self.qualifications.get(value)
        elif key in ORGANISATION_KEYS:
            name = self.organisations.get(value)
        elif key == "region":
            name = self.regions.get(value)
        elif key in self.others:
            name = self.others[key].get(value)
        elif _ELECTIVE_CODE.match(path or ""):
            name = self.electives.get(value)
        elif _PART.match(path or ""):
            crebo = self.part_qualifications.get(_PART.match(path).group(1))
            title = self.core_tasks.get((crebo, value))
            name = f"{title} ({value})" if title else None
        if name is None and _ISO_DATE.match(value):
            with contextlib.suppress(ValueError):
                name = date_format(datetime.date.fromisoformat(value), "j F Y")
        return name if name is not None else value_label(path, value)


def known_names(submission) -> DocumentNames:
    """The names of the records the submission was read with (its school, region
    and experiment, `select_related`): a document naming them needs no lookup."""
    names = DocumentNames()
    if submission is None:
        return names
    school = submission.school
    names.organisations[school.code] = organisation_text(school)
    if submission.region_id is not None:
        region = submission.region
        names.regions[region.code] = region_text(region.name, region.code)
    if submission.experiment_id is not None:
        experiment = submission.experiment
        names.others["experiment"] = {experiment.slug: experiment.name}
    return names


def document_names(*documents, known: DocumentNames | None = None) -> DocumentNames:
    """Look up the names of every code in `documents` (dicts; others are skipped):
    at most one query per kind of reference, none for a kind whose codes are all
    among the `known` names (`known_names`)."""
    lookups = merged("names")
    known = known or DocumentNames()
    codes: dict[str, set] = {
        "qualification": set(),
        "organisation": set(),
        "region": set(),
        "elective": set(),
        "core_task": set(),
    }
    other_codes: dict[str, set] = {key: set() for key in lookups}
    part_qualifications: dict[str, str] = {}
    pairs = [pair for doc in documents if isinstance(doc, dict) for pair in flatten(doc)]
    for path, value in pairs:
        if not isinstance(value, str) or not value:
            continue
        key = _last_key(path)
        if key in QUALIFICATION_KEYS:
            codes["qualification"].add(value)
            if path.startswith("parts["):
                part_qualifications[path.rsplit(".", 1)[0]] = value
        elif key in ORGANISATION_KEYS:
            codes["organisation"].add(value)
        elif key == "region":
            codes["region"].add(value)
        elif key in other_codes:
            other_codes[key].add(value)
        elif _ELECTIVE_CODE.match(path):
            codes["elective"].add(value)
        elif _PART.match(path):
            codes["core_task"].add(value)
    names = DocumentNames(part_qualifications=part_qualifications)
    # Plain rows, without the models' default ordering (which joins the
    # qualification's file): a name is looked up by its code.
    if codes["qualification"]:
        rows = (
            Qualification.objects.filter(crebo__in=codes["qualification"])
            .order_by()
            .values_list("crebo", "title", "level", "file_id")
        )
        files = {}
        for crebo, title, level, file_id in rows:
            names.qualifications[crebo] = _qualification_text(title, crebo, level)
            files[crebo] = file_id
        if codes["core_task"]:
            names.core_tasks = _core_tasks(files, codes["core_task"])
    names.organisations = _unknown_looked_up(
        codes["organisation"],
        known.organisations,
        lambda missing: {
            code: _organisation_text(kind, name, code)
            for code, name, kind in Organisation.objects.filter(code__in=missing)
            .order_by()
            .values_list("code", "name", "kind")
        },
    )
    names.regions = _unknown_looked_up(
        codes["region"],
        known.regions,
        lambda missing: {
            code: region_text(name, code)
            for code, name in Region.objects.filter(code__in=missing)
            .order_by()
            .values_list("code", "name")
        },
    )
    names.others = {
        key: _unknown_looked_up(found, known.others.get(key, {}), lookups[key])
        for key, found in other_codes.items()
    }
    if codes["elective"]:
        rows = (
            ElectiveModule.objects.filter(code__in=codes["elective"])
            .order_by()
            .values_list("code", "title")
        )
        names.electives = {code: f"{title} ({code})" for code, title in rows}
    return names


def _unknown_looked_up(codes: set, known: dict, lookup) -> dict:
    """The names of `codes`: those in `known`, the others from `lookup(missing codes)`."""
    names = {code: known[code] for code in codes if code in known}
    missing = codes - names.keys()
    if missing:
        names.update(lookup(missing))
    return names


def _core_tasks(files: dict, task_codes: set) -> dict:
    """(crebo, core-task code) → title, for the files of the given qualifications."""
    rows = (
        CoreTask.objects.filter(file_id__in=set(files.values()), code__in=task_codes)
        .order_by()
        .values_list("file_id", "code", "title")
    )
    by_file = {(file_id, code): title for file_id, code, title in rows}
    return {
        (crebo, code): by_file[(file_id, code)]
        for crebo, file_id in files.items()
        for code in task_codes
        if (file_id, code) in by_file
    }


def with_names(changes, names: DocumentNames):
    """The diff's changes with their old and new values as a person reads them."""
    for change in changes:
        if change.change != "added":
            change.old = names.shown(change.path, change.old)
        if change.change != "removed":
            change.new = names.shown(change.path, change.new)
    return changes


class Row(tuple):
    """A row of a section: (path, shown value), with the field's name as `label`
    (put in words once, for the table and its technical details)."""

    label: str


def document_sections(
    document, comments: dict | None = None, submission=None
) -> list[tuple[str, list, list, list]]:
    """The document by section, each as (key, (path, shown value) rows — each
    `Row` with its field's name as `label` —, comments, (label, path) pairs for
    the "Technical details").

    First the general section (key ""): the top-level fields that are plain
    values, with the comments on the whole document and on any key that is
    not a section of its own; then every object or list field as a section.
    `submission`, the document's own, was read with its school, region and
    experiment: their names are not looked up again (`known_names`).
    """
    if not isinstance(document, dict):
        return []
    comments = comments or {}
    document = in_document_order(document)
    names = document_names(document, known=known_names(submission))

    yes, no = _("yes"), _("no")

    def row(path, value, within=""):
        # Codes with their names ("Helpende zorg en welzijn (crebo 25498, niveau 2)").
        if isinstance(value, bool):
            result = Row((path, yes if value else no))
        else:
            result = Row(
                (path, names.shown(path, value) if isinstance(value, str) else shown(value))
            )
        result.label = path_label(path, within=within)
        return result

    nested = [key for key, value in document.items() if isinstance(value, dict | list)]
    general_rows = [row(key, value) for key, value in document.items() if key not in nested]
    general_comments = sorted(
        (item for section, items in comments.items() if section not in nested for item in items),
        key=lambda item: (item.created_at, item.pk),
    )

    def paths(rows):
        return [(row.label, row[0]) for row in rows]

    sections = [("", general_rows, general_comments, paths(general_rows))]
    for key in nested:
        rows = [row(path, value, key) for path, value in flatten(document[key], key)]
        sections.append((key, rows, comments.get(key, []), paths(rows)))
    return sections
