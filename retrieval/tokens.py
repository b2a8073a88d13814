"""The one normalisation both the index and the questions use: lower-cased lemmas, no stop
words, no punctuation. Index and question must agree exactly, so it lives in one place."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.attrs import IS_PUNCT, IS_SPACE, IS_STOP, LEMMA, LIKE_URL, LOWER, ORTH, POS, TAG
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.symbols import VERB

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: spaCy's list also holds words that carry content in news questions ("who *called*",
#: "*took* over", "*moved* to", "the *front* line", "*serious* injuries"): they stay terms.
CONTENT_WORDS = frozenset({
    "call", "give", "keep", "move", "show", "take", "empty", "full", "serious", "bottom",
    "front", "side", "part", "amount", "behind", "fifty", "sixty", "forty", "twenty", "hundred",
    "own", "top",
})
_STOP = (frozenset(STOP_WORDS) - CONTENT_WORDS) | {"'s", "’s", "n't", "n’t", "’", "'"}
_STRIP = "'’\"“”‘-–—_.,:;!?()[]{}«»*#|/\\"


def fold_accents(text: str) -> str:
    """``text`` without its diacritics ("Grêmio" → "Gremio", "São Paulo" → "Sao Paulo"):
    people type names without them, and a question must find the article either way. Letters
    that are not a letter plus a mark ("ø", "ß", "ł") stay as they are."""
    if text.isascii():
        return text
    return _fold_accents_slow(text)


def plain_words(text: str) -> list[str]:
    """The words of ``text`` (letters only), lower-cased and without accents, as a question's
    own words are compared with an article's ("Tehuacán" → "tehuacan")."""
    return [fold_accents(word.lower()) for word in _LETTERS.findall(text)]


_LETTERS = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=50_000)
def _fold_accents_slow(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def normalise_token(token: Token) -> str | None:
    """The index term for one spaCy token, or None when it carries no content. Accents are
    folded (``fold_accents``)."""
    term = _normalise_token(token)
    return fold_accents(term) if term is not None else None


def _normalise_token(token: Token) -> str | None:
    if token.is_punct or token.is_space or token.like_url:
        return None
    if len(token.text) > 1 and token.text.isupper() and token.text.isalpha():
        return token.lower_  # acronyms: "US", "WHO", "IT" are names, not stop words
    noun = _stop_word_noun(token)
    if token.is_stop and token.lower_ not in CONTENT_WORDS and not noun:
        return None
    lemma = token.lemma_.lower().strip(_STRIP)
    text = token.lower_.strip(_STRIP)
    if not lemma or (not noun and (lemma in _STOP or text in _STOP)):
        return None
    if not any(ch.isalnum() for ch in lemma):
        return None
    if token.pos_ == "ADJ" and lemma.endswith("ed") and lemma == text:
        return participle_verb(lemma) or lemma
    if token.pos_ in _VERB_POS and (
            (text.endswith("ed") and lemma == text[:-2])
            or (text.endswith("ing") and lemma == text[:-3])):
        return silent_e_verb(lemma) or lemma
    if token.pos_ in _VERB_POS and text.endswith(("ed", "ing")) and lemma != text:
        return inflected_verb(text, lemma) or lemma
    if token.pos_ in _VERB_POS and text.endswith("s") and lemma != text:
        return plural_noun(text, lemma) or lemma
    return lemma


_VERB_POS = frozenset({"VERB", "AUX"})


def _stop_word_noun(token: Token) -> bool:
    """A stop word used as a noun carries content: "the *mine*", "an oil *well*", "his *will*"
    (spaCy's list has them for "mine" the pronoun, "well" the adverb, "will" the verb).
    Short ones are left out: the tagger calls the "in" of "break-in" a noun, and WordNet
    knows it (an inch, Indiana)."""
    return token.pos_ == "NOUN" and len(token.text) > 3 and token.is_alpha \
        and not token.like_num and _is_wordnet_noun(token.lower_)


@lru_cache(maxsize=1_000)
def _is_wordnet_noun(word: str) -> bool:
    from retrieval.lexicon import is_noun

    return is_noun(word)


@lru_cache(maxsize=20_000)
def silent_e_verb(stem: str) -> str | None:
    """"fin" + "e" when spaCy lemmatised "fined" as "fin" (or "dining" as "din"): a stem
    with a final "e" that WordNet knows as a verb is the lemma, as WordNet's own morphology
    tries it first ("hoped" is "hope"; "hopped" doubles its consonant)."""
    from retrieval.lexicon import get_wordnet

    wordnet = get_wordnet()
    if wordnet is None or len(stem) < 2 or stem.endswith("e"):
        return None
    return stem + "e" if wordnet.synset_offsets(stem + "e", "v") else None


@lru_cache(maxsize=20_000)
def inflected_verb(text: str, lemma: str) -> str | None:
    """The verb of "scammed" or "scamming" when spaCy's rules, which do not undo a doubled
    consonant for verbs missing from their tables, made it "scamme"; only when WordNet does
    not know spaCy's lemma as a verb."""
    from retrieval.lexicon import get_wordnet

    wordnet = get_wordnet()
    if wordnet is None or wordnet.synset_offsets(lemma, "v"):
        return None
    return _verb_of_stem(text[:-2] if text.endswith("ed") else text[:-3])


@lru_cache(maxsize=20_000)
def plural_noun(text: str, lemma: str) -> str | None:
    """The noun of a plural the tagger took for a verb, whose rules then made a lemma no
    dictionary knows ("which countries border the lake": "countrie"; "illnesses":
    "illnesse"); only when WordNet knows spaCy's lemma as no word at all."""
    from retrieval.lexicon import get_wordnet

    wordnet = get_wordnet()
    if wordnet is None or any(wordnet.synset_offsets(lemma, pos) for pos in "nvar"):
        return None
    for suffix, ending in (("ies", "y"), ("es", ""), ("s", "")):
        base = text[:-len(suffix)] + ending
        if text.endswith(suffix) and len(base) > 2 and wordnet.synset_offsets(base, "n"):
            return base
    return None


@lru_cache(maxsize=20_000)
def participle_verb(word: str) -> str | None:
    """The verb behind an adjectival participle ("wounded" → "wound", "injured" → "injure"),
    so the adjective and the verb meet in the index; None when WordNet knows no such verb."""
    if len(word) < 5:
        return None
    return _verb_of_stem(word[:-2])


def verb_of_form(word: str) -> str | None:
    """The verb behind an "-ed" or "-ing" form as written ("injured", "injuring" → "injure";
    "running" → "run"), or None."""
    if word.endswith("ed"):
        return participle_verb(word)
    if word.endswith("ing"):
        return participle_verb(word[:-3] + "ed")
    return None


def stem_forms(stem: str) -> list[str]:
    """The words a suffix ("-ed", "-ing", "-est") may have been added to, in the order
    WordNet's own morphology tries them: the final "e" first ("fined" is "fine", not "fin";
    "largest" is "large"), then the stem, a doubled consonant undone ("stopped" → "stop",
    "biggest" → "big"), a "y" for an "i" ("married" → "marry", "happiest" → "happy")."""
    forms = [stem + "e", stem]
    if len(stem) > 2 and stem[-1] == stem[-2]:
        forms.append(stem[:-1])
    if stem.endswith("i"):
        forms.append(stem[:-1] + "y")
    return forms


def _verb_of_stem(stem: str) -> str | None:
    """WordNet's verb for the stem of an "-ed" or "-ing" form (``stem_forms``)."""
    from retrieval.lexicon import get_wordnet

    wordnet = get_wordnet()
    if wordnet is None:
        return None
    return next((c for c in stem_forms(stem) if len(c) > 2 and wordnet.synset_offsets(c, "v")),
                None)


def phrasal_lemma(verb: Token, particle: Token) -> str | None:
    """WordNet's one-word lemma for a verb and its particle or preposition ("handed" +
    "out" → "hand_out"), or None when WordNet has no such verb."""
    from retrieval.lexicon import get_wordnet

    wordnet = get_wordnet()
    phrasal = f"{verb.lemma_.lower()}_{particle.lower_}"
    return phrasal if wordnet is not None and wordnet.synset_offsets(phrasal, "v") else None


def has_noun(words: Collection[str], noun: str) -> bool:
    """Whether ``words`` hold ``noun`` or its plural ("villages", "witnesses", "companies")."""
    return noun in words or noun + "s" in words or noun + "es" in words or (
        noun.endswith("y") and noun[:-1] + "ies" in words)


def is_stop_word(word: str) -> bool:
    return word.lower() in _STOP


# ------------------------------------------------------------- bulk reading of a whole doc

#: What ``normalise_token`` reads, as ``Doc.to_array`` gives it (the first eight columns are
#: its whole input), then the tag for phrasal verbs.
ROW_ATTRS = [ORTH, LOWER, LEMMA, POS, IS_PUNCT, IS_SPACE, LIKE_URL, IS_STOP, TAG]
_KEY_COLUMNS = 8
SPACE_COLUMN = ROW_ATTRS.index(IS_SPACE)
_POS_COLUMN = ROW_ATTRS.index(POS)
_TAG_COLUMN = ROW_ATTRS.index(TAG)
#: Terms by token row: news text repeats its words, and a ``Token`` object per word (and its
#: string look-ups) cost more than the normalisation itself. Past this size it starts over.
_MAX_TERMS = 200_000
_terms: dict[tuple[int, ...], str | None] = {}


def token_rows(doc: Doc) -> list[list[int]]:
    """``ROW_ATTRS`` of every token of ``doc``, read in one call instead of a ``Token`` each."""
    if not len(doc):
        return []
    rows: list[list[int]] = doc.to_array(ROW_ATTRS).tolist()
    return rows


def normalise_rows(doc: Doc, rows: list[list[int]], positions: Iterable[int]) -> list[str]:
    """Index terms of the tokens of ``doc`` at ``positions``, in order (duplicates kept: BM25
    counts them), from ``token_rows``: each distinct row is normalised once (by
    ``normalise_token`` itself), then looked up."""
    terms = []
    cache = _terms
    for position in positions:
        key = tuple(rows[position][:_KEY_COLUMNS])
        try:
            term = cache[key]
        except KeyError:
            if len(cache) >= _MAX_TERMS:
                cache.clear()
            term = cache[key] = normalise_token(doc[position])
        if term is not None:
            terms.append(term)
    return terms


_RP = "RP"


def phrasal_verb_rows(doc: Doc, rows: list[list[int]], positions: Sequence[int]) -> list[str]:
    """WordNet's one-word lemmas for the verbs with a particle among the tokens of ``doc`` at
    ``positions`` ("handed out" → "hand_out", "broke out" → "break_out"), so that a question's
    "distributed" or "started" finds them through WordNet's synonyms; from ``token_rows``
    (``Token`` objects only for the rare particle after a verb)."""
    rp = doc.vocab.strings[_RP]
    found: list[str] = []
    for index, position in enumerate(positions):
        if rows[position][_TAG_COLUMN] != rp:
            continue
        for back in (1, 2):  # "handed out", "handed them out"
            if index - back < 0:
                break
            verb = positions[index - back]
            if rows[verb][_POS_COLUMN] == VERB:
                phrasal = phrasal_lemma(doc[verb], doc[position])
                if phrasal:
                    found.append(phrasal)
                break
    return found
