"""Sandra's path (/kwalificaties/dossiers/<crebo>/onderdelen/<code>/): from one core task or
work process, the qualifications in which it recurs, what remains of each after what she
can already do, and which remaining parts carry an mbo-certificate."""

import pytest
from django.urls import reverse

from .factories import (
    CoreTaskFactory,
    QualificationFactory,
    VetCertificateFactory,
    WorkProcessFactory,
)


def url(core_task_or_code, crebo):
    return reverse("qualifications:part-path", args=[crebo, core_task_or_code])


@pytest.fixture
def shop(db):
    """Sandra's shop qualification, and a second file sharing the stock work process."""
    seller = QualificationFactory(title="Verkoper", chapter=1, level=2)
    basis = CoreTaskFactory(file=seller.file, code="B1-K1", title="Verkoopt", sbb_id="v1")
    stock = WorkProcessFactory(core_task=basis, title="Beheert de voorraad", sbb_id="w-stock")
    customers = WorkProcessFactory(core_task=basis, title="Helpt klanten", sbb_id="w-cust")

    buyer = QualificationFactory(title="Inkoper", chapter=1, level=3)
    buying = CoreTaskFactory(file=buyer.file, code="B1-K1", title="Koopt in", sbb_id="i1")
    WorkProcessFactory(core_task=buying, title="Beheert de voorraad", sbb_id="w-stock-2")
    WorkProcessFactory(core_task=buying, title="Helpt klanten", sbb_id="w-cust-2")
    planning = CoreTaskFactory(qualification=buyer, code="P1-K1", title="Plant inkoop")
    WorkProcessFactory(core_task=planning, title="Maakt een inkoopplan")
    VetCertificateFactory(core_task=planning, title="Certificaat inkoopplanning")
    return {"seller": seller, "buyer": buyer, "stock": stock, "customers": customers}


def test_part_lists_the_qualifications_it_recurs_in(client, shop):
    response = client.get(url(shop["stock"].code, shop["seller"].file.crebo))
    assert response.status_code == 200
    path = response.context["path"]
    assert path.is_work_process
    assert {target.qualification.title for target in path.targets} == {"Verkoper", "Inkoper"}


def test_ticked_parts_count_in_every_qualification(client, shop):
    crebo = shop["seller"].file.crebo
    response = client.get(
        url(shop["stock"].code, crebo), {"can": [shop["stock"].code, shop["customers"].code]}
    )
    targets = {t.qualification.title: t for t in response.context["path"].targets}
    assert targets["Verkoper"].remaining.remaining == []
    buyer = targets["Inkoper"].remaining
    assert [item.core_task.code for item in buyer.remaining] == ["P1-K1"]
    assert [item.core_task.code for item in buyer.remaining_with_certificate] == ["P1-K1"]
    html = response.content.decode()
    assert "Certificaat inkoopplanning" in html
    assert f'value="{shop["stock"].code}" id="can-{shop["stock"].code}" checked' in html


def test_ticked_core_task_covers_its_work_processes_elsewhere(client, shop):
    response = client.get(url("B1-K1", shop["seller"].file.crebo), {"can": ["B1-K1"]})
    targets = {t.qualification.title: t for t in response.context["path"].targets}
    assert targets["Inkoper"].remaining.done_work_process_count == 2
    assert targets["Inkoper"].remaining.remaining[0].core_task.code == "P1-K1"


def test_nothing_ticked_leaves_everything(client, shop):
    response = client.get(url(shop["stock"].code, shop["seller"].file.crebo))
    targets = {t.qualification.title: t for t in response.context["path"].targets}
    assert targets["Inkoper"].remaining.remaining_work_process_count == 3


def test_details_link_reuses_what_do_i_still_need(client, shop):
    response = client.get(
        url(shop["stock"].code, shop["seller"].file.crebo), {"can": [shop["stock"].code]}
    )
    target = next(t for t in response.context["path"].targets if t.qualification.title == "Inkoper")
    details = client.get(target.details_url)
    assert details.status_code == 200
    result = details.context["result"]
    assert result.remaining_work_process_count == target.remaining.remaining_work_process_count


def test_unknown_codes_are_named_and_left_out(client, shop):
    response = client.get(
        url(shop["stock"].code, shop["seller"].file.crebo), {"can": ["B9-K9", "<x>", ""]}
    )
    assert response.status_code == 200
    assert response.context["path"].unknown_codes == ["B9-K9", "<X>"]
    assert "B9-K9" in response.content.decode()


@pytest.mark.parametrize("code", ["B1-K9", "B1-K1-W99", "P7-K1"])
def test_unknown_part_is_404(client, shop, code):
    assert client.get(url(code, shop["seller"].file.crebo)).status_code == 404


def test_unknown_dossier_is_404(client, db):
    assert client.get(url("B1-K1", "99999")).status_code == 404


def test_many_ticks_do_not_break_the_page(client, shop):
    response = client.get(
        url(shop["stock"].code, shop["seller"].file.crebo), {"can": ["B1-K1-W1"] * 900}
    )
    assert response.status_code == 200


def test_query_count_does_not_grow_with_recurrences(client, shop, django_assert_max_num_queries):
    for _ in range(8):
        other = QualificationFactory()
        task = CoreTaskFactory(qualification=other)
        WorkProcessFactory(core_task=task, title="Beheert de voorraad")
        VetCertificateFactory(core_task=task)
    with django_assert_max_num_queries(14):
        response = client.get(
            url(shop["stock"].code, shop["seller"].file.crebo), {"can": [shop["stock"].code]}
        )
    assert len(response.context["path"].targets) == 10


def test_qualification_page_links_each_core_task_to_its_path(client, shop):
    seller = shop["seller"]
    response = client.get(reverse("qualifications:qualification-detail", args=[seller.crebo]))
    assert f'href="{url("B1-K1", seller.file.crebo)}?can=B1-K1"' in response.content.decode()
