"""Question sets for `bot eval`, read into `Item` records, every JSON line checked first.

The project's JSON lines (`{"question", "answers", "source"?, "history"?, "kind"?}`, `answers: []`
for a question the documents do not answer), the shared SQuAD `questions.jsonl`, SQuAD-format JSON,
a SQuAD 2.0 sample folder (`queries.json` + `ground_truth.json`), a BEIR folder (corpus, queries,
qrels) and the web app's `feedback.jsonl`. Groups: a line's `kind`, the SQuAD halves (articles
00-23 tuning, 24-47 held out), the news set's weeks.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from bot.answer.compose import NOT_IN_DOCUMENTS
from bot.answer.followups import history_problem
from bot.core.errors import BotError


@dataclass(frozen=True)
class Item:
    question: str
    answers: tuple[str, ...] = ()  # empty: the documents do not answer it
    source: str | None = None  # file (relative to the seeds folder) that holds the answer
    history: tuple = ()
    relevant: dict = field(default_factory=dict)  # BEIR: document id -> grade
    group: str = ""  # e.g. the SQuAD half, reported separately
    rejected: tuple[str, ...] = ()  # a down-voted response (first quote, or the refusal): not right

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
