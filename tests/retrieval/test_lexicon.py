"""WordNet access: synset lines found without mapping the whole data file first."""

from __future__ import annotations

import pytest

from retrieval.lexicon import WordNet, _find_line, wordnet_root


@pytest.mark.parametrize("pos", ["n", "v", "a", "r"])
def test_a_synset_line_found_by_bisection_is_the_one_the_map_gives(pos: str) -> None:
    root = wordnet_root()
    if root is None:
        pytest.skip("no WordNet data")
    lazy, mapped = WordNet(root), WordNet(root)
    starts = mapped._line_starts(pos)
    offsets = sorted(starts)
    sample = offsets[:5] + offsets[-5:] + offsets[:: max(1, len(offsets) // 400)]
    for offset in sample:
        assert lazy._line_start(pos, offset) == starts[offset]
        assert lazy._synset_raw_words(offset, pos) == mapped._synset_raw_words(offset, pos)
        assert lazy.synset(offset, pos) == mapped.synset(offset, pos)
    assert not lazy._starts  # no map was built
    for missing in (0, offsets[0] + 1, offsets[-1] + 1):
        with pytest.raises(KeyError):
            lazy._line_start(pos, missing)


def test_remembered_synset_offsets_are_the_index_files_and_a_list_of_ones_own() -> None:
    root = wordnet_root()
    if root is None:
        pytest.skip("no WordNet data")
    wordnet = WordNet(root)
    for lemma, pos in (("person", "n"), ("carry out", "v"), ("media", "n"), ("zzzq", "n")):
        first = wordnet.synset_offsets(lemma, pos)
        assert first == wordnet._find_offsets(lemma, pos)
        first.append(-1)  # a caller's change stays its own
        assert wordnet.synset_offsets(lemma, pos) == wordnet._find_offsets(lemma, pos)
    assert wordnet.synset_offsets("person", "n")


@pytest.mark.parametrize("pos", ["n", "v", "a", "r"])
def test_a_look_up_through_the_signposts_finds_what_bisecting_the_whole_file_finds(
        pos: str) -> None:
    root = wordnet_root()
    if root is None:
        pytest.skip("no WordNet data")
    wordnet = WordNet(root)
    for data in (wordnet._index[pos], wordnet._data[pos]):
        lines = [line for line in data[:].split(b"\n") if line and not line.startswith(b"  ")]
        keys = [line.split(b" ")[0] + b" " for line in lines]
        assert keys == sorted(keys)  # what both searches rely on
        # every key near a signpost (the first lines of a stretch, the last ones before the
        # next), a sample of the rest, and keys that are no line's
        sample = keys[:40] + keys[-40:] + keys[::23]
        sample += [key[:-1] + b"x " for key in keys[::97]] + [key[:-2] + b" " for key in keys[::89]]
        sample += [b"a ", b"zzzzzzzz ", b"0 ", b"~ ", b"00000000 ", b"99999999 "]
        for key in sample:
            assert wordnet._find(data, key) == _find_line(data, key), key
        posts = wordnet._signposts[id(data)]
        for start in posts.starts:
            key = data[start:data.find(b" ", start) + 1]
            before = data[data.rfind(b"\n", 0, start - 1) + 1:start]
            for probe in (key, before.split(b" ")[0] + b" "):
                if not probe.startswith(b" "):
                    assert wordnet._find(data, probe) == _find_line(data, probe), probe
