"""One fictitious issued practice statement for the demo school (99XA)."""

import datetime

from django.db import transaction

from accounts.models import User
from qualifications.models import Qualification

from . import services
from .models import PracticeStatement
from .selectors import work_process_groups

DEMO_SCHOOL, DEMO_COMPANY, DEMO_CREBO, DEMO_AUTHOR = "99XA", "99990001", "25498", "school"


@transaction.atomic
def load_demo_statements() -> int:
    """Issue the demo statement once (through the rules); returns how many exist."""
    existing = PracticeStatement.objects.filter(is_demo=True)
    if existing.exists():
        return existing.count()
    author = User.objects.filter(username=DEMO_AUTHOR, organisation__code=DEMO_SCHOOL).first()
    qualification = Qualification.objects.filter(crebo=DEMO_CREBO).first()
    if author is None or qualification is None:
        return 0
    groups = work_process_groups(qualification)
    codes = [process.code for _task, processes in groups[:1] for process in processes[:3]]
    document = {
        "format": services.FORMAT,
        "kind": "practice_statement",
        "school": DEMO_SCHOOL,
        "learner": {"name": "Fatima El Amrani"},
        "qualification": DEMO_CREBO,
        "company": DEMO_COMPANY,
        "trainer": "Joost Hendriks",
        "period": {"start": "2026-02-02", "end": "2026-06-26"},
        "issued_on": "2026-07-03",
        "work_processes": codes,
    }
    try:
        statement = services.issue(user=author, document=document, today=datetime.date.today())
    except services.StatementRefused:
        return 0
    statement.is_demo = True
    statement.save(update_fields=["is_demo"])
    return 1
