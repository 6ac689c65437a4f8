"""Split cleaned article text into overlapping chunks that fit the embedding model, and into sentences.

Chunks come from langchain-text-splitters' recursive splitter, measured in the embedding model's own
word pieces (special tokens included), so no chunk is ever silently truncated by the model. Chunks
prefer to break at paragraph, line and sentence ends, and overlap so that a fact spanning a break is
still whole in one chunk.

Sentences are the unit the answer step quotes. They are found in the whole document (not per chunk),
then each is given to the first chunk that holds it whole; a sentence longer than a chunk is cut at
the chunk's edges. Every span here is in cleaned-text coordinates; `CleanText.span` maps it back.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass

from langchain_text_splitters import RecursiveCharacterTextSplitter

from bot.ingest.cleaning import CleanText

# Chinese and Japanese end sentences with 。！？ and no space after them. (Added after the first
# indexes were built; the chunker's name was kept: text without them is split exactly as before.)
SEPARATORS = ["\n\n", "\n", ". ", "? ", "! ", "。", "！", "？", "; ", ": ", ", ", " ", ""]

# Words that end in a period without ending a sentence.
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "etc", "no", "gen", "col", "lt", "sgt",
    "capt", "rep", "sen", "gov", "pres", "inc", "co", "corp", "ltd", "mt", "ft", "fig", "approx",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "est", "al",
    "ca", "cf", "op", "vol", "pp", "rev", "hon", "adm", "cmdr", "supt", "dept", "univ", "ref", "tel",
}
SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9À-ÖØ-Þ])"
                          r"|[。！？]+[」』”’）)\]]*|\n+")


@dataclass(frozen=True)
class Chunk:
    id: str  # stable: derived from the document's hash and the chunk's span
    source: str
    clean_start: int  # offsets in the cleaned text (CleanText.span maps them to the document's text)
    clean_end: int
    text: str


@dataclass(frozen=True)
class Sentence:
    chunk: int  # index of the owning chunk in the document's chunk list
    clean_start: int  # offsets in the cleaned text
    clean_end: int


CLAUSE_HEADING = re.compile(r"\(?\d{1,3}[.)] +[A-Z][\w'’-]*(?: [\w'’-]+){0,2}")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans of `text`: breaks at line ends and at [.!?] before a capital or digit (not
    after an abbreviation, an initial or a list item's number)."""
    spans, start = [], 0
    for match in SENTENCE_END.finditer(text):
        if match.group().startswith("."):
            word = re.search(r"([A-Za-z.]+)$", text[start : match.start()])
            token = word.group(1).lower().strip(".") if word else ""
            # "U.S." or "J." are initials; "Dr." is a title: no sentence ends there.
            if token in ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)*[a-z]", token):
                continue
            # "4." opening a line or a sentence numbers a list item: the item is the sentence.
            if re.fullmatch(r"\(?\d{1,3}", text[start : match.start()].strip()):
                continue
            # "3. Deposit. The deposit will be...": a numbered clause's heading opens its first
            # sentence; alone, "3. Deposit." answered "How much is the deposit?" with a bold "3".
            if CLAUSE_HEADING.fullmatch(text[text.rfind("\n", 0, match.start()) + 1 : match.start()]):
                continue
        end = match.end() if not match.group().startswith("\n") else match.start()
        _add_span(text, start, end, spans)
        start = match.end()
    _add_span(text, start, len(text), spans)
    return spans


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


class PieceCounter:
    """The splitter's length function: the word pieces of a piece of text. The recursive splitter
    weighs each paragraph, then each line and sentence of those too long, one tokenizer call each
    (a sixth of a build's time went to chunking). `prefill` weighs the same pieces a level at a
    time, in one batch call per level (the tokenizer's own threads), so the splitter's calls are
    look-ups; a piece it did not foresee is counted when asked, so the chunks never depend on it."""

    def __init__(self, count: Callable[[str], int], count_many: Callable[[list[str]], list[int]] | None,
                 chunk_tokens: int):
        self.count, self.count_many, self.chunk_tokens = count, count_many, chunk_tokens
        self.counts: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        found = self.counts.get(text)
        if found is None:
            found = self.counts[text] = self.count(text)
        return found

    def prefill(self, text: str) -> None:
        """Count the pieces the splitter will weigh in `text`, as it splits them (by the first
        separator present, keeping it at the end; pieces too long are split again by the rest)."""
        level = [(text, SEPARATORS)]
        while level and self.count_many is not None:
            pieces = []
            for piece, separators in level:
                separator, rest = _separator_of(piece, separators)
                if separator:
                    pieces += [(split, rest) for split in _split_keeping_end(piece, separator)]
            new = list({p for p, _ in pieces if p not in self.counts})
            self.counts.update(zip(new, self.count_many(new)))
            level = [(p, rest) for p, rest in pieces if rest and self.counts[p] >= self.chunk_tokens]


def _separator_of(text: str, separators: list[str]) -> tuple[str, list[str]]:
    for i, separator in enumerate(separators):
        if not separator or separator in text:
            return separator, separators[i + 1 :] if separator else []
    return separators[-1], []


def _split_keeping_end(text: str, separator: str) -> list[str]:
    parts = re.split(f"({re.escape(separator)})", text)
    return [p for p in [a + b for a, b in zip(parts[::2], parts[1::2])] + parts[len(parts) // 2 * 2 :] if p]


class Splitter:
    """langchain's recursive splitter, with each text's pieces counted ahead (PieceCounter)."""

    def __init__(self, splitter: RecursiveCharacterTextSplitter, counter: PieceCounter):
        self.splitter, self.counter = splitter, counter

    def split_text(self, text: str) -> list[str]:
        self.counter.prefill(text)
        try:
            return self.splitter.split_text(text)
        finally:
            self.counter.counts.clear()  # a text's pieces rarely come again in another


def make_splitter(count_tokens: Callable[[str], int], chunk_tokens: int, overlap_tokens: int,
                  count_many: Callable[[list[str]], list[int]] | None = None) -> Splitter:
    counter = PieceCounter(count_tokens, count_many, chunk_tokens)
    return Splitter(RecursiveCharacterTextSplitter(
        separators=SEPARATORS,
        keep_separator="end",
        chunk_size=chunk_tokens,
        chunk_overlap=overlap_tokens,
        length_function=counter,
        strip_whitespace=True,
    ), counter)


def chunk_document(
    source: str, doc_sha: str, clean_text: CleanText, splitter: Splitter
) -> tuple[list[Chunk], list[Sentence]]:
    text = clean_text.text
    chunks: list[Chunk] = []
    search_from = 0
    for piece in splitter.split_text(text):
        # Each piece is a verbatim substring; find it at or after the previous chunk's start
        # (langchain's own start_index can overshoot when pieces overlap).
        start = text.find(piece, search_from)
        if start < 0:
            raise ValueError(f"chunk not found in {source}: {piece[:60]!r}")
        end = start + len(piece)
        search_from = start + 1
        chunk_id = hashlib.sha1(f"{doc_sha}:{start}:{end}".encode()).hexdigest()[:16]
        chunks.append(Chunk(chunk_id, source, start, end, piece))
    return chunks, assign_sentences(sentence_spans(text), chunks)


def assign_sentences(spans: list[tuple[int, int]], chunks: list[Chunk]) -> list[Sentence]:
    """Give each sentence to the first chunk holding it whole; cut the rare longer-than-chunk ones."""
    sentences: list[Sentence] = []
    first = 0  # chunks and sentences are both in text order
    for start, end in spans:
        while first < len(chunks) and chunks[first].clean_end <= start:
            first += 1
        whole = next(
            (i for i in range(first, len(chunks)) if chunks[i].clean_start <= start and end <= chunks[i].clean_end),
            None,
        )
        if whole is not None:
            sentences.append(Sentence(whole, start, end))
            continue
        cursor = start
        for i in range(first, len(chunks)):
            if chunks[i].clean_start >= end or cursor >= end:
                break
            piece_end = min(end, chunks[i].clean_end)
            if piece_end > cursor:
                lo, hi = max(cursor, chunks[i].clean_start), piece_end
                piece = chunks[i].text[lo - chunks[i].clean_start : hi - chunks[i].clean_start]
                lo, hi = lo + len(piece) - len(piece.lstrip()), hi - len(piece) + len(piece.rstrip())
                if hi > lo:  # a piece cut at a chunk's edge must not start or end with a space
                    sentences.append(Sentence(i, lo, hi))
                cursor = piece_end
    return sentences
