"""Persistence: one ``.npy`` per array plus a JSON header (format version, CRC32s) in a fresh
directory, published by atomically replacing a small ``CURRENT`` pointer file."""

from __future__ import annotations

import json
import os
import shutil
import uuid
import zlib
from pathlib import Path
from typing import TypeVar

import numpy as np

from retrieval.bm25.params import _Params
from retrieval.bm25.segment import _SEGMENT_ARRAYS, _Segment
from retrieval.bm25.snapshot import _make_snapshot, _Snapshot

FORMAT_NAME = "article-bot-bm25"
FORMAT_VERSION = 1

_Index = TypeVar("_Index")  # BM25Index (not imported: it imports this module)


class IndexFormatError(Exception):
    """A saved index is missing, damaged or written by an incompatible version."""


def _save(snap: _Snapshot, terms: list[str], params: _Params, directory: Path) -> None:
    """Write the current snapshot under ``directory`` atomically.

    Arrays go to a fresh sub-directory; a small ``CURRENT`` file naming it is then replaced
    in one ``os.replace``, so a reader (or a crash) sees either the old or the new index.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    name = f"snap-{uuid.uuid4().hex}"
    tmp = directory / f".tmp-{name}"
    tmp.mkdir()
    try:
        header = _write_arrays(snap, terms, params, tmp)
        (tmp / "header.json").write_text(json.dumps(header))
        _fsync_dir(tmp)
        os.replace(tmp, directory / name)
        pointer = directory / f".CURRENT-{name}"
        pointer.write_text(
            json.dumps({"format": FORMAT_NAME, "version": FORMAT_VERSION, "snapshot": name})
        )
        with open(pointer, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(pointer, directory / "CURRENT")
        _fsync_dir(directory)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    for old in directory.glob("snap-*"):
        if old.name != name:
            shutil.rmtree(old, ignore_errors=True)


def _write_arrays(snap: _Snapshot, terms: list[str], params: _Params, tmp: Path) -> dict:
    files = {}

    def put(name: str, arr: np.ndarray) -> None:
        path = tmp / f"{name}.npy"
        with open(path, "wb") as fh:
            np.save(fh, np.ascontiguousarray(arr), allow_pickle=False)
            fh.flush()
            os.fsync(fh.fileno())
        files[name] = {"crc32": _crc32(path), "bytes": path.stat().st_size}

    put("df", snap.df)
    terms = terms[: snap.vocab_size]
    encoded = [t.encode("utf-8") for t in terms]
    put("vocab_bytes", np.frombuffer(b"".join(encoded), dtype=np.uint8))
    put("vocab_offsets", np.cumsum([0, *map(len, encoded)], dtype=np.int64))
    segs = []
    for j, seg in enumerate(snap.segments):
        for name, arr in seg.arrays().items():
            put(f"s{j}_{name}", arr)
        segs.append(
            {
                "tf_stored": seg.tf_stored,
                "ref_avgdl": seg.ref_avgdl,
                "n_live": seg.n_live,
                "live_len": seg.live_len,
                "has_live": seg.live is not None,
            }
        )
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "params": {"k1": params.k1, "b": params.b, "epsilon": params.epsilon},
        "vocab_size": snap.vocab_size,
        "segments": segs,
        "files": files,
    }


def _load(cls: type[_Index], directory: Path, mmap: bool) -> _Index:
    pointer = json.loads((directory / "CURRENT").read_text())
    _check_format(pointer)
    root = directory / str(pointer["snapshot"])
    header = json.loads((root / "header.json").read_text())
    _check_format(header)
    files = header["files"]

    def get(name: str) -> np.ndarray:
        path = root / f"{name}.npy"
        info = files[name]
        if path.stat().st_size != info["bytes"]:
            raise IndexFormatError(f"{path.name} has the wrong size")
        if not mmap and _crc32(path) != info["crc32"]:
            raise IndexFormatError(f"{path.name} is corrupt (checksum mismatch)")
        return np.load(path, mmap_mode="r" if mmap else None, allow_pickle=False)

    params = header["params"]
    index = cls(params["k1"], params["b"], params["epsilon"])
    blob = get("vocab_bytes").tobytes()
    offsets = get("vocab_offsets").tolist()
    terms = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(len(offsets) - 1)]
    if len(terms) != header["vocab_size"]:
        raise IndexFormatError("vocabulary size mismatch")
    index._terms = terms
    index._vocab = {t: i for i, t in enumerate(terms)}
    segments = []
    for j, meta in enumerate(header["segments"]):
        arrays = {name: get(f"s{j}_{name}") for name in _SEGMENT_ARRAYS}
        live = get(f"s{j}_live") if meta["has_live"] else None
        seg = _Segment(
            live=live,
            n_live=int(meta["n_live"]),
            live_len=int(meta["live_len"]),
            ref_avgdl=float(meta["ref_avgdl"]),
            params=index._params,
            tf_stored=bool(meta["tf_stored"]),
            **arrays,
        )
        _validate_segment(seg, len(terms))
        segments.append(seg)
    df = np.array(get("df"), dtype=np.int64)
    if len(df) != len(terms):
        raise IndexFormatError("document frequency table size mismatch")
    index._snap = _make_snapshot(segments, len(terms), df, index._params.epsilon)
    return index


def _check_format(meta: dict) -> None:
    if meta.get("format") != FORMAT_NAME:
        raise IndexFormatError(f"not a BM25 index (format {meta.get('format')!r})")
    if meta.get("version") != FORMAT_VERSION:
        raise IndexFormatError(
            f"BM25 index format version {meta.get('version')!r}, expected {FORMAT_VERSION}"
        )


def _validate_segment(seg: _Segment, vocab_size: int) -> None:
    """Cheap structural checks, so a damaged index fails at load and not inside a search."""
    n, u = seg.n, len(seg.term_ids)
    ok = (
        len(seg.keys) == n
        and len(seg.term_df) == u
        and len(seg.term_gmax) == u
        and len(seg.term_dense) == u
        and len(seg.indptr) == u + 1
        and (u == 0 or (int(seg.term_ids[-1]) < vocab_size and int(seg.term_ids[0]) >= 0))
        and int(seg.indptr[-1]) == len(seg.docs) == len(seg.g)
        and len(seg.tf) == (len(seg.docs) if seg.tf_stored else 0)
        and seg.g_dense.shape[1:] == (n,)
        and seg.tf_dense.shape == (seg.g_dense.shape if seg.tf_stored else (0, n))
        and len(seg.group_bounds) == len(seg.group_ids) + 1
        and (len(seg.group_bounds) == 0 or int(seg.group_bounds[-1]) == n)
        and (seg.live is None or len(seg.live) == n)
        and len(seg.champ_ptr) == u + 1
        and int(seg.champ_ptr[-1]) == len(seg.champ_docs)
        and (len(seg.docs) == 0 or (int(seg.docs.min()) >= 0 and int(seg.docs.max()) < n))
    )
    if not ok:
        raise IndexFormatError("inconsistent segment arrays")


def _crc32(path: Path) -> int:
    crc = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 24):
            crc = zlib.crc32(chunk, crc)
    return crc


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
