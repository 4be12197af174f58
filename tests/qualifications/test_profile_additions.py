"""Per-profile additions on basis core tasks (SBB `…perprofiel/aanvullend`):
imported from the real samples, shown on the qualification page, and listed by
"what do I still need" when a learner moves to a more demanding profile. And
"also in" marks qualifications whose intake has ended."""

import datetime
import xml.etree.ElementTree as ET  # noqa: S405 - trusted reference sample, read in tests only

import pytest
from django.conf import settings
from django.urls import reverse

from qualifications.models import ProfileAddition, Qualification
from qualifications.services import import_sbb_file

from .factories import CoreTaskFactory, QualificationFactory

PEDAGOGICAL = settings.DATA_DIR / "sbb" / "2635-pedagogisch-werk.xml"
CHILDCARE, SPECIALISED, TEACHING_ASSISTANT = "25486", "25484", "25485"


def xml_additions():
    """(profile SBB id, aspect element, core task or work process SBB id) of every
    non-empty addition, read independently from the XML."""
    root = ET.parse(PEDAGOGICAL).getroot()  # noqa: S314
    parent = {child: element for element in root.iter() for child in element}
    found = set()
    for addition in root.iter("aanvullend"):
        content = [child for child in addition if child.tag != "profiel"]
        if not any((c.text or "").strip() or len(c) for c in content):
            continue
        owner = parent[parent[addition]]
        while owner.tag not in ("kerntaak", "werkproces"):
            owner = parent[owner]
        found.add(
            (addition.find("profiel").get("referentie"), parent[addition].tag, owner.get("nr"))
        )
    return found


@pytest.fixture
def imported(db):
    return import_sbb_file(PEDAGOGICAL)


def test_every_non_empty_addition_is_stored_and_a_second_import_changes_nothing(imported):
    stored = {
        (
            row.qualification.sbb_id,
            row.aspect,
            row.work_process.sbb_id if row.work_process else row.core_task.sbb_id,
        )
        for row in ProfileAddition.objects.select_related(
            "qualification", "core_task", "work_process"
        )
    }
    expected = xml_additions()
    assert len(stored) == len(expected) == ProfileAddition.objects.count() > 0
    assert {(profile, owner) for profile, _aspect, owner in stored} == {
        (profile, owner) for profile, _tag, owner in expected
    }
    assert all(row.core_task.is_basis for row in ProfileAddition.objects.all())
    again = import_sbb_file(PEDAGOGICAL)
    assert not again.has_changes


def test_competences_and_knowledge_are_stored_by_their_titles(imported):
    competences = ProfileAddition.objects.filter(
        aspect="competences", qualification__crebo=SPECIALISED
    ).first()
    assert "Formuleren en rapporteren" in competences.text
    knowledge = ProfileAddition.objects.get(
        aspect="knowledge_skills", qualification__crebo=CHILDCARE
    )
    assert "heeft algemene kennis van het werkveld kinderopvang" in knowledge.text


def test_the_qualification_page_shows_its_own_additions_only(client, imported):
    response = client.get(reverse("qualifications:qualification-detail", args=[SPECIALISED]))
    content = response.content.decode()
    own = ProfileAddition.objects.filter(qualification__crebo=SPECIALISED, aspect="complexity")
    assert own.exists()
    for addition in own:
        assert addition.text.splitlines()[0] in content
    assert "De onderwijsassistent beschikt over vaardigheden" not in content
    assert "This profile asks more here" in content or "Dit profiel vraagt hier meer" in content


def test_moving_to_a_more_demanding_profile_lists_its_additions(client, imported):
    response = client.get(
        reverse("qualifications:still-needed"), {"target": SPECIALISED, "held": CHILDCARE}
    )
    result = response.context["result"]
    # The basis core tasks are held, so they do not remain ...
    assert all(not item.core_task.is_basis for item in result.remaining)
    # ... but what the level-4 profile adds to them is still needed.
    needed = {(a.core_task.code, a.aspect) for a in result.additions}
    assert ("B1-K1", "complexity") in needed
    assert ("B1-K2", "knowledge_skills") in needed
    assert all(a.qualification.crebo == SPECIALISED for a in result.additions)
    content = response.content.decode()
    assert "De gespecialiseerd pedagogisch medewerker beschikt over vaardigheden" in content


def test_an_addition_the_held_profile_also_has_is_not_needed(client, imported):
    """The specialised worker and the teaching assistant share an addition on
    B1-K2-W? (same competence text); moving between them, it is not needed."""
    specialised = set(
        ProfileAddition.objects.filter(qualification__crebo=SPECIALISED).values_list(
            "work_process_id", "aspect", "normalized_text"
        )
    )
    response = client.get(
        reverse("qualifications:still-needed"),
        {"target": TEACHING_ASSISTANT, "held": SPECIALISED},
    )
    needed = response.context["result"].additions
    assert needed
    for addition in needed:
        key = (addition.work_process_id, addition.aspect, addition.normalized_text)
        assert key not in specialised
    shared = ProfileAddition.objects.filter(qualification__crebo=TEACHING_ASSISTANT)
    shared = [a for a in shared if (a.work_process_id, a.aspect, a.normalized_text) in specialised]
    assert shared  # the samples have such a shared addition
    assert not set(shared) & set(needed)


def test_moving_down_lists_only_what_the_lower_profile_adds(client, imported):
    response = client.get(
        reverse("qualifications:still-needed"), {"target": CHILDCARE, "held": SPECIALISED}
    )
    needed = response.context["result"].additions
    assert {a.qualification.crebo for a in needed} <= {CHILDCARE}


def test_without_a_held_qualification_no_additions_are_listed(client, imported):
    response = client.get(reverse("qualifications:still-needed"), {"target": SPECIALISED})
    assert response.context["result"].additions == []


@pytest.mark.django_db
def test_also_in_marks_a_qualification_whose_intake_has_ended(client):
    viewed = QualificationFactory(crebo="25001")
    current = QualificationFactory(crebo="25002")
    ended = QualificationFactory(crebo="25003", end_of_intake=datetime.date(2020, 8, 1))
    for qualification in (viewed, current, ended):
        CoreTaskFactory(qualification=qualification, code="P1-K1", title="Gedeelde kerntaak")
    response = client.get(reverse("qualifications:qualification-detail", args=["25001"]))
    core_task = response.context["profile_parts"][0]
    marks = {entry.qualification.crebo: entry.intake_ended_on for entry in core_task.also_in}
    assert marks == {"25002": None, "25003": datetime.date(2020, 8, 1)}
    content = response.content.decode()
    assert content.count("also-in__ended") == 1
    # The end of intake of its file counts too; one in the future does not.
    file = Qualification.objects.get(crebo="25002").file
    file.end_of_intake = datetime.date(2099, 8, 1)
    file.save()
    response = client.get(reverse("qualifications:qualification-detail", args=["25001"]))
    assert response.content.decode().count("also-in__ended") == 1
