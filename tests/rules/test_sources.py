"""A rule's source in words: the document's title from one catalogue and the
passage, in the active language, derived from the rule's source string."""

import re

import pytest
from django.utils import translation

from rules.engine import load_rule_modules
from rules.registry import all_rules
from rules.sources import SOURCE_DOCUMENTS, source_parts, source_text


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nl", "Kamerbrief Sterk beroepsonderwijs, december 2020 — voetnoot 2"),
        ("en", "Letter to Parliament on Sterk beroepsonderwijs, December 2020 — footnote 2"),
    ],
)
def test_a_passage_reads_in_the_ui_language(language, expected):
    with translation.override(language):
        assert source_text("003 note 2") == expected


def test_titles_passages_and_quotations_of_several_documents():
    source = (
        '000 "compulsory national section"; 004 Bijlage 1 "een landelijk deel '
        '(gebaseerd op een bestaande kwalificatie)"'
    )
    with translation.override("nl"):
        assert source_text(source) == (
            "„Making room for the region”, aankondiging van het experiment Ruimte voor de regio, "
            "2018: “compulsory national section”; Kamerbrief Toekomstperspectief "
            "kwalificatiestructuur, 16 december 2020 — bijlage 1: “een landelijk deel "
            "(gebaseerd op een bestaande kwalificatie)”"
        )
    with translation.override("en"):
        assert "16 December 2020 — annex 1: “een landelijk deel" in source_text(source)


def test_a_quotation_alone_belongs_to_the_document_before_it():
    source = '000 "a compulsory regional section"; "define learning outcomes"'
    assert [part.code for part in source_parts(source)] == ["000", "000"]
    with translation.override("en"):
        assert source_text(source) == (
            "“Making room for the region”, announcement of the experiment, 2018: "
            "“a compulsory regional section” … “define learning outcomes”"
        )


def test_several_documents_without_a_passage():
    with translation.override("nl"):
        assert source_text("002, 003") == (
            "Sterk Beroepsonderwijs, „Over ons” (website van het programma); "
            "Kamerbrief Sterk beroepsonderwijs, december 2020"
        )


def test_a_part_without_a_known_document_is_shown_as_written():
    with translation.override("nl"):
        text = source_text('003 "afspraken in de samenwerkingsovereenkomst"; een website')
    assert text.endswith("; een website")
    assert text.startswith("Kamerbrief Sterk beroepsonderwijs")


@pytest.mark.parametrize(
    ("source", "dutch"),
    [
        # Sources of rules written in today's format by others come out right.
        (
            'CBS arbeidsmarktregio\'s 2020; 002 "in iedere regio"',
            "CBS-indeling in arbeidsmarktregio's, 2020; Sterk Beroepsonderwijs, „Over ons” "
            "(website van het programma): “in iedere regio”",
        ),
        (
            '004 "bestaande kwalificaties"; SBB fields `Geldig_vanaf`, `Datum_einde_instroom`',
            "Kamerbrief Toekomstperspectief kwalificatiestructuur, 16 december 2020: "
            "“bestaande kwalificaties”; Kwalificatiedossiers van SBB — velden Geldig_vanaf, "
            "Datum_einde_instroom",
        ),
        (
            '003 "afspraken in de samenwerkingsovereenkomst"; bouwstenen',
            "Kamerbrief Sterk beroepsonderwijs, december 2020: “afspraken in de "
            "samenwerkingsovereenkomst”; Bouwstenen voor de vormgeving van doorlopende "
            "leerroutes, Sterk beroepsonderwijs, 2020",
        ),
        (
            "—",
            "Geen brondocument: een plausibiliteitscontrole waar elke beoordelaar naar zou vragen",
        ),
    ],
)
def test_sources_of_new_rules(source, dutch):
    with translation.override("nl"):
        assert source_text(source) == dutch


def test_every_registered_rule_cites_documents_of_the_catalogue():
    load_rule_modules()
    for registered in all_rules():
        parts = source_parts(registered.source)
        assert parts, registered.id
        for part in parts:
            assert part.code in SOURCE_DOCUMENTS or not re.match(r"^\d{3}\b", part.passage), (
                registered.id
            )
        # One catalogue: every document a rule cites has its title there.
        assert all(part.code for part in parts), (registered.id, parts)
        with translation.override("nl"):
            text = source_text(registered.source)
        # No bare document number is left for the reader.
        assert not re.match(r"^\d{3}\b", text), (registered.id, text)
        assert not re.search(r"; \d{3}\b", text), (registered.id, text)
