"""What a Ray worker runs for `bot index --ray` (driver.py is the driver's side).

`Worker` is a Ray Data actor: it loads the model once (the driver's ONNX export, which the job's
runtime env makes its working directory), then turns batches of raw files into rows and vectors
with the same functions a local build runs. Results travel as Arrow columns: numbers as raw
little-endian arrays, sentence vectors as float16 (what the stores keep). Each row carries the
worker's `identity()`, which the driver compares with its own.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from bot.core.settings import Settings
from bot.embed.embedding import Embedder
from bot.ingest.files import Document, RawFile, Skipped, parse
from bot.store.base import ChunkRow, DocumentRows


@lru_cache(maxsize=8)
def _file_sha256(path: Path, size: int, mtime: int) -> str:
    """Once per process and file version (size and mtime are the cache key): the model is 23 MB."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


@lru_cache(maxsize=1)
def code_hash() -> str:
    """The seedbot code that turns files into rows and vectors: every module of the package."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def identity(embedder: Embedder) -> str:
    """What must be equal on the driver and every worker for their vectors to mix (JSON)."""
    import onnxruntime
    import tokenizers

    stat = embedder.onnx_file.stat()
    return json.dumps({
        "model": embedder.model_id, "dim": embedder.dim, "backend": embedder.backend,
        "weights": _file_sha256(embedder.onnx_file, stat.st_size, stat.st_mtime_ns)[:16],
        "onnxruntime": onnxruntime.__version__, "tokenizers": tokenizers.__version__, "seedbot": code_hash(),
    }, sort_keys=True)


class Worker:
    """A Ray Data actor: one model load, then batches of raw files in, rows and vectors out."""

    def __init__(self, settings: dict):
        from bot.ingest.extract import Readers

        self.settings = replace(Settings(), **settings)
        # The runtime env's working_dir is the driver's ONNX export (cluster.connect).
        self.embedder = Embedder(self.settings, bulk=True, onnx_dir=Path.cwd(), threads=1).load()
        self.identity = identity(self.embedder)
        self.readers = Readers(1)
        import ray

        self.node = f"{ray.util.get_node_ip_address()} (pid {os.getpid()})"

    def __call__(self, batch):
        from bot.index.builder import embed_documents

        started = time.perf_counter()
        found = [parse(RawFile(**row), self.readers) for row in batch.to_pylist()]
        parts = embed_documents(self.embedder, self.settings, [d for d in found if isinstance(d, Document)])
        items = [*parts, *(s for s in found if isinstance(s, Skipped))]
        return _table(items, self.identity, self.node, (time.perf_counter() - started) / len(items))


def _table(items: list[DocumentRows | Skipped], ident: str, node: str, seconds: float):
    """`seconds`: the worker's time for the batch, shared out (benchmarks sum it: ray_scaling.py)."""
    import pyarrow as pa

    def column(get, kind, default):
        return pa.array([get(i) if isinstance(i, DocumentRows) else default for i in items], kind)

    return pa.table({
        "source": pa.array([i.source for i in items], pa.string()),
        "skipped": pa.array([i.reason if isinstance(i, Skipped) else "" for i in items], pa.string()),
        "identity": pa.array([ident] * len(items), pa.string()),
        "node": pa.array([node] * len(items), pa.string()),
        "seconds": pa.array([seconds] * len(items), pa.float64()),
        "sha256": column(lambda d: d.sha256, pa.string(), ""),
        "size": column(lambda d: d.size, pa.int64(), 0),
        "title": column(lambda d: d.title, pa.string(), ""),
        "text": column(lambda d: d.text, pa.large_string(), ""),
        "pages": column(lambda d: list(d.pages), pa.list_(pa.int64()), []),
        "chunks": column(lambda d: np.array([(c.start, c.end, c.clean_start, c.clean_end) for c in d.chunks],
                                            np.int64).tobytes(), pa.large_binary(), b""),
        "chunk_texts": column(lambda d: [c.text for c in d.chunks], pa.list_(pa.large_string()), []),
        "sentences": column(lambda d: d.sentences.astype(np.int64).tobytes(), pa.large_binary(), b""),
        "chunk_vectors": column(lambda d: d.chunk_vectors.astype(np.float32).tobytes(), pa.large_binary(), b""),
        # Stores keep sentence vectors as float16 anyway: half the bytes on the wire, nothing lost.
        "sentence_vectors": column(lambda d: d.sentence_vectors.astype(np.float16).tobytes(),
                                   pa.large_binary(), b""),
    })


def rows_of(record: dict, dim: int) -> DocumentRows:
    """One document's rows back from a result row (the driver's side of `_table`)."""
    source = record["source"]
    spans = np.frombuffer(record["chunks"], np.int64).reshape(-1, 4)
    chunks = [ChunkRow(source, *map(int, span), text) for span, text in zip(spans, record["chunk_texts"])]
    return DocumentRows(
        source, record["sha256"], record["size"], record["title"], record["text"], chunks,
        np.frombuffer(record["sentences"], np.int64).reshape(-1, 5).copy(),
        np.frombuffer(record["chunk_vectors"], np.float32).reshape(-1, dim).copy(),
        np.frombuffer(record["sentence_vectors"], np.float16).reshape(-1, dim).copy(),
        tuple(record["pages"]))
