"""What a rule may read besides the document: dates and reference data.

One `RuleContext` is made per validation; it caches every lookup so that rules
can ask freely without repeating queries.
"""

import datetime

from django.utils import timezone

from qualifications.models import CoreTask, ElectiveModule, Qualification, QualificationFile
from regions.models import Organisation, Region

from .kinds import lookup


def parse_date(value) -> datetime.date | None:
    """An ISO date from the document, or None (the shape check reports bad ones)."""
    if not isinstance(value, str):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def school_year(day: datetime.date) -> str:
    """The school year (cohort) a date falls in, e.g. 2021-08-01 → "2021/22"."""
    first = day.year if day.month >= 8 else day.year - 1
    return f"{first}/{str(first + 1)[-2:]}"


class RuleContext:
    """Cached access to reference data for the rules of one validation.

    Besides the reference data below, a rule may call the lookups that the
    registered kinds provide (`KindSpec.lookups`), e.g. `context.experiment(slug)`."""

    def __init__(self, document: dict, *, today: datetime.date | None = None, submission_id=None):
        self.document = document
        self.today = today or timezone.localdate()
        self.submission_id = submission_id
        # Reference dates compared with today: when one passes, the result may change.
        self.watched_dates: set[datetime.date] = set()
        self._cache: dict = {}

    # Dates -----------------------------------------------------------------

    def date(self, field: str) -> datetime.date | None:
        """A top-level date field of the document."""
        return parse_date(self.document.get(field))

    def submitted_on(self) -> tuple[datetime.date, bool]:
        """`submitted_on`, or today when absent; the flag says today was used."""
        submitted = self.date("submitted_on")
        if submitted is None:
            return self.today, True
        return submitted, False

    def watch(self, day: datetime.date | None) -> None:
        """Note a reference date compared with today: on that day the result may change."""
        if day is not None and day > self.today:
            self.watched_dates.add(day)

    # Reference data --------------------------------------------------------

    def cached(self, key, load):
        """What `load()` returns, read once per validation under `key`."""
        if key not in self._cache:
            self._cache[key] = load()
        return self._cache[key]

    _cached = cached

    def __getattr__(self, name: str):
        function = lookup(name) if not name.startswith("_") else None
        if function is None:
            raise AttributeError(name)
        return lambda *args: function(self, *args)

    def organisation(self, code):
        """The organisation with this BRIN/KvK code, or None."""
        if not isinstance(code, str) or not code:
            return None
        model = Organisation
        return self._cached(
            ("organisation", code),
            lambda: model.objects.select_related("region").filter(code=code).first(),
        )

    def region(self, code):
        """The labour-market region with this code, or None."""
        if not isinstance(code, str) or not code:
            return None
        model = Region
        return self._cached(
            ("region", code), lambda: model.objects.defer("geometry").filter(code=code).first()
        )

    def qualification(self, crebo):
        """The qualification (profile) with this crebo, with its file, or None."""
        if not isinstance(crebo, str) or not crebo:
            return None
        model = Qualification
        return self._cached(
            ("qualification", crebo),
            lambda: model.objects.select_related("file").filter(crebo=crebo).first(),
        )

    def qualification_file(self, crebo):
        """The qualification file (dossier) with this crebo, or None."""
        if not isinstance(crebo, str) or not crebo:
            return None
        model = QualificationFile
        return self._cached(("file", crebo), lambda: model.objects.filter(crebo=crebo).first())

    def core_task(self, qualification, code):
        """The core task `code` that belongs to `qualification`: a basis task of
        its file or a task of its own profile. None when there is none."""
        if qualification is None or not isinstance(code, str):
            return None
        model = CoreTask

        def load():
            task = model.objects.filter(file_id=qualification.file_id, code=code).first()
            if task is None:
                return None
            if task.qualification_id not in (None, qualification.pk):
                return None
            return task

        return self._cached(("core_task", qualification.pk, code), load)

    def elective(self, code):
        """The national keuzedeel with this code, or None."""
        if not isinstance(code, str) or not code:
            return None
        model = ElectiveModule
        return self._cached(("elective", code), lambda: model.objects.filter(code=code).first())
