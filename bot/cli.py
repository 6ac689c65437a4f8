"""`bot`: thin commands over the library. Each turns BotError into one line on stderr and an exit code."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import BadQuestion, BotError
from .settings import Settings


def _settings(args) -> Settings:
    return Settings.from_env(
        seeds_dir=getattr(args, "seeds", None), index_dir=getattr(args, "index", None),
        model=getattr(args, "model", None), backend=getattr(args, "backend", None),
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
    embedder = Embedder(settings)
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


def _show(answer, as_json: bool) -> None:
    if as_json:
        print(json.dumps(answer.as_json(), ensure_ascii=False), flush=True)
        return
    print(answer.text)
    for quote in answer.quotes or answer.closest:
        label = "closest, not an answer" if not answer.answered else f"[{quote.n}]"
        print(f"  {label} {quote.source}:{quote.start}-{quote.end}  {' '.join(quote.text.split())}")
    print(flush=True)


def cmd_ask(args) -> int:
    from .engine import Engine

    engine = Engine(_settings(args))
    if args.question is not None:
        _show(engine.ask(args.question), args.json)
        return 0
    engine.loaded()  # load once, before the first line, so a broken index fails fast
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bot", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p, seeds=True):
        if seeds:
            p.add_argument("--seeds", type=Path, help="folder of articles (default: seeds, or $BOT_SEEDS)")
        p.add_argument("--index", type=Path, help="index folder (default: index, or $BOT_INDEX)")
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
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BotError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
