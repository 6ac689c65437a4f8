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
}
YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})s?\b")
MONTH = re.compile(r"\b(january|february|march|april|may|june|july|august|september|october|november|december)\b", re.I)
NUMBER = re.compile(r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|dozen)\b", re.I)
CAPITALIZED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-zA-Z]+")

NAMES = [
    "bias", "dense_sentence", "dense_chunk", "dense_gap", "bm25_chunk", "fused_rank", "rank_first",
    "cover", "cover_window", "cover_bigram", "cover_count", "new_words", "log_length",
    "asks_when_year", "asks_when_month", "asks_count_number", "asks_who_name", "asks_where_name",
    "sentence_first", "dense_x_cover",
]


@dataclass(frozen=True)
class Question:
    """Everything about the question that features need, computed once."""

    text: str
    vector: np.ndarray
    terms: dict[str, float]  # stemmed content term -> idf
    bigrams: set[tuple[str, str]]
    asks: frozenset[str]
    words: frozenset[str]  # lower-cased words (stop words included), to tell new words from old


def stems(text: str) -> list[str]:
    stem = _stemmer()
    return [stem(w) for w in words(text) if w not in STOP_WORDS]


def question_info(text: str, vector: np.ndarray, idf) -> Question:
    content = stems(text)
    return Question(
        text=text,
        vector=vector,
        terms={t: idf(t) for t in content},
        bigrams=set(zip(content, content[1:])),
        asks=frozenset(kind for kind, pattern in ASKS.items() if pattern.search(text.lower())),
        words=frozenset(words(text)),
    )


def _cover(question: Question, present: set[str]) -> float:
    total = sum(question.terms.values()) or 1.0
    return sum(w for t, w in question.terms.items() if t in present) / total


def sentence_features(question: Question, sentence: str, window: str, dense_sentence: float,
                      dense_chunk: float, bm25_chunk: float, fused_rank: int, first_in_chunk: bool,
                      best_dense_sentence: float) -> list[float]:
    own = stems(sentence)
    own_set = set(own)
    window_set = own_set | set(stems(window))
    bigrams = set(zip(own, own[1:]))
    new_words = [w for w in words(sentence) if w not in question.words and w not in STOP_WORDS]
    new_text = " ".join(new_words)
    new_caps = [w for w in CAPITALIZED.findall(sentence) if w.lower() not in question.words]
    cover = _cover(question, own_set)
    asks = question.asks
    return [
        1.0,
        dense_sentence,
        dense_chunk,
        dense_sentence - best_dense_sentence,
        math.log1p(bm25_chunk),
        1.0 / (1 + fused_rank),
        float(fused_rank == 0),
        cover,
        _cover(question, window_set),
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
    ]
