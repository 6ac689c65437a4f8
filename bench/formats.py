"""Documents as people have them: the 48 SQuAD articles as PDF, DOCX, HTML and Markdown, against .txt.

    python -m bench.formats                      # all kinds, the 2,000-question sample (~15 min on 2 cores)
    python -m bench.formats --kinds txt,pdf --sample 500

The articles are converted by the tests' own generator (testkit/docgen.py: PDFs with wrapped and
hyphenated lines over several pages, DOCX through python-docx, HTML inside navigation and comment
boilerplate, escaped and wrapped Markdown), once, into bench/results/tmp/formats/<kind>/. For each
kind it measures, each in a fresh process where it is a time:
- reading: the readers alone over the folder (`load_documents`, worker processes as in a build):
  seconds, MB of files and PDF pages per second;
- the full build (`bot index --json` into an empty index): seconds, chunks, peak RSS;
- answers: the same fixed sample of SQuAD questions (`bot eval --sample N`: evenly spaced over all
  10,570), each question's source renamed to the converted file: first-quote and top-3 accuracy,
  answered rate, latency; and every quote of every answer checked against the text
  `bot text SOURCE` prints for its document.
With --peer (default on) the LangChain peer's full build over the .txt folder gives the bot/peer build
ratio beside it. Figures go to bench/results/formats.json and a Markdown table on standard output.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import shutil
import sys
import time
from dataclasses import replace
from pathlib import Path

from . import proc
from .run import RESULTS, SQUAD, folder_bytes, log

KINDS = ["txt", "pdf", "browser.pdf", "docx", "html", "md"]
WORK = RESULTS / "tmp" / "formats"


def articles(kind: str) -> Path:
    """The 48 articles as `kind` files (made once; .txt is the shared folder itself)."""
    if kind == "txt":
        return SQUAD / "articles"
    from testkit.docgen import convert_articles

    folder = WORK / kind
    if len(list(folder.glob(f"*.{kind}"))) != len(list((SQUAD / "articles").glob("*.txt"))):
        log(f"[{kind}] converting the articles")
        shutil.rmtree(folder, ignore_errors=True)
        convert_articles(SQUAD / "articles", folder, kind)
    return folder


def reading(folder: Path) -> dict:
    """The readers alone, in a fresh process: seconds, MB/s of files, pages/s for PDFs."""
    run = proc.python("bench.formats", "--read-only", folder)
    out = run.last_json()
    out["mb_per_s"] = out["bytes"] / 1e6 / out["seconds"]
    if out["pages"]:
        out["pages_per_s"] = out["pages"] / out["seconds"]
    return out


def read_only(folder: Path) -> dict:
    from bot.ingest.files import load_documents

    started = time.perf_counter()
    documents, skipped = load_documents(folder)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "documents": len(documents), "skipped": len(skipped),
            "bytes": folder_bytes(folder), "pages": sum(len(d.pages) for d in documents),
            "characters": sum(len(d.text) for d in documents)}


def words_in_order(folder: Path) -> float:
    """The share of the .txt articles' words that the extracted texts hold in the same order (the
    longest common subsequence of the two word lists), over all articles."""
    from difflib import SequenceMatcher

    from bot.ingest.files import load_documents

    documents, _ = load_documents(folder)
    shared = total = 0
    for document in documents:
        source = (SQUAD / "articles" / document.source.split(".", 1)[0]).with_suffix(".txt")
        want, got = (re.findall(r"\w+", t.lower()) for t in (source.read_text(encoding="utf-8"), document.text))
        shared += sum(block.size for block in SequenceMatcher(None, want, got, autojunk=False).get_matching_blocks())
        total += len(want)
    return shared / total


def full_build(folder: Path, index: Path) -> dict:
    shutil.rmtree(index, ignore_errors=True)
    run = proc.python("bot", "index", "--seeds", folder, "--index", index, "--json")
    report = run.last_json()
    return {"seconds": run.seconds, "chunks": report["chunks"], "documents": report["documents"],
            "skipped": report["skipped"], "peak_rss_mb": run.peak_rss_mb}


def answers(kind: str, folder: Path, index: Path, sample: int) -> dict:
    """The sample through the engine (as `bot eval` runs it), every quote checked via `bot text`."""
    from bot.answer.engine import Engine
    from bot.cli import main as bot_main
    from bot.core.settings import Settings
    from bot.eval.datasets import load_dataset, spread
    from bot.eval.runs import run
    from bot.eval.scoring import score

    items = spread(load_dataset(SQUAD / "questions.jsonl"), sample)
    items = [replace(item, source=Path(item.source).stem + f".{kind}") for item in items]
    engine = Engine(Settings.from_env(seeds_dir=folder, index_dir=index))
    results = run(engine, items)
    metrics = score(results)
    texts: dict[str, str] = {}
    checked = bad = 0
    for result in results:
        for quote in result.quotes:
            if quote["source"] not in texts:
                out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
                with contextlib.redirect_stdout(out):
                    assert bot_main(["text", quote["source"], "--index", str(index)]) == 0
                texts[quote["source"]] = out.buffer.getvalue().decode("utf-8")
            checked += 1
            bad += texts[quote["source"]][quote["start"]:quote["end"]] != quote["text"]
    pages = [q.get("page") for r in results for q in r.quotes]
    return {"questions": len(items), "first_quote": metrics["first_quote"], "top3_quotes": metrics["top3_quotes"],
            "answered": metrics["answered"], "hit@1": metrics.get("hit@1"), "p50_ms": metrics["p50_ms"],
            "quotes_checked_by_bot_text": checked, "quotes_failing_bot_text": bad,
            "eval_quote_validity": metrics["quote_validity"],
            "quotes_with_page": sum(p is not None for p in pages)}


def peer_build(folder: Path) -> dict:
    index = WORK / "peer-index"
    shutil.rmtree(index, ignore_errors=True)
    run = proc.python("bench.worker", "peer-build", folder, index)
    return {"seconds": run.seconds, "chunks": run.last_json()["chunks"], "peak_rss_mb": run.peak_rss_mb}


def table(figures: dict) -> str:
    base = figures["kinds"].get("txt", {}).get("answers", {}).get("first_quote")
    lines = ["| kind | reading | words in order | full build | first quote | vs .txt | top-3 | answered | quotes checked by "
             "`bot text` |", "|---|---|---|---|---|---|---|---|---|"]
    for kind, row in figures["kinds"].items():
        read, build, ans = row["reading"], row["build"], row["answers"]
        speed = f"{read['pages_per_s']:.0f} pages/s" if read.get("pages_per_s") else f"{read['mb_per_s']:.1f} MB/s"
        diff = f"{(ans['first_quote'] - base) * 100:+.1f} pt" if base is not None else "–"
        ok = ans["quotes_checked_by_bot_text"] - ans["quotes_failing_bot_text"]
        order = f"{read['words_in_order']:.3f}" if "words_in_order" in read else "–"
        lines.append(f"| .{kind} | {read['seconds']:.1f} s ({speed}) | {order} | {build['seconds']:.1f} s, "
                     f"{build['chunks']:,} chunks | {ans['first_quote']:.3f} | {diff} | {ans['top3_quotes']:.3f} "
                     f"| {ans['answered']:.3f} | {ok:,} / {ans['quotes_checked_by_bot_text']:,} |")
    if "peer" in figures:
        txt = figures["kinds"]["txt"]["build"]["seconds"]
        lines.append(f"\nLangChain peer, full build over the .txt folder: {figures['peer']['seconds']:.1f} s "
                     f"(bot/peer build ratio on .txt: {figures['peer']['seconds'] / txt:.2f}x)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.formats", description=__doc__.split("\n")[0])
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--sample", type=int, default=2000, help="SQuAD questions, evenly spaced (default 2000)")
    parser.add_argument("--no-peer", action="store_true", help="skip the LangChain peer's build")
    parser.add_argument("--read-only", type=Path, help=argparse.SUPPRESS)  # the reading worker
    args = parser.parse_args(argv)
    if args.read_only:
        print(json.dumps(read_only(args.read_only)))
        return 0
    figures = {"sample": args.sample, "load_before": os.getloadavg(), "started": time.strftime("%Y-%m-%d %H:%M"),
               "kinds": {}}
    for kind in args.kinds.split(","):
        folder, index = articles(kind), WORK / f"index-{kind}"
        log(f"[{kind}] reading")
        row = {"reading": reading(folder)}
        if kind != "txt":
            row["reading"]["words_in_order"] = words_in_order(folder)
        log(f"[{kind}] full build")
        row["build"] = full_build(folder, index)
        log(f"[{kind}] answering {args.sample} questions")
        row["answers"] = answers(kind, folder, index, args.sample)
        figures["kinds"][kind] = row
    if not args.no_peer and "txt" in figures["kinds"]:
        log("[txt] LangChain peer: full build")
        figures["peer"] = peer_build(articles("txt"))
    figures["load_after"] = os.getloadavg()
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "formats.json").write_text(json.dumps(figures, indent=1))
    print(table(figures))
    print(f"\nload average before {figures['load_before'][0]:.1f}, after {figures['load_after'][0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
