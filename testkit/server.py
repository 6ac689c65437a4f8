"""Run the real web app (`python app.py`) in a subprocess on a free loopback port, for UI tests.

Each test module starts one server over its own copy of seeds/ plus `harbor_log.txt`, an article
whose sentences carry `<script>` and `onerror=` markup (it must be shown as text, never run), and
its own empty index folder, so the app's start-up build is exercised too.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SCRIPT_ARTICLE = "harbor_log.txt"
SCRIPT_TEXT = """Port Elsby harbor log

Marta Quill, the harbor master of Port Elsby, wrote <script>alert(1)</script> in the logbook to test the new web page.

The lighthouse keeper Tomas Reed pasted <img src=x onerror=alert(2)> into the town newsletter by mistake.

During the storm week the market board listed cod at ${price} and mackerel at {{constructor.name}}.
"""
START_TIMEOUT = 120  # seconds; the start-up includes building the index
# A question the app's articles (seeds/ and the harbor log) answer only tentatively: the seed article
# says the flights over the center line "increased dramatically", and gives no number.
TENTATIVE_QUESTION = "How much did the number of Chinese aircraft increase?"


@dataclass
class Server:
    url: str
    seeds: Path
    index: Path
    log: Path
    process: subprocess.Popen


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def make_seeds(folder: Path, add=None) -> Path:
    seeds = folder / "seeds"
    shutil.copytree(SEEDS, seeds)
    (seeds / SCRIPT_ARTICLE).write_text(SCRIPT_TEXT, encoding="utf-8")
    if add:
        add(seeds)
    return seeds


@contextmanager
def running_app(folder: Path, *args: str, add=None, env: dict | None = None, seeds: Path | None = None,
                name: str = "server", watch: bool = False):
    """Start the app on a free port and yield a `Server` once its page answers; stop it after.
    `add(seeds)` may put more articles in its seeds folder first; `args` are more flags (`--store
    URL`, `--host ...`), `env` more environment variables; `seeds` an existing folder to serve
    instead of a fresh copy (replicas share one). The app watches its folder only with `watch`: tests
    that rebuild by hand would otherwise race its own rebuilds."""
    seeds = seeds or make_seeds(folder, add)
    index, log = folder / "index", folder / f"{name}.log"
    port = free_port()
    # Gradio's temporary files (uploads, if any got through) stay in the test's folder too.
    env = dict(os.environ, GRADIO_ANALYTICS_ENABLED="False", PYTHONUNBUFFERED="1",
               GRADIO_TEMP_DIR=str(folder / "gradio-tmp"), BOT_WATCH="1" if watch else "0", **(env or {}))
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "app.py", "--seeds", str(seeds), "--index", str(index), "--port", str(port), *args],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}/", seeds, index, log, process)
    try:
        _wait_up(server)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_up(server: Server) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"the app exited with {server.process.returncode}:\n{server.log.read_text()}")
        try:
            with urllib.request.urlopen(server.url, timeout=2) as response:
                if response.status == 200:
                    return
        except urllib.error.HTTPError as error:
            if error.code == 401:  # up, and asking for credentials (BOT_TOKEN)
                return
            time.sleep(0.3)
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the app did not come up in {START_TIMEOUT}s:\n{server.log.read_text()}")
