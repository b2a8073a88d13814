"""Reading a question: its content words, the names it mentions, and what kind of answer it
wants (a person, a place, a date, a number...)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from retrieval.errors import InvalidQuestionError
from retrieval.fast_pipes import question_components, run_components
from retrieval.lexicon import (
    SENSE_WEIGHTS,
    get_wordnet,
    is_person_noun,
    noun_categories,
    related_words,
)
from retrieval.tokens import is_stop_word, normalise_token, phrasal_lemma, verb_of_form

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

MAX_QUESTION_CHARS = 1000
#: Pipes a question does not need: the parser only found phrasal-verb particles, which the
#: tagger marks (RP) as well, and skipping it saves a tenth of the question's spaCy time.
QUESTION_SKIPS = ("parser",)
PERSON_LABELS = frozenset({"PERSON"})
WHO_LABELS = frozenset({"PERSON", "ORG", "NORP"})
#: The least weight of a related word in the BM25 query that picks the candidates from a
#: large scope (a small one is reranked whole and keeps every relative). Below it are a
#: word's kinds and its rarer senses ("change": "opalize", "brutalize", hundreds of them):
#: they made the median question ~50 BM25 terms and the slowest ~750, each term a pass over
#: its postings, and crowded out sentences with the question's own words.
SEARCH_RELATIVE_MIN = 0.6
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Countries, towns and regions: places that are not buildings or venues.
TERRITORY_LABELS = frozenset({"GPE", "LOC"})
#: Institutions that are also buildings: named as organisations as often as places.
INSTITUTION_LABELS = PLACE_LABELS | frozenset({"ORG"})
TIME_LABELS = frozenset({"DATE", "TIME"})
NUMBER_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
MEASURE_LABELS = NUMBER_LABELS
ORG_LABELS = frozenset({"ORG"})
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT",
                         "WORK_OF_ART", "LAW"})
#: Nouns after "which/what" that ask for a kind of entity ("which newspaper", "what city").
_TYPE_NOUNS: dict[frozenset[str], frozenset[str]] = {
    # a country or a town is never a building or a venue
    TERRITORY_LABELS: frozenset({
        "city", "country", "town", "region", "capital", "nation", "state", "province",
        "village", "continent", "county", "parish", "municipality",
    }),
    PLACE_LABELS: frozenset({
        "place", "district", "area", "square", "venue", "street", "location", "neighbourhood",
        "neighborhood", "island", "river", "site", "lake", "mountain", "sea", "coast",
        "valley", "desert", "bay", "border", "forest", "suburb",
    }),
    INSTITUTION_LABELS: frozenset({
        "hospital", "university", "school", "stadium", "airport", "station", "hall", "building",
        "prison", "court", "museum", "hotel", "church", "port", "base", "centre", "center",
        "mine", "plant", "factory", "refinery", "mill", "bridge", "tunnel", "motorway",
        "highway", "road", "embassy", "terminal", "gallery", "theatre", "arena", "park", "camp",
        "campsite", "shelter", "clinic", "market",
    }),
    ORG_LABELS: frozenset({
        "newspaper", "outlet", "media", "network", "channel", "organisation", "organization",
        "company", "agency", "group", "paper", "broadcaster", "magazine", "firm", "party",
        "team", "club", "union", "bank", "weekly", "publication", "website", "station",
        "airline", "carrier", "insurer", "lender", "regulator", "operator", "manufacturer",
        "maker", "carmaker", "retailer", "supplier", "developer", "builder", "contractor",
        "consortium", "fund", "charity", "ministry", "department", "authority", "council",
        "committee", "tabloid", "daily", "publisher", "brand", "exchange", "watchdog",
        "alliance", "federation", "association", "institute", "league", "bureau", "coalition",
    }),
    TIME_LABELS: frozenset({"day", "date", "year", "month", "time", "week", "hour"}),
    frozenset({"NORP"}): frozenset({"nationality", "nationalities", "religion"}),
    PERSON_LABELS: frozenset({
        "person", "man", "woman", "minister", "president", "leader", "official", "player",
        "bomber", "suspect", "victim", "spokesman", "spokeswoman", "name", "ringleader",
        "farmer", "pilot", "boy", "girl", "child", "attacker", "executive", "chief", "director",
        "governor", "mayor", "judge", "lawyer", "prosecutor", "scientist", "driver", "officer",
        "politician", "candidate", "winner", "owner", "founder", "chairman", "head", "boss",
        "spokesperson", "doctor", "resident", "witness", "survivor", "author", "husband", "wife",
        "son", "daughter", "brother", "sister", "father", "mother", "people",
    }),
}

#: Verbs that ask who is in charge ("who *runs* the airline", "who *heads* the museum"): the
#: answer gives a title that WordNet files under leader, head of state or civil authority
#: ("chief executive", "director", "chair", "premier", "mayor").
LEADERSHIP_VERBS = frozenset({
    "lead", "head", "run", "chair", "direct", "manage", "govern", "rule", "command", "helm",
    "oversee", "preside", "captain",
})


#: "What are the MSF teams doing", "what did the union do": what was done, not which team or
#: union (the noun is who does it).
_ASKS_WHAT_DONE = re.compile(r"^\W*what\b.*\b(?:do|doing|does|did|done)\W*$", re.IGNORECASE)


#: Verbs of being in charge of a place that a body does too ("the airport operator Isavia").
_RUN = frozenset({"run", "manage"})


#: Nouns that ask who is in charge when "of" follows ("who is the *boss* of the plant"; "in
#: *charge* of" too): a title WordNet files under leader answers, as for "who runs the plant".
LEADERSHIP_NOUNS = frozenset({"boss", "head", "chief", "leader"})


def leadership_categories() -> frozenset[int]:
    return noun_categories("leader", "head_of_state", "civil_authority", senses=1)


@dataclass(slots=True)
class Question:
    """A question, analysed once and shared by retrieval, reranking and highlighting."""

    text: str
    terms: list[str]
    pos: dict[str, str] = field(default_factory=dict)
    expansions: dict[str, dict[str, float]] = field(default_factory=dict)
    entity_terms: set[str] = field(default_factory=set)
    entity_names: list[str] = field(default_factory=list)
    #: spaCy's label for each of ``entity_names`` ("GPE", "NORP"...).
    entity_labels: dict[str, str] = field(default_factory=dict)
    answer_labels: frozenset[str] = frozenset()
    wh: str | None = None
    focus: str | None = None
    counted: str | None = None
    #: WordNet noun categories a term asks for: an article word that is a kind of one stands
    #: for the term ("newspaper" ← "daily"; "who runs" ← "chief executive").
    categories: dict[str, frozenset[int]] = field(default_factory=dict)
    #: Question words written as acronyms ("EU"), upper-case, by term.
    acronyms: dict[str, str] = field(default_factory=dict)
    #: Terms that ask who is in charge ("runs", "heads").
    leadership: set[str] = field(default_factory=set)
    #: "Who is Mette Lund?": the name asked about, whose description answers.
    identity: str | None = None
    #: "How much ... cost/pay/earn": only a sum of money answers.
    money: bool = False
    #: "What will the stadium be called?": the name must follow "called", "named"...
    name_given: bool = False
    #: The terms' one-word synonyms in their commonest sense, which hold their other
    #: spellings ("labour" for "labor"): a span made of them names what is asked about.
    spellings: frozenset[str] = frozenset()
    #: Set by the reranker: which cached word-similarity table each term uses.
    term_keys: dict[str, int] = field(default_factory=dict)
    #: The question's sentence vector (``sentence_encoder``) when the question worker
    #: computed it beside the analysis; None otherwise (the reranker encodes it if needed).
    vector: Any = field(default=None, compare=False, repr=False)

    def search_terms(self, min_weight: float = 0.0) -> list[str]:
        """Terms for the first-stage BM25 query: the question's own words and the related
        words WordNet offers (each once), those weighing at least ``min_weight``."""
        seen: dict[str, None] = dict.fromkeys(self.terms)
        for related in self.expansions.values():
            for word, weight in related.items():
                if weight >= min_weight:
                    seen.setdefault(word, None)
        return list(seen)


def clean_question(text: str) -> str:
    """Normalise a raw question: unicode NFKC, invisible characters and mentions removed."""
    text = unicodedata.normalize("NFKC", text or "")
    text = "".join(ch for ch in text if unicodedata.category(ch) not in {"Cf", "Cc", "Co", "Cs"}
                   or ch in "\n\t")
    text = re.sub(r"<@[!&]?\d+>|<#\d+>|@(?:everyone|here)\b", " ", text)
    # Discord markdown around words (||spoiler||, ~~strike~~, **bold**, `code`, > quote, # h)
    text = re.sub(r"\|\||~~|`+|(?<!\w)[*_]+|[*_]+(?!\w)", " ", text)
    text = re.sub(r"^\s*(?:>+|#+)\s*", "", text)
    text = _SHORTHAND.sub(lambda match: _SHORTHANDS[match.group(0).lower()], text)
    text = _FILLER.sub("", text.strip())
    text = _HOW_COME.sub("why", text)
    return " ".join(text.split())


#: Chat shorthand that neither spaCy nor WordNet knows ("how many ppl died"), spelled out.
_SHORTHANDS = {
    "ppl": "people", "govt": "government", "gov't": "government", "pres": "president",
    "b4": "before", "abt": "about", "approx": "approximately", "w/": "with", "w/o": "without",
    "yrs": "years", "hrs": "hours", "mins": "minutes", "whos": "who's", "whats": "what's",
    "wheres": "where's", "hows": "how's", "whens": "when's", "u": "you", "ur": "your",
    "r": "are",
    # the title as news writes it ("chief executive Ingrid Solberg"), so that the name next to
    # it answers "who is the CEO"
    "ceo": "chief executive", "cfo": "chief financial officer", "cto": "chief technology officer",
    "ev": "electric vehicle", "evs": "electric vehicles",
    "uni": "university", "dept": "department", "info": "information", "max": "maximum",
    "techs": "technicians", "cigs": "cigarettes", "yr": "year", "thru": "through",
    "cuz": "because", "coz": "because", "bc": "because", "hosp": "hospital",
    "intl": "international", "natl": "national", "prez": "president",
    "kwh": "kilowatt-hour", "mw": "megawatts",
    # (lower case only: "GM" is also General Motors)
    "gm": "general manager",
}
_SHORTHAND = re.compile(
    r"(?<![\w'’/&.-])(?:(?i:ppl|govt|gov't|pres|b4|abt|approx|w/o|w/|yrs|yr|hrs|mins|whos|whats|"
    r"wheres|hows|whens|ceo|cfo|cto|evs?|uni|dept|info|techs|cigs|thru|cuz|coz|hosp|intl|natl|"
    r"prez|kwh|mw)|"
    r"u|ur|r|max|bc|gm)(?![\w'’/&.-])")
#: Chat fillers before the question proper ("wait what even is morna", "hmm who paid"),
#: which would otherwise count as words the article must speak of.
_FILLER = re.compile(
    r"^(?:(?:wait|hmm+|um+|uh+|ok|okay|btw|lol|hey|yo|bro|guys|sorry|also|oh|ah|ahh|so)"
    r"[\s,.!:;-]+)+(?=(?:what|whats|what's|who|whos|who's|when|where|why|how|which|is|are|"
    r"was|were|do|does|did|can|could|will|would|has|have|had|any|so)\b)", re.IGNORECASE)


#: "How come the drivers walked out?" asks why (and "come" is no word the article must use).
_HOW_COME = re.compile(r"\bhow\s+come\b", re.IGNORECASE)


def _phrasal_verbs(doc: Doc) -> list[tuple[str, str]]:
    """(verb term, WordNet phrasal lemma) for verbs with a particle that WordNet knows as one
    verb: "coming back" → ("come", "come_back") so that it can match "return"; the verb term
    is "" for a verb too common to be a term ("go" of "gone up")."""
    found: list[tuple[str, str]] = []
    for token in doc:
        if token.tag_ == "RP":
            # the tagger marks particles RP; their verb is the nearest verb before them (the
            # parser, which would say so directly, is not run on questions: QUESTION_SKIPS)
            head = next((t for t in reversed(doc[: token.i]) if t.pos_ in {"VERB", "AUX"}),
                        None)
        elif token.i > 0 and doc[token.i - 1].pos_ == "VERB" and (
                token.pos_ == "ADP" or token.lower_ in _PARTICLES):
            # "cared for", "looked after": the verb and its preposition; "gone up", which
            # the tagger calls an adverb at the end of a question
            head = doc[token.i - 1]
        else:
            continue
        if head is None:
            continue
        verb = normalise_token(head) or ""
        phrasal = phrasal_lemma(head, token)
        if phrasal and (verb, phrasal) not in found:
            found.append((verb, phrasal))
    return found


#: Adverbs that make a phrasal verb with the verb before them.
_PARTICLES = frozenset({"up", "down", "off", "out", "back", "away", "over"})


def _counted_noun(doc: Doc) -> str | None:
    """What a "how many" question counts ("how many *people*")."""
    for token in doc[:-2]:
        if token.lower_ == "how" and doc[token.i + 1].lower_ in {"many", "much"}:
            # the head of the noun phrase: "how many US *citizens*", "how many flight *attendants*"
            head = None
            for following in doc[token.i + 2 : token.i + 7]:
                if following.text == "-":
                    continue  # "how many night-time *staff*": the compound goes on
                if following.pos_ not in {"NOUN", "PROPN", "ADJ", "NUM"}:
                    break
                if following.pos_ == "NOUN" or (head is None and following.pos_ == "PROPN"):
                    head = following
            if head is not None and head.lower_ in _KIND_NOUNS and head.i + 2 < len(doc) and (
                    doc[head.i + 1].lower_ == "of"):
                # "how many kinds of bacteria": the kinds are counted in bacteria ("14 of the
                # 17 bacterial strains")
                return _counted_noun_after(doc, head.i + 2) or normalise_token(head)
            return normalise_token(head) if head is not None else None
    return None


#: Nouns that count kinds of what follows their "of".
_KIND_NOUNS = frozenset({"kind", "kinds", "type", "types", "sort", "sorts"})


def _counted_noun_after(doc: Doc, index: int) -> str | None:
    """The head noun of the phrase starting at ``index`` ("bacteria" in "bacteria did...",
    "users" in "the app's users", "people" in "the 17 missing people")."""
    head = None
    for following in doc[index : index + 6]:
        if following.tag_ == "POS":
            head = None  # "the app's users": the possessor is not what is counted
        elif following.pos_ == "NOUN":
            head = following
        elif following.pos_ in {"DET", "ADJ", "NUM", "PROPN"} or following.tag_ == "PRP$":
            if head is not None and following.pos_ != "PROPN":
                break
        else:
            break
    return normalise_token(head) if head is not None else None


def _last_noun_of_compound(doc: Doc, index: int) -> Token:
    """The head of the noun compound that starts at ``index``: "which police *unit*", "which
    aid *organisation*", "which state-owned *agency*" (over a hyphenated modifier)."""
    head = doc[index]
    position = index + 1
    while position < len(doc):
        token = doc[position]
        if token.pos_ == "NOUN":
            head = token
            position += 1
        elif token.text == "-" and position + 2 < len(doc):
            position += 2  # "state-*owned*": the word after the hyphen modifies what follows
        else:
            break
    return head


#: Nouns for a person that say nothing of who they are ("the guy who runs the company").
VAGUE_PERSONS = frozenset({"guy", "bloke", "dude", "chap", "fella", "fellow"})


def _typed_lower_noun(token: Token) -> bool:
    """A word typed in lower case that spaCy takes for a name or a verb but WordNet knows
    only as a common noun ("who's the head *warden* at etosha")."""
    wordnet = get_wordnet()
    return token.pos_ in {"PROPN", "VERB"} and token.text.isalpha() and \
        token.text.islower() and wordnet is not None and \
        wordnet.has_common_noun_sense(token.text) and \
        not wordnet.synset_offsets(token.text, "v")


#: "who is the mayor", and as typed in chat, "who's the mayor" ("'s" is its own token).
_WHO_BE_FORMS = frozenset({"is", "was", "are", "were", "'s", "’s"})


def _owner_first(doc: Doc) -> bool:
    """Whether a "who is" question names an owner right after "is": "who is *Kosovo's*
    education minister", "who is *Ana Torres's* lawyer" (a name, then the possessive)."""
    for token in doc[2:6]:
        if token.tag_ == "POS":
            return token.i > 2
        if token.pos_ != "PROPN":
            return False
    return False


def _focus_noun(doc: Doc) -> str | None:
    """The noun a which/what question asks for: "which two Belgian *ministers*", "what is the
    name of the *farmer*" (after "name of", the noun that names what is named)."""
    lowered = [t.lower_ for t in doc]
    owner_first = len(doc) > 3 and _owner_first(doc)
    if lowered[:1] == ["who"] and len(doc) > 3 and lowered[1] in _WHO_BE_FORMS and (
            lowered[2] in {"the", "a", "an"} or doc[2].tag_ == "PRP$" or owner_first):
        # "who is the *mayor* of...", "who is the chief *executive*", "who is Bulawayo's
        # *mayor*", "who is their *coach*": the role asked about
        head = None
        for following in doc[2 if owner_first else 3:9]:
            if following.pos_ == "NOUN" or (head is not None and _typed_lower_noun(following)):
                head = following
            elif following.tag_ == "POS":
                head = None  # "the museum's *director*"
            elif following.pos_ == "PROPN" and head is None:
                continue  # the owner's name: "Kosovo's education *minister*"
            elif following.pos_ != "ADJ" or head is not None:
                break
        if head is not None:
            return normalise_token(head)
    for index, word in enumerate(lowered):
        if word in {"name", "names"} and index + 1 < len(doc) and lowered[index + 1] == "of":
            head = None
            for following in doc[index + 2 : index + 8]:
                if following.pos_ == "NOUN" or (following.pos_ == "PROPN" and (
                        head is None or head.pos_ == "PROPN")):
                    # the last noun of the phrase: "helicopter *pilot*", "two *Americans*"
                    head = following
                elif following.tag_ == "POS":
                    head = None  # "the museum's *director*": the possessor is not the head
                elif head is not None:
                    break
            if head is not None:
                return normalise_token(head)
    for token in doc:
        if token.lower_ in {"which", "what"}:
            for following in doc[token.i + 1 : token.i + 5]:
                if following.pos_ == "NOUN":
                    head = _last_noun_of_compound(doc, following.i)
                    verb = token.i + 2 if doc[token.i + 1].lower_ == "else" else token.i + 1
                    if token.lower_ == "what" and verb < len(doc) and (
                            doc[verb].lower_ in _BE_FORMS) and _verb_follows(doc, head.i):
                        # ("what *else* is the union demanding": the same question)
                        return None  # "what were *residents* advised to do": the subject
                    return normalise_token(head)
                if following.pos_ in {"VERB", "AUX"} and following.lower_ not in _BE_FORMS:
                    return None
            return None
    return None


_BE_FORMS = frozenset({"is", "was", "are", "were"})
#: Participles that ask for a name, whose noun is the kind named ("what was the company
#: *called*").
_NAMING = frozenset({"called", "named", "known"})


def _verb_follows(doc: Doc, index: int) -> bool:
    """Whether a participle or a verb (or an adjective and its preposition) follows the noun
    at ``index`` ("what were residents *advised*", "what are workers *demanding*", "what are
    people *upset about*"): the noun is then the subject of a clause, not the kind of thing
    asked for ("what is the *cause*")."""
    if index + 1 < len(doc) and doc[index + 1].tag_ == "RB":
        index += 1  # "what are people *still* angry about"
    if index + 2 < len(doc) and doc[index + 1].tag_ == "JJ" and doc[index + 2].tag_ == "IN":
        return True  # "what are *people* upset about", "what is the town famous for"
    return index + 1 < len(doc) and doc[index + 1].tag_ in {"VBN", "VBG", "VB", "VBD"} and (
        doc[index + 1].lower_ not in _NAMING)


#: Words that make "how much" ask for a sum of money.
_ASKS_MONEY = re.compile(
    r"\b(?:cost|costs|pay|paid|pays|earn|earns|earned|worth|spend|spends|spent|charge|charged|"
    r"fine|fined|fee|fees|salary|wage|wages|budget|ransom|compensation|money|invest|invested|"
    r"owe|owes|lend|lent|loan|bill|raise|raised|donate|donated|bail|reward|bonus|insure|insured|"
    r"valued|priced|profits?|revenues?|income|earnings|turnover|losses|debts?|funding|"
    r"subsid(?:y|ies)|pension|(?:sold|sell|sells|selling|bought|buy|buys)\s+for)\b")


def names_the_answer_kind(question: Question, term: str) -> bool:
    """Whether ``term`` only names the kind of answer wanted ("at what *time* of *day*",
    "in which *year*"): the answer rarely repeats it."""
    nouns = _TYPE_NOUNS.get(question.answer_labels)
    return nouns is not None and (term in nouns or term.rstrip("s") in nouns)


#: "What is this article about?", "tl;dr", "summarise it", "what happened?", "when did it
#: happen?", "where did this take place?": the lede answers (news opens with what happened,
#: where and when).
_SUMMARY = re.compile(
    r"^\W*(?:so\s+|ok\s+|okay\s+)?(?:what(?:'s|’s|s|\s+is|\s+was)\s+(?:this|the|that)\s+"
    r"(?:article|story|news|piece|report|text)\s+(?:about|on)|(?:can you\s+|please\s+)?"
    r"(?:give me\s+)?(?:a\s+|the\s+)?(?:summary|summari[sz]e(?:\s+(?:it|this|that|the\s+"
    r"(?:article|story)))?|tl;?dr|gist)|what\s+happened|(?:when|where)\s+(?:did|does)\s+"
    r"(?:it|this|that|all\s+this)\s+(?:happen|take\s+place))\W*$", re.IGNORECASE)


def asks_for_summary(text: str) -> bool:
    return _SUMMARY.match(text) is not None


_IDENTITY = re.compile(r"^\W*(who|what)\s*(?:is|was|are|were|'s|’s|s)\s+(.+?)[\s?!.]*$",
                       re.IGNORECASE)


def _common_word(word: str) -> bool:
    """Whether a lower-case word is an ordinary English word rather than a name typed in
    lower case ("bergström")."""
    lowered = word.lower().strip("'’")
    wordnet = get_wordnet()
    return is_stop_word(lowered) or not lowered.isalpha() or (
        wordnet is not None and any(wordnet.synset_offsets(lowered, pos) for pos in "nvar"))


def identity_asked(text: str) -> str | None:
    """The name in "Who is Mette Lund?" / "What is the SCCU?" (a question that asks what the
    article says someone or something is), or None."""
    match = _IDENTITY.match(text)
    if match is None:
        return None
    name = match.group(2).strip()
    words = name.split()
    if not words or len(words) > 5 or any(w.endswith(("'s", "’s", "s'")) for w in words[:-1]):
        return None  # "who is Adelma Ruiz's husband": a role of someone, asking for a name
    if match.group(1).lower() == "who":
        if words[0].lower() in {"the", "a", "an", "this", "that", "his", "her", "their", "its"}:
            return None  # "who is the mayor": a role, asking for a name
        # a name, not a phrase: "who was behind the attack" asks for a name
        if any(is_stop_word(w.lower()) for w in words):
            return None
        if _a_verb_form(words[0]):
            return None  # "who was running Goldwave": who did it, not who Goldwave is
        return name if any(w[:1].isupper() or not _common_word(w) for w in words) else None
    # "what is X" only for a name: "What is Vastaamo?", "what's the SCCU?"
    if words[0].lower() == "the" and len(words) > 1:
        words = words[1:]
    if all(w[:1].isupper() for w in words):
        return " ".join(words)
    return None


def _only_a_verb(word: str) -> bool:
    """Whether WordNet knows ``word`` as a verb and not as a noun or adjective ("owe",
    "resign"), so that it cannot end a name typed in lower case."""
    wordnet = get_wordnet()
    return wordnet is not None and bool(wordnet.synset_offsets(word, "v")) and not any(
        wordnet.synset_offsets(word, pos) for pos in "na")


def _a_verb_form(word: str) -> bool:
    """A lower-case "-ing" or "-ed" form of a verb WordNet knows ("running", "arrested")."""
    return word.islower() and verb_of_form(word) is not None


def asks_for_money(text: str) -> bool:
    """"How much will the cleanup cost?", "what did the sites cost": a sum of money answers,
    not "1.3 percent"."""
    lowered = text.lower()
    return (re.search(r"\bhow much\b", lowered) is not None and (
        _ASKS_MONEY.search(lowered) is not None) and _ASKS_A_CHANGE.search(lowered) is None) \
        or _WHAT_IT_COSTS.match(lowered) is not None or _HOW_DEAR.search(lowered) is not None


#: "How much do wages go up", "how much did fares rise": a change, which a share answers as
#: well as a sum ("basic wages will rise 6 percent").
_ASKS_A_CHANGE = re.compile(
    r"\b(?:go(?:es|ing)?\s+(?:up|down)|went\s+(?:up|down)|gone\s+(?:up|down)|rise|rises|rose|"
    r"risen|rising|increase[sd]?|increasing|fall|falls|fell|fallen|drop|drops|dropped|grow|"
    r"grows|grew|grown|climb(?:s|ed)?|jump(?:s|ed)?|shr[iu]nk|shrinks|decline[sd]?)\b")


#: "How expensive did cocoa get", "how cheap are the tickets": a price answers.
_HOW_DEAR = re.compile(r"\bhow\s+(?:expensive|cheap|costly|pricey|dear)\b")


#: "What did the sites cost?", "what will it cost", "what's the ransom", "what is the price of
#: a ticket": a sum of money answers, as for "how much".
_WHAT_IT_COSTS = re.compile(
    r"\W*what(?:\s+|(?=['’]s\b))(?:(?:do|does|did|will|would|could|might|is|was|are)\s+"
    # (not "what did the union boss say about pay": what was said of it)
    r"(?:(?!(?:say|said|think|thinks|tell|told|about)\b)\w+\s+){0,6}?"
    r"(?:cost|pay|charge|earn|fetch|sell\s+for|go\s+for)\W*$|(?:is|was|are|were|'s|’s|s|will\s+be)"
    r"\s+the\s+(?:total\s+|estimated\s+|overall\s+|new\s+|final\s+)?(?:cost|price|fee|fare|"
    r"ransom|salary|bail|bill|budget)s?(?:\W*$|\s+(?:of|for|to|on|per)\b))")


#: "What will the new stadium be called?", "what is the operation named": a name answers.
_ASKS_NAME_GIVEN = re.compile(
    r"^\W*what\b.*\b(?:(?:be|been|is|was|are|were|get|gets|got)\s+(?:named|called|dubbed|"
    r"renamed)\b|(?:named|called|dubbed)\W*$|\bnick-?names?\b)")


#: Units of time (singular, as ``Question.counted`` holds them): "how many days" is answered
#: by a date or a time ("12 days", "eight hours a day", "over two years").
TIME_UNIT_NOUNS = frozenset({"second", "minute", "hour", "day", "night", "week", "weekend",
                             "month", "year", "decade", "century"})
_HOW_MANY_TIME_UNITS = re.compile(
    r"\bhow many (?:more |fewer |extra |of the |working |consecutive |straight )?(?:seconds|"
    r"minutes|hours|days|nights|weeks|weekends|months|years|decades|centuries)\b")


#: Verbs that open a question's clause after "what": the noun after them is its subject.
_AUXILIARIES = frozenset({"do", "does", "did", "is", "was", "are", "were", "will", "would",
                          "can", "could", "has", "have", "had", "should", "may", "might",
                          "must", "shall"})


#: "What about X?", "how about X?": the question asks what the article says of X.
_ASKS_ABOUT = re.compile(r"\s*(?:and\s+)?(?:what|how)\s+about\b")


#: "Where" asked of a job, a course of study or a publication, which a body answers as well
#: as a place.
_WHERE_A_BODY = re.compile(r"^\W*where\b.*\b(?:work|works|worked|working|employed|study|"
                           r"studies|studied|studying|train|trained|published|printed)\b")


def answer_labels_for(text: str) -> tuple[str | None, frozenset[str]]:
    """The wh-word and the NER labels of the entity that would answer ``text``."""
    lowered = text.lower()
    if _ASKS_ABOUT.match(lowered):
        # "what about small firms?", "and the workers?": what the article says of them, in
        # whatever words; "firms" does not make it ask which organisation
        return None, frozenset()
    if _HOW_MANY_TIME_UNITS.search(lowered):
        # "how many days did the strike last": "lasted 12 days" is a DATE to spaCy
        return "how_many", NUMBER_LABELS | TIME_LABELS
    if re.search(r"\bhow much (?:[a-z]+ )?(?:notice|time|warning|leave|delay|head\s+start)\b",
                 lowered):
        # "how much notice were they given": "only 48 hours' notice", a length of time; "how
        # much jail time": "15 years in prison"
        return "how_many", NUMBER_LABELS | TIME_LABELS
    if re.search(r"\bby how much\b", lowered):
        # "by how much did she break the record": "by more than a minute" too
        return "how_many", NUMBER_LABELS | TIME_LABELS
    if re.search(r"\bhow (many|much)\b", lowered) or _WHAT_IT_COSTS.match(lowered):
        return "how_many", NUMBER_LABELS
    if re.search(r"\bage\s+(?:limit|threshold|cap|requirement)|\b(?:minimum|maximum|legal|"
                 r"voting|drinking|retirement|smoking|pension)\s+age\b", lowered):
        # "what is the new age limit": a number set by a rule ("anyone under 25"), not
        # someone's age
        return "how_many", frozenset({"CARDINAL", "DATE"})
    if re.search(r"\b(how old|what age|aged?)\b", lowered):
        return "how_old", frozenset({"DATE", "CARDINAL"})
    first = re.search(r"\b(?:what|which|how|why|when|where|who|whom|whose)\b", lowered)
    if re.search(r"\b(?:death toll|toll|tally|number of|total number)\b", lowered) and (
            first is None or first.group() in {"what", "which"}):
        # "what's the death toll": a number answers; not "why do doctors expect the number
        # of cases to rise", which asks why
        return "how_many", NUMBER_LABELS
    if re.search(r"\bhow long\b", lowered):
        return "how_long", TIME_LABELS | frozenset({"QUANTITY"})
    if re.search(r"\bhow (?:hot|cold|warm|tall|high|deep|far|big|large|heavy|wide|fast|"
                 r"strong|expensive|cheap|costly|pricey|low|small|short|steep|loud|thick|thin|"
                 r"narrow)\b", lowered):
        return "how_many", MEASURE_LABELS  # a measurement: "43 degrees", "12 metres"
    if _ASKS_NAME_GIVEN.search(lowered):
        return "what", NAME_LABELS  # "what will the new stadium be called": its name answers
    match = re.search(r"\b(which|what)\s+(\w+)(?:\s+(\w+))?", lowered)
    if match:
        # "which hospital treated...", or one word before the noun: "which local hospital";
        # not after an auxiliary: in "what did *prosecutors* call it" the noun is the subject
        words = (match.group(2),) if match.group(2) in _AUXILIARIES else match.group(2, 3)
        for word in words:
            for labels, nouns in _TYPE_NOUNS.items():
                if word and (word in nouns or word.rstrip("s") in nouns):
                    return match.group(1), labels
    # the question's own wh-word is its first: in "what was going on *when* it blew up" or
    # "how did they find out *where* he was", the later one opens a clause
    word = first.group() if first else ""
    if word == "when":
        return "when", TIME_LABELS
    if word == "where":
        if _WHERE_A_BODY.search(lowered):
            # "where did he work": "an official in the eThekwini municipality"; "where was
            # the study published": "in the journal Nature Plants" — a body answers too
            return "where", PLACE_LABELS | ORG_LABELS
        return "where", PLACE_LABELS
    if word in {"who", "whom", "whose"}:
        return "who", WHO_LABELS
    return None, frozenset()


def question_text(raw: str) -> str:
    """``raw`` cleaned for analysis; ``InvalidQuestionError`` (a polite message) when it holds
    no words or is too long. Cheap: callers check a question before queueing it for spaCy."""
    text = clean_question(raw)
    if not text or not any(ch.isalnum() for ch in text):
        raise InvalidQuestionError("Please ask a question in words, e.g. “Who was arrested?”.")
    if len(text) > MAX_QUESTION_CHARS:
        raise InvalidQuestionError(
            f"That question is too long ({len(text)} characters); please keep it under "
            f"{MAX_QUESTION_CHARS}."
        )
    return text


def analyse_question(nlp: Language, raw: str) -> Question:
    """Analyse ``raw`` with spaCy (CPU work: call it off the event loop)."""
    text = question_text(raw)
    (doc,) = run_components(question_components(nlp, QUESTION_SKIPS), nlp, [text], 1)
    return read_question(text, doc)


def analyse_questions(nlp: Language, texts: Sequence[str]) -> list[Question]:
    """Analyse questions already checked by ``question_text`` in one spaCy batch: each of
    a batch of 16 costs under half of what it costs alone (a short text's spaCy time is mostly
    per-call overhead), and the results are the same."""
    docs = run_components(question_components(nlp, QUESTION_SKIPS), nlp, texts,
                          max(1, len(texts)))
    return [read_question(text, doc) for text, doc in zip(texts, docs, strict=True)]


#: Parts of speech that end a name spaCy ran on into the verb in a lower-case question.
_VERB_TAGS = frozenset({"VERB", "AUX"})


def _common_word_in_lower_case(ent: Span) -> bool:
    """A one-word "name" typed in lower case whose commonest sense is an ordinary word
    ("bin", "stock"): spaCy guesses names in lower-case questions, and a word the article
    writes otherwise would make the question look as if it named something absent. Names
    typed in lower case stay ("paris", "china", "nesco": first a name, or no word at all)."""
    if len(ent) != 1 or not ent.text.islower():
        return False
    wordnet = get_wordnet()
    return wordnet is not None and wordnet.first_sense_is_common(ent.text)


#: (nouns, verbs used with them, what news says instead): "leave their homes" is being
#: evacuated, displaced or forced from them; "hold the record" is having set it; "take
#: office" is being sworn in; "fight the fine" is appealing it. WordNet links none of these
#: to the question's verb.
_COLLOCATIONS: tuple[tuple[frozenset[str], frozenset[str], tuple[str, ...]], ...] = (
    (frozenset({"home", "house"}), frozenset({"leave", "flee", "abandon", "quit", "lose"}),
     ("evacuate", "evacuation", "evacuee", "displace", "flee", "force", "relocate", "move")),
    (frozenset({"record", "title"}), frozenset({"hold", "have", "own"}),
     ("set", "break", "win")),
    (frozenset({"office", "post", "power"}), frozenset({"take", "assume", "start"}),
     ("swear", "sworn", "inaugurate")),
    (frozenset({"ruling", "fine", "ban", "decision", "verdict", "sentence", "penalty",
                "judgment", "judgement", "conviction"}),
     frozenset({"fight", "challenge", "contest", "dispute"}), ("appeal",)),
)


#: A rule or a ban that starts "takes effect" or "comes into force".
_STARTING = frozenset({"start", "begin", "commence", "kick_in", "apply"})
_IN_FORCE = ("effect", "force", "effective")
#: Both: the words of a question about when something starts.
STARTING_WORDS = _STARTING | frozenset(_IN_FORCE)


#: Where people stay when they cannot go home, and the roofs news names for it.
_ASKS_WHERE_STAYING = re.compile(r"^\W*where\b", re.IGNORECASE)
_STAYING = frozenset({"stay", "sleep", "refuge", "shelter", "house", "lodge", "live"})
#: How much a roof counts for "stay": a close relative, not a synonym (a synonym would be a
#: spelling of the question's own word, and a span made of it no answer).
ROOF_WEIGHT = 0.7
_ROOFS = ("shelter", "tent", "camp", "gymnasium", "gym", "hall", "school", "mosque", "church",
          "temple", "hotel", "relative", "barracks")
#: Money given back: a refund.
_MONEY_BACK = re.compile(r"\bmoney\s+back\b", re.IGNORECASE)
_REFUND = ("refund", "reimburse", "reimbursement", "repay", "repayment")
#: "Who is representing / defending him": his lawyer.
_ASKS_WHO = re.compile(r"^\W*who\b", re.IGNORECASE)
_REPRESENTING = frozenset({"represent", "defend"})
_LAWYERS = ("lawyer", "attorney", "counsel", "advocate", "solicitor", "barrister")
#: "how many are left": what remains, or survives.
_LEFT_OVER = re.compile(r"\b(?:are|is|were|was)\s+(?:still\s+|now\s+)?left\b", re.IGNORECASE)
_REMAINING = ("remain", "remaining", "survive", "surviving")
#: "where were the injured taken": the verbs news moves people with ("flown to a military
#: base", "rushed to hospital"); not "where did it take place".
_TAKEN_SOMEWHERE = re.compile(r"^\W*where\b.*\b(?:taken|brought|sent)\b(?!\s+place)",
                              re.IGNORECASE)
_TAKING = frozenset({"take", "bring", "send"})
_CARRIED = ("fly", "airlift", "carry", "move", "transfer", "rush", "drive", "transport",
            "evacuate", "take", "bring", "send")
_ASKS_WHEN = re.compile(r"\W*(?:from\s+|by\s+|since\s+)?(?:when|what\s+(?:date|day|month|year))\b",
                        re.IGNORECASE)


def _add_collocations(text: str, terms: list[str],
                      expansions: dict[str, dict[str, float]]) -> None:
    """Give a verb used with one of ``_COLLOCATIONS``' nouns, and the noun, the words news
    uses for the pair ("how many people had to leave their homes": "the evacuation of 2,300
    people"); and, asked when, a verb of starting the words for a rule that starts ("takes
    effect")."""
    present = set(terms)
    for nouns, verbs, equivalents in _COLLOCATIONS:
        if nouns & present and verbs & present:
            for term in (verbs | nouns) & present:  # the pair is said as a whole
                _add_words(expansions, term, equivalents)
    if _ASKS_WHERE_STAYING.match(text):
        # "where are the evacuees staying", "where did they take refuge": a roof news names
        # ("a shelter in the gymnasium of Keokuk High School", "200 tents on the pitch")
        for term in _STAYING & present:  # (below a synonym's weight: the roof answers)
            _add_words(expansions, term, _ROOFS, weight=ROOF_WEIGHT)
    if "money" in present and _MONEY_BACK.search(text):
        # "can I get my money back": a refund ("back" is a stop word, so the text says it)
        _add_words(expansions, "money", _REFUND)
    for term in set(_REFUND) & present:
        # "will people get a refund": "ticket holders will get their money back" (a near
        # relative only: money is spoken of in many sentences)
        _add_words(expansions, term, ("money",), weight=ROOF_WEIGHT)
    if "leave" in present and _LEFT_OVER.search(text):
        # "how many are left": "fewer than 250 breeding pairs are thought to survive"
        _add_words(expansions, "leave", _REMAINING)
    if _ASKS_WHO.match(text):
        for term in _REPRESENTING & present:
            # "who is representing him": "His lawyer, Advocate Pieter van Wyk"
            _add_words(expansions, term, _LAWYERS)
    if _TAKEN_SOMEWHERE.match(text):
        # "where were the captives taken": "flown to a military base in San José"
        for term in _TAKING & present:
            _add_words(expansions, term, [word for word in _CARRIED if word != term])
    if _ASKS_WHEN.match(text):
        for term in _STARTING & present:
            # "when does the ban start": "the ban takes effect on January 1"
            _add_words(expansions, term, _IN_FORCE)


def _add_words(expansions: dict[str, dict[str, float]], term: str, words: Iterable[str],
               weight: float = SENSE_WEIGHTS[0]) -> None:
    """``words`` as relatives of ``term``, by default as close as a synonym in its commonest
    sense."""
    merged = dict(expansions.get(term, {}))
    for word in words:
        merged[word] = max(merged.get(word, 0.0), weight)
    expansions[term] = merged


def _plural_left_as_is(word: str) -> str:
    """The singular of a plural noun the tagger left unlemmatised in a short question ("how
    do the *frogs* reproduce", tagged as a singular noun), as the article's "frogs" is
    indexed: WordNet knows the singular and not the plural."""
    wordnet = get_wordnet()
    if wordnet is None or not word.endswith("s") or word.endswith("ss") or len(word) < 4 \
            or wordnet.synset_offsets(word, "n"):
        return word
    for singular in (word[:-3] + "y" if word.endswith("ies") else "",
                     word[:-2] if word.endswith("es") else "", word[:-1]):
        if singular and wordnet.synset_offsets(singular, "n"):
            return singular
    return word


def read_question(text: str, doc: Doc) -> Question:
    """The ``Question`` that spaCy's ``doc`` of ``text`` reads as."""
    terms: list[str] = []
    pos: dict[str, str] = {}
    for token in doc:
        term = normalise_token(token)
        if term is not None and token.pos_ == "NOUN" and term == token.lower_:
            term = _plural_left_as_is(term)
        if term is not None:
            terms.append(term)
            pos.setdefault(term, token.pos_)
    entity_terms: set[str] = set()
    entity_names: list[str] = []
    entity_labels: dict[str, str] = {}
    for ent in doc.ents:
        if ent.label_ in {"CARDINAL", "ORDINAL", "DATE", "TIME"}:
            continue
        while len(ent) > 1 and ent[-1].is_lower and (
                ent[-1].pos_ in _VERB_TAGS or _only_a_verb(ent[-1].lower_)):
            # "how many customers does *nesco serve*", "how much does lissy thomas *owe*"
            # (tagged a proper noun): the verb is no name
            ent = ent[:-1]
        if _common_word_in_lower_case(ent):
            continue  # "how much stock did she have to *bin*": a word, not a name
        name = re.sub(r"(?:'s|’s|'|’)$", "", ent.text.strip())
        name = re.sub(r"^(?:the|The)\s+", "", name)
        entity_names.append(name)
        entity_labels[name] = ent.label_
        for token in ent:
            term = normalise_token(token)
            if term:
                entity_terms.add(term)
    expansions = {}
    for term in dict.fromkeys(terms):
        spacy_pos = pos.get(term)
        if term in entity_terms or spacy_pos == "PROPN":
            spacy_pos = None  # names: demonyms and the like ("Belgium" → "Belgian")
        related = {w: v for w, v in related_words(term, spacy_pos).items()
                   if not is_stop_word(w)}
        if related:
            expansions[term] = related
    _add_collocations(text, terms, expansions)
    for verb, phrasal in _phrasal_verbs(doc):
        related = {w: v for w, v in related_words(phrasal, "VERB").items()
                   if not is_stop_word(w)}
        if not verb:
            # "how much has the water gone up": the phrasal verb is the question's own word
            # (articles index it too), and "rise" one close to it
            if phrasal not in pos:
                terms.append(phrasal)
                pos[phrasal] = "VERB"
            if related:
                expansions[phrasal] = related
        elif related:
            merged = dict(expansions.get(verb, {}))
            for word, weight in related.items():
                merged[word] = max(merged.get(word, 0.0), min(1.0, weight + 0.1))
            expansions[verb] = merged
    for first, second in pairwise(doc):
        _add_compound_expansions(first, second, expansions)
    categories: dict[str, frozenset[int]] = {}
    acronyms: dict[str, str] = {}
    leadership: set[str] = set()
    for token in doc:
        term = normalise_token(token)
        if term is None:
            continue
        after_who = token.i > 0 and doc[token.i - 1].lower_ == "who"
        of_follows = token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "of"
        # "the leader of X", and "X's boss", "the union leader": whose head is named before it
        # (questions are not parsed: a noun right before it qualifies it)
        owner_before = token.i > 0 and (doc[token.i - 1].tag_ == "POS"
                                        or doc[token.i - 1].pos_ in {"NOUN", "PROPN"})
        heads_something = (
            (of_follows or owner_before) and term in LEADERSHIP_NOUNS and token.pos_ == "NOUN"
        ) or (  # "who is in charge of the resort"
            of_follows and term == "charge" and token.i > 0 and doc[token.i - 1].lower_ == "in")
        if (term in LEADERSHIP_VERBS and (token.pos_ == "VERB" or after_who)) or (
                heads_something):
            leadership.add(term)  # (its kinds are a leader's, set below, if it stays one)
        if token.pos_ == "NOUN" and term not in entity_terms:
            found = noun_categories(term)
            if found:
                categories[term] = found
        if 2 <= len(token.text) <= 5 and token.text.isalpha() and token.text.isupper():
            acronyms[term] = token.text
    wh, labels = answer_labels_for(text)
    # "what about small firms": no kind of answer asked, so no focus noun either
    focus = None if _ASKS_ABOUT.match(text.lower()) else _focus_noun(doc)
    if focus and (not labels or wh in {"which", "what"}) and not _ASKS_WHAT_DONE.search(text):
        for kind_labels, nouns in _TYPE_NOUNS.items():
            if focus in nouns:
                labels = kind_labels
                wh = wh or "which"
                break
    if focus and not labels and re.search(r"\bnames?\s+of\b", text, re.IGNORECASE):
        # "what is the name of the shepherd": a name answers, a person's for a person noun
        # ("... of the engineers *who* were arrested" too: that "who" opens a clause)
        labels = PERSON_LABELS if (is_person_noun(focus) or focus in _TYPE_NOUNS[PERSON_LABELS]
                                   ) else NAME_LABELS
        wh = "which"
    if focus in VAGUE_PERSONS:
        # "what's the name of the guy who runs the company": a person, whom the clause after
        # the noun describes; no sentence calls him "the guy"
        labels, wh, focus = PERSON_LABELS, "who", None
    if wh == "who" and focus and is_person_noun(focus):
        # "who is Bulawayo's mayor": a person holds the role, not a company beside the city
        labels = PERSON_LABELS
    identity = identity_asked(text)
    if identity:
        # "who is Mette Lund": not another name, but what the article says she is
        labels = frozenset()
    if leadership and wh != "who" and labels and "PERSON" not in labels:
        # "which company runs the trains": a body that operates them, not a person heading it
        leadership = set()
    for term in leadership:
        # "who runs the airline": not "operate", "go" or "start" — the kinds of leader instead
        expansions.pop(term, None)
        categories[term] = leadership_categories()
    if leadership and wh == "who":
        # "who leads France": a leader is a person, not the nation or the body they lead;
        # but a place is run by a body too ("who runs the airport": "the operator Isavia")
        runs_a_place = bool(leadership & _RUN) and any(
            pos.get(term) == "NOUN" and term in _TYPE_NOUNS[INSTITUTION_LABELS]
            for term in terms)
        labels = PERSON_LABELS | ORG_LABELS if runs_a_place else PERSON_LABELS
    return Question(
        text=text, terms=terms, pos=pos, expansions=expansions, entity_terms=entity_terms,
        entity_names=entity_names, entity_labels=entity_labels, answer_labels=labels, wh=wh,
        focus=focus,
        counted=_counted_noun(doc) if wh == "how_many" else None,
        categories=categories, acronyms=acronyms, leadership=leadership,
        money=asks_for_money(text), identity=identity,
        name_given=_ASKS_NAME_GIVEN.search(text.lower()) is not None,
        spellings=frozenset(word for term in terms
                            for word in first_sense_synonyms(expansions, term)),
    )


def first_sense_synonyms(expansions: dict[str, dict[str, float]], term: str) -> list[str]:
    """One-word synonyms of ``term`` in its commonest sense, as a question's expansions
    weigh them; they also hold its other spellings ("defence" for "defense")."""
    return [word for word, weight in expansions.get(term, {}).items()
            if weight >= SENSE_WEIGHTS[0] and "_" not in word]


def _add_compound_expansions(first: Token, second: Token,
                             expansions: dict[str, dict[str, float]]) -> None:
    """Two words WordNet knows as one ("prime minister") bring the compound's synonyms
    ("premier") to both words."""
    if first.pos_ not in {"NOUN", "ADJ", "PROPN"} or second.pos_ not in {"NOUN", "PROPN"}:
        return
    first_term, second_term = normalise_token(first), normalise_token(second)
    if not first_term or not second_term:
        return
    compound = f"{first.lower_}_{second.lemma_.lower()}"
    related = {w: v for w, v in related_words(compound, "NOUN").items() if not is_stop_word(w)}
    for term in (first_term, second_term):
        merged = dict(expansions.get(term, {}))
        for word, weight in related.items():
            merged[word] = max(merged.get(word, 0.0), weight)
        if merged:
            expansions[term] = merged
