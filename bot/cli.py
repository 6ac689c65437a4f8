"""`bot`: thin commands over the library. Each turns BotError into one line on stderr and an exit code.

The help texts speak to users; the library's names (BotError...) stay out of them."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
from contextlib import contextmanager
from pathlib import Path

from bot.core.errors import BadQuestion, BotError
from bot.core.settings import Settings, redact
from bot.terminal import ProgressBar, add_flags, settings_of, show_log_lines


def cmd_index(args) -> int:
    from bot import Embedder, build
    from bot.answer.building import refusal_calibration
    from bot.index.builder import recorded_seeds

    given = settings_of(args)
    if args.from_index:
        from bot.index.builder import copy_index

        report = copy_index(given, args.from_index)
        if args.json:
            emit_json(report.as_json())
        else:
            print(f"Copied {report.documents} documents, {report.chunks} chunks from {args.from_index} -> {report.index}")
        return 0
    settings = recorded_seeds(given)
    if settings.seeds_dir != given.seeds_dir:
        print(f"note: rebuilding from {settings.seeds_dir}, the folder this index was built from "
              f"(--seeds picks another)", file=sys.stderr)
    elif not args.seeds:  # ./seeds or $BOT_SEEDS: a user who gave only --index may expect another
        print(f"note: indexing {settings.seeds_dir.resolve()} (--seeds picks another folder)", file=sys.stderr)
    embedder = Embedder(settings, bulk=True)
    address = args.ray or settings.ray
    if args.watch:
        from bot.index.watch import watch

        return watch(settings, embedder, full=args.full, on_build=lambda r: _show_report(r, args.json),
                     cluster=_join(address, embedder), finish=refusal_calibration(embedder, settings))
    tty = sys.stderr.isatty()  # asked first: a joined cluster sends stderr through a filter (cluster/driver.py)
    cluster = _join(address, embedder)
    bar = ProgressBar("Embedding on Ray", "doc", tty) if cluster else ProgressBar("Embedding")
    try:
        report = build(settings, embedder, full=args.full, progress=bar, cluster=cluster)
    except KeyboardInterrupt:  # the new build was never made current: nothing was lost
        bar.close()
        wipe = "\r\x1b[K" if tty else ""  # the bar may have been cut mid-line
        print(f"{wipe}interrupted: the index was left as it was", file=sys.stderr, flush=True)
        return 130
    finally:
        bar.close()
        if cluster:
            cluster.close()
    _show_report(report, args.json)
    return 0


def _join(address: str | None, embedder):
    """The Ray cluster at `address` (--ray, $BOT_RAY), joined before any other work; None = build here."""
    if not address:
        return None
    from bot.cluster.driver import connect

    return connect(address, embedder)


def _show_report(report, as_json: bool) -> None:
    if as_json:
        emit_json(report.as_json())
        return
    print(f"Indexed {report.summary()} -> {report.index}", flush=True)
    for note in report.notes():
        print(f"  {note}", file=sys.stderr)


def cmd_text(args) -> int:
    """Print a document's text exactly as the index holds it: what every quote's offsets index."""
    from bot.store.base import open_store

    where = open_store(settings_of(args))
    try:
        index = where.load()
        source = args.source
        if source not in index.documents:  # a path to the file is fine too
            try:
                seeds = Path(index.manifest.seeds).resolve()
                source = Path(source).resolve().relative_to(seeds).as_posix()
            except ValueError:
                pass
        if source not in index.documents and (Path(index.manifest.seeds) / source).is_file():
            if twin := _indexed_copy(index, Path(index.manifest.seeds) / source, source):
                raise BotError(f"{args.source} has the same bytes as {twin}, indexed once under that name: "
                               f"`bot text {twin}`")
            raise BotError(f"{args.source} is in {index.manifest.seeds} but not in the index {where.name}: "
                           + _why_not_indexed(Path(index.manifest.seeds) / source, source))
        if source not in index.documents:
            raise BotError(f"{args.source} is neither in the index {where.name} ({len(index.documents)} documents) "
                           f"nor in its folder {index.manifest.seeds}: give a document's path relative to that folder")
        text = index.text(source)
        # A final newline when the text has none, as a terminal or `cat` expects; quotes' offsets
        # index the text before it, so they are unchanged.
        sys.stdout.buffer.write((text if text.endswith("\n") else text + "\n").encode("utf-8"))
        sys.stdout.buffer.flush()
    finally:
        where.close()
    return 0


def _why_not_indexed(path: Path, source: str) -> str:
    """Why a file of the seeds folder is not in the index: what `bot index` says of it, read again."""
    from bot.ingest.files import Skipped, read_document

    found = read_document(path, source)
    if isinstance(found, Skipped):
        return f"`bot index` skips it ({found.reason})"
    return "it came after the last build: run `bot index`"


def _indexed_copy(index, path: Path, source: str) -> str | None:
    """The indexed document a file is a byte-identical copy of (builder.drop_duplicates), if any."""
    from bot.ingest.files import content_hash_file

    try:
        digest = content_hash_file(path, source)
    except OSError:
        return None
    return next((name for name, info in index.documents.items() if info.sha256 == digest), None)


def _parse_line(line: str) -> tuple[str, object]:
    """One stdin line: plain text, or {"question": str, "history": [...]}; BadQuestion if malformed."""
    stripped = line.strip()
    if not stripped.startswith("{"):
        return stripped, []
    try:
        data = json.loads(stripped)
    except ValueError as error:
        # json's messages may end in "at" themselves ("Unterminated string starting at"): the column follows
        raise BadQuestion(f"not valid JSON ({error.msg.removesuffix(' at')} at column {error.colno})") from None
    if not isinstance(data, dict) or not isinstance(data.get("question"), str):
        raise BadQuestion('a JSON line needs a "question" string')
    return data["question"], data.get("history")  # checked by the engine (chat.check_history)


# Control characters and bidi overrides from an article would drive the terminal (colours, cursor
# moves, reversed text): plain output shows them as escapes. --json escapes them by itself.
TERMINAL_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _printable(text: str) -> str:
    return TERMINAL_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _show(answer, as_json: bool) -> None:
    if as_json:
        emit_json(answer.as_json())
        return
    print(_printable(answer.text))
    for quote in answer.quotes or answer.closest:
        label = f"[{quote.n}]" if answer.answered else "closest, may not answer" if answer.tentative \
            else "closest, not an answer"
        page = f" (page {quote.page})" if quote.page else ""
        print(_printable(f"  {label} {quote.source}:{quote.start}-{quote.end}{page}  {' '.join(quote.text.split())}"))
    print(flush=True)


STDIN_HELP = """With no QUESTION, questions are read from standard input, one per line, and answered as
they arrive (the model is loaded once). A line is plain text, or a JSON object with the
conversation so far for follow-up questions:
  {"question": "What did he say?", "history": [{"role": "user", "content": "..."},
                                               {"role": "assistant", "content": "..."}]}
A bad line (empty, over 2,000 characters, broken JSON) gets an error in its place; the rest go on."""


def cmd_ask(args) -> int:
    from bot.answer.engine import Engine

    with Engine(settings_of(args)) as engine:  # closing tells a PostgreSQL store this reader is gone
        return _ask(engine, args)


def _ask(engine, args) -> int:
    from bot.store.base import StoreError

    if args.question is not None:
        try:
            answer = engine.ask(args.question)
        except BadQuestion as error:
            if not args.json:
                raise
            # --json: the error as the batch gives a bad line, so a script reads JSON either way;
            # the exit status still says it failed.
            emit_json({"error": str(error)})
            return error.exit_code
        _show(answer, args.json)
        return 0
    if sys.stdin.isatty():
        print("Reading questions from standard input, one per line (Ctrl-D to end; `bot ask --help` "
              "for the JSON line format)...", file=sys.stderr, flush=True)
    engine.loaded()  # load once, before the first line, so a broken index fails fast
    # Bytes that are not UTF-8 become lone surrogates, which Engine.check refuses for that line only.
    sys.stdin.reconfigure(errors="surrogateescape")
    for number, line in enumerate(sys.stdin, start=1):
        question, answer, problem = line.strip(), None, None
        try:
            question, history = _parse_line(line)
            answer = engine.ask(question, history)
        except (BadQuestion, StoreError) as error:  # a bad line, or the database away for a moment
            problem = error
        if args.json:
            if problem:
                emit_json({"error": str(problem)})
            else:
                _show(answer, True)
            continue
        # Plain output is a transcript: each question above its answer, a bad line's error in its place.
        flat = " ".join(str(question).split())
        print(_printable(f"Q: {flat[:300]}{'…' if len(flat) > 300 else ''}"))
        if problem:
            print(_printable(f"error (line {number}): {problem}") + "\n", flush=True)
        else:
            _show(answer, False)
    return 0


def _eval_work(cache_dir: Path, folder: Path) -> Path:
    """The cache folder of a dataset folder's index: named by the folder, so that the README's
    `--index ~/.cache/seedbot/eval/squad-v1.1-dev/index` finds it; another folder of the same name
    (two sets' "docs/") gets its own beside it, rather than rebuilding the first one's every time."""
    where = str(folder.resolve())
    work = cache_dir / "eval" / folder.resolve().name
    owner = work / "folder.txt"
    if owner.is_file() and owner.read_text(encoding="utf-8") != where:
        work = work.with_name(f"{work.name}-{hashlib.sha1(where.encode()).hexdigest()[:8]}")
        owner = work / "folder.txt"
    if not owner.is_file():
        work.mkdir(parents=True, exist_ok=True)
        owner.write_text(where, encoding="utf-8")
    return work


def _eval_index(args, dataset: Path, settings: Settings) -> Settings:
    """The index to evaluate on: --index as given, or one built (incrementally) in the cache for a
    dataset folder that carries its own articles (SQuAD's articles/, BEIR's corpus.jsonl)."""
    from bot import Embedder, build
    from bot.eval.datasets import materialize_beir

    if args.index is not None:
        return settings
    folder = dataset if dataset.is_dir() else dataset.parent
    work = _eval_work(settings.cache_dir, folder)
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
    bar = ProgressBar("Embedding")
    build(settings, Embedder(settings), progress=bar)
    bar.close()
    return settings


def cmd_eval(args) -> int:
    from bot.answer.engine import Engine
    from bot.eval import report
    from bot.eval.datasets import load_dataset, spread
    from bot.eval.runs import run, run_peer
    from bot.eval.scoring import score_groups

    settings = _eval_index(args, args.dataset, settings_of(args))
    items = [i for i in load_dataset(args.dataset) if args.group in i.group]
    items = spread(items[: args.limit or None], args.sample)
    if args.group and not items:
        raise BotError(f"no question of {args.dataset} is in a group named like {args.group!r}")
    if args.each_article:
        return _eval_each_article(args, settings, items)
    engine = Engine(settings)
    if not args.refusal:
        _check_sources(items, engine)
    runs, rows = {}, {}
    for config in args.configs.split(","):
        bar = ProgressBar(f"eval {config}")
        done = [0]

        def tick(n, bar=bar, done=done):
            done[0] += n
            bar(done[0], len(items))

        results = run(engine, items, mode=config, progress=tick)
        bar.close()
        runs[config] = score_groups(results)
        rows[config] = [_result_row(r) for r in results]
    if args.peer:
        seeds = Path(engine.loaded().index.manifest.seeds)
        work = settings.cache_dir / "peer" / hashlib.sha1(str(seeds).encode()).hexdigest()[:12]
        results = run_peer(items, seeds, work)
        runs["langchain"] = score_groups(results)
        rows["langchain"] = [_result_row(r) for r in results]
    if args.out:
        report.write(args.out, runs, rows, str(args.dataset))
    if args.json:
        emit_json({"dataset": str(args.dataset), "runs": runs})
    else:
        print(report.table(runs, args.wide) + "\n\n" + report.legend(runs, args.wide))
    return 0


def _check_sources(items, engine) -> None:
    """Stop when the index cannot answer the set: fewer than half of the articles its answers are in
    are indexed (every question would count as one to decline, and the table would look perfect)."""
    wanted = {item.source for item in items if item.answers and item.source and Path(item.source).suffix}
    found = len(wanted & set(engine.loaded().index.documents))
    if wanted and 2 * found < len(wanted):
        raise BotError(f"only {found} of the {len(wanted)} articles this set's answers are in are in the index "
                       f"{engine.store.name}: give their index with --index (or --refusal when the set is "
                       "meant to be declined)")


def _eval_each_article(args, settings: Settings, items) -> int:
    """`bot eval --each-article N`: the single-article protocol (evaluate.each_article)."""
    from bot.embed.embedding import Embedder
    from bot.eval import report
    from bot.eval.runs import each_article
    from bot.eval.scoring import score_groups

    folder = args.dataset if args.dataset.is_dir() else args.dataset.parent
    seeds = folder / "articles" if (folder / "articles").is_dir() else settings.seeds_dir
    work = _eval_work(settings.cache_dir, folder) / "each-article"
    bar = ProgressBar("eval each article")
    done = [0]

    def tick(n):
        done[0] += n
        bar(done[0], 2 * args.each_article * len({i.source for i in items if i.answers}) + sum(not i.answers for i in items))

    results = each_article(items, seeds, work, settings, args.each_article, Embedder(settings), tick)
    bar.close()
    runs = {"each article alone": score_groups(results)}
    if args.out:
        report.write(args.out, runs, {"each article alone": [_result_row(r) for r in results]}, str(args.dataset))
    if args.json:
        emit_json({"dataset": str(args.dataset), "runs": runs})
    else:
        print(report.table(runs, args.wide) + "\n\n" + report.legend(runs, args.wide))
    return 0


def _result_row(result) -> dict:
    from bot.eval.scoring import contains, verdict

    item = result.item
    bold = result.short
    return {"question": item.question, "group": item.group, "answers": list(item.answers),
            "answered": result.answered, "tentative": result.tentative, "correct": verdict(result),
            "first_quote": result.quotes[0] if result.quotes else None, "short_answer": bold,
            "bold_correct": contains(bold["text"], item.answers) if bold and item.answers else None,
            "quotes": result.quotes, "closest": result.closest, "seconds": round(result.seconds, 4),
            "error": result.error or None}


DESCRIPTION = """Ask questions about a folder of articles; every answer is quoted verbatim from them,
with its file and character span. Start with `bot index`, then `bot ask "..."` or `bot serve`."""

ENVIRONMENT = """environment variables (flags win over them):
  BOT_SEEDS              folder of articles (default: seeds)
  BOT_INDEX              index folder (default: index)
  BOT_STORE              postgresql://... keeps the index in PostgreSQL instead (BOT_STORE_READ: a replica)
  BOT_RAY                bot index builds on the Ray cluster at this address (HOST:PORT or auto)
  BOT_MODEL, BOT_BACKEND embedding model name or path; auto, onnx or torch
  BOT_TOP_K              passages searched per question (default 30)
  BOT_DECLINE_THRESHOLD  answer only when the refusal model's probability reaches this
                         (default: the calibrated value; lower answers more, declines less)
  BOT_CACHE              cache folder (default ~/.cache/seedbot)
  BOT_DEBUG=1            show the traceback of an unexpected error"""

COMMANDS = {
    "index": "build or update the index from the folder of articles (only changed files are embedded)",
    "ask": "answer a question, or one per line of standard input",
    "text": "print a document's text as indexed: what quote offsets index",
    "eval": "score the answers on a question set (JSON lines, SQuAD, BEIR, feedback.jsonl)",
    "serve": "serve the web chat on http://127.0.0.1:7860 (same as `python app.py`)",
}


def build_parser() -> argparse.ArgumentParser:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(prog="bot", description=DESCRIPTION, epilog=ENVIRONMENT, formatter_class=raw)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name, **kwargs):
        return sub.add_parser(name, help=COMMANDS[name], description=COMMANDS[name], formatter_class=raw, **kwargs)

    p = command("index")
    add_flags(p)
    p.add_argument("--full", action="store_true", help="re-embed everything")
    p.add_argument("--watch", action="store_true", help="keep running; re-index when files change")
    p.add_argument("--from-index", type=Path, metavar="DIR",
                   help="with --store: copy the index folder DIR into the store as it is (no embedding)")
    p.add_argument("--ray", metavar="ADDRESS", help="parse, chunk and embed on the Ray cluster at HOST:PORT "
                   "(auto: the one running here; or $BOT_RAY; needs the ray extra; docs/ray.md)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_index)

    p = command("ask", epilog=STDIN_HELP)
    add_flags(p, seeds=False)
    p.add_argument("question", nargs="?", help="the question (omit to read standard input)")
    p.add_argument("--json", action="store_true", help="print one JSON object per question")
    p.set_defaults(func=cmd_ask)

    p = command("text")
    add_flags(p, seeds=False)
    p.add_argument("source", help="the document, as quotes name it (its path inside the seeds folder)")
    p.set_defaults(func=cmd_text)

    p = command("eval")
    add_flags(p, seeds=False)
    p.add_argument("dataset", type=Path, help="JSON lines file, SQuAD JSON, SQuAD 2.0 sample or BEIR folder")
    p.add_argument("--json", action="store_true", help="print the metrics as one JSON object")
    p.add_argument("--out", type=Path, help="write report.md, metrics.json, results.jsonl, chart.png here")
    p.add_argument("--configs", default="fused", help="retrieval variants side by side: fused,dense,bm25")
    p.add_argument("--peer", choices=["langchain"], help="also score LangChain's standard FAISS pipeline")
    p.add_argument("--limit", type=int, default=0, help="score only the first N questions (default: all)")
    p.add_argument("--sample", type=int, default=0, help="score only N questions, evenly spaced over the set")
    p.add_argument("--group", default="", help="score only the questions of this group, e.g. held-out "
                   "(SQuAD articles 24-47, the news set's July-December weeks)")
    p.add_argument("--wide", action="store_true", help="every column in the console table (default: the main ones)")
    p.add_argument("--refusal", action="store_true",
                   help="the set's articles are meant to be missing from the index (a refusal protocol)")
    p.add_argument("--each-article", type=int, default=0, metavar="N",
                   help="index each article alone; ask it N of its own questions and N about other articles")
    p.set_defaults(func=cmd_eval)

    command("serve", add_help=False)  # `bot serve --help` is the web app's own help
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["serve"]:  # the web app parses its own flags (host, port, ...)
        from bot.web.serve import main as serve

        return serve([a for a in argv[1:] if a != "--"], prog="bot serve")
    args = build_parser().parse_args(argv)
    show_log_lines()
    try:
        if getattr(args, "json", False):
            with json_on_stdout():
                return args.func(args)
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


_json_fd: int | None = None  # where emit_json writes: the real stdout while json_on_stdout() holds it


@contextmanager
def json_on_stdout():
    """Standard output holds the JSON and nothing else: while a --json command runs, file
    descriptor 1 points at stderr, so whatever Ray (its "(raylet)" lines go to sys.stdout),
    PyTorch, onnxruntime or a C library prints lands there; emit_json writes to the real stdout."""
    global _json_fd
    sys.stdout.flush()
    _json_fd = os.dup(1)
    os.dup2(2, 1)
    try:
        yield
    finally:
        sys.stdout.flush()
        os.dup2(_json_fd, 1)
        os.close(_json_fd)
        _json_fd = None


def emit_json(value) -> None:
    """One JSON object on one line of standard output, written at once (readers take them as they come)."""
    line = (json.dumps(value, ensure_ascii=False) + "\n").encode("utf-8")
    if _json_fd is None:
        sys.stdout.buffer.write(line)
        sys.stdout.flush()
        return
    view = memoryview(line)
    while view:
        view = view[os.write(_json_fd, view):]


def _fail(message) -> None:
    """One line on stderr, whatever the message holds (file names and JSON errors can hold newlines)."""
    print(_printable("error: " + " ".join(str(message).split())), file=sys.stderr, flush=True)
