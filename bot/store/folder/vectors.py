"""Choose the FAISS index for a set of normalized vectors: exact while that is fast, HNSW above.

Both kinds keep the vectors in float16 (FAISS scalar quantizer `QT_fp16`): half the disk and memory
of float32, and on two cores an exact scan of float16 codes measured about 4x faster than
`IndexFlatIP` for one query (100k vectors: 3.3 ms against 13.5 ms). Rounding normalized vectors to
float16 moves a cosine by about 1e-4; the benchmark measures recall@10 against exact float32 search
for every index it builds (`python -m bench`, README "Benchmarks").

- up to EXACT_LIMIT vectors: "flat-fp16-ip", an exact scan (a few ms at the limit);
- above: "hnsw32-fp16-ip", an HNSW graph whose search time stays near a millisecond or two at a
  million vectors, at recall@10 >= 0.98 against exact search with efSearch = HNSW_EF_SEARCH.

Both are read back memory-mapped (store.load uses IO_FLAG_MMAP_IFC): the codes and the graph's
neighbour lists stay in the page cache instead of being copied into the process.
"""

from __future__ import annotations

import numpy as np

EXACT_LIMIT = 100_000
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
# Candidates kept while walking the graph. On the 1M-vector synthetic benchmark index, recall@10
# against exact search was 0.937 at 128, 0.961 at 256, 0.979 at 512 and 0.988 at 1024, which still
# takes only ~1.5 ms per query: the rest of answering a question costs ten times that.
HNSW_EF_SEARCH = 1024


def make_dense_index(vectors: np.ndarray, exact_limit: int | None = None):
    """A filled FAISS index over `vectors` (normalized float32 rows) and its kind, for the manifest."""
    import faiss

    dim = vectors.shape[1]
    fp16 = faiss.ScalarQuantizer.QT_fp16
    if len(vectors) <= (EXACT_LIMIT if exact_limit is None else exact_limit):
        index = faiss.IndexScalarQuantizer(dim, fp16, faiss.METRIC_INNER_PRODUCT)
        kind = "flat-fp16-ip"
    else:
        index = faiss.IndexHNSWSQ(dim, fp16, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        kind = f"hnsw{HNSW_M}-fp16-ip"
    block = 200_000  # float32 copies of a block at a time, not of the whole (maybe memory-mapped) array
    for first in range(0, len(vectors), block):
        index.add(np.ascontiguousarray(vectors[first : first + block], dtype=np.float32))
    return index, kind


def search(index, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Top-k (scores, rows) for one normalized query vector; rows of -1 are dropped."""
    import faiss

    params = None
    if hasattr(index, "hnsw"):  # per call, not a setting on the shared index: safe across threads
        params = faiss.SearchParametersHNSW(efSearch=max(HNSW_EF_SEARCH, k))
    # One query is searched fastest on one OpenMP thread: 100k vectors took 4 ms on one thread and
    # 16 ms on two on a busy two-core machine. The setting is per calling thread, and put back.
    threads = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    try:
        scores, rows = index.search(np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32), k,
                                    params=params)
    finally:
        faiss.omp_set_num_threads(threads)
    keep = rows[0] >= 0
    return scores[0][keep], rows[0][keep]
