"""`bot index`: bring the index in line with the seeds folder, re-embedding only what changed.

load -> clean -> chunk -> embed -> store. Documents whose sha256, model and chunking are unchanged
reuse their stored rows and vectors; the rest are embedded; documents gone from the folder are left
out. Everything happens under the index folder's lock and ends in one atomic swap (store.py).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from . import store
from .chunking import chunk_document, make_splitter
from .documents import Document, Skipped, clean, load_documents, title_of
from .embedding import Embedder
from .errors import BotError, NothingToIndex
from .lexical import build_bm25
from .settings import Settings
from .vectors import make_dense_index

CHUNKER = "recursive-tokens-v1"


@dataclass(frozen=True)
class BuildReport:
    documents: int
    chunks: int
    embedded: int  # chunks embedded in this run
    reused: int  # chunks whose vectors came from the previous build
    removed: int  # documents that were in the previous build and are gone
    skipped: list[Skipped] = field(default_factory=list)
    seconds: float = 0.0
    index: str = ""
    max_chunk_tokens: int = 0

    def as_json(self) -> dict:
        return {
            "documents": self.documents, "chunks": self.chunks, "embedded": self.embedded,
            "reused": self.reused, "removed": self.removed,
            "skipped": [{"source": s.source, "reason": s.reason} for s in self.skipped],
            "seconds": round(self.seconds, 3), "index": self.index,
        }


@dataclass
class _DocPart:
    """One document's rows and vectors, reused or freshly made."""

    info: dict
    chunks: list[store.ChunkRow]
    sentences: np.ndarray  # [n, 5] with chunk numbers local to this document
    chunk_vectors: np.ndarray
    sentence_vectors: np.ndarray


def chunking_params(settings: Settings) -> dict:
    return {"splitter": CHUNKER, "chunk_tokens": settings.chunk_tokens,
            "overlap_tokens": settings.chunk_overlap_tokens}


def build(settings: Settings, embedder: Embedder, full: bool = False,
          progress: Callable[[int, int], None] | None = None) -> BuildReport:
    """Rebuild the index at ``settings.index_dir`` from ``settings.seeds_dir``.

    `progress(done, total)` is told how many chunks have been embedded. Raises NothingToIndex
    (leaving the old index alone) when the folder holds no readable article, IndexBusy when another
    rebuild holds the lock.
    """
    started = time.perf_counter()
    seeds = settings.seeds_dir
    if not seeds.is_dir():
        raise NothingToIndex(f"seeds folder {seeds} does not exist")
    with store.build_lock(settings.index_dir):
        store.remove_old_builds(settings.index_dir)
        documents, skipped = load_documents(seeds)
        if not documents:
            why = f" ({len(skipped)} skipped: {skipped[0].source}: {skipped[0].reason}...)" if skipped else ""
            raise NothingToIndex(f"no readable .txt or .md article in {seeds}{why}; the index was left as it was")
        embedder.load()
        previous = {} if full else _previous_parts(settings, embedder)
        splitter = make_splitter(embedder.count_tokens, settings.chunk_tokens, settings.chunk_overlap_tokens)
        fresh = [d for d in documents if previous.get(d.source, (None,))[0] != d.sha256]
        todo = [(d, *_chunk(d, splitter)) for d in fresh]
        total = sum(len(item[1]) for item in todo)
        done = [0]

        def step(n: int) -> None:
            done[0] += n
            if progress:
                progress(done[0], total)

        parts = []
        for document in documents:
            if document.source in previous and previous[document.source][0] == document.sha256:
                parts.append(previous[document.source][1])
        made = _embed_parts(embedder, todo, step)
        parts = sorted(parts + made, key=lambda p: p.info["source"])
        unchanged = not made and len(parts) == len(previous)
        folder = store.current_build(settings.index_dir) if unchanged else _write(settings, embedder, parts)
    current = {d.source for d in documents}
    return BuildReport(
        documents=len(parts),
        chunks=sum(len(p.chunks) for p in parts),
        embedded=total,
        reused=sum(len(p.chunks) for p in parts) - total,
        removed=len([s for s in previous if s not in current]),
        skipped=skipped,
        seconds=time.perf_counter() - started,
        index=str(folder),
        max_chunk_tokens=max((embedder.count_tokens(c.text) for p in made for c in p.chunks), default=0),
    )


def _chunk(document: Document, splitter):
    cleaned = clean(document.text)
    chunks, sentences = chunk_document(document.source, document.sha256, cleaned, splitter)
    return chunks, sentences, cleaned


def _embed_parts(embedder: Embedder, todo, step) -> list[_DocPart]:
    """Embed every new chunk of every changed document in one stream of batches."""
    texts, spans = [], []
    for _, chunks, sentences, _ in todo:
        for i, chunk in enumerate(chunks):
            texts.append(chunk.text)
            spans.append([(s.start - chunk.start, s.end - chunk.start) for s in sentences if s.chunk == i])
    chunk_vectors, sentence_vectors = embedder.embed_with_spans(texts, spans, progress=step) if texts \
        else (np.zeros((0, embedder.dim), np.float32), [])
    parts, row = [], 0
    for document, chunks, sentences, cleaned in todo:
        n = len(chunks)
        rows = [store.ChunkRow(c.source, *cleaned.span(c.start, c.end), c.start, c.end, c.text) for c in chunks]
        sentence_rows = np.array(
            [(s.chunk, *cleaned.span(s.start, s.end), s.start, s.end) for s in sentences], dtype=np.int64
        ).reshape(-1, 5)
        # Owners of sentences in text order never go backwards, so chunk order is sentence order.
        vectors = np.concatenate([sentence_vectors[row + i] for i in range(n)])
        parts.append(_DocPart(_doc_info(document, n), rows, sentence_rows,
                              chunk_vectors[row : row + n], vectors))
        row += n
    return parts


def _doc_info(document: Document, n_chunks: int) -> dict:
    return {"source": document.source, "sha256": document.sha256, "size": len(document.text.encode()),
            "title": title_of(document.source), "chunks": n_chunks, "text": document.text}


def _previous_parts(settings: Settings, embedder: Embedder) -> dict[str, tuple[str, _DocPart]]:
    """Reusable parts of the current build, by source; empty when it is absent, damaged or different."""
    try:
        old = store.load(settings.index_dir, embedder.model_id, embedder.dim)
    except BotError:
        return {}
    if old.manifest.get("chunking") != chunking_params(settings):
        return {}
    parts: dict[str, tuple[str, _DocPart]] = {}
    # Rows are in document order (store._inconsistency checks it): each document's chunks, and
    # their sentences, are one contiguous run.
    chunk_owners, sentence_owners = old.chunks.rows[:, 0], old.sentences[:, 0]
    for row, (source, info) in enumerate(old.documents.items()):
        first, last = np.searchsorted(chunk_owners, [row, row + 1])
        if first == last:
            continue
        s_first, s_last = np.searchsorted(sentence_owners, [first, last])
        sentences = np.array(old.sentences[s_first:s_last])
        sentences[:, 0] -= first
        parts[source] = (info["sha256"], _DocPart(
            dict(info, source=source, text=old.text(source)), old.chunks[first:last], sentences,
            old.chunk_vectors(range(first, last)),
            np.array(old.sentence_vectors[s_first:s_last], dtype=np.float32)))
    return parts


def _write(settings: Settings, embedder: Embedder, parts: list[_DocPart]) -> Path:
    chunks = [c for p in parts for c in p.chunks]
    offsets = np.cumsum([0] + [len(p.chunks) for p in parts[:-1]])
    sentences = np.concatenate([p.sentences + np.array([o, 0, 0, 0, 0]) for p, o in zip(parts, offsets)])
    chunk_vectors = np.concatenate([p.chunk_vectors for p in parts]).astype(np.float32)
    sentence_vectors = np.concatenate([p.sentence_vectors for p in parts])
    dense, dense_kind = make_dense_index(chunk_vectors)
    manifest = {
        "format": store.FORMAT_VERSION,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "seeds": str(settings.seeds_dir.resolve()),
        "model": {"id": embedder.model_id, "dim": embedder.dim, "backend": embedder.backend,
                  "max_tokens": embedder.max_tokens},
        "chunking": chunking_params(settings),
        "dense_index": dense_kind,
        "counts": {"documents": len(parts), "chunks": len(chunks), "sentences": len(sentences)},
        "documents": {p.info["source"]: {k: p.info[k] for k in ("sha256", "size", "title", "chunks")}
                      for p in parts},
    }
    folder = store.new_build_folder(settings.index_dir)
    store.write_build(folder, manifest, {p.info["source"]: p.info["text"] for p in parts}, chunks, sentences,
                      sentence_vectors, dense, build_bm25([c.text for c in chunks]))
    return store.publish(settings.index_dir, folder)
