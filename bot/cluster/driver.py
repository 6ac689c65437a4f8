"""`bot index --ray ADDRESS`: parse, chunk and embed the new and changed documents on a Ray cluster.

This is the driver's side (worker.py is what runs on the nodes). The driver (`bot index`,
run on a node of the cluster) does what a local build does, except the middle: it reads and hashes
the files, decides what the current build already holds (those never leave the driver), and
hands the rest to Ray Data actors as raw bytes. Each actor loads the model once and runs the
same functions a local build runs; rows and vectors come back as Arrow columns, and the driver
writes them with `indexing.write_build`, under the same lock and with the same atomic switch.

- The model travels with the job: the driver's exported ONNX folder is the runtime env's
  working_dir (uploaded once to the cluster, content-addressed), so no node exports or downloads it.
- Vectors must come from one model: every result carries its worker's `identity()` (model id,
  sha256 of the ONNX file it loaded, backend, dimension, onnxruntime/tokenizers versions, a hash
  of the seedbot code); one that differs from the driver's stops the build before anything is written.
- A worker that dies is restarted and its batch retried by Ray (`RETRIES` times); a build that
  still fails leaves the current index in place, since nothing is written until every document is back.

Shortcut taken on purpose: the files travel from the driver (no shared filesystem is assumed), so
the driver holds the bytes of the changed files, as a local build holds their text.
"""

from __future__ import annotations

import json
import logging
import math
import os
import re
import socket
import sys
import threading
import warnings
from collections.abc import Callable
from pathlib import Path

from bot.cluster.worker import Worker, identity, rows_of
from bot.core.errors import BotError
from bot.core.settings import Settings
from bot.embed.embedding import Embedder
from bot.ingest.files import RawFile, Skipped
from bot.store.base import DocumentRows

INSTALL = "pip install -e '.[ray]'"
RETRIES = 3  # restarts of a dead actor, and retries of the batch it held
DOCS_PER_CALL = 16  # at most: small calls balance the actors, larger ones pad less


class RayBuildError(BotError):
    """The cluster cannot be used, or the build on it failed; the index was left as it was."""


def _resolve(address: str) -> str:
    """host:port of the cluster's GCS; 'auto' = the cluster running on this machine (Ray's rule)."""
    if address != "auto":
        host, _, port = address.rpartition(":") if ":" in address else (address, "", "6379")
        if not host or not port.isdigit():
            raise RayBuildError(f"--ray {address!r} is not an address: give HOST:PORT (the head's GCS port, "
                                "6379 by default) or auto")
        return f"{host}:{port}"
    from ray._private.services import canonicalize_bootstrap_address

    try:
        found = canonicalize_bootstrap_address(address)
    except ConnectionError:
        found = None
    if not found:
        raise RayBuildError("no running Ray cluster found on this machine: start one with `ray start --head`, "
                            "or give --ray the head's address (HOST:PORT)")
    return found


def _probe(address: str, timeout: float = 3.0) -> None:
    """Fail in seconds, with the fix, when nothing listens there (ray.init would retry for a minute)."""
    host, _, port = address.rpartition(":")
    try:
        with socket.create_connection((host.strip("[]"), int(port)), timeout=timeout):
            pass
    except (OSError, ValueError) as error:
        raise RayBuildError(f"cannot reach the Ray cluster at {address} ({getattr(error, 'strerror', None) or error}):"
                            " start it with `ray start --head --port PORT`, or give --ray the head's address"
                            ) from None


def connect(address: str, embedder: Embedder) -> "RayCluster":
    """Join the cluster at `address`, shipping the embedder's model with the job. The address is
    checked before any other work (a wrong one costs seconds), then the model is loaded here."""
    try:
        import ray
    except ImportError:
        raise RayBuildError(f"--ray needs Ray, an optional extra: {INSTALL}") from None
    target = _resolve(address)
    _probe(target)
    embedder.load()
    if embedder.onnx_file is None:
        raise RayBuildError("--ray needs the ONNX backend (the model's ONNX export is what the workers run): "
                            "drop --backend torch")
    # The driver's export, without the float model beside it, is every worker's working_dir:
    # uploaded once to the cluster (content-addressed), so no node exports or downloads a model.
    shipped = embedder.onnx_file.parent.parent
    loopback = target.split(":")[0] in ("127.0.0.1", "localhost")
    quiet = _CoreLogFilter()
    try:
        ray.init(address=target, logging_level=logging.ERROR, log_to_driver=False,
                 runtime_env={"working_dir": str(shipped), "excludes": _not_shipped(shipped, embedder.onnx_file)},
                 **({"_node_ip_address": "127.0.0.1"} if loopback else {}))
    except Exception as error:  # version mismatch, not a node of this cluster...
        quiet.close()
        raise RayBuildError(f"cannot join the Ray cluster at {target}: {str(error).strip().splitlines()[0]} "
                            "(run bot index on a node of the cluster, with the same Ray version)") from None
    from ray.data import DataContext

    context = DataContext.get_current()
    context.enable_progress_bars = False  # the driver shows its own bar
    context.print_on_execution_start = False
    logging.getLogger("ray.data").setLevel(logging.CRITICAL)  # its errors reach us as exceptions
    return RayCluster(target, quiet)


class _CoreLogFilter:
    """Ray prints its own lines on the driver's streams: its C++ core's log on stderr (on every
    build: a warning about how Ray Data passes actor arguments), and the raylet's messages ("(raylet)
    A worker died...") on stdout, where they would break `--json`. Failures reach us as exceptions
    anyway. While a cluster is joined, stdout and stderr each go through a pipe that drops those
    lines and passes the rest on (the progress bar included) as it comes."""

    LINE = re.compile(rb"^(\[\d{4}-\d\d-\d\d [\d:,]+ [DIWEF] \d+ \d+\] |(\x1b\[[\d;]*m)*\(raylet[,)])")

    def __init__(self):
        sys.stdout.flush()
        sys.stderr.flush()
        self.streams = [self._divert(fd) for fd in (1, 2)]

    def _divert(self, fd: int) -> tuple[int, int, threading.Thread]:
        saved = os.dup(fd)
        read, write = os.pipe()
        os.dup2(write, fd)
        os.close(write)
        pump = threading.Thread(target=self._pass, args=(read, saved), daemon=True)
        pump.start()
        return fd, saved, pump

    def _pass(self, read: int, saved: int) -> None:
        """Pass the lines that are not Ray's, and not the blank lines that follow one of Ray's (its
        messages end with one). A line still being written waits for its end only if it may be
        Ray's (`print` can write a line and its newline apart), so the progress bar's "\\r"
        updates pass as they come."""
        pending, after_ray = b"", False
        while chunk := os.read(read, 65536):
            lines = (pending + chunk).splitlines(keepends=True)
            pending = lines.pop() if lines and not lines[-1].endswith((b"\n", b"\r")) and \
                self.LINE.match(lines[-1] + b"\n") else b""
            kept = []
            for line in lines:
                if self.LINE.match(line):
                    after_ray = True
                elif not (after_ray and not line.strip()):
                    after_ray = False
                    kept.append(line)
            if kept:
                os.write(saved, b"".join(kept))
        if pending and not self.LINE.match(pending):
            os.write(saved, pending)
        os.close(read)

    def close(self) -> None:
        if not self.streams:
            return
        sys.stdout.flush()
        sys.stderr.flush()
        for fd, saved, pump in self.streams:
            os.dup2(saved, fd)  # the pipe's last writer goes: the pump reads its end and stops
            pump.join(timeout=5)
            os.close(saved)
        self.streams = []


class RayCluster:
    """A joined cluster; leave it with `close()`."""

    def __init__(self, address: str, quiet: _CoreLogFilter):
        self.address = address
        self.quiet = quiet

    def close(self) -> None:
        import ray

        ray.shutdown()
        self.quiet.close()

    def cpus(self) -> int:
        import ray

        return max(1, int(ray.cluster_resources().get("CPU", 1)))

    def embed(self, files: list[RawFile], embedder: Embedder, settings: Settings,
              progress: Callable[[int, int], None] | None = None) -> tuple[list[DocumentRows], list[Skipped]]:
        """Rows and vectors of every file (or why it was skipped), made by actors on the cluster."""
        if not files:
            return [], []
        import ray
        from ray.data.exceptions import RayDataUserCodeException, SystemException

        mine = identity(embedder)
        actors = min(self.cpus(), len(files))
        per_call = max(1, min(DOCS_PER_CALL, len(files) // (actors * 8)))
        data = ray.data.from_items([{"source": f.source, "sha256": f.sha256, "data": f.data} for f in files],
                                   override_num_blocks=min(math.ceil(len(files) / per_call), 2000))
        with warnings.catch_warnings():  # ray_remote_args_fn is deprecated from Ray 2.64 (pinned: 2.60)
            warnings.simplefilter("ignore", DeprecationWarning)
            results = data.map_batches(
                Worker, fn_constructor_kwargs={"settings": _worker_settings(settings)},
                batch_size=per_call, batch_format="pyarrow", concurrency=actors, num_cpus=1,
                # Bounded: Ray Data's default retries forever, so a batch that kills its worker
                # every time would hang the build.
                ray_remote_args_fn=lambda: {"max_restarts": RETRIES, "max_task_retries": RETRIES})
        made, skipped = [], []
        try:
            for batch in results.iter_batches(batch_size=None, batch_format="pyarrow"):
                got, lost = _receive(batch, mine, embedder.dim)
                made += got
                skipped += lost
                if progress:
                    progress(len(made) + len(skipped), len(files))
        except (ray.exceptions.RayError, RayDataUserCodeException, SystemException) as error:
            raise RayBuildError(f"the build on the Ray cluster failed ({_first_line(error)}; Ray retries a "
                                f"dead worker {RETRIES} times); the index was left as it was") from None
        return made, skipped


def _receive(batch, mine: str, dim: int) -> tuple[list[DocumentRows], list[Skipped]]:
    """One batch of results (an Arrow table) as rows; refused if a worker's identity is not ours."""
    made, skipped = [], []
    for record in batch.to_pylist():
        if record["identity"] != mine:
            raise RayBuildError(_refusal(record["node"], json.loads(record["identity"]), json.loads(mine)))
        if record["skipped"]:
            skipped.append(Skipped(record["source"], record["skipped"]))
        else:
            made.append(rows_of(record, dim))
    return made, skipped


def _first_line(error: Exception) -> str:
    """The gist of a Ray error (its messages run to dozens of lines): the first sentence of the last."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return f"{type(error).__name__}: {lines[-1].split('. ')[0] if lines else ''}"[:200]


def _refusal(node: str, theirs: dict, mine: dict) -> str:
    differ = ", ".join(f"{k} {theirs.get(k)!r} != {mine.get(k)!r}" for k in mine if theirs.get(k) != mine.get(k))
    return (f"refused: a Ray worker at {node} runs another model or seedbot version ({differ}); "
            "vectors must come from one model: install the same seedbot and extras on every node; the index "
            "was left as it was")


def _not_shipped(folder: Path, onnx_file: Path) -> list[str]:
    """Everything in the export folder but the one ONNX file used (the float model is 90 MB)."""
    return [path.relative_to(folder).as_posix() for path in folder.rglob("*")
            if path.is_file() and (path.suffix == ".onnx" and path != onnx_file or path.suffix == ".md")]


def _worker_settings(settings: Settings) -> dict:
    return {"model": settings.model, "chunk_tokens": settings.chunk_tokens,
            "chunk_overlap_tokens": settings.chunk_overlap_tokens}
