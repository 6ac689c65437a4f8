"""The index folder: plain files, one atomic switch, a lock, and a manifest that vouches for it all.

Layout of ``index/`` (see README):

    index/current -> builds/<id>     symlink; replacing it is the one atomic step of a rebuild
    index/builds/<id>/               one complete build, never modified after it is made current
        manifest.json                format, model, dimension, backend, chunking, file sha256s, and
                                     every document's sha256, size, title and chunk count, in row order
        documents.npy                int64 [documents, 2]: byte range of its text in document_texts.npy
        document_texts.npy           uint8: the original text of every article, UTF-8, one after another
        chunks.npy                   int64 [chunks, 7]: document row, start, end (file offsets), cstart,
                                     cend (cleaned-text offsets), byte range of its text in chunk_texts.npy
        chunk_texts.npy              uint8: the cleaned text of every chunk (what was embedded, BM25 saw)
        sentences.npy                int64 [n, 5]: chunk row, start, end, cstart, cend
        sentence_vectors.npy         float16 [sentences, dim]   (late-pooled, see embedding.py)
        dense.faiss                  FAISS inner-product index over chunk vectors (vectors.py); it is
                                     also where incremental rebuilds read the chunk vectors back from
        bm25/                        bm25s files (.npy without pickle, JSON)
    index/.lock                      held by the one rebuild allowed at a time

Rows are columns of numbers and texts are byte arrays, all memory-mapped: a million-chunk index
opens without parsing anything, and a row's text is decoded only when a question needs it.

A build is written to ``builds/.tmp-*`` and renamed into place, then ``current`` is swapped. A crash
at any point leaves ``current`` pointing at the previous complete build; ``.tmp-*`` leftovers are
removed by the next rebuild. Readers resolve ``current`` once, so a swap never mixes two builds.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import mmap
import os
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from .errors import IndexBusy, IndexDamaged, IndexMismatch, IndexMissing, fix_hint

FORMAT_VERSION = 2  # 1 kept rows as JSON lines and a float32 copy of the chunk vectors
MANIFEST = "manifest.json"
# Files every build has: a manifest that lists fewer vouches for less than the whole index.
REQUIRED_FILES = ("documents.npy", "document_texts.npy", "chunks.npy", "chunk_texts.npy",
                  "sentences.npy", "sentence_vectors.npy", "dense.faiss")
KEEP_OLD_BUILDS = 1  # a reader that resolved `current` just before a swap can still finish


@dataclass(frozen=True)
class ChunkRow:
    source: str
    start: int  # offsets in the file's text
    end: int
    cstart: int  # offsets in the cleaned text
    cend: int
    text: str  # cleaned text, what was embedded and what BM25 saw


class ChunkTable(Sequence):
    """The chunk rows of a build, made on demand from the memory-mapped `chunks.npy` and
    `chunk_texts.npy`: indexing a row decodes that row's text and nothing else."""

    def __init__(self, rows: np.ndarray, texts: np.ndarray, sources: list[str]):
        self.rows, self.texts, self.sources = rows, texts, sources

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        doc, start, end, cstart, cend, tstart, tend = (int(x) for x in self.rows[i])
        return ChunkRow(self.sources[doc], start, end, cstart, cend, _utf8(self.texts[tstart:tend]))

    def source(self, i: int) -> str:
        return self.sources[int(self.rows[i, 0])]


@dataclass
class StoredIndex:
    """Everything a build holds, loaded from one build folder."""

    folder: Path
    manifest: dict
    documents: dict  # source -> {"sha256", "size", "title", "chunks"}, in row order
    chunks: ChunkTable
    sentences: np.ndarray
    sentence_vectors: np.ndarray
    dense: object  # faiss.Index
    bm25: object  # bm25s.BM25
    document_rows: np.ndarray  # [documents, 2]: byte range of each document's text
    document_texts: np.ndarray

    def __post_init__(self):
        self._row_of = {source: row for row, source in enumerate(self.documents)}
        self.text = lru_cache(maxsize=8)(self._text)  # a quote and its context: the same few documents

    def _text(self, source: str) -> str:
        """The original text of a document: what quotes are cut from."""
        start, end = self.document_rows[self._row_of[source]]
        return _utf8(self.document_texts[start:end])

    def chunk_vectors(self, rows) -> np.ndarray:
        """Chunk vectors (float32) read back from the FAISS index, which keeps them in float16."""
        return self.dense.reconstruct_batch(np.asarray(rows, dtype=np.int64))


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


def write_build(folder: Path, manifest: dict, texts: dict[str, str], chunks: list[ChunkRow],
                sentences: np.ndarray, sentence_vectors: np.ndarray, dense, bm25) -> None:
    """Write every file of a build into `folder` (a temp folder), manifest last, all fsync'ed.

    `texts` maps each document's source to its original text, in the order of manifest["documents"].
    """
    import faiss

    if list(texts) != list(manifest["documents"]):
        raise ValueError("texts and manifest list the documents differently")
    row_of = {source: row for row, source in enumerate(texts)}
    document_texts, document_rows = _byte_arrays(texts.values())
    chunk_texts, text_rows = _byte_arrays(c.text for c in chunks)
    chunk_rows = np.array([(row_of[c.source], c.start, c.end, c.cstart, c.cend) for c in chunks],
                          dtype=np.int64).reshape(-1, 5)
    arrays = {"documents.npy": document_rows, "document_texts.npy": document_texts,
              "chunks.npy": np.concatenate([chunk_rows, text_rows], axis=1), "chunk_texts.npy": chunk_texts,
              "sentences.npy": sentences.astype(np.int64), "sentence_vectors.npy": sentence_vectors.astype(np.float16)}
    for name, array in arrays.items():
        np.save(folder / name, array, allow_pickle=False)
    faiss.write_index(dense, str(folder / "dense.faiss"))
    bm25.save(str(folder / "bm25"), show_progress=False)
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    manifest = dict(manifest, files={p.relative_to(folder).as_posix(): sha256_file(p) for p in files})
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False))
    for path in [*files, folder / MANIFEST]:
        _fsync(path)


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
def read_manifest(index_dir: Path) -> tuple[Path, dict]:
    folder = current_build(index_dir)
    if folder is None:
        raise IndexMissing(f"no index in {index_dir}: run `bot index --index {index_dir}` to build one")
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        _check_manifest(manifest)
    except (OSError, ValueError) as error:
        raise IndexDamaged(f"index manifest in {folder} is unreadable ({error}); {fix_hint(index_dir)}") from None
    return folder, manifest


def _check_manifest(manifest) -> None:
    """The shape the rest of the code relies on, so that a wrong manifest is damage, not a crash."""
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
        raise ValueError("not a manifest object")
    if not isinstance(manifest.get("model"), dict) or not isinstance(manifest.get("documents", {}), dict):
        raise ValueError("no model record")
    files = manifest["files"]
    for name, digest in files.items():
        if not isinstance(digest, str) or name.startswith("/") or ".." in name.split("/"):
            raise ValueError(f"bad file entry {name!r}")
    missing = [name for name in REQUIRED_FILES if name not in files]
    if missing or not any(name.startswith("bm25/") for name in files):
        raise ValueError(f"it does not list {', '.join(missing) or 'bm25/'}")


def check_model(index_dir: Path, manifest: dict, model_id: str | None, dim: int | None = None) -> None:
    """Refuse an index built with another embedding model, or whose vectors have another size."""
    built = manifest.get("model", {})
    built_id, built_dim = built.get("id"), built.get("dim")
    if (model_id is None or built_id == model_id) and (dim is None or built_dim == dim):
        return
    given = f"{model_id!r}" + (f" ({dim} dimensions)" if dim is not None else "")
    raise IndexMismatch(
        f"index was built with model {built_id!r} ({built_dim} dimensions) but model {given} is "
        f"configured; run `bot index --full --index {index_dir} --model {model_id}` to rebuild it "
        f"for this model, or use --model {built_id}")


def verify(index_dir: Path, folder: Path, manifest: dict, model_id: str | None, dim: int | None) -> None:
    """Refuse an index of another format or model, or one whose files do not match their sha256."""
    if manifest.get("format") != FORMAT_VERSION:
        raise IndexMismatch(f"index format {manifest.get('format')} is not {FORMAT_VERSION}; {fix_hint(index_dir)}")
    check_model(index_dir, manifest, model_id, dim)
    for name in manifest["files"]:
        if not (folder / name).is_file():
            raise IndexDamaged(f"index file {name} is missing; {fix_hint(index_dir)}")
    # Largest first, on every core: hashlib releases the GIL, and a large index is gigabytes.
    names = sorted(manifest["files"], key=lambda name: -(folder / name).stat().st_size)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        digests = dict(zip(names, pool.map(sha256_file, (folder / name for name in names))))
    for name in names:
        if digests[name] != manifest["files"][name]:
            raise IndexDamaged(f"index file {name} is damaged (sha256 mismatch); {fix_hint(index_dir)}")


def load(index_dir: Path, model_id: str | None = None, dim: int | None = None) -> StoredIndex:
    """Load the current build, verified; every failure is one of the errors in errors.py."""
    import bm25s
    import faiss

    folder, manifest = read_manifest(index_dir)
    verify(index_dir, folder, manifest, model_id, dim)  # every hash matches before a file is opened
    try:
        document_rows, chunk_rows, sentences = (
            np.load(folder / name, allow_pickle=False) for name in ("documents.npy", "chunks.npy", "sentences.npy"))
        document_texts, chunk_texts, sentence_vectors = (
            _map_npy(folder / name) for name in ("document_texts.npy", "chunk_texts.npy", "sentence_vectors.npy"))
        # IO_FLAG_MMAP_IFC maps the vectors (flat codes, HNSW storage and neighbour lists) read-only
        # from the file instead of copying them; IO_FLAG_MMAP only concerns IVF inverted lists.
        dense = faiss.read_index(str(folder / "dense.faiss"), faiss.IO_FLAG_MMAP_IFC | faiss.IO_FLAG_READ_ONLY)
        bm25 = bm25s.BM25.load(str(folder / "bm25"), mmap=True, show_progress=False)
    except Exception as error:  # a file that passed its hash yet cannot be parsed: still damage
        raise IndexDamaged(f"index in {folder} cannot be read ({error}); {fix_hint(index_dir)}") from None
    documents = manifest.get("documents", {})
    problem = _inconsistency(manifest, document_rows, document_texts, chunk_rows, chunk_texts, sentences,
                             sentence_vectors, dense)
    if problem:
        raise IndexDamaged(f"index in {folder} is inconsistent ({problem}); {fix_hint(index_dir)}")
    return StoredIndex(folder, manifest, documents, ChunkTable(chunk_rows, chunk_texts, list(documents)),
                       sentences, sentence_vectors, dense, bm25, document_rows, document_texts)


def _map_npy(path: Path) -> np.ndarray:
    """A read-only memory map of an .npy file, with the kernel's read-ahead turned off.

    Questions read a few scattered rows (sentence vectors, texts); read-ahead would pull 128 KB
    around each into memory and, over a few hundred questions, most of a multi-gigabyte file.
    """
    with open(path, "rb") as handle:
        version = np.lib.format.read_magic(handle)
        read_header = {(1, 0): np.lib.format.read_array_header_1_0,
                       (2, 0): np.lib.format.read_array_header_2_0}[version]
        shape, fortran_order, dtype = read_header(handle)
        offset = handle.tell()
        if dtype.hasobject or fortran_order:
            raise ValueError(f"{path.name} is not a plain array")
        count = int(np.prod(shape))
        if count == 0:
            return np.zeros(shape, dtype)
        buffer = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    buffer.madvise(mmap.MADV_RANDOM)
    return np.frombuffer(buffer, dtype, count=count, offset=offset).reshape(shape)


def _inconsistency(manifest, document_rows, document_texts, chunk_rows, chunk_texts, sentences,
                   sentence_vectors, dense) -> str:
    """What does not fit between the files of a build that each passed their hash, or ""."""
    dim = manifest["model"].get("dim")
    if not all(np.issubdtype(a.dtype, np.integer)
               for a in (document_rows, document_texts, chunk_rows, chunk_texts, sentences)):
        return "a row file does not hold integers"
    if document_rows.shape != (len(manifest.get("documents", {})), 2) or document_texts.ndim != 1:
        return "document rows and the manifest differ"
    if chunk_rows.ndim != 2 or chunk_rows.shape[1] != 7 or chunk_texts.ndim != 1:
        return "chunk rows have the wrong shape"
    if dense.ntotal != len(chunk_rows) or dense.d != dim:
        return "chunk rows and vectors differ"
    if sentences.ndim != 2 or sentences.shape[1] != 5 or sentence_vectors.shape != (len(sentences), dim):
        return "sentence rows and vectors differ"
    if not (_within(document_rows, len(document_texts)) and _within(chunk_rows[:, 5:], len(chunk_texts))):
        return "a text range points outside its file"
    documents = chunk_rows[:, 0]
    if len(documents) and not (0 <= documents[0] and documents[-1] < len(document_rows) and _ordered(documents)):
        return "chunks are not in document order"  # incremental rebuilds rely on that order
    owners = sentences[:, 0]
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
