"""`bot eval`'s runs: the question set through the engine (or LangChain's pipeline, the peer), every
quote checked against the text it claims to come from (`text == file[start:end]`, the extracted text
for PDF, HTML, DOCX and Markdown). A question whose `source` is not in the index is expected to be
declined: that is how the held-out refusal protocol is run; `each_article` is the single-article
protocol.
"""

from __future__ import annotations

import dataclasses
import hashlib
import random
import shutil
import time
from pathlib import Path

from bot.answer.engine import Engine
from bot.core.errors import BotError
from bot.eval.datasets import Item
from bot.eval.scoring import Result
from bot.ingest.files import Document, read_document


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
        declined = not answer.answered and not answer.tentative and answer.closest
        results.append(Result(item, answer.answered, quotes, ranked, answer.seconds, bad_quotes=bad, short=short,
                              tentative=answer.tentative, closest=answer.closest[0].as_json() if declined else None))
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
    from bot.answer.building import build

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
