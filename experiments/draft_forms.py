"""The browser editors of the experiments' kinds: the regionalised
programme, the cross-over qualification and the practice-oriented programme
(`rules.editing` says what an editor is made of)."""

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from core import boundary
from qualifications.models import CREBO_VALIDATOR, REGIONAL_ELECTIVE_PREFIX, Qualification
from rules.editing import (
    DATE_WIDGET,
    Block,
    DraftEditor,
    DraftMainForm,
    RowForm,
    as_number,
    as_text,
    core_task_choices,
    elective_titles,
    organisation_names,
    put,
    qualification_titles,
    rows_of,
    search_attrs,
)


def outcomes_from_text(text: str) -> list[dict]:
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


def outcomes_as_text(outcomes) -> str:
    if not isinstance(outcomes, list):
        return ""
    lines = []
    for outcome in outcomes:
        if isinstance(outcome, dict):
            code, text = outcome.get("code") or "", outcome.get("text") or ""
            lines.append(f"{code}: {text}" if code else str(text))
    return "\n".join(lines)


# --- rows ---------------------------------------------------------------------------


class LearningOutcomeForm(RowForm):
    code = forms.CharField(label=_("Code"), max_length=20, required=False)
    text = forms.CharField(label=_("Learning outcome"), max_length=1000, required=False)

    def row(self) -> dict:
        row = {}
        put(row, "code", self.cleaned_data["code"])
        put(row, "text", self.cleaned_data["text"])
        return row

    @staticmethod
    def values(row: dict) -> dict:
        return {"code": as_text(row.get("code")), "text": as_text(row.get("text"))}


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
            search_attrs(
                self.prefix, "organisation", reverse_lazy("submissions:draft-organisations")
            )
        )

    def row(self) -> dict:
        row = {}
        for name in ("name", "role"):
            put(row, name, self.cleaned_data[name])
        put(row, "organisation", self.cleaned_data["organisation"].strip().upper())
        put(row, "organisation_name", self.cleaned_data["organisation_name"])
        return row

    @staticmethod
    def values(row: dict) -> dict:
        return {
            name: as_text(row.get(name))
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
            search_attrs(self.prefix, "code", reverse_lazy("submissions:draft-electives"))
        )

    def row(self) -> dict:
        data = self.cleaned_data
        row = {}
        code = data["code"].strip().upper()
        # An RK code names a regional keuzedeel from the register (RR-06).
        from_register = code.startswith(REGIONAL_ELECTIVE_PREFIX)
        kind = "regional" if from_register else data["type"]
        put(row, "type", kind)
        if kind != "regional" or from_register:
            put(row, "code", code)
        if kind != "national":
            put(row, "title", data["title"])
            put(row, "hours", data["hours"])
            outcomes = outcomes_from_text(data["learning_outcomes"])
            if outcomes or (kind == "regional" and not from_register):
                row["learning_outcomes"] = outcomes
        return row

    @staticmethod
    def values(row: dict) -> dict:
        return {
            "type": as_text(row.get("type")),
            "code": as_text(row.get("code")),
            "title": as_text(row.get("title")),
            "hours": as_text(row.get("hours")),
            "learning_outcomes": outcomes_as_text(row.get("learning_outcomes")),
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
            search_attrs(
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
        put(row, "qualification", self.cleaned_data["qualification"].strip())
        put(row, "core_task", self.cleaned_data["core_task"].strip())
        return row

    @staticmethod
    def values(row: dict) -> dict:
        return {
            "qualification": as_text(row.get("qualification")),
            "core_task": as_text(row.get("core_task")),
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
            search_attrs(
                self.prefix, "organisation", reverse_lazy("submissions:draft-organisations")
            )
        )

    def row(self) -> dict:
        row = {}
        put(row, "kind", self.cleaned_data["kind"])
        put(row, "organisation", self.cleaned_data["organisation"].strip().upper())
        put(row, "name", self.cleaned_data["name"])
        return row

    @staticmethod
    def values(row: dict) -> dict:
        return {name: as_text(row.get(name)) for name in ("kind", "organisation", "name")}


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

# Paths of single fields (after the row blocks are matched) → form field name.
FIELD_PATHS = {
    "title": "title",
    "region": "region",
    "start_date": "start_date",
    "end_date": "end_date",
    "level": "level",
    "labour_market_need": "labour_market_need",
    "inspectorate_review_needed": "inspectorate_review_needed",
    "national_section": "qualification",
    "national_section.qualification": "qualification",
    "regional_section": "section_title",
    "regional_section.title": "section_title",
    "regional_section.hours": "section_hours",
    "theme": "theme",
    "hours": "hours",
    "budget_eur": "budget_eur",
    "period": "period_start",
    "period.start": "period_start",
    "period.end": "period_end",
    "activity_plan": "activity_plan",
}
# Paths of lists of rows → the block (formset prefix) in the form.
ROW_PATHS = {
    "regional_section.learning_outcomes": "learning_outcomes",
    "regional_section.contributors": "contributors",
    "electives": "electives",
    "parts": "parts",
    "partners": "partners",
}
# Per list of rows: the field holding a code, and how to find the codes' names.
REFERENCE_FIELDS = {
    "contributors": ("organisation", organisation_names),
    "partners": ("organisation", organisation_names),
    "parts": ("qualification", qualification_titles),
    "electives": ("code", elective_titles),
}


class ExperimentEditor(DraftEditor):
    """The editors of the experiments' kinds share where findings go."""

    field_paths = FIELD_PATHS
    row_paths = ROW_PATHS
    reference_fields = REFERENCE_FIELDS


class RegionalProgrammeEditor(ExperimentEditor):
    form_class = RegionalProgrammeForm
    blocks = (LEARNING_OUTCOMES, CONTRIBUTORS, ELECTIVES)

    def document(self) -> dict:
        data = self.form.cleaned_data
        document = self.base_document()
        document["title"] = data["title"]
        put(document, "region", data["region"])
        put(document, "start_date", data["start_date"] and data["start_date"].isoformat())
        national = {}
        put(national, "qualification", data["qualification"])
        document["national_section"] = national
        section = {}
        put(section, "title", data["section_title"])
        put(section, "hours", data["section_hours"])
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
            "title": as_text(document.get("title")) or submission.title,
            "region": as_text(document.get("region")),
            "start_date": as_text(document.get("start_date")),
            "qualification": as_text(national.get("qualification")),
            "section_title": as_text(section.get("title")),
            "section_hours": as_text(section.get("hours")),
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


class CrossOverEditor(ExperimentEditor):
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
        put(document, "level", data["level"])
        put(document, "region", data["region"])
        put(document, "start_date", data["start_date"] and data["start_date"].isoformat())
        put(document, "end_date", data["end_date"] and data["end_date"].isoformat())
        put(document, "labour_market_need", data["labour_market_need"])
        document["parts"] = self.rows(PARTS)
        document["inspectorate_review_needed"] = bool(data["inspectorate_review_needed"])
        return document

    @classmethod
    def data_from_document(cls, document, submission) -> dict:
        data = {
            "title": as_text(document.get("title")) or submission.title,
            "level": as_text(document.get("level")),
            "region": as_text(document.get("region")),
            "start_date": as_text(document.get("start_date")),
            "end_date": as_text(document.get("end_date")),
            "labour_market_need": as_text(document.get("labour_market_need")),
        }
        if document.get("inspectorate_review_needed") is True:
            data["inspectorate_review_needed"] = "on"
        return cls._blocks_data(data, {"parts": document.get("parts")})


class PracticeProgrammeEditor(ExperimentEditor):
    form_class = PracticeProgrammeForm
    blocks = (PARTNERS,)

    def document(self) -> dict:
        data = self.form.cleaned_data
        document = self.base_document()
        put(document, "theme", data["theme"])
        put(document, "hours", data["hours"])
        put(document, "budget_eur", as_number(data["budget_eur"]))
        period = {}
        put(period, "start", data["period_start"] and data["period_start"].isoformat())
        put(period, "end", data["period_end"] and data["period_end"].isoformat())
        document["period"] = period
        document["partners"] = self.rows(PARTNERS)
        put(document, "activity_plan", data["activity_plan"])
        return document

    @classmethod
    def data_from_document(cls, document, submission) -> dict:
        period = document.get("period")
        period = period if isinstance(period, dict) else {}
        data = {
            "title": submission.title,
            "theme": as_text(document.get("theme")),
            "hours": as_text(document.get("hours")),
            "budget_eur": as_text(document.get("budget_eur")),
            "period_start": as_text(period.get("start")),
            "period_end": as_text(period.get("end")),
            "activity_plan": as_text(document.get("activity_plan")),
        }
        return cls._blocks_data(data, {"partners": document.get("partners")})
