"""The "also in" lists worked out by the database (first entries and the count of the
rest) are the same as a straightforward computation over every part in the country,
and a first (uncached) view of a page reads as little whatever the data size."""

import datetime
import random
from collections import defaultdict

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models.signals import post_init
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from qualifications.models import CoreTask, Qualification, WorkProcess
from qualifications.selectors import ALSO_IN_SHOWN

from .factories import (
    CoreTaskFactory,
    QualificationFactory,
    QualificationFileFactory,
    WorkProcessFactory,
)

PASSED = datetime.date(2020, 8, 1)
# Few titles and SBB ids: many parts recur in many qualifications (more than
# ALSO_IN_SHOWN), and a qualification often holds two parts that match one part
# (one by SBB id, another by title); other parts recur in a few qualifications or in
# none. "!!!" normalises to an empty title, "" is no SBB id.
CORE_TASK_TITLES = ["Werkt aan kwaliteit", "Bereidt werk voor", "Werkt samen", "Zeldzaam", "!!!"]
WORK_PROCESS_TITLES = ["Plant het werk", "Voert uit", "Evalueert", "Rapporteert", "Enig"]
SBB_IDS = ["", "101", "102", "103", "104", "105", "106"]


def some_part(rng: random.Random, titles: list[str]) -> dict:
    """A title and SBB id: most from the few shared ones, the others rare or unique
    (the factory's own SBB id)."""
    found = {"title": rng.choice(titles) if rng.random() < 0.7 else f"Eigen {rng.randint(1, 60)}"}
    if rng.random() < 0.4:
        found["sbb_id"] = rng.choice(SBB_IDS)
    return found


def generate(rng: random.Random, files: int) -> list[Qualification]:
    """Dossiers with one to three profiles, a basis and profile core tasks, and work processes."""
    made = []
    for _ in range(files):
        file = QualificationFileFactory(end_of_intake=PASSED if rng.random() < 0.1 else None)
        profiles = [
            QualificationFactory(
                file=file,
                chapter=chapter,
                end_of_intake=PASSED if rng.random() < 0.2 else None,
            )
            for chapter in range(1, rng.randint(1, 3) + 1)
        ]
        made += profiles
        for profile in [None, *profiles]:
            prefix = f"P{profile.chapter}" if profile else "B1"
            for position in range(1, rng.randint(1, 2) + 1):
                core_task = CoreTaskFactory(
                    file=file,
                    qualification=profile,
                    code=f"{prefix}-K{position}",
                    position=position,
                    **some_part(rng, CORE_TASK_TITLES),
                )
                for step in range(1, rng.randint(1, 3) + 1):
                    WorkProcessFactory(
                        core_task=core_task,
                        code=f"{core_task.code}-W{step}",
                        position=step,
                        **some_part(rng, WORK_PROCESS_TITLES),
                    )
    return made


class Country:
    """Every part and qualification, read plainly, and the "also in" list of a part
    computed from them one by one."""

    def __init__(self):
        self.qualifications = list(Qualification.objects.select_related("file"))
        self.by_file = defaultdict(list)
        for qualification in self.qualifications:
            self.by_file[qualification.file_id].append(qualification)
        self.by_id = {qualification.pk: qualification for qualification in self.qualifications}
        self.core_tasks = {core_task.pk: core_task for core_task in CoreTask.objects.all()}
        self.work_processes = list(WorkProcess.objects.all())

    def owners(self, core_task) -> list[Qualification]:
        if core_task.qualification_id is None:
            return self.by_file[core_task.file_id]
        return [self.by_id[core_task.qualification_id]]

    def also_in(self, part, viewing) -> list[tuple[str, str, datetime.date | None]]:
        """(crebo, code there, end of intake when passed) by crebo: the match by SBB id
        before one by title, then the lowest code, when a qualification holds several."""
        is_core_task = isinstance(part, CoreTask)
        own_core_task = self.core_tasks[part.pk if is_core_task else part.core_task_id]
        if viewing is not None:
            excluded = {viewing.pk}
        else:
            excluded = {qualification.pk for qualification in self.owners(own_core_task)}
        candidates = self.core_tasks.values() if is_core_task else self.work_processes
        best = {}
        for other in candidates:
            for rank, field in enumerate(("sbb_id", "normalized_title")):
                value = getattr(part, field)
                if not value or getattr(other, field) != value:
                    continue
                core_task = other if is_core_task else self.core_tasks[other.core_task_id]
                for qualification in self.owners(core_task):
                    if qualification.pk not in excluded:
                        found = (rank, other.code)
                        best[qualification.pk] = min(best.get(qualification.pk, found), found)
        entries = []
        for pk, (_, code) in best.items():
            qualification = self.by_id[pk]
            end = qualification.end_of_intake or qualification.file.end_of_intake
            entries.append((qualification.crebo, code, end if end and end <= PASSED else None))
        return sorted(entries)


def shown(part) -> list[tuple[str, str, datetime.date | None]]:
    return [
        (entry.qualification.crebo, entry.code, entry.intake_ended_on) for entry in part.also_in
    ]


def each_part(core_tasks):
    for core_task in core_tasks:
        yield core_task
        yield from core_task.work_processes.all()


@pytest.mark.django_db
@override_settings(PAGE_CACHE=False)
def test_qualification_and_dossier_pages_show_the_first_entries_and_count_the_rest(client):
    qualifications = generate(random.Random(14), files=24)
    country = Country()
    longer = shorter = 0
    for viewing in qualifications[::3]:
        cache.clear()  # a first view: computed, not read from the cache
        url = reverse("qualifications:qualification-detail", args=[viewing.crebo])
        context = client.get(url).context
        for part in each_part(context["basis_parts"] + context["profile_parts"]):
            expected = country.also_in(part, viewing)
            assert shown(part) == expected[:ALSO_IN_SHOWN], (viewing.crebo, part.code)
            assert part.also_in_more == max(0, len(expected) - ALSO_IN_SHOWN)
            longer += part.also_in_more > 0
            shorter += 0 < len(expected) < ALSO_IN_SHOWN
    for dossier in {qualification.file for qualification in qualifications[::4]}:
        cache.clear()
        url = reverse("qualifications:dossier-detail", args=[dossier.crebo])
        parts = client.get(url).context["parts"]
        core_tasks = parts.basis + [ct for _, profile in parts.profiles for ct in profile]
        for part in each_part(core_tasks):
            expected = country.also_in(part, None)
            assert shown(part) == expected[:ALSO_IN_SHOWN], (dossier.crebo, part.code)
            assert part.also_in_more == max(0, len(expected) - ALSO_IN_SHOWN)
    # The data hold both cases: lists cut short, and lists shown whole.
    assert longer and shorter


@pytest.mark.django_db
def test_the_full_list_of_one_part_is_complete_and_paginated(client):
    generate(random.Random(7), files=6)
    viewed = QualificationFactory()
    core_task = CoreTaskFactory(qualification=viewed, title="Werkt veilig", sbb_id="")
    work_process = WorkProcessFactory(core_task=core_task, title="Ruimt op", sbb_id="")
    for _ in range(57):
        other = CoreTaskFactory(qualification=QualificationFactory(), title="Iets anders")
        WorkProcessFactory(core_task=other, title="Ruimt op")
    country = Country()
    expected = country.also_in(work_process, viewed)
    assert len(expected) == 57

    url = reverse("qualifications:qualification-also-in", args=[viewed.crebo, work_process.code])
    first, second = client.get(url), client.get(url, {"page": 2})

    assert first.context["page_obj"].paginator.count == 57
    listed = [
        (entry.qualification.crebo, entry.code, entry.intake_ended_on)
        for response in (first, second)
        for entry in response.context["page_obj"]
    ]
    assert listed == expected
    assert len(first.context["page_obj"]) == 50
    # Another dossier's page of the same kind of part: its own full list.
    dossier_url = reverse(
        "qualifications:dossier-also-in", args=[viewed.file.crebo, work_process.code]
    )
    dossier_page = client.get(dossier_url)
    assert dossier_page.context["page_obj"].paginator.count == 57


def page_cost(client, url) -> tuple[int, dict[str, int]]:
    """Queries and model instances built by a first (uncached) view of `url`."""
    built = defaultdict(int)

    def count(sender, **kwargs):
        built[sender.__name__] += 1

    cache.clear()
    for model in (Qualification, CoreTask, WorkProcess):
        post_init.connect(count, sender=model, dispatch_uid=f"count-{model.__name__}")
    try:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
    finally:
        for model in (Qualification, CoreTask, WorkProcess):
            post_init.disconnect(sender=model, dispatch_uid=f"count-{model.__name__}")
    return len(queries), dict(built)


@pytest.mark.django_db
@override_settings(PAGE_CACHE=False)
def test_a_first_view_reads_as_much_at_two_data_sizes(client, django_assert_max_num_queries):
    rng = random.Random(3)
    generate(rng, files=4)
    viewed = QualificationFactory()
    for title in CORE_TASK_TITLES[:2]:
        core_task = CoreTaskFactory(qualification=viewed, title=title, sbb_id="")
        for step in range(1, 3):
            WorkProcessFactory(
                core_task=core_task,
                code=f"{core_task.code}-W{step}",
                title=WORK_PROCESS_TITLES[step],
                sbb_id="",
            )
    url = reverse("qualifications:qualification-detail", args=[viewed.crebo])
    dossier_url = reverse("qualifications:dossier-detail", args=[viewed.file.crebo])
    generate(rng, files=25)
    # Every part on the page recurs in more qualifications than are shown.
    context = client.get(url).context
    assert all(part.also_in_more for part in each_part(context["profile_parts"]))
    small = page_cost(client, url), page_cost(client, dossier_url)

    generate(rng, files=50)
    with django_assert_max_num_queries(8):
        qualification_page = page_cost(client, url)
    with django_assert_max_num_queries(8):
        dossier_page = page_cost(client, dossier_url)
    large = qualification_page, dossier_page

    # The same queries, and only the parts on the page and the qualifications shown
    # are built: not every matching part in the country.
    assert large == small
    for _, built in large:
        assert built["CoreTask"] == 2
        assert built["WorkProcess"] == 4
        assert built["Qualification"] <= 1 + 6 * ALSO_IN_SHOWN
