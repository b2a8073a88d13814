"""What a sentence leans on beyond its own words: the sentence before when it starts with a
pronoun or "The raids...", the speaker of a quotation, the names it calls by a short form
(``references``), the rest of its paragraph and the headline.

The reranker (``answers``) counts a question word found there for less than one in the
sentence itself. None of it depends on the question, so each piece is computed once per
sentence, paragraph or article and kept on the bundle (``ArticleBundle.derived``);
``answer_data`` prefills the paragraph counts under ``_paragraph_counts``'s key.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterator
from itertools import chain

from retrieval.references import referenced_words
from retrieval.store import ArticleBundle, StoredSentence
from retrieval.tokens import fold_accents, is_stop_word

#: A pronoun for a person or group: before any name, it makes a sentence lean on an earlier one.
PRONOUN = re.compile(r"\b(?:he|she|his|her|him|they|their|them)\b", re.IGNORECASE)
_CAPITALISED_WORD = re.compile(r"\b[A-Z][\w’'-]*[a-z][\w’'-]*")
_OPENING_QUOTE = ("“", '"', "‘", "'", "«")
_ATTRIBUTION = re.compile(r"\b(?:said|says|say|told|tells|added|according)\b")
_NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
#: A quotation attributed to a pronoun: '"…," *she said* in a statement'.
_QUOTE = re.compile(r"[\"“”]")
_SPEAKER_VERB = re.compile(r"\b(?:he|she)\s+(?:said|says|added|told|warned|wrote)\b")
#: The words of a person's title right before the name: "Energy *Minister* Lesego
#: Motshwari", "*chief executive* Thato Ramotswa" (up to three words, no punctuation between).
_WORDS_BEFORE_A_NAME = re.compile(r"((?:[A-Za-z][\w’'-]*\s+){1,3})$")


def _titles_of_people(bundle: ArticleBundle, sentence: StoredSentence) -> set[str]:
    """Lower-cased words just before each person's name in ``sentence``: the title by which
    a question may ask what that person said."""
    words: set[str] = set()
    for start, _end, label in sentence.spans:
        if label == "PERSON":
            before = _WORDS_BEFORE_A_NAME.search(
                bundle.body[max(sentence.start, start - 40):start])
            if before:
                words.update(word for word in map(fold_accents, before.group(1).lower().split())
                             if not is_stop_word(word))
    return words


def _name_words(bundle: ArticleBundle, sentence: StoredSentence) -> set[str]:
    """Lower-cased words of the names in a sentence (who or what it is about)."""
    words: set[str] = set()
    for start, end, label in sentence.spans:
        if label in _NAME_LABELS:
            words.update(w for w in re.split(r"[^\w]+", fold_accents(
                bundle.body[start:end].lower())) if w)
    return words


def leans_on_previous(bundle: ArticleBundle, sentence: StoredSentence) -> bool:
    """A pronoun before any person is named ("Investigators say *he* rented..."), or a start
    like "The raids..." / "It...", makes the sentence about the previous one's subject."""
    if sentence.anaphoric:
        return True
    text = bundle.text(sentence)
    match = PRONOUN.search(text)
    if match is None:
        return False
    first_person = min((s for s, _, label in sentence.spans if label == "PERSON"),
                       default=sentence.end)
    return sentence.start + match.start() < first_person


def context_words(bundle: ArticleBundle, sentence: StoredSentence
                  ) -> tuple[frozenset[str], frozenset[str], Collection[str]]:
    """Words the sentence leans on: the previous sentence's words and names when it refers
    back to it, the speaker named after a quotation ("...," Hofer said), and the words of
    the rest of its paragraph. They depend on the article alone, so they are computed once
    per sentence and kept on the bundle."""
    key = ("context", sentence.position)
    cached = bundle.derived.get(key)
    if cached is None:
        cached = bundle.derived[key] = _compute_context_words(bundle, sentence)
    return cached  # type: ignore[return-value]


def sentence_words(bundle: ArticleBundle, sentence: StoredSentence) -> frozenset[str]:
    """The sentence's terms as a set, made once per sentence (kept on the bundle)."""
    key = ("words", sentence.position)
    cached = bundle.derived.get(key)
    if cached is None:
        cached = bundle.derived[key] = frozenset(sentence.terms)
    return cached  # type: ignore[return-value]


def title_words(bundle: ArticleBundle) -> frozenset[str]:
    """The headline's terms as a set, made once per article (kept on the bundle)."""
    cached = bundle.derived.get("title")
    if cached is None:
        cached = bundle.derived["title"] = frozenset(bundle.title_terms)
    return cached  # type: ignore[return-value]


def _paragraph_counts(bundle: ArticleBundle, paragraph: int) -> dict[str, int]:
    """In how many of the paragraph's sentences each term occurs (once per paragraph)."""
    key = ("paragraph", paragraph)
    cached = bundle.derived.get(key)
    if cached is None:
        # Counter counts in C: this runs for every sentence of a cold article at scale
        cached = bundle.derived[key] = Counter(chain.from_iterable(
            set(other.terms) for other in bundle.sentences if other.paragraph == paragraph
        ))
    return cached  # type: ignore[return-value]


class _ParagraphWords(Collection[str]):
    """The terms of the other sentences of a sentence's paragraph. A view of the paragraph's
    term counts rather than a set of its own: a set per sentence would copy the paragraph's
    vocabulary once per sentence, which adds up (hundreds of MB) when it is kept."""

    __slots__ = ("_counts", "_own")

    def __init__(self, counts: dict[str, int], own: frozenset[str]) -> None:
        self._counts = counts
        self._own = own

    def __contains__(self, term: object) -> bool:
        return self._counts.get(term, 0) > (term in self._own)  # type: ignore[call-overload]

    def __iter__(self) -> Iterator[str]:
        own = self._own
        return (term for term, count in self._counts.items() if count > (term in own))

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _compute_context_words(bundle: ArticleBundle, sentence: StoredSentence
                           ) -> tuple[frozenset[str], frozenset[str], Collection[str]]:
    position = sentence.position
    lean: set[str] = set()
    names: set[str] = set()
    text = bundle.text(sentence)
    if position > 0 and leans_on_previous(bundle, sentence):
        previous = bundle.sentences[position - 1]
        lean.update(previous.terms)
        names.update(_name_words(bundle, previous))
        if _SPEAKER_VERB.search(text) and _QUOTE.search(text):
            # '"This find reminds the world…," she said': she is the minister the sentence
            # before named, whose words these are
            names.update(_titles_of_people(bundle, previous))
    if text.startswith(_OPENING_QUOTE) and not _ATTRIBUTION.search(text) and (
        position + 1 < len(bundle.sentences)
    ):
        following = bundle.sentences[position + 1]
        names.update(_name_words(bundle, following))
        lean.update(following.terms)
    if text.startswith(_OPENING_QUOTE) and not _ATTRIBUTION.search(text) and position > 0:
        # '"...," Bergström said. "I have called the company 40 times."': the quotation
        # goes on after its attribution, and the speaker with it
        previous = bundle.sentences[position - 1]
        attribution = bundle.text(previous)
        if previous.paragraph == sentence.paragraph and _ATTRIBUTION.search(attribution):
            # the speaker's name, even where the tagger missed it: its capitalised words
            names.update(fold_accents(word.lower())
                         for word in _CAPITALISED_WORD.findall(attribution, 1))
            names.update(referenced_words(bundle, previous.position))
    # whom it names by a short form: "Lisowska", "the SCCU", "the airline"
    names.update(referenced_words(bundle, position))
    # the rest of the paragraph: terms in another of its sentences (a term of this sentence
    # counts only when a second sentence has it too)
    paragraph = _ParagraphWords(_paragraph_counts(bundle, sentence.paragraph),
                                sentence_words(bundle, sentence))
    return frozenset(lean), frozenset(names), paragraph
