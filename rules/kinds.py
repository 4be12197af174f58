"""The kinds of document, each declared once by the app that owns it.

An app that owns a kind of submission document (`experiments` owns the
regionalised programme, the cross-over and the practice-oriented programme,
`pathways` the continuous pathway) describes it in a `KindSpec` in its own
`kinds.py` and registers it from its `AppConfig.ready()`:

    register_kind(KindSpec(value=SCHOOL_TRIP, label=_("school trip"), schema=..., ...))

The engine (`rules/`) and the submission workflow (`submissions/`) then ask this
registry about a kind instead of naming it: its schema, the fields that name
its school, the lookups its rules make, the labels of its fields, its editor.
The kind's rules live in the owning app's `rules.py`, found by the engine (see
`rules.registry.load_rules`).
"""

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class KindSpec:
    """Everything the engine and the workflow need to know about one kind."""

    value: str  # the interchange `kind` and the stored `Submission.kind`
    label: object  # a lazy translation, e.g. _("school trip")
    # The ID prefix of the kind's own rules, e.g. "CO" (the rules page groups by it).
    rule_family: str = ""
    # Where the kind comes in lists of kinds (choices, messages): by this number,
    # then in the order of registration.
    order: int = 100
    # The document's fields after "format" and "kind" (rules.schema Field objects).
    schema: Mapping = field(default_factory=dict)
    # Submitted for review through the submissions pages (upload, drafts); a kind
    # with pages of its own sets False and an upload of it is refused.
    reviewed: bool = True
    # The document fields that name the school(s) the document is about (upload check).
    school_fields: tuple[str, ...] = ("school",)
    # The field that names a document without a title of its own (after the kind's label).
    title_detail: str = ""
    # The document names the experiment and the region (new drafts start with them;
    # the submission's region is the one the document names).
    experiment_and_region: bool = False
    # The Inspectorate may decide too: the document asks for it
    # (`inspectorate_review_needed`) or an SBB reviewer calls it in.
    inspectorate: bool = False
    # Approved submissions of this kind are counted on the regions map.
    on_region_map: bool = False
    # FMT-02: (path, value) of the amounts that may not be negative, and
    # (start path, end path, start, end) of the periods; both get a shaped document.
    amounts: Callable | None = None
    periods: Callable | None = None
    # Reference lookups the kind's rules make: `context.<name>(...)` calls
    # `function(context, ...)`; `context.cached(key, load)` keeps what it read for
    # the validation, `context.reference(key, load)` reference data for the process
    # (the tables of `stamp_columns` are watched as reference data).
    lookups: Mapping = field(default_factory=dict)
    # What a reference-data stamp watches besides reference data: (SQL expression, model).
    stamp_columns: tuple = ()
    # Labels of the document's fields (key → lazy text), of its lists as a whole,
    # of coded values (field → {value: text}) and of message parameters that hold
    # a coded value (parameter → field).
    field_labels: Mapping = field(default_factory=dict)
    section_labels: Mapping = field(default_factory=dict)
    value_labels: Mapping = field(default_factory=dict)
    param_values: Mapping = field(default_factory=dict)
    # Names of referenced records shown beside their codes: document key →
    # function(set of codes) → {code: name}.
    names: Mapping = field(default_factory=dict)
    # The browser editor (a `rules.editing.DraftEditor` subclass) and the template
    # with its fields; a kind without one is not drafted in the browser.
    editor: type | None = None
    editor_template: str = ""
    # References to reference data, checked by the engine's cross-kind rules
    # (rules/reference_rules.py): ORG-01 `organisation_references(document)` →
    # [(path, code, expected organisation kind)]; REG-01 when the document names a
    # `region`; QS-02 `qualification_references(document)` → [(path, crebo)], whose
    # existence QS-01 checks unless the kind's own rules already report it.
    organisation_references: Callable | None = None
    names_region: bool = False
    qualification_references: Callable | None = None
    qualification_start: str = "start_date"  # the date (path) they must be valid on
    own_rules_find_qualifications: bool = False
    # What follows when a submission of this kind is approved (also when it is
    # approved again after a new version): called inside the approval's transaction
    # as `on_approved(submission_id=, title=, school=, document=)`; a failure undoes it.
    on_approved: Callable | None = None

    @property
    def name(self) -> str:
        """The constant's name: the value in capitals (`Kind.SCHOOL_TRIP`)."""
        return self.value.upper()


_KINDS: dict[str, KindSpec] = {}
_changes = [0]  # counts registrations, for catalogues built from the kinds


def registry_version() -> int:
    """A number that changes whenever a kind is registered or removed."""
    return _changes[0]


def register_kind(spec: KindSpec) -> KindSpec:
    """Register a kind (from the owning app's `AppConfig.ready()`). Registering
    the same value again replaces it (a reloaded module); returns the spec."""
    if not spec.value or spec.value != spec.value.strip():
        raise ValueError(f"A kind needs a value: {spec.value!r}")
    _KINDS[spec.value] = spec
    _changes[0] += 1
    return spec


def unregister_kind(value: str) -> None:
    """Remove a kind and the rules that apply to it alone (for tests)."""
    from .registry import forget_rules_of

    _KINDS.pop(value, None)
    _changes[0] += 1
    forget_rules_of(value)


def kinds() -> list[KindSpec]:
    """Every registered kind, by `order` and then in the order of registration."""
    return sorted(_KINDS.values(), key=lambda spec: spec.order)


def kind_spec(value) -> KindSpec | None:
    """The registered kind with this value, or None."""
    return _KINDS.get(value) if isinstance(value, str) else None


def kind_values() -> list[str]:
    return [spec.value for spec in kinds()]


def kind_choices() -> list[tuple[str, object]]:
    """(value, label) of every kind: the choices of `Submission.kind`."""
    return [(spec.value, spec.label) for spec in kinds()]


def reviewed_kind_choices() -> list[tuple[str, object]]:
    """(value, label) of the kinds that come to the reviewers' queue (`reviewed`)."""
    return [(spec.value, spec.label) for spec in kinds() if spec.reviewed]


def kind_label(value) -> str:
    """The kind's label in the active language; an unknown value as it is."""
    spec = kind_spec(value)
    return str(spec.label) if spec is not None else str(value)


_LOOKUPS: dict[str, Callable] = {}


def register_lookup(name: str, function: Callable) -> None:
    """A lookup for every kind's rules from an app above the engine (the submission
    workflow: `context.<name>(...)` calls `function(context, ...)`), registered from
    that app's `AppConfig.ready()`."""
    _LOOKUPS[name] = function


def lookup(name: str) -> Callable | None:
    """The lookup `name` that the workflow or a registered kind provides, or None."""
    if name in _LOOKUPS:
        return _LOOKUPS[name]
    for spec in kinds():
        if name in spec.lookups:
            return spec.lookups[name]
    return None


def merged(attribute: str) -> dict:
    """One of the kinds' mappings (`field_labels`, `names`, …) merged over every kind."""
    result: dict = {}
    for spec in kinds():
        for key, value in getattr(spec, attribute).items():
            if isinstance(value, Mapping) and isinstance(result.get(key), Mapping):
                result[key] = {**result[key], **value}
            else:
                result.setdefault(key, value)
    return result


def stamp_columns() -> list[tuple[str, object]]:
    """The (expression, model) pairs the kinds' rules read besides reference data."""
    columns: list = []
    for spec in kinds():
        columns.extend(column for column in spec.stamp_columns if column not in columns)
    return columns


class KindName(str):
    """A registered kind's value with its label, as `Kind.SCHOOL_TRIP` gives it."""

    @property
    def value(self) -> str:
        return str(self)

    @property
    def label(self):
        return kind_spec(str(self)).label


class RegisteredKinds:
    """The registered kinds by name, shaped like a TextChoices class:
    `Kind.SCHOOL_TRIP` is the value of the kind "school_trip" once its app has
    registered it; `Kind.values`, `Kind.choices` and `Kind(value).label` follow
    the registry.
    For rules that apply to another app's kind; an app names its own kinds by
    the constants of its `kinds.py`."""

    def __getattr__(self, name: str) -> KindName:
        for spec in kinds():
            if spec.name == name:
                return KindName(spec.value)
        raise AttributeError(f"No kind {name} is registered")

    def __call__(self, value) -> KindName:
        if kind_spec(value) is None:
            raise ValueError(f"{value!r} is not a registered kind")
        return KindName(value)

    def __iter__(self) -> Iterator[KindName]:
        return (KindName(value) for value in kind_values())

    def __contains__(self, value) -> bool:
        return kind_spec(value) is not None

    @property
    def values(self) -> list[str]:
        return kind_values()

    @property
    def choices(self) -> list[tuple[str, object]]:
        return kind_choices()

    @property
    def labels(self) -> list:
        return [label for _value, label in kind_choices()]


class EveryKind:
    """`kinds=ALL_KINDS` in a rule: every registered kind, also one registered later."""

    def __contains__(self, value) -> bool:
        return kind_spec(value) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(kind_values())

    def __len__(self) -> int:
        return len(_KINDS)

    def __repr__(self) -> str:
        return "ALL_KINDS"


class KindsWhere(EveryKind):
    """`kinds=KindsWhere(lambda spec: …)` in a rule: every registered kind whose
    declaration fits, also one registered later (the engine's cross-kind rules)."""

    def __init__(self, test: Callable[[KindSpec], bool], description: str):
        self.test = test
        self.description = description

    def __contains__(self, value) -> bool:
        spec = kind_spec(value)
        return spec is not None and bool(self.test(spec))

    def __iter__(self) -> Iterator[str]:
        return iter([spec.value for spec in kinds() if self.test(spec)])

    def __len__(self) -> int:
        return len(list(iter(self)))

    def __repr__(self) -> str:
        return self.description


Kind = RegisteredKinds()
ALL_KINDS = EveryKind()
