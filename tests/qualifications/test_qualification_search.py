"""Naming a qualification by title or crebo (compare, "what do I still need"):
htmx suggestions while typing, and without JavaScript a title that matches one
qualification is taken, several are listed."""

import pytest
from django.urls import reverse

from .factories import CoreTaskFactory, QualificationFactory, WorkProcessFactory

OPTIONS = reverse("qualifications:qualification-options")
COMPARE = reverse("qualifications:compare")
STILL_NEEDED = reverse("qualifications:still-needed")


@pytest.mark.django_db
def test_suggestions_match_title_words_or_the_start_of_the_crebo(client):
    QualificationFactory(title="Helpende zorg en welzijn", crebo="25498", level=2)
    QualificationFactory(title="Medewerker facilitair", crebo="25499")
    by_title = client.get(OPTIONS, {"crebo_2": "helpende ZORG"}).content.decode()
    assert '<option value="25498">Helpende zorg en welzijn (crebo 25498, niveau 2)</option>' in (
        by_title
    )
    assert "25499" not in by_title
    by_code = client.get(OPTIONS, {"target": "2549"}).content.decode()
    assert 'value="25498"' in by_code and 'value="25499"' in by_code
    assert client.get(OPTIONS, {"target": ""}).content.decode().strip() == ""


@pytest.mark.django_db
def test_compare_fields_search_while_typing(client):
    html = client.get(COMPARE).content.decode()
    assert f'hx-get="{OPTIONS}"' in html
    assert 'list="crebo_1-options"' in html
    assert '<datalist id="crebo_1-options"></datalist>' in html


@pytest.mark.django_db
def test_compare_takes_a_title_that_names_one_qualification(client):
    first = QualificationFactory(title="Helpende zorg en welzijn")
    second = QualificationFactory(title="Medewerker facilitair")
    response = client.get(COMPARE, {"crebo_1": "helpende", "crebo_2": second.crebo})
    assert not response.context["form"].errors
    assert [q.pk for q in response.context["comparison"].qualifications] == [first.pk, second.pk]


@pytest.mark.django_db
def test_a_title_that_matches_several_lists_them_with_their_crebos(client):
    one = QualificationFactory(title="Medewerker zorg")
    two = QualificationFactory(title="Medewerker facilitair")
    response = client.get(COMPARE, {"crebo_1": "medewerker", "crebo_2": "nergens"})
    errors = response.context["form"].errors
    assert one.crebo in errors["crebo_1"][0] and two.crebo in errors["crebo_1"][0]
    assert "Typ de code" in errors["crebo_1"][0]
    assert "Geen kwalificatie past bij “nergens”" in errors["crebo_2"][0]
    # What was typed stays in the field.
    assert 'value="medewerker"' in response.content.decode()


@pytest.mark.django_db
def test_still_needed_by_title_and_core_tasks_tick_their_work_processes(client):
    target = QualificationFactory(title="Helpende zorg en welzijn")
    core_task = CoreTaskFactory(qualification=target)
    WorkProcessFactory(core_task=core_task)
    response = client.get(STILL_NEEDED, {"target": "helpende"})
    html = response.content.decode()
    assert response.context["target"] == target
    # The core task's checkbox controls the list of its work processes (static/js/app.js).
    assert f'data-checkbox-parent="done-wps-{core_task.pk}"' in html
    assert f'<ul id="done-wps-{core_task.pk}"' in html
    assert "utrecht-checkbox--html-input" in html
