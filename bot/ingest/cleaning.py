"""The text the embedder and BM25 see, and where each of its characters came from; a document's title.

Cleaning: a normalized copy of the text (NFKC, no control or invisible format characters, collapsed
whitespace, no scraper leftovers such as "Recent Comments", no long runs of data such as base64).
`CleanText.offsets[i]` is the index in the original text of the character that produced cleaned
character ``i``, so any span found in the cleaned text maps back to the exact original characters.
Normalization is applied per character (a shortcut taken on purpose: it keeps the map one-to-many
and simple).
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from dataclasses import dataclass
from pathlib import Path

import numpy as np

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
class CleanText:
    text: str
    offsets: np.ndarray  # int64, len(text) + 1; the last entry is len(original)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a cleaned span [start, end) to the original span covering the same characters."""
        if end <= start:
            return int(self.offsets[start]), int(self.offsets[start])
        return int(self.offsets[start]), int(self.offsets[end - 1]) + 1

def _is_invisible(ch: str) -> bool:
    # Cc: control characters (tab and newline are handled as whitespace before this is asked);
    # Cf: zero-width, bidi overrides, BOM, tag characters; Co/Cs/Cn: private, surrogate, unassigned.
    return unicodedata.category(ch) in {"Cc", "Cf", "Co", "Cs", "Cn"}

# A whitespace run; a stretch of printable-ASCII words with single spaces between (nothing in it
# to normalize: one run, not one per word and space, which made cleaning a tenth of a build); any
# other word.
RUN = re.compile(r"(\s+)|([!-~]+(?: [!-~]+)*)(?=\s|$)|\S+")
SPACES_AND_WORDS = re.compile(r"( )|[!-~]+")

def clean(original: str, unwrap: bool = False) -> CleanText:
    """Normalize `original` for indexing, keeping a map from each cleaned char to its source.

    Whitespace runs become one space, or one line break, or a blank line (paragraph break) when the
    run holds two or more line breaks; leading and trailing whitespace is dropped. Words are handled
    a run at a time; only runs with non-ASCII characters are looked at character by character.
    `unwrap` (plain text): a line break inside a hard-wrapped paragraph is a space (`soft_breaks`).
    """
    soft = soft_breaks(original) if unwrap else frozenset()
    out: list[str] = []
    where = array("q")  # 8 bytes a character: a list of ints took 36 (a 20 MB file took 1.6 GB)
    gap_at, gap_newlines = -1, 0  # whitespace seen but not yet written
    for kind, word, at in _runs(original):
        if kind == SPACE:
            if gap_at < 0:
                gap_at = at
            gap_newlines += word.count("\n")
            continue
        if kind == PLAIN_WORDS:
            if len(word) > MAX_PLAIN_RUN and " " not in word:
                continue  # data, not words: left out like invisible characters
            pieces, places = [word], range(at, at + len(word))
        else:
            pieces, places = _clean_word(word, at)
            if not pieces:
                continue  # only invisible characters: the whitespace around them joins up
        if gap_at >= 0 and out:
            gap = "\n\n" if gap_newlines >= 2 else "\n" if gap_newlines and \
                original.find("\n", gap_at) not in soft else " "
            out.append(gap)
            where.extend([gap_at] * len(gap))
        gap_at, gap_newlines = -1, 0
        out.extend(pieces)
        where.extend(places)
    where.append(len(original))
    return _drop_boilerplate(CleanText("".join(out), np.frombuffer(where, dtype=np.int64).copy()))

SPACE, PLAIN_WORDS, OTHER_WORD = range(3)

# A line of prose: words with single spaces (a run of three spaces lines up a column).
PROSE_LINE = re.compile(r"[ \t]*\S+(?: {1,2}\S+){3,}[ \t]*")
# A line that must go on: it ends with a comma or a word that never ends a sentence ("the", "at its").
GOES_ON = re.compile(r"(?:,|\b(?:a|an|the|of|to|in|on|at|for|with|from|by|and|or|but|as|than|its|his|her|their|our|your|"
                     r"my|this|these|those|which|whose|is|are|was|were|be|been|has|have|had|will|would|can|could|"
                     r"should|must|not|into|onto|between|about|via|per|each|every|such))$", re.IGNORECASE)
# The widest a hard-wrapped text is typed: 72 to 80 columns for an email, 100 or 120 for an editor's
# ruler; a text whose prose lines run longer holds one paragraph a line.
MAX_WRAP = 132
LIST_ITEM = re.compile(r"\s*(?:[-*•–]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s")


def soft_breaks(original: str) -> frozenset[int]:
    """Offsets of the line breaks that only wrap a paragraph of a hard-wrapped text file (an email,
    a notice typed at 72 or 78 columns): after a prose line that fills at least 0.6 of the text's
    width, a line that is no list item or table row and starts in lower case or with a figure, or
    follows a comma or a word such as "the", or whose first word would not have fitted on the line
    before, which ends with no punctuation. The text's width is its third-longest prose line: an
    email's "From:" and "Subject:" lines are not wrapped, and set as the width they kept "...write
    to our Data" and "Protection Officer, ..." apart. A file of one paragraph a line (its prose
    lines run past MAX_WRAP characters) has none. Otherwise a quote stopped at the end of a printed line:
    'A "SoundLink" through ticket (ferry + bus 47A, day return) costs'."""
    lines, at = [], 0
    for line in original.split("\n"):
        lines.append((at, line))
        at += len(line) + 1
    prose = [len(line.rstrip()) for _, line in lines if PROSE_LINE.fullmatch(line)]
    width = sorted(prose)[-3] if len(prose) >= 3 else 0
    if width > MAX_WRAP or sum(n >= 0.8 * width for n in prose) < 3:
        return frozenset()
    soft = set()
    for (at, line), (_, after) in zip(lines, lines[1:]):
        text, following = line.strip(), after.strip()
        if not PROSE_LINE.fullmatch(line) or len(line.rstrip()) < 0.6 * width or not following \
                or "   " in following or LIST_ITEM.match(after):
            continue
        if following[0].islower() or following[0] in "(£$€" or following[0].isdigit() or GOES_ON.search(text) \
                or (len(line.rstrip()) + 1 + len(following.split()[0]) > width and text[-1].isalnum()):
            soft.add(at + len(line))
    return frozenset(soft)

def _runs(original: str):
    """(kind, text, start) of each run: whitespace, a stretch of plain words, another word. A
    stretch holding a word over MAX_PLAIN_RUN comes word by word, so that word can be left out."""
    for run in RUN.finditer(original):
        if run.group(1):
            yield SPACE, run.group(), run.start()
        elif not run.group(2):
            yield OTHER_WORD, run.group(), run.start()
        elif len(run.group()) > MAX_PLAIN_RUN and any(len(w) > MAX_PLAIN_RUN for w in run.group().split(" ")):
            for part in SPACES_AND_WORDS.finditer(run.group()):
                yield SPACE if part.group(1) else PLAIN_WORDS, part.group(), run.start() + part.start()
        else:
            yield PLAIN_WORDS, run.group(), run.start()

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

EMAIL_HEADER = re.compile(r"(?:From|To|Cc|Bcc|Sent|Date):\s", re.IGNORECASE)


def title_of(source: str, text: str = "") -> str:
    """A `.txt` article's title: its first line when that is a title (short, no sentence end, a blank
    line after it), else one made from the file name ("02_Normans.txt" -> "Normans"), or the first
    line cut short when the name is only an id or a hash ("000_37c9385a86793e2f.txt")."""
    first, _, rest = text.strip().partition("\n")
    first = " ".join(first.split())
    if first and len(first) <= 80 and rest.startswith("\n") and not first.endswith(NOT_TITLE_ENDS) \
            and not EMAIL_HEADER.match(first):  # an email saved as text opens "From: Ann Lee <...>"
        return first
    stem = re.sub(r"^\d+[_\- ]+", "", Path(source).stem)
    title = re.sub(r"[_]+", " ", stem).strip() or Path(source).name
    if first and (not re.search(r"[A-Za-z]{3,}", title) or re.fullmatch(r"[0-9a-fA-F_\- ]{8,}", title)):
        return first if len(first) <= 80 else first[:77].rsplit(" ", 1)[0] + "…"
    return title
