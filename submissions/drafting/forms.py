"""Forms for drafting the three experiment kinds in the browser.

An editor (`DraftEditor` subclasses, one per kind) is one main form plus a
formset per list of rows (learning outcomes, contributors, electives, parts,
partners). It turns the posted values into the interchange document
(`document()`), and a document back into posted values (`data_from_document`),
so that the form always works on bound data: what someone typed is never
replaced by what is stored.

Fields are optional where the document may be incomplete while drafting: the
rules ("Check now") say what is missing. Only values that cannot be read (a
date that does not exist, hours that are not a number) are form errors.
"""

from decimal import Decimal

from django import forms
from django.forms import formset_factory
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from core import boundary
from qualifications.models import (
    CREBO_VALIDATOR,
    REGIONAL_ELECTIVE_PREFIX,
    CoreTask,
    ElectiveModule,
    Qualification,
)
from regions.models import Organisation, Region
from rules.registry import Kind
from submissions.drafting.services import FORMAT, KINDS_WITH_EXPERIMENT_AND_REGION, place_of

MAX_ROWS = 50
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _search_attrs(prefix: str, name: str, url) -> dict:
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


def _outcomes_from_text(text: str) -> list[dict]:
    """Learning outcomes written one per line as "code: text"."""
    outcomes = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        code, colon, rest = line.partition(":")
        if colon:
            outcomes.append({"code": code.strip(), "text": rest.strip()})
        else:
            outcomes.append({"code": "", "text": line})
    return outcomes


def _outcomes_as_text(outcomes) -> str:
    if not isinstance(outcomes, list):
        return ""
    lines = []
    for outcome in outcomes:
        if isinstance(outcome, dict):
            code, text = outcome.get("code") or "", outcome.get("text") or ""
            lines.append(f"{code}: {text}" if code else str(text))
    return "\n".join(lines)


def _put(target: dict, key: str, value) -> None:
    """Set `key` when the value was given (empty text and None are left out,
    so the rules report a missing field by its name)."""
    if value is None or value == "":
        return
    target[key] = value


def _text(value) -> str:
    """A document value as the text of a form field."""
    if value is None or isinstance(value, dict | list):
        return ""
    if isinstance(value, bool):
        return "on" if value else ""
    return str(value)


def _number(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


# --- rows ---------------------------------------------------------------------------


class RowForm(forms.Form):
    """One row of a list; a row with nothing filled in is left out of the document."""

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", None) or {}
        return all(value in (None, "") for value in data.values())


class LearningOutcomeForm(RowForm):
    code = forms.CharField(label=_("Code"), max_length=20, required=False)
    text = forms.CharField(label=_("Learning outcome"), max_length=1000, required=False)

    def row(self) -> dict:
        row = {}
        _put(row, "code", self.cleaned_data["code"])
        _put(row, "text", self.cleaned_data["text"])
        return row

    @staticmethod
    def values(row: dict) -> dict:
        return {"code": _text(row.get("code")), "text": _text(row.get("text"))}


class ContributorForm(RowForm):
    ROLES = [("", "—"), ("teacher", _("teacher")), ("company_expert", _("company expert"))]

    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=ROLES, required=False)
    organisation = forms.CharField(
        label=_("Organisation (BRIN or KvK number)"),
        max_length=20,
        required=False,
        help_text=_("Type a name or code and choose from the suggestions."),
    )
    organisation_name = forms.CharField(
        label=_("Or an organisation that is not in the register"),
        max_length=200,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].widget.attrs.update(
            _search_attrs(
                self.prefix, "organisation", reverse_lazy("submissions:draft-organisations")
            )
        )

    def row(self) -> dict:
        row = {}
        for name in ("name", "role"):
            _put(row, name, self.cleaned_data[name])
        _put(row, "organisation", self.cleaned_data["organisation"].strip().upper())
        _put(row, "organisation_name", self.cleaned_data["organisation_name"])
        return row

    @staticmethod
    def values(row: dict) -> dict:
        return {
            name: _text(row.get(name))
            for name in ("name", "role", "organisation", "organisation_name")
        }


class ElectiveForm(RowForm):
    TYPES = [
        ("", "—"),
        ("national", _("national keuzedeel")),
        ("regional", _("regional keuzedeel")),
    ]

    type = forms.ChoiceField(label=_("Type"), choices=TYPES, required=False)
    code = forms.CharField(
        label=_("Keuzedeel code (national, or RK code)"),
        max_length=6,
        required=False,
        help_text=_(
            "Type a title or code and choose from the register; it also holds the "
            "regional keuzedelen of your region."
        ),
    )
    title = forms.CharField(label=_("Title (regional)"), max_length=300, required=False)
    hours = forms.IntegerField(
        label=_("Hours (regional)"), min_value=0, max_value=boundary.MAX_HOURS, required=False
    )
    learning_outcomes = forms.CharField(
        label=_("Learning outcomes (regional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            'One per line, written as code, colon, text: "E1: Works with home automation".'
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(
            _search_attrs(self.prefix, "code", reverse_lazy("submissions:draft-electives"))
        )

    def row(self) -> dict:
        data = self.cleaned_data
        row = {}
        code = data["code"].strip().upper()
        # An RK code names a regional keuzedeel from the register (RR-06).
        from_register = code.startswith(REGIONAL_ELECTIVE_PREFIX)
        kind = "regional" if from_register else data["type"]
        _put(row, "type", kind)
        if kind != "regional" or from_register:
            _put(row, "code", code)
        if kind != "national":
            _put(row, "title", data["title"])
            _put(row, "hours", data["hours"])
            outcomes = _outcomes_from_text(data["learning_outcomes"])
            if outcomes or (kind == "regional" and not from_register):
                row["learning_outcomes"] = outcomes
        return row

    @staticmethod
    def values(row: dict) -> dict:
        return {
            "type": _text(row.get("type")),
            "code": _text(row.get("code")),
            "title": _text(row.get("title")),
            "hours": _text(row.get("hours")),
            "learning_outcomes": _outcomes_as_text(row.get("learning_outcomes")),
        }


class PartForm(RowForm):
    qualification = forms.CharField(
        label=_("Qualification (crebo)"),
        max_length=5,
        required=False,
        help_text=_("Type a title or crebo and choose from the suggestions."),
    )
    core_task = forms.CharField(label=_("Core task"), max_length=20, required=False)

    def __init__(self, *args, core_tasks=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["qualification"].widget.attrs.update(
            _search_attrs(
                self.prefix, "qualification", reverse_lazy("submissions:draft-qualifications")
            )
        )
        crebo = (self["qualification"].value() or "").strip()
        current = (self["core_task"].value() or "").strip()
        choices = [("", _("— choose a qualification first —") if not crebo else "—")]
        choices += list((core_tasks or {}).get(crebo, []))
        if current and current not in dict(choices):
            choices.append((current, current))
        qualification_id = f"id_{self.prefix}-qualification"
        self.fields["core_task"].widget = forms.Select(
            choices=choices,
            attrs={
                # The dependent select: new options when the qualification changes.
                "hx-get": reverse_lazy("submissions:draft-core-tasks"),
                "hx-trigger": f"change from:#{qualification_id}",
                "hx-include": f"#{qualification_id}",
                "hx-target": "this",
                "hx-swap": "innerHTML",
            },
        )

    def row(self) -> dict:
        row = {}
        _put(row, "qualification", self.cleaned_data["qualification"].strip())
        _put(row, "core_task", self.cleaned_data["core_task"].strip())
        return row

    @staticmethod
    def values(row: dict) -> dict:
        return {
            "qualification": _text(row.get("qualification")),
            "core_task": _text(row.get("core_task")),
        }


class PartnerForm(RowForm):
    KINDS = [
        ("", "—"),
        ("mbo", _("mbo institution")),
        ("company", _("company")),
        ("havo", _("havo school")),
    ]

    kind = forms.ChoiceField(label=_("Kind of partner"), choices=KINDS, required=False)
    organisation = forms.CharField(
        label=_("Organisation (BRIN or KvK number)"),
        max_length=20,
        required=False,
        help_text=_("Type a name or code and choose from the suggestions."),
    )
    name = forms.CharField(
        label=_("Or the name, when it is not in the register"), max_length=200, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].widget.attrs.update(
            _search_attrs(
                self.prefix, "organisation", reverse_lazy("submissions:draft-organisations")
            )
        )

    def row(self) -> dict:
        row = {}
        _put(row, "kind", self.cleaned_data["kind"])
        _put(row, "organisation", self.cleaned_data["organisation"].strip().upper())
        _put(row, "name", self.cleaned_data["name"])
        return row

    @staticmethod
    def values(row: dict) -> dict:
        return {name: _text(row.get(name)) for name in ("kind", "organisation", "name")}


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


LEARNING_OUTCOMES = Block(
    "learning_outcomes",
    LearningOutcomeForm,
    _("Learning outcomes"),
    _("Add a learning outcome"),
    _("No learning outcomes yet."),
)
CONTRIBUTORS = Block(
    "contributors",
    ContributorForm,
    _("Contributors: teachers and company experts"),
    _("Add a contributor"),
    _("No contributors yet."),
)
ELECTIVES = Block(
    "electives",
    ElectiveForm,
    _("Electives (keuzedelen)"),
    _("Add an elective"),
    _("No electives yet."),
)
PARTS = Block(
    "parts",
    PartForm,
    _("Parts: core tasks of existing qualifications"),
    _("Add a part"),
    _("No parts yet."),
)
PARTNERS = Block("partners", PartnerForm, _("Partners"), _("Add a partner"), _("No partners yet."))


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
            self.fields["region"].widget.choices = [("", "—")] + [
                (region.code, f"{region.name} ({region.code})")
                for region in Region.objects.only("code", "name").order_by("code")
            ]


class RegionalProgrammeForm(DraftMainForm):
    region = forms.CharField(label=_("Labour-market region"), required=False, widget=forms.Select)
    start_date = boundary.DateField(label=_("Start date"), required=False, widget=DATE_WIDGET)
    qualification = forms.CharField(
        label=_("National qualification (crebo)"),
        required=False,
        validators=[CREBO_VALIDATOR],
    )
    qualification_search = forms.CharField(
        label=_("Search a qualification by title or crebo"), required=False, max_length=100
    )
    section_title = forms.CharField(
        label=_("Title of the regional section"), max_length=300, required=False
    )
    section_hours = forms.IntegerField(
        label=_("Hours of the regional section"),
        min_value=0,
        max_value=boundary.MAX_HOURS,
        required=False,
    )


class CrossOverForm(DraftMainForm):
    LEVELS = [("", "—")] + [(str(level), str(level)) for level in range(1, 5)]

    level = forms.TypedChoiceField(
        label=_("Level"), choices=LEVELS, coerce=int, empty_value=None, required=False
    )
    region = forms.CharField(label=_("Labour-market region"), required=False, widget=forms.Select)
    start_date = boundary.DateField(label=_("Start date"), required=False, widget=DATE_WIDGET)
    end_date = boundary.DateField(label=_("End date"), required=False, widget=DATE_WIDGET)
    labour_market_need = forms.CharField(
        label=_("Labour-market need"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The regional demand, and why no existing qualification fits."),
    )
    inspectorate_review_needed = forms.BooleanField(
        label=_("The Inspectorate must review this cross-over too"), required=False
    )


class PracticeProgrammeForm(DraftMainForm):
    theme = forms.CharField(label=_("Theme"), required=False, widget=forms.Select)
    hours = forms.IntegerField(
        label=_("Hours"), min_value=0, max_value=boundary.MAX_HOURS, required=False
    )
    budget_eur = forms.DecimalField(
        label=_("Budget (euro, over four years)"),
        min_value=0,
        max_digits=12,
        decimal_places=2,
        required=False,
    )
    period_start = boundary.DateField(label=_("Period: start"), required=False, widget=DATE_WIDGET)
    period_end = boundary.DateField(label=_("Period: end"), required=False, widget=DATE_WIDGET)
    activity_plan = forms.CharField(
        label=_("Activity plan"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(self, *args, submission, **kwargs):
        super().__init__(*args, submission=submission, **kwargs)
        experiment = submission.experiment
        themes = list(experiment.allowed_themes) if experiment else []
        current = self["theme"].value()
        if current and current not in themes:
            themes.append(current)
        self.fields["theme"].widget.choices = [("", "—")] + [(theme, theme) for theme in themes]


# --- editors --------------------------------------------------------------------------


class DraftEditor:
    """The main form and the row formsets of one kind, on posted (bound) data."""

    form_class: type[DraftMainForm]
    blocks: tuple[Block, ...] = ()

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
        if self.submission.kind in KINDS_WITH_EXPERIMENT_AND_REGION and self.submission.experiment:
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
        """Put each finding beside its field, list or row (see `drafting.place_of`),
        and give it the `anchor` (element id) of that place for the summary."""
        self.findings, self.general_findings = {}, []
        for form in self.all_row_forms():
            form.findings = []
        for formset in self.formsets.values():
            formset.findings = []
        for finding in findings:
            name, index = place_of(finding.get("path", ""))
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

    def all_row_forms(self):
        for formset in self.formsets.values():
            yield from formset.forms

    def label_references(self) -> None:
        """Give each row form a `reference_label`: the name of the organisation,
        qualification or keuzedeel its code field names, so the author sees
        what the code stands for. One query per list of rows."""
        for name, formset in self.formsets.items():
            field, lookup = REFERENCE_FIELDS.get(name, (None, None))
            codes = {_code(form, field) for form in formset.forms} if field else set()
            codes.discard("")
            names = lookup(codes) if codes else {}
            for form in formset.forms:
                form.reference_label = names.get(_code(form, field), "") if field else ""


class RegionalProgrammeEditor(DraftEditor):
    form_class = RegionalProgrammeForm
    blocks = (LEARNING_OUTCOMES, CONTRIBUTORS, ELECTIVES)

    def document(self) -> dict:
        data = self.form.cleaned_data
        document = self.base_document()
        document["title"] = data["title"]
        _put(document, "region", data["region"])
        _put(document, "start_date", data["start_date"] and data["start_date"].isoformat())
        national = {}
        _put(national, "qualification", data["qualification"])
        document["national_section"] = national
        section = {}
        _put(section, "title", data["section_title"])
        _put(section, "hours", data["section_hours"])
        section["learning_outcomes"] = self.rows(LEARNING_OUTCOMES)
        section["contributors"] = self.rows(CONTRIBUTORS)
        document["regional_section"] = section
        document["electives"] = self.rows(ELECTIVES)
        return document

    @classmethod
    def data_from_document(cls, document, submission) -> dict:
        national = document.get("national_section")
        national = national if isinstance(national, dict) else {}
        section = document.get("regional_section")
        section = section if isinstance(section, dict) else {}
        data = {
            "title": _text(document.get("title")) or submission.title,
            "region": _text(document.get("region")),
            "start_date": _text(document.get("start_date")),
            "qualification": _text(national.get("qualification")),
            "section_title": _text(section.get("title")),
            "section_hours": _text(section.get("hours")),
        }
        return cls._blocks_data(
            data,
            {
                "learning_outcomes": section.get("learning_outcomes"),
                "contributors": section.get("contributors"),
                "electives": document.get("electives"),
            },
        )

    def chosen_qualification(self):
        """The qualification the crebo field names, or None."""
        crebo = (self.form["qualification"].value() or "").strip()
        if not crebo:
            return None
        return Qualification.objects.filter(crebo=crebo).only("crebo", "title", "level").first()


class CrossOverEditor(DraftEditor):
    form_class = CrossOverForm
    blocks = (PARTS,)

    def row_kwargs(self, block, data) -> dict:
        crebos = {
            (row.get("qualification") or "").strip() for row in rows_of(data or {}, PARTS)
        } - {""}
        return {"core_tasks": core_task_choices(crebos)}

    def document(self) -> dict:
        data = self.form.cleaned_data
        document = self.base_document()
        document["title"] = data["title"]
        _put(document, "level", data["level"])
        _put(document, "region", data["region"])
        _put(document, "start_date", data["start_date"] and data["start_date"].isoformat())
        _put(document, "end_date", data["end_date"] and data["end_date"].isoformat())
        _put(document, "labour_market_need", data["labour_market_need"])
        document["parts"] = self.rows(PARTS)
        document["inspectorate_review_needed"] = bool(data["inspectorate_review_needed"])
        return document

    @classmethod
    def data_from_document(cls, document, submission) -> dict:
        data = {
            "title": _text(document.get("title")) or submission.title,
            "level": _text(document.get("level")),
            "region": _text(document.get("region")),
            "start_date": _text(document.get("start_date")),
            "end_date": _text(document.get("end_date")),
            "labour_market_need": _text(document.get("labour_market_need")),
        }
        if document.get("inspectorate_review_needed") is True:
            data["inspectorate_review_needed"] = "on"
        return cls._blocks_data(data, {"parts": document.get("parts")})


class PracticeProgrammeEditor(DraftEditor):
    form_class = PracticeProgrammeForm
    blocks = (PARTNERS,)

    def document(self) -> dict:
        data = self.form.cleaned_data
        document = self.base_document()
        _put(document, "theme", data["theme"])
        _put(document, "hours", data["hours"])
        _put(document, "budget_eur", _number(data["budget_eur"]))
        period = {}
        _put(period, "start", data["period_start"] and data["period_start"].isoformat())
        _put(period, "end", data["period_end"] and data["period_end"].isoformat())
        document["period"] = period
        document["partners"] = self.rows(PARTNERS)
        _put(document, "activity_plan", data["activity_plan"])
        return document

    @classmethod
    def data_from_document(cls, document, submission) -> dict:
        period = document.get("period")
        period = period if isinstance(period, dict) else {}
        data = {
            "title": submission.title,
            "theme": _text(document.get("theme")),
            "hours": _text(document.get("hours")),
            "budget_eur": _text(document.get("budget_eur")),
            "period_start": _text(period.get("start")),
            "period_end": _text(period.get("end")),
            "activity_plan": _text(document.get("activity_plan")),
        }
        return cls._blocks_data(data, {"partners": document.get("partners")})


def _code(form, field: str) -> str:
    return (form[field].value() or "").strip().upper()


def _organisation_names(codes) -> dict[str, str]:
    return dict(Organisation.objects.filter(code__in=codes).values_list("code", "name"))


def _qualification_titles(codes) -> dict[str, str]:
    return dict(Qualification.objects.filter(crebo__in=codes).values_list("crebo", "title"))


def _elective_titles(codes) -> dict[str, str]:
    return dict(ElectiveModule.objects.filter(code__in=codes).values_list("code", "title"))


# Per list of rows: the field holding a code, and how to find the codes' names.
REFERENCE_FIELDS = {
    "contributors": ("organisation", _organisation_names),
    "partners": ("organisation", _organisation_names),
    "parts": ("qualification", _qualification_titles),
    "electives": ("code", _elective_titles),
}


EDITORS = {
    Kind.REGIONAL_PROGRAMME: RegionalProgrammeEditor,
    Kind.CROSS_OVER: CrossOverEditor,
    Kind.PRACTICE_PROGRAMME: PracticeProgrammeEditor,
}


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


# --- new draft ------------------------------------------------------------------------


class NewDraftForm(forms.Form):
    """Kind, experiment and title of a new draft."""

    KINDS = [
        (Kind.REGIONAL_PROGRAMME, Kind.REGIONAL_PROGRAMME.label),
        (Kind.CROSS_OVER, Kind.CROSS_OVER.label),
        (Kind.PRACTICE_PROGRAMME, Kind.PRACTICE_PROGRAMME.label),
    ]

    kind = forms.ChoiceField(label=_("Kind of submission"), choices=KINDS, widget=forms.RadioSelect)
    experiment = forms.ModelChoiceField(
        label=_("Experiment"),
        queryset=None,
        required=False,
        help_text=_("Leave empty to take the experiment of the chosen kind."),
    )
    title = forms.CharField(label=_("Title"), max_length=300)

    def __init__(self, *args, **kwargs):
        from experiments.models import Experiment

        super().__init__(*args, **kwargs)
        self.fields["experiment"].queryset = Experiment.objects.filter(
            kind__in=[kind for kind, _label in self.KINDS]
        ).order_by("name")

    def clean(self):
        data = super().clean()
        kind, experiment = data.get("kind"), data.get("experiment")
        if not kind:
            return data
        if experiment is None:
            matching = [e for e in self.fields["experiment"].queryset if e.kind == kind]
            if len(matching) == 1:
                data["experiment"] = matching[0]
            else:
                self.add_error("experiment", _("Choose the experiment."))
        elif experiment.kind != kind:
            self.add_error(
                "experiment",
                _("%(experiment)s is not an experiment for this kind of submission.")
                % {"experiment": experiment.name},
            )
        return data
