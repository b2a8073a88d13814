"""Bodies' names spaCy cuts in two or runs on past their end.

spaCy sometimes ends a body's name on "of" and labels what follows as a name of its own
("[the Regional Archive of] [Tulin]", the second read as a person), or ends a place's name
on "of" before a body ("[the City of] [Leeds Council]"): a name does not end on "of", so the
two are one name. It cuts a country named with "and" in two ("[Antigua] and [Barbuda]", read
as two people), which WordNet knows whole. And it sometimes runs a body's name on over where
it is ("[Northgate Advisers in Tulin]"): a body's name does not go on with "in" and a place
WordNet knows, so the name stops before "in" and the place is a place of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from retrieval.entity_rules import BODY_NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

#: spaCy labels of the name that may finish a body's name cut at "of".
_NAME_LABELS = frozenset({"PERSON", "GPE", "LOC", "ORG", "FAC"})
#: spaCy labels of a place's name, which may open a body's name cut at "of".
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def over_trailing_of(doc: Doc, ent: Span) -> int:
    """The end of the name after ``ent`` when ``ent``, a body, ends on "of"/"for"/"and" and
    another name follows at once ("the Regional Archive of" + "Tulin", "the Court of Bosnia
    and" + "Herzegovina": no name ends on "and"); or when ``ent``, read as a place, ends on
    "of" and a body's name follows ("the City of" + "Leeds Council": the council of the city
    is one body, named in full). ``ent.end`` otherwise."""
    if len(ent) < 2 or ent[-1].lower_ not in {"of", "for", "and"}:
        return ent.end
    if ent[-1].lower_ == "and" and not any(
            t.text.istitle() and t.lower_ in BODY_NOUNS for t in ent):
        return ent.end  # "[Ciudad del Este and] [Encarnación]": two places, no body's name
    index = ent.end
    if index >= len(doc) or doc[index].ent_iob_ != "B" or doc[index].ent_type_ not in (
            _NAME_LABELS):
        return ent.end
    if not (ent.label_ == "ORG" and len(ent) >= 3) and not (
            ent.label_ in _PLACE_LABELS and ent[-1].lower_ == "of"
            and doc[index].ent_type_ == "ORG"):
        return ent.end
    index += 1
    while index < len(doc) and doc[index].ent_iob_ == "I":
        index += 1
    return index


def place_inside_body(doc: Doc, start: int, end: int) -> int | None:
    """The index of "in" when a body's span runs on over "in" and a place WordNet knows
    ("Northgate Advisers in Toronto"), or of "near" before any capitalised words ("the
    Namgis near Port McNeill": no body's name holds "near"); None otherwise."""
    from retrieval.lexicon import is_known_place

    for index in range(start + 1, end - 1):
        if doc[index].lower_ in {"in", "near"} and doc[index].text.islower():
            place = doc[index + 1:end]
            return index if all(t.text[:1].isupper() for t in place) and (
                doc[index].lower_ == "near" or is_known_place(place.text, every_sense=False)
            ) else None
    return None


#: How many words after "and" a place named with "and" may take ("Saint Vincent and the
#: Grenadines").
_AND_PLACE_REACH = 3


def place_over_and(doc: Doc, ent: Span) -> int | None:
    """The end of a place named with "and" that starts with ``ent`` ("Antigua and Barbuda",
    "Trinidad and Tobago", "Bosnia and Herzegovina"), when WordNet knows the whole as a place
    and spaCy did not take it whole: it reads the halves as two names, often two people.
    None otherwise."""
    from retrieval.lexicon import is_known_place

    words = [t for t in ent if t.lower_ != "and"]
    if not words or not all(t.text[:1].isupper() for t in words):
        return None
    conjunction = ent.end - 1 if ent[-1].lower_ == "and" else ent.end
    if conjunction >= len(doc) or doc[conjunction].lower_ != "and":
        return None
    best = None
    for end in range(conjunction + 2, min(conjunction + 2 + _AND_PLACE_REACH, len(doc) + 1)):
        last = doc[end - 1]
        if not (last.text[:1].isupper() or last.lower_ == "the"):
            break
        if last.text[:1].isupper() and is_known_place(doc[ent.start:end].text,
                                                      every_sense=False):
            best = end
    return best


#: Head nouns of a body's name for ``body_within_body`` ("... Chamber", "... Academy of X").
_BODY_HEADS = frozenset({
    "academy", "agency", "association", "authority", "board", "bureau", "centre", "center",
    "chamber", "college", "commission", "committee", "council", "court", "department",
    "directorate", "division", "faculty", "federation", "foundation", "institute", "ministry",
    "office", "school", "society", "tribunal", "university", "bank", "corporation", "fund",
    "group", "company"})


def _head_of_body(words: list[str]) -> str:
    """The head noun of a body's name: the word before its own "of"/"for" ("Institute of
    Paleontology"), else its last word ("Apurímac Superior Court")."""
    for index, word in enumerate(words[1:], 1):
        if word in {"of", "for"}:
            return words[index - 1]
    return words[-1]


def body_within_body(doc: Doc, start: int, end: int) -> int | None:
    """The index of "of" in "the Civil Chamber of the Apurímac Superior Court", "the
    Institute of Paleontology of the Mongolian Academy of Sciences": a body's name whose
    two halves around "of the" are both headed by a capitalised body noun names a body
    within a body, and the second is an organisation of its own that a reader lists (the
    whole keeps its name: "the Court of Justice of the European Union"). None otherwise."""
    for index in range(start + 1, end - 2):
        if doc[index].lower_ != "of" or doc[index + 1].lower_ != "the":
            continue
        before = [t.text for t in doc[start:index]]
        after = [t.text for t in doc[index + 2:end]]
        if before and before[0].lower() == "the":
            before = before[1:]
        if not before or not after:
            return None
        heads = (_head_of_body(before), _head_of_body(after))
        if all(h[:1].isupper() and h.lower() in _BODY_HEADS for h in heads) and all(
                t.text[:1].isupper() or t.lower_ in {"of", "for", "and"}
                for t in doc[index + 2:end]):
            return index
        return None
    return None


def body_owning_body(doc: Doc, start: int, end: int) -> int | None:
    """The index of "'s" in "the University of Tasmania's Institute for Marine Studies",
    "the Bank of England's Monetary Policy Committee": one organisation span whose halves
    around a possessive are both headed by a capitalised body noun names two bodies, the
    owner and its unit, each a name a reader lists. None otherwise ("the Farmers' Union",
    "the Attorney General's Office": the owner is no body)."""
    for index in range(start + 1, end - 1):
        if doc[index].text not in {"'s", "’s"}:
            continue
        before = [t.text for t in doc[start:index] if t.lower_ != "the"]
        after = [t.text for t in doc[index + 1:end]]
        if not before or not after or not after[0][:1].isupper():
            return None
        heads = (_head_of_body(before), _head_of_body(after))
        if all(h[:1].isupper() and h.lower() in _BODY_HEADS for h in heads):
            return index
        return None
    return None


#: spaCy labels of a name it sometimes cuts in two at a space, labelling both halves alike
#: ("[Peninsular] [Malaysia]", "[Inés Carrasco] [Villavicencio]").
_SPLIT_NAME_LABELS = frozenset({"PERSON", "GPE", "LOC"})


def join_split_names(doc: Doc, ents: tuple[Span, ...]) -> list[Span]:
    """spaCy's entities with two names of one label that touch, a single space apart,
    joined into one: "[Peninsular] [Malaysia]", "[Marta] [Zielińska], a spokeswoman", two
    names side by side with no comma, "and" or "'s" between them are one name. Not after a
    title ("[Lee County Sheriff] [Mark Brandvold]"), nor across a sentence's start."""
    from spacy.tokens import Span

    from retrieval.entity_spans import is_title_word

    joined: list[Span] = []
    for ent in ents:
        if joined:
            before = joined[-1]
            last = doc[before.end - 1]
            if (ent.start == before.end and ent.label_ == before.label_
                    and ent.label_ in _SPLIT_NAME_LABELS and last.whitespace_ == " "
                    and not doc[ent.start].is_sent_start
                    and all(t.text[:1].isupper() and t.is_alpha for t in (*before, *ent))
                    and not any(is_title_word(t) for t in before)):
                joined[-1] = Span(doc, before.start, ent.end, label=ent.label_)
                continue
        joined.append(ent)
    return joined
