"""An inverted BM25 index whose scores equal ``rank_bm25.BM25Okapi`` but that answers a top-k
question over a million sentences in about a millisecond.

Why not BM25Okapi itself: it scores every document for every query term in Python (≈1 s per
question at 1M sentences) and has to be rebuilt from scratch when an article is added.

Design (each point is there because the naive version failed a target):

* **Exact by construction.** Reported scores are recomputed in float64 with BM25Okapi's own
  formula and operation order (``idf * (tf*(k1+1) / (tf + k1*(1-b+b*dl/avgdl)))`` summed over
  the query tokens, duplicates included). Float32 scores only *select* candidates, and every
  pruning step uses proven bounds, so the top-k scores equal brute force; ties are broken by
  insertion order (earlier first), brute force may break them otherwise. Hits have score > 0.
* **Segments.** Documents live in immutable segments (one big base plus small appended ones,
  merged geometrically, ratio 4), so adding an article builds a tiny segment instead of
  re-indexing; ``N``, ``df``, ``idf`` and the epsilon floor are global and recomputed on every
  change (O(vocabulary)).
* **Stale weights with bounds.** Each segment stores ``g = tf*(k1+1)/(tf+K)`` per posting at
  the ``avgdl`` current when it was built. Later drift of ``avgdl`` scales every ``g`` by a
  factor inside ``[min(1, r), max(1, r)]`` (``r`` = avgdl now / then), so bounds just widen a
  little instead of forcing a rebuild. ``tf`` itself is recovered from ``g`` exactly (checked
  for every posting at build time; stored instead when float32 cannot guarantee it).
* **Head terms dense.** Terms in at least 1/16 of a big segment's documents are dense float32
  rows: a lookup is a gather and a full pass one vectorised multiply-add, where postings would
  cost a scatter or a binary search per document.
* **Pruning.** A threshold is seeded from each term's champion documents (its best weights)
  and the rarest term's list. Terms whose bounds sum below it may be skipped; the skipped set
  is chosen to skip the most postings (a small knapsack, better than MaxScore's prefix when a
  rare pair stands in for a head term). Essential terms are accumulated term-at-a-time, the
  rest looked up only for candidates whose bound still reaches the threshold; when a head
  term is essential, the segment is scored in vectorised full passes instead.
* **Groups** are contiguous document ranges: a few groups are scored exhaustively through
  postings ranges; many groups use a cached per-segment mask with the pruned search.
* **Lock-free reads.** A search reads one immutable snapshot; writers (serialised by a lock)
  build a new snapshot and publish it with one reference assignment.
* **Deletion** marks a group's documents dead (and updates the statistics exactly); a segment
  is rewritten once a quarter of it is dead.
* **Persistence**: one ``.npy`` per array plus a JSON header (format version, CRC32s) in a
  fresh directory, published by atomically replacing a small ``CURRENT`` pointer file.
"""

from retrieval.bm25.index import BM25Index
from retrieval.bm25.persist import IndexFormatError
from retrieval.bm25.ranges import KeyRun
from retrieval.bm25.search import Hit

__all__ = ["BM25Index", "Hit", "IndexFormatError", "KeyRun"]
