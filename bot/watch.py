"""`bot index --watch`: keep the index in line with the folder while it changes.

Polling (file names, sizes and modification times, once a second) needs no extra dependency and
works on every filesystem; a rebuild starts once the folder has been quiet for `QUIET` seconds, so
an editor saving a file in several writes triggers one rebuild, not three.
"""

from __future__ import annotations

import json
import sys
import time

from .documents import list_files
from .embedding import Embedder
from .errors import BotError
from .indexing import build
from .settings import Settings

POLL = 1.0
QUIET = 2.0


def snapshot(settings: Settings) -> tuple:
    state = []
    for path in list_files(settings.seeds_dir) if settings.seeds_dir.is_dir() else []:
        try:
            stat = path.stat()
        except OSError:
            continue
        state.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(state)


def watch(settings: Settings, embedder: Embedder, full: bool = False, as_json: bool = False,
          rounds: int | None = None, cluster=None) -> int:
    """Rebuild now, then after every quiet change; `rounds` bounds the builds (for tests)."""
    print(f"watching {settings.seeds_dir} (Ctrl-C to stop)", file=sys.stderr)
    seen = snapshot(settings)
    _rebuild(settings, embedder, full, as_json, cluster)
    done, pending, changed_at = 1, False, 0.0
    while rounds is None or done < rounds:
        time.sleep(POLL)
        current = snapshot(settings)
        if current != seen:
            seen, pending, changed_at = current, True, time.monotonic()
        elif pending and time.monotonic() - changed_at >= QUIET:
            pending = False
            _rebuild(settings, embedder, False, as_json, cluster)
            done += 1
    return 0


def _rebuild(settings: Settings, embedder: Embedder, full: bool, as_json: bool, cluster=None) -> None:
    try:
        report = build(settings, embedder, full=full, cluster=cluster)
    except BotError as error:  # an empty folder or a busy lock: say so and keep watching
        print(f"error: {error}", file=sys.stderr, flush=True)
        return
    print(json.dumps(report.as_json()) if as_json else
          f"indexed {report.documents} documents ({report.embedded} chunks embedded, "
          f"{report.reused} reused, {report.removed} removed) in {report.seconds:.1f}s", flush=True)
