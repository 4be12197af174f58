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
