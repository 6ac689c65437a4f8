"""A real local Ray cluster for tests and scripts: `ray start --head` plus more nodes on this machine.

Every node listens for the cluster on 127.0.0.1 (head: a free port), has a bounded object store and
the CPUs asked for, and keeps its files in a fresh temporary folder. Stopping is `ray stop --force`
(SIGKILL: SIGTERM leaves raylet and gcs_server running) restricted to this cluster: `ray stop`
itself kills every Ray process on the machine, another engineer's cluster included, so each
process started here carries a marker in its environment and only those are killed.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

MARK = "SEEDBOT_TEST_RAY"
OBJECT_STORE = 100_000_000  # bytes per node: small, so spilling paths are exercised too
RAY = str(Path(sys.executable).with_name("ray"))


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LocalRay:
    folder: Path
    port: int = 0
    mark: str = field(default_factory=lambda: uuid.uuid4().hex)
    seen: set[int] = field(default_factory=set)  # every process of it ever found (an orphan is found no more)

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def _ray_start(self, *args: str, env: dict | None = None) -> None:
        environ = dict(os.environ, **(env or {}), **{MARK: self.mark}, RAY_USAGE_STATS_ENABLED="0")
        started = subprocess.run([RAY, "start", *args, "--node-ip-address", "127.0.0.1",
                                  "--object-store-memory", str(OBJECT_STORE), "--disable-usage-stats"],
                                 env=environ, capture_output=True, text=True, timeout=120)
        if started.returncode:
            raise RuntimeError(f"ray start failed: {started.stderr[-2000:]}")

    def start_head(self, cpus: int = 2, env: dict | None = None) -> None:
        self.port = free_port()
        self._ray_start("--head", "--port", str(self.port), "--num-cpus", str(cpus), "--temp-dir",
                        str(self.folder), "--include-dashboard", "false", env=env)

    def add_node(self, cpus: int = 1, env: dict | None = None) -> None:
        """Another node on this machine (its own raylet and object store) joining the head."""
        before = len(self.nodes())
        self._ray_start("--address", self.address, "--num-cpus", str(cpus), env=env)
        deadline = time.monotonic() + 60
        while len(self.nodes()) <= before and time.monotonic() < deadline:
            time.sleep(0.2)

    def processes(self) -> list[int]:
        """Every process of this cluster: those carrying the marker (raylets, GCS, workers...) and
        their descendants, since a raylet's agents (dashboard, runtime env) overwrite their
        environment with their process title and so lose the marker."""
        needle = f"{MARK}={self.mark}".encode()
        marked, children = [], {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/environ", "rb") as handle:
                    if needle in handle.read().split(b"\0"):
                        marked.append(int(entry))
                with open(f"/proc/{entry}/stat", "rb") as handle:
                    parent = int(handle.read().rsplit(b")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(entry))
            except (OSError, ValueError, IndexError):
                continue
        found, queue = set(marked), list(marked)
        while queue:
            for child in children.get(queue.pop(), []):
                if child not in found:
                    found.add(child)
                    queue.append(child)
        self.seen.update(found)
        return sorted(found)

    def nodes(self) -> list[int]:
        """Process ids of the raylets, one per node."""
        return [pid for pid in self.processes() if _name(pid) == "raylet"]

    def workers(self, name: str) -> list[int]:
        """Process ids of the worker processes whose title holds `name` (e.g. an actor's class)."""
        return [pid for pid in self.processes() if name in _cmdline(pid)]

    def stop(self) -> None:
        for _ in range(3):  # a dying raylet may still start a worker: sweep until none is left
            orphans = [pid for pid in self.seen if _cmdline(pid).startswith("ray::")]  # their raylet died
            pids = sorted(set(self.processes()) | set(orphans))
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            if not pids:
                break
            time.sleep(0.3)
        shutil.rmtree(self.folder, ignore_errors=True)


def _name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


@contextmanager
def running_ray(head_cpus: int = 2, nodes: tuple[int, ...] = (), env: dict | None = None):
    """A head with `head_cpus` CPUs, plus one node per entry of `nodes` (its CPUs), all started with
    `env` added to their environment; stopped after."""
    # Short: Ray's Unix sockets live in this folder and a socket path has at most 107 bytes.
    cluster = LocalRay(Path(tempfile.mkdtemp(prefix="sbray-", dir="/tmp")))
    try:
        cluster.start_head(head_cpus, env)
        for cpus in nodes:
            cluster.add_node(cpus, env)
        yield cluster
    finally:
        cluster.stop()
