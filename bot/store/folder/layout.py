"""The index folder: plain files, one atomic switch, a lock, and a manifest that vouches for it all.

Layout of ``index/`` (see README):

    index/current -> builds/<id>     symlink; replacing it is the one atomic step of a rebuild
    index/builds/<id>/               one complete build, never modified after it is made current
        manifest.json                format, model, dimension, backend, chunking, file sha256s, and
                                     every document's sha256, size, title and chunk count, in row order
        documents.npy                int64 [documents, 2]: byte range of its text in document_texts.npy
        document_texts.npy           uint8: the original text of every article, UTF-8, one after another
        chunks.npy                   int64 [chunks, 7]: document row, start, end (text offsets), clean
                                     start, end (cleaned-text offsets), byte range in chunk_texts.npy
        chunk_texts.npy              uint8: the cleaned text of every chunk (what was embedded, BM25 saw)
        sentences.npy                int64 [n, 5]: SentenceColumn (chunk row, text and clean offsets)
        sentence_vectors.npy         float16 [sentences, dim]   (late-pooled, see embedding.py)
        dense.faiss                  FAISS inner-product index over chunk vectors (vectors.py); it is
                                     also where incremental rebuilds read the chunk vectors back from
        bm25/                        bm25s files (.npy without pickle, JSON)
    index/.lock                      held by the one rebuild allowed at a time

Rows are columns of numbers and texts are byte arrays: a million-chunk index opens without parsing
anything, and the vectors and texts of a row are read from disk (DiskRows) when a question needs it.

A build is written to ``builds/.tmp-*`` and renamed into place, then ``current`` is swapped. A crash
at any point leaves ``current`` pointing at the previous complete build; ``.tmp-*`` leftovers are
removed by the next rebuild. Readers resolve ``current`` once, so a swap never mixes two builds.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import time
import weakref
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from bot.core.errors import IndexBusy, IndexDamaged, IndexMismatch, IndexMissing, fix_hint, missing_hint
from bot.core.manifest import DocumentInfo, Manifest, check_model
from bot.store.base import ChunkRow, SentenceColumn
from bot.store.folder.vectors import search

# 1 kept rows as JSON lines and a float32 copy of the chunk vectors; 2 kept each file's own text for
# every kind (.md raw); 3 keeps the extracted text of .md, .html, .docx and .pdf, and PDF page starts.
FORMAT_VERSION = 3
MANIFEST = "manifest.json"
# Files every build has: a manifest that lists fewer vouches for less than the whole index.
REQUIRED_FILES = ("documents.npy", "document_texts.npy", "chunks.npy", "chunk_texts.npy",
                  "sentences.npy", "sentence_vectors.npy", "dense.faiss")
KEEP_OLD_BUILDS = 1  # a reader that resolved `current` just before a swap can still finish


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

    # -- the two searches (storage.Build) -----------------------------------------------------------
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


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(8 << 20), b""):  # large blocks: few GIL round trips
            digest.update(block)
    return digest.hexdigest()


def current_build(index_dir: Path) -> Path | None:
    link = index_dir / "current"
    if not link.is_symlink():
        return None
    target = (index_dir / os.readlink(link)).resolve()
    return target if target.is_dir() else None


# -- writing ------------------------------------------------------------------------------------
def new_build_folder(index_dir: Path) -> Path:
    builds = index_dir / "builds"
    builds.mkdir(parents=True, exist_ok=True)
    folder = builds / f".tmp-{os.getpid()}-{time.time_ns()}"
    folder.mkdir()
    return folder


def write_build(folder: Path, manifest: Manifest, texts: dict[str, str], chunks: list[ChunkRow],
                sentences: np.ndarray, sentence_vectors: np.ndarray, dense, bm25) -> None:
    """Write every file of a build into `folder` (a temp folder), manifest last, all fsync'ed.

    `texts` maps each document's source to its original text, in the order of manifest.documents.
    """
    import faiss

    if list(texts) != list(manifest.documents):
        raise ValueError("texts and manifest list the documents differently")
    row_of = {source: row for row, source in enumerate(texts)}
    document_texts, document_rows = _byte_arrays(texts.values())
    chunk_texts, text_rows = _byte_arrays(c.text for c in chunks)
    chunk_rows = np.array([(row_of[c.source], c.start, c.end, c.clean_start, c.clean_end) for c in chunks],
                          dtype=np.int64).reshape(-1, 5)
    arrays = {"documents.npy": document_rows, "document_texts.npy": document_texts,
              "chunks.npy": np.concatenate([chunk_rows, text_rows], axis=1), "chunk_texts.npy": chunk_texts,
              "sentences.npy": sentences.astype(np.int64), "sentence_vectors.npy": sentence_vectors.astype(np.float16)}
    for name, array in arrays.items():
        np.save(folder / name, array, allow_pickle=False)
    faiss.write_index(dense, str(folder / "dense.faiss"))
    bm25.save(str(folder / "bm25"), show_progress=False)
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    manifest = replace(manifest, files={p.relative_to(folder).as_posix(): sha256_file(p) for p in files})
    (folder / MANIFEST).write_text(json.dumps(manifest.as_json(), indent=1, ensure_ascii=False))
    for path in [*files, folder / MANIFEST]:
        _fsync(path)


def amend_manifest(folder: Path, changes: dict) -> None:
    """Set manifest fields of a build before it is published (never after: builds that are current
    are never modified). The manifest does not hash itself, so the files stay vouched for."""
    path = folder / MANIFEST
    manifest = replace(Manifest.from_json(json.loads(path.read_text(encoding="utf-8"))), **changes)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(manifest.as_json(), indent=1, ensure_ascii=False))
    _fsync(temporary)
    os.replace(temporary, path)


def _byte_arrays(texts) -> tuple[np.ndarray, np.ndarray]:
    """The UTF-8 bytes of `texts` one after another, and each text's [start, end) byte range."""
    encoded = [text.encode("utf-8") for text in texts]
    lengths = np.array([len(e) for e in encoded], dtype=np.int64)
    ends = np.cumsum(lengths)
    return np.frombuffer(b"".join(encoded), dtype=np.uint8), np.stack([ends - lengths, ends], axis=1)


def publish(index_dir: Path, temp_folder: Path) -> Path:
    """Make a finished build current: rename it into place, then atomically swap the symlink."""
    final = temp_folder.with_name(time.strftime("%Y%m%dT%H%M%S") + f"-{time.time_ns() % 10**9:09d}")
    temp_folder.rename(final)
    link, new_link = index_dir / "current", index_dir / f".current-{os.getpid()}"
    if new_link.is_symlink() or new_link.exists():
        new_link.unlink()
    new_link.symlink_to(final.relative_to(index_dir))
    os.replace(new_link, link)  # the one atomic step
    _fsync(index_dir)
    remove_old_builds(index_dir)
    return final


def remove_old_builds(index_dir: Path) -> None:
    """Delete interrupted builds and all but the newest superseded one."""
    current = current_build(index_dir)
    builds = index_dir / "builds"
    done = sorted(p for p in builds.iterdir() if not p.name.startswith(".")) if builds.is_dir() else []
    old = [p for p in done if p != current][:-KEEP_OLD_BUILDS or None]
    for path in [*old, *(p for p in builds.glob(".tmp-*") if _dead(p))]:
        shutil.rmtree(path, ignore_errors=True)
    for stray in index_dir.glob(".current-*"):
        stray.unlink(missing_ok=True)


def _dead(temp_folder: Path) -> bool:
    """A temp folder whose writer process is gone (its pid is in the name)."""
    try:
        os.kill(int(temp_folder.name.split("-")[1]), 0)
    except (ProcessLookupError, ValueError, IndexError):
        return True
    except PermissionError:
        return False
    return False


@contextmanager
def build_lock(index_dir: Path, wait: bool = False):
    """Hold the index folder's rebuild lock; raise IndexBusy at once if another process has it."""
    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir / ".lock", "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise IndexBusy(f"another rebuild of {index_dir} is running ({holder}); try again when it ends") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


# -- reading ------------------------------------------------------------------------------------
def read_manifest(index_dir: Path) -> tuple[Path, Manifest]:
    folder = current_build(index_dir)
    if folder is None:
        raise IndexMissing(missing_hint(index_dir))
    try:
        manifest = Manifest.from_json(json.loads((folder / MANIFEST).read_text(encoding="utf-8")))
        missing = [name for name in REQUIRED_FILES if name not in manifest.files]
        if missing or not any(name.startswith("bm25/") for name in manifest.files):
            raise ValueError(f"it does not list {', '.join(missing) or 'bm25/'}")
    except (OSError, ValueError) as error:
        raise IndexDamaged(f"index manifest in {folder} is unreadable ({error}); {fix_hint(index_dir)}") from None
    return folder, manifest


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


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
