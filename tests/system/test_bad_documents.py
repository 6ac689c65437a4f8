"""Bad PDF, DOCX and HTML files: each skipped with its reason, in bounded time and memory, never
stopping a build. The readers run in worker processes (bot/extract.py) under a CPU-time and a memory
limit; these tests make each bad file for real and check the reason, the bound and the limits."""

from __future__ import annotations

import io
import json
import os
import signal
import threading
import time
from pathlib import Path

import psutil
import pypdf
import pytest

from bot.ingest import extract
from bot.ingest.files import MAX_FILE_BYTES, Document, read_document
from testkit.docgen import write_docx, write_looping_pdf, write_pdf, write_scanned_pdf, write_zip_bomb
from testkit.run import bot

ROOT = Path(__file__).resolve().parents[2]
SECONDS = 10  # per bad file, the bound the issue sets and the README states
EXTRA_BYTES = 500_000_000
TEXT = ["The harbor master of Port Elsby is Marta Quill. She keeps the logbook of every ship."] * 30


def encrypted_pdf(path: Path) -> Path:
    plain = write_pdf(path.with_name("plain-for-encryption.pdf"), "Secret report", TEXT)
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(plain))
    writer.encrypt("a password", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    plain.unlink()
    path.write_bytes(buffer.getvalue())
    return path


def truncated_pdf(path: Path) -> Path:
    data = write_pdf(path, "Cut short", TEXT).read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def truncated_docx(path: Path) -> Path:
    data = write_docx(path, "Cut short", TEXT).read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def huge_html(path: Path) -> Path:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("<html><head><title>Dump</title></head><body>\n")
        paragraph = "<p>" + "The harbor log lists every ship that called at the port. " * 20 + "</p>\n"
        for _ in range(50_000_000 // len(paragraph) + 1):
            handle.write(paragraph)
        handle.write("</body></html>\n")
    return path


BAD_FILES = {
    "encrypted.pdf": (encrypted_pdf, "encrypted PDF (it needs a password)"),
    "scanned.pdf": (write_scanned_pdf, "no text layer: scanned image?"),
    "no-unicode-map.pdf": (lambda p: write_pdf(p, "Unmapped", TEXT, unicode_map=False),
                           "unreadable text layer ("),
    "truncated.pdf": (truncated_pdf, "truncated PDF"),
    "looping-page-tree.pdf": (write_looping_pdf, "damaged PDF"),
    "not-a-zip.docx": (lambda p: p.write_text("This is a text file named .docx.\n") and p,
                       "not a DOCX file (not a zip archive)"),
    "truncated.docx": (truncated_docx, "damaged DOCX file (its zip archive is cut short or corrupt)"),
    "zip-bomb.docx": (write_zip_bomb, "zip bomb: it would unpack to 199,229,448 bytes"),
    "huge.html": (huge_html, "too large"),
}


@pytest.fixture(scope="module")
def bad_folder(tmp_path_factory) -> Path:
    seeds = tmp_path_factory.mktemp("bad-documents") / "seeds"
    seeds.mkdir()
    (seeds / "good.txt").write_text("Port log\n\nThe ferry captain of Port Elsby is Ilse Brandt.\n")
    for name, (make, _) in BAD_FILES.items():
        make(seeds / name)
    assert (seeds / "huge.html").stat().st_size > 50_000_000 > MAX_FILE_BYTES
    return seeds


def readers_rss() -> int:
    """Resident memory of the reader workers this process started (`python -m bot.ingest.extract`), where
    every file is parsed. Only they are counted: the test process and other children (a server or a
    model another test left loading) grow on their own schedule and made this bound flaky."""
    total = 0
    for child in psutil.Process().children(recursive=True):
        try:
            if "bot.ingest.extract" in child.cmdline():
                total += child.memory_info().rss
        except psutil.Error:
            pass
    return total


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_each_bad_file_is_skipped_with_its_reason_within_the_bounds(bad_folder, name):
    peak, done = [0], threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], readers_rss())
            time.sleep(0.01)

    sampler = threading.Thread(target=sample)
    sampler.start()
    started = time.perf_counter()
    try:
        result = read_document(bad_folder / name, name)
    finally:
        seconds = time.perf_counter() - started
        done.set()
        sampler.join()
    extra = peak[0]  # the workers start with the read and stop after it
    print(f"{name}: {seconds:.2f} s, {extra / 1e6:.0f} MB extra: {getattr(result, 'reason', result)}")
    assert not isinstance(result, Document)
    assert result.reason.startswith(BAD_FILES[name][1]), result.reason
    assert seconds < SECONDS and extra < EXTRA_BYTES


def test_a_build_over_all_of_them_indexes_the_good_file_and_lists_every_reason(bad_folder, tmp_path):
    result = bot("index", "--seeds", bad_folder, "--index", tmp_path / "index", "--json", timeout=300)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["documents"] == 1
    reasons = {s["source"]: s["reason"] for s in report["skipped"]}
    assert set(reasons) == set(BAD_FILES)
    for name, (_, reason) in BAD_FILES.items():
        assert reasons[name].startswith(reason), (name, reasons[name])


def big_html() -> bytes:
    return ("<html><head><title>Big</title></head><body>"
            + "<p>The harbor master wrote a long report about the ships and the storms of the year.</p>\n" * 40_000
            + "</body></html>").encode()


def test_a_reader_is_stopped_at_its_cpu_time_limit(monkeypatch):
    monkeypatch.setattr(extract, "LIMIT_SECONDS", 0.3)
    with extract.Readers(1) as readers:
        started = time.perf_counter()
        reason = readers.read(".html", big_html())
        assert reason == "took too long to read (limit 0.3 s of CPU time)"
        assert time.perf_counter() - started < 30  # stopped at its limit, not after the whole file (generous: a busy machine)
        found = readers.read(".md", b"# Still here\n\nThe next file gets a fresh reader.\n")
        assert found.title == "Still here"


def test_a_reader_is_stopped_at_its_memory_limit(monkeypatch):
    monkeypatch.setattr(extract, "LIMIT_BYTES", 30 << 20)
    with extract.Readers(1) as readers:
        assert readers.read(".html", big_html()) == "needs more than 30 MB of memory to read"
        assert readers.read(".md", b"# Fresh\n\nA small file reads fine after it.\n").title == "Fresh"


def test_a_reader_that_crashes_costs_one_file():
    with extract.Readers(1) as readers:
        assert readers.read(".md", b"# Warm\n\nThe worker is up.\n").title == "Warm"
        worker = readers._all[0]
        killer = threading.Timer(0.3, lambda: os.kill(worker.process.pid, signal.SIGKILL))
        killer.start()
        try:
            assert readers.read(".html", big_html() * 3) == "the reader crashed on it (SIGKILL)"
        finally:
            killer.cancel()
        assert readers.read(".md", b"# Again\n\nA new worker reads the next file.\n").title == "Again"
