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
import threading
import time
from collections.abc import Callable
from pathlib import Path

from bot.core.errors import BotError, IndexBusy
from bot.core.manifest import Manifest
from bot.core.settings import Settings
from bot.embed.embedding import Embedder
from bot.index.builder import BuildReport, build, seeds_problem
from bot.ingest.files import Document, content_hash_file, list_files, read_document
from bot.store.base import Finish

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
        by_content = {info.sha256: source for source, info in indexed.items()}
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
            elif twin := by_content.get(digest):  # a copy of an indexed file: left out by
                duplicates.append((twin, source))  # builder.drop_duplicates, so not a change
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
            self._seen[key] = (found.sha256, "") if isinstance(found, Document) else \
                (content_hash_file(path, source), found.reason)
        return self._seen[key]


class Watcher:
    """Keeps the index in line with the folder while it changes: rebuild now, then after every
    quiet change. `bot index --watch` runs it in the foreground, the web app in a thread (web/live.py)."""

    def __init__(self, settings: Settings, embedder: Embedder, full: bool = False,
                 on_build: Callable[[BuildReport], None] | None = None, cluster=None, finish: Finish | None = None):
        self.settings, self.embedder, self.full = settings, embedder, full
        self.on_build, self.cluster, self.finish = on_build, cluster, finish
        self.pending = False  # the folder changed after the last build began: not indexed yet
        self.rebuilding = False  # a change is being indexed: until its build is current, still not in it

    def run(self, rounds: int | None = None, stop: threading.Event | None = None) -> int:
        """Watch until `stop` is set, or for `rounds` builds (tests)."""
        stop = stop or threading.Event()
        seen = listing(self.settings.seeds_dir)
        self._rebuild(self.full)
        done, changed_at = 1, 0.0
        while (rounds is None or done < rounds) and not stop.wait(POLL):
            current = listing(self.settings.seeds_dir)
            if current != seen:
                seen, self.pending, changed_at = current, True, time.monotonic()
            elif self.pending and time.monotonic() - changed_at >= QUIET:
                # Set before `pending` is cleared, so that a reader never sees the change as indexed
                # while the old build still answers; changes from now on are seen at the next poll.
                self.rebuilding = True
                self.pending = False
                try:
                    if not self._rebuild(False):  # another rebuild held the lock: try again after it
                        self.pending, changed_at = True, time.monotonic()
                finally:
                    self.rebuilding = False
                done += 1
        return 0

    def _rebuild(self, full: bool) -> bool:
        """Build; False when another rebuild held the lock (the change may not be in the index)."""
        try:
            report = build(self.settings, self.embedder, full=full, cluster=self.cluster, finish=self.finish)
        except IndexBusy as error:
            log.warning("note: %s", error)
            return False
        except BotError as error:  # an empty folder, say: say so and wait for the next change
            log.error("error: %s", error)
            return True
        if self.on_build:
            self.on_build(report)
        return True


def watch(settings: Settings, embedder: Embedder, full: bool = False,
          on_build: Callable[[BuildReport], None] | None = None, rounds: int | None = None,
          cluster=None, finish: Finish | None = None) -> int:
    """`bot index --watch`: rebuild now, then after every quiet change; `on_build` is told each
    build's report, a build that could not be made is logged; `rounds` bounds the builds (tests);
    `cluster` and `finish` go to every build (builder.build)."""
    log.info("watching %s (Ctrl-C to stop)", settings.seeds_dir)
    return Watcher(settings, embedder, full, on_build, cluster, finish).run(rounds)
