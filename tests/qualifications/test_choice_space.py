"""A learner's choice space (/kwalificaties/keuzeruimte/): a qualification, keuzedelen picked
for it in the URL, the total study load against the level, certificates and shared parts."""

import pytest
from django.urls import reverse

from qualifications import learner_selectors
from qualifications.learner_selectors import CHOICE_SPACE_SBU
from regions.models import Region

from .factories import (
    CoreTaskFactory,
    ElectiveModuleFactory,
    QualificationFactory,
    VetCertificateFactory,
    WorkProcessFactory,
)

URL = reverse("qualifications:choice-space")


@pytest.fixture
def assistant(db):
    """A level-4 qualification with a basis core task shared by a profile of another file."""
    qualification = QualificationFactory(title="Onderwijsassistent", level=4, chapter=1)
    shared = CoreTaskFactory(
        file=qualification.file, code="B1-K1", title="Ondersteunt bij onderwijs", sbb_id="s1"
    )
    WorkProcessFactory(core_task=shared, title="Bereidt activiteiten voor")
    own = CoreTaskFactory(qualification=qualification, code="P1-K1", title="Eigen taak")
    WorkProcessFactory(core_task=own, title="Alleen hier")
    other = QualificationFactory(title="Pedagogisch medewerker", level=3, chapter=1)
    CoreTaskFactory(qualification=other, code="P1-K1", title="Ondersteunt bij onderwijs")
    return qualification


@pytest.fixture
def electives(db):
    return [
        ElectiveModuleFactory(code="K0101", title="Voorbereiding pabo", study_load_hours=480),
        ElectiveModuleFactory(code="K0102", title="Gezonde voeding", study_load_hours=240),
        ElectiveModuleFactory(
            code="K0103", title="Eerste hulp", study_load_hours=240, has_certificate=True
        ),
    ]


def test_empty_page_asks_for_a_qualification(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["plan"] is None
    assert 'name="qualification"' in response.content.decode()


def test_plan_adds_up_study_load_against_the_level(client, assistant, electives):
    response = client.get(URL, {"qualification": assistant.crebo, "elective": ["K0101", "K0103"]})
    plan = response.context["plan"]
    assert [elective.code for elective in plan.picks] == ["K0101", "K0103"]
    assert plan.total_sbu == 720
    assert plan.expected_sbu == CHOICE_SPACE_SBU[4] == 720
    assert plan.open_sbu == 0 and plan.extra_sbu == 0
    assert [elective.code for elective in plan.certified_picks] == ["K0103"]
    html = response.content.decode()
    assert "720" in html and "Eerste hulp" in html


@pytest.mark.parametrize(("level", "expected"), [(1, None), (2, 240), (3, 480), (4, 720)])
def test_expected_study_load_per_level(level, expected):
    assert learner_selectors.expected_choice_space_sbu(level) == expected


def test_short_and_over_are_told(client, assistant, electives):
    short = client.get(URL, {"qualification": assistant.crebo, "elective": ["K0102"]})
    assert short.context["plan"].open_sbu == 480
    assistant.level = 2
    assistant.save()
    over = client.get(URL, {"qualification": assistant.crebo, "elective": ["K0101"]})
    assert over.context["plan"].expected_sbu == 240
    assert over.context["plan"].extra_sbu == 240
    assert over.context["plan"].open_sbu == 0


def test_qualification_found_by_name(client, assistant):
    response = client.get(URL, {"qualification": "onderwijsassist"})
    assert response.context["plan"].qualification == assistant


def test_certificate_record_on_a_keuzedeel_counts(client, assistant, electives):
    VetCertificateFactory(elective=electives[1], title="Certificaat voeding")
    response = client.get(URL, {"qualification": assistant.crebo, "elective": ["K0102"]})
    pick = response.context["plan"].picks[0]
    assert pick.certificate_titles == ["Certificaat voeding"]
    assert "Certificaat voeding" in response.content.decode()


def test_search_offers_keuzedelen_and_keeps_picks(client, assistant, electives):
    response = client.get(
        URL, {"qualification": assistant.crebo, "elective": ["K0101"], "q": "voeding"}
    )
    assert [elective.code for elective in response.context["offered"]] == ["K0102"]
    html = response.content.decode()
    assert 'name="elective" value="K0101" id="picked-K0101" checked' in html
    assert 'name="elective" value="K0102" id="offer-K0102">' in html


def test_with_a_qualification_every_national_keuzedeel_is_offered(client, assistant, electives):
    response = client.get(URL, {"qualification": assistant.crebo})
    assert response.context["offered_total"] == 3


def test_recurring_parts_for_elin(client, assistant):
    response = client.get(URL, {"qualification": assistant.crebo})
    recurring = response.context["plan"].recurring_parts
    assert [item.part.code for item in recurring] == ["B1-K1"]
    assert [entry.qualification.title for entry in recurring[0].also_in] == [
        "Pedagogisch medewerker"
    ]


def test_share_link_holds_only_the_plan(client, assistant, electives):
    response = client.get(
        URL,
        {"qualification": assistant.crebo, "elective": ["K0101", "K0102"], "q": "pabo"},
    )
    share = response.context["share_url"]
    assert share.endswith(f"{URL}?qualification={assistant.crebo}&elective=K0101&elective=K0102")
    again = client.get(share)
    assert [e.code for e in again.context["plan"].picks] == ["K0101", "K0102"]


@pytest.mark.parametrize(
    "params",
    [
        {"qualification": "99999"},
        {"qualification": "x" * 500},
        {"elective": ["nonsense", "<script>", "K9999"]},
        {"elective": [f"K{n:04d}" for n in range(100)]},
        {"level": "9"},
        {"level": "abc", "q": "y" * 1000},
        {"region": "AM99"},
    ],
)
def test_bad_input_gives_a_clear_message_not_an_error(client, assistant, electives, params):
    response = client.get(URL, params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "form-field__error" in html or "utrecht-alert--warning" in html


def test_unknown_and_malformed_codes_are_left_out_and_named(client, assistant, electives):
    response = client.get(
        URL, {"qualification": assistant.crebo, "elective": ["K0101", "K9999", "bad"]}
    )
    assert [e.code for e in response.context["plan"].picks] == ["K0101"]
    assert response.context["plan"].unknown_codes == ["K9999"]
    assert response.context["form"].dropped_codes == ["BAD"]
    html = response.content.decode()
    assert "K9999" in html and "BAD" in html


def test_too_many_picks_keeps_the_first(client, assistant, db):
    ElectiveModuleFactory.create_batch(35)
    codes = [f"K{1000 + n:04d}" for n in range(200)]
    response = client.get(URL, {"qualification": assistant.crebo, "elective": codes})
    assert response.context["form"].too_many
    assert len(response.context["plan"].picks) <= learner_selectors.MAX_PICKS


def test_query_count_does_not_grow_with_picks(client, assistant, django_assert_max_num_queries):
    electives = ElectiveModuleFactory.create_batch(20)
    for elective in electives[:5]:
        VetCertificateFactory(elective=elective)
    for _ in range(5):
        other = QualificationFactory()
        CoreTaskFactory(qualification=other, title="Ondersteunt bij onderwijs")
    params = {"qualification": assistant.crebo, "elective": [e.code for e in electives]}
    with django_assert_max_num_queries(16):
        response = client.get(URL, params)
    assert len(response.context["plan"].picks) == 20


def test_page_is_public_and_in_english_too(client, assistant):
    client.cookies["django_language"] = "en"
    response = client.get(URL, {"qualification": assistant.crebo})
    assert response.status_code == 200
    assert "Your choice space" in response.content.decode()


def test_the_regional_keuzedelen_of_the_chosen_region_are_offered(client, assistant, electives):
    """Mila's region: the register's regional keuzedelen of that region join the
    national ones; those of another region do not."""
    deventer = Region.objects.create(code="AM06", name="Stedendriehoek en Noordwest Veluwe")
    tilburg = Region.objects.create(code="AM25", name="Midden-Brabant")
    ElectiveModuleFactory(code="RK0001", title="Zorgtechnologie", is_regional=True, region=deventer)
    ElectiveModuleFactory(
        code="RK0002", title="Logistiek Brabant", is_regional=True, region=tilburg
    )

    offered = client.get(URL, {"qualification": assistant.crebo, "region": "AM06"}).context
    assert {e.code for e in offered["offered"]} == {"K0101", "K0102", "K0103", "RK0001"}
    national_only = client.get(URL, {"qualification": assistant.crebo}).context
    assert {e.code for e in national_only["offered"]} == {"K0101", "K0102", "K0103"}
    picked = client.get(
        URL, {"qualification": assistant.crebo, "region": "AM06", "elective": ["RK0001"]}
    )
    assert [e.code for e in picked.context["plan"].picks] == ["RK0001"]
    assert "/kwalificaties/keuzedelen/RK0001/" in picked.content.decode()
