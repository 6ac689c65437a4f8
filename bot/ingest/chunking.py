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
from functools import lru_cache

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
    "ca", "cf", "op", "vol", "pp", "rev", "hon", "adm", "cmdr", "supt", "dept", "univ",
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


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans of `text`: breaks at line ends and at [.!?] before a capital or digit."""
    spans, start = [], 0
    for match in SENTENCE_END.finditer(text):
        if match.group().startswith("."):
            word = re.search(r"([A-Za-z.]+)$", text[start : match.start()])
            token = word.group(1).lower().strip(".") if word else ""
            # "U.S." or "J." are initials; "Dr." is a title: no sentence ends there.
            if token in ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)*[a-z]", token):
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


def make_splitter(count_tokens: Callable[[str], int], chunk_tokens: int, overlap_tokens: int):
    return RecursiveCharacterTextSplitter(
        separators=SEPARATORS,
        keep_separator="end",
        chunk_size=chunk_tokens,
        chunk_overlap=overlap_tokens,
        # The splitter measures each piece twice (to split it, then to merge it): remember.
        length_function=lru_cache(maxsize=65536)(count_tokens),
        strip_whitespace=True,
    )


def chunk_document(
    source: str, doc_sha: str, clean_text: CleanText, splitter: RecursiveCharacterTextSplitter
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
