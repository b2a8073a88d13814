"""The word-similarity tables (``retrieval.word_match``): bounded, and never mixed up."""

from __future__ import annotations

import pytest

from retrieval import word_match
from retrieval.question import Question


def test_a_term_keeps_its_own_table_when_the_tables_are_dropped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """When the tables outgrow their bound they are dropped, in the middle of a question if
    need be; a term looked up before that must not be handed a table filled for another
    term afterwards (a long-running bot drops them now and then)."""
    monkeypatch.setattr(word_match, "MAX_SIMILARITY_ENTRIES", 0)  # drop at every new term
    question = Question(text="Did the bank say who died?", terms=["die", "bank"],
                        pos={"die": "VERB", "bank": "NOUN"},
                        expansions={"die": {"dead": 0.8}})
    article_words = frozenset({"dead"})
    dead_for_die = word_match.term_match(question, "die", article_words)
    assert dead_for_die > 0
    assert word_match.term_match(question, "bank", article_words) == 0  # drops the tables
    assert word_match.term_match(question, "die", article_words) == dead_for_die


def test_a_word_is_weighed_the_same_whichever_question_came_first() -> None:
    """A noun term also matches the kinds of thing it is ("protest" is a kind of the noun
    "strike"); the verb does not. Asked as a verb first, the word must not then lose that
    match for the noun (nor the verb gain it when the noun came first): the answer to a
    question must not depend on the questions asked before it."""
    article_words = frozenset({"protest"})

    def weight(pos: str) -> float:
        question = Question(text="x", terms=["strike"], pos={"strike": pos})
        return word_match.term_match(question, "strike", article_words)

    word_match._SIMILARITY_TABLES.clear()
    word_match._BEHAVIOURS.clear()
    as_verb_first, as_noun_second = weight("VERB"), weight("NOUN")
    word_match._SIMILARITY_TABLES.clear()
    word_match._BEHAVIOURS.clear()
    as_noun_first, as_verb_second = weight("NOUN"), weight("VERB")
    assert as_noun_first > 0
    assert as_noun_second == as_noun_first
    assert as_verb_second == as_verb_first == 0
