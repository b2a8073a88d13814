"""How well an article's word stands for a question's word: the word itself, a WordNet
relative, a word of the same family by spelling ("investigator" for "investigation"), a kind
of what the question names ("daily" for "newspaper") or a more general word for it ("the
vessel" for "the ferry").

The reranker (``answers``) asks this of every question term against the words of every
candidate sentence and of its context; the answer-span rules (``answer_type``) and the
leadership rules (``leadership``) ask it of single words, and all three must agree on what
counts as a match, so the rules live here once, with the question words that only frame a
question (``FRAMING_WORDS``), which all three leave aside.

The answers are kept in per-term tables shared by all questions in which a term behaves alike.
That cache is this module's state (bounded by ``MAX_SIMILARITY_ENTRIES``); only ``term_table``
and ``term_match`` touch it, and ``term_match`` keeps what it asks of WordNet about each article
word in ``_WORD_FACTS``.
"""

from __future__ import annotations

import itertools
import re

from retrieval.lexicon import noun_ancestors, noun_categories, related_words
from retrieval.question import LEADERSHIP_VERBS, Question

#: Words that frame a question rather than carry its content ("What is the *name* of...",
#: "What *happened*..."); they count for little when measuring coverage.
FRAMING_WORDS = frozenset({
    "name", "happen", "kind", "type", "sort", "reason", "way", "thing", "do", "make", "get",
    "take", "know", "mean", "describe", "call", "exactly", "also", "there", "main", "specific",
    # adverbs that only stress ("how does the stuff *actually* kill germs") and "stuff"
    "actually", "basically", "literally", "precisely", "currently", "stuff",
    # a person by no description ("the *guy* who runs the company")
    "guy", "bloke", "dude", "chap", "fella",
})
#: Framing words that are content when they take an object: "which union *called* the strike"
#: asks who called it; only "what is the ferry *called*?" asks for a name.
_NAMING_VERBS = frozenset({"call"})
_ASKS_A_NAME = re.compile(r"\b(?:called|named|known\s+as)\W*$", re.IGNORECASE)


#: Words that only frame the verb after their "to": "how many miners *managed to* get out",
#: "what did he *seem to* want", "when will people be *able to* see the treasures".
_CATENATIVES = frozenset({"manage", "seem", "appear", "tend", "able"})


def is_framing(question: Question, term: str) -> bool:
    """Whether ``term`` only frames this question (``FRAMING_WORDS``, or a catenative verb
    before "to"), rather than carries its content."""
    if term in _CATENATIVES and re.search(rf"\b{term[:-1]}\w*\s+to\s+\w", question.text,
                                          re.IGNORECASE):
        return True
    if term not in FRAMING_WORDS:
        return False
    return term not in _NAMING_VERBS or _ASKS_A_NAME.search(question.text) is not None


#: A word of the same family by spelling ("investigator" for "investigation").
PREFIX_WEIGHT = 0.7
#: A word that is a kind of what the question names ("daily" for "newspaper", "director" for
#: "who heads").
KIND_WEIGHT = 0.75
#: How much a leadership verb in the sentence ("heads", "runs") counts for a question term
#: that asks who is in charge ("boss", "in charge of"): the verb names the role as a title
#: does, but "run" and "head" have other senses.
LEADER_VERB_WEIGHT = 0.8
#: A more general word for what the question names ("the company" for "the airline",
#: "aircraft" for "planes"): the article often says it that way the second time.
GENERAL_WEIGHT = 0.5
#: A related word at least this close to a question word stands for it: it marks where the
#: answer is ("Premier" for "prime minister"), and a name's close relative speaks of the name
#: ("Belgian" for Belgium).
ANCHOR_RELATED_WEIGHT = 0.7


def shared_prefix(a: str, b: str) -> bool:
    """Same word family by spelling: "investigation"/"investigator", "elect"/"election"."""
    if a[:5] != b[:5]:
        return False
    shortest = min(len(a), len(b))
    if shortest < 5:
        return False
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= 0.75 * shortest


def _word_similarity(term: str, word: str, expansions: dict[str, float]) -> float:
    """How well ``word`` stands for question term ``term`` (0–1), given the term's WordNet
    expansions in this question."""
    weight = expansions.get(word, 0.0)
    if weight < 0.6:
        # the other direction ("rail" knows "railway"), trusted a little less
        reverse = related_words(word).get(term, 0.0)
        if reverse >= 0.55:
            weight = max(weight, reverse * 0.9)
    if weight < PREFIX_WEIGHT and term[:5] == word[:5] and shared_prefix(term, word):
        weight = PREFIX_WEIGHT
    return weight


#: How a question term matches article words ({word: weight}), by the term's behaviour: its
#: WordNet expansions, the kinds it asks for, whether it asks who is in charge and whether
#: it is a noun. Questions in
#: which a word behaves the same share its table, so common words are looked up once for
#: all questions; a plain dict per term also makes a sentence's best match a set difference
#: and a ``max`` in C.
_SIMILARITY_TABLES: dict[int, dict[str, float]] = {}
#: Term behaviours by number (a behaviour is a long tuple: hashing it once per question is
#: enough).
_BEHAVIOURS: dict[tuple[object, ...], int] = {}
#: Table numbers are never reused, not even after the tables are dropped: a question that
#: holds a number from before (``Question.term_keys``) must not reach another term's table.
_table_numbers = itertools.count(1)
#: Words held by all the tables together, and the bound at which they are dropped (~27 bytes
#: an entry: the words are the articles' own strings; 1M entries hold the 790 evaluation
#: questions over 23 articles, where 300k were dropped three times a pass).
_similarity_entries = 0
MAX_SIMILARITY_ENTRIES = 1_000_000
#: What ``term_match`` asks of WordNet about an article's word, whatever the term: its related
#: words, its noun ancestors and its noun categories (``lexicon``'s three functions), in one
#: plain dict. The three ``lru_cache``s answer the same, but a hit in a bounded one moves its
#: entry to the front of a linked list, and at scale (~800 new words an ask, ~60k distinct)
#: those links are cold in memory: three such hits were most of the table filling's time.
#: Dropped whole at ``MAX_WORD_FACTS`` words (the size of ``related_words``' own cache).
_WORD_FACTS: dict[str, tuple[dict[str, float], frozenset[int], frozenset[int]]] = {}
MAX_WORD_FACTS = 100_000


def _word_facts(word: str) -> tuple[dict[str, float], frozenset[int], frozenset[int]]:
    """``word``'s entry of ``_WORD_FACTS``, made on first use."""
    if len(_WORD_FACTS) >= MAX_WORD_FACTS:
        _WORD_FACTS.clear()
    facts = _WORD_FACTS[word] = (related_words(word), noun_ancestors(word),
                                 noun_categories(word))
    return facts


def clear_word_facts() -> None:
    """Forget ``_WORD_FACTS`` (with the lexicon's caches, as after a restart)."""
    _WORD_FACTS.clear()


def term_table(question: Question, term: str) -> dict[str, float]:
    """The table of article words already weighed for ``term`` as this question uses it
    (shared with every question in which the term behaves the same); ``term_match`` fills it."""
    global _similarity_entries
    number = question.term_keys.get(term)
    if number is None:
        behaviour = (
            term,
            tuple(sorted(question.expansions.get(term, {}).items())),
            question.categories.get(term, frozenset()),
            term in question.leadership,
            # a noun term also matches the kinds of thing it is ("protest" for the noun
            # "strike", not the verb): without this the table depended on which question
            # filled it first
            question.pos.get(term) == "NOUN",
        )
        number = _BEHAVIOURS.get(behaviour)
        if number is None:
            if _similarity_entries > MAX_SIMILARITY_ENTRIES or len(_BEHAVIOURS) > 50_000:
                _SIMILARITY_TABLES.clear()
                _BEHAVIOURS.clear()
                _similarity_entries = 0
            number = _BEHAVIOURS[behaviour] = next(_table_numbers)
        question.term_keys[term] = number
    table = _SIMILARITY_TABLES.get(number)
    if table is None:
        table = _SIMILARITY_TABLES[number] = {}
    return table


def term_match(question: Question, term: str, words: frozenset[str]) -> float:
    """How well ``words`` (a sentence's terms) contain question term ``term``: 1 for the word
    itself, less for a WordNet relative, a word of the same family or a kind of what the
    term names."""
    global _similarity_entries
    if term in words:
        return 1.0
    table = term_table(question, term)
    new = words.difference(table)
    if new:
        expansions = question.expansions.get(term, {})
        categories = question.categories.get(term)
        leads = term in question.leadership
        # "who heads": the title ("director") is the answer itself, as good as the word
        kind_weight = 1.0 if leads else KIND_WEIGHT
        # what the term is a kind of, looked up once (``is_kind_of(term, ...)`` per word)
        term_ancestors = noun_ancestors(term) if question.pos.get(term) == "NOUN" else None
        expanded = expansions.get
        prefix = term[:5]
        facts_of = _WORD_FACTS.get
        for word in new:
            # ``_word_similarity(term, word, expansions)``, written out: this loop meets
            # hundreds of new words a question at scale, and a call per word was a fifth
            # of its time; the word's WordNet facts in one look-up (``_WORD_FACTS``)
            related, ancestors, word_categories = facts_of(word) or _word_facts(word)
            weight = expanded(word, 0.0)
            if weight < 0.6:
                reverse = related.get(term, 0.0)
                if reverse >= 0.55:
                    weight = max(weight, reverse * 0.9)
            if weight < PREFIX_WEIGHT and prefix == word[:5] and shared_prefix(term, word):
                weight = PREFIX_WEIGHT
            # ``is_kind_of(word, categories)``
            if categories and weight < kind_weight and not categories.isdisjoint(ancestors):
                weight = kind_weight
            if leads and word in LEADERSHIP_VERBS:
                # "who is in charge of the ER": "who heads the hospital's emergency
                # department" says so with the verb
                weight = max(weight, LEADER_VERB_WEIGHT)
            if (term_ancestors and weight < GENERAL_WEIGHT
                    and not term_ancestors.isdisjoint(word_categories)):
                weight = GENERAL_WEIGHT
            table[word] = weight
        _similarity_entries += len(new)
    return max(0.0, max(map(table.__getitem__, words), default=0.0))


def name_relatives(question: Question, name: str) -> list[str]:
    """Close relatives of a one-word name: "German" for "Germany", "Belgian" for "Belgium"."""
    words = re.findall(r"\w+", name.lower())
    if len(words) != 1:
        return []
    return [other for other, weight in question.expansions.get(words[0], {}).items()
            if weight >= ANCHOR_RELATED_WEIGHT]
