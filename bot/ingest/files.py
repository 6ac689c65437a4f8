"""The articles of the seeds folder, read into `Document` records or skipped with a reason.

`.txt`, `.md`, `.html`/`.htm`, `.docx` and `.pdf` files, recursively, sorted by relative path;
hidden files and folders are ignored, symlinks are skipped with a reason and never followed (one
could point outside the folder). Anything unreadable, empty or over MAX_FILE_BYTES is *skipped with
a reason* and never stops a build.

A `.txt` file is its own text: UTF-8 (BOM or not) or UTF-16 with a BOM, line ends translated like
``Path.read_text`` does, so quote offsets index ``Path(seeds, source).read_text(encoding="utf-8")``.
The other kinds are *extracted* (formats.py, in bounded worker processes: extract.py): their text is
made once, kept in the index, and printed by `bot text SOURCE`; quote offsets index that text.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bot.core.manifest import DocumentInfo
from bot.ingest.cleaning import _is_invisible, clean, title_of
from bot.ingest.extract import Readers
from bot.ingest.formats import EXTRACTED_SUFFIXES
from bot.ingest.text import FormatError, decode

SUFFIXES = {".txt"} | EXTRACTED_SUFFIXES
# Bumped whenever a reader makes other text of the same bytes (2: PDF lines from PDFium's own text,
# HTML bylines; 3: PDF table rows whose cells wrap; 4: HTML paragraphs whatever their class; 5: a
# Markdown block after a list or a table a blank line apart; 6: PDF first cells and headers that
# wrap, smaller headings; 7: PDF lines the writer broke, as in an address; 8: an HTML <br> a line
# break; 9: an HTML sidebar of facts; 10: an HTML table's caption a heading; 11: PDF lines repeated
# at opposite edges kept, a web address its own line; 12: Markdown's ordered items keep their
# numbers, and a line's "4." no longer ends a sentence; an HTML page's headings trafilatura dropped
# put back; a PDF address block keeps its lines; 13: an HTML ordered list's numbers, no wiki
# "[edit]" links, a PDF table's narrow first column, a hard-wrapped .txt paragraph read whole; 14:
# an HTML layout table read as the page it lays out, PDF paragraphs 9px apart, a byline over its
# dateline, a year wrapped to a page's foot, a numbered clause's heading part of its first sentence,
# an email's "From:" line no title; 15: the paragraphs of an HTML quote, as an email's quoted
# message, kept apart; 16: a PDF table row's empty cells kept, " | | "; 17: a hard-wrapped .txt's width
# not set by its longest lines, and up to 132 columns, an email's quoted message with a table or a
# header block read whole, a DOCX numbered list's numbers, an HTML page's date "Updated" when the page
# says only when it was last updated; 18: a browser-printed PDF's line-end hyphens kept, a PDF
# table's right-aligned figures kept in their rows, an HTML rating box read and a cookie banner's
# heading not, a Markdown line opening with a label kept a line; 19: a PDF invoice's totals box
# under its table rows of its own; 20: an HTML sidebar's table read a row a line, cells " | "
# apart, and no sentence ending at "ref." or "tel."). A build stores it with its
# chunking: rows made by older readers are not reused, so an upgrade re-reads every file once
# instead of serving the old text.
READERS = 20

# A bigger "article" is almost surely a dump. Indexing is linear in size: about 25 s and 2,100
# chunks per MB of prose on two cores, and under 100 MB of memory per MB (README, "Reliability").
MAX_FILE_BYTES = 20_000_000

@dataclass(frozen=True)
class Document:
    source: str  # path relative to the seeds folder, with forward slashes
    text: str  # .txt: decoded text as on disk (line ends as Path.read_text); others: extracted text
    sha256: str  # of the file's bytes
    title: str = ""  # the document's own title (formats.py), else one made from the file name
    pages: tuple[int, ...] = ()  # PDF: where each page starts in `text`
    headings: tuple[tuple[int, int], ...] = ()  # spans of `text` never quoted as sentences

@dataclass(frozen=True)
class Unchanged:
    """A file whose path and bytes the current build already holds: not read again (its title and
    page starts are the build's)."""

    source: str
    sha256: str
    title: str = ""
    pages: tuple[int, ...] = ()

@dataclass(frozen=True)
class Skipped:
    source: str
    reason: str

def list_files(seeds_dir: Path) -> list[Path]:
    """Article files under `seeds_dir`, sorted; hidden paths skipped; symlinks never followed."""
    return [path for path, why in _walk(seeds_dir) if not why]

def _walk(seeds_dir: Path) -> list[tuple[Path, str]]:
    """(path, "") for every article file, (path, reason) for the links and odd files left out."""
    found = []
    for folder, dirs, files in os.walk(seeds_dir, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [(Path(folder, d), "symbolic link to a folder, not followed")
                  for d in dirs if Path(folder, d).is_symlink()]
        for name in files:
            path = Path(folder, name)
            if name.startswith(".") or path.suffix.lower() not in SUFFIXES:
                continue
            if path.is_symlink():  # it could point anywhere, /etc/passwd included
                found.append((path, "symbolic link, not followed"))
            elif not path.is_file():  # a FIFO would block the build forever
                found.append((path, "not a regular file"))
            else:
                found.append((path, ""))
    return sorted(found, key=lambda item: item[0].relative_to(seeds_dir).as_posix())

@dataclass(frozen=True)
class RawFile:
    """A file's bytes, read and hashed but not yet decoded or extracted (a Ray build ships these
    to the cluster, whose workers `parse` them)."""

    source: str
    sha256: str
    data: bytes

def read_file(path: Path, source: str, known: Mapping[str, DocumentInfo] | None = None
              ) -> RawFile | Unchanged | Skipped:
    """The file's bytes and their sha256. `known` is the current build's documents (the manifest's):
    a file whose bytes it holds under the same name is `Unchanged`, not read again (an unchanged
    PDF is not extracted again)."""
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            data = handle.read(MAX_FILE_BYTES + 1) if size <= MAX_FILE_BYTES else b""
        if size > MAX_FILE_BYTES or len(data) > MAX_FILE_BYTES:  # the second: it grew meanwhile
            return Skipped(source, f"too large ({max(size, len(data)):,} bytes; limit {MAX_FILE_BYTES:,})")
    except OSError as error:
        return Skipped(source, f"cannot read: {error.strerror or error}")
    sha256 = content_hash(data, source)
    stored = (known or {}).get(source)
    if stored and stored.sha256 == sha256:
        return Unchanged(source, sha256, stored.title, stored.pages)
    return RawFile(source, sha256, data)

def content_hash(data: bytes, source: str) -> str:
    """What rows are reused by: the sha256 of a `.txt` file's bytes; for the kinds that are
    extracted, of the kind and the bytes. The same bytes saved as `.md` and as `.txt` are two
    texts (Markdown's markup is dropped from one only): they never share rows."""
    return _hasher(source, data).hexdigest()


def content_hash_file(path: Path, source: str) -> str:
    """`content_hash` of a file read in blocks (a file too large to index is hashed all the same)."""
    digest = _hasher(source)
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(8 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _hasher(source: str, data: bytes = b""):
    suffix = Path(source).suffix.lower()
    return hashlib.sha256((b"" if suffix == ".txt" else suffix.encode() + b"\0") + data)


def parse(raw: RawFile, readers: Readers | None = None) -> Document | Skipped:
    """Decode a `.txt` file, or extract the text of the other kinds (in a reader worker process)."""
    source, data = raw.source, raw.data
    suffix = Path(source).suffix.lower()
    if suffix == ".txt":
        try:
            text, title, pages, headings = decode(data), "", (), ()
        except FormatError as error:
            return Skipped(source, str(error))
    else:
        if readers is None:
            with Readers(1) as own:
                found = own.read(suffix, data)
        else:
            found = readers.read(suffix, data)
        if isinstance(found, str):
            return Skipped(source, found)
        text, title, pages, headings = found.text, found.title, found.pages, found.headings
    # Cleaning a whole article just to see it is not empty doubled the build's cleaning time: look
    # for one visible character first; only a short text can be all scraper leftovers.
    if not any(not c.isspace() and not _is_invisible(c) for c in text) or (
            len(text) < 4096 and not clean(text).text):
        return Skipped(source, "empty (no text after cleaning)")
    return Document(source, text, raw.sha256, title or title_of(source, text), pages, headings)

def read_document(path: Path, source: str, readers: Readers | None = None,
                  known: Mapping[str, DocumentInfo] | None = None) -> Document | Unchanged | Skipped:
    """Read one file: `read_file`, then `parse`."""
    raw = read_file(path, source, known)
    return parse(raw, readers) if isinstance(raw, RawFile) else raw

def read_files(seeds_dir: Path, known: Mapping[str, DocumentInfo] | None = None
               ) -> tuple[list[RawFile | Unchanged], list[Skipped]]:
    """Every article file's bytes, not parsed (see `read_file` for `known`)."""
    results = [Skipped(path.relative_to(seeds_dir).as_posix(), why) if why
               else read_file(path, path.relative_to(seeds_dir).as_posix(), known) for path, why in _walk(seeds_dir)]
    return [r for r in results if not isinstance(r, Skipped)], [r for r in results if isinstance(r, Skipped)]

def load_documents(seeds_dir: Path, known: Mapping[str, DocumentInfo] | None = None
                   ) -> tuple[list[Document | Unchanged], list[Skipped]]:
    """Every article of the folder, read side by side in reader worker processes (extract.py);
    see `read_document` for `known`."""
    found = _walk(seeds_dir)
    with Readers() as readers:
        def one(item: tuple[Path, str]) -> Document | Unchanged | Skipped:
            path, why = item
            source = path.relative_to(seeds_dir).as_posix()
            return Skipped(source, why) if why else read_document(path, source, readers, known)

        results = readers.map(one, found)
    return [r for r in results if not isinstance(r, Skipped)], [r for r in results if isinstance(r, Skipped)]
