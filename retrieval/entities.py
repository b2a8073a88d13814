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

from retrieval.entity_kinds import (
    apposition_kind,
    based_after,
    dateline_end_of,
    fix_kind,
    foreign_kind,
    kind_after,
    place_cue,
    role_noun_cue,
    said_of_a_thing,
    venue_after,
)
from retrieval.entity_merge import merge_mentions
from retrieval.entity_records import Entity, Mention
from retrieval.entity_rules import (
    DASHES,
    DEMONYM_NOUNS,
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

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["Entity", "Mention", "extract_mentions", "merge_mentions"]


def _is_name_token(token: Token) -> bool:
    text = token.text
    return bool(text) and (text[0].isupper() or text[0].isdigit())


#: Word sets the rules test against, built once (a set union per test costs more than it).
_FRAGMENT_BREAKS = DASHES | {"("}
_ROLE_NOUNS = ORGANIZATION_NOUNS | PERSON_NOUNS


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
        if foreign_kind(doc, index, end):
            kind = foreign_kind(doc, index, end)  # "outside the Estádio do X"
        elif based_after(doc, end):
            kind = "place"  # "Oulu-based"
        elif token.is_sent_start:
            kind = kind_after(doc, end)  # only an apposition vouches for a sentence's first word
        elif venue_after(doc, end):
            kind = "place"
        elif doc[index - 1].lower_ in ORGANIZATION_NOUNS and doc[index - 1].pos_ == "NOUN" and (
                doc[index - 1].text.islower()):
            kind = "organization"
        else:
            kind = kind_after(doc, end)
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
        if based_after(doc, end):
            return parts  # "the Kuopio-based company", which spaCy calls a product
        return parts if end - start > 1 and last.lower_ in VENUE_NOUNS else []
    return parts if place_cue(doc, *parts[0]) else []


def extract_mentions(doc: Doc, offset: int = 0) -> list[Mention]:
    """Clean mentions from one spaCy ``Doc`` whose text starts at ``offset`` in the body."""
    # ``doc.text`` is rebuilt from every token on each use: read it once per paragraph
    text_of_doc = doc.text
    dateline_end = dateline_end_of(text_of_doc)
    ents = doc.ents  # a new Span per entity on every read
    norp_words = {ent.text.lower() for ent in ents if ent.label_ == "NORP"}
    mentions: list[Mention] = []
    quotes: list[tuple[int, int]] | None = None
    for start, end, kind in _unlabelled_names(doc):
        if kind == "place" and venue_after(doc, end):
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
        kind = fix_kind(doc, start, end, kind)
        if kind == "person" and text.isupper() and len(text) > 1:
            kind = "organization"  # an acronym ("SCCU") is not a person's name
        if kind == "place" and ent.label_ == "ORG" and _acronym_after(doc, end):
            # "the National Cyber Security Centre (NCSC)": a body known by its initials, not
            # the building its last word names
            kind = "organization"
        cue = place_cue(doc, start, end, ent.label_) or (kind == "place" and venue_after(
            doc, end))  # "X airport", "the X piers": as sure a sign as "in X"
        appositive = (apposition_kind(doc, start, end, dateline_end)
                      or role_noun_cue(doc, start, end)
                      or (kind == "person" and said_of_a_thing(doc, end) and "organization"))
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
