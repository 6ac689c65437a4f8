"""The index folder as a `store/base.py's `Store``: the default store, plain files (layout.py has the format).

Writing a build turns the documents' rows into the folder's files (FAISS index, bm25s arrays,
row and text arrays) and publishes them with one atomic rename; reusing a document means reading
its rows back from the current build.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np

from bot.core.errors import BotError
from bot.core.lexical import build_bm25
from bot.core.manifest import Manifest, ModelInfo
from bot.core.settings import Settings
from bot.store.base import DocumentRows, Finish, Reused, SentenceColumn, shift_chunks
from bot.store.folder import layout as store
from bot.store.folder import reading
from bot.store.folder.vectors import make_dense_index


class FolderStore:
    def __init__(self, index_dir: Path):
        self.index_dir = Path(index_dir)
        self.name = str(self.index_dir)
        self.option = f"--index {self.index_dir}"  # how commands name this store

    @staticmethod
    def from_settings(settings: Settings) -> "FolderStore":
        return FolderStore(settings.index_dir)

    def current(self):
        """Which build `current` points at, and which version of its manifest (a readlink and a
        stat per question: a manifest repaired in place is noticed too)."""
        folder = store.current_build(self.index_dir)
        try:
            stat = (folder / store.MANIFEST).stat()
        except (OSError, TypeError):  # no build, or no manifest: loading says which
            return None
        return folder, stat.st_ino, stat.st_size, stat.st_mtime_ns

    def current_version(self) -> str | None:
        folder = store.current_build(self.index_dir)
        return folder.name if folder else None

    def read_manifest(self) -> Manifest:
        return store.read_manifest(self.index_dir)[1]

    def load(self, model_id: str | None = None, dim: int | None = None) -> reading.StoredIndex:
        return reading.load(self.index_dir, model_id, dim)

    def lock(self, wait: bool = False, full: bool = False):
        return store.build_lock(self.index_dir, wait)

    def cleanup(self) -> None:
        store.remove_old_builds(self.index_dir)

    def describe(self, version: str) -> str:
        return str(self.index_dir / "builds" / version)

    def close(self) -> None:
        pass

    def reusable(self, sha256s: set[str], model: ModelInfo, chunking: dict) -> dict[str, Reused]:
        """Rows of the current build's documents with these hashes, when it was built with this
        model and chunking; empty when it is absent, damaged or different."""
        try:
            old = reading.load(self.index_dir, model.id, model.dim)
        except BotError:
            return {}
        if old.manifest.chunking != chunking:
            return {}
        found: dict[str, Reused] = {}
        # Rows are in document order (reading._inconsistency checks it): each document's chunks,
        # and their sentences, are one contiguous run.
        chunk_owners, sentence_owners = old.chunks.rows[:, 0], old.sentences[:, SentenceColumn.CHUNK]
        for row, (source, info) in enumerate(old.documents.items()):
            if info.sha256 not in sha256s or info.sha256 in found:
                continue
            first, last = np.searchsorted(chunk_owners, [row, row + 1])
            if first == last:
                continue
            s_first, s_last = np.searchsorted(sentence_owners, [first, last])
            sentences = np.array(old.sentences[s_first:s_last])
            sentences[:, SentenceColumn.CHUNK] -= first
            rows = DocumentRows(source, info.sha256, info.size, info.title, old.text(source),
                                old.chunks[first:last], sentences, old.chunk_vectors(range(first, last)),
                                np.array(old.sentence_vectors[s_first:s_last], dtype=np.float32), info.pages)
            found[info.sha256] = Reused(source, info.sha256, info.size, info.title, int(last - first), rows,
                                        info.pages)
        return found

    def write(self, manifest: Manifest, parts: list[DocumentRows | Reused], finish: Finish | None = None) -> str:
        """Write the files of a build of `parts` (in row order) and make it current. `finish` sees
        the new build before it is published; the manifest fields it returns are set."""
        rows = [rows_of(p) for p in parts]
        chunks = [c for r in rows for c in r.chunks]
        offsets = np.cumsum([0] + [len(r.chunks) for r in rows[:-1]])
        sentences = np.concatenate([shift_chunks(r.sentences, o) for r, o in zip(rows, offsets)])
        chunk_vectors = np.concatenate([r.chunk_vectors for r in rows]).astype(np.float32)
        sentence_vectors = np.concatenate([r.sentence_vectors for r in rows])
        dense, dense_kind = make_dense_index(chunk_vectors)
        manifest = replace(manifest, format=store.FORMAT_VERSION, dense_index=dense_kind,
                           counts=replace(manifest.counts, sentences=len(sentences)))
        folder = store.new_build_folder(self.index_dir)
        store.write_build(folder, manifest, {r.source: r.text for r in rows}, chunks, sentences,
                          sentence_vectors, dense, build_bm25([c.text for c in chunks]))
        if finish is not None:
            written = Manifest.from_json(json.loads((folder / store.MANIFEST).read_text(encoding="utf-8")))
            store.amend_manifest(folder, finish(reading.load_folder(self.index_dir, folder, written)))
        return store.publish(self.index_dir, folder).name


def rows_of(part: DocumentRows | Reused) -> DocumentRows:
    """A reused document's rows under its (maybe new) file name."""
    if isinstance(part, DocumentRows):
        return part
    rows: DocumentRows = part.handle
    if rows.source == part.source:
        return rows
    return replace(rows, source=part.source, title=part.title,
                   chunks=[replace(c, source=part.source) for c in rows.chunks])

