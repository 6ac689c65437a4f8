"""Find the chunks that bear on a question: dense (FAISS) and BM25 rankings fused by reciprocal rank.

RRF needs no score calibration between the two retrievers and was measured better than either one
alone on SciFact and SQuAD (README). Scores of both retrievers are kept on each `Hit`, because the
answer step uses them as features.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.answer.kinds import CAPITALIZED
from bot.core.lexical import stemmer, terms, words
from bot.embed.embedding import Embedder
from bot.store.base import Build

RRF_K = 60
POOL = 50  # candidates taken from each retriever before fusion


@dataclass(frozen=True)
class Hit:
    row: int  # chunk row in the index
    score: float  # fused score
    dense: float  # cosine of question and chunk
    bm25: float  # BM25 score of the chunk over its ceiling, 0-1 (0 when not in BM25's pool)
    rank: int  # 0-based fused rank


class Lexicon:
    """The index's document frequencies of one question's terms, looked up together (a database
    round trip for PostgreSQL), then `idf` and `known` for any of them; a term not looked up yet
    is fetched when asked for."""

    def __init__(self, index: Build, wanted: set[str]):
        self.index, self.chunks = index, max(len(index.chunks), 1)
        self.asked, self.df = set(wanted), index.document_frequencies(wanted)

    def _df(self, term: str) -> int:
        if term not in self.asked:
            self.asked.add(term)
            self.df.update(self.index.document_frequencies({term}))
        return self.df.get(term, 0)

    def idf(self, term: str) -> float:
        """BM25's (Lucene) inverse document frequency; a term no chunk holds is as rare as can be."""
        df = self._df(term)
        return float(np.log(1 + (self.chunks - df + 0.5) / (df + 0.5)))

    def known(self, term: str) -> bool:
        return self._df(term) > 0


class Retriever:
    def __init__(self, index: Build, embedder: Embedder):
        self.index = index
        self.embedder = embedder

    def lexicon(self, question: str) -> Lexicon:
        """Every word of the question, stemmed, stop words and names too: what its features ask about."""
        stem = stemmer()
        return Lexicon(self.index, {stem(w) for w in words(question)}
                       | {stem(w.lower()) for w in CAPITALIZED.findall(question)})

    def term_idf(self, term: str) -> float:
        return Lexicon(self.index, {term}).idf(term)

    def known(self, term: str) -> bool:
        return Lexicon(self.index, {term}).known(term)

    def embed_question(self, question: str) -> np.ndarray:
        return self.embedder.embed([question])[0]

    def search(self, question: str, query_vector: np.ndarray, mode: str = "fused",
               k: int = 10, lexicon: Lexicon | None = None) -> list[Hit]:
        """Top `k` chunks; `mode` is "fused", "dense" or "bm25" (the latter two for comparisons)."""
        dense_scores, dense_rows = self.index.dense_search(query_vector, POOL)
        bm25_scores, bm25_rows = self._bm25(question, lexicon or self.lexicon(question))
        dense_of = dict(zip(dense_rows.tolist(), dense_scores.tolist()))
        bm25_of = dict(zip(bm25_rows.tolist(), bm25_scores.tolist()))
        fused: dict[int, float] = {}
        if mode in ("fused", "dense"):
            for rank, row in enumerate(dense_rows.tolist()):
                fused[row] = fused.get(row, 0.0) + 1 / (RRF_K + rank)
        if mode in ("fused", "bm25"):
            for rank, row in enumerate(bm25_rows.tolist()):
                fused[row] = fused.get(row, 0.0) + 1 / (RRF_K + rank)
        best = sorted(fused, key=fused.get, reverse=True)[:k]
        missing = [row for row in best if row not in dense_of]
        if missing:  # exact cosines for BM25-only hits: cheap, and the answer step wants them
            vectors = self.index.chunk_vectors(missing)
            dense_of.update(zip(missing, (vectors @ query_vector).tolist()))
        return [Hit(row, fused[row], dense_of[row], bm25_of.get(row, 0.0), rank)
                for rank, row in enumerate(best)]

    def _bm25(self, question: str, lexicon: Lexicon) -> tuple[np.ndarray, np.ndarray]:
        known = [t for t in terms(question) if lexicon.known(t)]
        if not known:
            return np.zeros(0), np.zeros(0, dtype=np.int64)
        # Divided by the best score any chunk could reach for these terms, so that the figure means
        # the same in a one-article folder as in a thousand-article one.
        ceiling = sum(lexicon.idf(t) for t in known) * (self.index.bm25_k1 + 1)
        scores, rows = self.index.bm25_search(known, POOL)
        return scores / max(ceiling, 1e-9), rows
