"""`bot index --ray ADDRESS`: parse, chunk and embed the new and changed documents on a Ray cluster.

The driver (`bot index`, run on a node of the cluster) does what it does for a local build, except
the middle: it reads and hashes the files, decides what the current build already holds (those
never leave the driver), and hands the rest to Ray Data actors as raw bytes. Each actor loads the
model once and runs the same functions a local build runs (`documents.parse` with its reader
worker process, `indexing.embed_documents`); the rows and vectors come back as Arrow columns
(nothing pickled beyond Ray's own transport) and the driver writes them with
`indexing.write_build`, under the same lock and with the same atomic switch.

- The model travels with the job: the driver's exported ONNX folder is the actors' runtime-env
  working_dir (uploaded once to the cluster, content-addressed), so no node exports or downloads it.
- Vectors must come from one model: every actor reports `identity()` (model id, sha256 of the ONNX
  file it loaded, backend, dimension, onnxruntime/tokenizers versions and a hash of the seedbot code)
  with each result; one that differs from the driver's stops the build before anything is written.
- A worker that dies is restarted and its batch retried by Ray (a few times); a build that still
  fails leaves the current index in place, since nothing is written until every document is back.

Shortcut taken on purpose: the files travel from the driver (no shared filesystem is assumed), so
the driver holds the bytes of the changed files, as a local build holds their text.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import re
import socket
import sys
import threading
import warnings
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Callable

import numpy as np

from .documents import Document, RawFile, Skipped, parse
from .embedding import Embedder
from .errors import BotError
from .settings import Settings
from .storage import DocumentRows
from .store import ChunkRow

INSTALL = "pip install -e '.[ray]'"
RETRIES = 3  # restarts of a dead actor, and retries of the batch it held
DOCS_PER_CALL = 16  # at most: small calls balance the actors, larger ones pad less


class RayBuildError(BotError):
    """The cluster cannot be used, or the build on it failed; the index was left as it was."""


def _resolve(address: str) -> str:
    """host:port of the cluster's GCS; 'auto' = the cluster running on this machine (Ray's rule)."""
    from ray._private.services import canonicalize_bootstrap_address

    try:
        found = canonicalize_bootstrap_address(address)
    except (ConnectionError, ValueError) as error:
        if address == "auto":
            raise RayBuildError("no running Ray cluster found on this machine: start one with `ray start "
                                "--head`, or give --ray the head's address (HOST:PORT)") from error
        raise RayBuildError(f"--ray {address!r} is not an address: give HOST:PORT (the head's GCS port, "
                            "6379 by default) or auto") from error
    if not found:
        raise RayBuildError("--ray needs a running cluster: give HOST:PORT or auto")
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
    logging.getLogger("ray.data").setLevel(logging.ERROR)
    return RayCluster(target, quiet)


class _CoreLogFilter:
    """Ray's C++ core prints its own log lines to the driver's stderr (on every build: a warning
    about how Ray Data passes actor arguments); failures reach us as exceptions anyway. While a
    cluster is joined, stderr goes through a pipe that drops those lines and passes the rest on
    (the progress bar included) as it comes."""

    LINE = re.compile(rb"^\[\d{4}-\d\d-\d\d [\d:,]+ [DIWEF] \d+ \d+\] ")

    def __init__(self):
        sys.stderr.flush()
        self.saved = os.dup(2)
        read, write = os.pipe()
        os.dup2(write, 2)
        os.close(write)
        self.pump = threading.Thread(target=self._pass, args=(read,), daemon=True)
        self.pump.start()

    def _pass(self, read: int) -> None:
        while chunk := os.read(read, 65536):
            kept = b"".join(line for line in chunk.splitlines(keepends=True) if not self.LINE.match(line))
            if kept:
                os.write(self.saved, kept)
        os.close(read)

    def close(self) -> None:
        if self.saved < 0:
            return
        sys.stderr.flush()
        os.dup2(self.saved, 2)  # the pipe's last writer goes: the pump reads its end and stops
        self.pump.join(timeout=5)
        os.close(self.saved)
        self.saved = -1


class RayCluster:
    """A joined cluster; leave it with `close()` (or use it as a context manager)."""

    def __init__(self, address: str, quiet: _CoreLogFilter):
        self.address = address
        self.quiet = quiet

    def __enter__(self) -> "RayCluster":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

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
                _Worker, fn_constructor_kwargs={"settings": _worker_settings(settings)},
                batch_size=per_call, batch_format="pyarrow", concurrency=actors, num_cpus=1,
                # Bounded: Ray Data's default retries forever, so a batch that kills its worker
                # every time would hang the build.
                ray_remote_args_fn=lambda: {"max_restarts": RETRIES, "max_task_retries": RETRIES})
        made, skipped = [], []
        try:
            for batch in results.iter_batches(batch_size=None, batch_format="pyarrow"):
                for record in batch.to_pylist():
                    if record["identity"] != mine:
                        raise RayBuildError(_refusal(record["node"], json.loads(record["identity"]), json.loads(mine)))
                    if record["skipped"]:
                        skipped.append(Skipped(record["source"], record["skipped"]))
                    else:
                        made.append(_rows(record, embedder.dim))
                    if progress:
                        progress(len(made) + len(skipped), len(files))
        except (ray.exceptions.RayError, RayDataUserCodeException, SystemException) as error:
            raise RayBuildError(f"the build on the Ray cluster failed ({_first_line(error)}); the index was "
                                "left as it was") from None
        return made, skipped


def _first_line(error: Exception) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return f"{type(error).__name__}: {lines[-1] if lines else ''}"[:300]


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


@lru_cache(maxsize=8)
def _file_sha256(path: Path, size: int, mtime: int) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


@lru_cache(maxsize=1)
def code_hash() -> str:
    """The seedbot code that turns files into rows and vectors: every module of the package."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def identity(embedder: Embedder) -> str:
    """What must be equal on the driver and every worker for their vectors to mix (JSON)."""
    import onnxruntime
    import tokenizers

    stat = embedder.onnx_file.stat()
    return json.dumps({
        "model": embedder.model_id, "dim": embedder.dim, "backend": embedder.backend,
        "weights": _file_sha256(embedder.onnx_file, stat.st_size, stat.st_mtime_ns)[:16],
        "onnxruntime": onnxruntime.__version__, "tokenizers": tokenizers.__version__, "seedbot": code_hash(),
    }, sort_keys=True)


class _Worker:
    """A Ray Data actor: one model load, then batches of raw files in, rows and vectors out."""

    def __init__(self, settings: dict):
        from .extract import Readers

        self.settings = replace(Settings(), **settings)
        # The runtime env's working_dir is the driver's ONNX export (see RayCluster.embed).
        self.embedder = Embedder(self.settings, bulk=True, onnx_dir=Path.cwd(), threads=1).load()
        self.identity = identity(self.embedder)
        self.readers = Readers(1)
        import ray

        self.node = f"{ray.util.get_node_ip_address()} (pid {os.getpid()})"

    def __call__(self, batch):
        found = [parse(RawFile(**row), self.readers) for row in batch.to_pylist()]
        documents = [d for d in found if isinstance(d, Document)]
        from .indexing import embed_documents

        parts = embed_documents(self.embedder, self.settings, documents)
        return _table([*parts, *(s for s in found if isinstance(s, Skipped))], self.identity, self.node)


def _table(items: list[DocumentRows | Skipped], ident: str, node: str):
    import pyarrow as pa

    def column(get, kind, default):
        return pa.array([get(i) if isinstance(i, DocumentRows) else default for i in items], kind)

    return pa.table({
        "source": pa.array([i.source for i in items], pa.string()),
        "skipped": pa.array([i.reason if isinstance(i, Skipped) else "" for i in items], pa.string()),
        "identity": pa.array([ident] * len(items), pa.string()),
        "node": pa.array([node] * len(items), pa.string()),
        "sha256": column(lambda d: d.sha256, pa.string(), ""),
        "size": column(lambda d: d.size, pa.int64(), 0),
        "title": column(lambda d: d.title, pa.string(), ""),
        "text": column(lambda d: d.text, pa.large_string(), ""),
        "pages": column(lambda d: list(d.pages), pa.list_(pa.int64()), []),
        "chunks": column(lambda d: np.array([(c.start, c.end, c.cstart, c.cend) for c in d.chunks],
                                            np.int64).tobytes(), pa.large_binary(), b""),
        "chunk_texts": column(lambda d: [c.text for c in d.chunks], pa.list_(pa.large_string()), []),
        "sentences": column(lambda d: d.sentences.astype(np.int64).tobytes(), pa.large_binary(), b""),
        "chunk_vectors": column(lambda d: d.chunk_vectors.astype(np.float32).tobytes(), pa.large_binary(), b""),
        # Stores keep sentence vectors as float16 anyway: half the bytes on the wire, nothing lost.
        "sentence_vectors": column(lambda d: d.sentence_vectors.astype(np.float16).tobytes(),
                                   pa.large_binary(), b""),
    })


def _rows(record: dict, dim: int) -> DocumentRows:
    source = record["source"]
    spans = np.frombuffer(record["chunks"], np.int64).reshape(-1, 4)
    chunks = [ChunkRow(source, *map(int, span), text) for span, text in zip(spans, record["chunk_texts"])]
    return DocumentRows(
        source, record["sha256"], record["size"], record["title"], record["text"], chunks,
        np.frombuffer(record["sentences"], np.int64).reshape(-1, 5).copy(),
        np.frombuffer(record["chunk_vectors"], np.float32).reshape(-1, dim).copy(),
        np.frombuffer(record["sentence_vectors"], np.float16).reshape(-1, dim).copy(),
        tuple(record["pages"]))
