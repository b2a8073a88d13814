"""Named entities: from spaCy's raw spans to a clean, merged list a reader would write.

Two steps. ``extract_mentions`` cleans each NER span while the spaCy ``Doc`` is alive (it needs
part-of-speech tags and neighbouring words): possessives and titles trimmed, fragments after a
dash cut, non-names dropped, and the type fixed from the words around the name ("at the X
concert hall" is a place, "her husband X" a person, "the news weekly X" an organisation).
``merge_mentions`` then joins aliases within one article: a surname alone to the one full name
that ends with it, initials to the name they abbreviate ("US" → "United States").
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import TYPE_CHECKING

from spacy.attrs import ENT_TYPE, POS
from spacy.symbols import PROPN

from retrieval.article_text import DATELINE
from retrieval.entity_merge import merge_mentions
from retrieval.entity_records import Entity, Mention
from retrieval.entity_rules import (
    CORPORATE_SUFFIXES,
    DASHES,
    DEMONYM_NOUNS,
    FOREIGN_ORGANIZATION_HEADS,
    FOREIGN_PLACE_HEADS,
    INITIALS_SKIP,
    LABEL_KIND,
    LAW_WORDS,
    NAME_KINDS,
    NAME_PARTICLES,
    ORGANIZATION_NOUNS,
    PERSON_NOUNS,
    POSSESSIVE_SUFFIXES,
    TITLES,
    VENUE_NOUNS,
)
from retrieval.lexicon import is_person_noun

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["Entity", "Mention", "extract_mentions", "merge_mentions"]


def _is_name_token(token: Token) -> bool:
    text = token.text
    return bool(text) and (text[0].isupper() or text[0].isdigit())


#: Word sets the rules test against, built once (a set union per test costs more than it).
_FRAGMENT_BREAKS = DASHES | {"("}
_ROLE_NOUNS = ORGANIZATION_NOUNS | PERSON_NOUNS
_ORGANIZATION_NOUNS_AND_CHURCH = ORGANIZATION_NOUNS | {"church"}


def _trim(span: Span, kind: str) -> tuple[int, int] | None:
    """Token range of the name inside ``span`` once titles, fragments and possessives go."""
    start, end = span.start, span.end
    doc = span.doc
    for index in range(start, end):
        if doc[index].text in _FRAGMENT_BREAKS and index > start and not _joins_word(
                doc, index, kind):
            end = index
            break
    while end > start and (
        (last := doc[end - 1]).is_punct
        or last.text.lower() in {"'s", "’s", "'", "’"}
        or last.is_space
    ):
        end -= 1
    while start < end and (
        (first := doc[start]).lower_ in {"the", "a", "an"}
        or first.is_punct
        or (kind == "person" and _is_title(first) and end - start > 1)
        or (kind == "person" and first.lower_ in DEMONYM_NOUNS and end - start > 1)
        or (kind == "person" and first.pos_ not in {"PROPN"} and end - start > 1
            and first.lower_ not in NAME_PARTICLES)
        or (kind in NAME_KINDS and not _is_name_token(first))
        or (first.is_sent_start and end - start > 1
            and first.lower_ in _ROLE_NOUNS)  # "Broadcaster DR"
    ):
        start += 1
    while end > start and kind in NAME_KINDS and not _is_name_token(doc[end - 1]) and not (
            _hyphen_joined(doc, end - 1, kind)):
        end -= 1
    if end <= start:
        return None
    return start, end


#: Words after a hyphen that make a name into an adjective ("Brussels-based"), not a name.
_NAME_ADJECTIVE_ENDINGS = frozenset({
    "based", "led", "born", "backed", "owned", "run", "bound", "made", "style", "like",
    "era", "linked", "funded", "controlled", "listed", "registered",
})


def _joins_word(doc: Doc, index: int, kind: str | None = None) -> bool:
    """A hyphen written without spaces joins one name ("Energo-Pro", "Strijp-S"); only a
    spaced dash ("Tor Vik - after a long night") starts a new phrase. In a person's name the
    part after the hyphen may be lower case: "Park Ji-hoon", "Lee Soo-jin"."""
    if not (doc[index].text == "-" and not doc[index - 1].whitespace_
            and not doc[index].whitespace_ and index + 1 < len(doc)):
        return False
    after = doc[index + 1]
    return _is_name_token(after) or (
        kind == "person" and after.is_alpha and after.is_lower
        and after.lower_ not in _NAME_ADJECTIVE_ENDINGS and _is_name_token(doc[index - 1]))


def _hyphen_joined(doc: Doc, index: int, kind: str) -> bool:
    """Whether ``doc[index]`` is the part of a hyphenated name after its hyphen."""
    return index >= 2 and _joins_word(doc, index - 1, kind)


def _extend_person(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Grow a person's span over adjacent capitalised proper nouns spaCy left outside it
    ("Adelma Marina [Tapia Ruiz]")."""
    while start > 0:
        token = doc[start - 1]
        if (
            token.pos_ == "PROPN"
            and not token.ent_type_
            and _is_name_token(token)
            and not token.is_sent_start
            and token.lower_ not in TITLES
            and token.lower_ not in DEMONYM_NOUNS
        ):
            start -= 1
        else:
            break
    return start, end


def _extend_over_particle(doc: Doc, end: int) -> int:
    """Grow a name over a lower-case particle and the unlabelled capitalised words after it:
    spaCy often stops at "do"/"de" ("[Estádio] do Lago", "[Sergio] de Oliveira")."""
    if end + 1 < len(doc) and doc[end].lower_ in NAME_PARTICLES and doc[end].text.islower():
        after = end + 1
        while after < len(doc) and doc[after].pos_ == "PROPN" and _is_name_token(doc[after]) and (
                not doc[after].ent_type_):
            after += 1
        if after > end + 1:
            return after
    return end


def _capitalised_common_noun(token: Token) -> bool:
    """A word capitalised only because it opens a sentence or a quote, which the tagger reads
    as a common noun ("Groups like this ...") and WordNet knows only in lower case: spaCy's
    NER sometimes tags it, but it names nothing."""
    opens = token.is_sent_start or (token.i > 0 and _is_opening_quote(token.nbor(-1)))
    if not opens or token.tag_ not in {"NN", "NNS"}:
        return False
    from retrieval.lexicon import get_wordnet

    wordnet = get_wordnet()
    if wordnet is None:
        return False
    if token.tag_ == "NNS" and token.lower_ != token.lemma_:
        # a plural ("Cranes stood still"): names are rarely plural, so a common-noun sense
        # is enough, though WordNet also knows a name (the writer Stephen Crane)
        return wordnet.has_common_noun_sense(token.lemma_)
    return wordnet.is_common_word(token.lemma_)


def _is_opening_quote(token: Token) -> bool:
    """A quote mark: the word after it is capitalised as a quote's first word."""
    return token.text in {'"', "“", "‘", "'"}


def _extend_over_and(doc: Doc, start: int, end: int) -> int:
    """Grow "the Ministry of Social Affairs" over "and Health": spaCy often splits a body
    named after two fields at "and". Only a name built on "of" grows, and only over
    capitalised common words (fields such as "Health", not another body's name)."""
    if end + 1 >= len(doc) or doc[end].lower_ != "and" or not any(
            t.lower_ == "of" for t in doc[start:end]):
        return end
    from retrieval.lexicon import get_wordnet

    wordnet = get_wordnet()
    if wordnet is None:
        return end
    after = end + 1
    while after < len(doc) and doc[after].text[:1].isupper() and doc[after].ent_type_ in {
            "", "ORG"} and wordnet.is_common_word(doc[after].lemma_):
        after += 1
    if after == end + 1 or (after < len(doc) and _is_name_token(doc[after])):
        return end
    return after


def _extend_over_of(doc: Doc, end: int) -> int:
    """Grow "the Kiel Institute" over "for the World Economy", "the District Court" over "of
    Amsterdam": spaCy often stops a body's name at its organisation noun, and the words after
    "of"/"for" belong to it when that noun is capitalised as part of the name."""
    last = doc[end - 1]
    if end + 1 >= len(doc) or doc[end].lower_ not in {"of", "for"} or not (
            last.lower_ in ORGANIZATION_NOUNS and last.text[:1].isupper()):
        return end
    after = end + 1
    if after < len(doc) and doc[after].lower_ == "the":
        after += 1
    stop = after
    while stop < len(doc) and ((_is_name_token(doc[stop]) and doc[stop].pos_ in {"PROPN", "NOUN"})
                               or (doc[stop].lower_ in INITIALS_SKIP and stop + 1 < len(doc)
                                   and _is_name_token(doc[stop + 1]) and stop > after)):
        stop += 1
    return stop if stop > after else end


def _role_words_before(doc: Doc, start: int) -> list[str]:
    """Lower-case words just before a name, up to three, stopping at punctuation or another
    name ("the news weekly [Der Spiegel]" → ["weekly", "news"])."""
    words: list[str] = []
    index = start - 1
    while index >= 0 and len(words) < 3:
        token = doc[index]
        if token.is_punct or not token.text.islower() or token.pos_ in {"DET", "ADP", "VERB"}:
            break
        words.append(token.lower_)
        index -= 1
    return words


def _is_venue_noun(token: Token) -> bool:
    """A venue noun, singular or plural ("the X and Y container terminals", "the X piers")."""
    return token.lower_ in VENUE_NOUNS or (
        token.tag_ == "NNS" and token.lemma_.lower() in VENUE_NOUNS)


def _venue_after(doc: Doc, end: int) -> bool:
    """A venue noun right after the name ("Zaventem airport", "Bataclan concert hall")."""
    for index in range(end, min(end + 2, len(doc))):
        token = doc[index]
        if _is_venue_noun(token) and token.text.islower():
            return True
        if not (token.pos_ in {"NOUN", "ADJ"} and token.text.islower()):
            return False
    return False


#: Prepositions after which a bare proper name is a place ("in Leibnitz", "near Graz").
LOCATIVE_PREPOSITIONS = {"in", "near", "outside", "around", "across", "throughout", "within",
                         "towards", "toward", "inside", "into"}


def _venue_end(doc: Doc, end: int) -> int:
    """Where a place's name ends once the venue nouns after it are included ("Maalbeek
    [metro station]"); ``end`` itself when no venue noun follows."""
    for index in range(end, min(end + 3, len(doc))):
        token = doc[index]
        if not (token.text.islower() and token.pos_ in {"NOUN", "ADJ", "PROPN"}):
            break
        if token.lower_ in VENUE_NOUNS and not (
            index + 1 < len(doc) and doc[index + 1].lower_ in VENUE_NOUNS
            and doc[index + 1].text.islower()
        ):
            return index + 1
    return end


#: Verbs of travel: "to X" after them names a destination ("travelling to Bergen").
MOTION_VERBS = {"travel", "fly", "go", "head", "return", "move", "drive", "sail", "commute",
                "come", "evacuate", "relocate", "flee", "emigrate", "deport", "transfer",
                "airlift", "ferry", "bus", "walk", "run", "ride", "journey", "divert"}

DIRECTIONS = {"northern", "southern", "eastern", "western", "central", "north", "south",
              "east", "west", "northeastern", "northwestern", "southeastern", "southwestern"}
AREA_NOUNS = {"parts", "part", "outskirts", "centre", "center", "heart", "edge", "capital",
              "suburbs", "north", "south", "east", "west", "parish", "municipality", "commune",
              "province", "county", "borough", "canton", "region", "state", "city", "town",
              "village", "island"}
#: "Shares in X", "a stake in X": after these, "in" names a company, not a place.
FINANCIAL_NOUNS = {"shares", "share", "stake", "stakes", "investment", "investors", "holding",
                   "interest", "trading", "stock"}


def _place_cue(doc: Doc, start: int, end: int, label: str = "") -> bool:
    """Words around the name that say it is a place: "in X", "near X", "southern X", "the
    village of X", "parts of X", "Graz and X" (coordinated with a place); "in the X" when
    spaCy reads X as a country or city ("in the Netherlands")."""
    if end < len(doc) and doc[end].lower_ in {"'s", "’s"}:
        return False
    index = start - 1
    if label == "GPE" and index > 0 and doc[index].lower_ == "the":
        index -= 1
    while index >= 0 and doc[index].lower_ in DIRECTIONS:
        if index == start - 1:
            return True
        index -= 1
    if index < 0:
        return False
    word = doc[index].lower_
    if word in LOCATIVE_PREPOSITIONS:
        return not (index > 0 and doc[index - 1].lower_ in FINANCIAL_NOUNS)
    if word == "between" and end + 1 < len(doc) and doc[end].lower_ == "and":
        return True  # "trains between Copenhagen and Aarhus"
    if word == "to" and index > 0 and doc[index - 1].lemma_.lower() in MOTION_VERBS:
        return True  # "travelling to Bergen", "flew to Graz"
    if word == "and" and index > 1 and doc[index - 2].lower_ == "between":
        return True
    if word == "of" and index > 0 and (
        (_is_venue_noun(doc[index - 1]) or doc[index - 1].lower_ in AREA_NOUNS)
        and doc[index - 1].text.islower()
    ):
        return True
    return word in {"and", "or"} and index > 0 and doc[index - 1].ent_type_ in {"GPE", "LOC"}


def _fix_kind(doc: Doc, start: int, end: int, kind: str) -> str:
    """Correct spaCy's type from the words around the name."""
    if kind not in NAME_KINDS:
        return kind
    foreign = _foreign_kind(doc, start, end)
    if foreign:
        return foreign
    if _based_after(doc, end):
        return "place"
    last = doc[end - 1].lower_
    head = _head_before_of(doc, start, end)
    if head in ORGANIZATION_NOUNS and kind == "organization" and doc[start].text[:1].isupper():
        return kind  # "the Council of State", "Bank of X": the body, not the place after "of"
    if kind != "place" and (_venue_after(doc, end) or (end - start > 1 and last in VENUE_NOUNS
                                                      and last not in ORGANIZATION_NOUNS)):
        return "place"
    if kind != "place" and head in VENUE_NOUNS and head not in _ORGANIZATION_NOUNS_AND_CHURCH:
        return "place"  # "the Regional Hospital of X", "the Port of Y" (not "Church of X")
    org_name = end - start > 1 and last in ORGANIZATION_NOUNS and doc[end - 1].text[:1].isupper()
    if kind == "person" and org_name:
        return "organization"  # "Civil Protection Department", "Bergen Fire Service"
    before = _role_words_before(doc, start)
    head = before[0] if before else None
    # "her husband X" names a person, but the adjective in "the national X Department" does not
    if head in PERSON_NOUNS and kind != "person" and not org_name and (
        doc[start - 1].pos_ != "ADJ"
    ) and all(doc[i].pos_ == "PROPN" for i in range(start, end)):
        return "person"
    if kind == "person" and head not in PERSON_NOUNS and any(
            word in ORGANIZATION_NOUNS for word in before):  # not "council *leader* X"
        return "organization"
    if kind in {"place", "organization"} and doc[start].lower_ == "place" and end - start > 1:
        return "place"
    return kind


#: Verbs of saying after which a pronoun tells a person ("he", "she") from a body ("it").
_SAYING_VERBS = frozenset({"say", "announce", "confirm", "add", "warn", "insist", "deny",
                           "state", "tell"})


def _said_of_a_thing(doc: Doc, end: int) -> bool:
    """"X, which employs 2,300 people", "X has said it will appeal": a person would be
    "who" and "he" or "she", so X is a body spaCy took for a person."""
    if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ == "which":
        return True
    at = end + (end < len(doc) and doc[end].lower_ in {"has", "had", "have"})
    return at + 1 < len(doc) and doc[at].lemma_ in _SAYING_VERBS and (
        doc[at + 1].lower_ in {"it", "its"})


def _based_after(doc: Doc, end: int) -> bool:
    """"Oulu-based", "a Lyon-based carmaker": what a company is based in is a place."""
    return end + 1 < len(doc) and doc[end].text in {"-", "–"} and doc[end + 1].lower_ == "based"


def _head_before_of(doc: Doc, start: int, end: int) -> str | None:
    """The noun a name is built on when "of" follows it ("Regional [Hospital] of X")."""
    for index in range(start + 1, end - 1):
        if doc[index].text == "of":
            return doc[index - 1].lower_
    return None


def _foreign_kind(doc: Doc, start: int, end: int) -> str | None:
    """The kind a name's own words give in another language: a first word such as "Cerro"
    (a hill) or "Estádio" makes a place, "Minera" or "Ministerio" an organisation, and so does
    a legal-form ending ("Oyj", "S.A."). spaCy, trained on English, often reads such a name as
    a person."""
    if end - start < 2:
        return None
    first = doc[start].text
    if first[:1].isupper() and first.lower() in FOREIGN_PLACE_HEADS:
        return "place"
    if first[:1].isupper() and first.lower() in FOREIGN_ORGANIZATION_HEADS:
        return "organization"
    if doc[end - 1].text in CORPORATE_SUFFIXES:
        return "organization"
    return None


def _is_acronym(token: Token) -> bool:
    return 2 <= len(token.text) <= 8 and token.text.isupper() and token.text.isalpha()


#: Words that introduce the initials of a name after a comma ("known by its Dutch initials").
_ACRONYM_LEADS = {"known", "abbreviated", "shortened"}


def _acronym_after(doc: Doc, end: int) -> str | None:
    """The initials news text gives right after a name, "Danish State Railways (DSB)" or "the
    Authority, known by its Dutch initials NVWA": an alias of the name even when its letters
    come from another language's word order ("Portuguese Football Federation (FPF)")."""
    if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")" and (
            _is_acronym(doc[end + 1])):
        return doc[end + 1].text
    if end + 4 < len(doc) and doc[end].text == "(" and doc[end + 4].text == ")" and (
            _is_acronym(doc[end + 1]) and doc[end + 2].text in {"-", "/"}
            and _is_acronym(doc[end + 3])):
        return doc[end + 1 : end + 4].text  # "(NCSC-FI)": initials with a country tag
    if end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ in _ACRONYM_LEADS:
        for token in doc[end + 2 : end + 8]:
            if _is_acronym(token):
                return token.text
            if token.is_punct or (not token.text[:1].islower() and token.pos_ != "ADJ"):
                return None
    return None


def _is_title_fragment(doc: Doc, start: int, end: int) -> bool:
    """A single capitalised title word spaCy took for a name ("Interior" in "Interior
    Minister", "State" in "Secretary of State")."""
    return end - start == 1 and _is_title(doc[start])


def _is_title(token: Token) -> bool:
    """"Dr", "Gen." are titles; "DR" and "GEN" in capitals are initials (a broadcaster)."""
    return token.lower_.rstrip(".") in TITLES and not (
        len(token.text) > 1 and token.text.rstrip(".").isupper())


#: A quote mark opens after a non-letter and closes before one: the apostrophe in "airline's"
#: is not a quote, so it cannot wrap the words after it ("headquarters in X") in a "quote".
_SHORT_QUOTE = re.compile(r"(?<!\w)[‘“\"']([^‘’“”\"]{1,40})[’”\"'](?!\w)")


def _short_quotes(text: str) -> list[tuple[int, int]]:
    """Where the short quoted phrases of a paragraph's ``text`` are (once per paragraph)."""
    return [(match.start(), match.end()) for match in _SHORT_QUOTE.finditer(text)
            if len(match.group(1).split()) <= 5]


def _in_short_quote(quotes: list[tuple[int, int]], start_char: int, end_char: int) -> bool:
    """Names inside a short quoted phrase are usually a slogan or a title, not a mention."""
    return any(start < start_char and end_char <= end for start, end in quotes)


def _unlabelled_names(doc: Doc) -> list[tuple[int, int, str]]:
    """Capitalised names spaCy missed whose neighbours say what they are: a venue noun after
    ("the Stade de France stadium"), an organisation noun before ("the Swedish operator X"),
    or an apposition ("X, the Lisbon sports daily,")."""
    found: list[tuple[int, int, str]] = []
    # entity type and POS of every token read at once: most tokens are not unlabelled proper
    # nouns, and need no Token object to tell
    rows = doc.to_array([ENT_TYPE, POS]).tolist() if len(doc) else []
    index = 0
    while index < len(doc):
        ent_type, pos = rows[index]
        if ent_type or pos != PROPN:
            index += 1
            continue
        token = doc[index]
        if not _is_name_token(token):
            index += 1
            continue
        end = index + 1
        while end < len(doc) and (
            (doc[end].pos_ == "PROPN" and _is_name_token(doc[end]) and not doc[end].ent_type_)
            or (doc[end].lower_ in NAME_PARTICLES and end + 1 < len(doc)
                and _is_name_token(doc[end + 1]))
            or (doc[end - 1].lower_ in NAME_PARTICLES and _is_name_token(doc[end]))
        ):
            end += 1
        if _foreign_kind(doc, index, end):
            kind = _foreign_kind(doc, index, end)  # "outside the Estádio do X"
        elif _based_after(doc, end):
            kind = "place"  # "Oulu-based"
        elif token.is_sent_start:
            kind = _kind_after(doc, end)  # only an apposition vouches for a sentence's first word
        elif _venue_after(doc, end):
            kind = "place"
        elif doc[index - 1].lower_ in ORGANIZATION_NOUNS and doc[index - 1].pos_ == "NOUN" and (
                doc[index - 1].text.islower()):
            kind = "organization"
        else:
            kind = _kind_after(doc, end)
        if kind:
            found.append((index, end, kind))
        index = end
    return found


#: Labels spaCy sometimes gives a place's name ("the Main Market Square" as a law).
MISREAD_LABELS = {"LAW", "WORK_OF_ART", "PRODUCT", "EVENT"}


def _misread_places(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Places inside a span labelled a law, a work of art, a product or an event: a name
    whose last word is a venue noun ("the Main Market Square", "Kolonaki Street"), or names
    joined by "and" where the words before say places ("between Graz and X")."""
    while start < end and doc[start].lower_ == "the":
        start += 1
    parts: list[tuple[int, int]] = []
    first = start
    for index in range(start, end + 1):
        if index == end or doc[index].lower_ in {"and", ","}:
            parts.append((first, index))
            first = index + 1
    if not all(p_end > p_start and _is_name_token(doc[p_start]) and all(
            _is_name_token(t) or t.lower_ in NAME_PARTICLES for t in doc[p_start:p_end])
            for p_start, p_end in parts):
        return []
    if len(parts) == 1:
        last = doc[end - 1]
        if _based_after(doc, end):
            return parts  # "the Kuopio-based company", which spaCy calls a product
        return parts if end - start > 1 and last.lower_ in VENUE_NOUNS else []
    return parts if _place_cue(doc, *parts[0]) else []


def extract_mentions(doc: Doc, offset: int = 0) -> list[Mention]:
    """Clean mentions from one spaCy ``Doc`` whose text starts at ``offset`` in the body."""
    # ``doc.text`` is rebuilt from every token on each use: read it once per paragraph
    text_of_doc = doc.text
    dateline_end = _dateline_end(text_of_doc)
    ents = doc.ents  # a new Span per entity on every read
    norp_words = {ent.text.lower() for ent in ents if ent.label_ == "NORP"}
    mentions: list[Mention] = []
    quotes: list[tuple[int, int]] | None = None
    for start, end, kind in _unlabelled_names(doc):
        if kind == "place" and _venue_after(doc, end):
            full = doc[start:_venue_end(doc, end)]
            mentions.append(Mention(full.text, "place", "FAC", offset + full.start_char,
                                    offset + full.end_char, short_form=doc[start:end].text))
        else:
            span = doc[start:end]
            mentions.append(Mention(span.text, kind, "", offset + span.start_char,
                                    offset + span.end_char, kind_cue=kind))
    covered = 0  # tokens before this index already belong to a name grown over "and"
    for ent in ents:
        if ent.start < covered:
            continue
        if ent.label_ in MISREAD_LABELS:
            if quotes is None:
                quotes = _short_quotes(text_of_doc)
            if not _in_short_quote(quotes, ent.start_char, ent.end_char):
                for start, end in _misread_places(doc, ent.start, ent.end):
                    span = doc[start:end]
                    mentions.append(Mention(span.text, "place", "FAC", offset + span.start_char,
                                            offset + span.end_char, place_cue=True))
        elif ent.label_ in {"ORG", "PERSON", "FAC"} and any(t.lower_ == "and" for t in ent):
            parts = _misread_places(doc, ent.start, ent.end)
            if len(parts) > 1:  # "the ports of A and B", which spaCy reads as one company
                for start, end in parts:
                    span = doc[start:end]
                    mentions.append(Mention(span.text, "place", "GPE", offset + span.start_char,
                                            offset + span.end_char, place_cue=True))
                continue
        kind = LABEL_KIND.get(ent.label_)
        if kind is None:
            continue
        if kind not in NAME_KINDS:
            text = ent.text.strip()
            if text:
                mentions.append(
                    Mention(text, kind, ent.label_, offset + ent.start_char, offset + ent.end_char)
                )
            continue
        bounds = _trim(ent, kind)
        if bounds is None:
            continue
        start, end = bounds
        if kind == "person":
            start, end = _extend_person(doc, start, end)
        end = _extend_over_particle(doc, end)
        if kind == "organization":
            end = _extend_over_and(doc, start, _extend_over_of(doc, end))
            covered = end
        if _is_title_fragment(doc, start, end):
            continue
        span = doc[start:end]
        text = span.text
        for suffix in POSSESSIVE_SUFFIXES:
            if text.endswith(suffix) and len(text) > len(suffix) + 1:
                text = text[: -len(suffix)]
                break
        if not any(ch.isalpha() for ch in text):
            continue
        if text.rsplit(None, 1)[-1] in LAW_WORDS and " " in text.strip():
            continue  # "the Investment Canada Act": a law, not the body that passed it
        if kind == "person" and _looks_like_group(text, norp_words):
            mentions.append(Mention(text, "group", "NORP", offset + span.start_char,
                                    offset + span.start_char + len(text)))
            continue
        if end - start == 1 and (not _is_name_token(doc[start]) or _capitalised_common_noun(
                doc[start])):
            continue
        if quotes is None:
            quotes = _short_quotes(text_of_doc)
        if _in_short_quote(quotes, span.start_char, span.end_char):
            continue
        kind = _fix_kind(doc, start, end, kind)
        if kind == "person" and text.isupper() and len(text) > 1:
            kind = "organization"  # an acronym ("SCCU") is not a person's name
        if kind == "place" and ent.label_ == "ORG" and _acronym_after(doc, end):
            # "the National Cyber Security Centre (NCSC)": a body known by its initials, not
            # the building its last word names
            kind = "organization"
        cue = _place_cue(doc, start, end, ent.label_) or (kind == "place" and _venue_after(
            doc, end))  # "X airport", "the X piers": as sure a sign as "in X"
        appositive = (_apposition_kind(doc, start, end, dateline_end)
                      or _role_noun_cue(doc, start, end)
                      or (kind == "person" and _said_of_a_thing(doc, end) and "organization"))
        if appositive:
            kind = appositive
        if kind == "place" and text == span.text:
            venue_end = _venue_end(doc, end)
            if venue_end > end:
                full = doc[start:venue_end]
                mentions.append(Mention(full.text, kind, ent.label_,
                                        offset + full.start_char, offset + full.end_char,
                                        place_cue=cue, short_form=text))
                continue
        mentions.append(
            Mention(text, kind, ent.label_, offset + span.start_char,
                    offset + span.start_char + len(text), place_cue=cue, kind_cue=appositive,
                    acronym=_acronym_after(doc, end) if kind != "person" else None)
        )
    mentions = _join_particles(_drop_venue_fragments(mentions), text_of_doc, offset)
    mentions = _bracketed_names(mentions, text_of_doc, offset)
    _link_conjuncts(mentions, text_of_doc, offset)
    return mentions


_BRACKET = re.compile(r"\s*\(([^()]{2,80})\)")
_BRACKET_WORD = re.compile(r"[A-ZÀ-ÖØ-Þ][\w.&'’-]*")


def _bracketed_names(mentions: list[Mention], text: str, offset: int) -> list[Mention]:
    """Names in brackets right after an organisation are its other names: the name in its
    own language or its initials ("the Council of State (Raad van State)", "the Central
    Association of X (Zentralverband der X, ZDS)"). They become aliases, not names of their
    own that spaCy would type at random (a Dutch court read as a person)."""
    kept: list[Mention] = []
    inside: tuple[int, int] | None = None
    for mention in sorted(mentions, key=lambda m: m.start):
        if inside and inside[0] <= mention.start and mention.end <= inside[1]:
            continue
        kept.append(mention)
        if mention.kind != "organization":
            continue
        match = _BRACKET.match(text, mention.end - offset)
        if not match:
            continue
        parts = [part.strip() for part in match.group(1).split(",")]
        if not all(part and all(_BRACKET_WORD.fullmatch(word) or word in NAME_PARTICLES
                                for word in part.split()) and part[0].isupper()
                   for part in parts):
            continue
        mention.other_names = parts
        inside = (offset + match.start(1), offset + match.end(1))
    return kept


_LIST_SEPARATORS = {",", "and", "or", ", and", ", or"}


def _link_conjuncts(mentions: list[Mention], text: str, offset: int) -> None:
    """Note which names stand side by side in a list ("to Cuglieri and X", "A, B or C")."""
    names = [m for m in mentions if m.kind in NAME_KINDS]
    for before, after in pairwise(names):
        between = text[before.end - offset : after.start - offset]
        if " ".join(between.split()) in _LIST_SEPARATORS:
            before.conjuncts.append(after.text)
            after.conjuncts.append(before.text)


def _join_particles(mentions: list[Mention], text: str, offset: int) -> list[Mention]:
    """Two names joined by a lower-case name particle are one name: spaCy splits "Santa
    Caterina di Pittinuri" and "Castillo de San Marcos" at "di"/"de"."""
    joined: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: m.start):
        if joined:
            before = joined[-1]
            between = text[before.end - offset : mention.start - offset]
            if (before.kind in NAME_KINDS and mention.kind in NAME_KINDS
                    and between.strip() in NAME_PARTICLES and between.strip().islower()
                    and between.startswith(" ") and between.endswith(" ")):
                kind = "place" if "place" in {before.kind, mention.kind} else before.kind
                joined[-1] = Mention(
                    text[before.start - offset : mention.end - offset], kind, before.label,
                    before.start, mention.end, place_cue=before.place_cue or mention.place_cue,
                    kind_cue=before.kind_cue)
                continue
        joined.append(mention)
    return joined


#: Common nouns that make an apposition name a place ("Kastrup, a suburb of...").
PLACE_APPOSITION_NOUNS = {
    "town", "city", "village", "suburb", "district", "region", "province", "county", "state",
    "country", "capital", "island", "port", "resort", "municipality", "parish", "hamlet",
    "neighbourhood", "neighborhood", "area",
}


def _noun_kind(token: Token, venues: bool = False) -> str | None:
    """The kind of name a common noun describes: a person ("president", "coach", "nurse"),
    an organisation ("club", "daily") or a place ("town", "suburb")."""
    lemma = token.lemma_.lower()
    if lemma in PLACE_APPOSITION_NOUNS:
        return "place"
    if lemma in ORGANIZATION_NOUNS:
        return "organization"
    if lemma in PERSON_NOUNS or is_person_noun(lemma):
        return "person"
    if venues and lemma in _APPOSITION_VENUES:
        return "place"  # "X, the square in front of city hall" (not "the stadium, X said")
    return None


#: Venue nouns that mostly modify another noun ("the football club", "the bus driver").
VENUE_MODIFIERS = {"concert", "football", "bus", "train", "tram", "railway", "underground",
                   "metro", "line", "track", "field", "ground", "base", "camp", "stop"}
#: Venue nouns that make an apposition name a place.
_APPOSITION_VENUES = VENUE_NOUNS - ORGANIZATION_NOUNS - VENUE_MODIFIERS


def _apposition_kind(doc: Doc, start: int, end: int, dateline_end: int | None = None
                     ) -> str | None:
    """The kind an apposition next to the name states: "X, 58, the president of Cávado",
    "X, a councillor for...", "the club's coach, X" (a person); "X, the Lisbon sports daily"
    (an organisation); "X, a hill town in..." (a place). ``dateline_end`` is
    ``_dateline_end`` of the paragraph, which the caller reads once for all its names."""
    if start >= 2 and doc[start - 1].lower_ in {"in", "of"} and (
            doc[start - 2].lower_ in FINANCIAL_NOUNS):
        return "organization"  # "shares in Cávado"
    if start >= 2 and doc[start - 1].lower_ == "on" and doc[start - 2].lemma_ in LISTING_VERBS:
        return "organization"  # "listed on X": a stock exchange, not the city in its name
    if _member_of(doc, start):
        return "organization"
    if dateline_end is None:
        dateline_end = _dateline_end(doc.text)
    if _is_dateline(doc, end, dateline_end):
        return "place"
    after = _kind_after(doc, end)
    if after is not None:
        before = _role_noun_kind(doc, start)
        return before if before and before != after else after
    return _kind_before(doc, start)


def _role_noun_kind(doc: Doc, start: int) -> str | None:
    """The kind the common noun right before a name gives ("the copper company X"): it is
    bound tighter than an apposition after the name, whose noun may be vaguer ("X, the world's
    largest producer of copper" reads as a person)."""
    start = _past_name_article(doc, start)
    if start < 1:
        return None
    token = doc[start - 1]
    if token.pos_ != "NOUN" or not token.text.islower():
        return None
    return _noun_kind(token)


def _past_name_article(doc: Doc, start: int) -> int:
    """Where a name starts if "The" before it belongs to it: "the daily *The* Assam Tribune"
    (a role noun, then the name's own article)."""
    if start >= 2 and doc[start - 1].lower_ == "the" and doc[start - 2].tag_ == "NN":
        return start - 1
    return start


def _role_noun_cue(doc: Doc, start: int, end: int) -> str | None:
    """The organisation noun right before a proper name states its kind ("the consumer
    association X", "the ad-tech firm X") as firmly as an apposition: it outweighs
    what spaCy guessed for the same name elsewhere ("X is the subject of...")."""
    if not all(doc[i].pos_ == "PROPN" for i in range(start, end)):
        return None
    before = _past_name_article(doc, start)
    if before < 1 or doc[before - 1].tag_ != "NN":
        return None
    kind = _role_noun_kind(doc, start)
    # only organisations: a person's role nouns are vague ("producer"), venue nouns name
    # bodies too ("the psychotherapy centre X")
    return kind if kind == "organization" else None


#: "Listed on X", "trades on X": X is an exchange.
LISTING_VERBS = {"list", "trade", "float", "delist", "quote"}


def _member_of(doc: Doc, start: int) -> bool:
    """"A councillor for the X", "a spokesman for the X": the body a person speaks or sits
    for is an organisation (not "the mayor of X", a place)."""
    if start < 3 or doc[start - 1].lower_ != "the" or doc[start - 2].lower_ != "for":
        return False
    noun = doc[start - 3]
    return noun.pos_ == "NOUN" and _noun_kind(noun) == "person"


def _dateline_end(text: str) -> int:
    """Where the news dateline opening a paragraph's ``text`` ends; -1 when there is none."""
    match = DATELINE.match(text)
    return match.end() if match is not None else -1


def _is_dateline(doc: Doc, end: int, dateline_end: int) -> bool:
    """A name inside the news dateline that opens a paragraph ("BRAGA, Portugal —");
    ``dateline_end`` is where the paragraph's dateline ends, -1 when it has none."""
    if dateline_end < 0:
        return False
    last = doc[end - 1]
    return last.idx + len(last.text) <= dateline_end


def _kind_after(doc: Doc, end: int) -> str | None:
    if end + 2 >= len(doc) or doc[end].text != ",":
        return None
    index = end + 1
    if doc[index].like_num and doc[index + 1].text == ",":
        return "person"  # "Helena Vasconcelos, 58,"
    if doc[index].pos_ == "PROPN" and index + 2 < len(doc) and doc[index + 1].tag_ == "POS":
        index += 1  # "X, Chile's national police force": a possessive name is a determiner
    elif doc[index].pos_ != "DET":
        return None  # "Nato, mourners returned": a new clause, not an apposition
    head = None
    for token in doc[index + 1 : index + 8]:
        if token.tag_ == "POS":
            head = None  # "the airline's chief executive": the possessor is not the head
        elif token.pos_ == "NOUN":
            head = token
        elif token.pos_ not in {"ADJ", "PROPN", "NUM", "ADV"} and token.text not in {"-", "–"}:
            break
    for token in doc[index:]:
        if token.is_punct and token.text not in {"-", "–", "'", "’"}:
            break
        if token.tag_ in {"WDT", "WP"}:
            break  # "X, the company that owns Y": a relative clause belongs to the apposition
        if token.tag_ in {"VBD", "VBZ", "VBP", "MD"}:
            return None  # "X, a spokeswoman for the hospital said": a new clause
    return _noun_kind(head, venues=True) if head is not None else None


def _kind_before(doc: Doc, start: int) -> str | None:
    if start >= 1 and doc[start - 1].lower_ == "the":
        start -= 1  # "the hospital's operator, the X Services County": "the" opens the name
    if start < 2 or doc[start - 1].text != "," or doc[start - 2].pos_ != "NOUN":
        return None
    # "the club's coach, Sérgio Amaral" — but not a list ("clubs, X and Y")
    if any(t.pos_ == "DET" or t.tag_ == "POS" for t in doc[max(0, start - 5) : start - 2]):
        return _noun_kind(doc[start - 2])
    return None


def _drop_venue_fragments(mentions: list[Mention]) -> list[Mention]:
    """When an unlabelled-venue mention and an NER mention cover the same words, keep one."""
    kept: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if kept and mention.start < kept[-1].end and kept[-1].kind == "place" and (
            mention.kind in NAME_KINDS
        ):
            continue
        kept.append(mention)
    return kept


def _looks_like_group(text: str, norp_words: set[str]) -> bool:
    """"Belgians" tagged as a person is a nationality in the plural."""
    lowered = text.lower()
    return " " not in lowered and any(
        lowered.startswith(word) and lowered.endswith("s") for word in norp_words
    )
