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

from bot import build
from bot.answer.engine import Engine
from bot.store.base import StoreError
from testkit.pgserver import ask_throughout_an_outage
from tests.conftest import ROOT, SEED_FILE
from tests.integration.test_ask import assert_quotes_verbatim
from tests.integration.test_postgres import count, pg_settings

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


@pytest.mark.parametrize("outage", [pytest.param(20, id="20 s"), pytest.param(70, id="70 s", marks=pytest.mark.slow)])
def test_answers_come_back_within_two_seconds_of_the_database(postgres, embedder, pg_url, outage):
    """psycopg_pool retries a lost connection with a back-off that doubles: after a 70 s outage
    questions failed for up to a minute with the server up. An empty pool now asks the server."""
    build(pg_settings(pg_url), embedder)
    engines = [Engine(pg_settings(pg_url), embedder) for _ in range(3)]  # three apps over one database
    try:
        for engine in engines:
            engine.ask(QUESTIONS[0])
        late, wrong = ask_throughout_an_outage(postgres, engines, outage, QUESTIONS[0])
    finally:
        for engine in engines:
            engine.close()
    assert len(late) == 3 and max(late) < 2, late
    assert wrong == []  # once the server is up, no question is told it is down


def test_reads_go_to_the_primary_while_the_standby_is_down(postgres, seeds_copy, embedder, pg_url):
    from bot.store.postgres.backend import REPLICA_RETRY

    settings = pg_settings(pg_url, seeds_copy)
    build(settings, embedder)
    standby = postgres.standby()
    in_recovery = "SELECT pg_is_in_recovery()"
    with Engine(pg_settings(pg_url, seeds_copy, store_read=standby.url(pg_url.rsplit("/", 1)[1])), embedder) as server:
        before = server.ask("Who is Japan's defense minister?")
        standby.stop()
        during = server.ask("Who is Japan's defense minister?")
        assert not server.store.run(lambda conn: conn.execute(in_recovery).fetchone()[0])  # the primary
        standby.start()
        time.sleep(REPLICA_RETRY)
        assert server.store.run(lambda conn: conn.execute(in_recovery).fetchone()[0])  # the standby again
        after = server.ask("Who is Japan's defense minister?")
    assert before.as_json()["quotes"] == during.as_json()["quotes"] == after.as_json()["quotes"]


def killed_build(pg_url: str, seeds, log) -> subprocess.Popen:
    """`bot index` in a process of its own, writing one chunk per transaction (a wide window to kill it in)."""
    code = ("import sys; import bot.store.postgres.write as w; w.BATCH_CHUNKS = 1; from bot.cli import main; "
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


QUESTIONS = ["Who is Japan's defense minister?", "When was the 2 plus 2 meeting held?",
             "What did the joint document stress?", "What is the boiling point of mercury?"]


@pytest.mark.slow
def test_ten_database_restarts_lose_no_build_and_mix_none(postgres, embedder, pg_url):
    import threading

    build(pg_settings(pg_url), embedder)
    version = f"pg-{current_build(pg_url)}"
    with Engine(pg_settings(pg_url), embedder) as server:
        expected = {q: server.ask(q).as_json()["quotes"] for q in QUESTIONS}
        stop, answers, failures = threading.Event(), [], []

        def keep_asking(offset: int) -> None:
            n = offset
            while not stop.is_set():
                try:
                    answers.append(server.ask(QUESTIONS[n % len(QUESTIONS)]))
                except StoreError as error:  # in flight during a restart: allowed, and said plainly
                    failures.append(str(error))
                    time.sleep(0.2)
                n += 1

        askers = [threading.Thread(target=keep_asking, args=(i,)) for i in range(2)]
        for thread in askers:
            thread.start()
        try:
            for i in range(10):  # fast shutdowns and immediate ones (a crash, recovered from WAL)
                postgres.restart(signal.SIGQUIT if i % 2 else signal.SIGINT)
                deadline = time.monotonic() + 20
                while True:
                    try:
                        answer = server.ask(QUESTIONS[0])
                        break
                    except StoreError:
                        assert time.monotonic() < deadline, "no answer 20 s after the restart"
                        time.sleep(0.2)
                assert answer.index_version == version and answer.as_json()["quotes"] == expected[QUESTIONS[0]]
        finally:
            stop.set()
            for thread in askers:
                thread.join()
    assert answers and all(a.index_version == version for a in answers)
    assert all(a.as_json()["quotes"] == expected[a.question] for a in answers)
    assert all("PostgreSQL at 127.0.0.1" in f for f in failures)
    assert current_build(pg_url) == int(version[3:]) and count(pg_url, "SELECT count(*) FROM builds") == 1


def build_is_whole(url: str, build: int) -> bool:
    """Every row the build's record counts is there."""
    chunks = count(url, "SELECT count(*) FROM build_documents b JOIN chunks c ON c.document = b.document WHERE b.build = %s", build)
    sentences = count(url, "SELECT count(*) FROM build_documents b JOIN sentences s ON s.document = b.document "
                           "WHERE b.build = %s", build)
    return (chunks, sentences) == tuple(count(url, f"SELECT {c} FROM builds WHERE id = %s", build) for c in ("chunks", "sentences"))


@pytest.mark.slow
def test_ten_builders_killed_mid_build_lose_no_build_and_mix_none(seeds_copy, embedder, pg_url, tmp_path):
    import random

    settings = pg_settings(pg_url, seeds_copy)
    build(settings, embedder)
    rng = random.Random(13)
    with open(tmp_path / "builders.log", "wb") as log:
        for i in range(10):
            before = current_build(pg_url)
            many_articles(seeds_copy, 40 + 8 * i)  # new and changed notes every round
            (seeds_copy / f"round-{i}.txt").write_text(f"Round {i} of the builder test.\n", encoding="utf-8")
            if i % 2:  # at a random moment, or while its documents are being written
                builder = killed_build(pg_url, seeds_copy, log)
                time.sleep(rng.uniform(1, 12))
                os.kill(builder.pid, signal.SIGKILL)
                builder.wait()
            else:
                kill_mid_write(pg_url, seeds_copy, log)
            now = current_build(pg_url)
            assert build_is_whole(pg_url, now) and (now == before or now > before)
            with Engine(settings, embedder) as server:
                answer = server.ask("Who is Japan's defense minister?")
                assert answer.index_version == f"pg-{now}" and "Nobuo Kishi" in answer.quotes[0].text
    report = build(settings, embedder)
    orphans = "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM build_documents b WHERE b.document = d.id)"
    assert count(pg_url, orphans) == 0 and build_is_whole(pg_url, current_build(pg_url))
    assert report.documents == len(list(seeds_copy.iterdir()))


@pytest.mark.slow
def test_load_script_over_postgres_with_two_apps(tmp_path):
    """scripts/load.py, small, over PostgreSQL: 2 apps, 8 users x 5 questions, a rebuild, a restart."""
    out = tmp_path / "load.json"
    done = subprocess.run([sys.executable, "scripts/load.py", "--postgres", "--apps", "2", "--users", "8",
                           "--questions", "5", "--runs", "steady,rebuild,restart", "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    import json

    runs = {r["run"]: r for r in json.loads(out.read_text())["runs"]}
    assert runs["steady"]["errors"] == runs["rebuild"]["errors"] == 0
    assert all(r["mixed_answers"] == 0 for r in runs.values())
    assert len(runs["rebuild"]["index_versions"]) == 2 and None not in runs["rebuild"]["switch_lag_seconds"].values()
    assert runs["restart"]["apps_answering_after"] == 2
