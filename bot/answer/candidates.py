"""Candidate sentences: every statement of the retrieved chunks and of the chunks next to the best
few, with the features the ranking reads (answer/features.py adds those of the sentence alone:
here, those of its paragraph and its document among the question's candidates).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.answer.features import (
    Evidence,
    Present,
    Question,
    add_rank_features,
    add_soft_features,
    as_matrix,
    sentence_features,
)
from bot.answer.kinds import facts
from bot.answer.retrieve import Hit
from bot.answer.statements import asks_for_credit, credits, is_statement, table_header
from bot.ingest.cleaning import NOT_TITLE_ENDS
from bot.store.base import Build, SentenceColumn


@dataclass(frozen=True)
class Candidate:
    sentence: int  # sentence row in the index
    source: str
    start: int
    end: int
    text: str  # cleaned text of the sentence
    features: np.ndarray  # one row, in features.NAMES order
    score: float = 0.0
    # The ranking model's probability that this is the sentence that answers, among all the question's
    # candidates (a softmax over their scores, as it was trained).
    share: float = 0.0

def candidates(index: Build, question: Question, hits: list[Hit], word_vectors=None) -> list[Candidate]:
    """Every sentence of the retrieved chunks and of the chunks next to the best few, with its features."""
    if not hits:
        return []
    extra = _adjacent(index, hits, question.vector)
    adjacent = {h.row for h in extra}
    hits = hits + extra
    # Sentences are stored in chunk order: each chunk's sentences are one contiguous run.
    owners = index.sentences[:, 0]
    sentence_rows = np.concatenate([
        np.arange(np.searchsorted(owners, h.row, "left"), np.searchsorted(owners, h.row, "right"))
        for h in sorted(hits, key=lambda h: h.row)])
    if len(sentence_rows) == 0:
        return []
    hit_of = {h.row: h for h in hits}
    rows = sorted({h.row for h in hits})
    chunks = dict(zip(rows, index.chunks.many(rows)))  # each chunk's text read once, all in one go
    texts = [sentence_text(index, r, chunks) for r in sentence_rows]
    asked = asks_for_credit(question.text)  # a byline answers "Who wrote the article?", and only that
    kept = [i for i, r in enumerate(sentence_rows)
            if (_is_statement(index, r, texts[i], chunks) or (asked and credits(texts[i], asked)))
            and not _is_title(index, r, texts[i], chunks)]
    if not kept:
        return []
    sentence_rows, texts = sentence_rows[kept], [texts[i] for i in kept]
    vectors = np.asarray(index.sentence_vectors[sentence_rows], dtype=np.float32)
    dense = vectors @ question.vector
    owner = owners[sentence_rows]
    # A table row is matched with its header's words too: "What tax code am I on?" against the
    # row "HP-04417 | Quality Assurance | JT 48 22 91 C | 1257L | ..." under "... | Tax Code | ...".
    own_terms = [facts(t).terms + facts(_row_header(index, r, t, chunks)).terms for t, r in zip(texts, sentence_rows)]
    hit = [hit_of[int(row)] for row in owner]
    evidence = Evidence(texts, own_terms, owner, dense.astype(np.float64), np.array([h.dense for h in hit]),
                        np.array([h.bm25 for h in hit]), np.array([h.rank for h in hit]),
                        np.array([int(row) in adjacent for row in owner], bool))
    found = Present(question, evidence)
    columns = sentence_features(question, evidence, found)
    content = [facts(t).distinct for t in texts]
    add_soft_features(question, columns, content, evidence, word_vectors)
    spans = [tuple(int(x) for x in index.sentences[r, 1:3]) for r in sentence_rows]
    sources = [chunks[int(c)].source for c in owner]
    add_paragraph_features(index, columns, sources, spans, evidence, found)
    add_document_features(index, columns, sentence_rows, hits)
    add_rank_features(columns)
    matrix = as_matrix(columns)
    return [Candidate(int(r), sources[i], *spans[i], texts[i], matrix[i])
            for i, r in enumerate(sentence_rows)]

def _is_statement(index: Build, row: int, text: str, chunks: dict) -> bool:
    """Whether the sentence can answer (statements.py); a table row is read with the line before it:
    under a row of as many cells, it is not its table's header."""
    if " | " not in text:
        return is_statement(text)
    document, start, _ = _place(index, row, chunks)
    line_start = document.rfind("\n", 0, start) + 1
    previous = document[document.rfind("\n", 0, max(line_start - 1, 0)) + 1 : max(line_start - 1, 0)]
    return is_statement(text, after_row=" | " in previous and previous.count(" | ") == text.count(" | "))


def _row_header(index: Build, row: int, text: str, chunks: dict) -> str:
    """The header row of the table the sentence is a row of, or ""."""
    return (table_header(*_place(index, row, chunks)) or "") if " | " in text else ""


def _place(index: Build, row: int, chunks: dict) -> tuple[str, int, int]:
    """The sentence's document text and its span in it."""
    source = chunks[int(index.sentences[row, SentenceColumn.CHUNK])].source
    return index.text(source), int(index.sentences[row, SentenceColumn.START]), int(index.sentences[row, SentenceColumn.END])


def _is_title(index: Build, row: int, text: str, chunks: dict) -> bool:
    """Whether a sentence is its document's title line (the first line, title-shaped: see
    documents.title_of). A title restates the story and never answers it alone, and no article of
    the tuning data has one (SQuAD's and the news set's files start with their first paragraph or a
    dateline), so the ranker never learned to pass it over: "Who is the mayor?" got the headline."""
    if index.sentences[row, SentenceColumn.CLEAN_START] != 0:
        return False
    info = index.documents.get(chunks[int(index.sentences[row, SentenceColumn.CHUNK])].source)
    return info is not None and " ".join(text.split()) == info.title and not text.rstrip().endswith(NOT_TITLE_ENDS)

ADJACENT_HITS = 5  # tuning half: 3, 5 and 10 rank equally well; more only costs time

def _adjacent(index: Build, hits: list[Hit], vector: np.ndarray) -> list[Hit]:
    """The chunks just before and after the best few hits (rows of one document are contiguous
    and in text order): a paragraph runs over several chunks, and the sentence that answers is
    sometimes in the part retrieval did not rank (tuning half, 20 hits: candidates then hold the
    answer for 98.3% of questions, not 97.6%). Ranked as the hit they adjoin, flagged by the
    `adjacent` feature; their dense score is their own, their BM25 score 0."""
    seen = {h.row for h in hits}
    extra: list[tuple[int, int]] = []
    for hit in hits[:ADJACENT_HITS]:
        for row in (hit.row - 1, hit.row + 1):
            if 0 <= row < len(index.chunks) and row not in seen \
                    and index.chunks.source(row) == index.chunks.source(hit.row):
                seen.add(row)
                extra.append((row, hit.rank))
    if not extra:
        return []
    dense = index.chunk_vectors([r for r, _ in extra]) @ vector
    return [Hit(row, 0.0, float(d), 0.0, rank) for (row, rank), d in zip(extra, dense)]

def add_paragraph_features(index: Build, columns: dict[str, np.ndarray], sources: list[str],
                           spans: list[tuple[int, int]], evidence: Evidence, found: Present) -> None:
    """A SQuAD-like question is written about one paragraph: how much of it the candidate's whole
    paragraph (as far as it is among the candidates) covers, and how close its best sentence is.
    Candidates come in text order, so a paragraph is a run of them with no line break between."""
    paragraph = np.zeros(len(sources), np.int64)
    for i in range(1, len(sources)):
        same = sources[i - 1] == sources[i] and spans[i - 1][1] <= spans[i][0] \
            and "\n" not in index.text(sources[i])[spans[i - 1][1] : spans[i][0]]
        paragraph[i] = paragraph[i - 1] + (not same)
    starts = np.flatnonzero(np.diff(paragraph, prepend=-1))
    best = np.maximum.reduceat(evidence.dense_sentence, starts) if len(starts) else np.zeros(0)
    columns.update(cover_paragraph=found.cover(found.group(paragraph)), dense_paragraph=best[paragraph])

LEAD_SCALE = 3  # "lead" halves by the third sentence: news puts the story's facts first

def add_document_features(index: Build, columns: dict[str, np.ndarray], sentence_rows: np.ndarray,
                          hits: list[Hit]) -> None:
    """A news quiz question retells the story ("... this week. Which team ...?"): the article that
    tells it covers the question as a whole, even when the sentence that answers covers only the ask.
    Per document: its best retrieval rank and its share of the hits; per sentence, how near the
    start of its document it is (news puts the story's facts first)."""
    documents = index.chunks.rows[:, 0]  # document row of every chunk
    best_rank: dict[int, int] = {}
    count: dict[int, int] = {}
    for hit in hits:
        document = int(documents[hit.row])
        best_rank[document] = min(best_rank.get(document, hit.rank), hit.rank)
        count[document] = count.get(document, 0) + 1
    owners = index.sentences[:, 0]
    document = documents[owners[sentence_rows]]
    position = sentence_rows - np.searchsorted(owners, np.searchsorted(documents, document, "left"), "left")
    columns.update(document_rank=np.array([1.0 / (1 + best_rank[int(d)]) for d in document]),
                   document_hits=np.array([count[int(d)] / len(hits) for d in document]),
                   lead=LEAD_SCALE / (LEAD_SCALE + position))

def sentence_text(index: Build, row: int, chunks: dict | None = None) -> str:
    chunk_row, _, _, clean_start, clean_end = (int(x) for x in index.sentences[row])  # SentenceColumn order
    chunk = chunks[chunk_row] if chunks else index.chunks[chunk_row]
    return chunk.text[clean_start - chunk.clean_start : clean_end - chunk.clean_start]
