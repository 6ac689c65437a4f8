"""The index folder: plain files, one atomic switch, a lock, and a manifest that vouches for it all.

Layout of ``index/`` (see README):

    index/current -> builds/<id>     symlink; replacing it is the one atomic step of a rebuild
    index/builds/<id>/               one complete build, never modified after it is made current
        manifest.json                format, model, dimension, backend, chunking, documents, file sha256s
        documents.jsonl              source, sha256, size, title, original text of every article
        chunks.jsonl                 id, source, start, end (file offsets), cstart, cend, cleaned text
        sentences.npy                int64 [n, 5]: chunk row, start, end, cstart, cend
        chunk_vectors.npy            float32 [chunks, dim]      (reused by incremental rebuilds)
        sentence_vectors.npy         float16 [sentences, dim]   (late-pooled, see embedding.py)
        dense.faiss                  FAISS inner-product index over chunk vectors (vectors.py)
        bm25/                        bm25s files (.npy without pickle, JSON)
    index/.lock                      held by the one rebuild allowed at a time

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
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import IndexBusy, IndexDamaged, IndexMismatch, IndexMissing, fix_hint

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
# Files every build has: a manifest that lists fewer vouches for less than the whole index.
REQUIRED_FILES = ("documents.jsonl", "chunks.jsonl", "sentences.npy", "chunk_vectors.npy",
                  "sentence_vectors.npy", "dense.faiss")
KEEP_OLD_BUILDS = 1  # a reader that resolved `current` just before a swap can still finish


@dataclass(frozen=True)
class ChunkRow:
    id: str
    source: str
    start: int  # offsets in the file's text
    end: int
    cstart: int  # offsets in the cleaned text
    cend: int
    text: str  # cleaned text, what was embedded and what BM25 saw


@dataclass
class StoredIndex:
    """Everything a build holds, loaded from one build folder."""

    folder: Path
    manifest: dict
    documents: dict  # source -> {"sha256", "size", "title", "text"}
    chunks: list[ChunkRow]
    sentences: np.ndarray
    chunk_vectors: np.ndarray
    sentence_vectors: np.ndarray
    dense: object  # faiss.Index
    bm25: object  # bm25s.BM25


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


def write_build(folder: Path, manifest: dict, documents: list[dict], chunks: list[ChunkRow],
                sentences: np.ndarray, chunk_vectors: np.ndarray, sentence_vectors: np.ndarray,
                dense, bm25) -> None:
    """Write every file of a build into `folder` (a temp folder), manifest last, all fsync'ed."""
    import faiss

    _write_jsonl(folder / "documents.jsonl", documents)
    _write_jsonl(folder / "chunks.jsonl", [c.__dict__ for c in chunks])
    np.save(folder / "sentences.npy", sentences.astype(np.int64), allow_pickle=False)
    np.save(folder / "chunk_vectors.npy", chunk_vectors.astype(np.float32), allow_pickle=False)
    np.save(folder / "sentence_vectors.npy", sentence_vectors.astype(np.float16), allow_pickle=False)
    faiss.write_index(dense, str(folder / "dense.faiss"))
    bm25.save(str(folder / "bm25"), show_progress=False)
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    manifest = dict(manifest, files={p.relative_to(folder).as_posix(): sha256_file(p) for p in files})
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False))
    for path in [*files, folder / MANIFEST]:
        _fsync(path)


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
    _check_build(index_dir, folder, manifest, model_id, dim)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        _check_hashes(index_dir, manifest, _hash_files(pool, folder, manifest))


def _check_build(index_dir: Path, folder: Path, manifest: dict, model_id: str | None, dim: int | None) -> None:
    if manifest.get("format") != FORMAT_VERSION:
        raise IndexMismatch(f"index format {manifest.get('format')} is not {FORMAT_VERSION}; {fix_hint(index_dir)}")
    check_model(index_dir, manifest, model_id, dim)
    for name in manifest["files"]:
        if not (folder / name).is_file():
            raise IndexDamaged(f"index file {name} is missing; {fix_hint(index_dir)}")


def _hash_files(pool: ThreadPoolExecutor, folder: Path, manifest: dict) -> dict:
    """sha256 of every file, computed by the pool's threads (hashlib releases the GIL), largest first."""
    names = sorted(manifest["files"], key=lambda name: -(folder / name).stat().st_size)
    return {name: pool.submit(sha256_file, folder / name) for name in names}


def _check_hashes(index_dir: Path, manifest: dict, futures: dict) -> None:
    for name, digest in manifest["files"].items():
        if futures[name].result() != digest:
            raise IndexDamaged(f"index file {name} is damaged (sha256 mismatch); {fix_hint(index_dir)}")


def load(index_dir: Path, model_id: str | None = None, dim: int | None = None) -> StoredIndex:
    """Load the current build, verified; every failure is one of the errors in errors.py."""
    import bm25s
    import faiss

    folder, manifest = read_manifest(index_dir)
    _check_build(index_dir, folder, manifest, model_id, dim)
    # The files are hashed by worker threads while this one parses the JSON rows: on a large index
    # both take seconds, and they overlap. Rows parsed from a damaged file are thrown away: nothing
    # is returned, and no binary file is opened, before every hash has matched.
    rows_error = None
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        hashes = _hash_files(pool, folder, manifest)
        try:
            documents = {d["source"]: d for d in _read_jsonl(folder / "documents.jsonl")}
            chunks = _read_jsonl(folder / "chunks.jsonl", lambda row: ChunkRow(**row))
        except Exception as error:
            rows_error = error
        _check_hashes(index_dir, manifest, hashes)
    try:
        if rows_error is not None:
            raise rows_error
        sentences = np.load(folder / "sentences.npy", allow_pickle=False)
        chunk_vectors = np.load(folder / "chunk_vectors.npy", allow_pickle=False, mmap_mode="r")
        sentence_vectors = np.load(folder / "sentence_vectors.npy", allow_pickle=False, mmap_mode="r")
        # IO_FLAG_MMAP_IFC maps the vectors (flat codes, HNSW storage and neighbour lists) read-only
        # from the file instead of copying them; IO_FLAG_MMAP only concerns IVF inverted lists.
        dense = faiss.read_index(str(folder / "dense.faiss"), faiss.IO_FLAG_MMAP_IFC | faiss.IO_FLAG_READ_ONLY)
        bm25 = bm25s.BM25.load(str(folder / "bm25"), mmap=True, show_progress=False)
    except Exception as error:  # a file that passed its hash yet cannot be parsed: still damage
        raise IndexDamaged(f"index in {folder} cannot be read ({error}); {fix_hint(index_dir)}") from None
    problem = _inconsistency(manifest, chunks, sentences, chunk_vectors, sentence_vectors, dense)
    if problem:
        raise IndexDamaged(f"index in {folder} is inconsistent ({problem}); {fix_hint(index_dir)}")
    return StoredIndex(folder, manifest, documents, chunks, sentences, chunk_vectors,
                       sentence_vectors, dense, bm25)


def _inconsistency(manifest, chunks, sentences, chunk_vectors, sentence_vectors, dense) -> str:
    """What does not fit between the files of a build that each passed their hash, or ""."""
    dim = manifest["model"].get("dim")
    if dense.ntotal != len(chunks) or dense.d != dim or chunk_vectors.shape != (len(chunks), dim):
        return "chunk rows and vectors differ"
    if sentences.ndim != 2 or sentences.shape[1] != 5 or sentence_vectors.shape != (len(sentences), dim):
        return "sentence rows and vectors differ"
    if len(sentences) and not (0 <= sentences[:, 0].min() and sentences[:, 0].max() < len(chunks)):
        return "a sentence points at no chunk"
    return ""


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def _read_jsonl(path: Path, make=None, batch: int = 1000) -> list:
    """All rows of a JSON lines file (flat objects), each passed through `make` if given.

    Lines are parsed `batch` at a time as one JSON array: about twice as fast as one `json.loads` per
    line for a million rows, without a second copy of the whole file. Batches stay small because the
    parser holds the GIL, which the threads hashing the index (load) need now and then.
    """
    rows, lines = [], []

    def flush():
        rows.extend(json.loads("[" + ",".join(lines) + "]", object_hook=make))
        lines.clear()

    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                lines.append(line)
                if len(lines) == batch:
                    flush()
    flush()
    return rows


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
