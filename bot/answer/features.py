"""What the answer step knows about one candidate sentence, by name.

The signals that, combined, pick the sentence holding the answer: how close the sentence, its chunk
and its document are to the question (dense and BM25, from retrieval), how much of the question's
weighted vocabulary the sentence and its neighbours cover, and whether the sentence holds the *kind*
of thing the question asks for (a year for "when", a number for "how many", a new name for "who" or
"which team"), new to the question. Some signals only mean something among a question's candidates
(ranks, the paragraph's and the document's cover): `candidate_features` adds those. Features are
built as `{name: value}` and turned into a row in `NAMES` order in one place, `as_matrix`.
`answer_model.json` holds the weights (see scripts/train_answer_model.py).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

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
    """What retrieval and the index say about one candidate sentence, before any feature is made."""

    text: str
    own: list[str]  # the sentence's stemmed content terms
    around: set[str]  # those of its neighbours in the same chunk
    in_chunk: set[str]  # those of its whole chunk
    dense_sentence: float
    dense_neighbour: float
    dense_chunk: float
    bm25_chunk: float
    fused_rank: int
    first_in_chunk: bool
    best_dense_sentence: float  # over all of this question's candidates
    adjacent: bool  # from a chunk next to a retrieved one, not retrieved itself


def sentence_features(question: Question, e: Evidence) -> dict[str, float]:
    """The features of one sentence that need nothing but the sentence, its chunk and the question."""
    own_set = set(e.own)
    window_set = own_set | e.around
    sentence = facts(e.text)
    content = sentence.content
    new_words = [w for w in content if w not in question.words]
    new_caps = {w for w in sentence.capitalized if w.lower() not in question.words}
    kinds = held(e.text, question.words)
    cover = question_cover(question, own_set)
    cover_window = question_cover(question, window_set)
    cover_chunk = question_cover(question, e.in_chunk | own_set)
    bm25_sentence = _bm25(question, e.own)
    f = {
        "bias": 1.0,
        "dense_sentence": e.dense_sentence,
        "dense_chunk": e.dense_chunk,
        "dense_gap": e.dense_sentence - e.best_dense_sentence,
        "bm25_chunk": e.bm25_chunk,
        "fused_rank": 1.0 / (1 + e.fused_rank),
        "rank_first": float(e.fused_rank == 0),
        "cover": cover,
        "cover_window": cover_window,
        "cover_bigram": len(set(zip(e.own, e.own[1:])) & question.bigrams) / max(len(question.bigrams), 1),
        "cover_count": sum(t in own_set for t in question.terms) / max(len(question.terms), 1),
        "new_words": min(len(new_words), NEW_WORDS_CAP) / NEW_WORDS_CAP,
        "log_length": math.log1p(len(e.text)) / LENGTH_SCALE,
        "sentence_first": float(e.first_in_chunk),
        "dense_x_cover": e.dense_sentence * cover,
        "bm25_sentence": bm25_sentence,
        "rarest_term": max((w for t, w in question.terms.items() if t in own_set), default=0.0)
        / (max(question.terms.values(), default=0.0) or 1.0),
        "dense_neighbour": e.dense_neighbour,
        "ordered_match": _ordered_match(question.sequence, [t for t in e.own if t in question.terms]),
        "names_cover": len(question.names & window_set) / len(question.names) if question.names else 1.0,
        "dense_x_cover_window": e.dense_sentence * cover_window,
        "bm25_x_rank_dense": bm25_sentence * e.dense_sentence,  # (a product of the two scores)
        "cover_chunk": cover_chunk,
        "cover_x_cover_chunk": cover * cover_chunk,
        "asks_called_name": float("called" in question.asks and bool(new_caps or "quoted" in sentence.kinds)),
        "adjacent": float(e.adjacent),
        "asking": float(sentence.asking),
        "unfinished": float(sentence.unfinished),
        "labelled": float(sentence.labelled),
        "new_names": min(len(new_caps), NEW_NAMES_CAP) / NEW_NAMES_CAP,
        "new_number": float("number" in kinds),
        "new_share": len(new_words) / max(len(content), 1),
        "ask_cover": _cover_of(question, question.ask_terms, own_set),
    }
    for name, (asks, holds) in MATCHES.items():
        f[name] = float(asks in question.asks and holds in kinds)
    return f


def _cover_of(question: Question, wanted: frozenset[str], present: set[str]) -> float:
    total = sum(question.terms.get(t, 0.0) for t in wanted) or 1.0
    return sum(question.terms.get(t, 0.0) for t in wanted if t in present) / total


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


def _bm25(question: Question, own: list[str]) -> float:
    counts: dict[str, int] = {}
    for term in own:
        counts[term] = counts.get(term, 0) + 1
    norm = K1 * (1 - B + B * len(own) / AVERAGE_TERMS)
    score = sum(w * counts[t] * (K1 + 1) / (counts[t] + norm) for t, w in question.terms.items() if t in counts)
    return score / ((K1 + 1) * sum(question.terms.values()) or 1.0)


SOFT_MATCH = 0.45  # a word this near counts as said in other words (defence~defense 0.84, budget~military 0.14)


def add_soft_features(question: Question, rows: list[dict], sentence_words: list[list[str]],
                      neighbours: list[list[int]], vectors) -> None:
    """How much of the question each sentence says, in any words: per question word, its nearest
    word in the sentence (the model's word vectors, wordvectors.py; exact words only without them),
    weighted by idf. And, the same for every sentence of the question, the share of the question
    that none of the candidates says in any words (a question about something the articles never
    mention), for the refusal model."""
    weights = question.content_weights
    total = float(weights.sum()) or 1.0
    vocabulary = list(dict.fromkeys(w for found in sentence_words for w in found))
    if not question.content_words or not vocabulary:
        for row in rows:
            row.update(soft_cover=0.0, soft_cover_window=0.0, soft_unseen=1.0)
        return
    column = {w: i for i, w in enumerate(vocabulary)}
    if vectors is None:
        near = np.array([[float(q == w) for w in vocabulary] for q in question.content_words])
    else:
        near = np.clip(vectors(question.content_words) @ vectors(vocabulary).T, 0.0, 1.0)
    # Per sentence, each question word's nearest word in it: one segmented max over the columns of
    # all the sentences' words (a loop of small arrays was a tenth of the answer's time).
    own = np.zeros((len(rows), len(weights)))
    filled = [i for i, found in enumerate(sentence_words) if found]
    if filled:
        columns = [column[w] for i in filled for w in sentence_words[i]]
        starts = np.cumsum([0] + [len(sentence_words[i]) for i in filled[:-1]])
        own[filled] = np.maximum.reduceat(near[:, columns], starts, axis=1).T
    window = own.copy()
    for offset in (-1, 1):  # with its neighbours in the same chunk
        near_rows = [i for i, around in enumerate(neighbours) if i + offset in around]
        window[near_rows] = np.maximum(window[near_rows], own[[i + offset for i in near_rows]])
    unseen = float(weights @ (near.max(1) < SOFT_MATCH)) / total
    for row, cover, cover_window in zip(rows, own @ weights / total, window @ weights / total):
        row.update(soft_cover=float(cover), soft_cover_window=float(cover_window), soft_unseen=unseen)


def add_rank_features(rows: list[dict[str, float]]) -> None:
    """For a few key signals, 1/(1 + the candidate's rank among this question's candidates): which
    sentence is *most* similar matters more than by how much. Fills in the rows' rank features."""
    for name, column in RANKED.items():
        order = sorted(range(len(rows)), key=lambda r: -rows[r][column])
        for rank, r in enumerate(order):
            rows[r][name] = 1.0 / (1 + rank)
    for row in rows:
        row["rank_dense_x_cover"] = row["rank_dense_sentence"] * row["cover"]


def as_matrix(rows: list[dict[str, float]]) -> np.ndarray:
    """The one place where named features become the model's columns, in `NAMES` order."""
    return np.array([[row[name] for name in NAMES] for row in rows], dtype=np.float64).reshape(-1, len(NAMES))
