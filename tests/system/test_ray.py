"""`bot index --ray` on a real local Ray cluster (tests/raycluster.py): a head and a second node on
this machine, shared by the session. No part of Ray is mocked; every build is the real command."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from bot import build
from bot.core.settings import Settings
from bot.store.base import open_store
from bot.store.folder import layout as store
from bot.store.folder import reading
from testkit.docgen import write_docx, write_html, write_long_articles, write_markdown, write_pdf
from testkit.run import bot
from tests.conftest import ROOT, SEEDS

pytest.importorskip("ray", reason="the ray extra is not installed (pip install -e '.[ray]'; make test does)")

from testkit.raycluster import free_port, running_ray  # noqa: E402

PARAGRAPHS = ["The Ostrava tram depot opened in 1894 with nine horse cars and one stable.",
              "In 1901 the depot electrified its lines; the horses were sold to a brewery in Opava.",
              "Its last wooden car, number 17, is kept in the city museum beside the ticket press."]


@pytest.fixture(scope="session")
def ray_cluster():
    """`ray start --head` (2 CPUs) and a second node (1 CPU) on 127.0.0.1, for the whole session."""
    with running_ray(head_cpus=2, nodes=(1,)) as cluster:
        yield cluster


def bot_index(seeds: Path, index: Path, *extra: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return bot("index", "--seeds", seeds, "--index", index, "--json", *extra, env=env)


def summary(result: subprocess.CompletedProcess) -> dict:
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    return {k: v for k, v in report.items() if k not in ("seconds", "index")}


def local_summary(seeds: Path, index: Path, embedder) -> dict:
    """The same folder built here, the usual way (`bot index` without --ray)."""
    report = build(Settings.from_env(seeds_dir=seeds, index_dir=index), embedder).as_json()
    return {k: v for k, v in report.items() if k not in ("seconds", "index")}


def assert_same_index(a: Path, b: Path) -> None:
    """Same documents, texts, chunks and sentences, and the same vectors bit for bit: each chunk is
    embedded alone, so its vectors are the same on a worker as here."""
    one, two = reading.load(a), reading.load(b)
    assert one.documents == two.documents
    assert all(one.text(s) == two.text(s) for s in one.documents)
    assert [one.chunks[i] for i in range(len(one.chunks))] == [two.chunks[i] for i in range(len(two.chunks))]
    assert np.array_equal(np.asarray(one.sentences), np.asarray(two.sentences))
    rows = range(len(one.chunks))
    assert np.array_equal(one.chunk_vectors(rows), two.chunk_vectors(rows))
    assert np.array_equal(one.sentence_vectors[:], two.sentence_vectors[:])


@pytest.fixture()
def mixed_seeds(tmp_path) -> Path:
    """seeds/ plus one article of every other kind (their text is extracted on the workers) and two
    files that must be skipped with their reason."""
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    write_markdown(seeds / "depot.md", "Ostrava tram depot", PARAGRAPHS)
    write_html(seeds / "depot.html", "Depot history", PARAGRAPHS[::-1])
    write_docx(seeds / "depot.docx", "Depot notes", PARAGRAPHS[1:])
    write_pdf(seeds / "depot.pdf", "Depot report", PARAGRAPHS * 3)
    (seeds / "empty.txt").write_text("  \n", encoding="utf-8")
    (seeds / "broken.docx").write_bytes(b"not a zip file")
    return seeds


def test_ray_build_is_the_local_build_and_incremental(ray_cluster, mixed_seeds, tmp_path, embedder):
    on_ray = bot_index(mixed_seeds, tmp_path / "ray", "--ray", ray_cluster.address)
    assert summary(on_ray) == local_summary(mixed_seeds, tmp_path / "local", embedder)
    assert {s["source"] for s in summary(on_ray)["skipped"]} == {"empty.txt", "broken.docx"}
    assert on_ray.stderr == ""  # Ray's own chatter stays off the terminal
    assert_same_index(tmp_path / "ray", tmp_path / "local")

    # Only new and changed documents go to the cluster; the rest is reused, the gone one removed.
    write_markdown(mixed_seeds / "depot.md", "Ostrava tram depot", PARAGRAPHS[:2])
    (mixed_seeds / "new.txt").write_text("A second depot opened in Vítkovice in 1911.\n", encoding="utf-8")
    (mixed_seeds / "depot.html").unlink()
    (mixed_seeds / "depot.docx").rename(mixed_seeds / "renamed.docx")  # reused; its name is new
    again = summary(bot_index(mixed_seeds, tmp_path / "ray", "--ray", ray_cluster.address))
    assert again == local_summary(mixed_seeds, tmp_path / "local", embedder)
    assert again["removed"] == 1 and again["changes"]["renamed"] == [["depot.docx", "renamed.docx"]]
    assert 0 < again["embedded"] <= 4 and again["reused"] > 0
    assert_same_index(tmp_path / "ray", tmp_path / "local")


def test_ray_build_into_postgresql(ray_cluster, pg_url, seeds_copy, tmp_path, embedder):
    result = bot_index(seeds_copy, tmp_path / "unused", "--ray", ray_cluster.address, "--store", pg_url)
    assert summary(result) == local_summary(seeds_copy, tmp_path / "local", embedder)
    where = open_store(Settings.from_env(store=pg_url))
    try:
        stored, local = where.load(), reading.load(tmp_path / "local")
        assert stored.documents.keys() == local.documents.keys()
        assert stored.chunks.many(range(len(local.chunks))) == local.chunks.many(range(len(local.chunks)))
        assert np.array_equal(np.asarray(stored.sentences), np.asarray(local.sentences))
    finally:
        where.close()


def test_unreachable_cluster_is_one_line_before_any_work(tmp_path):
    started = time.monotonic()
    result = bot_index(SEEDS, tmp_path / "index", "--ray", f"127.0.0.1:{free_port()}")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "ray start --head" in result.stderr, result.stderr
    assert time.monotonic() - started < 30  # no minute of retries
    assert not (tmp_path / "index").exists()  # nothing read, embedded or locked


def test_without_the_ray_extra_says_what_to_install(tmp_path):
    code = ("import sys; sys.modules['ray'] = None; from bot.cli import main; "
            f"sys.exit(main(['index', '--seeds', {str(SEEDS)!r}, '--index', {str(tmp_path / 'i')!r}, '--ray', 'auto']))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 1 and "pip install -e '.[ray]'" in result.stderr, result.stderr


def _other_seedbot(tmp_path: Path) -> Path:
    """A copy of the bot whose sentence vectors are pooled another way: a node that runs it makes
    vectors that must not be mixed with this driver's."""
    alt = tmp_path / "alt"
    shutil.copytree(ROOT / "bot", alt / "bot", ignore=shutil.ignore_patterns("__pycache__"))
    embedding = alt / "bot" / "embed" / "embedding.py"
    source = embedding.read_text()
    assert 'return "cls"' in source
    embedding.write_text(source.replace('        return "cls"\n    return "mean"', '        return "mean"\n    return "cls"'))
    return alt


def test_a_worker_with_another_model_is_refused(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    first = summary(bot_index(seeds, tmp_path / "index"))
    current = store.current_build(tmp_path / "index")
    (seeds / "new.txt").write_text("A second depot opened in Vítkovice in 1911.\n", encoding="utf-8")
    with running_ray(head_cpus=1, env={"PYTHONPATH": str(_other_seedbot(tmp_path))}) as cluster:
        result = bot_index(seeds, tmp_path / "index", "--ray", cluster.address)
    assert result.returncode == 1 and result.stdout == ""
    assert "refused" in result.stderr and "one model" in result.stderr and "seedbot" in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1
    assert store.current_build(tmp_path / "index") == current  # the index was left as it was
    assert first["documents"] == len(reading.load(tmp_path / "index").documents)


def long_articles(folder: Path, count: int) -> Path:
    """`count` articles long enough (about 40,000 characters each, as SQuAD's) for a kill to land
    mid-build, written here: the suite needs nothing beside the checkout."""
    return write_long_articles(folder, count)


def build_with_a_kill(cluster, seeds: Path, index: Path, after: float, *extra: str
                      ) -> tuple[subprocess.CompletedProcess, bool]:
    """Run a Ray build and SIGKILL one of its worker processes `after` seconds into the embedding."""
    killed = threading.Event()

    def kill() -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not killed.is_set():
            workers = cluster.workers("MapBatches(Worker)")
            if workers:
                time.sleep(after)
                for pid in cluster.workers("MapBatches(Worker)")[:1]:
                    os.kill(pid, signal.SIGKILL)
                    killed.set()
                return
            time.sleep(0.1)

    killer = threading.Thread(target=kill)
    killer.start()
    result = bot_index(seeds, index, "--ray", cluster.address, *extra)
    killed.set()
    killer.join()
    return result, killed.is_set()


def check_whole(index: Path, seeds: Path, result: subprocess.CompletedProcess, before) -> None:
    """Either the build completed (every article of the folder, and only those), or it failed with
    one line and the current build is the one before it."""
    if result.returncode == 0:
        loaded = reading.load(index)
        assert set(loaded.documents) == {p.name for p in seeds.glob("*.txt")}
        for source in loaded.documents:
            assert loaded.text(source) == (seeds / source).read_text(encoding="utf-8")
    else:
        assert result.stderr.count("\n") == 1 and "left as it was" in result.stderr, result.stderr
        assert store.current_build(index) == before


def test_a_worker_killed_mid_build(ray_cluster, tmp_path):
    seeds = long_articles(tmp_path / "seeds", 5)  # long enough that the kill lands before the end
    result, killed = build_with_a_kill(ray_cluster, seeds, tmp_path / "index", after=1.0)
    assert killed
    check_whole(tmp_path / "index", seeds, result, None)
    assert result.returncode == 0, result.stderr  # Ray restarted the worker and retried its batch
    assert json.loads(result.stdout)["documents"] == 5  # stdout is the summary alone: no "(raylet)" line
    assert "(raylet" not in result.stderr and "A worker died" not in result.stderr


@pytest.mark.slow
def test_a_worker_killed_mid_build_ten_times(ray_cluster, tmp_path):
    seeds = long_articles(tmp_path / "seeds", 8)
    index = tmp_path / "index"
    outcomes = []
    for round in range(10):
        # Each round adds an article and re-embeds all (--full), so every build has batches in flight.
        (seeds / f"round-{round}.txt").write_text(f"Round {round} of the kill test. " * 40, encoding="utf-8")
        before = store.current_build(index)
        # From while the worker loads the model to well into its batches (a build takes 5 s or more).
        result, killed = build_with_a_kill(ray_cluster, seeds, index, 0.3 + (round % 5) * 0.4, "--full")
        assert killed
        check_whole(index, seeds, result, before)
        outcomes.append(result.returncode)
    print("return codes:", outcomes)


@pytest.mark.slow
def test_workers_that_keep_dying_fail_the_build_cleanly(ray_cluster, tmp_path):
    seeds = long_articles(tmp_path / "seeds", 2)
    index = tmp_path / "index"
    assert bot_index(seeds, index, "--ray", ray_cluster.address).returncode == 0
    before = store.current_build(index)
    write_long_articles(seeds, 1, start=2)
    stop = threading.Event()

    def kill_every_worker() -> None:  # more deaths than Ray's retries allow
        while not stop.is_set():
            for pid in ray_cluster.workers("MapBatches(Worker)"):
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.05)

    killer = threading.Thread(target=kill_every_worker)
    killer.start()
    try:
        result = bot_index(seeds, index, "--ray", ray_cluster.address)
    finally:
        stop.set()
        killer.join()
    assert result.returncode == 1, result.stderr
    check_whole(index, seeds, result, before)
