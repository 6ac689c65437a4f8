"""`bot`: thin commands over the library. Each turns BotError into one line on stderr and an exit code."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
from pathlib import Path

from .errors import BadQuestion, BotError
from .settings import Settings, redact


def _settings(args) -> Settings:
    return Settings.from_env(
        seeds_dir=getattr(args, "seeds", None), index_dir=getattr(args, "index", None),
        model=getattr(args, "model", None), backend=getattr(args, "backend", None),
        store=getattr(args, "store", None),
    )


def _progress_bar(label: str):
    """A tqdm bar on a terminal, nothing when piped (scripts read --json from stdout)."""
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    bar = tqdm(desc=label, unit="chunk", leave=False, file=sys.stderr)

    def update(done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()

    return update


def cmd_index(args) -> int:
    from .embedding import Embedder
    from .indexing import build

    settings = _settings(args)
    embedder = Embedder(settings, bulk=True)
    if args.watch:
        from .watch import watch

        return watch(settings, embedder, full=args.full, as_json=args.json)
    report = build(settings, embedder, full=args.full, progress=_progress_bar("Embedding"))
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False))
    else:
        print(f"Indexed {report.documents} documents, {report.chunks} chunks "
              f"({report.embedded} embedded, {report.reused} reused, {report.removed} removed) "
              f"in {report.seconds:.1f}s -> {report.index}")
        for skip in report.skipped:
            print(f"  skipped {skip.source}: {skip.reason}", file=sys.stderr)
    return 0


def cmd_text(args) -> int:
    """Print a document's text exactly as the index holds it: what every quote's offsets index."""
    from .storage import open_store

    where = open_store(_settings(args))
    try:
        index = where.load()
        source = args.source
        if source not in index.documents:  # a path to the file is fine too
            try:
                seeds = Path(index.manifest.get("seeds", "")).resolve()
                source = Path(source).resolve().relative_to(seeds).as_posix()
            except ValueError:
                pass
        if source not in index.documents:
            raise BotError(f"{args.source} is not in the index {where.name} ({len(index.documents)} documents); "
                           "give its path relative to the seeds folder, or run `bot index` to add it")
        sys.stdout.buffer.write(index.text(source).encode("utf-8"))
        sys.stdout.buffer.flush()
    finally:
        where.close()
    return 0


def _parse_line(line: str) -> tuple[str, list]:
    """One stdin line: plain text, or {"question": str, "history": [...]}; BadQuestion if malformed."""
    stripped = line.strip()
    if not stripped.startswith("{"):
        return stripped, []
    try:
        data = json.loads(stripped)
    except ValueError as error:
        raise BadQuestion(f"not valid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(data, dict) or not isinstance(data.get("question"), str):
        raise BadQuestion('a JSON line needs a "question" string')
    history = data.get("history") or []
    if not isinstance(history, list) or not all(isinstance(t, dict) for t in history):
        raise BadQuestion('"history" must be a list of {"role", "content"} objects')
    return data["question"], history


# Control characters and bidi overrides from an article would drive the terminal (colours, cursor
# moves, reversed text): plain output shows them as escapes. --json escapes them by itself.
TERMINAL_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _printable(text: str) -> str:
    return TERMINAL_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _show(answer, as_json: bool) -> None:
    if as_json:
        print(json.dumps(answer.as_json(), ensure_ascii=False), flush=True)
        return
    print(_printable(answer.text))
    for quote in answer.quotes or answer.closest:
        label = "closest, not an answer" if not answer.answered else f"[{quote.n}]"
        print(_printable(f"  {label} {quote.source}:{quote.start}-{quote.end}  {' '.join(quote.text.split())}"))
    print(flush=True)


def cmd_ask(args) -> int:
    from .engine import Engine

    engine = Engine(_settings(args))
    if args.question is not None:
        _show(engine.ask(args.question), args.json)
        return 0
    engine.loaded()  # load once, before the first line, so a broken index fails fast
    # Bytes that are not UTF-8 become lone surrogates, which Engine.check refuses for that line only.
    sys.stdin.reconfigure(errors="surrogateescape")
    failures = 0
    for line in sys.stdin:
        try:
            question, history = _parse_line(line)
            _show(engine.ask(question, history), args.json)
        except BadQuestion as error:
            failures += 1
            if args.json:
                print(json.dumps({"error": str(error)}), flush=True)
            else:
                print(f"error: {error}", file=sys.stderr, flush=True)
    return 0


def _eval_index(args, dataset: Path, settings: Settings) -> Settings:
    """The index to evaluate on: --index as given, or one built (incrementally) in the cache for a
    dataset folder that carries its own articles (SQuAD's articles/, BEIR's corpus.jsonl)."""
    from .embedding import Embedder
    from .evaluate import materialize_beir
    from .indexing import build

    if args.index is not None:
        return settings
    folder = dataset if dataset.is_dir() else dataset.parent
    work = settings.cache_dir / "eval" / folder.resolve().name
    if (folder / "corpus.jsonl").exists():
        seeds = materialize_beir(folder, work / "corpus")
    elif (folder / "articles").is_dir():
        seeds = folder / "articles"
    else:
        return settings
    settings = Settings.from_env(seeds_dir=seeds, index_dir=work / "index", model=args.model,
                                 backend=args.backend, store=settings.store)
    where = settings.store and redact(settings.store) or settings.index_dir
    print(f"indexing {seeds} into {where} (incremental)...", file=sys.stderr)
    build(settings, Embedder(settings), progress=_progress_bar("Embedding"))
    return settings


def cmd_eval(args) -> int:
    from . import report
    from .engine import Engine
    from .evaluate import load_dataset, run, run_peer, score_groups

    settings = _eval_index(args, args.dataset, _settings(args))
    items = load_dataset(args.dataset)[: args.limit or None]
    engine = Engine(settings)
    runs, rows = {}, {}
    for config in args.configs.split(","):
        bar = _progress_bar(f"eval {config}")
        done = [0]

        def tick(n, bar=bar, done=done):
            done[0] += n
            if bar:
                bar(done[0], len(items))

        results = run(engine, items, mode=config, progress=tick)
        runs[config] = score_groups(results)
        rows[config] = [_result_row(r) for r in results]
    if args.peer:
        seeds = Path(engine.loaded().index.manifest["seeds"])
        work = settings.cache_dir / "peer" / hashlib.sha1(str(seeds).encode()).hexdigest()[:12]
        results = run_peer(items, seeds, work)
        runs["langchain"] = score_groups(results)
        rows["langchain"] = [_result_row(r) for r in results]
    if args.out:
        report.write(args.out, runs, rows, str(args.dataset))
    if args.json:
        print(json.dumps({"dataset": str(args.dataset), "runs": runs}, ensure_ascii=False))
    else:
        print(report.table(runs))
    return 0


def _result_row(result) -> dict:
    item = result.item
    first = result.quotes[0] if result.quotes else None
    hit = any(" ".join(a.split()).lower() in " ".join(first["text"].split()).lower()
              for a in item.answers) if first else False
    return {"question": item.question, "group": item.group, "answers": list(item.answers),
            "answered": result.answered, "correct": (hit if item.answers else not result.answered)
            if not item.relevant else None, "first_quote": first, "seconds": round(result.seconds, 4),
            "error": result.error or None}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bot", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p, seeds=True):
        if seeds:
            p.add_argument("--seeds", type=Path, help="folder of articles (default: seeds, or $BOT_SEEDS)")
        p.add_argument("--index", type=Path, help="index folder (default: index, or $BOT_INDEX)")
        p.add_argument("--store", help="postgresql://... keeps the index in that database instead of "
                                       "the folder (or $BOT_STORE; README: PostgreSQL)")
        p.add_argument("--model", help="sentence-transformers model name or path (or $BOT_MODEL)")
        p.add_argument("--backend", choices=["auto", "onnx", "torch"], help="embedding backend (or $BOT_BACKEND)")

    p = sub.add_parser("index", help="build or update the index from the seeds folder")
    common(p)
    p.add_argument("--full", action="store_true", help="re-embed everything")
    p.add_argument("--watch", action="store_true", help="keep running; re-index when files change")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_index)

    p = sub.add_parser("ask", help="answer a question, or one per line of standard input")
    common(p, seeds=False)
    p.add_argument("question", nargs="?", help="the question (omit to read standard input)")
    p.add_argument("--json", action="store_true", help="print one JSON object per question")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("text", help="print a document's text as indexed: what quote offsets index")
    common(p, seeds=False)
    p.add_argument("source", help="the document, as quotes name it (its path inside the seeds folder)")
    p.set_defaults(func=cmd_text)

    p = sub.add_parser("eval", help="score the bot on a question set (JSON lines, SQuAD, BEIR)")
    common(p, seeds=False)
    p.add_argument("dataset", type=Path, help="JSON lines file, SQuAD JSON, SQuAD 2.0 sample or BEIR folder")
    p.add_argument("--json", action="store_true", help="print the metrics as one JSON object")
    p.add_argument("--out", type=Path, help="write report.md, metrics.json, results.jsonl, chart.png here")
    p.add_argument("--configs", default="fused", help="retrieval variants side by side: fused,dense,bm25")
    p.add_argument("--peer", choices=["langchain"], help="also score LangChain's standard FAISS pipeline")
    p.add_argument("--limit", type=int, default=0, help="only the first N questions")
    p.set_defaults(func=cmd_eval)

    sub.add_parser("serve", help="serve the web chat (same as `python app.py`; `bot serve --help`)")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["serve"]:  # the web app parses its own flags (host, port, ...)
        from .ui import main as serve

        return serve([a for a in argv[1:] if a != "--"])
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BotError as error:
        _fail(error)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `bot ask ... | head -1`: the reader left; nothing more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # (Python docs, "SIGPIPE")
        return 141
    except Exception as error:  # a bug: still one line; BOT_DEBUG=1 shows the traceback
        if os.environ.get("BOT_DEBUG"):
            raise
        _fail(f"unexpected {type(error).__name__}: {error} (run with BOT_DEBUG=1 for the traceback)")
        return 1


def _fail(message) -> None:
    """One line on stderr, whatever the message holds (file names and JSON errors can hold newlines)."""
    print(_printable("error: " + " ".join(str(message).split())), file=sys.stderr, flush=True)
