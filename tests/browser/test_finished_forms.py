"""Browser: "wat heb ik nog nodig" — the qualification is found by typing part of
its title, and ticking a core task visibly ticks its work processes (and
unticking one work process shows the core task as partly done)."""

import pytest

from tests.qualifications.factories import (
    CoreTaskFactory,
    QualificationFactory,
    WorkProcessFactory,
)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_find_by_title_and_tick_a_core_task_with_its_work_processes(page):
    target = QualificationFactory(title="Helpende zorg en welzijn", crebo="25498", level=2)
    core_task = CoreTaskFactory(qualification=target)
    first, second = WorkProcessFactory.create_batch(2, core_task=core_task)

    page.goto("/kwalificaties/wat-heb-ik-nog-nodig/")
    page.fill("#id_target", "helpende")
    page.locator('#target-options option[value="25498"]').wait_for(state="attached")
    assert "crebo 25498, niveau 2" in page.locator("#target-options").inner_html()
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()

    parent = page.locator(f"#done-ct-{core_task.pk}")
    boxes = [page.locator(f"#done-wp-{wp.pk}") for wp in (first, second)]
    assert not any(box.is_checked() for box in boxes)
    parent.check()
    assert all(box.is_checked() for box in boxes)
    boxes[1].uncheck()
    assert not parent.is_checked()
    assert page.evaluate(f"document.getElementById('done-ct-{core_task.pk}').indeterminate")
    # Clicking a partly ticked core task ticks all; clicking again unticks all.
    parent.check()
    assert all(box.is_checked() for box in boxes)
    parent.uncheck()
    assert not any(box.is_checked() for box in boxes)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_route_form_partner_companies_by_search_keep_their_ticks(page):
    from accounts.models import Role
    from regions.models import Organisation
    from tests.base import PASSWORD, make_user
    from tests.rules.factories import build_reference_data

    ref = build_reference_data()
    other = Organisation.objects.create(
        kind="company", code="11223344", name="Bouwbedrijf Salland", region=ref.mbo.region
    )
    make_user("alice", ref.mbo, Role.SCHOOL_AUTHOR)
    page.goto("/inloggen/")
    page.fill("#id_username", "alice")
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/")
    page.goto("/leerroutes/nieuw/")
    page.fill("#id_partner_search", "zorggroep")
    first = page.locator(f'#partner-results input[value="{ref.company.pk}"]')
    first.wait_for()
    first.check()
    # A second search replaces the results; the company ticked before stays ticked.
    page.fill("#id_partner_search", "salland")
    page.locator(f'#partner-results input[value="{other.pk}"]').wait_for()
    assert page.locator(f'#partners-chosen input[value="{ref.company.pk}"]').is_checked()
    # Searching for it again does not offer the chosen company a second time, unticked.
    third = Organisation.objects.create(kind="company", code="55667788", name="Zorgcentrum Brink")
    page.fill("#id_partner_search", "zorg")
    page.locator(f'#partner-results input[value="{third.pk}"]').wait_for()
    assert page.locator(f'#partner-results input[value="{ref.company.pk}"]').count() == 0
    assert page.locator(f'#partners-chosen input[value="{ref.company.pk}"]').is_checked()
    page.axe.check()
