"""The PostgreSQL store beside the index folder: per-question time and dense recall, same indexes.

    .venv/bin/python -m bench.postgres                    # SQuAD (48 articles) and synthetic 100k
    .venv/bin/python -m bench.postgres --sizes squad --questions 300 --store postgresql://...

Each index is built once as an index folder (SQuAD: the `bot eval` cache index of the shared
articles; 100k: bench/synthetic.py, kept in bench/results/tmp/ like `python -m bench` keeps it) and
copied into PostgreSQL with `copy_index`, so both stores hold the very same vectors: what differs
is only the store. Without --store a throwaway PostgreSQL 18 + pgvector from the test wheel
(testkit/pgserver.py, fsync off) runs beside. Per question: the whole `Engine.ask` (embedding,
retrieval, sentence ranking, quotes) on `--questions` SQuAD questions after 20 warm-up ones, one
at a time in this process. Recall@10: the store's dense search against exact search over the
generator's float32 vectors (synthetic) or the stored vectors (SQuAD). Prints a table and writes
bench/results/postgres.json with the machine's load average.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from contextlib import ExitStack
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SQUAD = ROOT.parent / "shared" / "eval" / "squad-v1.1-dev"
RESULTS = ROOT / "bench" / "results"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def squad_folder() -> Path:
    """The SQuAD index folder `bot eval` keeps in the cache, built (incrementally) if needed."""
    from dataclasses import replace

    from bot import build
    from bot.core.settings import Settings
    from bot.embed.embedding import Embedder

    settings = Settings.from_env(seeds_dir=SQUAD / "articles")
    settings = replace(settings, index_dir=settings.cache_dir / "eval" / "squad-v1.1-dev" / "index")
    build(settings, Embedder(settings, bulk=True))
    return settings.index_dir


def synthetic_folder(n: int, squad_index: Path) -> Path:
    from .synthetic import GENERATOR, build

    index = RESULTS / "tmp" / f"synthetic-{n}" / "bot-index"
    stats_file = index / "synthetic.json"
    stats = json.loads(stats_file.read_text()) if stats_file.exists() else {}
    if stats.get("chunks") != n or stats.get("generator") != GENERATOR:
        log(f"generating {n:,} synthetic chunks into {index} (kept for later runs)")
        index.parent.mkdir(parents=True, exist_ok=True)
        build(n, index, None, SQUAD / "articles", squad_index, log=log)
    return index


def serve(engine, questions: list[str]) -> dict:
    for question in questions[:20]:
        engine.ask(question)
    seconds = []
    for question in questions[20:]:
        started = time.perf_counter()
        engine.ask(question)
        seconds.append(time.perf_counter() - started)
    ms = np.array(seconds) * 1000
    return {"p50_ms": round(float(np.percentile(ms, 50)), 2), "p95_ms": round(float(np.percentile(ms, 95)), 2),
            "questions": len(ms)}


def recall(build, queries: np.ndarray, reference, k: int = 10) -> float:
    from .worker import _exact_top

    exact = _exact_top(reference, queries, k)
    found = [len(set(build.dense_search(q, k)[1].tolist()) & set(t.tolist())) / k for q, t in zip(queries, exact)]
    return round(float(np.mean(found)), 4)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="squad,100k", help="squad, 100k (default both)")
    parser.add_argument("--questions", type=int, default=500, help="timed questions (after 20 warm-up ones)")
    parser.add_argument("--store", help="a PostgreSQL URL (default: start a throwaway server)")
    parser.add_argument("--out", type=Path, default=RESULTS / "postgres.json")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from bot.answer.engine import Engine
    from bot.core.settings import Settings
    from bot.embed.embedding import Embedder
    from bot.index.builder import copy_index
    from bot.store.folder import reading

    from .synthetic import exact_vectors_file

    settings_for = lambda folder, store: Settings.from_env(index_dir=folder, store=store)  # noqa: E731
    rows = [json.loads(line) for line in (SQUAD / "questions.jsonl").read_text().splitlines()]
    questions = [row["question"] for row in rows][: args.questions + 20]
    embedder = Embedder(Settings.from_env()).load()
    results = {"load_average_before": os.getloadavg(), "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
               "cpu_count": os.cpu_count(), "corpora": {}}
    with ExitStack() as stack:
        url = args.store
        if url is None:
            from testkit.pgserver import running_postgres

            server = stack.enter_context(running_postgres())
            url = server.url()
        squad = squad_folder()
        for size in args.sizes.split(","):
            folder = squad if size == "squad" else synthetic_folder({"100k": 100_000}[size], squad)
            database = f"bench_{size}"
            store = url.rsplit("/", 1)[0] + f"/{database}"
            with __import__("psycopg").connect(url, autocommit=True) as conn:
                if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (database,)).fetchone():
                    conn.execute(f'CREATE DATABASE "{database}"')
            log(f"[{size}] copying {folder} into {store}")
            started = time.perf_counter()
            copied = copy_index(settings_for(folder, store), folder)
            copy_seconds = time.perf_counter() - started
            out = {"chunks": copied.chunks, "copy_into_postgres_s": round(copy_seconds, 1)}
            exact_file = exact_vectors_file(folder)
            if exact_file.exists():
                reference = np.load(exact_file, mmap_mode="r")
            else:
                stored = reading.load(folder)
                reference = stored.chunk_vectors(range(len(stored.chunks)))
            queries = embedder.embed(questions[20:220])
            for name, store_url in (("folder", None), ("postgres", store)):
                with Engine(settings_for(folder, store_url), embedder) as engine:
                    log(f"[{size}] {name}: {args.questions} questions")
                    out[name] = serve(engine, questions)
                    out[name]["recall_at_10"] = recall(engine.loaded().index, queries, reference)
            results["corpora"][size] = out
            log(f"[{size}] {json.dumps(out)}")
    results["load_average_after"] = os.getloadavg()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1))
    print(f"{'corpus':8} {'chunks':>8} {'store':9} {'p50 ms':>7} {'p95 ms':>7} {'recall@10':>9}")
    for size, out in results["corpora"].items():
        for name in ("folder", "postgres"):
            r = out[name]
            print(f"{size:8} {out['chunks']:8,} {name:9} {r['p50_ms']:7.1f} {r['p95_ms']:7.1f} {r['recall_at_10']:9.4f}")
    print(f"load average before {results['load_average_before'][0]:.1f}, after {results['load_average_after'][0]:.1f}; "
          f"results: {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
