"""Which body, publication or event a question asks for, and sentences that name one."""

from __future__ import annotations

import pytest

from retrieval.which_named import named_kind_asked, names_something_new


@pytest.mark.parametrize(("question", "kind"), [
    ("which journal published the study", "journal"),
    ("Which online forum was the stolen data posted on?", "forum"),
    ("Which stage race in Spain did Lemaire win?", "race"),
    ("which international treaty was broken", "treaty"),
    ("Which gas did officials find near the site?", None),
    ("which operations are still going ahead", None),
    ("who published the study", None),
])
def test_the_kind_of_named_thing_asked(question: str, kind: str | None) -> None:
    assert named_kind_asked(question) == kind


@pytest.mark.parametrize(("sentence", "named"), [
    ("It was published on Wednesday after review by independent scientists.", False),
    ("Its data was offered for sale on an online forum on Feb. 11.", False),
    ("He won a one-week stage race in Spain in May.", False),
    ("Wageningen Bioveterinary Research confirmed the virus.", True),
    ("The study appeared in the journal Kidney International.", True),
])
def test_a_name_the_question_does_not_use(sentence: str, named: bool) -> None:
    question = "which race in Spain did the journal that published it cover"
    assert names_something_new(sentence, question) is named
