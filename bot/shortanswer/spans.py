"""Candidate short answers inside a sentence, and what tells the answer apart, as rows of numbers.

A candidate is a run of up to MAX_WORDS tokens that starts on a word (or "the"), ends on a content
word, crosses no bracket, quote mark or sentence end, and holds a word the question does not. Its
features say what it is (a name, a number, a year, a date) against what the question asks for (its
wh-word and head noun), whether it repeats the question, how close the question's words stand and
on which side (the answer takes the wh-phrase's place: "Who recovered the fumble?" / "...which
Danny Trevathan recovered"), the words just around it ("held on [the 16th]", an apposition between
commas) and which quote it is in; plus word cues (the word before, the first, the last, the word
after) as keys into a learned lexicon. shortanswer/choose.py scores them.

Shortcuts taken on purpose: tokens come from one regular expression, names from capital letters,
the question's type from its wh-word; no tagger, parser or extra model pass (a pass of the model
over question and sentence measured +7 points of exact match on gold sentences for about half the
time of a whole answer).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from bot.core.lexical import STOP_WORDS, stemmer, words

MAX_WORDS = 10  # tokens in a candidate; longer SQuAD answers are clauses, not short answers
NEAR = 3  # tokens on each side that count as right next to the span
WINDOW = 8  # tokens on each side in which the question's words are looked for

TOKEN = re.compile(r"""
    [$£€¥]?\d+(?:[.,:/–-]\d+)*(?:%|\s?°\s?[CF]\b|°|st\b|nd\b|rd\b|th\b|s\b)?  # numbers, 32 °C, 16th
  | (?:[^\W\d_]\.){2,}                                     # U.S., U.K.
  | [A-Z]\.(?=\s?[A-Z])                                    # initials: T. J. Ward
  | [^\W_]+(?:[-–&/.][^\W_]+)*                              # words, hyphenated words
  | ['’‘]s\b                                               # possessive
  | \S                                                     # punctuation
""", re.VERBOSE)
YEAR = re.compile(r"^(1[0-9]{3}|20[0-9]{2})s?$")
POSSESSIVE = re.compile(r"^['’‘]s$")
MONTHS = frozenset("january february march april may june july august september october november "
                   "december jan feb mar apr jun jul aug sep sept oct nov dec".split())
NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten eleven twelve thirteen "
                         "fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty "
                         "sixty seventy eighty ninety hundred thousand million billion trillion dozen "
                         "half first second third fourth fifth sixth seventh eighth ninth tenth".split())
UNITS = frozenset("percent per cent km kilometres kilometers miles mi metres meters feet ft inches kg "
                  "pounds lb tons tonnes years months weeks days hours minutes seconds dollars euros "
                  "yen people degrees acres square".split())
PREPOSITIONS = frozenset("in on at by from to of for with as into during since after before than "
                         "between through about under over against within until".split())
DETERMINERS = frozenset("the a an".split())
# A role is not part of the name after it ("Defense Minister [Nobuo Kishi]"); "King", "Sir" are.
ROLES = frozenset("president minister secretary general governor senator mayor professor chancellor "
                  "chairman ceo director coach captain judge bishop spokesman spokeswoman".split())
# Lower-case words inside a name: "Steymann v Staatssecretaris van Justitie", "Institute of ...".
NAME_LINKS = frozenset("of de del della di da du des van von der den la le y v bin ibn al el".split())
BE = frozenset("is was are were be been being became becomes has had have".split())
CALLED = frozenset("called named as titled dubbed known".split())
BAD_START = STOP_WORDS - DETERMINERS - {"no"}  # "the 16th" may open a span, "and" or "which" not
HARD_BREAKS = frozenset(";:()[]{}\"“”!?.")
OPEN, CLOSE = frozenset("(“\"‘'["), frozenset(")”\"’']")

QTYPES = {  # first match wins
    "when": re.compile(r"\b(when|what (year|date|day|month|century|decade|time|period|era)|which (year|century|decade|month|day)|(in|on|by|since|until) what (year|date|day))\b"),
    "count": re.compile(r"\bhow (many|much|long|far|old|large|big|tall|high|often|fast|deep|wide|heavy)\b|\bwhat (percentage|percent|proportion|number|amount|size|temperature|population|age)\b"),
    "who": re.compile(r"\b(who|whom|whose)\b"),
    "where": re.compile(r"\b(where|what (country|city|state|place|region|location|continent|river|town|island|county|nation)|which (country|city|state|place|region|river|town|island|county|nation))\b"),
    "why": re.compile(r"\bwhy\b|\bwhat (caused|causes|led|reason)"),
    "how": re.compile(r"\bhow\b"),
    "which": re.compile(r"\b(what|which)\b"),
}
QTYPE_NAMES = [*QTYPES, "other"]
SPAN_KINDS = ["name", "number", "year", "date", "other"]
WH_WORDS = frozenset("what which who whom whose when where why how".split())
HEAD_NOUN = re.compile(r"\b(?:what|which)\s+(?:kind of |type of |sort of )?([a-z]+)")


# -- the question ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Asked:
    """What the question asks for, as far as its wording tells."""

    kind: str  # one of QTYPE_NAMES
    head: str  # stem of the word after "what"/"which" ("what river" -> "river"), or ""
    whose: bool
    terms: dict  # stemmed content term -> idf (features.Question.terms)
    total: float  # their sum
    # Which side of the wh-word each term stands on (-1 before, +1 after): the answer takes the
    # wh-phrase's place, so in the sentence the same words tend to stand on the same sides of it.
    side: dict = field(default_factory=dict)
    after_wh: str = ""  # first content term after the wh-word ("Who [recovered] the fumble?")
    before_wh: str = ""  # last content term before it ("Tesla was [influenced] by whom?")
    words: int = 0
    sentences: int = 1  # news quizzes open with context: "... this week. Which team ...?"


def asked(text: str, terms: dict[str, float]) -> Asked:
    text = text.lower()
    stem = stemmer()
    kind = next((k for k, pattern in QTYPES.items() if pattern.search(text)), "other")
    match = HEAD_NOUN.search(text)
    head = stem(match.group(1)) if match and match.group(1) not in STOP_WORDS else ""
    tokens = words(text)
    wh = next((k for k, w in enumerate(tokens) if w in WH_WORDS), len(tokens))
    side, before, after = {}, "", ""
    for k, w in enumerate(tokens):
        term = stem(w)
        if w in STOP_WORDS or term not in terms or term == head:
            continue
        side.setdefault(term, -1 if k < wh else 1)
        if k < wh:
            before = term
        elif not after:
            after = term
    return Asked(kind, head, "whose" in tokens, dict(terms), sum(terms.values()) or 1.0, side,
                 after, before, len(tokens), max(1, len(re.findall(r"[.!?](?:\s|$)", text.strip()))))


# -- the sentence ---------------------------------------------------------------------------------
WORD_FLAGS = ["punct", "stop", "number", "year", "month", "unit", "possessive", "hard", "comma", "open",
              "close", "prep", "det", "role", "be", "called", "bad_start", "link"]
FLAGS = [*WORD_FLAGS, "initial", "cap", "name", "head", "after_wh", "before_wh"]


@lru_cache(maxsize=100_000)
def _word(token: str) -> tuple[tuple[bool, ...], str, str]:
    """What a token is whatever the question: its WORD_FLAGS, its stem and its lexicon cue."""
    t = token.lower()
    punct = not (t[0].isalnum() or t[-1].isalnum())
    possessive = bool(POSSESSIVE.match(t))
    flags = (punct, t in STOP_WORDS and not punct, any(c.isdigit() for c in t) or t in NUMBER_WORDS,
             bool(YEAR.match(t)), t in MONTHS, t in UNITS or t[-1] == "%" or t[0] in "$£€¥", possessive,
             t in HARD_BREAKS, t == ",", t in OPEN, t in CLOSE, t in PREPOSITIONS, t in DETERMINERS,
             t in ROLES, t in BE, t in CALLED, t in BAD_START or punct or possessive, t in NAME_LINKS)
    return flags, "" if punct else stemmer()(t), "<num>" if t[0].isdigit() else t


@dataclass(frozen=True)
class Tokens:
    """A sentence's tokens. Per-token flags are padded with an empty slot at each end, so for the
    span of tokens i..j the token before it is flag[i] and the one after it flag[j + 2]."""

    starts: np.ndarray  # character offsets in the sentence (unpadded)
    ends: np.ndarray
    stems: list[str]
    flags: dict[str, np.ndarray]  # padded, by name (FLAGS, plus idf, side, inq, content)
    first_keys: list[list[str]]  # lexicon keys of a span starting at token i
    last_keys: list[list[str]]  # ... and of one ending at token j


def tokenize(text: str, question: Asked) -> Tokens:
    found = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]
    words = [_word(token) for _, _, token in found]
    n = len(found)
    table = np.zeros((n + 2, len(FLAGS)), dtype=bool)
    if n:
        table[1:-1, : len(WORD_FLAGS)] = np.array([w[0] for w in words], dtype=bool)
    flags = {name: table[:, k] for k, name in enumerate(FLAGS)}
    stems = [w[1] for w in words]
    idf = np.array([0.0, *(question.terms.get(s, 0.0) for s in stems), 0.0])
    idf[1:-1][flags["stop"][1:-1] | flags["punct"][1:-1]] = 0.0
    after_end = True
    for k, (_, _, token) in enumerate(found, start=1):
        punct = flags["punct"][k]
        flags["initial"][k] = after_end and not punct
        after_end = token in ".!?" or (after_end and punct)
        flags["cap"][k] = token[0].isupper() and not punct
    # A sentence's first word is a name only when the question does not use it; a linking word
    # between two capitalized words belongs to the name.
    flags["name"][:] = flags["cap"] & (~flags["initial"] | ((idf == 0) & ~flags["stop"]))
    flags["name"][1:-1] |= flags["link"][1:-1] & flags["cap"][:-2] & flags["cap"][2:] & ~flags["stop"][1:-1]
    for name, term in (("head", question.head), ("after_wh", question.after_wh), ("before_wh", question.before_wh)):
        if term:
            flags[name][1:-1] = [s == term for s in stems]
    flags["idf"] = idf
    flags["side"] = np.array([0.0, *(float(question.side.get(s, 0)) for s in stems), 0.0]) * (idf > 0)
    flags["inq"] = idf > 0
    flags["content"] = ~flags["punct"] & ~flags["stop"]
    flags["content"][[0, -1]] = False
    cue = ["<s>", *(w[2] for w in words), "</s>"]
    kind, head = question.kind, question.head or "-"
    first = [[f"{kind}|prev={cue[k]}", f"{kind}|first={cue[k + 1]}", f"{head}|prev={cue[k]}"] for k in range(n)]
    last = [[f"{kind}|next={cue[k + 2]}", f"{kind}|last={cue[k + 1]}", f"{head}|last={cue[k + 1]}"] for k in range(n)]
    return Tokens(np.array([s for s, _, _ in found], dtype=np.int64),
                  np.array([e for _, e, _ in found], dtype=np.int64), stems, flags, first, last)


@lru_cache(maxsize=256)
def _pairs(n: int) -> tuple[np.ndarray, np.ndarray]:
    i, j = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
    keep = (j >= i) & (j - i < MAX_WORDS)
    return i[keep], j[keep]


def candidate_spans(tokens: Tokens, possessor: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Token ranges i..j (inclusive, unpadded) that could be a short answer. For a "whose"
    question only possessors when there are any: "[Joe Biden]'s administration"."""
    f = tokens.flags
    n = len(tokens.starts)
    if n == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    i, j = _pairs(n)
    breaks, new = np.cumsum(f["hard"]), np.cumsum(f["content"] & ~f["inq"])
    ok = ~f["bad_start"][i + 1] & f["content"][j + 1] & (breaks[j + 1] == breaks[i]) & (new[j + 1] > new[i])
    if possessor and (ok & f["possessive"][j + 2]).any():
        ok &= f["possessive"][j + 2]
    return i[ok], j[ok]


# -- features -------------------------------------------------------------------------------------
# What the marker (marker.py) makes of the span, also by the kind of question: filled in by
# short_answer.spans, which has the marker's marks.
MARKER = ["marker_margin", "marker_share", "marker_best", *(f"{q}_x_marker_margin" for q in QTYPE_NAMES)]
BASE = ["bias", "log_length", "one_word", "asked_share", "all_names", "whole_name", "cuts_name",
        "number", "unit", "year", "month", "near_left", "near_right", "near_left_1", "near_right_1",
        "mass_left", "mass_right", "mass_left_near", "mass_right_near", "mass_decay", "mass_x_near",
        "side_agree", "side_disagree", "wh_next_follows", "wh_prev_precedes", "position",
        "sentence_start", "sentence_end", "after_prep", "after_det", "after_comma", "after_open",
        "after_be", "after_called", "after_asked", "after_asked_prep", "before_comma", "before_close",
        "before_prep", "before_be", "before_asked", "before_possessive", "enclosed", "apposition",
        "head_inside", "head_next", "starts_det", "starts_role", "year_asked_x_year",
        "year_asked_x_more", "whose_x_possessive",
        "quote_2", "quote_3", "quote_cover", *MARKER]
# Where the span stands, by the kind of question: "who" answers open sentences and follow the
# question's own words ("Defense Minister [Nobuo Kishi]"), "when" answers follow prepositions.
CROSSED = ["after_asked", "after_asked_prep", "before_asked", "sentence_start", "after_prep",
           "before_be", "near_left_1", "near_right_1", "apposition", "side_agree"]
FEATURES = BASE + [f"{q}_x_{name}" for q in QTYPE_NAMES
                   for name in (*SPAN_KINDS, "log_length", "near", *CROSSED)]
COLUMN = {name: k for k, name in enumerate(FEATURES)}


def span_features(question: Asked, tokens: Tokens, i: np.ndarray, j: np.ndarray,
                  quote_rank: int) -> np.ndarray:
    """[spans, len(FEATURES)] for the spans i..j (unpadded) of one quote."""
    f = tokens.flags
    size = len(f["punct"])  # padded length
    a, b = i + 1, j + 2  # the span is padded[a:b]; the token before it is a - 1, the one after b
    before, after = a - 1, b
    sums = {name: np.concatenate([[0.0], np.cumsum(f[name], dtype=np.float64)])
            for name in ("content", "name", "number", "year", "month", "unit", "inq", "idf", "head",
                         "after_wh", "before_wh")}

    def inside(name):
        return sums[name][b] - sums[name][a]

    def around(name, lo, hi):  # over padded[lo:hi], clipped to the sentence
        return sums[name][np.minimum(np.maximum(hi, 0), size)] - sums[name][np.minimum(np.maximum(lo, 0), size)]

    X = np.zeros((len(i), len(FEATURES)))

    def put(name, values):
        X[:, COLUMN[name]] = values

    count = inside("content")
    all_names = (inside("name") >= count) & (count > 0)
    number, year, month = inside("number") > 0, inside("year") > 0, inside("month") > 0
    kind = np.select([month & number | year & month, year, number, all_names], [3, 2, 1, 0], default=4)
    length = np.log(j - i + 1.0)
    total = question.total
    matched = np.flatnonzero(f["inq"])
    gap_left = gap_right = np.full(len(i), size)
    decay = agree = disagree = np.zeros(len(i))
    if len(matched):
        left = np.searchsorted(matched, a) - 1
        gap_left = np.where(left >= 0, a - matched[np.maximum(left, 0)], size)
        right = np.searchsorted(matched, b)
        gap_right = np.where(right < len(matched), matched[np.minimum(right, len(matched) - 1)] - b + 1, size)
        distance = np.minimum(np.abs(matched[None, :] - a[:, None]), np.abs(matched[None, :] - (b - 1)[:, None]))
        within = (matched[None, :] >= a[:, None]) & (matched[None, :] < b[:, None])
        weight = np.where(within, 0.0, f["idf"][matched][None, :] / np.maximum(distance, 1))
        decay = weight.sum(1) / total
        # +1 where the sentence has a word on the same side of the span as the question of its wh-word.
        agreement = np.where(matched[None, :] >= b[:, None], 1.0, -1.0) * f["side"][matched][None, :]
        agree = (weight * (agreement > 0)).sum(1) / total
        disagree = (weight * (agreement < 0)).sum(1) / total
    gap = np.minimum(gap_left, gap_right)
    # A name goes on past a role word only: "Defense Minister [Nobuo Kishi]", not "Electrical
    # [Engineers]" or "Institute of [Electrical Engineers]".
    outer = f["name"] & ~f["role"]
    linked_before = f["link"][before] & outer[np.maximum(before - 1, 0)]
    linked_after = f["link"][after] & outer[np.minimum(after + 1, size - 1)]
    named_before = outer[before] & ~f["initial"][before] | linked_before
    named_after = outer[after] | linked_after
    put("bias", 1.0)
    put("log_length", length)
    put("one_word", count == 1)
    put("asked_share", inside("inq") / np.maximum(count, 1))
    put("all_names", all_names)
    put("whole_name", all_names & ~named_before & ~named_after)
    put("cuts_name", named_before | named_after & f["cap"][b - 1])
    put("number", number)
    put("unit", inside("unit") > 0)
    put("year", year)
    put("month", month)
    put("near_left", 1.0 / gap_left)
    put("near_right", 1.0 / gap_right)
    put("near_left_1", gap_left == 1)
    put("near_right_1", gap_right == 1)
    put("mass_left", around("idf", a - WINDOW, a) / total)
    put("mass_right", around("idf", b, b + WINDOW) / total)
    put("mass_left_near", around("idf", a - NEAR, a) / total)
    put("mass_right_near", around("idf", b, b + NEAR) / total)
    put("mass_decay", decay)
    put("mass_x_near", decay / gap)
    put("side_agree", agree)
    put("side_disagree", disagree)
    put("wh_next_follows", around("after_wh", b, b + NEAR) > 0)
    put("wh_prev_precedes", around("before_wh", a - NEAR, a) > 0)
    put("position", i / max(size - 2, 1))
    put("sentence_start", ~(f["content"][before] | f["stop"][before]) & ~f["open"][before])
    put("sentence_end", f["hard"][after] | (after == size - 1))
    for flag in ("prep", "det", "comma", "open", "be", "called"):
        put(f"after_{flag}", f[flag][before])
    put("after_asked", f["inq"][before])
    put("after_asked_prep", f["prep"][before] & f["inq"][np.maximum(before - 1, 0)])  # "held on [the 16th]"
    for flag in ("comma", "close", "prep", "be", "possessive"):
        put(f"before_{flag}", f[flag][after])
    put("before_asked", f["inq"][after])
    put("enclosed", f["open"][before] & f["close"][after])
    put("apposition", f["comma"][before] & (f["comma"][after] | f["hard"][after]))
    put("head_inside", inside("head") > 0)
    put("head_next", around("head", a - 2, a) + around("head", b, b + 2) > 0)
    put("starts_det", f["det"][a])
    put("starts_role", f["role"][a])
    put("year_asked_x_year", (question.head == "year") & year & (count == 1))
    put("year_asked_x_more", (question.head == "year") & (month | (count > 1)))
    put("whose_x_possessive", f["possessive"][after] & question.whose)
    put("quote_2", quote_rank == 2)
    put("quote_3", quote_rank >= 3)
    put("quote_cover", sum(question.terms.get(s, 0.0) for s in set(tokens.stems)) / total)
    q = question.kind
    for k, span_kind in enumerate(SPAN_KINDS):
        put(f"{q}_x_{span_kind}", kind == k)
    put(f"{q}_x_log_length", length)
    put(f"{q}_x_near", 1.0 / gap)
    for name in CROSSED:
        put(f"{q}_x_{name}", X[:, COLUMN[name]])
    return X
