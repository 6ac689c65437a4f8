"""Load the articles of the seeds folder and clean their text for indexing.

Reading: `.txt`, `.md`, `.html`/`.htm`, `.docx` and `.pdf` files, recursively, sorted by relative
path; hidden files and folders are ignored, symlinks are skipped with a reason and never followed
(one could point outside the folder). Anything unreadable, empty or over MAX_FILE_BYTES is *skipped
with a reason* and never stops a build.

A `.txt` file is its own text: UTF-8 (BOM or not) or UTF-16 with a BOM, line ends translated like
``Path.read_text`` does, so quote offsets index ``Path(seeds, source).read_text(encoding="utf-8")``.
The other kinds are *extracted* (formats.py, in bounded worker processes: extract.py): their text is
made once, kept in the index, and printed by `bot text SOURCE`; quote offsets index that text.

Cleaning: the embedder and BM25 see a normalized copy of the text (NFKC, no control or invisible
format characters, collapsed whitespace, no scraper leftovers, no long runs of data such as base64).
`CleanText.offsets[i]` is the index in the original text of the character that produced cleaned
character ``i``, so any span found in the cleaned text maps back to the exact original characters.
Normalization is applied per character (a shortcut taken on purpose: it keeps the map one-to-many
and simple).
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from array import array
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.core.manifest import DocumentInfo
from bot.ingest.extract import Readers
from bot.ingest.formats import EXTRACTED_SUFFIXES
from bot.ingest.text import FormatError, decode

SUFFIXES = {".txt"} | EXTRACTED_SUFFIXES
# A bigger "article" is almost surely a dump. Indexing is linear in size: about 25 s and 2,100
# chunks per MB of prose on two cores, and under 100 MB of memory per MB (README, "Reliability").
MAX_FILE_BYTES = 20_000_000
# A run of printable ASCII this long without a space is not prose but data (base64, minified code):
# the model sees it as one unknown token anyway, and chunked it would become thousands of chunks.
MAX_PLAIN_RUN = 500

# Whole lines that web scrapers leave behind at the end of news articles.
BOILERPLATE_LINE = re.compile(
    r"(recent comments|recent posts|related posts?|leave a (reply|comment)|share this:?|like this:?"
    r"|click to share.*|posted in .{0,60}|tags?:.{0,80}|advertisement|subscribe( now)?)",
    re.IGNORECASE,
)


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


@dataclass(frozen=True)
class CleanText:
    text: str
    offsets: np.ndarray  # int64, len(text) + 1; the last entry is len(original)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a cleaned span [start, end) to the original span covering the same characters."""
        if end <= start:
            return int(self.offsets[start]), int(self.offsets[start])
        return int(self.offsets[start]), int(self.offsets[end - 1]) + 1


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
    sha256 = hashlib.sha256(data).hexdigest()
    stored = (known or {}).get(source)
    if stored and stored.sha256 == sha256:
        return Unchanged(source, sha256, stored.title, stored.pages)
    return RawFile(source, sha256, data)


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


def _is_invisible(ch: str) -> bool:
    # Cc: control characters (tab and newline are handled as whitespace before this is asked);
    # Cf: zero-width, bidi overrides, BOM, tag characters; Co/Cs/Cn: private, surrogate, unassigned.
    return unicodedata.category(ch) in {"Cc", "Cf", "Co", "Cs", "Cn"}


RUN = re.compile(r"(\s+)|\S+")
PLAIN = re.compile(r"[!-~]+")  # printable ASCII: nothing to normalize or drop


def clean(original: str) -> CleanText:
    """Normalize `original` for indexing, keeping a map from each cleaned char to its source.

    Whitespace runs become one space, or one line break, or a blank line (paragraph break) when the
    run holds two or more line breaks; leading and trailing whitespace is dropped. Words are handled
    a run at a time; only runs with non-ASCII characters are looked at character by character.
    """
    out: list[str] = []
    where = array("q")  # 8 bytes a character: a list of ints took 36 (a 20 MB file took 1.6 GB)
    gap_at, gap_newlines = -1, 0  # whitespace seen but not yet written
    for run in RUN.finditer(original):
        if run.group(1):
            if gap_at < 0:
                gap_at = run.start()
            gap_newlines += run.group().count("\n")
            continue
        word, at = run.group(), run.start()
        if PLAIN.fullmatch(word):
            if len(word) > MAX_PLAIN_RUN:
                continue  # data, not words: left out like invisible characters
            pieces, places = [word], range(at, at + len(word))
        else:
            pieces, places = _clean_word(word, at)
            if not pieces:
                continue  # only invisible characters: the whitespace around them joins up
        if gap_at >= 0 and out:
            gap = "\n\n" if gap_newlines >= 2 else "\n" if gap_newlines else " "
            out.append(gap)
            where.extend([gap_at] * len(gap))
        gap_at, gap_newlines = -1, 0
        out.extend(pieces)
        where.extend(places)
    where.append(len(original))
    return _drop_boilerplate(CleanText("".join(out), np.frombuffer(where, dtype=np.int64).copy()))


def _clean_word(word: str, at: int) -> tuple[list[str], list[int]]:
    pieces, places = [], []
    for i, ch in enumerate(word, start=at):
        norm = ch if ch.isascii() and ch.isprintable() else unicodedata.normalize("NFKC", ch)
        norm = "".join(c for c in norm if not _is_invisible(c) and not c.isspace())
        if norm:
            pieces.append(norm)
            places.extend([i] * len(norm))
    return pieces, places


def _drop_boilerplate(clean_text: CleanText) -> CleanText:
    """Remove whole lines such as a trailing "Recent Comments" that scrapers leave in articles."""
    text = clean_text.text
    keep = np.ones(len(text), dtype=bool)
    for line in re.finditer(r"[^\n]+", text):
        if BOILERPLATE_LINE.fullmatch(line.group().strip()):
            start = line.start()
            while start > 0 and text[start - 1] == "\n":
                start -= 1  # the line break before it goes too
            keep[start : line.end()] = False
    if keep.all():
        return clean_text
    kept = np.flatnonzero(keep)
    kept_text = "".join(text[i] for i in kept)
    lead = len(kept_text) - len(kept_text.lstrip("\n"))
    return CleanText(kept_text[lead:], np.append(clean_text.offsets[kept[lead:]], clean_text.offsets[-1]))


NOT_TITLE_ENDS = (".", "!", "?", ",", ";", ":")  # a first line ending so is a sentence, not a title


def title_of(source: str, text: str = "") -> str:
    """A `.txt` article's title: its first line when that is a title (short, no sentence end, a blank
    line after it), else one made from the file name ("02_Normans.txt" -> "Normans"), or the first
    line cut short when the name is only an id or a hash ("000_37c9385a86793e2f.txt")."""
    first, _, rest = text.strip().partition("\n")
    first = " ".join(first.split())
    if first and len(first) <= 80 and rest.startswith("\n") and not first.endswith(NOT_TITLE_ENDS):
        return first
    stem = re.sub(r"^\d+[_\- ]+", "", Path(source).stem)
    title = re.sub(r"[_]+", " ", stem).strip() or Path(source).name
    if first and (not re.search(r"[A-Za-z]{3,}", title) or re.fullmatch(r"[0-9a-fA-F_\- ]{8,}", title)):
        return first if len(first) <= 80 else first[:77].rsplit(" ", 1)[0] + "…"
    return title
