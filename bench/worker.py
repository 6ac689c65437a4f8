"""What runs inside each measured subprocess. Each task prints one JSON object as its last line.

    python -m bench.worker peer-build ARTICLES INDEX
    python -m bench.worker serve bot|peer INDEX QUESTIONS N
    python -m bench.worker recall INDEX QUESTIONS N
    python -m bench.worker load-profile INDEX
    python -m bench.worker synthetic CHUNKS INDEX PEER_INDEX|- SQUAD_ARTICLES SQUAD_INDEX

`serve` is start-up then steady state: it records the wall-clock time of its first answer (the parent
knows when it spawned the process), then times each of the next N questions one by one.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

K_PEER = 8  # chunks the peer returns; the bot's Engine retrieves Settings.top_k (8) too


def _questions(path: str, n: int) -> list[str]:
    lines = [line.strip() for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    return [lines[i % len(lines)] for i in range(n + 1)]  # +1: the first one is the start-up question


def _percentiles(seconds: list[float]) -> dict:
    import numpy as np

    ms = np.array(seconds) * 1000
    if len(ms) == 0:
        return {}
    return {"p50": float(np.percentile(ms, 50)), "p95": float(np.percentile(ms, 95)),
            "p99": float(np.percentile(ms, 99)), "mean": float(ms.mean()), "n": int(len(ms))}


def _memory() -> dict:
    """RSS now and at its peak, split into the process's own memory (anonymous) and mapped files.

    Mapped index files (FAISS, vectors, BM25) count in RSS once touched, but they are page cache:
    shared, clean, and given back by the kernel under pressure. RssAnon is what the process owns.
    """
    fields = {"VmRSS": "rss_mb", "VmHWM": "peak_rss_mb", "RssAnon": "anon_mb", "RssFile": "file_mb"}
    out = {}
    with open("/proc/self/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in fields:
                out[fields[key]] = int(value.split()[0]) / 1024
    return out


def serve_bot(index: str, questions: list[str]) -> dict:
    from bot.answer.engine import Engine
    from bot.core.settings import Settings

    imported = time.time()
    engine = Engine(Settings.from_env(index_dir=Path(index)))
    loaded = engine.loaded()
    load_done = time.time()
    memory_loaded = _memory()
    first = engine.ask(questions[0])
    first_at = time.time()
    out = {"first_answer_at": first_at, "imports_done_at": imported, "load_s": load_done - imported,
           "first_ask_s": first_at - load_done, "first_answered": first.answered,
           "memory_loaded": memory_loaded}
    timings, answered = [], 0
    for question in questions[1:]:
        start = time.perf_counter()
        answer = engine.ask(question)
        timings.append(time.perf_counter() - start)
        answered += answer.answered
    out["ask"] = _percentiles(timings)
    out["answered"] = answered / max(len(timings), 1)
    out["memory_after"] = _memory()  # before the second pass below, which touches more of the index
    out.update(_components(engine, loaded, questions[1:]))
    out["dense_index"] = loaded.index.manifest.dense_index
    out["chunks"] = len(loaded.index.chunks)
    out["sentences"] = int(len(loaded.index.sentences))
    return out


def _components(engine, loaded, questions: list[str]) -> dict:
    """A second pass split into the stages of answering, to show where the time goes."""
    from bot.answer.candidates import candidates
    from bot.answer.features import question_info
    from bot.answer.ranking import rank

    retriever = loaded.retriever
    stages = {"embed": [], "dense": [], "bm25": [], "retrieve": [], "candidates": [], "rank": []}
    for question in questions:
        t0 = time.perf_counter()
        vector = retriever.embed_question(question)
        t1 = time.perf_counter()
        loaded.index.dense_search(vector, 50)
        t2 = time.perf_counter()
        lexicon = retriever.lexicon(question)
        retriever._bm25(question, lexicon)  # private, but it is exactly the BM25 stage of Retriever.search
        t3 = time.perf_counter()
        hits = retriever.search(question, vector, k=engine.settings.top_k, lexicon=lexicon)
        t4 = time.perf_counter()
        found = candidates(loaded.index, question_info(question, vector, lexicon.idf, lexicon.known), hits)
        t5 = time.perf_counter()
        rank(engine.model, found, loaded.index)
        t6 = time.perf_counter()
        stages["embed"].append(t1 - t0)
        stages["dense"].append(t2 - t1)
        stages["bm25"].append(t3 - t2)
        stages["retrieve"].append(t4 - t3 + t1 - t0)  # embed + fused search: the peer's equivalent
        stages["candidates"].append(t5 - t4)
        stages["rank"].append(t6 - t5)
    return {f"{name}": _percentiles(values) for name, values in stages.items()}


def serve_peer(index: str, questions: list[str]) -> dict:
    from bot.eval.peer import PeerSearch

    imported = time.time()
    peer = PeerSearch(Path(index))
    load_done = time.time()
    memory_loaded = _memory()
    peer.search(questions[0], K_PEER)
    first_at = time.time()
    timings = []
    for question in questions[1:]:
        start = time.perf_counter()
        peer.search(question, K_PEER)
        timings.append(time.perf_counter() - start)
    return {"first_answer_at": first_at, "imports_done_at": imported, "load_s": load_done - imported,
            "first_ask_s": first_at - load_done, "search": _percentiles(timings),
            "memory_loaded": memory_loaded, "memory_after": _memory(), "chunks": int(peer.store.index.ntotal)}


def load_profile(index: str) -> dict:
    """Where start-up time goes: each step of reading.load alone, then reading.load itself (overlapped)."""
    started = time.perf_counter()
    import bm25s
    import faiss
    import numpy as np

    from bot.core.settings import Settings
    from bot.embed.embedding import Embedder
    from bot.store.folder import layout as store
    from bot.store.folder import reading

    out = {"imports_s": time.perf_counter() - started}

    def timed(name, step):
        t = time.perf_counter()
        result = step()
        out[name] = time.perf_counter() - t
        return result

    index = Path(index)
    folder, manifest = timed("manifest_s", lambda: store.read_manifest(index))
    out["index_bytes"] = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    timed("sha256_all_files_s", lambda: reading.verify(index, folder, manifest, None, None))
    timed("arrays_faiss_bm25_s", lambda: (
        [np.load(folder / name, allow_pickle=False) for name in ("documents.npy", "chunks.npy", "sentences.npy")],
        faiss.read_index(str(folder / "dense.faiss"), faiss.IO_FLAG_MMAP_IFC | faiss.IO_FLAG_READ_ONLY),
        bm25s.BM25.load(str(folder / "bm25"), mmap=True, show_progress=False)))
    timed("store_load_s", lambda: reading.load(index))
    timed("model_load_s", lambda: Embedder(Settings.from_env()).load())
    return out


def recall(index: str, questions: list[str], k: int = 10) -> dict:
    """recall@k of the stored dense index (as the Retriever searches it) against exact search.

    Exact search runs over the generator's float32 vectors for a synthetic index (kept beside it),
    so the float16 storage is measured as well as the approximate graph; for a real corpus it runs
    over the vectors the index stores. (Embedding the chunks afresh is no reference: the int8 ONNX
    model quantizes activations per batch, so a chunk's vector depends a little on its batch.)
    """
    import numpy as np

    from bot.core.settings import Settings
    from bot.embed.embedding import Embedder
    from bot.store.folder import reading, vectors

    from .synthetic import exact_vectors_file

    embedder = Embedder(Settings.from_env()).load()
    loaded = reading.load(Path(index), embedder.model_id, embedder.dim)
    queries = embedder.embed(questions)
    exact_file = exact_vectors_file(Path(index))
    if exact_file.exists():
        reference = np.load(exact_file, mmap_mode="r")
    else:
        reference = loaded.chunk_vectors(range(len(loaded.chunks)))
    k = min(k, loaded.dense.ntotal)  # a tiny corpus has fewer than 10 chunks
    exact = _exact_top(reference, queries, k)
    found, seconds = [], []
    for query, truth in zip(queries, exact):
        start = time.perf_counter()
        _, rows = vectors.search(loaded.dense, query, k)
        seconds.append(time.perf_counter() - start)
        found.append(len(set(rows.tolist()) & set(truth.tolist())) / k)
    return {"recall_at_10": float(np.mean(found)), "queries": len(found), "dense_search": _percentiles(seconds),
            "dense_index": loaded.manifest.dense_index, "exact_over": "generator float32" if exact_file.exists() else "stored float16"}


def _exact_top(vectors, queries, k: int, block: int = 100_000):
    """Exact top-k rows by inner product, in blocks so a memory-mapped matrix is streamed once."""
    import numpy as np

    best_scores = np.full((len(queries), k), -np.inf, dtype=np.float32)
    best_rows = np.zeros((len(queries), k), dtype=np.int64)
    for first in range(0, len(vectors), block):
        part = np.asarray(vectors[first : first + block], dtype=np.float32)
        scores = queries @ part.T
        if scores.shape[1] > k:
            top = np.argpartition(-scores, k, axis=1)[:, :k]
        else:
            top = np.broadcast_to(np.arange(scores.shape[1]), scores.shape)
        merged_scores = np.concatenate([best_scores, np.take_along_axis(scores, top, 1)], axis=1)
        merged_rows = np.concatenate([best_rows, top + first], axis=1)
        keep = np.argsort(-merged_scores, axis=1)[:, :k]
        best_scores = np.take_along_axis(merged_scores, keep, 1)
        best_rows = np.take_along_axis(merged_rows, keep, 1)
    return best_rows


def encoder(index: str) -> dict:
    """The encoder alone over a build's chunks, run as a build runs it (bulk, one batch per core,
    each chunk's sentences pooled): the floor a full build's time is held against."""
    from bot.core.settings import Settings
    from bot.embed.embedding import Embedder
    from bot.store.folder import reading

    build = reading.load(Path(index))
    chunks = list(build.chunks)
    spans: list[list[tuple[int, int]]] = [[] for _ in chunks]
    for chunk, _, _, start, end in build.sentences.tolist():  # SentenceColumn order
        spans[chunk].append((start - chunks[chunk].clean_start, end - chunks[chunk].clean_start))
    embedder = Embedder(Settings.from_env(), bulk=True).load()
    started = time.perf_counter()
    embedder.embed_with_spans([c.text for c in chunks], spans)
    return {"seconds": time.perf_counter() - started, "chunks": len(chunks)}


def main(argv: list[str]) -> int:
    task = argv[0]
    if task == "peer-build":
        from bot.eval.peer import build_peer

        stats = build_peer(Path(argv[1]), Path(argv[2]))
        result = {"documents": stats.documents, "chunks": stats.chunks, "seconds": stats.seconds}
    elif task == "serve":
        system, index, questions, n = argv[1], argv[2], argv[3], int(argv[4])
        serve = serve_bot if system == "bot" else serve_peer
        result = serve(index, _questions(questions, n))
    elif task == "synthetic":
        from .synthetic import build

        chunks, index, peer, articles, squad_index = argv[1:6]
        log = lambda message: print(message, file=sys.stderr, flush=True)
        result = build(int(chunks), Path(index), None if peer == "-" else Path(peer), Path(articles),
                       Path(squad_index), log=log)
    elif task == "encoder":
        result = encoder(argv[1])
    elif task == "load-profile":
        result = load_profile(argv[1])
    elif task == "recall":
        result = recall(argv[1], _questions(argv[2], int(argv[3]))[1:])
    else:
        raise SystemExit(f"unknown task {task}")
    sys.stdout.flush()
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    raise SystemExit(main(sys.argv[1:]))
