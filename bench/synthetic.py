"""Synthetic indexes of 100k and 1M chunks, for the search-only scaling points. Labelled "synthetic".

Embedding a million chunks would take hours on two cores, and the point is what happens *after*
embedding: loading, searching, memory. So the vectors and texts are made up, then written with the
store's own writer (store.write_build / store.publish), so that the real load path (manifest and
sha256 checks, memory maps) and the real Engine search path are what gets measured:

- vectors: each is a real vector of the SQuAD index (a chunk or a late-pooled sentence vector),
  plus a random share of another real one plus Gaussian noise, re-normalized. Uniformly random
  vectors would be a poor stand-in: they have no neighbourhoods, unlike real embeddings, and make
  any approximate index look worse than it is on real data.
- texts: ~66 words drawn from the word frequencies of the SQuAD articles, in three "sentences",
  so BM25 posting lists are as long as real English makes them; ten chunks make a document.
- sentence vectors: each chunk's vector plus noise (the answer step reads them; values barely matter).

The peer gets the same chunks and vectors in LangChain's FAISS (`FAISS.from_embeddings`, flat L2).
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from pathlib import Path

import numpy as np

GENERATOR = 2  # bump when what is generated changes: cached synthetic indexes are then rebuilt
WORDS_PER_CHUNK = 66  # SQuAD index: ~410 characters and ~2.6 sentences per 128-token chunk
SENTENCES_PER_CHUNK = 3
CHUNKS_PER_DOC = 10
BLOCK = 50_000
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def vocabulary(articles: Path) -> tuple[np.ndarray, np.ndarray]:
    counts = Counter()
    for path in sorted(articles.glob("*.txt")):
        counts.update(WORD.findall(path.read_text(encoding="utf-8")))
    words = sorted(counts)
    freq = np.array([counts[w] for w in words], dtype=np.float64)
    return np.array(words, dtype=object), freq / freq.sum()


def anchors(squad_index: Path) -> np.ndarray:
    from bot.store.folder import reading

    loaded = reading.load(squad_index)
    both = np.concatenate([loaded.chunk_vectors(range(len(loaded.chunks))),
                           np.asarray(loaded.sentence_vectors, np.float32)])
    return both / np.linalg.norm(both, axis=1, keepdims=True)


def exact_vectors_file(index_dir: Path) -> Path:
    return index_dir.parent / "exact_vectors.npy"


def _vectors(rng, base: np.ndarray, n: int) -> np.ndarray:
    dim = base.shape[1]
    v = base[rng.integers(0, len(base), n)]
    v += rng.uniform(0, 0.5, (n, 1)).astype(np.float32) * base[rng.integers(0, len(base), n)]
    v += 0.5 * rng.standard_normal((n, dim), dtype=np.float32) / np.sqrt(dim)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def build(n: int, index_dir: Path, peer_dir: Path | None, squad_articles: Path, squad_index: Path,
          seed: int = 0, log=print) -> dict:
    """Write a synthetic bot index of `n` chunks to `index_dir` (and the peer's to `peer_dir`)."""
    from dataclasses import replace

    from bot.core.lexical import terms
    from bot.core.manifest import DocumentInfo, Manifest
    from bot.core.settings import Settings
    from bot.embed.embedding import Embedder
    from bot.index.builder import chunking_params, model_record
    from bot.store.base import ChunkRow
    from bot.store.folder import layout as store
    from bot.store.folder.vectors import make_dense_index

    started = time.perf_counter()
    rng = np.random.default_rng(seed)
    words, probs = vocabulary(squad_articles)
    base = anchors(squad_index)
    term_of = [(terms(w) or [None])[0] for w in words]
    vocab = {t: i for i, t in enumerate(sorted({t for t in term_of if t}))}
    term_id = np.array([vocab[t] if t else -1 for t in term_of])
    work = index_dir.parent / f".{index_dir.name}-arrays"
    work.mkdir(parents=True, exist_ok=True)
    # The float32 vectors stay beside the index (not in it): the benchmark's exact search reads them.
    chunk_vectors = np.lib.format.open_memmap(exact_vectors_file(index_dir), "w+", np.float32, (n, base.shape[1]))
    sentence_vectors = np.lib.format.open_memmap(
        work / "sentence_vectors.npy", "w+", np.float16, (n * SENTENCES_PER_CHUNK, base.shape[1]))
    chunks, documents, sentences, token_ids = [], [], [], []
    cut = np.linspace(0, WORDS_PER_CHUNK, SENTENCES_PER_CHUNK + 1).astype(int)
    for first in range(0, n, BLOCK):
        size = min(BLOCK, n - first)
        vectors = _vectors(rng, base, size)
        chunk_vectors[first : first + size] = vectors
        noisy = np.repeat(vectors, SENTENCES_PER_CHUNK, axis=0)
        noisy += 0.2 * rng.standard_normal(noisy.shape, dtype=np.float32) / np.sqrt(noisy.shape[1])
        noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
        sentence_vectors[first * SENTENCES_PER_CHUNK : (first + size) * SENTENCES_PER_CHUNK] = noisy
        ids = rng.choice(len(words), size=(size, WORDS_PER_CHUNK), p=probs)
        picked = words[ids]
        tids = term_id[ids]
        for i in range(size):
            row = first + i
            parts = [" ".join(picked[i, a:b]) + "." for a, b in zip(cut, cut[1:])]
            text = " ".join(parts)
            doc, pos = divmod(row, CHUNKS_PER_DOC)
            if pos == 0:
                documents.append({"source": f"synthetic/doc-{doc:07d}.txt", "parts": []})
            d = documents[-1]
            start = sum(len(p) + 2 for p in d["parts"])  # chunks joined by a blank line
            d["parts"].append(text)
            offset = start
            for part in parts:
                sentences.append((row, offset, offset + len(part), offset, offset + len(part)))
                offset += len(part) + 1
            chunks.append(ChunkRow(d["source"], start, start + len(text), start, start + len(text), text))
            t = tids[i]
            token_ids.append(t[t >= 0].tolist() or [vocab.setdefault("∅", len(vocab))])
        log(f"  synthetic {n:,}: {first + size:,} chunks generated")
    infos = []
    for d in documents:
        text = "\n\n".join(d.pop("parts"))
        infos.append({"source": d["source"], "sha256": f"synthetic-{seed}-{d['source']}",
                      "size": len(text.encode()), "title": d["source"], "chunks": 0, "text": text})
    for row in range(len(chunks)):
        infos[row // CHUNKS_PER_DOC]["chunks"] += 1
    generated = time.perf_counter() - started

    import bm25s

    t = time.perf_counter()
    bm25 = bm25s.BM25()
    bm25.index((token_ids, vocab), show_progress=False)
    del token_ids
    bm25_seconds = time.perf_counter() - t
    log(f"  synthetic {n:,}: BM25 built in {bm25_seconds:.0f}s; building the dense index...")
    t = time.perf_counter()
    dense, kind = make_dense_index(chunk_vectors)
    dense_seconds = time.perf_counter() - t
    log(f"  synthetic {n:,}: {kind} built in {dense_seconds:.0f}s; writing...")

    embedder = Embedder(Settings.from_env()).load()
    manifest = Manifest.new(
        str(index_dir / "no-seeds-folder"), model_record(embedder), chunking_params(Settings.from_env()),
        {i["source"]: DocumentInfo(i["sha256"], i["size"], i["title"], i["chunks"]) for i in infos})
    manifest = replace(manifest, format=store.FORMAT_VERSION, dense_index=kind,
                       counts=replace(manifest.counts, sentences=len(sentences)),
                       extra={"synthetic": {"chunks": n, "seed": seed, "anchors": len(base)}})
    t = time.perf_counter()
    with store.build_lock(index_dir):
        folder = store.new_build_folder(index_dir)
        store.write_build(folder, manifest, {i["source"]: i["text"] for i in infos}, chunks,
                          np.array(sentences, dtype=np.int64), sentence_vectors, dense, bm25)
        store.publish(index_dir, folder)
    write_seconds = time.perf_counter() - t
    del dense, bm25
    stats = {"generator": GENERATOR, "chunks": n, "documents": len(infos), "sentences": len(sentences), "dense_index": kind,
             "generate_s": generated, "bm25_build_s": bm25_seconds, "dense_build_s": dense_seconds,
             "write_s": write_seconds}
    if peer_dir is not None:
        t = time.perf_counter()
        _peer(chunks, chunk_vectors, peer_dir)
        stats["peer_write_s"] = time.perf_counter() - t
    (work / "sentence_vectors.npy").unlink()
    work.rmdir()
    stats["index_bytes"] = sum(p.stat().st_size for p in store.current_build(index_dir).rglob("*") if p.is_file())
    if peer_dir is not None:
        stats["peer_index_bytes"] = sum(p.stat().st_size for p in peer_dir.rglob("*") if p.is_file())
    (index_dir / "synthetic.json").write_text(json.dumps(stats, indent=1))
    return stats


def _peer(chunks, chunk_vectors, peer_dir: Path) -> None:
    """The peer's own index of the same chunks and vectors, as `FAISS.from_embeddings` makes it."""
    import warnings

    from langchain_core.embeddings import FakeEmbeddings  # queries are embedded by PeerSearch, not here

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from langchain_community.vectorstores import FAISS

    pairs = ((c.text, chunk_vectors[i]) for i, c in enumerate(chunks))
    metadatas = [{"source": c.source, "start_index": c.start} for c in chunks]
    store = FAISS.from_embeddings(pairs, FakeEmbeddings(size=chunk_vectors.shape[1]), metadatas=metadatas)
    store.save_local(str(peer_dir))
