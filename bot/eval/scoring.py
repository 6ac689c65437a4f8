"""How good the answers are, in numbers: `score` one list of results, `score_groups` each group.

Gold answer inside the first quote / first three quotes (case and spacing ignored; a tentative
answer's closest passages count as its quotes), token F1 of the first quote, answered (confidently),
tentative, declined and not-confident rates, confident errors (a confident first quote that misses,
an unanswerable question answered confidently, a wrong bold short answer), quote validity, short
answers (how often shown; exact match and token F1 over all answerable questions and among those
shown; gold string inside the shown ones), retrieval hit@1, hit@5, MRR and nDCG@10 over documents,
latency p50/p95.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from bot.answer.compose import NOT_IN_DOCUMENTS
from bot.eval.datasets import Item


@dataclass
class Result:
    item: Item
    answered: bool
    quotes: list[dict]
    ranked_sources: list[str]
    seconds: float
    error: str = ""
    bad_quotes: list[dict] = field(default_factory=list)
    short: dict | None = None  # the answer's short_answer
    tentative: bool = False  # offered as a tentative answer: `quotes` are then its closest passages
    closest: dict | None = None  # a declined answer's closest passage, shown apart (never scored)

# -- scoring ------------------------------------------------------------------------------------
def _flat(text: str) -> str:
    return " ".join(text.split()).lower()

def _tokens(text: str) -> list[str]:
    """SQuAD's normalization: lower case, punctuation and articles dropped, words."""
    text = re.sub(r"\b(a|an|the)\b", " ", re.sub(r"[^\w\s]", " ", text.lower()))
    return text.split()

def contains(text: str, answers) -> bool:
    """A gold answer inside `text`, case and spacing ignored: how every figure here counts a hit."""
    flat = _flat(text)
    return any(_flat(a) in flat for a in answers)

def exact_match(prediction: str, answers) -> bool:
    return any(_tokens(prediction) == _tokens(a) for a in answers)

def token_f1(prediction: str, gold: str) -> float:
    p, g = _tokens(prediction), _tokens(gold)
    common = sum((Counter(p) & Counter(g)).values())
    if not common:
        return 0.0
    precision, recall = common / len(p), common / len(g)
    return 2 * precision * recall / (precision + recall)

def _rate(flags) -> float | None:
    flags = list(flags)
    return round(float(np.mean(flags)), 4) if flags else None

def verdict(result: Result) -> bool | None:
    """Right or wrong: the gold answer inside the first quote, a refusal where the articles do not
    answer, or, for a down-voted response, anything but that response; None for graded documents."""
    item = result.item
    if item.relevant:
        return None
    if item.rejected:
        given = result.quotes[0]["text"] if result.answered and result.quotes else NOT_IN_DOCUMENTS
        return given not in item.rejected
    if item.answers:
        return bool(result.quotes) and contains(result.quotes[0]["text"], item.answers)
    return not result.answered

def score(results: list[Result]) -> dict:
    answerable = [r for r in results if r.item.answers]
    unanswerable = [r for r in results if not r.item.answers and not r.item.relevant and not r.item.rejected]
    rejected = [r for r in results if r.item.rejected]
    graded = [r for r in results if r.item.relevant]

    def hit(r: Result, n: int) -> bool:
        return any(contains(q["text"], r.item.answers) for q in r.quotes[:n])

    quotes = sum(len(r.quotes) for r in results)
    bad = [q for r in results for q in r.bad_quotes]
    seconds = np.array([r.seconds for r in results if not r.error]) * 1000
    metrics = {
        "questions": len(results),
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
        "first_quote": _rate(hit(r, 1) for r in answerable),
        "top3_quotes": _rate(hit(r, 3) for r in answerable),
        "f1_first_quote": _rate(max((token_f1(r.quotes[0]["text"], a) for a in r.item.answers), default=0)
                                if r.quotes else 0.0 for r in answerable),
        "first_quote_chars": round(float(np.mean([len(r.quotes[0]["text"]) for r in results if r.quotes])), 1)
        if any(r.quotes for r in results) else None,
        "answered": _rate(r.answered for r in answerable),
        "tentative": _rate(r.tentative for r in answerable),
        "offered": _rate(r.answered or r.tentative for r in answerable),
        "declined": _rate(not r.answered and not r.tentative for r in unanswerable),
        "not_confident": _rate(not r.answered for r in unanswerable),
        **_confident_errors(answerable, unanswerable),
        "down_votes": len(rejected) or None,
        "down_votes_fixed": _rate(verdict(r) for r in rejected),
        "quotes_checked": quotes,
        "quote_validity": round(1 - len(bad) / quotes, 6) if quotes else None,
        "invalid_quotes": bad[:50],
        "errors": sum(bool(r.error) for r in results),
        "p50_ms": round(float(np.percentile(seconds, 50)), 2) if len(seconds) else None,
        "p95_ms": round(float(np.percentile(seconds, 95)), 2) if len(seconds) else None,
    }
    metrics.update(_short_metrics(answerable))
    with_source = [r for r in answerable if r.item.source]
    if with_source:
        ranks = [_first_rank(r.ranked_sources, {r.item.source}) for r in with_source]
        metrics.update(_rank_metrics(ranks))
    if graded:
        ranks = [_first_rank(r.ranked_sources, set(r.item.relevant)) for r in graded]
        metrics.update(_rank_metrics(ranks))
        metrics["ndcg@10"] = _rate(_ndcg(r.ranked_sources[:10], r.item.relevant) for r in graded)
    return metrics

def _confident_errors(answerable: list[Result], unanswerable: list[Result]) -> dict:
    """The worst outcome, counted apart: a confident answer whose first quote misses the gold answer,
    a question the articles do not answer answered confidently, and a bold short answer that does
    not hold the gold answer."""
    if not answerable and not unanswerable:
        return {}
    wrong = [r.answered and not (r.quotes and contains(r.quotes[0]["text"], r.item.answers)) for r in answerable]
    bold = sum(bool(r.short) and not contains(r.short["text"], r.item.answers) for r in answerable)
    return {"confident_errors": sum(wrong) + sum(r.answered for r in unanswerable) + bold,
            "confident_wrong": _rate(wrong), "confident_unanswerable": _rate(r.answered for r in unanswerable),
            "wrong_bold": bold}

def _short_metrics(answerable: list[Result]) -> dict:
    """Short answers: how often one is shown, and exact match / token F1 (SQuAD's normalization)
    / gold string inside it, over all answerable questions (none shown counts 0) and among shown."""
    shown = [r for r in answerable if r.short]
    if not shown:
        return {"short_shown": _rate(False for _ in answerable)} if answerable else {}
    em = {id(r): float(exact_match(r.short["text"], r.item.answers)) for r in shown}
    f1 = {id(r): max(token_f1(r.short["text"], a) for a in r.item.answers) for r in shown}
    return {
        "short_shown": _rate(r.short is not None for r in answerable),
        "short_em": _rate(em.get(id(r), 0.0) for r in answerable),
        "short_f1": _rate(f1.get(id(r), 0.0) for r in answerable),
        "short_em_shown": _rate(em.values()),
        "short_f1_shown": _rate(f1.values()),
        "short_contains_shown": _rate(contains(r.short["text"], r.item.answers) for r in shown),
    }

def _first_rank(ranked: list[str], relevant: set[str]) -> int | None:
    return next((i for i, source in enumerate(ranked) if source in relevant), None)

def _rank_metrics(ranks: list[int | None]) -> dict:
    return {
        "hit@1": _rate(r is not None and r < 1 for r in ranks),
        "hit@5": _rate(r is not None and r < 5 for r in ranks),
        "mrr": _rate(1 / (r + 1) if r is not None else 0.0 for r in ranks),
    }

def _ndcg(ranked: list[str], relevant: dict) -> float:
    dcg = sum(relevant.get(s, 0) / math.log2(i + 2) for i, s in enumerate(ranked))
    ideal = sum(g / math.log2(i + 2) for i, g in enumerate(sorted(relevant.values(), reverse=True)[:10]))
    return dcg / ideal if ideal else 0.0

def score_groups(results: list[Result]) -> dict[str, dict]:
    """Metrics for all questions, then for each group (SQuAD halves, SQuAD 2.0 kinds...)."""
    groups = {"all": results}
    for result in results:
        if result.item.group:
            groups.setdefault(result.item.group, []).append(result)
    return {name: score(members) for name, members in groups.items()}
