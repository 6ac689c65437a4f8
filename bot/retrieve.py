"""Find the chunks that bear on a question: dense (FAISS) and BM25 rankings fused by reciprocal rank.

RRF needs no score calibration between the two retrievers and was measured better than either one
alone on SciFact and SQuAD (README). Scores of both retrievers are kept on each `Hit`, because the
answer step uses them as features.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .embedding import Embedder
from .lexical import terms
from .store import StoredIndex
from .vectors import search

RRF_K = 60
POOL = 50  # candidates taken from each retriever before fusion


@dataclass(frozen=True)
class Hit:
    row: int  # chunk row in the index
    score: float  # fused score
    dense: float  # cosine of question and chunk
    bm25: float  # BM25 score of the chunk over its ceiling, 0-1 (0 when not in BM25's pool)
    rank: int  # 0-based fused rank


class Retriever:
    def __init__(self, index: StoredIndex, embedder: Embedder):
        self.index = index
        self.embedder = embedder
        self.vocab = index.bm25.vocab_dict
        indptr = np.asarray(index.bm25.scores["indptr"])
        n_chunks = max(len(index.chunks), 1)
        df = np.diff(indptr).astype(np.float64)
        # BM25-style inverse document frequency of every term, for sentence-level features.
        self.idf = np.log(1 + (n_chunks - df + 0.5) / (df + 0.5))

    def term_idf(self, term: str) -> float:
        row = self.vocab.get(term)
        if row is None or row >= len(self.idf):
            return float(np.log(1 + (len(self.index.chunks) + 0.5) / 0.5))  # unseen: as rare as can be
        return float(self.idf[row])

    def known(self, term: str) -> bool:
        return term in self.vocab

    def embed_question(self, question: str) -> np.ndarray:
        return self.embedder.embed([question])[0]

    def search(self, question: str, query_vector: np.ndarray, mode: str = "fused",
               k: int = 10) -> list[Hit]:
        """Top `k` chunks; `mode` is "fused", "dense" or "bm25" (the latter two for comparisons)."""
        dense_scores, dense_rows = search(self.index.dense, query_vector, POOL)
        bm25_scores, bm25_rows = self._bm25(question)
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

    def _bm25(self, question: str) -> tuple[np.ndarray, np.ndarray]:
        known = [t for t in terms(question) if t in self.vocab]
        if not known:
            return np.zeros(0), np.zeros(0, dtype=np.int64)
        # Divided by the best score any chunk could reach for these terms, so that the figure means
        # the same in a one-article folder as in a thousand-article one.
        ceiling = sum(self.term_idf(t) for t in known) * (self.index.bm25.k1 + 1)
        scores = self.index.bm25.get_scores(known) / max(ceiling, 1e-9)
        rows = np.flatnonzero(scores)  # only chunks holding a question term; few, even in 1M
        if len(rows) > POOL:
            rows = rows[np.argpartition(-scores[rows], POOL - 1)[:POOL]]
        rows = rows[np.argsort(-scores[rows])]
        return scores[rows], rows
