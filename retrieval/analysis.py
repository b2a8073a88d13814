"""Running spaCy over an article: sentences with exact offsets, index terms, NER spans and
the cleaned entity list, as plain data that the store persists (so spaCy never runs twice)."""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import re
import signal
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import chain
from typing import TYPE_CHECKING, Any

from retrieval.article_text import ParsedArticle
from retrieval.entities import Entity, Mention, extract_mentions, merge_mentions
from retrieval.fast_pipes import fast_components, run_components
from retrieval.literal_search import NO_WORD_AFTER, NO_WORD_BEFORE, starts_of
from retrieval.tokens import (
    SPACE_COLUMN,
    normalise_rows,
    phrasal_verb_rows,
    token_rows,
)

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: Pronouns and determiners that make a sentence lean on the one before it
#: ("He rented...", "The raids came...").
#: The version of the rules that turn text into stored sentences, terms, spans and entities.
#: Bump it whenever they change: stored articles are then analysed again on start.
#: 2: content words on spaCy's stop list became terms; entity rules of session 3.
#: 3: entity rules, round three (brackets, plural venues, WordNet places, hyphens, 'for the').
#: 4: "own" and "top" became terms ("who owns the bridge").
#: 5: hyphenated given names stay whole ("Park Ji-hoon").
#: 6: laws ("X Act") are no entities; "the daily The X" is an organisation.
#: 7: a plural common noun opening a sentence ("Cranes stood still") is no name.
#: 8: "X said it", "X, which": X is a body, not a person.
#: 9: the dates list holds points in time; "Founded in 2017, X", "the offices of X", "X
#:    reported revenue" make X a body; a tie between kinds goes to the first mention's;
#:    aliases are names the text uses (no "SEOUL" beside "Seoul").
#: 10: a state is no short name of an agency named after it ("Iowa Department of
#:    Transportation"); "Mississippi" joins "Mississippi River", "Siaya" "Siaya County";
#:    "the Pacific coast" is the Pacific; a place named only in a dateline's capitals is
#:    shown in ordinary case.
#: 11: index terms: a verb spaCy lemmatised without its final "e" gets it back ("fined" →
#:    "fine", not "fin"; "hoped" → "hope"; "dining" → "dine").
#: 12: "the U.S. Chemical Safety and Hazard Investigation Board" is one body, not two halves.
#: 13: "a nurse from X": X is a place; a one-word "person" listed with organisations is one.
#: 14: initials of lower-case words ("measles, mumps and rubella (MMR)") are no name; a name
#:    glued to a comma and more letters ("RTS,S") is a fragment; "the Pharmacy and X Board"
#:    is one body when spaCy starts it at its second field; "the Des Moines River" is a river;
#:    "U.S. Highway 61" keeps its number; a title (WordNet: a common noun for a person,
#:    "Sheriff") is no part of a name, nor of the span before the person it belongs to; a
#:    bare name joins only "<name> River/County", not any longer name it starts; "the town
#:    of X" states a place as an apposition does; "off X" is a place, also when spaCy calls
#:    X an event or a product; "X is a mountain range" states a place (or a body); "according
#:    to the X Centre" is a body; "Lisbon police" is one body.
#: 15: index terms: a stop word used as a noun is one ("the *mine*", "an oil *well*").
#: 16: "X, in western Y," and "X, 90 km east of Y," state a place; "the town of X" also for
#:    names spaCy left unlabelled; "the X District Court" read as a facility is a body;
#:    initials make a body only of a name whose last word can name one (not "X Hospital
#:    (XH)"); "the newspaper de X" keeps its article; "the Turkish Red Crescent" is one
#:    name; "the X site" is a place.
#: 17: a body spaCy cut at "of" takes the name after it ("the Archive of" + "Tulin"); a
#:    body does not run on over "in" and a place WordNet knows ("X Securities in Montreal");
#:    a term WordNet knows as no person ("Bronze Age") is no person; "BC" is no body;
#:    "in the X" is a place when spaCy calls X a language.
#: 18: "Town, Country" read as one name is two places; a lower-case administrative noun
#:    ("Tochigi prefecture", "the X region") makes a place but is no part of its name; "the
#:    Japanese Alps" keeps its nationality; "X Energy Consortium" is a body whatever noun
#:    stands in apposition before it; the capitalised words before an age (", 63,") are
#:    one person's name, however spaCy cut them; a word WordNet knows only as a language
#:    and its people ("Quechua") is no place nor body; "the communities of X and Y" (and
#:    other plural area nouns before "of") are places; a title inside a person's span
#:    ("X Fire Chief Jane Doe") starts the name after it.
#: 19: "X-la-Y" is one name; "from A and the B" lists B with A; "a lawyer for X, Y, told"
#:    makes Y a person; "a unit of the X" a body; "crossing the X" a sea when spaCy calls X
#:    a nationality; "the X and Y departments" are places; "X County State Attorney's
#:    Office" is one body; brackets may hold a name in another language; an unlabelled
#:    name ending in a venue noun ("the 52nd Air Force Base") is a place; "Quai"/"Rue"
#:    open places; "University Hospital Centre X" is a place; "in the X Channel" a waterway.
#: 20: "X Y, who heads..." makes X Y a person; a title inside a span ("Kudus Regent Joko
#:    Widarto", read as a body) starts the person's name, and a word WordNet knows only as a
#:    common noun for a person ("Regent") is such a title; a lower-case settlement noun
#:    ("X village") is no part of the name; "the Forestry, Fisheries and Maritime Agency" is
#:    one body, its fields listed with commas; a word capitalised only where sentences open
#:    and written in lower case elsewhere in the article is no name.
#: 21: index terms without accents ("grêmio" → "gremio"), as questions are read, so that a
#:    name typed without its accents finds the article.
#: 22: entity rules of the ninth round: a compass word before an administrative noun ends a
#:    province's name; "[the City of] [X Council]" is one body; a nationality after "the
#:    X-based" opens a body's name; a body's name less its last word, a first surname alone
#:    and the word after "de" alone are aliases; "farm", "substation" (venues) and
#:    "consultancy" (a body); names read as events before a venue noun, as nationalities
#:    before a landform or known only as places, opening with "Upper"/"Lower", in a range
#:    "from A to X", in "the Paris suburb of X" and after "a body in" are places; a title
#:    opening a work-of-art span starts a person's name; a portfolio before "Minister" is
#:    no body; a "Centre" that says something is the body.
#: 23: a preposition opening a sentence is no part of a place ("Outside City Hall,"); a name
#:    may open with a lower-case prefix ("eThekwini"); letter-digit codes before a noun are
#:    no names ("the H5N1 virus"); adjectives in a portfolio ("Federal Energy Minister");
#:    "utility" names a body; names listed after a plural place noun ("the townships of A and
#:    B") are places; a role without an article ("X, director of Y") makes a person; a name
#:    before "-based" stays a place in an apposition.
#: 24: a verb spaCy's rules could not lemmatise ("scammed" → "scamme") gets WordNet's lemma
#:    ("scam"), undoing a doubled consonant.
#: 25: a person introduced as one ("X, 53,", "X, a former trader,") is not taken for an
#:    institution because spaCy read their surname alone as a place.
#: 26: a place named with "and" that WordNet knows whole ("Antigua and Barbuda") is one
#:    place; a name right after "X-based" names a body; "Maison" opens a company's name.
#: 27: names listed before "divisions" (and other plural areas) are places even when WordNet
#:    also knows one as a common word; "X, about 160 kilometres to the south," is a place; a
#:    body's name grows over "and" and a field WordNet also knows as a proper name ("Mass").
#: 28: "the X Y Council" / "the X Chamber of Commerce and Industry" that spaCy left
#:    unlabelled is a body (over "of" and "and", across "Anti-Money").
#: 29: a name spaCy reads as a nationality after "the X suburb of" or before "port" is a
#:    place, and so is one it reads as a person after "through the" (and other prepositions
#:    of place).
#: 30: "his brother-in-law, X" and "his wife, X" make a person; a legal form (now also
#:    "Sdn Bhd", "Berhad", "OOD", "EOOD", ...) outweighs an apposition's person noun ("X Ltd, an
#:    aircraft lessor"); "X's chief executive" makes a body; Malaysian honorifics ("Datuk")
#:    are titles.
#: 31: a company named with and without its legal form ("Kinabalu Air" / "... Sdn Bhd") is
#:    one entity.
#: 32: a name spaCy ended on its foreign first word ("[Universidad] Mayor de San Andrés")
#:    takes the rest; "Cienciano of Cusco" is a club and a place.
#: 33: "a co-author from Kyoto University" is no place cue; "the Sofia daily Sega" names a
#:    paper though spaCy tags "daily" an adjective; "X (Pvt) Ltd" is one company's name.
#: 34: the towns a route runs between, to or from are places, but "talks between A and B"
#:    no longer make two bodies places; a name spaCy reads as a nationality before "area" is a
#:    place.
#: 35: a family name inside a longer name ("Jeffrey Chong Wei Liang" ... "Chong said") joins
#:    it.
#: 36: a name spaCy reads as a nationality in an apposition that calls it a place ("the
#:    regional capital, Smolyan,") is a place.
#: 37: a company the article names with and without its legal form is listed by the bare
#:    name ("Kinabalu Air", also "Kinabalu Air Sdn Bhd").
#: 38: a body's name without its generic last word is no other name for it when the article
#:    lists that word as a name of its own ("Singapore" of "Singapore Exchange").
#: 39: "the Siles" is the "Estadio Hernando Siles" of the same article.
#: 40: an island WordNet knows ("Borneo") is a known place (WordNet files islands under
#:    land, not location).
#: 41: an unlabelled name inside a longer name is part of it ("[Rodopi] Pat EOOD").
#: 42: a paper or channel named "The X" beside a press noun ("the newspaper The Star", "The
#:    Island newspaper") is a body.
#: 43: "X (FBF), the Bolivian Football Federation," names one body twice.
#: 44: a competition ("Copa Libertadores", "Davis Cup") is an event, not a body.
#: 45: an occurrence of a known name that spaCy missed ("Haug said", opening a sentence)
#:    counts as a mention of its entity, not only as a span.
#: 46: a body's name does not grow over "of" into a titled person ("the X Party of Prime
#:    Minister Y").
#: 47: a name after a press noun that spaCy reads as a work of art is a publication ("the
#:    journal Nature Astronomy").
#: 48: a holiday spaCy reads as a person ("a government by Easter") is a date.
#: 49: initials in brackets say where the name they spell starts ("the Fire Service and
#:    Civil Defence (FSCD)", which spaCy cut at "and").
#: 50: a body's name grows over fields listed with commas ("the Ministry of Health, Labour
#:    and Welfare") and over "on" and the matter it is set up on ("the X Group on Vaccine
#:    Provision").
#: 51: a ship's name ("the cargo ship X") is no person, place or body.
#: 52: the hospital or centre someone works at ("a nurse at X Hospital") is an institution.
#: 53: a name right after a role only a person holds ("Chief executive X") is a person.
#: 54: where a journey goes is a place ("a journey of nine hours to X", "carrying 40
#:    passengers to X"), and where "a mother of four" or "the 24-year-old" comes from.
#: 55: "crater" is a venue noun ("inside X crater").
#: 56: a body within a body ("the Institute of X of the Mongolian Academy of Sciences") names
#:    the outer body too, and the inner body's name is an alias of the whole.
#: 57: a "place" that starts the name of a company introduced before it ("Red River Savings"
#:    ... "Red River shareholders") is the company's short name.
#: 58: a legislature named in an apposition ("the X, Estonia's parliament", "before
#:    parliament, the X") is a body, not a place.
#: 59: a one-word "place" formed on the name of a place the article names ("Kyrgyz" beside
#:    "Kyrgyzstan", "Valencian" beside "Valencia"), only ever before a lower-case noun, is a
#:    people's adjective, not a place or a body.
#: 60: a person named after a title and its portfolio ("Deputy Minister of Culture X Y",
#:    "Commissioner for Health X Y") is X Y, found where spaCy missed the name and cut from
#:    the portfolio's words where spaCy or the person rules ran the name into them.
#: 61: two names spaCy labels alike that touch, a single space apart ("[Peninsular]
#:    [Malaysia]", "[Inés Carrasco] [Villavicencio]"), are one name.
#: 62: the town a dateline in capitals opens with ("ABÉCHÉ, Chad —", "ST. JOHN'S, X —") is
#:    one place, however spaCy labelled its words.
#: 63: session 18's entity round: a body's name not cut at a word that can be a title
#:    ("the Joint Health Sector Unions"); "Co-operation" kept whole; initials spelling a
#:    name from inside spaCy's first piece ("[the X Office] for the [Y] (XOY)"); a body's
#:    name spaCy ended on "and" joined to the next name; a legal form left outside
#:    ("[X Airlines] SA"); "X, known as Y," an alias; named storms as events; a name set
#:    off after a person's role ("the agency's director-general, X Y,") a person; a field
#:    before a country ("Statistics Netherlands") a body.
#: 64: session 19's entity round: a person's name spaCy cut before its last word goes on
#:    over it ("[X Y] [Z]"); a name that owns the noun after it ("Indonesia's minister") is
#:    no member of a list; a plural field ("Fisheries") goes on a body's name over "and";
#:    "the Indonesian X Agency" spaCy left unlabelled is a body; a company called by its
#:    name less its trade and legal form; "plc" in lower case ends a company's name;
#:    "London-listed" / "Dubai-registered" say a place; a ship named with its prefix ("MV
#:    X") is no entity; "the University of X's Institute for Y" two bodies; "chain" an
#:    organisation noun ("the store chain X").
#: 65: a dateline's date run on over its dash ("May 8 - At least 11") is cut at the dash, the
#:    count after it a number of its own.
#: 66: session 20's entity round (probe_articles/ent20): appositions ("a Brno-based law
#:    firm", "one of the world's biggest ports"), examples ("districts such as A and B"),
#:    papers ("X daily reported", "The Hindu reported"), legal forms before a name ("PT X")
#:    and inside a span ("X Ltd for Y"), parties named by a plural ("the Greens"), a
#:    one-word "person" named once with no cue left out, hyphenated prefixes ("Moravian-"),
#:    dateline towns with hyphens ("PORT-AU-PRINCE"), and more (docs/quality.md).
#: 69: session 22's entity round (probe_articles/ent22): names set side by side by commas
#:    alone are an apposition, not a list ("its spokesman in Geneva, X Y, said"); plans and
#:    projects ("the National X Strategy", "Project X") are no body; "unit", "division",
#:    "lessor" organisation nouns; a name ending in a body noun is not made a place by a
#:    list; a bank, corporation, fund, group or company owning a body names two bodies.
#: 71: a plural the tagger took for a verb is indexed as its noun ("countries", not spaCy's
#:    "countrie"; ``tokens.plural_noun``).
#: 72: session 24's entity round (probe_articles/ent24): a name set off after "its/the <role>,"
#:    is a person when WordNet's commonest sense of the role is one ("its chief executive,
#:    X Y,"), unless the role is also a body's noun ("its own distributor, X Y,").
#: 73: offices written as titles before a name ("county assembly Speaker Samuel Tanui",
#:    "Councillor Ann Moyo") are not part of it, nor make it a body.
#: 74: "Skip" is such a title; "Team X" is a team, not a person or a place.
#: 75: session 25's entity round (probe_articles/ent25): "X, a former mission station," is a
#:    place (a station or site with no media word); a country or city is no short form of
#:    a body named after it; "the A and B Community Council" is one body.
#: 76: session 25's second entity round (probe_articles/ent25b): the other side of a match a
#:    club plays ("Chiefs next play X", "lost 3-0 to X") is a club, not a person.
#: 77: session 26's entity round (probe_articles/ent26): a bare name after "a site at" or
#:    "mined at" is a place; "MP", "MEP" and other members' titles in capitals are no part
#:    of a name; natural-feature nouns ("floodplain", "Marshes", "Islands") make places.
#: 78, 79: session 27's entity round (probe_articles/ent27): a one-word "person" never named
#:    in full, and a one-word "place" never put in place that speaks or has shareholders,
#:    are bodies.
#: 80–82: session 28's (probe_articles/ent28): a name after a building noun and "at" is a
#:    place, as is a lone "person" after "at"; "Mines", "Fisheries" end a portfolio.
#: 83–84: session 29's (probe_articles/ent29): a role tied to a body by "in", "at" or "to"
#:    before a name set off by commas makes a person; unlabelled names closing a list after
#:    "and"/"or" take the kind of the name before them. 85: a name after a person's title
#:    stays a person's whatever its last word ("Mayor Edith Marsh").
#: 86–93: session 30's (probe_articles/ent30): "his home town of X" and "the nearby fishing
#:    village of X" make a place, as does an adjective of where before a name ("neighbouring
#:    X", "rural X"); trade nouns before a name say a company ("the drugmaker X", "property
#:    developer X", "the pension fund X"); 92 was a rule tried and reverted.
ANALYSIS_VERSION = 93

ANAPHORIC_STARTS = {
    "he", "she", "it", "they", "his", "her", "its", "their", "this", "these", "those", "that",
    "the", "such", "there", "him", "them",
}
#: NER labels kept on sentences for answer typing and highlighting.
SPAN_LABELS = {
    "PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
    "LANGUAGE", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL",
}


@dataclass(slots=True)
class SentenceRecord:
    """One sentence: where it is, its index terms and its named-entity spans."""

    paragraph: int
    index: int
    position: int
    start: int
    end: int
    terms: list[str]
    spans: list[tuple[int, int, str]] = field(default_factory=list)
    anaphoric: bool = False


@dataclass(slots=True)
class AnalysedArticle:
    parsed: ParsedArticle
    sentences: list[SentenceRecord]
    entities: list[Entity]
    title_terms: list[str]
    content_hash: str


def content_hash(parsed: ParsedArticle) -> str:
    """Identity of an article's text: the same paragraphs give the same hash, whatever the
    white space around them or the front matter."""
    digest = hashlib.sha256()
    for index in range(len(parsed.paragraphs)):
        digest.update(" ".join(parsed.paragraph_text(index).split()).encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


def _sentences_of(doc: Doc, paragraph: int, offset: int, first_position: int
                  ) -> list[SentenceRecord]:
    # The doc's attributes are read once as arrays and its entities once (``Span.ents``
    # walks all of them for every sentence): a Token object per word cost more than the rest.
    records: list[SentenceRecord] = []
    rows = token_rows(doc)
    ents = [(ent.start, ent.end, ent.start_char, ent.end_char, ent.label_)
            for ent in doc.ents]
    text = doc.text
    for sent in doc.sents:
        positions = [i for i in range(sent.start, sent.end) if not rows[i][SPACE_COLUMN]]
        if not positions:
            continue
        first, last = doc[positions[0]], doc[positions[-1]]
        start = offset + first.idx
        end = offset + last.idx + len(last.text)
        terms = normalise_rows(doc, rows, positions)
        if terms:
            terms.extend(phrasal_verb_rows(doc, rows, positions))
        if not terms and records:
            # A stray fragment ("”", "2.") belongs to the sentence before it.
            records[-1].end = end
            continue
        spans = [
            (offset + piece_start, offset + piece_end, piece_label)
            for start_char, end_char, label in _ents_within(ents, sent.start, sent.end)
            if label in SPAN_LABELS
            for piece_start, piece_end, piece_label in _split_dateline_date(
                text, start_char, end_char, label)
        ]
        records.append(
            SentenceRecord(
                paragraph=paragraph,
                index=len(records),
                position=first_position + len(records),
                start=start,
                end=end,
                terms=terms,
                spans=spans,
                anaphoric=first.lower_ in ANAPHORIC_STARTS,
            )
        )
    return records


#: A dateline's date run on over its dash into the story: "May 8 - At least 11", one DATE to
#: spaCy in "BATANGAS CITY, Philippines, May 8 - At least 11 people died".
_DATELINE_DASH = re.compile(r"\s+[-–—]\s+(?=\S)")
_A_COUNT = re.compile(r"(?:(?:at\s+least|about|around|nearly|more\s+than|some|almost|over)\s+)?"
                      r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                      r"twelve|dozens|hundreds|thousands)\b", re.IGNORECASE)


def _split_dateline_date(text: str, start: int, end: int, label: str
                         ) -> list[tuple[int, int, str]]:
    """A DATE span that runs over a dateline's dash, cut there: the date, and a count after
    it (as a number) if one opens the story; any other span as it is."""
    if label != "DATE":
        return [(start, end, label)]
    dash = _DATELINE_DASH.search(text, start, end)
    if dash is None or not any(ch.isdigit() for ch in text[start:dash.start()]):
        return [(start, end, label)]
    pieces = [(start, dash.start(), label)]
    count = _A_COUNT.fullmatch(text, dash.end(), end)
    if count is not None:
        pieces.append((dash.end(), end, "CARDINAL"))
    return pieces


def _ents_within(ents: list[tuple[int, int, int, int, str]], start: int, end: int
                 ) -> list[tuple[int, int, str]]:
    """``Span.ents`` of the tokens ``start:end`` from a doc's entities read once: those
    within, in order, up to the first that starts inside and runs past the end."""
    within = []
    for ent_start, ent_end, start_char, end_char, label in ents:
        if ent_start >= start:
            if ent_end <= end:
                within.append((start_char, end_char, label))
            else:
                break
    return within


def analyse_docs(parsed: ParsedArticle, docs: Iterable[Doc], title_doc: Doc | None
                 ) -> AnalysedArticle:
    """Assemble an article from its paragraph docs (one per paragraph, in order)."""
    sentences: list[SentenceRecord] = []
    mentions: list[Mention] = []
    for paragraph, doc in enumerate(docs):
        offset = parsed.paragraphs[paragraph][0]
        records = _sentences_of(doc, paragraph, offset, len(sentences))
        sentences.extend(records)
        for mention in extract_mentions(doc, offset, parsed.paragraph_text(paragraph)):
            mention.sentence = _sentence_at(records, mention.start)
            if mention.sentence >= 0:
                mentions.append(mention)
    entities = merge_mentions(mentions, parsed.body)  # settles each name's kind on its mentions
    _relabel_spans(sentences, mentions)
    _spread_known_names(parsed.body, sentences, entities)
    title_terms = (normalise_rows(title_doc, token_rows(title_doc), range(len(title_doc)))
                   if title_doc is not None else [])
    return AnalysedArticle(
        parsed=parsed,
        sentences=sentences,
        entities=entities,
        title_terms=title_terms,
        content_hash=content_hash(parsed),
    )


#: The NER label a corrected entity kind stands for on a sentence's spans.
_KIND_SPAN_LABEL = {"person": "PERSON", "organization": "ORG", "group": "NORP"}
_NAME_SPAN_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}


def _relabel_spans(sentences: list[SentenceRecord], mentions: list[Mention]) -> None:
    """Give sentence spans the entity kinds the entity rules settled on (spaCy's "Der Spiegel"
    PERSON becomes ORG, "the Bataclan concert hall" a place), and add the names the rules
    found that spaCy missed, so answer typing sees the corrected kinds."""
    by_sentence: dict[int, list[Mention]] = {}
    for mention in mentions:
        by_sentence.setdefault(mention.sentence, []).append(mention)
    for sentence in sentences:
        found = by_sentence.get(sentence.position, [])
        # names the entity rules rejected (a quoted slogan, a title word) are not answers
        spans = [
            (s, e, label) for s, e, label in sentence.spans
            if label not in _NAME_SPAN_LABELS
            or any(m.start < e and s < m.end for m in found)
        ]
        for mention in found:
            if mention.kind == "place":
                label = mention.label if mention.label in {"GPE", "LOC", "FAC"} else "FAC"
            else:
                label = _KIND_SPAN_LABEL.get(mention.kind)
            if label is None:
                continue
            overlapping = [i for i, (s, e, _) in enumerate(spans)
                           if s < mention.end and mention.start < e]
            if overlapping:
                for index in overlapping:
                    start, end, old = spans[index]
                    if old in {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}:
                        spans[index] = (start, end, label)
            else:
                spans.append((mention.start, mention.end, label))
        sentence.spans = sorted(spans)


def _spread_known_names(body: str, sentences: list[SentenceRecord],
                        entities: list[Entity]) -> None:
    """A name keeps its kind throughout an article: where spaCy tagged "Ewa Lisowska" as a
    person once but missed her in another sentence ("Lisowska said..." opening it), that
    occurrence gets a PERSON span too, so a "who" question can find its answer there, and
    counts as one more mention of her. Only whole-word, capitalised occurrences of names and
    aliases of three or more letters that no span covers yet."""
    names: list[tuple[str, str, Entity]] = []
    for entity in entities:
        if entity.kind == "place":
            labels = {m.label for m in entity.mentions if m.label in {"GPE", "LOC", "FAC"}}
            label = labels.pop() if len(labels) == 1 else "GPE"
        else:
            label = _KIND_SPAN_LABEL.get(entity.kind, "")
        if not label:
            continue
        for name in {entity.name, *entity.aliases}:
            if _spreadable(name):
                names.append((name, label, entity))
    if not names:
        return
    names.sort(key=lambda item: -len(item[0]))  # longest first: "Ewa Lisowska" before "Ewa"
    # a name listed under two kinds keeps its longest entry's
    owners = {name: (label, entity) for name, label, entity in reversed(names)}
    found = _word_starts_of(body, owners)
    counted = False
    for sentence in sentences:
        spans = list(sentence.spans)
        added = False
        for start, end, name in _names_within(body, found, sentence.start, sentence.end):
            if any(s < end and start < e for s, e, _ in spans):
                continue
            label, entity = owners[name]
            spans.append((start, end, label))
            added = True
            if entity.kind in _COUNTED_KINDS:
                entity.mentions.append(Mention(name, entity.kind, label, start, end,
                                               sentence=sentence.position))
                counted = True
        if added:
            sentence.spans = sorted(spans)
    if counted:
        for entity in entities:
            entity.mentions.sort(key=lambda mention: mention.start)
        entities.sort(key=lambda e: (-e.count, e.name.lower()))  # as ``merge_mentions`` does


#: Kinds whose spread occurrences count as mentions: names, not the groups ("Belgians") that
#: only borrow the span labels.
_COUNTED_KINDS = frozenset({"person", "organization", "place"})


def _word_starts_of(body: str, names: Iterable[str]) -> list[tuple[int, int, str]]:
    """Where each name starts a word in ``body``, as (start, -length, name) in order: at one
    place the longest name first."""
    return sorted((at, -len(name), name) for name in names for at in starts_of(body, name)
                  if NO_WORD_BEFORE.match(body, at))


def _names_within(body: str, found: list[tuple[int, int, str]], start: int, end: int
                  ) -> Iterator[tuple[int, int, str]]:
    r"""The names ``_word_starts_of`` found that end a word in ``body[start:end]``: left to
    right, the longest at each place, none overlapping. What ``re.finditer(body, start, end)``
    of the pattern ``(?<!\w)(?:longest|…|shortest)(?!\w)`` gives, with no pattern compiled
    for the article's names."""
    free = start  # where the next name may start
    for at, minus_length, name in found[bisect_left(found, (start,)):]:
        if at >= end:
            break
        stop = at - minus_length
        if at >= free and stop <= end and NO_WORD_AFTER.match(body, stop, end):
            yield at, stop, name
            free = stop


def _spreadable(name: str) -> bool:
    """Acronyms of two letters or more ("DR", "ING"), other names of three or more that start
    with a capital."""
    if name.isupper():
        return len(name) >= 2 and name.isalpha()
    return len(name) >= 3 and name[:1].isupper()


def _sentence_at(records: list[SentenceRecord], position: int) -> int:
    for record in records:
        if record.start <= position < record.end:
            return record.position
    return -1


def article_pipes(nlp: Language) -> list[tuple[str, Any]]:
    """The components article analysis runs: the enabled ones, except that the small
    ``senter`` (a 16-wide tagger, disabled by default) replaces the parser when the pipeline
    has one. Articles need sentence boundaries, never dependency arcs, and the parser costs
    eight times as much (``nlp`` itself is not changed). The attribute ruler runs compiled
    and the lemmatiser with its lemmas remembered (``retrieval.fast_pipes``), with the same
    result."""
    names = list(nlp.pipe_names)
    if "parser" in names and "senter" in nlp.component_names:
        names[names.index("parser")] = "senter"
    return fast_components(nlp, names)


def pipe_articles(nlp: Language, texts: Iterable[str], batch_size: int = 64
                  ) -> Iterator[Doc]:
    """``nlp.pipe(texts)`` through ``article_pipes``."""
    return run_components(article_pipes(nlp), nlp, texts, batch_size)


def analyse_article(nlp: Language, parsed: ParsedArticle) -> AnalysedArticle:
    """Run the pipeline over each paragraph of one article (and its title, in the same
    batch)."""
    texts = [parsed.paragraph_text(i) for i in range(len(parsed.paragraphs))]
    if parsed.title:
        texts.append(parsed.title)
    docs = list(pipe_articles(nlp, texts))
    title_doc = docs.pop() if parsed.title else None
    return analyse_docs(parsed, docs, title_doc)


def analyse_many(nlp: Language, articles: list[ParsedArticle], batch_size: int = 64
                 ) -> Iterator[AnalysedArticle]:
    """Analyse many articles in one stream through the pipeline, yielding each article as
    soon as its last paragraph is done."""
    keys: list[tuple[int, int]] = []  # (article, paragraph or -1 for the title), in order

    def texts() -> Iterator[str]:
        for number, parsed in enumerate(articles):
            keys.append((number, -1))
            yield parsed.title or ""
            for index in range(len(parsed.paragraphs)):
                keys.append((number, index))
                yield parsed.paragraph_text(index)

    current: list[Doc] = []
    title_doc: Doc | None = None
    for position, doc in enumerate(pipe_articles(nlp, texts(), batch_size)):
        number, index = keys[position]
        if index == -1:  # an article's title comes first, then its paragraphs
            title_doc = doc if articles[number].title else None
            current = []
            if not articles[number].paragraphs:
                yield analyse_docs(articles[number], [], title_doc)
            continue
        current.append(doc)
        if index == len(articles[number].paragraphs) - 1:
            yield analyse_docs(articles[number], current, title_doc)


# ---------------------------------------------------------------- worker processes

_worker_nlp: Language | None = None


def can_fork_workers() -> bool:
    """Worker processes inherit the loaded pipeline by ``fork`` (no reload, no pickling);
    where there is no fork, bulk ingest stays on one process."""
    return "fork" in multiprocessing.get_all_start_methods()


def _init_worker(nlp: Language) -> None:
    global _worker_nlp
    _worker_nlp = nlp
    # Ctrl-C is the parent's to handle: it stops the pool. The parent's event-loop wake-up
    # descriptor must not be written to from here either.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.set_wakeup_fd(-1)
    # What the parent had when it forked (spaCy, WordNet) lives as long as the worker: out of
    # the collector's generations, so that a full collection does not walk it (and copy its
    # pages). The CLI's parent has not frozen it (no warm-up): 0.12 -> 0.06 s in the
    # collector per worker for 200 articles.
    gc.freeze()


def _analyse_in_worker(articles: list[ParsedArticle]) -> list[AnalysedArticle]:
    assert _worker_nlp is not None
    return list(analyse_many(_worker_nlp, articles))


def start_workers(nlp: Language, n_process: int) -> ProcessPoolExecutor:
    """A pool of ``n_process`` workers that each run the whole analysis of an article (spaCy,
    the entity rules, the sentence records) and send back plain data, so the parent only
    stores. They fork at the first task (``analyse_in_workers``)."""
    return ProcessPoolExecutor(n_process, mp_context=multiprocessing.get_context("fork"),
                               initializer=_init_worker, initargs=(nlp,))


#: Articles per worker task at most: one spaCy stream over several articles' paragraphs
#: batches better than one article's (3-8% less CPU), and a few tasks per worker keep the
#: load even.
ARTICLES_PER_TASK = 8


def analyse_in_workers(pool: ProcessPoolExecutor, articles: list[ParsedArticle],
                       n_process: int) -> Iterator[AnalysedArticle]:
    """Hand every article to ``pool`` now and return them analysed, in order, each task's as
    soon as it and those before it are done. This forks the workers: call it on the main
    thread, since a fork from another thread can inherit locks held elsewhere. A worker that
    dies raises ``BrokenProcessPool`` when its articles are reached, rather than hanging."""
    size = max(1, min(ARTICLES_PER_TASK, len(articles) // (4 * n_process)))
    # one article each first, so the first results (and the progress bar) come at once
    tasks = [[article] for article in articles[:n_process]]
    rest = articles[n_process:]
    tasks += [rest[start : start + size] for start in range(0, len(rest), size)]
    return chain.from_iterable(pool.map(_analyse_in_worker, tasks))
