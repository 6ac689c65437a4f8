"""Shared fixtures. The real model and real FAISS are used throughout; the model loads once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.embedding import Embedder
from bot.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED_FILE = next(SEEDS.glob("*.txt"))


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    return Embedder(Settings.from_env()).load()


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory, embedder) -> Settings:
    """An index of the project's own seeds/, built once for the session (read-only for tests)."""
    from bot.indexing import build

    folder = tmp_path_factory.mktemp("seed-index")
    settings = Settings.from_env(seeds_dir=SEEDS, index_dir=folder / "index")
    build(settings, embedder)
    return settings


@pytest.fixture()
def seeds_copy(tmp_path) -> Path:
    """A writable copy of seeds/ for tests that add, edit or delete articles."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture(scope="session")
def engine(seed_index, embedder):
    from bot.engine import Engine

    return Engine(seed_index, embedder)
