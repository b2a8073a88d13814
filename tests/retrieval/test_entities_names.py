"""More entity rules (names that are no names, names spaCy cut short or typed wrongly), each
pinned on text written for the test (never an evaluation article's names)."""

from __future__ import annotations

from retrieval.entities import Entity
from tests.retrieval.test_entities import entities_of, find, names


def all_names(found: dict[str, list[Entity]]) -> set[str]:
    return {e.name for items in found.values() for e in items}


def test_initials_of_lower_case_words_are_no_name() -> None:
    found = entities_of(
        "Nurses at the Ravenna clinic gave the diphtheria, tetanus and pertussis (DTP) vaccine "
        "to 400 pupils, the Marlow Health Trust (MHT) said.",
        "Stocks of DTP vaccine ran low by Friday, and the MHT asked for more.",
    )
    assert "DTP" not in all_names(found), found
    trust = find(found, "Marlow Health Trust")
    assert "MHT" in trust.aliases, found


def test_a_name_glued_to_a_comma_and_more_letters_is_a_fragment() -> None:
    found = entities_of(
        "Ghana was among the countries that tested the QVX,T malaria vaccine in 2021, "
        "according to Dr Ama Mensah of the Volta Research Institute.",
    )
    assert not {"QVX", "T"} & all_names(found), found
    assert "Volta Research Institute" in names(found, "organization"), found
