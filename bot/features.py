"""What the answer step knows about one candidate sentence, as a row of numbers.

The signals that, combined, pick the sentence holding the answer: how close the sentence and its
chunk are to the question (dense and BM25, from retrieval), how much of the question's weighted
vocabulary the sentence and its neighbours cover, and whether the sentence holds the *kind* of thing
the question asks for (a year for "when", a number for "how many", a new name for "who"), new to the
question. `answer_model.json` holds the weights learned on the tuning half of SQuAD (see README).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from .lexical import STOP_WORDS, _stemmer, words

ASKS = {
    "when": re.compile(r"\b(when|what (year|date|day|month|century|decade|time|period|era)|which (year|century|decade|month|day))\b"),
    "count": re.compile(r"\b(how (many|much|long|far|old|large|big|tall|high|often|fast|deep|wide)|what (percentage|percent|proportion|number|amount|size|temperature|population))\b"),
    "who": re.compile(r"\b(who|whom|whose|which (person|man|woman|people|group|company|team|organization|player|king|president))\b"),
    "where": re.compile(r"\b(where|what (country|city|state|place|region|location|continent|river|town)|which (country|city|state|place|region|river|town))\b"),
    "percent": re.compile(r"\b(percent|percentage|proportion|share|fraction)\b"),
    "money": re.compile(r"\b(how much (money|did|does|was|is|were)|cost|price|worth|paid|budget|revenue|salary)\b"),
    "why": re.compile(r"\b(why|what (caused|causes|led|reason))\b"),
    "called": re.compile(r"\b(called|named|known as|the name|term for|what name)\b"),
}
PERCENT = re.compile(r"%|\bper ?cent\b", re.I)
MONEY = re.compile(r"[$£€¥]|\b(dollars?|pounds?|euros?|yen|francs?)\b", re.I)
BECAUSE = re.compile(r"\b(because|due to|since|so that|in order to|as a result|owing to|led to|caused)\b", re.I)
QUOTED = re.compile(r"[\"“'‘][^\"”'’]{2,40}[\"”'’]")
YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})s?\b")
MONTH = re.compile(r"\b(january|february|march|april|may|june|july|august|september|october|november|december)\b", re.I)
NUMBER = re.compile(r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|dozen)\b", re.I)
CAPITALIZED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-zA-Z]+")

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
]
RANKED = {"rank_dense_sentence": "dense_sentence", "rank_bm25_sentence": "bm25_sentence",
          "rank_cover_window": "cover_window"}
K1, B, AVERAGE_TERMS = 1.2, 0.75, 20.0  # BM25 over single sentences


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
    unseen: float  # idf-weighted share of the question's terms that no chunk of the index contains
    unseen_names: float  # share of its capitalized words (names) that the index has never seen


def stems(text: str) -> list[str]:
    stem = _stemmer()
    return [stem(w) for w in words(text) if w not in STOP_WORDS]


def question_info(text: str, vector: np.ndarray, idf, known) -> Question:
    """`idf(term)` and `known(term)` come from the index's BM25 vocabulary."""
    content = stems(text)
    weights = {t: idf(t) for t in content}
    stem = _stemmer()
    names = [stem(w.lower()) for w in CAPITALIZED.findall(text)]
    return Question(
        text=text,
        vector=vector,
        terms=weights,
        bigrams=set(zip(content, content[1:])),
        sequence=content,
        names=frozenset(names),
        asks=frozenset(kind for kind, pattern in ASKS.items() if pattern.search(text.lower())),
        words=frozenset(words(text)),
        unseen=sum(w for t, w in weights.items() if not known(t)) / (sum(weights.values()) or 1.0),
        unseen_names=sum(not known(n) for n in names) / max(len(names), 1),
    )


def question_cover(question: Question, present: set[str]) -> float:
    total = sum(question.terms.values()) or 1.0
    return sum(w for t, w in question.terms.items() if t in present) / total


def sentence_features(question: Question, sentence: str, own: list[str], around: set[str],
                      dense_sentence: float, dense_neighbour: float, dense_chunk: float,
                      bm25_chunk: float, fused_rank: int, first_in_chunk: bool,
                      best_dense_sentence: float, in_chunk: set[str]) -> list[float]:
    """`own`: the sentence's stemmed terms; `around`: those of its neighbours in the same chunk;
    `in_chunk`: those of its whole chunk."""
    own_set = set(own)
    window_set = own_set | around
    bigrams = set(zip(own, own[1:]))
    new_words = [w for w in words(sentence) if w not in question.words and w not in STOP_WORDS]
    new_text = " ".join(new_words)
    new_caps = [w for w in CAPITALIZED.findall(sentence) if w.lower() not in question.words]
    cover = question_cover(question, own_set)
    cover_window = question_cover(question, window_set)
    bm25_sentence = _bm25(question, own)
    asks = question.asks
    return [
        1.0,
        dense_sentence,
        dense_chunk,
        dense_sentence - best_dense_sentence,
        bm25_chunk,
        1.0 / (1 + fused_rank),
        float(fused_rank == 0),
        cover,
        cover_window,
        len(bigrams & question.bigrams) / max(len(question.bigrams), 1),
        sum(t in own_set for t in question.terms) / max(len(question.terms), 1),
        min(len(new_words), 30) / 30,
        math.log1p(len(sentence)) / 6,
        float("when" in asks and bool(YEAR.search(new_text))),
        float("when" in asks and bool(MONTH.search(new_text))),
        float("count" in asks and bool(NUMBER.search(new_text))),
        float("who" in asks and bool(new_caps)),
        float("where" in asks and bool(new_caps)),
        float(first_in_chunk),
        dense_sentence * cover,
        bm25_sentence,
        max((w for t, w in question.terms.items() if t in own_set), default=0.0)
        / (max(question.terms.values(), default=0.0) or 1.0),
        0.0, 0.0, 0.0,  # rank features, filled in by add_rank_features
        dense_neighbour,
        _ordered_match(question.sequence, [t for t in own if t in question.terms]),
        len(question.names & window_set) / len(question.names) if question.names else 1.0,
        dense_sentence * cover_window,
        bm25_sentence * dense_sentence,
        question_cover(question, in_chunk | own_set),
        cover * question_cover(question, in_chunk | own_set),
        0.0,  # rank_dense_sentence x cover, filled in by add_rank_features
        float("percent" in asks and bool(PERCENT.search(sentence))),
        float("money" in asks and bool(MONEY.search(sentence))),
        float("why" in asks and bool(BECAUSE.search(sentence))),
        float("called" in asks and (bool(new_caps) or bool(QUOTED.search(sentence)))),
    ]


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


def add_rank_features(rows: list[list[float]]) -> None:
    """Fill in, for a few key signals, 1/(1 + the candidate's rank among this question's
    candidates): which sentence is *most* similar matters more than by how much."""
    for name, column in RANKED.items():
        source, target = NAMES.index(column), NAMES.index(name)
        order = sorted(range(len(rows)), key=lambda r: -rows[r][source])
        for rank, r in enumerate(order):
            rows[r][target] = 1.0 / (1 + rank)
    dense_rank, cover, cross = (NAMES.index(n) for n in ("rank_dense_sentence", "cover", "rank_dense_x_cover"))
    for row in rows:
        row[cross] = row[dense_rank] * row[cover]
