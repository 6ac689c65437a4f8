"""The web app's live folder: its seeds folder watched while it serves, rebuilt as it changes.

The same `Watcher` as `bot index --watch` (index/watch.py), in a thread: a change is picked up within
a second, rebuilt incrementally once the folder has been quiet for two, and the engine swaps to the
new build by itself; a question asked meanwhile is answered from the last build, and says that the
folder holds changes not yet indexed. `BOT_WATCH=0` (or `--no-watch`) turns it off.
"""

from __future__ import annotations

import threading
import time
from datetime import datetime

from bot.answer.building import refusal_calibration
from bot.answer.engine import Engine
from bot.core.errors import BotError
from bot.core.settings import Settings
from bot.index.builder import BuildReport
from bot.index.watch import Watcher


class LiveFolder:
    def __init__(self, settings: Settings, engine: Engine):
        self.engine = engine
        self.watching = settings.watch
        self.last: tuple[str, BuildReport] | None = None  # (version it made, report) of the last change
        self._watcher = Watcher(settings, engine.embedder, on_build=self._built,
                                finish=refusal_calibration(engine.embedder, settings))
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watcher.run, kwargs={"stop": self._stop},
                                        name="seedbot-live-folder", daemon=True)

    def start(self) -> "LiveFolder":
        if self.watching:
            self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=30)  # a build in progress ends first: the index stays whole

    @property
    def pending(self) -> bool:
        """The folder changed and the change is not in the index being served yet (also while it
        is being indexed: the last build answers until the new one is current)."""
        return self.watching and (self._watcher.pending or self._watcher.rebuilding)

    def _built(self, report: BuildReport) -> None:
        if report.what_changed() != "nothing changed":
            self.last = (report.version, report)

    def status(self) -> str:
        """One line for under the question box: when the index last changed, and what changed."""
        try:
            loaded = self.engine.loaded()
        except BotError as error:
            return f"Index unavailable: {error}"
        if self.pending:
            return "The folder changed: updating the index… (answers come from the last build until then)"
        when = _ago(loaded.index.manifest.built_at)
        what = ""
        if self.last and self.last[0] == loaded.version:
            what = f": {self.last[1].what_changed()}"
        watching = "" if self.watching else " · not watching the folder (--no-watch or BOT_WATCH=0)"
        return f"Index updated {when}{what}{watching}"


def _ago(stamp: str) -> str:
    """'12 s ago', '5 min ago', '3 h ago', or the date, from a manifest's built_at."""
    try:
        seconds = max(0, int(time.time() - datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S%z").timestamp()))
    except ValueError:
        return "at an unknown time"
    if seconds < 60:
        return f"{seconds} s ago"
    if seconds < 3600:
        return f"{seconds // 60} min ago"
    if seconds < 86400:
        return f"{seconds // 3600} h ago"
    return f"on {stamp[:10]}"
