"""A close runner-up that says what the question asks goes first.

Some questions ask for something news English says in recognisable words: "when's the *next*
hearing" ("the next hearing is set for March 31"), "where is Voltera *based*" ("at the
company's headquarters in Amsterdam"), where a thing *goes* or *comes from* ("to the port of
Mejillones", "bulk wine from Spain"), "who *represents* Nogueira" ("Nogueira's agent, Bruno
Teixeira"), "what did the minister *say*" (her own words, in quotation marks), "what
happens *if* the regulators say no" ("If the deal is blocked…"), a rate ("how much *per
share*": "NZ$4.85 a share") or a population ("how many people *live* in Gimli"). The
reranker's best candidate often covers the question's other words better and says none of
it. When one of the next few candidates says it, covers enough of the question and answers
its kind, it goes first (``answers.choose_answers`` calls ``prefer_one_that_says_it`` before
deciding whether to abstain).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

from retrieval.naming import VESSEL_NAME, VESSEL_NOUNS
from retrieval.population import population_place, states_population
from retrieval.question import Question
from retrieval.rates import rate_asked, states_rate
from retrieval.store import ArticleBundle, StoredSentence
from retrieval.tokens import has_noun, plain_words

#: How many of the best candidates are looked through.
NEXT_REACH = 5
#: How many words from "based" / "headquarters" the company may be named or referred to
#: ("the Dublin-based ad-tech firm AdMerge"; not "Singapore-based Lumen Cells, a supplier
#: Voltan has used").
BASE_REACH = 4


class Candidate(Protocol):
    """What is read of a reranked candidate (``answers._Scored``)."""

    bundle: ArticleBundle
    sentence: StoredSentence
    coverage: float
    type_span: tuple[int, int, str] | None
    anchored: bool


C = TypeVar("C", bound=Candidate)


_VESSELS = "|".join(sorted(VESSEL_NOUNS))
#: (what the question asks, how a sentence says it).
_ASKS_AND_SAYS: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    # "what happens if the regulators say no", "what could happen if residents don't cut
    # back": a consequence on a condition ("If the deal is blocked by regulators, Allora has
    # agreed to pay…", "a stoppage in April, if there is no improved offer")
    (re.compile(r"^\W*what(?:'s|’s)?\b.*\bhappen\w*\b.*\b(?:if|unless)\b|^\W*what\s+if\b",
                re.IGNORECASE),
     re.compile(r"\b(?:if|unless)\b", re.IGNORECASE)),
    # "when's the next hearing": not what happened at the last one
    (re.compile(r"\b(?:the\s+)?next\b", re.IGNORECASE),
     re.compile(r"\b(?:next|upcoming)\b", re.IGNORECASE)),
    # "when was the line last checked", "when was the last time locusts were this bad": the
    # time before ("inspected 10 days earlier", "not updated since 2022", "the most serious
    # since early 2020", "the highest reading in 14 years")
    (re.compile(r"^\s*when\b.*\blast\b(?!\s+(?:week|month|year|night|season)\b)",
                re.IGNORECASE),
     re.compile(r"\b(?:since|ago|earlier|previous\w*|last\s+time|in\s+\w+\s+years)\b",
                re.IGNORECASE)),
    # "has this happened before", "who held the record before": an earlier time ("the
    # previous course record", "a similar attack on the same hospital in March 2020")
    (re.compile(r"\b(?:before|previously)\W*$|^\W*(?:has|have|had|did|was|were|is)\b.*\bever\b",
                re.IGNORECASE),
     re.compile(r"\b(?:previous(?:ly)?|former|earlier|prior|last|similar|second|"
                r"(?:1[89]|20)\d\d)\b", re.IGNORECASE)),
    # "what time did the bridge fall": a time on the clock ("at about 6.40 p.m. on Sunday")
    (re.compile(r"^\s*(?:at\s+)?what\s+time\b", re.IGNORECASE),
     re.compile(r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?m\b|p\.?m\b)|\b\d{1,2}:\d{2}\b|"
                r"\b(?:noon|midday|midnight|dawn)\b", re.IGNORECASE)),
    # "who represents / is defending / is representing X", "who is X's lawyer" ("defendant"
    # is no defending)
    # "where did the wine come from", "where are the migrants from": a place it comes from
    # ("buying bulk wine from Spain and the Languedoc")
    (re.compile(r"^\s*where\b.*\b(?:come|comes|came|coming|originat\w*|from)\W*$",
                re.IGNORECASE),
     re.compile(r"\bfrom\s+(?:(?:the|a|an)\s+)?(?:[a-z][\w-]*\s+){0,3}[A-Z]")),
    # "where was the train going", "where will Bolívar play instead", "where is Bolivia
    # going to appeal": where to ("to the port of Mejillones", "moving its games to Santa
    # Cruz", "would appeal to the Court of Arbitration for Sport")
    (re.compile(r"^\s*where\b.*\b(?:go|goes|going|went|gone|head(?:s|ed|ing)?|bound|taken|take|sent|"
                r"send|mov\w*|towed|flown|fly|flying|transferred|evacuated|relocated|"
                r"appeal\w*|play|playing|travel\w*|sail\w*|brought|bring|shipped|diverted|"
                r"redirected|rerouted)\b", re.IGNORECASE),
     re.compile(r"\b(?:to|into|towards?)\s+(?:(?:the|a|an)\s+)?(?:[a-z][\w-]*\s+){0,3}[A-Z]")),
    # "where exactly did the train derail", "where is the construction site": where it is
    # from a place the reader knows ("about 90 kilometres west of Abancay", "near the mining
    # town of Sierra Gorda"), rather than the region the opening sentence names
    (re.compile(r"^\s*where\b(?:.*\bexactly\b|\s+(?:is|was|are|were)\s+(?:the|this|that)\s+"
                r"[\w-]+(?:\s+[\w-]+){0,2}(?:\s+(?:located|situated))?\W*$)", re.IGNORECASE),
     re.compile(r"\b\d[\d,.]*\s*(?:km|kilometres?|kilometers?|miles?|metres?|meters?)\s+"
                r"(?:\w+\s+)?(?:north|south|east|west|from|outside|off|inland|upstream|"
                r"downstream)|\bnear\s+(?:the\s+)?(?:[\w-]+\s+)?(?:village|town|city|hamlet|"
                r"port)\s+of\s+[A-Z]", re.IGNORECASE)),
    # "what was the ferry called", "the name of the ship": a ship's name with its prefix
    # ("the MV Santa Lucia Express"), rather than a sentence about the ship's operator
    (re.compile(rf"\b(?:{_VESSELS})s?\b.*\b(?:called|named)\b|\bnames?\s+of\s+"
                rf"(?:the\s+|this\s+|that\s+)?(?:{_VESSELS})\b", re.IGNORECASE),
     VESSEL_NAME),
    (re.compile(r"^\s*who(?:'s|’s)?\b.*\b(?:represent\w*|defend(?!ant)\w*|lawyers?|"
                r"attorneys?|agents?|counsel)\b", re.IGNORECASE),
     re.compile(r"\b(?:lawyers?|attorneys?|agents?|counsel|solicitors?|barristers?|"
                r"advocates?)\b", re.IGNORECASE)),
)
#: "What did the police commander say", and nothing more: their own words, a quotation
#: ('"Our officers moved in within minutes," Kabwe said'), rather than a report of them; it
#: goes first only when its speaker is anchored in it (by name, title or pronoun).
_ASKS_WHAT_SAID = re.compile(r"^\s*what\s+(?:did|does|do|has|have|had)\s+.+?\s+(?:say|said|"
                             r"tell|told)(?:\s+(?:about\s+it|then|now|there))?\W*$",
                             re.IGNORECASE)
_QUOTATION_MARK = re.compile(r"[\"“”]")
#: A question about an earlier time: a year, "before", "last time", "ever", a record or a
#: superlative ("deadliest"; "-est" also catches "protest" and "arrest", which only leaves
#: those questions to the reranker as they were).
_ASKS_THE_PAST = re.compile(
    r"\b(?:1[89]\d\d|20\d\d|before|previous\w*|last\s+time|ever|history|historic\w*|past|"
    r"earlier|since|ago|record|\w+est)\b", re.IGNORECASE)
#: A sentence that recalls an earlier event, dated, to compare this one with ("the deadliest
#: since 1991, when a quake in Racha killed about 270", "In January 2021, a pair of
#: landslides … killed 40 people").
RECALLS_THE_PAST = re.compile(
    r"\bsince\s+(?:\w+\s+)?(?:1[89]\d\d|20\d\d),?\s+when\b|"
    # "The country's worst peacetime maritime disaster, the 1987 sinking of the Doña Paz"
    r"^\W*The\s+(?:\w+['’]s\s+)?(?:worst|deadliest|biggest|largest)\b[^.;]{0,50}?,\s+the\s+"
    r"(?:1[89]\d\d|20\d\d)\b|"
    r"^\W*In\s+(?:(?:early|late|mid)[\s-]+)?(?:\w+\s+)?(?:1[89]\d\d|20\d\d),|"
    # "The last major strike there, in 2021, lasted nine days"
    r"^\W*The\s+(?:last|previous|prior)\b[^.;]{0,40}?\b(?:1[89]\d\d|20\d\d)\b")
#: "Where is X based / headquartered", "where is X's head office", "which city is X based in".
_ASKS_BASE = re.compile(r"^\s*(?:where|which\s+(?:city|country|town))\b.*\b(?:based|"
                        r"headquartered|head\s*office|headquarters|hq)\b", re.IGNORECASE)
_SAYS_BASE = re.compile(r"\b(?:based|headquarter\w*|head\s+offices?|hq)\b", re.IGNORECASE)
#: A reference to the company a sentence is about: "the company's headquarters", "its head
#: office", "Pulsewise, which is based in…" (over words joined by spaces).
_ITS = re.compile(r"\b(?:its|the\s+(?:company|firm|group|bank|airline|carmaker|insurer|"
                  r"lender|operator|maker|start\s+up|startup)\s+s|which\s+is)\b")


def prefer_one_that_says_it(question: Question, scored: list[C],
                            min_coverage: float) -> None:
    """Reorder ``scored`` in place when the question asks for one of these things and a
    close candidate says it where the best does not."""
    if scored and (says_the_count := _says_the_count_asked(question.text)) is not None:
        # "how much per share": "Allora will pay NZ$4.85 a share" gives the rate that "shares
        # jumped 27 percent to NZ$4.70" does not; "how many people live in Gimli": "a town of
        # about 2,500 people" gives its population
        _promote(question, scored, min_coverage, says_the_count)
        if says_the_count(scored[0].bundle.text(scored[0].sentence)):
            return
    if _ASKS_WHAT_SAID.search(question.text):
        _promote(question, scored, min_coverage,
                 lambda text: _QUOTATION_MARK.search(text) is not None
                 and not _asked_only_inside_quotes(question, text), anchored=True)
        _quotation_from_its_start(question, scored)
        return
    for asks, says in _ASKS_AND_SAYS:
        if asks.search(question.text):
            _promote(question, scored, min_coverage,
                     lambda text, says=says: says.search(text) is not None)
            return
    if _ASKS_BASE.search(question.text):
        _promote(question, scored, min_coverage, _says_its_base(question.entity_names))
        return
    doer = _ASKS_WHO_DID.match(question.text)
    if doer is not None and doer.group("verb").lower() not in _NOT_DOING:
        # "who built the road": "was built in 30 months by a group of contractors led by X"
        stem = re.escape(doer.group("verb").lower()[:4])
        by = re.compile(rf"\b{stem}\w*\s+(?:[\w,-]+\s+){{0,6}}?by\s+(?:the\s+|a\s+|an\s+)?\S",
                        re.IGNORECASE)
        names = [name.lower() for name in question.entity_names]  # of X itself, not a rival
        _promote(question, scored, min_coverage,
                 lambda text: by.search(text) is not None
                 and all(name in text.lower() for name in names))
        return
    if question.wh in {"how_many", "how_long"} and not _ASKS_THE_PAST.search(
            question.text):
        # "how many people were killed": not the earlier disaster the article compares this
        # one with ("the deadliest since 1991, when a quake in Racha killed about 270")
        _promote(question, scored, min_coverage,
                 lambda text: RECALLS_THE_PAST.search(text) is None
                 or _CHANGE_SINCE.search(text) is not None)


def _says_the_count_asked(question: str) -> Callable[[str], bool] | None:
    """For a question that asks a rate ("how many a day", ``rates``) or a population ("how
    many people live in X", ``population``), whether a sentence states one; else None."""
    if (unit := rate_asked(question)) is not None:
        return lambda text: states_rate(text, unit)
    if (place := population_place(question)) is not None:
        return lambda text: states_population(text, place)
    return None


#: A change measured from a time, whose "since 2022, when…" says why, not what happened
#: before ("prices have fallen by 40 percent since 2022, when the EU lifted duties").
_CHANGE_SINCE = re.compile(
    r"\b(?:fallen|fell|risen|rose|grown|grew|dropped|doubled|tripled|halved|increased|"
    r"decreased|declined|climbed|jumped|slumped|plunged|soared|shrunk|shrank)\b[^.;]{0,40}?"
    r"\bsince\s+(?:\w+\s+)?(?:1[89]\d\d|20\d\d),?\s+when\b")


#: "Who built / operates / funded X": the doer of a verb, which news often puts after "by"
#: ("operated by the private company Adria Trajekt").
_ASKS_WHO_DID = re.compile(r"^\W*who\s+(?:has\s+|had\s+|will\s+)?(?P<verb>[a-z]{4,})\b",
                           re.IGNORECASE)
#: Words after "who" that are no verb of doing ("who else", "who says", "who is…").
_NOT_DOING = frozenset({"else", "were", "said", "says", "told", "will", "have", "does", "would",
                        "could", "should", "must", "might", "shall"})


#: A quotation's words, between straight or curly double quotes (or from an opening quote to
#: the end, when the quotation goes on in the next sentence).
_QUOTED = re.compile(r"[\"“][^\"”]*(?:[\"”]|$)")


#: How many sentences back a quotation's opening is looked for.
QUOTATION_REACH = 3


def _closing_mark(text: str) -> re.Match[str] | None:
    """The mark that closes a quotation opened in a sentence before this one ('An airport is
    not a luxury for us," said Nuno Brito'), when the sentence's first mark closes one."""
    first = _QUOTATION_MARK.search(text)
    if first is not None and (first.group() == "”" or (
            first.group() == '"' and text.count('"') % 2 == 1 and first.start() > 0)):
        return first
    return None


def _quotation_from_its_start(question: Question, scored: list[C]) -> None:
    """"What did the mayor say": when the best sentence ends a quotation of several sentences
    with its attribution, the quotation's first sentence goes first — what she said begins
    there ('"When the sea is closed, Brava is closed. An airport is not a luxury for us,"
    said Nuno Brito'), and it is the sentence a reader quotes."""
    if not scored:
        return
    best = scored[0]
    text = best.bundle.text(best.sentence)
    if _closing_mark(text) is None or _asked_only_inside_quotes(question, text):
        return  # ("what did the valuers say": 'Two independent valuers told us…," Mahe said')
    bundle, position = best.bundle, best.sentence.position
    for back in range(1, QUOTATION_REACH + 1):
        if position - back < 0:
            return
        earlier = bundle.text(bundle.sentences[position - back])
        if earlier.lstrip().startswith(("\"", "“")):
            for index, item in enumerate(scored):
                if item.bundle.row.id == bundle.row.id and (
                        item.sentence.position == position - back):
                    # the attribution's evidence is the opening's: the speaker is named
                    # there, not in the words she said
                    item.coverage = max(item.coverage, best.coverage)
                    item.anchored = item.anchored or best.anchored
                    scored.insert(0, scored.pop(index))
                    return
            return
        if _QUOTATION_MARK.search(earlier):
            return  # another quotation in between


def _asked_only_inside_quotes(question: Question, text: str) -> bool:
    """Whether a word the question names the speaker by occurs in the quotation but not
    around it ('"The police were on the other side of the road," said Brian Phiri' is not
    what the police commander said)."""
    head = ""
    if (closing := _closing_mark(text)) is not None:
        # a quotation that opened in the sentence before: 'The gate was just swinging,"
        # said Brian Phiri'
        head, text = text[:closing.start()], text[closing.end():]
    quoted = head + " " + " ".join(_QUOTED.findall(text))
    outside = _QUOTED.sub(" ", text)
    inside_words, outside_words = set(plain_words(quoted)), set(plain_words(outside))
    return any(has_noun(inside_words, term) and not has_noun(outside_words, term)
               for term in question.terms if question.pos.get(term) in {"NOUN", "PROPN"})


def _says_its_base(names: Sequence[str]) -> Callable[[str], bool]:
    """Whether a sentence says where the question's company is based: "based" or
    "headquarters" with the company named, or referred to, within ``BASE_REACH`` words."""
    subject = {word for name in names for word in plain_words(name)}

    def says(text: str) -> bool:
        for match in _SAYS_BASE.finditer(text):
            before = re.findall(r"[^\W\d_]+", text[:match.start()])[-BASE_REACH:]
            after = re.findall(r"[^\W\d_]+", text[match.end():])[:BASE_REACH]
            words = before + after
            if _ITS.search(" ".join(words).lower()) or subject & set(
                    plain_words(" ".join(words))):
                return True
        return False

    return says


def _promote(question: Question, scored: list[C], min_coverage: float,
             says: Callable[[str], bool], anchored: bool = False) -> None:
    """Move the first of the next few candidates whose sentence ``says`` what the question
    needs (covering the question and answering its kind) to the front, unless the best one
    says it already."""
    if not scored or says(scored[0].bundle.text(scored[0].sentence)):
        return
    for index, item in enumerate(scored[1:NEXT_REACH], start=1):
        if says(item.bundle.text(item.sentence)) and item.coverage >= min_coverage \
                and (item.type_span is not None or not question.answer_labels) \
                and (not anchored or item.anchored):
            scored.insert(0, scored.pop(index))
            return
