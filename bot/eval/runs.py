"""`bot eval`: run the bot over a question set and say, with numbers, how good the answers are.

Datasets: the project's JSON lines (`{"question", "answers", "source"?, "history"?}`, `answers: []`
for a question the documents do not answer), the shared SQuAD `questions.jsonl`, SQuAD-format JSON,
a SQuAD 2.0 sample folder (`queries.json` + `ground_truth.json`), a BEIR folder (corpus, queries,
qrels) and the web app's `feedback.jsonl`. A question whose `source` is not in the index is expected
to be declined: that is how the held-out refusal protocol is run.

Scores: gold answer inside the first quote / first three quotes (case and spacing ignored; a
tentative answer's closest passages count as its quotes), token F1 of the first quote, answered
(confidently), tentative, declined and not-confident rates, confident errors (a confident first quote
that misses, an unanswerable question answered confidently, a wrong bold short answer), quote validity (`text == file[start:end]`, the
extracted text for PDF, HTML, DOCX and Markdown; every failure listed, short answers included),
short answers (how often shown; exact match and token F1 over all answerable questions and among
those shown; gold string inside the shown ones), retrieval hit@1, hit@5, MRR and nDCG@10 over
documents, latency p50/p95.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import random
import re
import shutil
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from bot.answer.compose import NOT_IN_DOCUMENTS
from bot.answer.engine import Engine
from bot.answer.followups import history_problem
from bot.core.errors import BotError
from bot.ingest.documents import Document, read_document


@dataclass(frozen=True)
class Item:
    question: str
    answers: tuple[str, ...] = ()  # empty: the documents do not answer it
    source: str | None = None  # file (relative to the seeds folder) that holds the answer
    history: tuple = ()
    relevant: dict = field(default_factory=dict)  # BEIR: document id -> grade
    group: str = ""  # e.g. the SQuAD half, reported separately
    rejected: tuple[str, ...] = ()  # a down-voted response (first quote, or the refusal): not right


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


# -- loading datasets ---------------------------------------------------------------------------
def spread(items: list[Item], n: int) -> list[Item]:
    """`n` questions evenly spaced over the whole set (every len/n-th one), so a fixed sample covers
    every article: `bot eval --sample 2000` on SQuAD is the README's 2,000-question sample."""
    if not n or n >= len(items):
        return items
    return [items[i * len(items) // n] for i in range(n)]


def load_dataset(path: Path) -> list[Item]:
    path = Path(path)
    if not path.exists():
        raise BotError(f"{path}: no such file or folder")
    if path.is_dir():
        if (path / "corpus.jsonl").exists():
            return _load_beir(path)
        if (path / "queries.json").exists():
            return _load_squad2_sample(path)
        if (path / "questions.jsonl").exists():
            return load_dataset(path / "questions.jsonl")
        raise BotError(f"{path}: not a BEIR folder, SQuAD 2.0 sample or folder with questions.jsonl")
    try:
        if path.suffix == ".json":
            return _load_squad_json(path)
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise BotError(f"{path}: not UTF-8 text") from None
    except (KeyError, TypeError, ValueError) as error:
        raise BotError(f"{path}: not SQuAD-format JSON ({type(error).__name__}: {error})") from None
    items = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError:
            raise BotError(f"{path}:{number}: not valid JSON") from None
        if problem := row_problem(row):
            raise BotError(f"{path}:{number}: {problem}")
        items.append(_item_from_row(row))
    return items


def row_problem(row) -> str:
    """What is wrong with one JSON line of a question set, or "": a typo must not turn a question
    into an unanswerable one, nor a string of answers into its characters."""
    if not isinstance(row, dict):
        return "each line must be a JSON object"
    if not isinstance(row.get("question"), str) or not row["question"].strip():
        return 'field "question" must be a non-empty string'
    if "vote" in row and "quotes" in row:  # feedback.jsonl from the web chat
        return "" if isinstance(row["quotes"], list) and row["vote"] in ("up", "down") else \
            'a vote line needs "vote": "up" or "down" and a "quotes" list'
    if "answers" not in row:
        if "answer" in row:
            return 'field "answer" is not read: name it "answers", a list of strings'
        return 'field "answers" is missing: a list of answer strings, [] when the articles do not answer'
    answers = row["answers"]
    if not isinstance(answers, list):
        return f'field "answers" must be a list of strings, not {type(answers).__name__} (e.g. ["6 a.m."])'
    if not all(isinstance(a, str) and a.strip() or isinstance(a, dict) and isinstance(a.get("text"), str)
               for a in answers):
        return 'field "answers" must hold non-empty strings (or {"text": ...} objects)'
    if row.get("source") is not None and not isinstance(row["source"], str):
        return 'field "source" must be a file name (a string)'
    if problem := history_problem(row.get("history")):
        return f"field {problem}"
    return ""


def _item_from_row(row: dict) -> Item:
    if "vote" in row and "quotes" in row:  # feedback.jsonl from the web chat
        return _vote_item(row)
    answers = tuple(a["text"] if isinstance(a, dict) else a for a in row.get("answers", []))
    source = row.get("source") or (Path(row["article_file"]).name if "article_file" in row else None)
    return Item(row["question"], answers, source, tuple(row.get("history") or ()),
                group=row.get("kind") or _half(source) or _weeks(row.get("date")))


def _vote_item(row: dict) -> Item:
    """A thumbs up says the response given was right (its first quote, or its refusal); a thumbs
    down says it was wrong: not that it should have been declined."""
    quotes = row["quotes"]
    answered = (bool(row.get("answered", True)) or bool(row.get("tentative"))) and bool(quotes)
    given = quotes[0]["text"] if answered else NOT_IN_DOCUMENTS
    source = quotes[0].get("source") if answered else None
    if row["vote"] == "up":
        return Item(row["question"], (given,) if answered else (), source, group="vote up")
    return Item(row["question"], (), source, rejected=(given,), group="vote down")


def _half(source: str | None) -> str:
    """SQuAD articles are named NN_Title.txt; 00-23 is the tuning half, 24-47 the held-out one."""
    match = re.match(r"(\d\d)_", source or "")
    if not match:
        return ""
    return "tuning 00-23" if int(match.group(1)) < 24 else "held-out 24-47"


def _weeks(date) -> str:
    """The news dev set's quizzes are dated 2023/MM/DD: January-June tune, July-December are held out."""
    match = re.match(r"\d{4}/(\d\d)", date if isinstance(date, str) else "")
    if not match:
        return ""
    return "tuning Jan-Jun" if int(match.group(1)) <= 6 else "held-out Jul-Dec"


def _load_squad_json(path: Path) -> list[Item]:
    data = json.loads(path.read_text(encoding="utf-8"))["data"]
    items = []
    for number, article in enumerate(data):
        source = f"{number:02d}_{article['title']}.txt"
        for paragraph in article["paragraphs"]:
            for qa in paragraph["qas"]:
                answers = () if qa.get("is_impossible") else tuple(a["text"] for a in qa["answers"])
                items.append(Item(qa["question"], answers, source, group=_half(source)))
    return items


def _load_squad2_sample(path: Path) -> list[Item]:
    queries = json.loads((path / "queries.json").read_text(encoding="utf-8"))["queries"]
    truth = json.loads((path / "ground_truth.json").read_text(encoding="utf-8"))
    items = []
    for query in queries:
        gold = truth[query["id"]]
        answers = () if gold["is_impossible"] else tuple(
            a["text"] if isinstance(a, dict) else a for a in gold["answers"])
        items.append(Item(query["question"], answers, group="unanswerable" if gold["is_impossible"] else "answerable"))
    return items


def _load_beir(path: Path) -> list[Item]:
    queries = {}
    for line in (path / "queries.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        queries[str(row["_id"])] = row["text"]
    relevant: dict[str, dict] = {}
    qrels = path / "qrels" / "test.tsv"
    for line in qrels.read_text(encoding="utf-8").splitlines()[1:]:
        query_id, doc_id, grade = line.split("\t")
        if int(grade) > 0:
            relevant.setdefault(query_id, {})[f"{doc_id}.txt"] = int(grade)
    return [Item(queries[q], relevant=docs) for q, docs in relevant.items() if q in queries]


def materialize_beir(path: Path, target: Path) -> Path:
    """Write each BEIR corpus document as `<id>.txt` (title, blank line, text) so it can be indexed."""
    if target.is_dir() and any(target.iterdir()):
        return target
    target.mkdir(parents=True, exist_ok=True)
    for line in (path / "corpus.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        text = f"{row.get('title', '')}\n\n{row['text']}".strip() + "\n"
        (target / f"{row['_id']}.txt").write_text(text, encoding="utf-8")
    return target


# -- running ------------------------------------------------------------------------------------
def run(engine: Engine, items: list[Item], mode: str = "fused", progress=None) -> list[Result]:
    loaded = engine.loaded()
    seeds = Path(loaded.index.manifest.seeds)
    indexed = set(loaded.index.documents)
    results = []
    for item in items:
        if item.source and item.source not in indexed and item.answers:
            item = Item(item.question, (), item.source, item.history, item.relevant, "source not indexed")
        started = time.perf_counter()
        try:
            answer, hits = engine.ask_with_hits(item.question, list(item.history), mode=mode)
        except BotError as error:
            results.append(Result(item, False, [], [], time.perf_counter() - started, str(error)))
            continue
        # The passages shown as an answer: a confident answer's quotes, a tentative one's closest passages.
        quotes = [q.as_json() for q in (answer.closest if answer.tentative else answer.quotes)]
        ranked = list(dict.fromkeys(loaded.index.chunks.source(hit.row) for hit in hits))  # by best chunk
        short = answer.short_answer.as_json() if answer.short_answer else None
        bad = _invalid(seeds, [q.as_json() for q in answer.quotes + answer.closest] + ([short] if short else []))
        results.append(Result(item, answer.answered, quotes, ranked, answer.seconds, bad_quotes=bad, short=short,
                              tentative=answer.tentative))
        if progress:
            progress(1)
    return results


def each_article(items: list[Item], seeds: Path, work: Path, settings, per_article: int,
                 embedder, progress=None) -> list[Result]:
    """The single-article protocol: every article the questions are about is indexed alone (in
    `work`), then asked `per_article` of its own questions and as many about other articles,
    which it should decline, and every question given its `source` but no answer (asked about the
    story, not answered in it: group "not in its article"). Measures the refusal where a folder
    holds one short article."""
    from bot.answer.engine import build

    rng = random.Random(0)  # the same sample every run
    by_source: dict[str, list[Item]] = {}
    unanswered: dict[str, list[Item]] = {}
    for item in items:
        if item.source and item.answers:
            by_source.setdefault(item.source, []).append(item)
        elif item.source:
            unanswered.setdefault(item.source, []).append(dataclasses.replace(item, group="not in its article"))
    results = []
    for source, own in sorted(by_source.items()):
        others = [i for s, group in by_source.items() if s != source for i in group]
        asked = rng.sample(own, min(per_article, len(own))) + rng.sample(others, min(per_article, len(others)))
        asked += unanswered.get(source, [])
        folder = work / hashlib.sha1(source.encode()).hexdigest()[:16]
        (folder / "seeds").mkdir(parents=True, exist_ok=True)
        if not (folder / "seeds" / source).exists():
            shutil.copyfile(seeds / source, folder / "seeds" / source)
        alone = dataclasses.replace(settings, seeds_dir=folder / "seeds", index_dir=folder / "index", store=None)
        build(alone, embedder)
        with Engine(alone, embedder) as engine:
            results += run(engine, asked, progress=progress)
    return results


_file_cache: dict[Path, str] = {}


def _invalid(seeds: Path, quotes: list[dict]) -> list[dict]:
    bad = []
    for quote in quotes:
        path = seeds / quote["source"]
        if path not in _file_cache:  # read again from the file: for PDF, HTML... extracted again
            document = read_document(path, quote["source"])
            _file_cache[path] = document.text if isinstance(document, Document) else None
        text = _file_cache[path]
        if text is None or text[quote["start"] : quote["end"]] != quote["text"]:
            bad.append(quote)
    return bad


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


def run_peer(items: list[Item], seeds: Path, work: Path, progress=None) -> list[Result]:
    """The same questions through LangChain's standard pipeline (bot/peer.py) over the same files.
    Its quotes are its top chunks, its documents the sources of its top 30 chunks; it never declines."""
    from bot.eval.peer import PeerSearch, build_peer

    if not (work / "index.faiss").exists():
        build_peer(seeds, work)
    peer = PeerSearch(work)
    results = []
    for item in items:
        started = time.perf_counter()
        hits = peer.search(item.question, 30)
        seconds = time.perf_counter() - started
        quotes = [{"n": n, "source": h.source, "start": h.start, "end": h.end, "text": h.text, "score": 0.0}
                  for n, h in enumerate(hits[:4], start=1)]
        ranked = list(dict.fromkeys(h.source for h in hits))
        results.append(Result(item, True, quotes, ranked, seconds, bad_quotes=_invalid(seeds, quotes)))
        if progress:
            progress(1)
    return results
