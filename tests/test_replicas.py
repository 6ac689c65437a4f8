"""Many servers over one PostgreSQL store: a rebuild reaches all, a standby serves reads, and the
database restarting or a builder dying loses no build and mixes none."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import psycopg
import pytest

from bot.engine import Engine
from bot.indexing import build
from bot.storage import StoreError

from .conftest import ROOT, SEED_FILE
from .test_ask import assert_quotes_verbatim
from .test_postgres import count, pg_settings

EDIT = "Updated edition of this article.\n\n"


def current_build(url: str) -> int:
    return count(url, "SELECT build FROM current_build")


def test_every_server_switches_to_a_rebuild_within_two_seconds(seeds_copy, embedder, pg_url):
    settings = pg_settings(pg_url, seeds_copy)
    build(settings, embedder)
    with Engine(settings, embedder) as one, Engine(settings, embedder) as two:
        old = {e.ask("Who is Japan's defense minister?").index_version for e in (one, two)}
        article = seeds_copy / SEED_FILE.name
        article.write_text(EDIT + article.read_text(encoding="utf-8"), encoding="utf-8")
        report = build(settings, embedder)  # a third process would do the same: servers only see the database
        switched = time.monotonic()
        new = current_build(pg_url)
        while {one.store.current(), two.store.current()} != {new} and time.monotonic() - switched < 5:
            time.sleep(0.01)
        seconds = time.monotonic() - switched
        assert seconds < 2, seconds
        answers = [e.ask("Who is Japan's defense minister?") for e in (one, two)]
        assert {a.index_version for a in answers} == {f"pg-{new}"} != old and report.embedded > 0
        for answer in answers:
            assert_quotes_verbatim(answer, seeds_copy)  # offsets of the edited file: the new build's


def test_a_streaming_standby_serves_the_questions(postgres, seeds_copy, embedder, pg_url):
    settings = pg_settings(pg_url, seeds_copy)
    build(settings, embedder)
    standby = postgres.standby()  # pg_basebackup -R: streams everything the primary writes
    read_url = standby.url(pg_url.rsplit("/", 1)[1])
    with Engine(pg_settings(pg_url, seeds_copy, store_read=read_url), embedder) as server:
        assert server.store.run(lambda conn: conn.execute("SELECT pg_is_in_recovery()").fetchone()[0])
        first = server.ask("Who is Japan's defense minister?")
        assert "Nobuo Kishi" in first.quotes[0].text
        article = seeds_copy / SEED_FILE.name
        article.write_text(EDIT + article.read_text(encoding="utf-8"), encoding="utf-8")
        build(settings, embedder)
        deadline = time.monotonic() + 10
        while server.ask("Who is Japan's defense minister?").index_version == first.index_version:
            assert time.monotonic() < deadline, "the standby never showed the new build"
            time.sleep(0.05)
        assert_quotes_verbatim(server.ask("Who is Japan's defense minister?"), seeds_copy)
    with pytest.raises(StoreError, match="is a read-only standby: builds go to the primary"):
        build(pg_settings(read_url, seeds_copy), embedder)


def test_a_database_restart_fails_at_most_the_questions_in_flight(postgres, embedder, pg_url):
    build(pg_settings(pg_url), embedder)
    with Engine(pg_settings(pg_url), embedder) as server:
        before = server.ask("Who is Japan's defense minister?")
        postgres.restart()  # every connection of the pool is now broken
        after = server.ask("Who is Japan's defense minister?")  # a fresh connection, no restart of ours
        assert after.as_json()["quotes"] == before.as_json()["quotes"] and after.index_version == before.index_version
        postgres.stop()
        with pytest.raises(StoreError, match="cannot reach PostgreSQL at 127.0.0.1"):
            server.ask("Who is Japan's defense minister?")
        postgres.start()
        assert server.ask("Who is Japan's defense minister?").index_version == before.index_version


def killed_build(pg_url: str, seeds, log) -> subprocess.Popen:
    """`bot index` in a process of its own, writing one chunk per transaction (a wide window to kill it in)."""
    code = ("import sys; import bot.pg_store as s; s.BATCH_CHUNKS = 1; from bot.cli import main; "
            "sys.exit(main(sys.argv[1:]))")
    return subprocess.Popen([sys.executable, "-c", code, "index", "--seeds", str(seeds), "--store", pg_url],
                            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=dict(os.environ))


def many_articles(seeds, n: int = 120) -> None:
    for i in range(n):
        (seeds / f"note-{i:03d}.txt").write_text(f"Harbor note {i}: the ferry number {i} left pier {i % 7} "
                                                 f"at {i % 12 + 1} o'clock with {i * 3} passengers.\n", encoding="utf-8")


def kill_mid_write(pg_url: str, seeds, log) -> None:
    """Start a build and SIGKILL it once some of its new documents are committed."""
    before = count(pg_url, "SELECT count(*) FROM documents")
    builder = killed_build(pg_url, seeds, log)
    deadline = time.monotonic() + 240
    while count(pg_url, "SELECT count(*) FROM documents") < before + 3:
        assert builder.poll() is None and time.monotonic() < deadline, "the build ended before it could be killed"
        time.sleep(0.02)
    os.kill(builder.pid, signal.SIGKILL)
    builder.wait()


def test_a_builder_killed_mid_build_leaves_the_current_build_and_the_next_cleans_up(seeds_copy, embedder, pg_url, tmp_path):
    settings = pg_settings(pg_url, seeds_copy)
    build(settings, embedder)
    current = current_build(pg_url)
    many_articles(seeds_copy)
    with open(tmp_path / "builder.log", "wb") as log:
        kill_mid_write(pg_url, seeds_copy, log)
    assert current_build(pg_url) == current
    orphans = "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM build_documents b WHERE b.document = d.id)"
    assert count(pg_url, orphans) >= 3
    with Engine(settings, embedder) as server:
        answer = server.ask("Who is Japan's defense minister?")
        assert answer.index_version == f"pg-{current}" and "Nobuo Kishi" in answer.quotes[0].text
    report = build(settings, embedder)
    assert report.documents == 121 and current_build(pg_url) != current and count(pg_url, orphans) == 0
    with psycopg.connect(pg_url) as conn:  # the lock died with the builder: nothing is stuck
        assert conn.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'").fetchone()[0] == 0
