"""What a kind's browser editor is made of: one main form plus a formset per
list of rows, turning posted values into the interchange document and back.

An app that owns a kind writes its editor (a `DraftEditor` subclass, with its
main form, row forms and `Block`s) next to its kind, e.g.
`experiments/draft_forms.py`, and names it in its `KindSpec` (`editor`,
`editor_template`). The submission workflow's editor pages use only what is
here.

Fields are optional where the document may be incomplete while drafting: the
rules ("Check now") say what is missing. Only values that cannot be read (a
date that does not exist, hours that are not a number) are form errors.
"""

import re
from decimal import Decimal

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from qualifications.models import CoreTask, ElectiveModule, Qualification
from regions.models import Organisation, Region
from regions.selectors import UNASSIGNABLE_REGION

from .kinds import kind_spec
from .schema import FORMAT

MAX_ROWS = 50
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def search_attrs(prefix: str, name: str, url) -> dict:
    """Widget attributes for a code field with suggestions: htmx fills the
    datalist with matches while the user types a name or code."""
    options = f"{prefix}-{name}-options" if prefix else f"{name}-options"
    return {
        "list": options,
        "autocomplete": "off",
        "hx-get": url,
        "hx-trigger": "input changed delay:300ms",
        "hx-target": f"#{options}",
        "hx-swap": "innerHTML",
    }


def put(target: dict, key: str, value) -> None:
    """Set `key` when the value was given (empty text and None are left out,
    so the rules report a missing field by its name)."""
    if value is None or value == "":
        return
    target[key] = value


def as_text(value) -> str:
    """A document value as the text of a form field."""
    if value is None or isinstance(value, dict | list):
        return ""
    if isinstance(value, bool):
        return "on" if value else ""
    return str(value)


def as_number(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


# --- rows ---------------------------------------------------------------------------


class RowForm(forms.Form):
    """One row of a list; a row with nothing filled in is left out of the document."""

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", None) or {}
        return all(value in (None, "") for value in data.values())


class Block:
    """A list of rows in the editor: its formset prefix, row form and heading."""

    def __init__(self, name: str, form_class, label, add_label, empty_text):
        self.name = name
        self.form_class = form_class
        self.label = label
        self.add_label = add_label
        self.empty_text = empty_text
        self.formset_class = formset_factory(
            form_class, extra=0, max_num=MAX_ROWS, validate_max=True, absolute_max=MAX_ROWS
        )

    @property
    def fields(self) -> list[str]:
        return list(self.form_class.base_fields)


def rows_of(data, block: Block) -> list[dict]:
    """The posted rows of a block, as {field: value} dicts."""
    try:
        total = int(data.get(f"{block.name}-TOTAL_FORMS") or 0)
    except ValueError:
        total = 0
    total = max(0, min(total, MAX_ROWS))
    return [
        {field: data.get(f"{block.name}-{index}-{field}", "") for field in block.fields}
        for index in range(total)
    ]


def put_rows(data, block: Block, rows: list[dict]) -> None:
    """Write `rows` into the (mutable) posted data as the block's formset."""
    for key in [key for key in data if key.startswith(f"{block.name}-")]:
        del data[key]
    data[f"{block.name}-TOTAL_FORMS"] = str(len(rows))
    data[f"{block.name}-INITIAL_FORMS"] = "0"
    data[f"{block.name}-MIN_NUM_FORMS"] = "0"
    data[f"{block.name}-MAX_NUM_FORMS"] = str(MAX_ROWS)
    for index, row in enumerate(rows):
        for field, value in row.items():
            data[f"{block.name}-{index}-{field}"] = value


# --- main forms -----------------------------------------------------------------------


class DraftMainForm(forms.Form):
    """The fields every kind has: the submission's title."""

    title = forms.CharField(label=_("Title"), max_length=300)

    def __init__(self, *args, submission, **kwargs):
        super().__init__(*args, **kwargs)
        self.submission = submission
        if "region" in self.fields:
            self.fields["region"].widget.choices = self._region_choices()

    def _region_choices(self) -> list[tuple[str, str]]:
        """The labour-market regions (not AM99, which REG-01 refuses), and the
        region the draft names when it is none of them, exactly as it is given:
        saving another field keeps it, and REG-01 says what is wrong with it."""
        regions = Region.objects.only("code", "name").order_by("code")
        names = {region.code: f"{region.name} ({region.code})" for region in regions}
        choices = [("", "—")] + [
            (code, name) for code, name in names.items() if code != UNASSIGNABLE_REGION
        ]
        current = self.data.get("region") if self.is_bound else self.initial.get("region")
        if isinstance(current, str) and current and current not in dict(choices):
            choices.insert(1, (current, names.get(current, current)))
        return choices


# --- editors --------------------------------------------------------------------------

_ROW = re.compile(r"^(?P<list>[a-z_.]+)\[(?P<index>\d+)\]")


def _code(form, field: str) -> str:
    return (form[field].value() or "").strip().upper()


def organisation_names(codes) -> dict[str, str]:
    return dict(Organisation.objects.filter(code__in=codes).values_list("code", "name"))


def qualification_titles(codes) -> dict[str, str]:
    return dict(Qualification.objects.filter(crebo__in=codes).values_list("crebo", "title"))


def elective_titles(codes) -> dict[str, str]:
    return dict(ElectiveModule.objects.filter(code__in=codes).values_list("code", "title"))


class DraftEditor:
    """The main form and the row formsets of one kind, on posted (bound) data.

    `field_paths` maps a document path to the form field a finding on it is
    shown beside, `row_paths` a document list to its block; `reference_fields`
    maps a block to its field holding a code and a function that finds the
    codes' names."""

    form_class: type[DraftMainForm]
    blocks: tuple[Block, ...] = ()
    field_paths: dict[str, str] = {}
    row_paths: dict[str, str] = {}
    reference_fields: dict = {}

    def __init__(self, data, *, submission):
        self.submission = submission
        self.data = data
        self.form = self.form_class(data, submission=submission)
        self.formsets = {
            block.name: block.formset_class(
                data, prefix=block.name, form_kwargs=self.row_kwargs(block, data)
            )
            for block in self.blocks
        }
        self.findings: dict[str, list[dict]] = {}
        self.general_findings: list[dict] = []
        # Per block: the form index of each row in the document (blank rows are left out).
        self.row_positions: dict[str, list[int]] = {}

    def row_kwargs(self, block: Block, data) -> dict:
        return {}

    def sections(self):
        """(block, formset) pairs for the template."""
        return [(block, self.formsets[block.name]) for block in self.blocks]

    def is_valid(self) -> bool:
        valid = self.form.is_valid()
        for formset in self.formsets.values():
            valid = formset.is_valid() and valid
        return valid

    def rows(self, block: Block) -> list[dict]:
        """The document rows of a block (after `is_valid`), leaving out blank rows."""
        rows, positions = [], []
        for index, form in enumerate(self.formsets[block.name].forms):
            if form.is_blank():
                continue
            rows.append(form.row())
            positions.append(index)
        self.row_positions[block.name] = positions
        return rows

    def base_document(self) -> dict:
        """Format, kind and school, plus keys of the stored draft the form does not edit."""
        stored = self.submission.draft if isinstance(self.submission.draft, dict) else {}
        document = {key: value for key, value in stored.items() if key in self.kept_keys}
        document.update(
            {"format": FORMAT, "kind": self.submission.kind, "school": self.submission.school.code}
        )
        spec = kind_spec(self.submission.kind)
        if spec is not None and spec.experiment_and_region and self.submission.experiment:
            document["experiment"] = self.submission.experiment.slug
        return document

    kept_keys = ("submitted_on",)

    def document(self) -> dict:
        """The interchange document for the posted values (after `is_valid`)."""
        raise NotImplementedError

    @classmethod
    def data_from_document(cls, document: dict, submission) -> dict:
        """The posted values that show `document` in the form."""
        raise NotImplementedError

    @classmethod
    def _blocks_data(cls, data: dict, lists: dict) -> dict:
        for block in cls.blocks:
            rows = lists.get(block.name)
            rows = rows if isinstance(rows, list) else []
            put_rows(
                data,
                block,
                [block.form_class.values(row) for row in rows[:MAX_ROWS] if isinstance(row, dict)],
            )
        return data

    def place_findings(self, findings: list[dict]) -> None:
        """Put each finding beside its field, list or row (see `place_of`),
        and give it the `anchor` (element id) of that place for the summary."""
        self.findings, self.general_findings = {}, []
        for form in self.all_row_forms():
            form.findings = []
        for formset in self.formsets.values():
            formset.findings = []
        for finding in findings:
            name, index = self.place_of(finding.get("path", ""))
            finding["anchor"] = ""
            if name in self.formsets:
                formset = self.formsets[name]
                positions = self.row_positions.get(name, [])
                if index is not None and index < len(positions):
                    formset.forms[positions[index]].findings.append(finding)
                    finding["anchor"] = f"{name}-row-{positions[index]}"
                else:
                    formset.findings.append(finding)
                    finding["anchor"] = f"block-{name}"
            elif name in self.form.fields:
                self.findings.setdefault(name, []).append(finding)
                finding["anchor"] = f"field-{name}"
            else:
                self.general_findings.append(finding)

    @classmethod
    def place_of(cls, path: str) -> tuple[str, int | None]:
        """Where a finding's path belongs: (field name, None), (block, None) for
        a whole list, (block, row index in the document) for one row, or ("", None)
        for the document as a whole (school, experiment, …)."""
        path = path or ""
        match = _ROW.match(path)
        if match and match["list"] in cls.row_paths:
            return cls.row_paths[match["list"]], int(match["index"])
        if path in cls.row_paths:
            return cls.row_paths[path], None
        while path:
            if path in cls.field_paths:
                return cls.field_paths[path], None
            path = path.rpartition(".")[0]
        return "", None

    def all_row_forms(self):
        for formset in self.formsets.values():
            yield from formset.forms

    def label_references(self) -> None:
        """Give each row form a `reference_label`: the name of the organisation,
        qualification or keuzedeel its code field names, so the author sees
        what the code stands for. One query per list of rows."""
        for name, formset in self.formsets.items():
            field, lookup = self.reference_fields.get(name, (None, None))
            codes = {_code(form, field) for form in formset.forms} if field else set()
            codes.discard("")
            names = lookup(codes) if codes else {}
            for form in formset.forms:
                form.reference_label = names.get(_code(form, field), "") if field else ""


def core_task_choices(crebos) -> dict[str, list[tuple[str, str]]]:
    """For each crebo, its core tasks as (code, "code title") choices: the basis
    tasks of its file and the tasks of its own profile. One query."""
    crebos = {crebo for crebo in crebos if crebo}
    if not crebos:
        return {}
    qualifications = {
        qualification.pk: qualification
        for qualification in Qualification.objects.filter(crebo__in=crebos).only(
            "pk", "crebo", "file_id"
        )
    }
    by_file: dict[int, list[Qualification]] = {}
    for qualification in qualifications.values():
        by_file.setdefault(qualification.file_id, []).append(qualification)
    choices: dict[str, list[tuple[str, str]]] = {q.crebo: [] for q in qualifications.values()}
    tasks = CoreTask.objects.filter(file_id__in=by_file).only(
        "code", "title", "file_id", "qualification_id"
    )
    for task in tasks.order_by("position", "code"):
        for qualification in by_file[task.file_id]:
            if task.qualification_id in (None, qualification.pk):
                choices[qualification.crebo].append((task.code, f"{task.code} {task.title}"))
    return choices
