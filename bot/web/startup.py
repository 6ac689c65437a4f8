"""The web app's start-up (`python app.py`, `bot serve`): the index is built first when it is
missing, unreadable or stale, then the engine to serve is handed back, before the server starts,
so the page and the first question are quick."""

from __future__ import annotations

import logging
from collections.abc import Callable

from bot import Engine, Settings, build
from bot.core.errors import BotError, IndexBusy, IndexMissing, NothingToIndex
from bot.index.builder import chunking_params, recorded_seeds, seeds_problem
from bot.index.watch import SeedWatch

log = logging.getLogger(__name__)


def ready_to_serve(settings: Settings,
                   progress: Callable[[int, int], None] | None = None) -> tuple[Settings, Engine]:
    """The engine to serve, the index built first when it is missing, unreadable or stale (without
    a seeds folder named, from the folder the index was built from). A stale index that cannot be rebuilt
    (no readable article left, another rebuild running) is served as it is, with a note. Raises
    BotError, one line, when there is nothing to serve (no index, and none could be built)."""
    settings = recorded_seeds(settings)
    engine = Engine(settings)
    reason, have_index = "", False
    try:
        manifest = engine.loaded().index.manifest
        have_index = True
        if SeedWatch().stale(settings.seeds_dir, manifest):
            reason = "the seeds folder changed since it was built"
        elif manifest.chunking != chunking_params(settings):
            reason = "it was built by another version of the readers or the chunker"
    except IndexMissing:
        reason = "no index yet"
    except BotError as error:
        reason = str(error)
    if reason and (problem := seeds_problem(settings.seeds_dir)):  # nothing to build from: say only that
        if not have_index:
            raise NothingToIndex(problem)
        log.warning("note: the index was not rebuilt: %s", problem)
        reason = ""
    if reason:
        log.info("Building the index in %s from %s (%s)...", engine.store.name, settings.seeds_dir, reason)
        try:
            report = build(settings, engine.embedder, progress=progress, target=engine.store)
            log.info("Indexed %s", report.summary())
            for note in report.notes():
                log.info("  %s", note)
        except IndexBusy as error:
            log.warning("note: %s; waiting for it...", error)
            with engine.store.lock(wait=True):
                pass
        except BotError as error:  # e.g. no readable article: serve the old index if there is one
            if not have_index:
                raise
            log.warning("note: the index was not rebuilt: %s", error)
    return settings, engine
