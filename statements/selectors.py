"""Reads for practice statements. A school author sees the statements of their
own school; nobody else sees any (the verification page shows a statement by
its code, and only the learner's name, the qualification and the work processes)."""

import re

from django.db.models import Q, QuerySet

from accounts.models import Role
from qualifications.models import CoreTask, WorkProcess

from .models import PracticeStatement

# Crockford's base 32: no I, L, O or U; typed letters are read leniently.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 16
_LENIENT = str.maketrans({"O": "0", "I": "1", "L": "1"})


def normalise_code(text: str) -> str:
    """A verification code as typed (lower case, spaces, dashes) in stored form,
    or "" when it cannot be one."""
    code = re.sub(r"[\s\-]", "", (text or "").upper()).translate(_LENIENT)
    if len(code) != CODE_LENGTH or any(char not in CODE_ALPHABET for char in code):
        return ""
    return code


def statement_by_code(text: str) -> PracticeStatement | None:
    """The statement with this verification code (typed in any readable form), or None."""
    code = normalise_code(text)
    if not code:
        return None
    return (
        PracticeStatement.objects.select_related("school", "qualification")
        .filter(code=code)
        .first()
    )


def visible_statements(user) -> QuerySet[PracticeStatement]:
    """The statements of the user's school for its school authors; none for anyone else."""
    if not user.is_authenticated or user.role != Role.SCHOOL_AUTHOR or not user.organisation_id:
        return PracticeStatement.objects.none()
    return PracticeStatement.objects.filter(school_id=user.organisation_id)


def statement_list(user, *, search: str = "", state: str = "") -> QuerySet[PracticeStatement]:
    """The user's visible statements, searched by learner, qualification, company or code."""
    statements = visible_statements(user).select_related("qualification", "company")
    search = search.strip()
    if search:
        code = normalise_code(search)
        statements = statements.filter(
            Q(learner_name__icontains=search)
            | Q(qualification__title__icontains=search)
            | Q(qualification__crebo=search)
            | Q(company__name__icontains=search)
            | Q(company__code=search)
            | (Q(code=code) if code else Q(pk__in=[]))
        )
    if state == "issued":
        statements = statements.filter(withdrawn_at__isnull=True)
    elif state == "withdrawn":
        statements = statements.filter(withdrawn_at__isnull=False)
    return statements.order_by("-issued_on", "-pk")


def get_visible_statement(user, pk: int) -> PracticeStatement | None:
    return (
        visible_statements(user)
        .select_related("school", "qualification", "company", "issued_by", "withdrawn_by")
        .filter(pk=pk)
        .first()
    )


def _own_tasks(qualification) -> Q:
    return Q(qualification__isnull=True) | Q(qualification=qualification)


def work_process_groups(qualification) -> list[tuple[CoreTask, list[WorkProcess]]]:
    """The qualification's core tasks (basis first, then its profile) with their
    work processes, in SBB order. Two queries."""
    if qualification is None:
        return []
    tasks = list(
        CoreTask.objects.filter(Q(file_id=qualification.file_id) & _own_tasks(qualification))
        .only("code", "title", "position", "qualification_id")
        .order_by("qualification_id", "position", "code")
    )
    tasks.sort(key=lambda task: (task.qualification_id is not None, task.position, task.code))
    processes: dict[int, list[WorkProcess]] = {task.pk: [] for task in tasks}
    for process in (
        WorkProcess.objects.filter(core_task_id__in=processes)
        .only("code", "title", "position", "core_task_id")
        .order_by("position", "code")
    ):
        processes[process.core_task_id].append(process)
    return [(task, processes[task.pk]) for task in tasks]


def statement_work_processes(statement: PracticeStatement) -> list[tuple[str, str]]:
    """(code, title) of the statement's work processes, in the order it names them."""
    qualification = statement.qualification
    titles = dict(
        WorkProcess.objects.filter(
            core_task__file_id=qualification.file_id, code__in=statement.work_processes
        )
        .filter(
            Q(core_task__qualification__isnull=True) | Q(core_task__qualification=qualification)
        )
        .values_list("code", "title")
    )
    return [(code, titles.get(code, "")) for code in statement.work_processes]
