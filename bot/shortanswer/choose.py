"""The short answer inside the quote: the few words of a quoted sentence that answer the question.

"Who is Japan's defense minister?" is answered by a 200-character sentence; the person asked for
two words of it, **Nobuo Kishi**. Every candidate phrase of the first quote (spans.py), with what
the marker (marker.py, a fine-tune of the model itself) makes of it, is scored by a linear model,
learned listwise like the sentence ranking; a second, logistic model decides whether the best
phrase is clearly the answer, from how sure the first one is of it and what was asked and found.
Below its threshold (a "why" or "how" question, a clause-long answer, several names that could each
be it) there is none: a wrong bold answer is worse than none. Both models are learned by
`scripts/train_short_answer.py` on SQuAD v1.1 dev articles 00-23 and the news dev set's
January-June weeks, each question with the marks of a marker that never saw it, and are plain
JSON (`short_answer_model.json`).

Depends only on the question, the quoted sentences in their order and their scores: a change of
sentence ranking changes which sentences come here, not how they are read (retraining on the new
quotes, which the script collects from the engine as it is, may still help).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

from bot.core.lexical import STOP_WORDS, stemmer
from bot.core.linear import sigmoid, softmax
from bot.shortanswer.marker import Marks
from bot.shortanswer.spans import (
    COLUMN,
    FEATURES,
    QTYPE_NAMES,
    SPAN_KINDS,
    Asked,
    Tokens,
    asked,
    candidate_spans,
    span_features,
    tokenize,
)

MODEL_FILE = Path(__file__).with_name("short_answer_model.json")
# The first quote only: its marks cost 3 ms a question, each further quote's about 2.5 more, and
# quotes 2-3 lifted the short answers shown on the tuning data from 0.456 to 0.480 only.
MAX_QUOTES = 1


class QuoteLike(Protocol):
    n: int
    source: str
    start: int
    end: int
    text: str
    score: float


@dataclass(frozen=True)
class ShortAnswer:
    text: str  # == the document's text[start:end], inside quote n
    source: str
    start: int
    end: int
    quote: int  # the n of the quote that holds it
    probability: float = 0.0  # of being right, by the show model

    def as_json(self) -> dict:
        return {"text": self.text, "source": self.source, "start": self.start, "end": self.end,
                "quote": self.quote}


@dataclass(frozen=True)
class Spans:
    """The candidate spans of one question's quotes: span k is tokens i[k]..j[k] of quote[k]."""

    quote: np.ndarray  # index into the quote texts given
    i: np.ndarray
    j: np.ndarray
    starts: np.ndarray  # character offsets in that quote's text
    ends: np.ndarray
    features: np.ndarray  # [spans, len(FEATURES)]
    tokens: list[Tokens]  # per quote

    def keys(self, k: int) -> list[str]:
        """Span k's word cues (lexicon keys)."""
        tokens = self.tokens[self.quote[k]]
        return tokens.first_keys[self.i[k]] + tokens.last_keys[self.j[k]]


def spans(question: Asked, texts: Sequence[str], marks: Sequence[Marks] = ()) -> Spans:
    """The candidate spans of the first quotes, with the marker's marks of them when given."""
    parts, tokens = [], []
    for n, text in enumerate(texts[:MAX_QUOTES]):
        found = tokenize(text, question)
        tokens.append(found)
        i, j = candidate_spans(found, question.whose)
        X = span_features(question, found, i, j, n + 1)
        if n < len(marks):
            _mark(X, question, marks[n], found.starts[i], found.ends[j])
        parts.append((np.full(len(i), n), i, j, found.starts[i], found.ends[j], X))
    if not parts:
        return Spans(*(np.zeros(0, np.int64) for _ in range(5)), np.zeros((0, len(FEATURES))), [])
    X = np.concatenate([p[5] for p in parts])
    if len(X):
        X[:, COLUMN["marker_share"]] = softmax(X[:, COLUMN["marker_margin"]])
    return Spans(*(np.concatenate([p[k] for p in parts]) for k in range(5)), X, tokens)


def _mark(X: np.ndarray, question: Asked, marks: Marks, starts: np.ndarray, ends: np.ndarray) -> None:
    margin = marks.margins(starts, ends)
    best_start, best_end, _ = marks.best()
    X[:, COLUMN["marker_margin"]] = margin
    X[:, COLUMN[f"{question.kind}_x_marker_margin"]] = margin
    X[:, COLUMN["marker_best"]] = (starts == best_start) & (ends == best_end)


SHOW_FEATURES = ["bias", "probability", "log_probability", "margin", *(f"asks_{q}" for q in QTYPE_NAMES),
                 *(f"span_{k}" for k in SPAN_KINDS), "from_quote_1", "log_length", "asked_share",
                 "mass_decay", "quote_cover", "side_agree", "overlap_probability", "rivals",
                 "question_words", "question_sentences", "marker_margin", "marker_best", "quote_score",
                 "log_quote_score"]


def show_features(question: Asked, found: Spans, scores: np.ndarray, best: int,
                  quote_scores: Sequence[float]) -> list[float]:
    """Evidence that the best span is the answer: how sure the span model is of it, what was asked
    and found, and how likely its quote is the answer at all (`quote_scores`: P(the articles answer)
    x the sentence's share, as quotes show it; a span of a wrong sentence is wrong, which on news,
    where the first quote is right a third of the time, is most of them)."""
    p = softmax(scores)
    runner_up = np.partition(scores, -2)[-2] if len(scores) > 1 else scores[best] - 10
    # Spans sharing characters with the best: their mass is how sure the *place* is, whatever the
    # boundaries; other spans scored nearly as high are rival answers.
    overlap = ((found.quote == found.quote[best]) & (found.starts < found.ends[best])
               & (found.ends > found.starts[best]))
    rivals = int(((scores > scores[best] - 1.0) & ~overlap).sum())
    row = found.features[best]
    value = lambda name: float(row[FEATURES.index(name)])
    kind = next((k for k in SPAN_KINDS if value(f"{question.kind}_x_{k}") > 0), "other")
    quote_score = float(quote_scores[found.quote[best]])
    return [1.0, float(p[best]), math.log(p[best] + 1e-9), min(float(scores[best] - runner_up), 10.0),
            *(float(question.kind == q) for q in QTYPE_NAMES), *(float(kind == k) for k in SPAN_KINDS),
            float(found.quote[best] == 0), value("log_length"), value("asked_share"), value("mass_decay"),
            value("quote_cover"), value("side_agree"), float(p[overlap].sum()), math.log1p(rivals), math.log1p(question.words) / 3,
            float(question.sentences), value("marker_margin") / 10, value("marker_best"), quote_score,
            math.log(quote_score + 1e-3)]


COUNTED = re.compile(r"\bhow (?:many|much)\b", re.IGNORECASE)
UNIT_WORD = re.compile(r"\s+([A-Za-z]+)")


def _counted_unit(question: str, span: str, after: str) -> int:
    """How many characters of `after` to add to a bare number so that it says what was counted:
    "Within how many days ...?" -> "28 days", "How many place settings ...?" -> "14 place settings"
    (the words the question counts, as the sentence goes on with them), not "28"; none where the
    sentence's words go on past them, naming something else."""
    counted = COUNTED.search(question)
    if not counted or not span[-1:].isdigit():
        return 0
    stem, taken = stemmer(), 0
    for word in re.findall(r"[A-Za-z]+", question[counted.end():])[:3]:
        if word.lower() in STOP_WORDS:
            break
        unit = UNIT_WORD.match(after, taken)
        if not unit or stem(unit.group(1).lower()) != stem(word.lower()):
            break
        taken = unit.end()
    going_on = UNIT_WORD.match(after, taken)
    if taken and going_on and going_on.group(1).islower() and going_on.group(1) not in STOP_WORDS:
        return 0  # "318 police community support officers": not "318 police", the number alone
    return taken


MONTHS = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
          r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?")
DATE_GOES_ON = re.compile(rf"(?:st|nd|rd|th)?,? {MONTHS}(?:,? \d{{4}}\b)?")
YEAR_GOES_ON = re.compile(r",? \d{4}\b")


def _rest_of_date(span: str, after: str) -> int:
    """How many characters of `after` to add to a date cut short: "Saturday 28" of "Saturday 28
    June", "28 June" of "28 June 2025". A day without its month names no day at all."""
    if re.search(rf"\b\d{{1,2}}(?:st|nd|rd|th)? {MONTHS}$|{MONTHS} \d{{1,2}}(?:st|nd|rd|th)?$", span):
        found = YEAR_GOES_ON.match(after)
    elif re.search(r"(?<![\d.,:£$€¥#/-])\b(?:[1-9]|[12]\d|3[01])$", span):
        found = DATE_GOES_ON.match(after)
    else:
        return 0
    return found.end() if found else 0


# What a year read alone leaves out: "2025" of "the first quarter of 2025", "spring 2026", "March 2025".
PERIOD_BEFORE = re.compile(rf"\b(?:(?:the )?(?:(?:first|second|third|fourth|final|last) (?:quarter|half) of|"
                           rf"(?:start|end|middle|beginning|turn|spring|summer|autumn|winter) of)|early|late|mid-?|"
                           rf"spring|summer|autumn|winter|{MONTHS}) ?$", re.IGNORECASE)


def _period_before(question: str, before: str, span: str) -> int:
    """How many characters of `before` to add to a year the marker read without the part of it
    meant: "When is the takeover expected to complete?" -> "the first quarter of 2025", not "2025"
    (but "What year did Tesla die?" -> "1943")."""
    wanted = re.fullmatch(r"(?:19|20)\d\d", span) and not re.search(r"\byears?\b", question, re.IGNORECASE)
    found = PERIOD_BEFORE.search(before) if wanted else None
    return len(before) - found.start() if found else 0


# A word of degree before a level read alone ("high" of "very high"): without it the level is another.
DEGREE = re.compile(r"\b(?:very|extremely|exceptionally|unusually|fairly|moderately|slightly|quite|rather|"
                    r"relatively|particularly|mostly|largely|partly)\s+$", re.IGNORECASE)


def _degree_before(before: str, span: str) -> int:
    """How many characters of `before` to add to a level the marker read without its degree: "How
    bad will the pollen be?" -> "very high", not "high" (a level in words: lower case)."""
    found = DEGREE.search(before) if span[:1].islower() else None
    return len(before) - found.start() if found else 0


@dataclass(frozen=True)
class ShortAnswerModel:
    weights: np.ndarray  # per FEATURES
    lexicon: dict[str, float]  # word cue -> weight
    show_weights: np.ndarray  # per SHOW_FEATURES
    threshold: float  # show when the show model's probability reaches it

    @staticmethod
    @lru_cache(maxsize=1)
    def load(path: Path = MODEL_FILE) -> "ShortAnswerModel":
        data = json.loads(path.read_text())
        if data["features"] != FEATURES or data["show"]["features"] != SHOW_FEATURES:
            raise ValueError(f"{path} was trained on other features; retrain it "
                             "(python scripts/train_short_answer.py)")
        return ShortAnswerModel(np.array(data["weights"]), dict(data["lexicon"]),
                                np.array(data["show"]["weights"]), float(data["show"]["threshold"]))

    def scores(self, found: Spans) -> np.ndarray:
        z = found.features @ self.weights
        weight = self.lexicon.get
        for n, tokens in enumerate(found.tokens):  # word cues: summed per token, then per span
            first = np.array([weight(a, 0.0) + weight(b, 0.0) + weight(c, 0.0) for a, b, c in tokens.first_keys])
            last = np.array([weight(a, 0.0) + weight(b, 0.0) + weight(c, 0.0) for a, b, c in tokens.last_keys])
            mine = found.quote == n
            z[mine] += first[found.i[mine]] + last[found.j[mine]]
        return z

    def show_probability(self, features: list[float]) -> float:
        z = float(np.dot(self.show_weights, features))
        return float(sigmoid(z))


def choose(question_text: str, terms: dict[str, float], quotes: Sequence[QuoteLike], marks: Sequence[Marks],
           model: ShortAnswerModel | None = None) -> ShortAnswer | None:
    """The short answer inside one of the first quotes, or None when no span is clearly it.
    `terms`: the question's stemmed content terms and their idf (features.Question.terms); `marks`:
    the marker's marks of the first MAX_QUOTES quotes (answer.settle_first has read them)."""
    model = model or ShortAnswerModel.load()
    question = asked(question_text, terms)
    found = spans(question, [q.text for q in quotes[:MAX_QUOTES]], marks)
    if not len(found.quote):
        return None
    scores = model.scores(found)
    best = int(np.argmax(scores))
    probability = model.show_probability(show_features(question, found, scores, best, [q.score for q in quotes]))
    if probability < model.threshold:
        return None
    quote = quotes[int(found.quote[best])]
    start, end = int(found.starts[best]), int(found.ends[best])
    if question.whose:  # "Whose administration ...?" -> "Joe Biden's", the possessive with it
        possessive = re.match(r"['’‘]s\b", quote.text[end:])
        end += possessive.end() if possessive else 0
    end += _counted_unit(question_text, quote.text[start:end], quote.text[end:])
    end += _rest_of_date(quote.text[start:end], quote.text[end:])
    start -= _degree_before(quote.text[:start], quote.text[start:end])
    start -= _period_before(question_text, quote.text[:start], quote.text[start:end])
    return ShortAnswer(quote.text[start:end], quote.source, quote.start + start, quote.start + end,
                       quote.n, probability)
