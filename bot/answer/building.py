"""Building an index the bot can answer from: the build (index/builder.py) handed the refusal's
calibration, which it records in the new build before it becomes current. Kept apart from the
engine, which serves questions and need not load the build's chunker."""

from __future__ import annotations

from bot.answer.engine import calibrate_build
from bot.answer.ranking import AnswerModel
from bot.core.settings import Settings
from bot.embed.embedding import Embedder
from bot.index.builder import BuildReport
from bot.index.builder import build as index_build
from bot.store.base import Finish


def build(settings: Settings, embedder: Embedder | None = None, **options) -> BuildReport:
    """Bring the index in line with the seeds folder (index/builder.py: incremental, crash-safe) and
    record in the new build, before it becomes current, where the refusal's off-topic probes fall
    on it. `options`: `full`, `progress`, `target`, `cluster` (builder.build)."""
    embedder = embedder or Embedder(settings)
    return index_build(settings, embedder, finish=refusal_calibration(embedder, settings), **options)


def refusal_calibration(embedder: Embedder, settings: Settings) -> Finish:
    """What a build records of itself before it becomes current: the refusal's calibration."""
    model = AnswerModel.load()
    return lambda index: {"refusal": calibrate_build(index, embedder, model, settings.top_k).as_json()}
