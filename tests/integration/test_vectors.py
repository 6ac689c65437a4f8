"""The dense index chosen by size: exact float16 scan up to the limit, HNSW above, both accurate."""

from __future__ import annotations

import numpy as np
import pytest

from bot.store.folder import vectors


def _clustered(n: int, dim: int = 64, seed: int = 0) -> np.ndarray:
    """Vectors with neighbourhoods, like real embeddings (uniform random ones have none)."""
    rng = np.random.default_rng(seed)
    centers = rng.standard_normal((50, dim)).astype(np.float32)
    x = centers[rng.integers(0, 50, n)] + 0.4 * rng.standard_normal((n, dim)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def _recall(index, data: np.ndarray, queries: np.ndarray, k: int = 10) -> float:
    exact = np.argsort(-(queries @ data.T), axis=1)[:, :k]
    found = [len(set(vectors.search(index, q, k)[1].tolist()) & set(e.tolist())) / k
             for q, e in zip(queries, exact)]
    return float(np.mean(found))


def test_exact_below_the_limit_and_hnsw_above(monkeypatch):
    data = _clustered(3000)
    queries = _clustered(40, seed=1)
    index, kind = vectors.make_dense_index(data)
    assert kind == "flat-fp16-ip" and index.ntotal == 3000
    assert _recall(index, data, queries) >= 0.99  # float16 rounding barely moves a cosine

    monkeypatch.setattr(vectors, "EXACT_LIMIT", 1000)
    index, kind = vectors.make_dense_index(data)
    assert kind.startswith("hnsw") and hasattr(index, "hnsw")
    assert _recall(index, data, queries) >= 0.95


def test_search_scores_are_cosines_and_missing_rows_are_dropped():
    data = _clustered(5)
    index, _ = vectors.make_dense_index(data)
    scores, rows = vectors.search(index, data[2], 50)  # more than there are: no -1 rows come back
    assert len(rows) == 5 and rows[0] == 2
    assert scores[0] == pytest.approx(1.0, abs=1e-3)


def test_stored_index_is_memory_mapped_not_copied(seed_index):
    """reading.load maps the FAISS file: its vectors stay in the file, not in a private copy."""
    from bot.store.folder import reading

    loaded = reading.load(seed_index.index_dir)
    path = str(loaded.folder / "dense.faiss")
    with open("/proc/self/maps") as maps:
        assert any(line.rstrip().endswith(path) for line in maps)
