"""Build throughput of `bot index --ray` on 1 and 2 local worker nodes, the driver's share of the
work, and a projection to N machines from those figures.

    .venv/bin/python scripts/ray_scaling.py [--seeds DIR] [--nodes 1,2] [--pg] [--out FILE]

Every build is a full build (`--full`) of the same folder (default: the 48 SQuAD v1.1 dev articles)
into a fresh index folder, in this process, the way `bot index --ray` runs it. For each cluster
(a head with no CPU for work, then 1 CPU worker nodes on this machine, testkit/raycluster.py) a
one-article build comes first: its embedding stage is the fixed cost of a build on the cluster
(actors started, model loaded, results back), and it warms the cluster as a long-lived one is.
A local build (no Ray) is the reference. `--pg` also times the write into a throwaway PostgreSQL.
Prints a table and writes JSON (default test-artifacts/ray-scaling.json) with `uptime` beside
the timings: the machine has 2 cores and may be shared.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import bot.cluster.driver  # noqa: E402
from bot import build  # noqa: E402
from bot.cluster.driver import connect  # noqa: E402
from bot.core.settings import Settings  # noqa: E402
from bot.embed.embedding import Embedder  # noqa: E402
from testkit.raycluster import running_ray  # noqa: E402

SQUAD = ROOT.parent / "shared" / "eval" / "squad-v1.1-dev" / "articles"
# Above 100k chunks the folder store builds an HNSW graph: at 1M chunks BM25 took 32.9 s and the
# dense index 171 s (bench/results/results.md, commit c7abf46), on top of writing the files.
INDEX_1M_SECONDS = 32.9 + 171


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


RECEIVED = {"seconds": 0.0, "bytes": 0, "worker_seconds": 0.0}


def _timed(receive):
    """The driver's own work per result batch (Arrow columns to rows), timed."""
    def timed(batch, *args):
        started = time.perf_counter()
        try:
            return receive(batch, *args)
        finally:
            RECEIVED["seconds"] += time.perf_counter() - started
            RECEIVED["bytes"] += batch.nbytes
            RECEIVED["worker_seconds"] += sum(batch.column("seconds").to_pylist())
    return timed


bot.cluster.driver._receive = _timed(bot.cluster.driver._receive)


def one_build(seeds: Path, work: Path, address: str | None = None, store: str | None = None) -> dict:
    settings = Settings.from_env(seeds_dir=seeds, index_dir=work / "index", store=store)
    embedder = Embedder(settings, bulk=True)
    cpu, started = cpu_seconds(), time.perf_counter()
    RECEIVED.update(seconds=0.0, bytes=0, worker_seconds=0.0)
    cluster = connect(address, embedder) if address else None
    joined = time.perf_counter() - started
    try:
        report = build(settings, embedder, full=True, cluster=cluster)
    finally:
        if cluster:
            cluster.close()
    return {"chunks": report.chunks, "documents": report.documents, "seconds": time.perf_counter() - started,
            "join": joined, **report.stages, "driver_cpu": cpu_seconds() - cpu, "receive": RECEIVED["seconds"],
            "received_bytes": RECEIVED["bytes"], "worker_seconds": RECEIVED["worker_seconds"], "uptime": uptime()}


def on_cluster(seeds: Path, small: Path, nodes: int, work: Path) -> dict:
    with running_ray(head_cpus=0, nodes=(1,) * nodes) as cluster:
        warm = one_build(small, work / f"warm-{nodes}", cluster.address)
        full = one_build(seeds, work / f"ray-{nodes}", cluster.address)
    return {"nodes": nodes, "warm_up": warm, "build": full, "fixed": warm["embed"],
            "chunks_per_s": full["chunks"] / full["seconds"],
            # Measured by the workers themselves: the time their calls took, summed.
            "per_worker_chunks_per_s": full["chunks"] / full["worker_seconds"],
            "driver_share": (full["seconds"] - full["embed"] + warm["embed"]) / full["seconds"]}


def projection(per_worker: float, fixed: float, write_seconds: float, read_rate: float, receive_rate: float,
               chunks: int, cores: int, machines: list[int]) -> list[dict]:
    """Wall time of a full build of `chunks` on N machines of `cores` worker CPUs: read and write on
    the driver happen before and after the embedding; the embedding runs at N x cores x per-worker
    rate unless the driver cannot take the results in that fast."""
    rows = []
    for n in machines:
        embed_rate = min(n * cores * per_worker, receive_rate)
        seconds = chunks / read_rate + fixed + chunks / embed_rate + write_seconds
        rows.append({"machines": n, "embed_rate": embed_rate, "seconds": seconds, "chunks_per_s": chunks / seconds,
                     "bound": "driver's intake" if embed_rate == receive_rate else "workers",
                     "write_share": write_seconds / seconds})
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=Path, default=SQUAD, help="folder to build (default: SQuAD articles)")
    parser.add_argument("--nodes", default="1,2", help="worker node counts to measure")
    parser.add_argument("--pg", action="store_true", help="also time the write into PostgreSQL")
    parser.add_argument("--network-gbps", type=float, default=1.0, help="the driver's network, for the projection")
    parser.add_argument("--out", type=Path, default=ROOT / "test-artifacts" / "ray-scaling.json")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ray-scaling-"))
    small = work / "small"
    small.mkdir()
    shutil.copy(sorted(args.seeds.glob("*.txt"))[0], small)
    try:
        results = {"machine": {"cores": os.cpu_count(), "uptime_start": uptime()}}
        results["local"] = one_build(args.seeds, work / "local")
        print(f"local: {results['local']['chunks']} chunks in {results['local']['seconds']:.1f} s", flush=True)
        results["clusters"] = []
        for nodes in [int(n) for n in args.nodes.split(",")]:
            measured = on_cluster(args.seeds, small, nodes, work)
            results["clusters"].append(measured)
            print(f"{nodes} node(s): {measured['build']['seconds']:.1f} s, {measured['chunks_per_s']:.0f} chunks/s",
                  flush=True)
        if args.pg:
            from testkit.pgserver import running_postgres

            with running_postgres() as server:
                results["postgres"] = one_build(args.seeds, work / "pg", store=server.url())
        results["machine"]["uptime_end"] = uptime()
        report(results, args.network_gbps)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1))
    print(f"wrote {args.out}")
    return 0


def report(results: dict, gbps: float) -> None:
    local, clusters = results["local"], results["clusters"]
    chunks = local["chunks"]
    print("\n| build | seconds | chunks/s | read s | embed s | write s | driver CPU s | uptime |")
    print("|---|---|---|---|---|---|---|---|")
    rows = [("local (no Ray)", local)] + [(f"Ray, {c['nodes']} worker node(s)", c["build"]) for c in clusters]
    if "postgres" in results:
        rows.append(("local into PostgreSQL", results["postgres"]))
    for name, r in rows:
        print(f"| {name} | {r['seconds']:.1f} | {r['chunks'] / r['seconds']:.0f} | {r['read']:.2f} | {r['embed']:.1f} "
              f"| {r['write']:.2f} | {r['driver_cpu']:.1f} | {r['uptime'].split('load average:')[-1].strip()} |")
    best = max(clusters, key=lambda c: c["nodes"])
    build_ = best["build"]
    per_worker = sum(c["per_worker_chunks_per_s"] for c in clusters) / len(clusters)
    read_rate = chunks / max(build_["read"], 1e-3)
    bytes_per_chunk = build_["received_bytes"] / chunks
    # The driver takes results at most as fast as one core turns them into rows, or its network
    # brings them in.
    receive_rate = min(chunks / build_["receive"], gbps * 1e9 / 8 / bytes_per_chunk)
    writes = {"folder": chunks / build_["write"]}
    if "postgres" in results:
        writes["postgres"] = chunks / results["postgres"]["write"]
    results["model"] = {"per_worker_chunks_per_s": per_worker, "fixed_s": best["fixed"], "read_chunks_per_s": read_rate,
                        "receive_chunks_per_s": receive_rate, "bytes_per_chunk": bytes_per_chunk,
                        "write_chunks_per_s": writes}
    print(f"\nper worker CPU {per_worker:.0f} chunks/s; fixed cost per build {best['fixed']:.1f} s; driver: read "
          f"{read_rate:.0f}, receive {chunks / build_['receive']:.0f} chunks/s on one core ({bytes_per_chunk / 1024:.1f} "
          f"KiB a chunk: {receive_rate:.0f} chunks/s over {gbps:g} Gb/s); write "
          + ", ".join(f"{k} {v:.0f} chunks/s" for k, v in writes.items()))
    corpus = 1_000_000
    for store, rate in writes.items():
        # The folder store's write at 1M chunks is the bench's HNSW and BM25 builds plus the files.
        write_seconds = corpus / rate + (INDEX_1M_SECONDS if store == "folder" else 0)
        rows = projection(per_worker, best["fixed"], write_seconds, read_rate, receive_rate, corpus, 8,
                          [1, 2, 4, 8, 16, 32, 64])
        results[f"projection_{store}"] = rows
        print(f"\nprojection, {corpus:,} chunks into the {store} store, machines of 8 worker CPUs "
              f"(write {write_seconds:.0f} s):")
        print("| machines | embed chunks/s | build s | chunks/s | bound | write share |")
        print("|---|---|---|---|---|---|")
        for r in rows:
            print(f"| {r['machines']} | {r['embed_rate']:.0f} | {r['seconds']:.0f} | {r['chunks_per_s']:.0f} | "
                  f"{r['bound']} | {r['write_share']:.0%} |")

if __name__ == "__main__":
    sys.exit(main())
