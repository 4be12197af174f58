"""Rule messages a school author understands, in Dutch and English: fields by
the labels of the editor, roles in words, names with their codes, dates written
out; never a JSON name."""

import pytest
from django.utils import translation

from rules.engine import validate_document

from .factories import remove_value, set_value, valid_document


def messages(document, rule_id, language):
    report = validate_document(document)
    with translation.override(language):
        return [f.message.render() for f in report.findings if f.rule == rule_id]


@pytest.mark.parametrize(
    ("language", "expected"),
    [("nl", "Budget (euro) ontbreekt."), ("en", "Budget (euro) is missing.")],
)
def test_a_missing_field_is_named_by_its_label(reference, language, expected):
    document = remove_value(valid_document("practice_programme"), "budget_eur")
    assert messages(document, "FMT-01", language) == [expected]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nl", "Regionaal deel › Ontwikkelaar 2 › Rol moet een van deze waarden zijn"),
        ("en", "Regional section › Contributor 2 › Role must be one of"),
    ],
)
def test_a_nested_field_is_named_by_its_labels(reference, language, expected):
    document = set_value(
        valid_document("regional_programme"), "regional_section.contributors[1].role", "boss"
    )
    (text,) = messages(document, "FMT-01", language)
    assert text.startswith(expected)
    assert "regional_section" not in text


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "nl",
            "Regionaal deel › Ontwikkelaar 2 › Rol moet een van deze waarden zijn: "
            "docent (teacher), expert uit het bedrijfsleven (company_expert).",
        ),
        (
            "en",
            "Regional section › Contributor 2 › Role must be one of: "
            "teacher, company expert (company_expert).",
        ),
    ],
)
def test_the_allowed_values_are_named_in_words_with_their_codes(reference, language, expected):
    """The author of a JSON document reads which values a field allows: the
    role in words ("expert uit het bedrijfsleven"), the code to write beside it."""
    document = set_value(
        valid_document("regional_programme"), "regional_section.contributors[1].role", "boss"
    )
    assert messages(document, "FMT-01", language) == [expected]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "nl",
            "Aanmelding bij DUO › Status moet een van deze waarden zijn: niet aangemeld (none), "
            "aangemeld bij DUO (submitted), geregistreerd door DUO (registered).",
        ),
        (
            "en",
            "DUO registration › Status must be one of: not registered (none), "
            "submitted to DUO (submitted), registered by DUO (registered).",
        ),
    ],
)
def test_the_coded_values_of_a_pathway_read_as_the_route_pages_name_them(
    reference, language, expected
):
    document = set_value(valid_document("continuous_pathway"), "duo_registration.status", "yes")
    assert messages(document, "FMT-01", language) == [expected]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nl", "Het veld Periode › Einde (30 juni 2021) ligt vóór Periode › Start (1 juli 2021)."),
        ("en", "The field Period › End (30 June 2021) is before Period › Start (1 July 2021)."),
    ],
)
def test_both_fields_of_a_period_are_named_by_their_labels(reference, language, expected):
    document = valid_document("practice_programme")
    document["period"] = {"start": "2021-07-01", "end": "2021-06-30"}
    assert messages(document, "FMT-02", language) == [expected]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nl", "Er is geen expert uit het bedrijfsleven bij de ontwikkelaars."),
        ("en", "No expert from a company is among the contributors."),
    ],
)
def test_roles_in_words(reference, language, expected):
    document = set_value(
        valid_document("regional_programme"), "regional_section.contributors[1].role", "teacher"
    )
    assert messages(document, "RR-04", language) == [expected]
    assert "company_expert" not in expected


def test_regions_and_companies_by_name_with_code(reference):
    document = set_value(
        valid_document("regional_programme"),
        "regional_section.contributors[1].organisation",
        "87654321",
    )
    assert messages(document, "RR-05", "nl") == [
        "Tilburg Techniek (87654321) ligt in regio Midden-Brabant (AM25), "
        "niet in Stedendriehoek en Noordwest Veluwe (AM06)."
    ]


def test_qualifications_by_title_with_crebo_and_dates_written_out(reference):
    document = set_value(valid_document("cross_over"), "level", 4)
    assert messages(document, "CO-06", "nl")[0] == (
        "Kwalificatie Helpende zorg en welzijn (crebo 25498, niveau 2) heeft niveau 2; "
        "de cross-over heeft niveau 4."
    )
    assert messages(document, "CO-06", "en")[0] == (
        "Qualification Helpende zorg en welzijn (crebo 25498, level 2) has level 2; "
        "the cross-over has level 4."
    )
    pathway = set_value(valid_document("continuous_pathway"), "start_date", "2020-01-06")
    pathway["agreement"]["signed_on"] = "2020-01-01"
    assert messages(pathway, "DL-01", "nl") == [
        "Een route onder de wet kan op zijn vroegst op 1 augustus 2020 starten."
    ]
    assert messages(pathway, "DL-01", "en") == [
        "A route under the law can start on 1 August 2020 at the earliest."
    ]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "nl",
            "Een route vanuit vmbo-kader (kb) leidt gewoonlijk naar niveau 2, niet naar niveau 3.",
        ),
        ("en", "A route from vmbo kader (kb) usually leads to level 2, not 3."),
    ],
)
def test_a_vmbo_track_in_words(reference, language, expected):
    document = valid_document("continuous_pathway")
    document.update(route_type="continuous", vmbo_track="kb", target_qualification="25497")
    assert messages(document, "DL-04", language) == [expected]


@pytest.mark.parametrize(
    ("text", "params", "dutch", "english"),
    [
        # Reworded: an old stored finding reads as the new wording.
        (
            "The field %(field)s is missing.",
            {"field": "budget_eur"},
            "Budget (euro) ontbreekt.",
            "Budget (euro) is missing.",
        ),
        (
            "No company expert (role: company_expert) is among the contributors.",
            {},
            "Er is geen expert uit het bedrijfsleven bij de ontwikkelaars.",
            "No expert from a company is among the contributors.",
        ),
        # Other parameters: the old message, still in Dutch.
        (
            "Qualification %(crebo)s has no core task %(code)s.",
            {"crebo": "25498", "code": "B9-K9"},
            "Kwalificatie 25498 heeft geen kerntaak B9-K9.",
            "Qualification 25498 has no core task B9-K9.",
        ),
    ],
)
def test_findings_stored_with_earlier_messages_still_read_well(text, params, dutch, english):
    from rules.registry import Message

    with translation.override("nl"):
        assert Message(text, params).render() == dutch
    with translation.override("en"):
        assert Message(text, params).render() == english


@pytest.mark.parametrize(
    ("kind", "end_path", "language", "expected"),
    [
        (
            "cross_over",
            "end_date",
            "nl",
            "Het veld Einddatum (31 juli 2021) ligt vóór Startdatum (1 augustus 2021).",
        ),
        (
            "cross_over",
            "end_date",
            "en",
            "The field End date (31 July 2021) is before Start date (1 August 2021).",
        ),
        (
            "practice_programme",
            "period.end",
            "en",
            "The field Period › End (31 July 2021) is before Period › Start (1 August 2021).",
        ),
    ],
)
def test_an_end_before_its_start_names_both_fields_by_their_labels(
    reference, kind, end_path, language, expected
):
    """FMT-02 names the start field by its label too, not by its JSON name."""
    start_path = end_path.replace("end", "start")
    document = set_value(valid_document(kind), start_path, "2021-08-01")
    document = set_value(document, end_path, "2021-07-31")
    assert messages(document, "FMT-02", language) == [expected]
