"""The text a reader makes of a file: blocks a blank line apart, with its title, headings and pages.

Every reader (formats.py, pdf.py) returns an `Extracted` record built with a `TextBuilder`, or raises
`FormatError` with the reason shown in `skipped`; `decode` reads plain text (UTF-8, or UTF-16 with a
byte order mark) for `.txt` and `.md`.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_TITLE_CHARS = 200


class FormatError(ValueError):
    """A file that cannot be read as its kind; the message is the reason shown in `skipped`."""


@dataclass(frozen=True)
class Extracted:
    text: str
    title: str = ""
    pages: tuple[int, ...] = ()  # PDF: offset in `text` where each page starts, one per page
    headings: tuple[tuple[int, int], ...] = ()  # spans of `text` that are headings


class TextBuilder:
    """Collect blocks of text, a blank line apart, remembering heading spans and page starts."""

    def __init__(self):
        self.parts: list[str] = []
        self.length = 0
        self.headings: list[tuple[int, int]] = []
        self.pages: list[int] = []

    def block(self, text: str, heading: bool = False, joiner: str = "\n\n") -> None:
        text = "\n".join(" ".join(line.split()) for line in text.split("\n")).strip("\n ")
        if not text:
            return
        if self.parts:
            self.add(joiner)
        if heading:
            self.headings.append((self.length, self.length + len(text)))
        self.add(text)

    def add(self, piece: str) -> None:
        self.parts.append(piece)
        self.length += len(piece)

    def page(self) -> None:
        self.pages.append(self.length)

    def result(self, title: str) -> Extracted:
        # A lone surrogate (a broken UTF-16 pair in a PDF string) could not be stored as UTF-8: "?".
        text = "".join(self.parts).encode("utf-8", "replace").decode("utf-8")
        if not text.strip():
            raise FormatError("empty (no text found)")
        if not title:
            title = next((text[a:b] for a, b in self.headings), "") or text.lstrip().split("\n", 1)[0]
        title = " ".join(title.split())
        if len(title) > MAX_TITLE_CHARS:
            title = title[: MAX_TITLE_CHARS - 1].rsplit(" ", 1)[0] + "…"
        return Extracted(text, title, tuple(min(p, len(text)) for p in self.pages), tuple(self.headings))


def decode(data: bytes) -> str:
    """Decode UTF-16 with a BOM or UTF-8; raise FormatError with a human reason otherwise."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")  # the BOM picks the byte order and is dropped
        except UnicodeDecodeError as error:
            raise FormatError(f"not valid UTF-16 text ({error.reason} at byte {error.start})") from None
    else:
        if b"\x00" in data[:8192]:
            raise FormatError("binary file (NUL bytes)")
        try:
            text = data.decode("utf-8")  # a UTF-8 BOM stays as U+FEFF, as read_text keeps it
        except UnicodeDecodeError as error:
            raise FormatError(f"not UTF-8 or UTF-16 text (bad byte at offset {error.start})") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")
