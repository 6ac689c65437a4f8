"""The seeds folder against the index: what changed, and `bot index --watch`.

- `SeedWatch` says which files differ from a build (hashes cached by size and modification time);
  the web app's Index tab shows it, and the start-up below acts on it.
- `watch` keeps the index in line with the folder while it changes. Polling (file names, sizes and
  modification times, once a second) needs no extra dependency and works on every filesystem; a
  rebuild starts once the folder has been quiet for `QUIET` seconds, so an editor saving a file in
  several writes triggers one rebuild, not three.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

from bot.core.errors import BotError
from bot.core.manifest import Manifest
from bot.core.settings import Settings
from bot.embed.embedding import Embedder
from bot.index.builder import BuildReport, build, seeds_problem
from bot.ingest.files import Document, list_files, read_document
from bot.store.base import Finish
from bot.store.folder.layout import sha256_file

log = logging.getLogger(__name__)
POLL = 1.0
QUIET = 2.0


def listing(seeds_dir: Path) -> dict[Path, tuple[int, int]]:
    """Every article file of the folder with its size and modification time: what a change moves."""
    found = {}
    for path in list_files(seeds_dir) if seeds_dir.is_dir() else []:
        try:
            stat = path.stat()
        except OSError:  # gone since it was listed
            continue
        found[path] = (stat.st_size, stat.st_mtime_ns)
    return found


class SeedWatch:
    """Which files of the seeds folder differ from a build; hashes cached by (size, mtime)."""

    def __init__(self):
        self._seen: dict[tuple, tuple[str, str]] = {}

    def changes(self, seeds_dir: Path, manifest: Manifest) -> dict:
        """{"added", "changed", "removed": [source...], "skipped": [(source, reason)...],
        "duplicates": [(indexed source, copy)...]}, or {"error": why} when the folder cannot be read as one."""
        indexed = manifest.documents
        if problem := seeds_problem(seeds_dir):
            return {"error": problem}
        by_content = {(info.sha256, Path(source).suffix.lower()): source for source, info in indexed.items()}
        added, changed, skipped, duplicates, present = [], [], [], [], set()
        for path, stamp in listing(seeds_dir).items():
            source = path.relative_to(seeds_dir).as_posix()
            try:
                digest, skip = self._look(path, source, stamp)
            except OSError:
                continue
            if source in indexed:
                present.add(source)
                if indexed[source].sha256 != digest:
                    changed.append(source)
            elif skip:  # empty, binary or undecodable files are never indexed: not a change
                skipped.append((source, skip))
            elif (twin := by_content.get((digest, path.suffix.lower()))) and twin < source:
                duplicates.append((twin, source))  # builder.drop_duplicates left it out: not a change
            else:
                added.append(source)
        return {"added": added, "changed": changed, "removed": sorted(set(indexed) - present), "skipped": skipped,
                "duplicates": duplicates}

    def stale(self, seeds_dir: Path, manifest: Manifest) -> bool:
        changes = self.changes(seeds_dir, manifest)
        return any(changes.get(k) for k in ("added", "changed", "removed"))

    def _look(self, path: Path, source: str, stamp: tuple[int, int]) -> tuple[str, str]:
        """(sha256, why the file is not indexable or "")."""
        key = (source, *stamp)
        if key not in self._seen:
            found = read_document(path, source)
            self._seen[key] = (sha256_file(path), "" if isinstance(found, Document) else found.reason)
        return self._seen[key]


def watch(settings: Settings, embedder: Embedder, full: bool = False,
          on_build: Callable[[BuildReport], None] | None = None, rounds: int | None = None,
          cluster=None, finish: Finish | None = None) -> int:
    """Rebuild now, then after every quiet change; `on_build` is told each build's report, a
    build that could not be made is logged; `rounds` bounds the builds (for tests); `cluster` and
    `finish` go to every build (builder.build)."""
    log.info("watching %s (Ctrl-C to stop)", settings.seeds_dir)
    seen = listing(settings.seeds_dir)
    _rebuild(settings, embedder, full, on_build, cluster, finish)
    done, pending, changed_at = 1, False, 0.0
    while rounds is None or done < rounds:
        time.sleep(POLL)
        current = listing(settings.seeds_dir)
        if current != seen:
            seen, pending, changed_at = current, True, time.monotonic()
        elif pending and time.monotonic() - changed_at >= QUIET:
            pending = False
            _rebuild(settings, embedder, False, on_build, cluster, finish)
            done += 1
    return 0


def _rebuild(settings: Settings, embedder: Embedder, full: bool, on_build, cluster, finish) -> None:
    try:
        report = build(settings, embedder, full=full, cluster=cluster, finish=finish)
    except BotError as error:  # an empty folder or a busy lock: say so and keep watching
        log.error("error: %s", error)
        return
    if on_build:
        on_build(report)
