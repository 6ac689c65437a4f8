"""Run one measurement in a fresh process: wall time from spawn to exit, and that process's peak RSS.

Peak RSS comes from `os.wait4`, the kernel's own high-water mark (ru_maxrss) for exactly that child
(and any children it waited for): no polling, nothing missed between samples.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Run:
    seconds: float  # spawn to exit
    peak_rss_mb: float
    started_at: float  # time.time() just before spawning, to compare with times the child reports
    stdout: str
    stderr: str

    def last_json(self) -> dict:
        """The last line of stdout that is a JSON object (workers end with one)."""
        for line in reversed(self.stdout.splitlines()):
            if line.startswith("{"):
                return json.loads(line)
        raise ValueError(f"no JSON on stdout; stderr ends: {self.stderr[-2000:]}")


class Failed(RuntimeError):
    pass


def run(args: list[str], env: dict | None = None, cwd: str | None = None, timeout: float = 7200) -> Run:
    """Run `args`, wait for it; raise Failed (with the end of its stderr) on a non-zero exit."""
    full_env = dict(os.environ, HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false", **(env or {}))
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started_at = time.time()
        start = time.perf_counter()
        child = subprocess.Popen(args, stdout=out, stderr=err, env=full_env, cwd=cwd)
        deadline = start + timeout
        while True:  # wait4 with WNOHANG so that a hung child cannot hang the benchmark
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                child.kill()
                pid, status, usage = os.wait4(child.pid, 0)
                break
            time.sleep(0.005)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)  # Popen must not wait for it again
        out.seek(0)
        err.seek(0)
        result = Run(seconds, usage.ru_maxrss / 1024, started_at, out.read(), err.read())
    if child.returncode != 0:
        raise Failed(f"{' '.join(args[:6])}... exited {child.returncode}: {result.stderr[-3000:]}")
    return result


def python(module: str, *args: str, **kwargs) -> Run:
    return run([sys.executable, "-m", module, *map(str, args)], **kwargs)
