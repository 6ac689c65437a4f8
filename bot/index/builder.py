"""`bot index`: bring the index in line with the seeds folder, re-embedding only what changed.

load -> clean -> chunk -> embed -> store. Documents whose sha256, model and chunking are unchanged
reuse their stored rows and vectors; the rest are embedded; documents gone from the folder are left
out. Everything happens under the store's lock and ends in one atomic switch (store/base.py's `Store`.write:
a symlink swap for the index folder, a transaction for PostgreSQL).
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

import numpy as np

from bot.core.errors import BotError, NothingToIndex
from bot.core.manifest import DocumentInfo, Manifest, ModelInfo
from bot.core.settings import Settings
from bot.embed.embedding import Embedder
from bot.ingest.chunking import chunk_document, make_splitter
from bot.ingest.cleaning import clean
from bot.ingest.files import (
    READERS,
    SUFFIXES,
    Document,
    RawFile,
    Skipped,
    Unchanged,
    load_documents,
    parse,
    read_document,
    read_file,
    read_files,
)
from bot.store.base import ChunkRow, DocumentRows, Finish, Reused, SentenceColumn, Store, open_store


class Cluster(Protocol):
    """Embedding done elsewhere: new and changed files parsed, chunked and embedded by workers (the
    Ray driver, cluster/driver.py, implements it); the build gets their rows as if made here."""

    def embed(self, files: list[RawFile], embedder: Embedder, settings: Settings,
              progress: Callable[[int, int], None] | None = None) -> tuple[list[DocumentRows], list[Skipped]]: ...


CHUNKER = "recursive-tokens-v1"


@dataclass(frozen=True)
class BuildReport:
    documents: int
    chunks: int
    embedded: int  # chunks embedded in this run
    reused: int  # chunks whose vectors came from the previous build
    removed: int  # documents that were in the previous build and are gone (a renamed one is not)
    skipped: list[Skipped] = field(default_factory=list)
    seconds: float = 0.0
    index: str = ""
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (kept, copy left out)
    # Which documents differ from the build before: {"added", "changed", "removed": [source...],
    # "renamed": [(old, new)...]} (the web app's live folder says what changed).
    changes: dict = field(default_factory=dict)
    version: str = ""  # the build now current (the store's name for it)
    # Seconds per stage (read: files read, hashed and matched with the store; embed; write), for
    # benchmarks (scripts/ray_scaling.py); not part of the --json summary.
    stages: dict = field(default_factory=dict)

    def summary(self) -> str:
        """What the build did, in one line for people (the CLI, `--watch`, the web app)."""
        renamed = len(self.changes.get("renamed", []))
        return (f"{self.documents} documents, {self.chunks} chunks ({self.embedded} embedded, {self.reused} "
                f"reused, {self.removed} removed{f', {renamed} renamed' if renamed else ''}) in {self.seconds:.1f}s")

    def as_json(self) -> dict:
        return {
            "documents": self.documents, "chunks": self.chunks, "embedded": self.embedded,
            "reused": self.reused, "removed": self.removed,
            "skipped": [{"source": s.source, "reason": s.reason} for s in self.skipped],
            "duplicates": [list(pair) for pair in self.duplicates],
            "changes": {k: [list(v) if isinstance(v, tuple) else v for v in vs] for k, vs in self.changes.items()},
            "seconds": round(self.seconds, 3), "index": self.index,
        }

    def what_changed(self) -> str:
        """The changes in a few words: "a.html changed", "b.txt renamed to c.txt; 2 added"."""
        parts = [f"{old} renamed to {new}" for old, new in self.changes.get("renamed", [])]
        for kind in ("changed", "added", "removed"):
            sources = self.changes.get(kind, [])
            if len(sources) == 1:
                parts.append(f"{sources[0]} {kind}")
            elif sources:
                parts.append(f"{len(sources)} files {kind}")
        return "; ".join(parts) or "nothing changed"

    def notes(self) -> list[str]:
        """A line per file left out, and why (the CLI's stderr, the web app's start-up and rebuild)."""
        return [f"skipped {s.source}: {s.reason}" for s in self.skipped] + \
               [f"not indexed again {copy}: the same file as {kept}" for kept, copy in self.duplicates]


def chunking_params(settings: Settings) -> dict:
    return {"splitter": CHUNKER, "chunk_tokens": settings.chunk_tokens,
            "overlap_tokens": settings.chunk_overlap_tokens, "readers": READERS}


def seeds_problem(seeds: Path) -> str:
    """Why `seeds` cannot be the folder of articles, or "" when it can."""
    if seeds.is_dir():
        return ""
    if seeds.exists():
        return f"{seeds} is a file, not a folder: --seeds takes the folder that holds the articles"
    return f"the seeds folder {seeds} does not exist: create it and add articles, or pass --seeds FOLDER"


def recorded_seeds(settings: Settings) -> Settings:
    """The settings to rebuild with: the seeds folder given (--seeds, $BOT_SEEDS), else the one the
    index was built from, which its manifest records. Rebuilding an index of another folder from the
    default seeds/ would silently swap its whole corpus; a recorded folder that is gone is refused."""
    if settings.seeds_named:
        return settings
    where = open_store(settings)
    try:
        manifest = where.read_manifest()
    except BotError:  # no index yet (or a damaged one): build from the default folder
        return settings
    finally:
        where.close()
    recorded = Path(manifest.seeds or settings.seeds_dir)
    if recorded.resolve() == settings.seeds_dir.resolve():
        return settings
    if not recorded.is_dir():
        raise NothingToIndex(f"the index in {where.name} was built from {recorded}, which is gone: "
                             f"pass --seeds FOLDER to rebuild it from another folder")
    return replace(settings, seeds_dir=recorded)


def build(settings: Settings, embedder: Embedder, full: bool = False,
          progress: Callable[[int, int], None] | None = None, target: Store | None = None,
          cluster: Cluster | None = None, finish: Finish | None = None) -> BuildReport:
    """Bring the store `settings` names (or `target`) in line with ``settings.seeds_dir``.

    `progress(done, total)` is told how many chunks have been embedded (documents, on a cluster).
    With `cluster` (cluster/driver.py), the new and changed documents are parsed, chunked and embedded on
    Ray instead of here; what is reused, the write and the switch are the same. `finish` is asked
    what to record in the new build's manifest before it becomes current (the refusal's calibration:
    answer/engine.py's `build` hands it in; this stage knows nothing of answering). Raises
    NothingToIndex (leaving the old index alone) when the folder holds no readable article,
    IndexBusy when another rebuild holds the lock.
    """
    started = time.perf_counter()
    seeds = settings.seeds_dir
    if problem := seeds_problem(seeds):
        raise NothingToIndex(problem)
    where = target or open_store(settings)
    try:
        with where.lock(full=full):
            where.cleanup()
            before = _current_documents(where)
            # A file the current build holds with the same path and bytes is not read again. A
            # cluster build only reads the bytes here: its workers parse them.
            known = {} if full else before
            documents, skipped = read_files(seeds, known) if cluster else load_documents(seeds, known)
            documents, duplicates = drop_duplicates(documents, before)
            _some_left(documents, skipped, seeds, where)
            embedder.load()
            model = model_record(embedder)
            found = {} if full else where.reusable({d.sha256 for d in documents}, model, chunking_params(settings))
            documents = _read_if_not_reused(documents, found, settings, skipped, raw=cluster is not None)
            fresh = [d for d in documents if d.sha256 not in found]
            read_at = time.perf_counter()
            if cluster is None:
                made = embed_documents(embedder, settings, fresh, progress)
            else:
                made, lost = cluster.embed(fresh, embedder, settings, progress)
                skipped += lost
                gone = {s.source for s in lost}
                documents = [d for d in documents if d.source not in gone]
                _some_left(documents, skipped, seeds, where)
            reused = [_renamed(found[d.sha256], d) for d in documents if d.sha256 in found]
            embedded_at = time.perf_counter()
            parts, version = write_build(where, settings, model, before, reused, made, finish)
            index = where.describe(version)
            stages = {"read": read_at - started, "embed": embedded_at - read_at,
                      "write": time.perf_counter() - embedded_at}
    finally:
        if target is None:
            where.close()
    chunks = sum(len(p.chunks) if isinstance(p, DocumentRows) else p.chunks for p in parts)
    embedded = sum(len(p.chunks) for p in made)
    changes = compare(before, documents)
    return BuildReport(
        documents=len(parts),
        chunks=chunks,
        embedded=embedded,
        reused=chunks - embedded,
        removed=len(changes["removed"]),
        changes=changes,
        version=version,
        skipped=sorted(skipped, key=lambda s: s.source),  # a cluster sends them back in any order
        seconds=time.perf_counter() - started,
        index=index,
        stages=stages,
        duplicates=duplicates,
    )


def compare(before: dict[str, DocumentInfo], documents: list) -> dict:
    """What differs between the build before and these documents; a file gone and one added with
    the same bytes is a rename."""
    now = {d.source: d.sha256 for d in documents}
    added = [s for s in now if s not in before]
    removed = sorted(set(before) - set(now))
    renamed = []
    for old in list(removed):
        new = next((s for s in added if now[s] == before[old].sha256), None)
        if new:
            renamed.append((old, new))
            added.remove(new)
            removed.remove(old)
    changed = [s for s in now if s in before and before[s].sha256 != now[s]]
    return {"added": added, "changed": changed, "removed": removed, "renamed": renamed}


def drop_duplicates(documents: list, before: dict[str, DocumentInfo] | None = None
                    ) -> tuple[list, list[tuple[str, str]]]:
    """Byte-identical files of the same kind are one document, indexed once, so its quotes cite one
    path and its passages do not crowd out others: under the path the index already holds it by
    (a backup copy added later does not take its citations), else the first in sorted order."""
    before = before or {}

    def order(document) -> tuple[bool, str]:
        held = before.get(document.source)
        return (held is None or held.sha256 != document.sha256, document.source)

    first: dict[str, str] = {}
    kept, duplicates = [], []
    for document in sorted(documents, key=order):
        if document.sha256 in first:
            duplicates.append((first[document.sha256], document.source))
        else:
            first[document.sha256] = document.source
            kept.append(document)
    return sorted(kept, key=lambda d: d.source), sorted(duplicates, key=lambda pair: pair[1])


def write_build(where: Store, settings: Settings, model: ModelInfo, before: dict[str, DocumentInfo],
                reused: list[Reused], made: list[DocumentRows], finish: Finish | None = None) -> tuple[list, str]:
    """Write the build of these documents, add what `finish` records of it, and make it current;
    the one way every builder (this process or a cluster) ends. Nothing is written when nothing
    changed. Returns the parts in row order and the version now current."""
    parts = sorted(reused + made, key=lambda p: p.source)
    if not made and {s: info.sha256 for s, info in before.items()} == {p.source: p.sha256 for p in parts}:
        return parts, where.current_version()
    return parts, where.write(manifest_of(settings, model, parts), parts, finish)


def _some_left(documents: list, skipped: list[Skipped], seeds: Path, where: Store) -> None:
    if not documents:
        why = f" ({len(skipped)} skipped: {skipped[0].source}: {skipped[0].reason}...)" if skipped else ""
        kept = "; the index was left as it was" if where.current_version() else ""
        raise NothingToIndex(f"no readable article ({', '.join(sorted(SUFFIXES))}) in {seeds}{why}: "
                             f"add articles to {seeds}{kept}")


def _current_documents(where: Store) -> dict[str, DocumentInfo]:
    """The documents of the current build; empty when there is none or it cannot be read."""
    try:
        return where.read_manifest().documents
    except BotError:
        return {}


def _read_if_not_reused(documents: list, found: dict, settings: Settings, skipped: list[Skipped],
                        raw: bool = False) -> list:
    """Unchanged files whose rows cannot be reused after all (another model or chunking) are read
    (`raw`: their bytes only, for a cluster to parse). With `raw`, a file whose rows the store
    holds under another name is parsed here: its title is its own, as in a local build."""
    out = []
    for document in documents:
        if isinstance(document, Unchanged) and document.sha256 not in found:
            path = settings.seeds_dir / document.source
            document = read_file(path, document.source) if raw else read_document(path, document.source)
        elif isinstance(document, RawFile) and document.sha256 in found:
            document = parse(document)
        if isinstance(document, Skipped):
            skipped.append(document)
            continue
        out.append(document)
    if not out:
        raise NothingToIndex(f"no readable article in {settings.seeds_dir}; the index was left as it was")
    return out


def _renamed(found: Reused, document: Document | Unchanged) -> Reused:
    """A reused document under this build's file name (the same text may have been renamed)."""
    return replace(found, source=document.source, title=document.title, pages=document.pages)


def _chunk(document: Document, splitter):
    cleaned = clean(document.text, unwrap=document.source.lower().endswith(".txt"))
    chunks, sentences = chunk_document(document.source, document.sha256, cleaned, splitter)
    if document.headings:  # a heading is searched with its chunk but never quoted on its own
        starts = [start for start, _ in document.headings]

        def in_heading(sentence) -> bool:
            start, end = cleaned.span(sentence.clean_start, sentence.clean_end)
            at = bisect.bisect_right(starts, start) - 1
            return at >= 0 and end <= document.headings[at][1]

        sentences = [s for s in sentences if not in_heading(s)]
    return chunks, sentences, cleaned


def embed_documents(embedder: Embedder, settings: Settings, documents: list[Document],
                    progress: Callable[[int, int], None] | None = None) -> list[DocumentRows]:
    """Chunk the documents and embed every chunk (and sentence): the work of a build, here or in a
    Ray worker. The encoder starts on the first document's chunks while the next are chunked
    (Embedder.embed_stream): chunked first, SQuAD's 48 articles kept both cores waiting 1.6 s of a
    20 s build. `progress(done, total)` counts chunks embedded, once every document is chunked."""
    splitter = make_splitter(embedder.count_tokens, settings.chunk_tokens, settings.chunk_overlap_tokens,
                             embedder.count_tokens_many)
    todo: list[tuple[Document, list, list, object]] = []

    def chunked():
        for document in documents:
            chunks, sentences, cleaned = _chunk(document, splitter)
            todo.append((document, chunks, sentences, cleaned))
            for i, chunk in enumerate(chunks):
                yield chunk.text, [(s.clean_start - chunk.clean_start, s.clean_end - chunk.clean_start)
                                   for s in sentences if s.chunk == i]

    embedded, total = [], 0
    for pair in embedder.embed_stream(chunked()):  # the first comes once all are chunked
        embedded.append(pair)
        total = total or sum(len(chunks) for _, chunks, _, _ in todo)
        if progress:
            progress(len(embedded), total)
    parts, row = [], 0
    for document, chunks, sentences, cleaned in todo:
        n = len(chunks)
        rows = [ChunkRow(c.source, *cleaned.span(c.clean_start, c.clean_end), c.clean_start, c.clean_end, c.text)
                for c in chunks]
        sentence_rows = np.array(  # in SentenceColumn order
            [(s.chunk, *cleaned.span(s.clean_start, s.clean_end), s.clean_start, s.clean_end) for s in sentences],
            dtype=np.int64).reshape(-1, len(SentenceColumn))
        # Owners of sentences in text order never go backwards, so chunk order is sentence order.
        chunk_vectors = np.array([vector for vector, _ in embedded[row : row + n]], np.float32).reshape(n, embedder.dim)
        vectors = np.concatenate([spans for _, spans in embedded[row : row + n]]) if n \
            else np.zeros((0, embedder.dim), np.float32)
        parts.append(DocumentRows(document.source, document.sha256, len(document.text.encode()),
                                  document.title, document.text, rows, sentence_rows,
                                  chunk_vectors, vectors, document.pages))
        row += n
    return parts


def model_record(embedder: Embedder) -> ModelInfo:
    return ModelInfo(embedder.model_id, embedder.dim, embedder.backend, embedder.max_tokens)


def manifest_of(settings: Settings, model: ModelInfo, parts: list[DocumentRows | Reused]) -> Manifest:
    """What every store records about a build (each adds its own: format, files, dense index...)."""
    return Manifest.new(str(settings.seeds_dir.resolve()), model, chunking_params(settings), {
        p.source: DocumentInfo(p.sha256, p.size, p.title, len(p.chunks) if isinstance(p, DocumentRows) else p.chunks,
                               tuple(p.pages))
        for p in parts})


def copy_index(settings: Settings, index_dir: Path, target: Store | None = None) -> BuildReport:
    """Write the current build of the index folder `index_dir` into the store `settings` names, with
    its vectors as they are: moving an index into PostgreSQL costs no embedding. Documents the
    target already holds (same content, model and chunking) are reused there."""
    from bot.store.folder.backend import FolderStore, rows_of

    started = time.perf_counter()
    source = FolderStore(index_dir)
    manifest = source.read_manifest()
    where = target or open_store(settings)
    try:
        with where.lock():
            where.cleanup()
            before = _current_documents(where)
            documents = manifest.documents
            shas = {info.sha256 for info in documents.values()}
            there = where.reusable(shas, manifest.model, manifest.chunking)
            here = source.reusable(shas - set(there), manifest.model, manifest.chunking)
            parts = [replace(there[info.sha256], source=name, title=info.title) if info.sha256 in there
                     else rows_of(replace(here[info.sha256], source=name, title=info.title))
                     for name, info in documents.items()]
            # What the folder's store added is the target's to say (format, files, dense index).
            version = where.write(replace(manifest, format=None, files={}, dense_index=""), parts)
            index = where.describe(version)
    finally:
        if target is None:
            where.close()
    chunks = sum(info.chunks for info in documents.values())
    return BuildReport(documents=len(parts), chunks=chunks, embedded=0, reused=chunks,
                       removed=len(set(before) - set(documents)), seconds=time.perf_counter() - started, index=index)
