"""Reading a build of the index folder: the manifest checked against every file (sizes, sha256,
rows consistent with each other), then rows as columns of numbers and texts as byte arrays, so a
million-chunk index opens without parsing anything; the vectors and texts of a row are read from
disk (DiskRows) when a question needs them. The layout is described in layout.py.
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from bot.core.errors import IndexDamaged, IndexMismatch, fix_hint
from bot.core.manifest import DocumentInfo, Manifest, check_model
from bot.store.base import ChunkRow, SentenceColumn
from bot.store.folder.layout import FORMAT_VERSION, read_manifest, sha256_file
from bot.store.folder.vectors import search


class ChunkTable(Sequence):
    """The chunk rows of a build, made on demand from `chunks.npy` (in memory) and `chunk_texts.npy`
    (on disk): indexing a row reads and decodes that row's text and nothing else."""

    def __init__(self, rows: np.ndarray, texts: "DiskRows", sources: list[str]):
        self.rows, self.texts, self.sources = rows, texts, sources

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        doc, start, end, clean_start, clean_end, text_start, text_end = (int(x) for x in self.rows[i])
        return ChunkRow(self.sources[doc], start, end, clean_start, clean_end, _utf8(self.texts[text_start:text_end]))

    def source(self, i: int) -> str:
        return self.sources[int(self.rows[i, 0])]

    def many(self, rows) -> list[ChunkRow]:
        return [self[int(row)] for row in rows]

@dataclass
class StoredIndex:
    """Everything a build holds, loaded from one build folder."""

    folder: Path
    manifest: Manifest
    chunks: ChunkTable
    sentences: np.ndarray
    sentence_vectors: "DiskRows"
    dense: object  # faiss.Index
    bm25: object  # bm25s.BM25
    document_rows: np.ndarray  # [documents, 2]: byte range of each document's text
    document_texts: "DiskRows"

    @property
    def documents(self) -> dict[str, DocumentInfo]:
        return self.manifest.documents

    def __post_init__(self):
        self._row_of = {source: row for row, source in enumerate(self.documents)}
        self.text = lru_cache(maxsize=8)(self._text)  # a quote and its context: the same few documents

    def _text(self, source: str) -> str:
        """The original text of a document: what quotes are cut from."""
        start, end = self.document_rows[self._row_of[source]]
        return _utf8(self.document_texts[start:end])

    @property
    def version(self) -> str:
        return self.folder.name

    def chunk_vectors(self, rows) -> np.ndarray:
        """Chunk vectors (float32) read back from the FAISS index, which keeps them in float16."""
        return self.dense.reconstruct_batch(np.asarray(rows, dtype=np.int64))

    # -- the two searches (store/base.py's `Build`) -----------------------------------------------------------
    @property
    def bm25_k1(self) -> float:
        return self.bm25.k1

    def dense_search(self, vector: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        return search(self.dense, vector, k)

    def document_frequencies(self, terms) -> dict[str, int]:
        """How many chunks hold each term, for the terms BM25 knows."""
        if not hasattr(self, "_df"):  # the posting list lengths, once per build
            self._df = np.diff(np.asarray(self.bm25.scores["indptr"]))
        vocab = self.bm25.vocab_dict
        return {t: int(self._df[vocab[t]]) for t in terms if t in vocab and vocab[t] < len(self._df)}

    def bm25_search(self, terms: list[str], k: int) -> tuple[np.ndarray, np.ndarray]:
        """The `k` best chunks by BM25 for these (known) terms, among chunks that hold one."""
        scores = self.bm25.get_scores(terms)
        rows = np.flatnonzero(scores)  # only chunks holding a question term; few, even in 1M
        if len(rows) > k:
            rows = rows[np.argpartition(-scores[rows], k - 1)[:k]]
        rows = rows[np.argsort(-scores[rows])]
        return scores[rows], rows

def _utf8(data: np.ndarray) -> str:
    return data.tobytes().decode("utf-8")

def verify(index_dir: Path, folder: Path, manifest: Manifest, model_id: str | None, dim: int | None) -> None:
    """Refuse an index of another format or model, or one whose files do not match their sha256."""
    if manifest.format != FORMAT_VERSION:
        raise IndexMismatch(f"index format {manifest.format} is not {FORMAT_VERSION}; {fix_hint(index_dir)}")
    check_model(index_dir, manifest, model_id, dim)
    for name in manifest.files:
        if not (folder / name).is_file():
            raise IndexDamaged(f"index file {name} is missing; {fix_hint(index_dir)}")
    # Largest first, on every core: hashlib releases the GIL, and a large index is gigabytes.
    names = sorted(manifest.files, key=lambda name: -(folder / name).stat().st_size)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        digests = dict(zip(names, pool.map(sha256_file, (folder / name for name in names))))
    for name in names:
        if digests[name] != manifest.files[name]:
            raise IndexDamaged(f"index file {name} is damaged (sha256 mismatch); {fix_hint(index_dir)}")

def load(index_dir: Path, model_id: str | None = None, dim: int | None = None) -> StoredIndex:
    """Load the current build, verified; every failure is one of the errors in errors.py."""
    folder, manifest = read_manifest(index_dir)
    return load_folder(index_dir, folder, manifest, model_id, dim)

def load_folder(index_dir: Path, folder: Path, manifest: Manifest, model_id: str | None = None,
                dim: int | None = None) -> StoredIndex:
    """Load one build folder of `index_dir` (the current one, or a new one before it is published)."""
    import faiss

    from bot.core.lexical import bm25s_module

    bm25s = bm25s_module()
    verify(index_dir, folder, manifest, model_id, dim)  # every hash matches before a file is opened
    try:
        document_rows, chunk_rows, sentences = (
            np.load(folder / name, allow_pickle=False) for name in ("documents.npy", "chunks.npy", "sentences.npy"))
        document_texts, chunk_texts, sentence_vectors = (
            DiskRows(folder / name) for name in ("document_texts.npy", "chunk_texts.npy", "sentence_vectors.npy"))
        # IO_FLAG_MMAP_IFC maps the vectors (flat codes, HNSW storage and neighbour lists) read-only
        # from the file instead of copying them; IO_FLAG_MMAP only concerns IVF inverted lists.
        dense = faiss.read_index(str(folder / "dense.faiss"), faiss.IO_FLAG_MMAP_IFC | faiss.IO_FLAG_READ_ONLY)
        bm25 = bm25s.BM25.load(str(folder / "bm25"), mmap=True, show_progress=False)
    except Exception as error:  # a file that passed its hash yet cannot be parsed: still damage
        raise IndexDamaged(f"index in {folder} cannot be read ({error}); {fix_hint(index_dir)}") from None
    problem = _inconsistency(manifest, document_rows, document_texts, chunk_rows, chunk_texts, sentences,
                             sentence_vectors, dense)
    if problem:
        raise IndexDamaged(f"index in {folder} is inconsistent ({problem}); {fix_hint(index_dir)}")
    return StoredIndex(folder, manifest, ChunkTable(chunk_rows, chunk_texts, list(manifest.documents)),
                       sentences, sentence_vectors, dense, bm25, document_rows, document_texts)

class DiskRows:
    """The rows of an .npy array, read from the file with `pread` when asked for; never mapped.

    Questions read a few scattered rows (sentence vectors, texts). A memory map would be simpler,
    but the kernel maps a whole neighbourhood of cached pages on each fault, so a few hundred
    questions grew the process's RSS by gigabytes of a large index. `pread` copies just the rows,
    and is safe from any thread.
    """

    def __init__(self, path: Path):
        with open(path, "rb") as handle:
            version = np.lib.format.read_magic(handle)
            read_header = {(1, 0): np.lib.format.read_array_header_1_0,
                           (2, 0): np.lib.format.read_array_header_2_0}[version]
            shape, fortran_order, self.dtype = read_header(handle)
            self.offset = handle.tell()
        if self.dtype.hasobject or fortran_order or not shape:
            raise ValueError(f"{path.name} is not a plain array of rows")
        self.shape, self.ndim = shape, len(shape)
        self.row_bytes = self.dtype.itemsize * int(np.prod(shape[1:]))
        if path.stat().st_size < self.offset + shape[0] * self.row_bytes:
            raise ValueError(f"{path.name} is shorter than its header says")
        self._fd = os.open(path, os.O_RDONLY)
        weakref.finalize(self, os.close, self._fd)

    def __len__(self) -> int:
        return self.shape[0]

    def __getitem__(self, key) -> np.ndarray:
        if isinstance(key, slice):
            start, stop, step = key.indices(len(self))
            if step != 1:
                raise IndexError("DiskRows slices take every row")
            return self._read(start, max(start, stop))
        if isinstance(key, (int, np.integer)):
            row = key + len(self) if key < 0 else key
            if not 0 <= row < len(self):
                raise IndexError(f"row {key} of {len(self)}")
            return self._read(row, row + 1)[0]
        rows = np.asarray(key, dtype=np.int64).reshape(-1)
        if len(rows) and (rows.min() < 0 or rows.max() >= len(self)):
            raise IndexError(f"rows outside 0..{len(self)}")
        # One read per run of consecutive rows: a chunk's sentences are one run.
        cuts = np.flatnonzero(np.diff(rows) != 1) + 1
        runs = [self._read(int(run[0]), int(run[-1]) + 1) for run in np.split(rows, cuts) if len(run)]
        return np.concatenate(runs) if runs else np.zeros((0, *self.shape[1:]), self.dtype)

    def __array__(self, dtype=None, copy=None) -> np.ndarray:
        return self[:] if dtype is None else self[:].astype(dtype)

    def _read(self, first: int, last: int) -> np.ndarray:
        size = (last - first) * self.row_bytes
        data = os.pread(self._fd, size, self.offset + first * self.row_bytes) if size else b""
        if len(data) != size:
            raise OSError(f"short read from an index file ({len(data)} of {size} bytes)")
        return np.frombuffer(data, self.dtype).reshape(last - first, *self.shape[1:])

def _inconsistency(manifest, document_rows, document_texts, chunk_rows, chunk_texts, sentences,
                   sentence_vectors, dense) -> str:
    """What does not fit between the files of a build that each passed their hash, or ""."""
    dim = manifest.model.dim
    if not all(np.issubdtype(a.dtype, np.integer)
               for a in (document_rows, document_texts, chunk_rows, chunk_texts, sentences)):
        return "a row file does not hold integers"
    if document_rows.shape != (len(manifest.documents), 2) or document_texts.ndim != 1:
        return "document rows and the manifest differ"
    if chunk_rows.ndim != 2 or chunk_rows.shape[1] != 7 or chunk_texts.ndim != 1:
        return "chunk rows have the wrong shape"
    if dense.ntotal != len(chunk_rows) or dense.d != dim:
        return "chunk rows and vectors differ"
    if sentences.ndim != 2 or sentences.shape[1] != len(SentenceColumn) \
            or sentence_vectors.shape != (len(sentences), dim):
        return "sentence rows and vectors differ"
    if not (_within(document_rows, len(document_texts)) and _within(chunk_rows[:, 5:], len(chunk_texts))):
        return "a text range points outside its file"
    lengths = document_rows[:, 1] - document_rows[:, 0]  # bytes: no character offset can pass it
    if any((info.pages or (0,))[-1] > length for info, length in zip(manifest.documents.values(), lengths)):
        return "a page starts past the end of its document"
    documents = chunk_rows[:, 0]
    if len(documents) and not (0 <= documents[0] and documents[-1] < len(document_rows) and _ordered(documents)):
        return "chunks are not in document order"  # incremental rebuilds rely on that order
    owners = sentences[:, SentenceColumn.CHUNK]
    if len(owners) and not (0 <= owners[0] and owners[-1] < len(chunk_rows) and _ordered(owners)):
        return "sentences are not in chunk order"  # answer.candidates relies on that order
    return ""

def _ordered(column: np.ndarray) -> bool:
    return bool(np.all(column[1:] >= column[:-1]))

def _within(ranges: np.ndarray, size: int) -> bool:
    """Every [start, end) row of `ranges` lies inside 0..size."""
    starts, ends = ranges[:, 0], ranges[:, 1]
    return bool(np.all((0 <= starts) & (starts <= ends) & (ends <= size)))
