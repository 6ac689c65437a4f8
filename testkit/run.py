"""The `bot` command in a subprocess, as a user runs it: the one way tests call the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def bot(*args, env: dict | None = None, timeout: float = 600, **options) -> subprocess.CompletedProcess:
    """`python -m bot ARGS` from the checkout, out and err captured as text unless `options` say
    otherwise (`text=False`, `stdout=`...); `env` sets variables over the caller's environment, a
    None value removes one (the tests' conftest has cleared BOT_*)."""
    merged = {k: v for k, v in dict(os.environ, **(env or {})).items() if v is not None}
    options.setdefault("text", True)
    if "stdout" not in options and "stderr" not in options:
        options["capture_output"] = True
    return subprocess.run([sys.executable, "-m", "bot", *map(str, args)], cwd=ROOT, timeout=timeout, env=merged,
                          **options)
