"""Where builds live, behind one small interface: the index folder (default) or PostgreSQL.

- `Build`: one loaded build, immutable. It is all the retriever and the answer step read: row
  positions in memory, texts and vectors on demand, and the two searches (dense and BM25).
- `Store`: the place builds are kept. It says which build is current (cheaply: the engine asks
  before every question), loads it, holds the one-rebuild-at-a-time lock, hands back the rows of
  documents it already holds (by content hash), writes a new build and makes it current in one
  step, and removes what no reader needs any more.
- `DocumentRows`: one document's rows and vectors, ready to store. `bot index` makes them; any
  other builder (a cluster, a benchmark generator) hands the same records to `Store.write`.

`open_store(settings)` picks the implementation: no `store` URL = the index folder (folder/backend.py);
``postgresql://...`` = PostgreSQL + pgvector (postgres/backend.py, needs the `postgres` extra).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Hashable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from enum import IntEnum
from typing import Protocol

import numpy as np

from bot.core.errors import BotError
from bot.core.manifest import DocumentInfo, Manifest, ModelInfo
from bot.core.settings import Settings


@dataclass(frozen=True)
class ChunkRow:
    source: str
    start: int  # offsets in the document's text, what quotes index (a .txt file's own text)
    end: int
    clean_start: int  # offsets in the cleaned text (documents.clean), what chunking saw
    clean_end: int
    text: str  # cleaned text, what was embedded and what BM25 saw


class SentenceColumn(IntEnum):
    """The columns of a sentence table (int64 [sentences, 5]), by name: `table[:, SentenceColumn.CHUNK]`."""

    CHUNK = 0  # the chunk row that owns the sentence (a document's own chunk number in DocumentRows)
    START = 1  # offsets in the document's text, what quotes index
    END = 2
    CLEAN_START = 3  # offsets in the cleaned text, what the chunk's text holds
    CLEAN_END = 4


def shift_chunks(sentences: np.ndarray, by: int) -> np.ndarray:
    """A sentence table whose chunk rows start `by` further on (a document placed in a build)."""
    shifted = np.array(sentences, dtype=np.int64)
    shifted[:, SentenceColumn.CHUNK] += by
    return shifted


@dataclass(frozen=True)
class DocumentRows:
    """One document as a build stores it. Chunk and sentence rows are local to the document:
    `sentences` is a sentence table (store.SentenceColumn), in chunk order."""

    source: str
    sha256: str
    size: int  # bytes of the file
    title: str
    text: str  # the original text, what quotes are cut from
    chunks: list[ChunkRow]
    sentences: np.ndarray
    chunk_vectors: np.ndarray  # float32 [chunks, dim], normalized
    sentence_vectors: np.ndarray  # float16 or float32 [sentences, dim]
    pages: tuple[int, ...] = ()  # PDF: where each page starts in `text`


@dataclass(frozen=True)
class Reused:
    """A document whose rows the store already holds (same content, model and chunking): the
    store's own `handle` says where; nothing is embedded or copied again."""

    source: str
    sha256: str
    size: int
    title: str
    chunks: int
    handle: object
    pages: tuple[int, ...] = ()


class Chunks(Protocol):
    rows: np.ndarray  # int64 [chunks, 5+]: document row, start, end, cstart, cend (in memory)

    def __len__(self) -> int: ...
    def __getitem__(self, row: int) -> ChunkRow: ...
    def source(self, row: int) -> str: ...
    def many(self, rows: Sequence[int]) -> list[ChunkRow]: ...


class Build(Protocol):
    """One build, as the retriever and the answer step see it. Rows are numbered per build:
    chunks in document order, sentences in chunk order (answer/ relies on both)."""

    version: str  # names the build in answers (`index_version`)
    manifest: Manifest
    documents: dict[str, DocumentInfo]  # the manifest's, in row order
    chunks: Chunks
    sentences: np.ndarray  # the sentence table (store.SentenceColumn)
    sentence_vectors: object  # rows[...] -> float array [n, dim]
    bm25_k1: float

    def text(self, source: str) -> str: ...
    def chunk_vectors(self, rows) -> np.ndarray: ...
    def dense_search(self, vector: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]: ...
    def document_frequencies(self, terms: set[str]) -> dict[str, int]: ...
    def bm25_search(self, terms: list[str], k: int) -> tuple[np.ndarray, np.ndarray]: ...


class Store(Protocol):
    name: str  # for messages: the folder, or the database URL without its password
    option: str  # how commands name it: `--index DIR` or `--store URL`

    def current(self) -> Hashable | None: ...
    def current_version(self) -> str | None: ...
    def read_manifest(self) -> Manifest: ...
    def load(self, model_id: str | None = None, dim: int | None = None) -> Build: ...
    def lock(self, wait: bool = False, full: bool = False) -> AbstractContextManager: ...
    def reusable(self, sha256s: set[str], model: ModelInfo, chunking: dict) -> dict[str, Reused]: ...
    def write(self, manifest: Manifest, parts: list[DocumentRows | Reused], finish: "Finish | None" = None) -> str: ...
    def describe(self, version: str) -> str: ...
    def cleanup(self) -> None: ...
    def close(self) -> None: ...


# Called by `Store.write` with the new build before it becomes current; returns records to add to
# its manifest (the refusal calibration: engine.calibrate_build).
Finish = Callable[[Build], dict]


class StoreError(BotError):
    """The store cannot be reached or used (database down, wrong password, missing extension)."""


# The backends by the scheme of `--store` ("" for none: the index folder), each `module:class` with a
# `from_settings(settings)`. Imported on first use: the interface imports no backend, so psycopg is
# needed only by whoever names a postgresql:// store.
BACKENDS = {"": "bot.store.folder.backend:FolderStore",
            "postgresql": "bot.store.postgres.backend:PostgresStore",
            "postgres": "bot.store.postgres.backend:PostgresStore"}


def open_store(settings: Settings) -> Store:
    """The store `settings.store` names: None = the index folder, postgresql:// = PostgreSQL."""
    scheme = settings.store.split("://")[0] if settings.store else ""
    if scheme not in BACKENDS:
        raise StoreError(f"unknown store {scheme!r}: give a postgresql:// URL, or no --store for the index folder")
    module, _, name = BACKENDS[scheme].partition(":")
    return getattr(importlib.import_module(module), name).from_settings(settings)
