"""Run the format readers (formats.py) in worker processes, each file under a time and memory limit.

Why processes: a reader is a large parser (PDFium is C++, lxml is C) fed whatever lands in `seeds/`.
A crafted file can make one loop, allocate without end or crash. In a worker it can only cost that
worker: the build kills it when the file has used `LIMIT_SECONDS` of CPU (or three times that in
wall-clock time, on a busy machine), the worker's own memory limit stops it at `LIMIT_BYTES` above
what it held before reading the file, and a crash is one skipped file with its reason. Workers are
long-lived (imports are paid once) and run side by side, one per core, so a large PDF does not hold
up the others.

The protocol is one JSON header line and the file's bytes in, one JSON line out; nothing is pickled.
Run as ``python -m bot.ingest.extract`` it is the worker.
"""

from __future__ import annotations

import json
import os
import queue
import resource
import select
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from bot.ingest.formats import extract
from bot.ingest.text import Extracted, FormatError

LIMIT_SECONDS = 10.0  # CPU time one file may take to read
LIMIT_BYTES = 500 << 20  # memory one file may take to read, above the worker's own
WALL_FACTOR = 3  # wall-clock backstop, for a machine busy with other work
TICKS = os.sysconf("SC_CLK_TCK")


class Worker:
    """One reader process."""

    def __init__(self):
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.process = subprocess.Popen([sys.executable, "-m", "bot.ingest.extract"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)

    def read(self, suffix: str, data: bytes) -> Extracted | str:
        """The extracted text, or the reason it could not be had (the worker is then gone)."""
        header = json.dumps({"suffix": suffix, "size": len(data), "memory": LIMIT_BYTES}).encode() + b"\n"
        started_cpu, started = self._cpu(), time.monotonic()
        try:
            self.process.stdin.write(header + data)
            self.process.stdin.flush()
        except OSError:
            return self._died()
        line = self._answer(started_cpu, started)
        if isinstance(line, str):
            return line
        try:
            reply = json.loads(line)
        except ValueError:
            self.stop()
            return "the reader gave no answer"
        if reply.get("last"):  # the worker ends after a file that came near its memory limit
            self.stop()
        if "error" in reply:
            return reply["error"]
        return Extracted(reply["text"], reply["title"], tuple(reply["pages"]), tuple(map(tuple, reply["headings"])))

    def _answer(self, started_cpu: float, started: float) -> bytes | str:
        out, buffer = self.process.stdout.fileno(), b""
        while not buffer.endswith(b"\n"):
            ready, _, _ = select.select([out], [], [], 0.1)
            if ready:
                chunk = os.read(out, 1 << 20)
                if not chunk:
                    return self._died()
                buffer += chunk
                continue
            if self._cpu() - started_cpu > LIMIT_SECONDS or time.monotonic() - started > LIMIT_SECONDS * WALL_FACTOR:
                self.stop()
                return f"took too long to read (limit {LIMIT_SECONDS:g} s of CPU time)"
        return buffer

    def _cpu(self) -> float:
        try:
            with open(f"/proc/{self.process.pid}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime
        except (OSError, IndexError, ValueError):
            return 0.0

    def _died(self) -> str:
        code = self.process.wait()
        if code < 0:
            return f"the reader crashed on it ({signal.Signals(-code).name})"
        return f"the reader stopped on it (exit code {code})"

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            stream.close()


class Readers:
    """Up to `size` workers, reading files side by side; use as a context manager."""

    def __init__(self, size: int | None = None):
        self.size = max(1, size or os.cpu_count() or 1)
        self._idle: queue.SimpleQueue[Worker] = queue.SimpleQueue()
        self._all: list[Worker] = []

    def read(self, suffix: str, data: bytes) -> Extracted | str:
        try:
            worker = self._idle.get_nowait()
        except queue.Empty:
            worker = Worker()
            self._all.append(worker)
        result = worker.read(suffix, data)
        if worker.alive():
            self._idle.put(worker)
        return result

    def map(self, function, items: list) -> list:
        """`function(item)` for every item, `size` at a time (each call may use `read`)."""
        if len(items) <= 1:
            return [function(item) for item in items]
        with ThreadPoolExecutor(self.size) as pool:
            return list(pool.map(function, items))

    def __enter__(self) -> "Readers":
        return self

    def __exit__(self, *exc) -> None:
        for worker in self._all:
            worker.stop()


# -- the worker side ------------------------------------------------------------------------------
def _prepare(suffix: str) -> None:
    """Import the reader for `suffix` before the memory limit is set: imports are not the file's."""
    if suffix == ".pdf":
        import pypdfium2  # noqa: F401

        from bot.ingest.pdf import vocabulary

        vocabulary()
    elif suffix in (".html", ".htm"):
        import trafilatura  # noqa: F401
    elif suffix == ".docx":
        import docx  # noqa: F401
    elif suffix == ".md":
        import markdown_it  # noqa: F401


def _memory(field: str) -> int:
    """A `Vm...` figure of this process from /proc (bytes)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return 0


def serve() -> None:
    """Answer requests until standard input closes; exit after a file that came near the memory limit,
    so the next file starts in a fresh process (and so the limit is known to be what stopped it)."""
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    _, hard = resource.getrlimit(resource.RLIMIT_DATA)
    while True:
        header = source.readline()
        if not header:
            return
        request = json.loads(header)
        data = source.read(request["size"])
        suffix, memory = request["suffix"], request["memory"]
        try:
            _prepare(suffix)
        except ImportError as error:
            reply, near_limit = {"error": f"the reader for {suffix} files is not installed ({error.name})"}, False
        else:
            limit, size = _memory("VmData") + memory, _memory("VmSize")
            soft = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
            resource.setrlimit(resource.RLIMIT_DATA, (soft, hard))
            reply = _read(suffix, data)
            resource.setrlimit(resource.RLIMIT_DATA, (hard, hard))
            near_limit = _memory("VmPeak") >= size + 0.9 * memory
            if near_limit and "error" in reply:  # a reader that ran out of memory says so in its own way
                reply = {"error": f"needs more than {memory >> 20} MB of memory to read"}
            reply["last"] = near_limit
        del data
        sink.write(json.dumps(reply, ensure_ascii=False).encode() + b"\n")
        sink.flush()
        if near_limit:
            return


def _read(suffix: str, data: bytes) -> dict:
    try:
        found = extract(suffix, data)
    except FormatError as error:
        return {"error": str(error)}
    except MemoryError:
        return {"error": "out of memory"}  # replaced by the limit's own message
    except RecursionError:
        return {"error": "too deeply nested to read"}
    except Exception as error:  # a reader's own bug on a strange file: one skipped file
        return {"error": f"cannot be read ({type(error).__name__}: {error})"[:300]}
    return {"text": found.text, "title": found.title, "pages": list(found.pages),
            "headings": [list(h) for h in found.headings]}


if __name__ == "__main__":
    serve()
