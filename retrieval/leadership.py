"""Who runs what: whether a leader's title in a sentence belongs to what a "who runs X"
question asks about ("the museum's director", "French President", "chair of the SCCU"), and
not to someone who is merely mentioned beside X.

The reranker (``answers``) gives such a sentence its leader bonus, and ``answer_type`` keeps
the title itself ("president") from answering "who leads France". What counts as a title is
the leadership term's own word-match table (``word_match``).
"""

from __future__ import annotations

import re

from retrieval.lexicon import related_words
from retrieval.question import LEADERSHIP_NOUNS, Question
from retrieval.references import entity_handles
from retrieval.store import ArticleBundle, StoredSentence
from retrieval.word_match import (
    ANCHOR_RELATED_WEIGHT,
    is_framing,
    name_relatives,
    term_table,
)

_TOKEN = re.compile(r"[\w’'-]+")
_ARTICLES = frozenset({"the", "a", "an"})


def object_words(question: Question, bundle: ArticleBundle) -> frozenset[str]:
    """What a "who runs X" question asks about, in every form a sentence may use: X's own
    words, its adjective ("French" for France), and the names and description noun of the
    article's entity that X names ("the airline" for Skagen Air)."""
    words = {term for term in question.terms
             if term not in question.leadership and not is_framing(question, term)}
    for term in list(words):
        words.update(name_relatives(question, term))
    for handle in entity_handles(bundle):
        if not words.isdisjoint(word for word in handle if len(word) > 2):
            words.update(handle)
    return frozenset(words)


def is_leader_title(question: Question, word: str) -> bool:
    """Whether ``word`` (or its singular) is a title of the kind "who heads/runs" asks for
    ("director", "president"): a full match in a leadership term's table, or a noun that is
    itself a title in any such question ("the *head* of DSP Cluj" for "who is in charge of")."""
    if word in LEADERSHIP_NOUNS or word.removesuffix("s") in LEADERSHIP_NOUNS:
        return True
    for term in question.leadership:
        table = term_table(question, term)
        if max(table.get(word, 0.0), table.get(word.removesuffix("s"), 0.0)) >= 1.0:
            return True
    return False


#: Words that make a compound title of a leader's title without being one: "the company's
#: *managing* director", "the club's *acting* president", "its *interim* chief executive".
_TITLE_MODIFIERS = frozenset({"managing", "acting", "interim", "executive", "general"})


def leads_the_object(question: Question, objects: frozenset[str], bundle: ArticleBundle,
                     sentence: StoredSentence) -> bool:
    """Whether a leader's title in the sentence belongs to what the question asks about
    (``objects``: ``object_words``): "the museum's director", "French President", "chair of
    the SCCU"."""
    raw = _TOKEN.findall(bundle.text(sentence))
    tokens = [_bare(word) for word in raw]
    for at, word in enumerate(tokens):
        if not is_leader_title(question, word) or (
                at + 1 < len(tokens) and tokens[at + 1] in _NOT_A_TITLE_BEFORE):
            continue  # "Tamarack's head office" is no head of Tamarack
        before = at - 1
        while before >= 0 and (is_leader_title(question, tokens[before])
                               or tokens[before] in _TITLE_MODIFIERS):
            before -= 1  # "chief executive", "deputy director", "managing director"
        if before >= 0 and _names_object(tokens[before], objects):
            return True
        if before >= 0 and tokens[before] in _POSSESSIVES and _previous_names_object(
                bundle, sentence, objects):
            return True  # "The CPC warned… Its president, Ana María Torres, said…"
        after = at + 1
        if after < len(tokens) and tokens[after] == "of":
            after += 1 + (after + 1 < len(tokens) and tokens[after + 1] in _ARTICLES)
            if any(_names_object(form, objects) for word in _name_after(raw, after)
                   for form in _singulars(word)):
                return True
    return False


#: Possessive pronouns that make a title belong to what the sentence before is about.
_POSSESSIVES = frozenset({"its", "their"})


def _previous_names_object(bundle: ArticleBundle, sentence: StoredSentence,
                           objects: frozenset[str]) -> bool:
    """Whether the sentence before names what the question asks about, so that "its" in
    this one may stand for it."""
    if sentence.position == 0:
        return False
    previous = bundle.text(bundle.sentences[sentence.position - 1])
    return any(_names_object(_bare(word), objects) for word in _TOKEN.findall(previous))


#: Nouns after which a leader's title is a place: "head office", "head offices".
_NOT_A_TITLE_BEFORE = frozenset({"office", "offices"})
#: Words inside a body's name that are not its own: "Ephorate *of* Antiquities *of* Larissa".
_NAME_LINKS = frozenset({"of", "for", "and", "the", "&"})


def _name_after(raw: list[str], at: int) -> list[str]:
    """The lower-cased words of the name that starts at ``at``: the one word when it is
    lower-case ("director of the museum"), else the capitalised words of the body's name
    ("director of the Ephorate of Antiquities of Larissa": the office of antiquities)."""
    if at >= len(raw):
        return []
    first = raw[at]
    if not first[:1].isupper():
        return [_bare(first)]
    words = []
    for word in raw[at:at + 8]:
        if word[:1].isupper():
            words.append(_bare(word))
        elif word.lower() not in _NAME_LINKS:
            break
    return words


def _singulars(word: str) -> tuple[str, ...]:
    """A name's word and its possible singulars ("Antiquities": the question's "antiquity")."""
    if word.endswith("ies"):
        return (word, word[:-3] + "y")
    if word.endswith("s") and not word.endswith("ss"):
        return (word, word[:-1])
    return (word,)


def _bare(word: str) -> str:
    return word.lower().removesuffix("’s").removesuffix("'s")


def _names_object(word: str, objects: frozenset[str]) -> bool:
    """Whether an article word names what the question asks about, itself or as its adjective
    ("french" for "france": WordNet's pertainym, read from the adjective's side)."""
    return word in objects or (word.isalpha() and any(
        related_words(word).get(name, 0.0) >= ANCHOR_RELATED_WEIGHT for name in objects))
