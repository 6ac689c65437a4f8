"""Compose an extractive answer: choose the sentences that answer the question and quote them verbatim.

There is no generative model: the answer *is* the best sentence of the articles, followed by
supporting sentences, each quoted with its file and exact character span. A learned linear model
(`answer_model.json`, see features.py) scores candidate sentences; a second one decides whether the
best of them answers the question at all. When it does not, the answer says so (`NOT_IN_DOCUMENTS`)
and no quote is offered as an answer: the closest passages are returned apart, marked as such.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from bot.answer.features import (
    NAMES,
    Evidence,
    Question,
    add_rank_features,
    add_soft_features,
    as_matrix,
    question_cover,
    sentence_features,
)
from bot.answer.kinds import MATCHES, facts, lacks_asked_kind
from bot.answer.refusal import DECLINE_NAMES, RefusalModel, digest
from bot.answer.retrieve import Hit
from bot.answer.statements import is_statement
from bot.core.lexical import words
from bot.core.linear import softmax
from bot.ingest.documents import NOT_TITLE_ENDS
from bot.shortanswer.choose import ShortAnswer, choose
from bot.shortanswer.marker import Marker, Marks
from bot.store.base import Build, SentenceColumn

NOT_IN_DOCUMENTS = "The documents do not answer this question."
MAY_NOT_ANSWER = "The articles may not answer this directly; the closest passage is:"
MODEL_FILE = Path(__file__).with_name("answer_model.json")
PRONOUN_START = re.compile(r"(He|She|It|They|His|Her|Its|Their|This|These|Those|The latter|The former)\b")
DUPLICATE_SHARE = 0.8  # share of the shorter sentence's words found in the other: a near-repeat


@dataclass(frozen=True)
class Quote:
    n: int
    source: str
    start: int
    end: int
    text: str
    score: float
    page: int | None = None  # PDF: the 1-based page where the quote starts

    def as_json(self) -> dict:
        out = {"n": self.n, "source": self.source, "start": self.start, "end": self.end,
               "text": self.text, "score": round(self.score, 4)}
        if self.page is not None:
            out["page"] = self.page
        return out


@dataclass(frozen=True)
class Answer:
    question: str
    text: str
    answered: bool
    quotes: tuple[Quote, ...] = ()
    closest: tuple[Quote, ...] = ()  # for a declined question: near passages, not an answer
    seconds: float = 0.0
    resolved_question: str = ""  # the question after follow-up resolution, when it differs
    index_version: str = ""
    short_answer: ShortAnswer | None = None  # the few words of a quote that answer, when clear
    # The evidence is in between: not answered, the closest passages offered with a warning.
    tentative: bool = False

    def as_json(self) -> dict:
        out = {"question": self.question, "answered": self.answered}
        if self.tentative:
            out["tentative"] = True
        out["answer"] = self.text
        if self.short_answer:
            out["short_answer"] = self.short_answer.as_json()
        out.update(quotes=[q.as_json() for q in self.quotes], seconds=round(self.seconds, 4))
        if self.closest:
            out["closest"] = [q.as_json() for q in self.closest]
        if self.resolved_question:
            out["resolved_question"] = self.resolved_question
        return out


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


@dataclass(frozen=True)
class AnswerModel:
    """The sentence-ranking weights and the refusal model, read from `answer_model.json`."""

    weights: np.ndarray
    refusal: RefusalModel
    digest: str  # names this model in index calibrations

    @staticmethod
    @lru_cache(maxsize=1)
    def load(path: Path = MODEL_FILE) -> "AnswerModel":
        data = json.loads(path.read_text())
        if data["features"] != NAMES:
            raise ValueError(f"{path} was trained on other features; retrain it (README: tuning)")
        if data["decline"]["features"] != DECLINE_NAMES:
            raise ValueError(f"{path} was trained on other decline features; retrain it (README: tuning)")
        refusal = RefusalModel(np.array(data["decline"]["weights"]), float(data["decline"]["threshold"]))
        return AnswerModel(np.array(data["weights"]), refusal, digest(data["weights"], data["decline"]["weights"]))


NO_CANDIDATE_SCORE = -10.0  # the evidence of a question with no candidate sentence at all
RUNNER_UP_GAP = 5.0  # a lone candidate's margin: as if a far weaker one were second
TYPED_KINDS = frozenset(asks for asks, _ in MATCHES.values())


def refusal_evidence(question: Question, hits: list[Hit], ranked: list[Candidate]) -> dict[str, float]:
    """Question-level evidence for the refusal model: how good the best sentence is and by how much
    it beats the next, how well the best passages match, whether it holds the kind of thing asked
    for, and how much of the question (its names above all) the indexed articles never mention."""
    asks_kind = float(bool(question.asks & TYPED_KINDS))
    if not ranked:
        return dict(best_score=NO_CANDIDATE_SCORE, best_dense_sentence=0.0, top_dense_chunk=0.0, best_cover=0.0,
                    best_cover_window=0.0, margin=0.0, unseen=question.unseen, unseen_names=question.unseen_names,
                    asks_kind=asks_kind, best_holds_kind=0.0, best_ask_cover=0.0, best_share=0.0,
                    soft_unseen=1.0, best_soft_cover_window=0.0)
    best = ranked[0]
    f = dict(zip(NAMES, best.features))
    second = ranked[1].score if len(ranked) > 1 else best.score - RUNNER_UP_GAP
    return dict(
        best_score=best.score, best_dense_sentence=f["dense_sentence"],
        top_dense_chunk=max(h.dense for h in hits), best_cover=f["cover"], best_cover_window=f["cover_window"],
        margin=best.score - second, unseen=question.unseen, unseen_names=question.unseen_names,
        asks_kind=asks_kind, best_holds_kind=max(f[name] for name in MATCHES), best_ask_cover=f["ask_cover"],
        best_share=best.share, soft_unseen=f["soft_unseen"], best_soft_cover_window=f["soft_cover_window"])


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
    texts = [_sentence_text(index, r, chunks) for r in sentence_rows]
    kept = [i for i, r in enumerate(sentence_rows)
            if _is_statement(index, r, texts[i], chunks) and not _is_title(index, r, texts[i], chunks)]
    if not kept:
        return []
    sentence_rows, texts = sentence_rows[kept], [texts[i] for i in kept]
    vectors = np.asarray(index.sentence_vectors[sentence_rows], dtype=np.float32)
    dense = vectors @ question.vector
    best_dense = float(dense.max())
    own_terms = [list(facts(t).terms) for t in texts]
    owner = [int(owners[r]) for r in sentence_rows]
    chunk_terms: dict[int, set[str]] = {}
    for row, own in zip(owner, own_terms):
        chunk_terms.setdefault(row, set()).update(own)
    rows, around = [], []
    for i, chunk_row in enumerate(owner):
        hit = hit_of[chunk_row]
        neighbours = [j for j in (i - 1, i + 1) if 0 <= j < len(texts) and owner[j] == chunk_row]
        around.append(neighbours)
        rows.append(sentence_features(question, Evidence(
            texts[i], own_terms[i], {t for j in neighbours for t in own_terms[j]}, chunk_terms[chunk_row],
            float(dense[i]), max((float(dense[j]) for j in neighbours), default=0.0),
            hit.dense, hit.bm25, hit.rank, i - 1 not in neighbours, best_dense, chunk_row in adjacent)))
    content = [list(dict.fromkeys(facts(t).content)) for t in texts]
    add_soft_features(question, rows, content, around, word_vectors)
    spans = [tuple(int(x) for x in index.sentences[r, 1:3]) for r in sentence_rows]
    sources = [chunks[c].source for c in owner]
    add_paragraph_features(index, question, rows, sources, spans, own_terms, dense)
    add_document_features(index, question, rows, sentence_rows, hits)
    add_rank_features(rows)
    matrix = as_matrix(rows)
    return [Candidate(int(r), sources[i], *spans[i], texts[i], matrix[i])
            for i, r in enumerate(sentence_rows)]


def _is_statement(index: Build, row: int, text: str, chunks: dict) -> bool:
    """Whether the sentence can answer (statements.py); a table row is read with the line before it."""
    if " | " not in text:
        return is_statement(text)
    source = chunks[int(index.sentences[row, SentenceColumn.CHUNK])].source
    document, start = index.text(source), int(index.sentences[row, SentenceColumn.START])
    line_start = document.rfind("\n", 0, start) + 1
    previous = document[document.rfind("\n", 0, max(line_start - 1, 0)) + 1 : max(line_start - 1, 0)]
    return is_statement(text, after_row=" | " in previous)


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


def add_paragraph_features(index: Build, question: Question, rows: list[dict], sources: list[str],
                           spans: list[tuple[int, int]], own_terms: list[list[str]], dense: np.ndarray) -> None:
    """A SQuAD-like question is written about one paragraph: how much of it the candidate's whole
    paragraph (as far as it is among the candidates) covers, and how close its best sentence is.
    Candidates come in text order, so a paragraph is a run of them with no line break between."""
    groups: list[list[int]] = []
    for i in range(len(rows)):
        if i and sources[i - 1] == sources[i] and spans[i - 1][1] <= spans[i][0] \
                and "\n" not in index.text(sources[i])[spans[i - 1][1] : spans[i][0]]:
            groups[-1].append(i)
        else:
            groups.append([i])
    for group in groups:
        cover = question_cover(question, {t for i in group for t in own_terms[i]})
        best = max(float(dense[i]) for i in group)
        for i in group:
            rows[i].update(cover_paragraph=cover, dense_paragraph=best)


LEAD_SCALE = 3  # "lead" halves by the third sentence: news puts the story's facts first


def add_document_features(index: Build, question: Question, rows: list[dict],
                          sentence_rows: np.ndarray, hits: list[Hit]) -> None:
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
    for i, row in enumerate(sentence_rows):
        document = int(documents[owners[row]])
        first_chunk = np.searchsorted(documents, document, "left")
        position = int(row - np.searchsorted(owners, first_chunk, "left"))
        rows[i].update(document_rank=1.0 / (1 + best_rank[document]), document_hits=count[document] / len(hits),
                       lead=LEAD_SCALE / (LEAD_SCALE + position))


def _sentence_text(index: Build, row: int, chunks: dict | None = None) -> str:
    chunk_row, _, _, clean_start, clean_end = (int(x) for x in index.sentences[row])  # SentenceColumn order
    chunk = chunks[chunk_row] if chunks else index.chunks[chunk_row]
    return chunk.text[clean_start - chunk.clean_start : clean_end - chunk.clean_start]


def rank(model: AnswerModel, found: list[Candidate], index: Build | None = None,
         keep: int = 10) -> list[Candidate]:
    """The best `keep` candidates by learned score, each with its antecedent sentence when it opens
    with a pronoun; overlapping spans and near-duplicate sentences are dropped."""
    if not found:
        return []
    scores = np.array([c.features for c in found]) @ model.weights
    shares = softmax(scores)
    kept: list[Candidate] = []
    kept_words: list[set[str]] = []
    for i in np.argsort(-scores, kind="stable"):
        candidate = replace(found[i], score=float(scores[i]), share=float(shares[i]))
        if index is not None and not _overlaps(expanded := with_antecedent(index, candidate), kept):
            candidate = expanded
        own = set(words(candidate.text))
        if _overlaps(candidate, kept) or any(_repeats(own, other) for other in kept_words):
            continue
        kept.append(candidate)
        kept_words.append(own)
        if len(kept) == keep:
            break
    return kept


def _overlaps(candidate: Candidate, kept: list[Candidate]) -> bool:
    return any(k.source == candidate.source and k.start < candidate.end and candidate.start < k.end
               for k in kept)


def with_antecedent(index: Build, candidate: Candidate) -> Candidate:
    """ "He is also the oldest quarterback..." says nothing alone: quote the sentence before it
    too, when that one is in the same paragraph of the same article."""
    if not PRONOUN_START.match(candidate.text) or candidate.sentence == 0:
        return candidate
    previous = candidate.sentence - 1
    chunk_row, start, end = (int(x) for x in index.sentences[previous, :3])
    if index.chunks[chunk_row].source != candidate.source:
        return candidate
    between = index.text(candidate.source)[end : candidate.start]
    if "\n" in between:
        return candidate
    text = _sentence_text(index, previous) + " " + candidate.text
    return replace(candidate, start=start, text=text)


def _repeats(words_a: set[str], words_b: set[str]) -> bool:
    """Near-duplicate sentences (the seed article says some things twice, nearly word for word).
    Measured on the shorter one, so a sentence restated inside a longer one counts too."""
    shorter = min(len(words_a), len(words_b))
    return shorter >= 5 and len(words_a & words_b) / shorter >= DUPLICATE_SHARE


# The marker (marker.py) reads question and sentence together, which the ranking's features cannot.
# The ranking's first three sentences that score within CLOSE_GAP of the first are read, and the one
# with the best score + MARK_WEIGHT x the marker's best margin becomes the first quote. Chosen on the
# tuning data (SQuAD articles 00-23, the news set's January-June weeks, the new-genre tuning half):
# first quote 0.809 / 0.488 / 0.683 with the first two only within 0.75 and a weight of 0.2 (1.28
# reads a SQuAD question), 0.835 / 0.528 / 0.717 now (1.57 reads); wider gaps gained little more.
CLOSE_GAP = 1.5
MARK_WEIGHT = 0.5
SETTLED = 3


def settle_first(question: str, ranked: list[Candidate], marker: Marker) -> tuple[list[Candidate], Marks]:
    """The ranked sentences with the one the marker finds an answer in most clearly first, among the
    first few the ranking is unsure between; and the marker's marks of that one, which the short
    answer and the confidence read. Scores and shares stay the ranking's: the short answer's
    decision to show was learned on them."""
    close = [c for c in ranked[:SETTLED] if ranked[0].score - c.score < CLOSE_GAP]
    marks = [marker.read(question, [c.text])[0] for c in close]  # alone: a padded pair costs more
    best = max(range(len(close)), key=lambda i: close[i].score + MARK_WEIGHT * marks[i].best()[2])
    return [close[best], *(c for c in ranked if c is not close[best])], marks[best]


# Whether the first sentence holds an answer to the question, as the marker reads the two together:
# the margin of its best span over "no answer here". The refusal model sees that the articles are on
# the question's topic; the marker sees whether the sentence says the thing asked ("How old is the
# mayor?" against a sentence naming the mayor, with no age). Below CONFIDENT_MARGIN the closest
# passage is offered as a tentative answer (CLAUSE_CONFIDENT_MARGIN for a question whose answer is a
# clause, where the marker's margins run lower), below DECLINE_MARGIN a question asking for a kind of
# thing (a name, a date, a number...) is declined; the marker is least sure of answers that are a
# whole clause ("What did the statement leave out?"): those stay tentative; and a follow-up, which
# it reads as asked ("Which uni is he at?"), is not judged by the margin at all. Chosen on the tuning data (the new-genre tuning
# half, SQuAD articles 00-23, the news set's January-June weeks; README: Evaluation).
CONFIDENT_MARGIN = -2.0
CLAUSE_CONFIDENT_MARGIN = -4.0  # a question that asks for no kind of thing: its answer is a clause
DECLINE_MARGIN = -5.0


CONFIDENT, TENTATIVE, DECLINED = "confident", "tentative", "declined"


def confidence(asked: Question, first: str, margin: float, follow_up: bool = False) -> str:
    """How a question the refusal model lets through is answered, from the marker's margin on the
    first sentence and whether that sentence holds the kind of thing asked for (see above)."""
    typed = bool(asked.asks & TYPED_KINDS)
    if margin < DECLINE_MARGIN and typed and not follow_up:
        return DECLINED
    if lacks_asked_kind(asked.asks, first, asked.words):
        return TENTATIVE
    if follow_up:  # the marker reads it as asked ("Why did he say it?"): its margin says little
        return CONFIDENT
    return TENTATIVE if margin < (CONFIDENT_MARGIN if typed else CLAUSE_CONFIDENT_MARGIN) else CONFIDENT


def compose(question: str, ranked: list[Candidate], answered: bool, original_text,
            max_quotes: int = 3, answer_probability: float = 1.0, asked: Question | None = None,
            marker: Marker | None = None, follow_up: bool = False) -> Answer:
    """Turn ranked sentences into the chat answer and its numbered, verbatim quotes. A quote's score
    is the models' estimate that it is the answer: P(the articles answer) x P(this sentence is the one).
    Given the question's features (`asked`) and the marker, the first two sentences are settled by
    the marker's reading (settle_first) and the answer opens with the short answer in bold when a
    quote holds one, then that quote with the short answer in bold inside it."""
    def quoted(ranked: list[Candidate]) -> tuple[Quote, ...]:
        return tuple(Quote(n, c.source, c.start, c.end, original_text(c.source)[c.start : c.end],
                           answer_probability * c.share) for n, c in enumerate(ranked[:max_quotes], start=1))

    if not answered:
        return Answer(question, NOT_IN_DOCUMENTS, False, (), quoted(ranked))
    reads = asked is not None and marker is not None and bool(ranked)
    if reads:
        ranked, marks = settle_first(question, ranked, marker)
        outcome = confidence(asked, ranked[0].text, marks.best()[2], follow_up)
        if outcome == DECLINED:
            return Answer(question, NOT_IN_DOCUMENTS, False, (), quoted(ranked))
        if outcome == TENTATIVE:
            closest = quoted(ranked)
            return Answer(question, f"{MAY_NOT_ANSWER}\n\n{_one_line(closest[0].text)} [1]", False, (), closest,
                          tentative=True)
    quotes = quoted(ranked)
    short = choose(question, asked.terms, quotes, [marks]) if reads else None
    lead = quotes[short.quote - 1] if short else quotes[0]
    support = [q for q in quotes if q is not lead]
    if short:
        at, to = short.start - lead.start, short.end - lead.start
        text = (f"**{_one_line(short.text)}**\n\n"
                + _one_line(f"{lead.text[:at]}**{lead.text[at:to]}**{lead.text[to:]}") + f" [{lead.n}]")
    else:
        text = f"{_one_line(lead.text)} [{lead.n}]"
    if support:
        text += "\n\nSupporting passages: " + " ".join(f"[{q.n}]" for q in support)
    return Answer(question, text, True, quotes, short_answer=short)


def _one_line(text: str) -> str:
    return " ".join(text.split())

