"""Bringing stored articles up to the current analysis rules (index terms, entity rules).

When the rules change, articles stored under the old ones are analysed again so that an
upgrade improves them too; they keep their ids, and the caller rebuilds the index from the
new terms. A small library is brought up to date when it opens; a big one waits for the
operator (``python -m bot reanalyse``), since spaCy would keep the bot from starting.
"""

from __future__ import annotations

import logging

from retrieval.analysis import ANALYSIS_VERSION, analyse_many
from retrieval.library_threads import LibraryThreads
from retrieval.store import Store

log = logging.getLogger(__name__)

#: Articles analysed per trip to the spaCy thread when stored articles are analysed again.
REANALYSIS_BATCH = 64
#: Up to this many stored sentences (about a minute of spaCy), articles stored under older
#: analysis rules are analysed again when the library opens; above it, on request
#: (``python -m bot reanalyse``).
REANALYSE_AT_START_SENTENCES = 20_000


async def refresh_analyses(store: Store, threads: LibraryThreads,
                           reanalyse: bool | None = None) -> int:
    """Analyse the stored articles again when the analysis rules changed since they were
    stored: always with ``reanalyse=True``, never with False, and by default when there are
    few enough of them to do it now (``REANALYSE_AT_START_SENTENCES``). Returns how many
    articles were analysed again."""
    stored = await store.analysis_version()
    if reanalyse is False or (stored == ANALYSIS_VERSION and reanalyse is not True):
        return 0
    if reanalyse is None and await store.count_sentences() > REANALYSE_AT_START_SENTENCES:
        # spaCy at a few hundred sentences a second: a big library would keep the bot
        # from starting for many minutes, so the operator chooses when
        log.warning("the stored articles were analysed with older rules (%d, now %d); run "
                    "`python -m bot reanalyse` to bring them up to date", stored,
                    ANALYSIS_VERSION)
        return 0
    texts = await store.stored_texts()
    if texts:
        log.info("analysing %d stored articles again (analysis rules %d → %d)",
                 len(texts), stored, ANALYSIS_VERSION)
        nlp = await threads.nlp()
        for start in range(0, len(texts), REANALYSIS_BATCH):
            batch = texts[start:start + REANALYSIS_BATCH]
            analysed = await threads.nlp_call(
                lambda items: list(analyse_many(nlp, items)), [p for _, p in batch])
            for (article_id, _), result in zip(batch, analysed, strict=True):
                await store.replace_analysis(article_id, result)
    await store.set_analysis_version(ANALYSIS_VERSION)
    return len(texts)
