"""The words of one name: where it starts and ends, and whether spaCy's span is a name at all.

spaCy's entity spans carry titles, possessives and fragments after a dash ("Inspector Marta
Olsen's", "Tor Vik - after a long night"), and stop short of names in several parts ("Park
Ji-hoon", "Sergio de Oliveira", "the Ministry of Social Affairs and Health", "the Kiel
Institute for the World Economy", "Maalbeek metro station"). These rules trim and extend a
span token by token while the ``Doc`` is alive; they also reject spans that name nothing (a
title word, a capitalised common word, the words of a short quote) and read the initials
written after a name ("(DSB)"). What kind of name it is lives in ``retrieval.entity_kinds``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.attrs import ORTH

from retrieval.entity_rules import (
    ADMINISTRATIVE_NOUNS,
    BODY_NOUNS,
    CORPORATE_SUFFIXES,
    DASHES,
    DEMONYM_NOUNS,
    FOREIGN_ARTICLES,
    FOREIGN_ORGANIZATION_HEADS,
    FOREIGN_PLACE_HEADS,
    INITIALS_SKIP,
    LEADING_LEGAL_FORMS,
    NAME_KINDS,
    NAME_PARTICLES,
    ORGANIZATION_NOUNS,
    PERSON_NOUNS,
    TITLES,
    VENUE_NOUNS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from retrieval.lexicon import WordNet


def is_name_token(token: Token) -> bool:
    """A token that can belong to a name: it starts with a capital letter or a digit ("Olsen",
    "3M"), or a lower-case prefix opens a capitalised word ("eThekwini", "iPhone"); the rules
    trim and extend names up to such words."""
    text = token.text
    return bool(text) and (text[0].isupper() or text[0].isdigit() or (
        len(text) > 2 and text[0].islower() and text[1].isupper() and text[2:].isalpha()))


#: Word sets the rules test against, built once (a set union per test costs more than it).
_FRAGMENT_BREAKS = DASHES | {"("}
_ROLE_NOUNS = ORGANIZATION_NOUNS | PERSON_NOUNS
#: Prepositions that open a sentence before a place ("Outside City Hall, protesters...");
#: capitalised there, spaCy takes them into the place's name.
_OPENING_PREPOSITIONS = frozenset({
    "outside", "inside", "near", "at", "in", "across", "behind", "beyond", "opposite",
    "around", "along", "off", "from", "on", "within", "beside", "beneath", "above", "below"})


def trim(span: Span, kind: str) -> tuple[int, int] | None:
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
        or (kind == "person" and end - start > 1 and (
            _is_title(first) or (end - start > 2 and _is_title_word(first))))
        or (kind == "person" and first.lower_ in DEMONYM_NOUNS and end - start > 1)
        or (kind == "person" and first.pos_ not in {"PROPN"} and end - start > 1
            and first.lower_ not in NAME_PARTICLES)
        or (kind in NAME_KINDS and not is_name_token(first) and not _opens_a_title(
            doc, start, end, kind))
        or (first.is_sent_start and end - start == 2 and first.lower_ in _ROLE_NOUNS
            and not _noun_of_the_name(doc[start + 1]))  # "Broadcaster DR"
        or (first.is_sent_start and end - start > 1 and first.lower_ in _OPENING_PREPOSITIONS
            and end < len(doc) and doc[end].text == ",")  # "Outside City Hall, ..."
    ):
        start += 1
    while end > start and kind in NAME_KINDS and not is_name_token(doc[end - 1]) and not (
            _hyphen_joined(doc, end - 1, kind)) and not (
            kind == "organization" and end - start > 1 and doc[end - 1].text in CORPORATE_SUFFIXES):
        # a legal form written in lower case ends the name ("X Energy plc")
        end -= 1
    if kind == "person" and (inside := title_inside(doc, start, end)) is not None:
        # "Clay Fire Chief Ruth Okafor": the person's name starts after the title inside
        start = inside[1]
    if end <= start:
        return None
    return start, end


def _noun_of_the_name(token: Token) -> bool:
    """A capitalised body or building noun: after a sentence's first word it shows that word
    opens the name ("University Hospital Limerick", "University College Dublin"), not a role
    noun before it ("Broadcaster DR")."""
    return token.text.istitle() and token.lower_ in BODY_NOUNS | VENUE_NOUNS


def _opens_a_title(doc: Doc, start: int, end: int, kind: str) -> bool:
    """A foreign article that spaCy took into a body's name as its first word belongs to
    it: "the newspaper de Volkskrant" (not "Volkskrant")."""
    return kind == "organization" and end - start > 1 and (
        doc[start].lower_ in FOREIGN_ARTICLES) and is_name_token(doc[start + 1])


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
    return is_name_token(after) or _particle_between_hyphens(doc, index) or (
        kind == "person" and after.is_alpha and after.is_lower
        and after.lower_ not in _NAME_ADJECTIVE_ENDINGS and is_name_token(doc[index - 1])) or (
        _one_word_hyphenated(doc[index - 1], after))


def _one_word_hyphenated(before: Token, after: Token) -> bool:
    """"Co-operation", "Co-ordination": a capitalised prefix hyphenated to a lower-case
    word that, written as one, is an English word ("cooperation") is one word of the name,
    as British spelling writes it ("the Organisation for Economic Co-operation and
    Development"); "Brussels-based" is no word."""
    from retrieval.lexicon import get_wordnet

    if not (before.is_alpha and before.text[:1].isupper() and after.is_alpha
            and after.is_lower):
        return False
    wordnet = get_wordnet()
    word = before.lower_ + after.text
    return wordnet is not None and any(wordnet.synset_offsets(word, pos) for pos in "nvar")


def _particle_between_hyphens(doc: Doc, index: int) -> bool:
    """"Castillon-la-Bataille", "Stratford-upon-Avon", "Saint-Jean-de-Luz": a short lower-case
    word hyphenated without spaces between two capitalised words is a particle inside one
    place name, not the start of a phrase after a dash."""
    if index + 3 >= len(doc) or not is_name_token(doc[index - 1]) or doc[index].whitespace_:
        return False
    particle, hyphen, after = doc[index + 1], doc[index + 2], doc[index + 3]
    return (particle.is_alpha and particle.is_lower and len(particle.text) <= 4
            and not particle.whitespace_ and hyphen.text == "-" and not hyphen.whitespace_
            and is_name_token(after) and after.text[:1].isalpha())


def _hyphen_joined(doc: Doc, index: int, kind: str) -> bool:
    """Whether ``doc[index]`` is the part of a hyphenated name after its hyphen."""
    return index >= 2 and _joins_word(doc, index - 1, kind)


def extend_person(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Grow a person's span over adjacent capitalised proper nouns spaCy left outside it
    ("Adelma Marina [Tapia Ruiz]")."""
    while start > 0:
        token = doc[start - 1]
        if (
            token.pos_ == "PROPN"
            and not token.ent_type_
            and is_name_token(token)
            and not token.is_sent_start
            and token.lower_ not in TITLES
            and not (end - start > 1 and _is_title_word(token))
            and token.lower_ not in DEMONYM_NOUNS
            and not (_portfolio_word(token) and _after_a_titled_portfolio(doc, start))
        ):
            start -= 1
        else:
            break
    return start, end


#: Labels of a one-word entity spaCy cut off the end of a person's name ("[Ricardo Antunes]
#: [Prado]", the last surname read as a place or a body).
_LAST_NAME_LABELS = frozenset({"GPE", "ORG", "LOC", "NORP", "FAC"})


def extend_person_over_last_name(doc: Doc, start: int, end: int) -> int:
    """Grow a person's name of two or more words over the one capitalised word right after
    it, a single space apart: spaCy often stops a three-part name before its last word
    ("[Ricardo Antunes] Prado", "[Armando Balilo] [Reyes]" with "Reyes" read as a body), or
    before a particle and a surname ("[Lucimar Ferreira] dos [Santos]"). Only a proper noun
    that is unlabelled or a one-word entity of its own, no title or common word, and with no
    further name word after it (a name of its own goes on: "X Y Buenos Aires")."""
    if end - start < 2 or end >= len(doc) or doc[end - 1].whitespace_ != " ":
        return end
    last = end
    if doc[end].lower_ in NAME_PARTICLES and doc[end].text.islower() and (
            doc[end].whitespace_ == " "):
        last = end + 1  # "dos Santos"
    if last >= len(doc):
        return end
    token = doc[last]
    if token.pos_ != "PROPN" or not token.is_alpha or not token.text.istitle() or (
            token.is_sent_start or token.lower_ in TITLES or _is_title_word(token)
            or token.lower_ in DEMONYM_NOUNS or token.lower_ in BODY_NOUNS
            or token.lower_ in VENUE_NOUNS):
        return end
    if token.ent_type_ and (token.ent_iob_ != "B" or token.ent_type_ not in _LAST_NAME_LABELS
                            or (last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I")):
        return end
    if last + 1 < len(doc) and (is_name_token(doc[last + 1]) or doc[last + 1].text in {
            "-", "–", "&"}):
        return end
    from retrieval.lexicon import get_wordnet

    wordnet = get_wordnet()
    if wordnet is None or wordnet.is_common_word(token.text):
        return end
    return last + 1


def extend_back_over_demonym(doc: Doc, start: int) -> int:
    """Where a region's name starts when spaCy left the nationality that opens it outside as
    a group (NORP): "the Japanese Alps", "the Swiss Alps", "the French Riviera" name one
    region, as "the" before the adjective shows (an adjective that only qualifies a place
    takes no article: "Japanese Nagano")."""
    if start < 2:
        return start
    adjective, article = doc[start - 1], doc[start - 2]
    if adjective.ent_type_ == "NORP" and adjective.ent_iob_ == "B" and (
            adjective.text[:1].isupper() and article.lower_ == "the"):
        return start - 1
    return start


def names_before_an_age(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the full names that an age apposition follows ("said Ana Quispe
    Mamani, 63, president of..."), when spaCy cut the name into pieces of other kinds
    ("Ana" a place, "Quispe Mamani" a person): the capitalised words right before ", 63,"
    are one person's name, back to the first title or common word."""
    found: list[tuple[int, int]] = []
    for index in _commas_two_apart(doc):
        if not (doc[index + 1].text.isdigit() and 0 < int(doc[index + 1].text) < 120):
            continue
        start = index
        while start > 0 and index - start < 5 and _in_a_name_before_an_age(doc, start - 1):
            start -= 1
            if doc[start].is_sent_start:
                break
        while start < index and doc[start].lower_ in NAME_PARTICLES:
            start += 1
        if index - start < 2 or doc[index - 1].lower_ in _ROLE_NOUNS | VENUE_NOUNS:
            continue
        if not (doc[start].ent_iob_ == "B"
                and all(t.ent_iob_ == "I" for t in doc[start + 1:index])):
            found.append((start, index))  # one whole span needs no joining
    return found


def _commas_two_apart(doc: Doc) -> list[int]:
    """The indexes ``i`` (1 <= i < len(doc) - 2) of the commas with another comma at ``i + 2``,
    read from the doc's word ids: most paragraphs have none, and need no ``Token`` object."""
    if len(doc) < 4:
        return []
    comma = doc.vocab.strings[","]
    orths = doc.to_array(ORTH).tolist()
    return [index for index in range(1, len(orths) - 2)
            if orths[index] == comma and orths[index + 2] == comma]


def _in_a_name_before_an_age(doc: Doc, index: int) -> bool:
    token = doc[index]
    if token.lower_ in NAME_PARTICLES and token.text.islower():
        return index > 0 and is_name_token(doc[index - 1])
    return token.pos_ == "PROPN" and is_name_token(token) and not _is_title_word(token) and (
        token.lower_ not in DEMONYM_NOUNS)


#: First words of foreign names that the rest of the name follows ("Universidad ...").
_FOREIGN_HEADS = frozenset(FOREIGN_ORGANIZATION_HEADS | FOREIGN_PLACE_HEADS)


def extend_foreign_head(doc: Doc, start: int, end: int) -> int:
    """Grow a name spaCy ended on its foreign first word over the unlabelled capitalised
    words after it: "[Universidad] Mayor de San Andrés" is one name ("de San Andrés" is left
    to ``extend_over_particle``)."""
    last = doc[end - 1]
    if not last.text[:1].isupper() or last.lower_ not in _FOREIGN_HEADS:
        return end
    if end - start != 1 and not (last.lower_ in FOREIGN_ORGANIZATION_HEADS and end < len(doc)
                                 and doc[end].ent_type_ == "PERSON"
                                 and doc[end].ent_iob_ == "B"):
        return end
    # "[Club Atlético] [Central Norte]": the head's name, which spaCy read as a person
    while end < len(doc) and doc[end].pos_ == "PROPN" and is_name_token(doc[end]) and (
            not doc[end].ent_type_ or doc[end].ent_type_ == "PERSON"):
        end += 1
    return end


def extend_over_bracketed_legal_form(doc: Doc, end: int) -> int:
    """Grow a company's name over "(Pvt) Ltd" / "(Private) Limited", the legal form South Asian
    companies write with a bracket, where spaCy stops: "Lanka Pure Water (Pvt) Ltd"."""
    if end + 3 < len(doc) and doc[end].text == "(" and doc[end + 1].lower_.rstrip(".") in {
            "pvt", "private"} and doc[end + 2].text == ")" and doc[end + 3].lower_.rstrip(
            ".") in {"ltd", "limited"}:
        return end + 4
    return end


def extend_over_legal_form(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Grow a name over the company's legal form that spaCy left outside it, right after the
    name ("[Vueling Airlines] SA", "[Brava Foods] Ltd"), or over the capitalised words before
    a legal form spaCy labelled alone ("NHPC [Limited]"): the form ends a company's name and
    is no name by itself."""
    if end < len(doc) and doc[end].text in CORPORATE_SUFFIXES and not doc[end].ent_type_ and (
            doc[end - 1].text[:1].isupper()):
        end += 1
    if start > 0 and doc[start - 1].text in LEADING_LEGAL_FORMS and not doc[start - 1].ent_type_:
        start -= 1  # "PT [Sinar Riau Plantations]": the form written before the name
    if end - start == 1 and doc[start].text in CORPORATE_SUFFIXES:
        while start > 0 and is_name_token(doc[start - 1]) and not doc[start - 1].ent_type_ and (
                doc[start - 1].lower_ not in {"the", "a", "an"}) and not (
                doc[start - 1].is_sent_start and doc[start - 1].pos_ != "PROPN"):
            start -= 1
    return start, end


def extend_over_particle(doc: Doc, end: int) -> int:
    """Grow a name over a lower-case particle and the unlabelled capitalised words after it:
    spaCy often stops at "do"/"de" ("[Estádio] do Lago", "[Sergio] de Oliveira"), and at the
    hyphen before a particle ("[Villeneuve]-la-Garenne")."""
    while end < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and (
            _particle_between_hyphens(doc, end)):
        end += 4  # over "-la-Garenne"
    if end + 1 < len(doc) and doc[end].lower_ in NAME_PARTICLES and doc[end].text.islower():
        after = end + 1
        while after < len(doc) and doc[after].pos_ == "PROPN" and is_name_token(doc[after]) and (
                not doc[after].ent_type_):
            after += 1
        if after > end + 1:
            return after
    return end


def capitalised_common_noun(token: Token) -> bool:
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


def extend_over_and(doc: Doc, start: int, end: int) -> int:
    """Grow "the Ministry of Social Affairs" over "and Health", and "the Ministry of Health"
    over ", Labour and Welfare": spaCy often splits a body named after two or more fields at
    "and" or a comma. Only a name built on "of" or "for" grows, and only over capitalised common
    words (fields such as "Health", not another body's name) that end with "and" and a
    field."""
    if end + 1 >= len(doc) or doc[end].lower_ not in {"and", ","} or not any(
            t.lower_ in {"of", "for"} for t in doc[start:end]):
        return end
    from retrieval.lexicon import get_wordnet

    wordnet = get_wordnet()
    if wordnet is None:
        return end
    while doc[end].text == ",":
        # "the Ministry of Health, Labour and Welfare": the fields listed with commas before
        # the last "and" belong to the name too
        after = _past_fields(doc, end + 1, wordnet)
        if after == end + 1 or after + 1 >= len(doc) or doc[after].lower_ not in {"and", ","}:
            return end
        end = after
    after = _past_fields(doc, end + 1, wordnet)
    if after == end + 1 or (after < len(doc) and is_name_token(doc[after])):
        return end
    return after


def _past_fields(doc: Doc, index: int, wordnet: WordNet) -> int:
    """The index after the capitalised common words (fields: "Health", "Labour") from
    ``index`` on."""
    while index < len(doc) and doc[index].text[:1].isupper() and doc[index].ent_type_ in {
            "", "ORG"} and (wordnet.is_common_word(doc[index].lemma_) or (
                not doc[index].ent_type_ and wordnet.has_common_noun_sense(doc[index].lemma_))
                or _plural_field(doc[index], wordnet)):
        # a field WordNet also knows as a proper name ("Mass", the service) still counts
        # when spaCy saw no name in it
        index += 1
    return index


def _plural_field(token: Token, wordnet: WordNet) -> bool:
    """A capitalised plural whose singular is a common word ("Fisheries", "Resources"):
    spaCy keeps a proper noun's plural as its lemma, which WordNet does not know."""
    lower = token.lower_
    if token.text.isupper() or not lower.endswith("s") or lower.endswith("ss"):
        return False
    singular = lower[:-3] + "y" if lower.endswith("ies") else lower[:-1]
    return wordnet.is_common_word(singular)


def extend_back_over_and(doc: Doc, start: int, end: int) -> int:
    """Grow "Poisons Board" back over "the Pharmacy and": spaCy often starts a body named
    after two fields at its second field; and one named after three or more fields at any
    field after a comma ("the Forestry, Fisheries and Maritime Agency", "the Meteorology,
    Climatology and Geophysical Agency"): the fields listed with commas before belong to it.
    Only a name that ends with a body's noun grows, only over capitalised common words that
    no other name holds, and only back to "the" or the sentence's start (not over another
    body's name: "the EPA and Coast Guard Office")."""
    if start < 2 or doc[end - 1].lower_ not in BODY_NOUNS:
        return start
    if doc[start - 1].lower_ != "and" and not (
            doc[start - 1].text == "," and any(t.lower_ == "and" for t in doc[start:end])):
        return start  # "[Climatology and Geophysical Agency]" after "the Meteorology,"
    from retrieval.lexicon import get_wordnet

    wordnet = get_wordnet()
    if wordnet is None or not _is_field(doc[start], wordnet):
        return start
    before, first = start, True
    while before > 1:
        joiner = before - 1
        if first and doc[joiner].lower_ == "and" and doc[joiner - 1].text == ",":
            joiner -= 1  # "the A, B, and C Board": a list's ", and"
        elif not (doc[joiner].text == "," or (first and doc[joiner].lower_ == "and")):
            break  # a list of fields has one "and", before its last: further back, commas
        field = joiner
        while field > 0 and _is_field(doc[field - 1], wordnet) and not doc[field - 1].ent_type_:
            field -= 1
        if field == joiner:
            break
        before, first = field, False
    if before == start:
        return start
    opening = doc[before]
    if opening.is_sent_start or (before > 0 and doc[before - 1].lower_ == "the"):
        return before
    return start


def _is_field(token: Token, wordnet: WordNet) -> bool:
    """A capitalised common word, as the fields a body is named after are ("Pharmacy")."""
    if not token.text[:1].isupper() or token.text.isupper():
        return False
    # spaCy keeps a proper noun's plural as its lemma ("Medicines", "Fisheries"): try the
    # singular too
    lower = token.lower_
    singular = lower[:-3] + "y" if lower.endswith("ies") else lower.removesuffix("s")
    forms = dict.fromkeys((token.lemma_.lower(), singular))
    # a field WordNet also knows as a name ("Labour", the party; "Energy") still counts when
    # its commonest sense is the ordinary word
    return any(wordnet.is_common_word(form) or wordnet.first_sense_is_common(form)
               for form in forms)


def extend_over_of(doc: Doc, end: int) -> int:
    """Grow "the Kiel Institute" over "for the World Economy", "the District Court" over "of
    Amsterdam", "the X Group" over "on Vaccine Provision": spaCy often stops a body's name
    at its organisation noun, and the words after "of"/"for"/"on" belong to it when that
    noun is capitalised as part of the name."""
    last = doc[end - 1]
    if end + 1 >= len(doc) or doc[end].lower_ not in {"of", "for", "on"} or not (
            (last.lower_ in ORGANIZATION_NOUNS or (
                last.lower_ in BODY_NOUNS and doc[end].lower_ == "for"))
            and last.text[:1].isupper()):
        return end
    if doc[end].lower_ == "on":
        return _over_fields_on(doc, end)
    after = end + 1
    if after < len(doc) and doc[after].lower_ == "the":
        after += 1
    stop = after
    while stop < len(doc) and doc[stop].ent_type_ != "PERSON" and (
            (is_name_token(doc[stop]) and doc[stop].pos_ in {"PROPN", "NOUN"})
            or (doc[stop].lower_ in INITIALS_SKIP and stop + 1 < len(doc)
                and is_name_token(doc[stop + 1]) and stop > after)):
        stop += 1
    if stop < len(doc) and doc[stop].ent_type_ == "PERSON":
        return end  # "the People's Party of Prime Minister X": a title and a person follow
    if after < len(doc) and ((doc[after].ent_type_ == "ORG" and doc[after].ent_iob_ == "B") or (
            after > end + 1 and doc[after - 1].ent_iob_ == "B"
            and doc[after - 1].ent_type_ == "ORG")):
        # "the UN Office for [the Coordination of Humanitarian Affairs]": the body spaCy
        # named after "for the" is the rest of this one's name, "of" and all
        ent_end = after + (doc[after].ent_iob_ == "B")
        while ent_end < len(doc) and doc[ent_end].ent_iob_ == "I" and (
                doc[ent_end].text not in {"(", ")", ",", ";", ":"}):
            ent_end += 1  # (not over the initials in brackets spaCy may take in)
        stop = max(stop, ent_end)
    return stop if stop > after else end


def _over_fields_on(doc: Doc, on: int) -> int:
    """Where "the International Coordinating Group" ends when "on Vaccine Provision" follows:
    a body set up on a matter is named after it, in capitalised common words joined by
    "and" ("the Council on Monuments and Sites"); a day ("the Commission on Monday") or a
    place ("the Space Centre on Sriharikota") after "on" is no part of the name."""
    from retrieval.lexicon import get_wordnet

    wordnet = get_wordnet()
    if wordnet is None:
        return on
    after = _past_fields(doc, on + 1, wordnet)
    while after > on + 1 and after + 1 < len(doc) and doc[after].lower_ == "and" and (
            (more := _past_fields(doc, after + 1, wordnet)) > after + 1):
        after = more
    if after == on + 1 or (after < len(doc) and is_name_token(doc[after])):
        return on
    return after


#: Lower-case nouns for a settlement, which news writes after the settlement's own name ("the
#: slope above Kalinga village", "the Kreuzberg neighbourhood"): the noun says what the place
#: is but is no part of its name, which the article also uses alone. A station or a stadium
#: named after a town is another place than the town ("Maalbeek metro station").
_SETTLEMENT_NOUNS = frozenset({"village", "town", "city", "hamlet", "suburb", "neighbourhood",
                               "neighborhood"})


def extend_over_venue_nouns(doc: Doc, end: int) -> int:
    """Where a place's name ends once the venue nouns after it are included ("Maalbeek
    [metro station]"); ``end`` itself when no venue noun follows, or when the noun names an
    administrative area or a settlement ("Tochigi prefecture", "the Kaduna state", "Kalinga
    village": the place is the name)."""
    for index in range(end, min(end + 3, len(doc))):
        token = doc[index]
        if not (token.text.islower() and token.pos_ in {"NOUN", "ADJ", "PROPN"}):
            break
        if token.lower_ in ADMINISTRATIVE_NOUNS or token.lower_ in _SETTLEMENT_NOUNS:
            return end
        if token.lower_ in VENUE_NOUNS and not (
            index + 1 < len(doc) and doc[index + 1].lower_ in VENUE_NOUNS
            and doc[index + 1].text.islower()
        ):
            return index + 1
    return end


#: Venue nouns that, capitalised after a place's name, end that name ("the Des Moines River"
#: is a river, not the city plus a word); not the ones that mostly modify another noun.
_NAME_ENDING_VENUES = VENUE_NOUNS - {
    "concert", "football", "bus", "train", "tram", "railway", "underground", "metro", "line",
    "track", "field", "ground", "base", "camp", "stop", "venue"}


def extend_over_capitalised_venue(doc: Doc, end: int) -> int:
    """Grow a place's name over the capitalised venue noun spaCy left outside it ("[Des
    Moines] River", "[Bondi] Beach"): the noun is part of the name, and names another place
    than the bare name (a river, not the city). Not when a further capitalised word follows
    ("Georgia State University": that is another name)."""
    if end >= len(doc):
        return end
    token = doc[end]
    if not (token.text.istitle() and token.lower_ in _NAME_ENDING_VENUES and (
            not token.ent_type_ or _alone_in_place_span(doc, end))):
        return end
    if end + 1 < len(doc) and is_name_token(doc[end + 1]) and not doc[end + 1].like_num:
        return end
    return end + 1


#: Compass words that end the name of a province or a constituency ("Matabeleland South").
_COMPASS_NAME_ENDS = frozenset({"North", "South", "East", "West"})


def extend_over_compass(doc: Doc, end: int) -> int:
    """Grow a place's name over the compass word after it when an administrative noun
    follows ("Mashonaland East province", "Kordofan West province"): a province named by
    its place in a larger region keeps the compass word in its name, which spaCy often
    leaves outside or tags apart; ``end`` itself otherwise."""
    if end + 1 >= len(doc) or doc[end].text not in _COMPASS_NAME_ENDS:
        return end
    if doc[end].ent_type_ and not _alone_in_place_span(doc, end) and not (
            doc[end].ent_iob_ == "B" and doc[end + 1].ent_iob_ == "I"):
        return end  # part of another name ("South Sudan")
    after = doc[end + 1]
    return end + 1 if after.text.islower() and after.lower_ in ADMINISTRATIVE_NOUNS else end


#: Buildings named after a saint or a founder with a possessive ("St John's Hospital").
_POSSESSIVE_BUILDINGS = frozenset({"hospital", "church", "cathedral", "chapel", "abbey",
                                   "infirmary", "clinic"})


def extend_over_possessive_building(doc: Doc, end: int) -> int:
    """"[St John]'s Hospital", "[St Mary]'s Cathedral": a name, "'s" and a capitalised
    building noun are one place, which spaCy stops before the "'s" (and reads as a person).
    ``end`` itself when no such noun follows."""
    if end + 1 < len(doc) and doc[end].text in {"'s", "’s"} and (
            doc[end + 1].text.istitle() and doc[end + 1].lower_ in _POSSESSIVE_BUILDINGS):
        return end + 2
    return end


def extend_over_possessive_office(doc: Doc, end: int) -> int:
    """Where "[the Kildare County] State Attorney's Office" ends: a place's name, the
    capitalised title of an official and "'s" with a capitalised body noun after it name
    the official's office, a body ("the Harris County District Attorney's Office"); spaCy
    stops at the place. ``end`` itself when no such title follows."""
    from retrieval.lexicon import is_person_noun

    index = end
    while index < len(doc) and index - end < 3 and doc[index].pos_ == "PROPN" and (
            doc[index].text.istitle()) and not doc[index].ent_type_:
        index += 1
    if index == end or index + 1 >= len(doc) or doc[index].text not in {"'s", "’s"}:
        return end
    office = doc[index + 1]
    if not (office.text.istitle() and office.lower_ in BODY_NOUNS
            and is_person_noun(doc[index - 1].lower_)):
        return end
    return index + 2


#: Nouns of roads that take a number as their name ("Highway 61", "Route 9", "Interstate 80").
_NUMBERED_ROADS = frozenset({"highway", "route", "interstate", "motorway", "freeway",
                             "expressway", "road"})


def extend_over_road_number(doc: Doc, end: int) -> int:
    """Grow "U.S. Highway" over "61": a road named by its number, whose name spaCy ends at
    the noun (a number is a name's part only after a road noun)."""
    if end < len(doc) and doc[end - 1].lower_ in _NUMBERED_ROADS and doc[end - 1].text[
            :1].isupper() and re.fullmatch(r"\d{1,4}[A-Z]?", doc[end].text):
        return end + 1
    return end


#: Lower-case nouns for a force that, after a place's name, make one body ("Lisbon police").
_FORCE_NOUNS = frozenset({"police", "coastguard", "gendarmerie"})


def force_after(doc: Doc, end: int) -> int:
    """Where "Lisbon police" ends: a place's name and the force after it name the place's
    police force, a body of its own; ``end`` itself when no such noun follows."""
    if end < len(doc) and doc[end].lower_ in _FORCE_NOUNS and doc[end].text.islower():
        return end + 1
    return end


def _alone_in_place_span(doc: Doc, index: int) -> bool:
    """The token is a place span of its own ("River" tagged LOC apart from "Des Moines")."""
    token = doc[index]
    return token.ent_type_ in {"LOC", "GPE", "FAC"} and token.ent_iob_ == "B" and not (
        index + 1 < len(doc) and doc[index + 1].ent_iob_ == "I")


def _is_acronym(token: Token) -> bool:
    return 2 <= len(token.text) <= 8 and token.text.isupper() and token.text.isalpha()


#: Words that introduce the initials of a name after a comma ("known by its Dutch initials").
_ACRONYM_LEADS = {"known", "abbreviated", "shortened"}


def acronym_after(doc: Doc, end: int) -> str | None:
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
    if end + 4 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ == "known" and (
            doc[end + 2].lower_ == "as") and doc[end + 3].pos_ == "PROPN" and is_name_token(
            doc[end + 3]) and doc[end + 4].text in {",", ".", ")", ";"}:
        return doc[end + 3].text  # "the Chilean Copper Commission, known as Cochilco,"
    if end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ in _ACRONYM_LEADS:
        for token in doc[end + 2 : end + 8]:
            if _is_acronym(token):
                return token.text
            if token.is_punct or (not token.text[:1].islower() and token.pos_ != "ADJ"):
                return None
    return None


#: Words inside a name that its initials may skip or take a letter from ("Fire Service
#: *and* Civil Defence (FSCD)", "Fish*,* Food and Allied Workers (FFAW)", "Save *the* Children").
_INITIALS_JOINERS = frozenset(INITIALS_SKIP | {",", "on", "in", "-", "–"})
#: How far back from the bracket the words a set of initials spells may start.
_SPELLED_OUT_WORDS = 14


def names_spelled_by_initials(doc: Doc) -> list[tuple[int, int, int]]:
    """``(start, end, initials)`` token indexes of the names whose initials follow them in
    brackets, where the capitalised words before the bracket spell the initials: "the Fire
    Service and Civil Defence (FSCD)", "the Vietnam Coffee Growers and Exporters Association
    (VICOGEA)" (a word may give more than its first letter). News spells out a body's name
    once before its initials, so the initials say how far back the name goes, where spaCy
    cut it at "and" or a comma, or missed it ("Environment and Climate Change Canada
    (ECCC)"). A lower-case body noun between the name and the bracket is no part of the name
    ("the Fish, Food and Allied Workers union (FFAW)"). Read from word ids: most paragraphs
    hold no bracket."""
    found: list[tuple[int, int, int]] = []
    if len(doc) < 4:
        return found
    strings = doc.vocab.strings
    opening, closing = strings["("], strings[")"]
    orths = doc.to_array(ORTH).tolist()
    for index in range(1, len(orths) - 2):
        if orths[index] != opening or orths[index + 2] != closing or not _is_acronym(
                doc[index + 1]):
            continue
        end = index
        if doc[end - 1].text.islower() and doc[end - 1].lower_ in ORGANIZATION_NOUNS:
            end -= 1  # "the X union (FFAW)"
        start = _start_spelled_by(doc, end, doc[index + 1].text.lower())
        if start is not None:
            found.append((start, end, index + 1))
    return found


def _start_spelled_by(doc: Doc, end: int, initials: str) -> int | None:
    """The earliest start of the capitalised words ending at ``end`` (joined by the joiners
    above) whose initials are ``initials``; None when no start spells them or the name would
    be one word."""
    first = end
    while first > 0 and end - first < _SPELLED_OUT_WORDS and not doc[first].is_sent_start and (
            _in_spelled_name(doc[first - 1]) or _hyphenated_half(doc, first - 1)):
        first -= 1
    words = [(t.text, t.lower_ in _INITIALS_JOINERS or not t.text[:1].isalnum()
              or _hyphenated_half(doc, t.i)) for t in doc[first:end]]
    for offset, (text, joiner) in enumerate(words):
        if joiner or text[:1].lower() != initials[0] or len(words) - offset < 2:
            continue
        if _spells(initials, words[offset:]):
            return first + offset
    return None


def _hyphenated_half(doc: Doc, index: int) -> bool:
    """The lower-case half after the hyphen of one word of a name ("Co-*operation*"), which
    its initials skip ("Organization for Security and Co-operation in Europe (OSCE)")."""
    return index >= 2 and doc[index].is_lower and doc[index - 1].text == "-" and (
        _joins_word(doc, index - 1)) and _one_word_hyphenated(doc[index - 2], doc[index])


def _in_spelled_name(token: Token) -> bool:
    return (is_name_token(token) and token.tag_ != "POS") or token.lower_ in _INITIALS_JOINERS


def _spells(initials: str, words: list[tuple[str, bool]]) -> bool:
    """Whether the words spell ``initials``, each word in order giving the start of what is
    left of them: a joining word gives its first letter or nothing, any other word at least
    its first letter ("Vi-Co-G-E-A")."""
    if not initials:
        return not words or all(joiner for _, joiner in words)
    if not words:
        return False
    (text, joiner), rest = words[0], words[1:]
    if joiner:
        return _spells(initials, rest) or (
            text[:1].lower() == initials[0] and _spells(initials[1:], rest))
    lowered = text.lower()
    return any(lowered[:size] == initials[:size] and _spells(initials[size:], rest)
               for size in range(min(len(lowered), len(initials)), 0, -1))


def glued_to_next_word(doc: Doc, end: int) -> bool:
    """A name followed by a comma with no space after it is cut from a longer word ("the
    RTS,S vaccine", a code with a comma inside): a fragment, not a name of its own."""
    return end + 1 < len(doc) and doc[end].text == "," and not doc[end].whitespace_ and (
        doc[end + 1].text[:1].isalnum())


def before_a_titled_person(doc: Doc, start: int, end: int) -> int:
    """Where a span ends once the title words that belong to the person named right after it
    are cut: spaCy reads "Clay County Sheriff" apart from "Ruth Okafor" but keeps the title,
    so the span names a job, not a body; what precedes the title ("Clay County") is the name."""
    if end >= len(doc) or doc[end].ent_type_ != "PERSON" or doc[end].ent_iob_ != "B":
        return end
    cut = end
    while cut - start > 1 and doc[cut - 1].text.istitle() and (
            _is_title_word(doc[cut - 1])):
        cut -= 1
    return cut


def title_inside(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Where the title inside a span starts and the person's name after it starts, when the
    span ends with a capitalised title and a name of two or more words ("Clay Fire Chief Ruth
    Okafor", "Kudra Regent Amir Salleh"): the words before the title say whose official the
    person is (a place, a body), the title is no name, and spaCy's span, person or body, holds
    two things. A title is one from the list ("Chief") or a word WordNet knows only as a
    common noun for a person ("Regent", "Sheriff"); the name after it has a word that is no
    common word (not "Chief Executive Officer")."""
    from retrieval.lexicon import get_wordnet

    wordnet = get_wordnet()
    for index in range(end - 3, start, -1):
        title, name = doc[index], doc[index + 1:end]
        if not (title.text.istitle() and _is_title_word(title)):
            continue
        if not all(t.pos_ == "PROPN" and is_name_token(t) and not _is_title_word(t)
                   for t in name):
            return None
        if wordnet is not None and all(wordnet.is_common_word(t.text) for t in name):
            return None
        if _ends_a_body_name(doc[end - 1]):
            return None  # "the Joint Health Sector Unions", "X Natural Resources Limited"
        first = index
        while first - start > 1 and doc[first - 1].text.istitle() and _is_title_word(
                doc[first - 1]):
            first -= 1  # "Apple Chief Executive": both words are the title
        return first, index + 1
    return None


#: Titles only a person bears ("Queen", "General", "Prince" also open names of places and
#: companies: "Queen Elizabeth Hospital", "General Motors").
_PERSONAL_TITLES = frozenset({
    "mr", "mrs", "ms", "dr", "bishop", "archbishop", "mayor", "judge", "sheikh", "reverend",
    "rev", "professor", "prof", "senator", "cardinal", "sergeant", "sgt", "detective",
    "inspector", "imam", "rabbi", "pastor"})
#: Offices whose holder's name follows the capitalised title ("Mayor Esteban Velasco",
#: "President X Y"), which spaCy leaves out of a name it then takes for a body's.
_OFFICES = frozenset({"president", "minister", "governor", "premier", "chancellor", "king",
                      "queen", "prince", "princess", "general", "colonel", "captain",
                      "commissioner", "ambassador", "coach", "councillor", "councilor"})


def person_after_opening_title(doc: Doc, start: int, end: int) -> int | None:
    """Where the person's name starts in a span spaCy read as a body that opens with a
    capitalised title and goes on with a name of two or more words ("Bishop Antoine
    Khoury"), or that such a title stands right before ("Mayor [Esteban Velasco] said"):
    the name is that person's (``title_inside``'s tests for the name)."""
    if start >= 1 and end - start >= 2 and doc[start - 1].text.istitle() and (
            doc[start - 1].lower_.rstrip(".") in _PERSONAL_TITLES | _OFFICES):
        first = start  # the title before the span, which spaCy left out of the name
    elif end - start >= 3 and doc[start].text.istitle() and doc[start].lower_.rstrip(".") in (
            _PERSONAL_TITLES):
        first = start + 1
    else:
        return None
    if doc[end - 1].lower_ in VENUE_NOUNS:
        return None  # (not "Queen Elizabeth Hospital")
    from retrieval.lexicon import get_wordnet

    wordnet = get_wordnet()
    name = doc[first:end]
    if not all(t.pos_ == "PROPN" and is_name_token(t) and not _is_title_word(t) for t in name):
        return None
    if wordnet is not None and all(wordnet.is_common_word(t.text) for t in name):
        return None
    if _ends_a_body_name(doc[end - 1]):
        return None  # "King Abdullah University"
    return first


def _ends_a_body_name(token: Token) -> bool:
    """A capitalised body's noun, singular or plural ("Unions", "Council"), or a company's
    legal form ("Limited", "Ltd"): no person's name ends on it, so a word before it that
    can be a title ("Health", "Natural") is part of the body's name."""
    word = token.lower_
    return token.text in CORPORATE_SUFFIXES or (token.text[:1].isupper() and (
        word in BODY_NOUNS or (word.endswith("s") and word[:-1] in BODY_NOUNS)))


def titled_name_in(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Where the person's name runs when a span spaCy calls a work of art, a law or an event
    opens with a capitalised title ("Magistrate Ana Ruiz wrote", often after a quote): a
    title stands before a person's name, so the words after it are one, with the person's
    span spaCy may have cut off right after ("[Magistrate Ana] [Ruiz]"). Two or more name
    words, not all common words ("Chief Executive Officer"); None otherwise."""
    from retrieval.lexicon import get_wordnet

    title = doc[start]
    if end - start < 2 or not (title.text.istitle() and _is_title_word(title)):
        return None
    name_end = end
    if name_end < len(doc) and doc[name_end].ent_type_ == "PERSON" and (
            doc[name_end].ent_iob_ == "B"):
        name_end += 1
        while name_end < len(doc) and doc[name_end].ent_iob_ == "I":
            name_end += 1
    name = doc[start + 1:name_end]
    if len(name) < 2 or not all(t.pos_ == "PROPN" and is_name_token(t) and not _is_title_word(t)
                                for t in name):
        return None
    wordnet = get_wordnet()
    if wordnet is None or all(wordnet.is_common_word(t.text) for t in name):
        return None
    return start + 1, name_end


def _is_title_word(token: Token) -> bool:
    """A title ("Dr", "Minister") or a word WordNet knows only as a common noun for a person
    ("Sheriff", "Coroner"): it stands before a name but is no part of it. Surnames that are
    also such nouns ("Baker", "Smith") are names in WordNet too, so they stay; a given name
    that is such a noun ("Petter") is why callers only cut it before a full name (two
    words)."""
    if _is_title(token):
        return True
    if not token.text.istitle():
        return False
    from retrieval.lexicon import get_wordnet, is_person_noun

    wordnet = get_wordnet()
    return (wordnet is not None and wordnet.is_common_word(token.lower_)
            and is_person_noun(token.lower_))


def is_title_word(token: Token) -> bool:
    """``_is_title_word`` for the other entity modules."""
    return _is_title_word(token)


def is_title_fragment(doc: Doc, start: int, end: int) -> bool:
    """A single capitalised title word spaCy took for a name ("Interior" in "Interior
    Minister", "State" in "Secretary of State")."""
    return end - start == 1 and _is_title(doc[start])


#: Titles of office-holders named by their portfolio ("Energy Minister", "Health Secretary").
_PORTFOLIO_TITLES = frozenset({"Minister", "Secretary"})


def portfolio_before_title(doc: Doc, start: int, end: int) -> bool:
    """"Energy Secretary Lena Park", "Mines and Energy Minister X": capitalised common nouns
    right before "Minister" or "Secretary" and a name name the office's portfolio, not a
    body, though spaCy reads "Energy" as one (the body would be "the Energy Ministry")."""
    from retrieval.lexicon import get_wordnet, is_adjective

    if end + 1 >= len(doc) or doc[end].text not in _PORTFOLIO_TITLES or not is_name_token(
            doc[end + 1]):
        return False
    wordnet = get_wordnet()
    return wordnet is not None and all(
        t.lower_ == "and" or (t.text.istitle() and (
            wordnet.has_common_noun_sense(t.text) or is_adjective(t.lower_)))
        for t in doc[start:end])  # "Federal Transport Minister X" too


def _portfolio_word(token: Token) -> bool:
    """A capitalised common noun or adjective of an office's portfolio ("Culture", "Public",
    "Works"), or the "and" between two."""
    from retrieval.lexicon import get_wordnet, is_adjective

    wordnet = get_wordnet()
    return token.lower_ == "and" or (wordnet is not None and token.text.istitle() and (
        wordnet.has_common_noun_sense(token.text) or is_adjective(token.lower_)
        or _plural_field(token, wordnet)))  # "Mines", "Fisheries"


def _after_a_titled_portfolio(doc: Doc, index: int) -> bool:
    """Whether the words up to ``index`` close "<Title> of/for <portfolio>": a title such as
    "Minister" or "Commissioner", "of" or "for", then capitalised common words only."""
    at = index - 1
    while at > 0 and doc[at].lower_ not in {"of", "for"} and _portfolio_word(doc[at]):
        at -= 1
    return index - at > 1 and at > 0 and doc[at].lower_ in {"of", "for"} and (
        doc[at - 1].text.istitle() and _is_title_word(doc[at - 1])) and (
        doc[at + 1].lower_ != "and")


def person_after_portfolio(doc: Doc, start: int, end: int) -> int | None:
    """Where the person's name starts in an unlabelled run of capitalised words after a
    title and its portfolio ("Deputy Minister of *Culture Dilnoza Karimova* said",
    "Commissioner for *Health Yakubu Abdullahi*"): past the portfolio's common words, two or
    more words that are not. None when the run is not so placed."""
    from retrieval.lexicon import get_wordnet

    wordnet = get_wordnet()
    if wordnet is None or start < 2:
        return None
    name = start
    while name < end and _portfolio_word(doc[name]):
        name += 1
    if name == start or end - name < 2 or not _after_a_titled_portfolio(doc, name):
        return None
    if any(wordnet.is_common_word(t.text) or not is_name_token(t) for t in doc[name:end]):
        return None
    return name


#: Members' titles written in capitals before a name ("Labour MP X", "Green MEP Y").
_MEMBER_TITLES = frozenset({"MP", "MPs", "MEP", "MSP", "MLA", "MPP", "MHA", "MNA", "TD"})


def _is_title(token: Token) -> bool:
    """"Dr", "Gen." are titles; "DR" and "GEN" in capitals are initials (a broadcaster); but
    a member's title ("MP", "MEP") is written in capitals."""
    if token.text in _MEMBER_TITLES:
        return True
    return token.lower_.rstrip(".") in TITLES and not (
        len(token.text) > 1 and token.text.rstrip(".").isupper())


#: A quote mark opens after a non-letter and closes before one: the apostrophe in "airline's"
#: is not a quote, so it cannot wrap the words after it ("headquarters in X") in a "quote".
_SHORT_QUOTE = re.compile(r"(?<!\w)[‘“\"']([^‘’“”\"]{1,40})[’”\"'](?!\w)")


def short_quotes(text: str) -> list[tuple[int, int]]:
    """Where the short quoted phrases of a paragraph's ``text`` are (once per paragraph)."""
    return [(match.start(), match.end()) for match in _SHORT_QUOTE.finditer(text)
            if len(match.group(1).split()) <= 5]


def in_short_quote(quotes: list[tuple[int, int]], start_char: int, end_char: int) -> bool:
    """Names inside a short quoted phrase are usually a slogan or a title, not a mention."""
    return any(start < start_char and end_char <= end for start, end in quotes)
