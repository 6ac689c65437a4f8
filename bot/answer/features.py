"""What the answer step knows about one candidate sentence, by name.

The signals that, combined, pick the sentence holding the answer: how close the sentence, its chunk
and its document are to the question (dense and BM25, from retrieval), how much of the question's
weighted vocabulary the sentence and its neighbours cover, and whether the sentence holds the *kind*
of thing the question asks for (a year for "when", a number for "how many", a new name for "who" or
"which team"), new to the question. Some signals only mean something among a question's candidates
(ranks, the paragraph's and the document's cover): candidates.py adds those. Features are built
as columns over a question's candidates, `{name: array}`, and turned into the model's matrix in
`NAMES` order in one place, `as_matrix`.
`answer_model.json` holds the weights (see scripts/train_answer_model.py).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from itertools import chain

import numpy as np

from bot.answer.kinds import CAPITALIZED, MATCHES, asked, facts, held
from bot.core.lexical import STOP_WORDS, terms, words

ASK_PART = re.compile(r"(?<=[.!?:])\s+(?=[A-Z])")

NAMES = [
    "bias", "dense_sentence", "dense_chunk", "dense_gap", "bm25_chunk", "fused_rank", "rank_first",
    "cover", "cover_window", "cover_bigram", "cover_count", "new_words", "log_length",
    "asks_when_year", "asks_when_month", "asks_count_number", "asks_who_name", "asks_where_name",
    "sentence_first", "dense_x_cover", "bm25_sentence", "rarest_term",
    "rank_dense_sentence", "rank_bm25_sentence", "rank_cover_window",
    "dense_neighbour", "ordered_match", "names_cover", "dense_x_cover_window", "bm25_x_rank_dense",
    "cover_chunk", "cover_x_cover_chunk", "rank_dense_x_cover",
    "asks_percent_percent", "asks_money_money", "asks_why_because", "asks_called_name",
    "adjacent", "cover_paragraph", "dense_paragraph",
    "asking", "unfinished", "labelled", "new_names", "new_number", "new_share", "asks_which_name",
    "asks_country_country", "asks_state_state", "asks_person_full_name",
    "ask_cover", "document_rank", "document_hits", "lead",
    "soft_cover", "soft_cover_window", "soft_unseen",
]
RANKED = {"rank_dense_sentence": "dense_sentence", "rank_bm25_sentence": "bm25_sentence",
          "rank_cover_window": "cover_window"}
# BM25 over single sentences: the usual k1 and b, and a typical sentence length in content terms.
K1, B, AVERAGE_TERMS = 1.2, 0.75, 20.0
NEW_WORDS_CAP, NEW_NAMES_CAP = 30, 4  # beyond these, more new words or names say nothing more
LENGTH_SCALE = 6.0  # log1p(characters) / 6 is about 1 for a 400-character sentence


@dataclass(frozen=True)
class Question:
    """Everything about the question that features need, computed once."""

    text: str
    vector: np.ndarray
    terms: dict[str, float]  # stemmed content term -> idf
    bigrams: set[tuple[str, str]]
    sequence: list[str]  # content terms in question order
    names: frozenset[str]  # stems of the question's capitalized words
    asks: frozenset[str]
    words: frozenset[str]  # lower-cased words (stop words included), to tell new words from old
    ask_terms: frozenset[str]  # content terms of the question's last sentence (the quiz's actual ask)
    content_words: list[str]  # its words that are not stop words, each once, for soft matching
    content_weights: np.ndarray  # their idf (of their stems)
    unseen: float  # idf-weighted share of the question's terms that no chunk of the index contains
    unseen_names: float  # share of its capitalized words (names) that the index has never seen


def question_info(text: str, vector: np.ndarray, idf, known) -> Question:
    """`idf(term)` and `known(term)` come from the index's BM25 vocabulary."""
    content = terms(text)
    weights = {t: idf(t) for t in content}
    names = terms(" ".join(CAPITALIZED.findall(text)))
    said = words(text)
    return Question(
        text=text,
        vector=vector,
        terms=weights,
        bigrams=set(zip(content, content[1:])),
        sequence=content,
        names=frozenset(names),
        asks=asked(text),
        words=frozenset(said),
        ask_terms=frozenset(terms(ASK_PART.split(text.strip())[-1])),
        content_words=(found := list(dict.fromkeys(w for w in said if w not in STOP_WORDS))),
        content_weights=np.array([idf(t[0]) if (t := terms(w)) else 0.0 for w in found]),
        unseen=sum(w for t, w in weights.items() if not known(t)) / (sum(weights.values()) or 1.0),
        unseen_names=sum(not known(n) for n in names) / max(len(names), 1),
    )


# A follow-up's borrowed words (from the question it leans on) count this much against its own;
# its vector is its own plus this much of the joined question's. Chosen on four conversations of a
# reviewer's and checked on 56 follow-ups written by another (docs/usage.md: Follow-up questions).
BORROWED_TERMS, BORROWED_VECTOR = 0.25, 0.5


def follow_up_info(joined: Question, asked: str, asked_vector: np.ndarray) -> Question:
    """The features of a follow-up as the sentences are weighed against it: the joined question's
    ("Who coaches him? (Who won the chess title?)"), with the borrowed words and meaning counting
    less. At full weight the sentence that answered the last question holds them all and wins
    again; without them "What could that lead to?" has too little to go on."""
    own = set(terms(asked))
    vector = asked_vector + BORROWED_VECTOR * joined.vector
    return replace(
        joined,
        terms={t: w * (1.0 if t in own else BORROWED_TERMS) for t, w in joined.terms.items()},
        content_weights=joined.content_weights * np.array(
            [1.0 if own.intersection(terms(word)) else BORROWED_TERMS for word in joined.content_words]),
        vector=(vector / (np.linalg.norm(vector) or 1.0)).astype(joined.vector.dtype),
    )


def question_cover(question: Question, present: set[str]) -> float:
    """Share of the question's idf-weighted content terms found in `present`."""
    total = sum(question.terms.values()) or 1.0
    return sum(w for t, w in question.terms.items() if t in present) / total


@dataclass(frozen=True)
class Evidence:
    """What retrieval and the index say about a question's candidate sentences (in text order, a
    chunk's sentences one run), before any feature is made. One entry per candidate."""

    texts: list[str]
    own: list[tuple[str, ...]]  # each sentence's stemmed content terms
    chunk: np.ndarray  # the chunk row it comes from
    dense_sentence: np.ndarray  # float64
    dense_chunk: np.ndarray
    bm25_chunk: np.ndarray
    fused_rank: np.ndarray  # int
    adjacent: np.ndarray  # bool: from a chunk next to a retrieved one, not retrieved itself

    def neighbours(self) -> tuple[np.ndarray, np.ndarray]:
        """Whether the sentence before / after each one is a candidate of the same chunk."""
        same = self.chunk[1:] == self.chunk[:-1]
        return np.concatenate([[False], same]), np.concatenate([same, [False]])


class Present:
    """Which of the question's terms (and of its names and its ask's terms) each candidate holds,
    alone, with its neighbours, in its chunk: one boolean row per candidate, so that a feature is a
    loop over the question's few terms, not over its hundred candidates. The sums run over the terms
    in the same order as `question_cover`'s, so the figures are the same to the last bit."""

    def __init__(self, question: Question, e: Evidence):
        self.question = question
        self.column = {t: k for k, t in enumerate(dict.fromkeys(
            [*question.terms, *sorted(question.names), *sorted(question.ask_terms)]))}
        self.count = np.zeros((len(e.own), len(self.column)), np.int64)
        for i, own in enumerate(e.own):
            for term in own:
                k = self.column.get(term)
                if k is not None:
                    self.count[i, k] += 1
        self.own = self.count > 0
        before, after = e.neighbours()
        self.window = self.own.copy()
        self.window[before] |= self.own[np.flatnonzero(before) - 1]
        self.window[after] |= self.own[np.flatnonzero(after) + 1]
        _, chunk = np.unique(e.chunk, return_inverse=True)
        in_chunk = np.zeros((chunk.max(initial=-1) + 1, len(self.column)), np.int64)
        np.add.at(in_chunk, chunk, self.count)
        self.chunk = in_chunk[chunk] > 0

    def cover(self, has: np.ndarray) -> np.ndarray:
        """`question_cover` of each row of `has` (candidates x columns)."""
        total = sum(self.question.terms.values()) or 1.0
        found = np.zeros(len(has))
        for k, weight in enumerate(self.question.terms.values()):
            found = found + np.where(has[:, k], weight, 0.0)
        return found / total

    def group(self, groups: np.ndarray) -> np.ndarray:
        """Per candidate, whether any candidate of its group (a label per candidate) holds each term."""
        _, group = np.unique(groups, return_inverse=True)
        held_in = np.zeros((group.max(initial=-1) + 1, len(self.column)), bool)
        np.logical_or.at(held_in, group, self.own)
        return held_in[group]


def sentence_features(question: Question, e: Evidence, found: Present) -> dict[str, np.ndarray]:
    """The features that need nothing but each sentence, its chunk and the question, as columns."""
    terms = question.terms
    n, q = len(e.texts), len(terms)
    before, after = e.neighbours()
    dense = e.dense_sentence
    neighbour = np.maximum(np.where(before, np.roll(dense, 1), -np.inf), np.where(after, np.roll(dense, -1), -np.inf))
    cover, cover_window, cover_chunk = found.cover(found.own), found.cover(found.window), found.cover(found.chunk)
    bm25_sentence = _bm25(question, found.count[:, :q], np.array([len(own) for own in e.own]))
    weights = np.array(list(terms.values()))
    rarest = np.where(found.own[:, :q], weights, -np.inf).max(1, initial=-np.inf)
    names = [found.column[name] for name in sorted(question.names)]
    f: dict[str, np.ndarray] = {
        "bias": np.ones(n),
        "dense_sentence": dense,
        "dense_chunk": e.dense_chunk,
        "dense_gap": dense - dense.max(),
        "bm25_chunk": e.bm25_chunk,
        "fused_rank": 1.0 / (1 + e.fused_rank),
        "rank_first": (e.fused_rank == 0).astype(float),
        "cover": cover,
        "cover_window": cover_window,
        "cover_count": found.own[:, :q].sum(1) / max(q, 1),
        "sentence_first": (~before).astype(float),
        "dense_x_cover": dense * cover,
        "bm25_sentence": bm25_sentence,
        "rarest_term": np.where(np.isfinite(rarest), rarest, 0.0) / (max(terms.values(), default=0.0) or 1.0),
        "dense_neighbour": np.where(before | after, neighbour, 0.0),
        "names_cover": found.window[:, names].sum(1) / len(names) if names else np.ones(n),
        "dense_x_cover_window": dense * cover_window,
        "bm25_x_rank_dense": bm25_sentence * dense,  # (a product of the two scores)
        "cover_chunk": cover_chunk,
        "cover_x_cover_chunk": cover * cover_chunk,
        "adjacent": e.adjacent.astype(float),
        "ask_cover": _ask_cover(question, found),
    }
    f.update(_word_features(question, e, found.own[:, :q].any(1)))
    return f


def _word_features(question: Question, e: Evidence, matches: np.ndarray) -> dict[str, np.ndarray]:
    """The features read off each sentence's words one by one (cached per sentence in kinds.facts).
    Only the kinds the question asks for are looked up: the other `asks_*` columns are 0."""
    said, bigrams = question.words, question.bigrams
    asked_kinds = [(k, holds) for k, (asks, holds) in enumerate(MATCHES.values()) if asks in question.asks]
    wanted = frozenset(holds for _, holds in asked_kinds)
    called = "called" in question.asks
    names = ["cover_bigram", "new_words", "log_length", "ordered_match", "asks_called_name", "asking", "unfinished",
             "labelled", "new_names", "new_number", "new_share", *MATCHES]
    first_match = len(names) - len(MATCHES)
    columns = np.zeros((len(e.texts), len(names)))
    for row, text, own, any_match in zip(columns, e.texts, e.own, matches):
        sentence = facts(text)
        content = sentence.content
        new = [w for w in content if w not in said]
        new_caps = {w for w in sentence.capitalized if w.lower() not in said}
        kinds = held(text, said, new, wanted)
        # A sentence holding no question term holds none of its bigrams either.
        row[0] = len(set(zip(own, own[1:])) & bigrams) / max(len(bigrams), 1) if bigrams and any_match else 0.0
        row[1] = min(len(new), NEW_WORDS_CAP) / NEW_WORDS_CAP
        row[2] = math.log1p(len(text)) / LENGTH_SCALE
        row[3] = _ordered_match(question.sequence, [t for t in own if t in question.terms]) if any_match else 0.0
        row[4] = float(called and bool(new_caps or "quoted" in sentence.kinds))
        row[5:8] = sentence.asking, sentence.unfinished, sentence.labelled
        row[8] = min(len(new_caps), NEW_NAMES_CAP) / NEW_NAMES_CAP
        row[9] = "number" in kinds
        row[10] = len(new) / max(len(content), 1)
        for k, holds in asked_kinds:
            row[first_match + k] = holds in kinds
    return {name: columns[:, k] for k, name in enumerate(names)}


def _ask_cover(question: Question, found: Present) -> np.ndarray:
    """The share of the ask's own terms (the question's last sentence) the sentence holds; summed
    in sorted order, so that every process gets the same figure to the last bit (a set's order
    follows the process's string hashing)."""
    ask_terms = sorted(question.ask_terms)
    total = sum(question.terms.get(t, 0.0) for t in ask_terms) or 1.0
    held_terms = np.zeros(len(found.own))
    for term in ask_terms:
        held_terms = held_terms + np.where(found.own[:, found.column[term]], question.terms.get(term, 0.0), 0.0)
    return held_terms / total


def _ordered_match(question: list[str], matched: list[str]) -> float:
    """Longest run of question terms the sentence repeats in the same order (crowd-written
    questions often keep the source sentence's word order), over the question's length."""
    if not question or not matched:
        return 0.0
    previous = [0] * (len(matched) + 1)
    for q in question:
        current = [0]
        for j, t in enumerate(matched):
            current.append(previous[j] + 1 if q == t else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1] / len(question)


def _bm25(question: Question, count: np.ndarray, length: np.ndarray) -> np.ndarray:
    """BM25 of each sentence alone (`count`: candidates x question terms), over its best possible."""
    norm = K1 * (1 - B + B * length / AVERAGE_TERMS)
    score = np.zeros(len(count))
    for k, w in enumerate(question.terms.values()):
        c = count[:, k]
        score = score + np.where(c > 0, w * c * (K1 + 1) / (c + norm), 0.0)
    return score / ((K1 + 1) * sum(question.terms.values()) or 1.0)


SOFT_MATCH = 0.45  # a word this near counts as said in other words (defence~defense 0.84, budget~military 0.14)


def add_soft_features(question: Question, columns: dict[str, np.ndarray], sentence_words: list[tuple[str, ...]],
                      e: Evidence, vectors) -> None:
    """How much of the question each sentence says, in any words: per question word, its nearest
    word in the sentence (the model's word vectors, wordvectors.py; exact words only without them),
    weighted by idf. And, the same for every sentence of the question, the share of the question
    that none of the candidates says in any words (a question about something the articles never
    mention), for the refusal model."""
    weights = question.content_weights
    total = float(weights.sum()) or 1.0
    vocabulary = list(dict.fromkeys(chain.from_iterable(sentence_words)))
    n = len(sentence_words)
    if not question.content_words or not vocabulary:
        columns.update(soft_cover=np.zeros(n), soft_cover_window=np.zeros(n), soft_unseen=np.ones(n))
        return
    column = {w: i for i, w in enumerate(vocabulary)}
    if vectors is None:
        near = np.array([[float(q == w) for w in vocabulary] for q in question.content_words])
    else:
        near = np.clip(vectors(question.content_words) @ vectors(vocabulary).T, 0.0, 1.0)
    # Per sentence, each question word's nearest word in it: one segmented max over the columns of
    # all the sentences' words (a loop of small arrays was a tenth of the answer's time).
    own = np.zeros((n, len(weights)))
    filled = [i for i, found in enumerate(sentence_words) if found]
    if filled:
        words_of = list(map(column.__getitem__, chain.from_iterable(sentence_words)))
        starts = np.cumsum([0] + [len(sentence_words[i]) for i in filled[:-1]])
        own[filled] = np.maximum.reduceat(near[:, words_of], starts, axis=1).T
    window = own.copy()
    before, after = e.neighbours()
    for offset, has in ((-1, before), (1, after)):  # with its neighbours in the same chunk
        rows = np.flatnonzero(has)
        window[rows] = np.maximum(window[rows], own[rows + offset])
    unseen = float(weights @ (near.max(1) < SOFT_MATCH)) / total
    columns.update(soft_cover=own @ weights / total, soft_cover_window=window @ weights / total,
                   soft_unseen=np.full(n, unseen))


def add_rank_features(columns: dict[str, np.ndarray]) -> None:
    """For a few key signals, 1/(1 + the candidate's rank among this question's candidates): which
    sentence is *most* similar matters more than by how much. Fills in the rank features."""
    for name, signal in RANKED.items():
        ranks = np.empty(len(columns[signal]))
        ranks[np.argsort(-columns[signal], kind="stable")] = np.arange(len(ranks))
        columns[name] = 1.0 / (1 + ranks)
    columns["rank_dense_x_cover"] = columns["rank_dense_sentence"] * columns["cover"]


def as_matrix(columns: dict[str, np.ndarray]) -> np.ndarray:
    """The one place where named features become the model's columns, in `NAMES` order."""
    return np.column_stack([np.asarray(columns[name], dtype=np.float64) for name in NAMES]).reshape(-1, len(NAMES))
