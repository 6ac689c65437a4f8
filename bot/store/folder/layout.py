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


This module writes and switches builds (and holds the lock); reading.py reads and checks them.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import time
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import numpy as np

from bot.core.errors import IndexBusy, IndexDamaged, IndexMissing, fix_hint, missing_hint
from bot.core.manifest import Manifest
from bot.store.base import ChunkRow

# 1 kept rows as JSON lines and a float32 copy of the chunk vectors; 2 kept each file's own text for
# every kind (.md raw); 3 keeps the extracted text of .md, .html, .docx and .pdf, and PDF page starts.
FORMAT_VERSION = 3

MANIFEST = "manifest.json"

# Files every build has: a manifest that lists fewer vouches for less than the whole index.
REQUIRED_FILES = ("documents.npy", "document_texts.npy", "chunks.npy", "chunk_texts.npy",
                  "sentences.npy", "sentence_vectors.npy", "dense.faiss")

KEEP_OLD_BUILDS = 1  # a reader that resolved `current` just before a swap can still finish

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

def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
