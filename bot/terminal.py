"""What the two entry points, `bot` (cli.py) and the web app (web/serve.py), share on the terminal.

The flags that name the articles, the index, the store and the model; the `Settings` they make;
the progress bar; and where the library's log lines go. The library itself never prints: it logs
through `logging` (loggers under "bot"), and an entry point shows those lines on stderr.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from bot.core.settings import Settings


def add_flags(parser: argparse.ArgumentParser, seeds: bool = True) -> None:
    """--seeds (unless `seeds` is False), --index, --store, --model, --backend."""
    if seeds:
        parser.add_argument("--seeds", type=Path, help="folder of articles (default: the one the index was "
                            "built from, else seeds; or $BOT_SEEDS)")
    parser.add_argument("--index", type=Path, help="index folder (default: index, or $BOT_INDEX)")
    parser.add_argument("--store", help="postgresql://... keeps the index in that database instead of "
                                        "the folder (or $BOT_STORE; docs/postgres.md)")
    parser.add_argument("--model", help="sentence-transformers model name or path (or $BOT_MODEL)")
    parser.add_argument("--backend", choices=["auto", "onnx", "torch"], help="embedding backend (or $BOT_BACKEND)")


def settings_of(args: argparse.Namespace) -> Settings:
    """Settings from the environment, then from the flags `add_flags` added (those given win)."""
    return Settings.from_env(
        seeds_dir=getattr(args, "seeds", None), index_dir=getattr(args, "index", None),
        model=getattr(args, "model", None), backend=getattr(args, "backend", None),
        store=getattr(args, "store", None),
    )


class ProgressBar:
    """A tqdm bar on a terminal, nothing when piped (scripts read --json from stdout). Call it with
    (done, total); `close()` wipes it from the line (Ctrl-C included)."""

    def __init__(self, label: str, unit: str = "chunk", tty: bool | None = None):
        self.bar = None
        if sys.stderr.isatty() if tty is None else tty:  # `tty`: asked before stderr was redirected
            from tqdm import tqdm

            self.bar = tqdm(desc=label, unit=unit, leave=False, file=sys.stderr)

    def __call__(self, done: int, total: int) -> None:
        if self.bar is not None:
            self.bar.total = total
            self.bar.n = done
            self.bar.refresh()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def show_log_lines() -> None:
    """The library's log lines (INFO and up) on stderr as plain lines: the notes it has for users
    ("Exporting ... to ONNX", "Building the index ..."). Called once by each entry point."""
    logger = logging.getLogger("bot")
    if not any(isinstance(h, _Stderr) for h in logger.handlers):
        logger.addHandler(_Stderr())
    logger.setLevel(logging.INFO)
    logger.propagate = False


class _Stderr(logging.Handler):
    """The message alone, on whatever sys.stderr is when it is logged."""

    def emit(self, record: logging.LogRecord) -> None:
        print(record.getMessage(), file=sys.stderr, flush=True)
