"""Choose the margins at which the marker's reading makes an answer confident, tentative or declined
(answer/compose.py, Margins), for the marker just learned in --work.

    python scripts/choose_margins.py [--work /tmp/seedbot-short] [--eval ../shared/eval] [--at C,L,D,R]

Each marker reads on its own scale: two markers the same script learned from slightly different
quotes read the same sentence a point or more apart, so margins fixed in code suit one marker only.
Each margin is therefore chosen to give a fixed share of the tuning questions (SQuAD articles 00-23
and the news set's January-June weeks, all of which have an answer), read as the engine reads them
(ranking, refusal, settle_first) by the marker that ships (--work/marker-all.npz). That marker
learned from these questions and reads them higher than questions it never saw; the targets were
measured the same way, so that lift is on both sides. The shares:
- confident / clause: the share of the questions the refusal lets through that are answered
  confidently, for questions asking for a kind of thing (a name, a date...) and for the others;
- decline: the share of those asking for a kind of thing that are declined;
- rescue: the share of the questions the refusal turns away, asked of an index of the other fold's
  tuning articles only (so the answer is not there), that would still be offered.
Each share is the mean of SQuAD's and the news weeks'. The targets are the shares that the margins
chosen by hand on the tuning halves (-2, -4, -6 and 1.5, docs/evaluation.md "Retraining") gave for
the marker shipped on 2026-12-05; `--at` prints the shares any margins give. train_short_answer.py
calls this last and writes the margins into short_answer_model.json.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from training_data import NEWS_TUNING, SQUAD_TUNING  # noqa: E402

from bot import build  # noqa: E402
from bot.answer.compose import CONFIDENT, Margins, confidence  # noqa: E402
from bot.answer.engine import Engine  # noqa: E402
from bot.answer.kinds import lacks_asked_kind  # noqa: E402
from bot.answer.ranking import TYPED_KINDS, credit_first, rank, refusal_evidence, settle_first  # noqa: E402
from bot.core.settings import DEFAULT_MODEL, Settings  # noqa: E402
from bot.embed.embedding import Embedder, model_dir  # noqa: E402
from bot.shortanswer.marker import Marker  # noqa: E402

# The shares the hand-chosen margins (-2, -4, -6, 1.5) give the marker shipped since 2026-12-05
# (bot/shortanswer/marker_lora.npz of ce60aad), read by the engine of 54cfc76: `--at -2,-4,-6,1.5`
# with that marker as --work/marker-all.npz. Measure them again when the engine's path to the
# margin changes. The engine of 2026-12-05 gave 0.7714, 0.7018, 0.0492 and 0.0119; margins chosen
# against those, on the engine of 2026-12-07, declined twice as many answerable questions.
TARGETS = {"confident": 0.8070, "clause": 0.7111, "decline": 0.0236, "rescue": 0.0138}
GRID = np.round(np.arange(-12.0, 8.001, 0.05), 2)


@dataclass(frozen=True)
class Reading:
    """How the engine reads one tuning question: what compose.confidence decides on."""

    dataset: str
    margin: float  # of the first sentence, once settle_first has read the close ones
    answered: bool  # by the refusal model
    typed: bool  # asks for a kind of thing
    may_be_confident: bool  # the first sentence holds the kind asked for and names no one else
    offers: bool  # the first sentence does not lack the kind asked for (the rescue's other condition)


def engine_for(articles: Path, index: Path, embedder: Embedder) -> Engine:
    """An engine over a folder of articles, its index built (incrementally) into `index`."""
    settings = Settings.from_env(seeds_dir=articles, index_dir=index)
    build(settings, embedder)
    return Engine(settings, embedder)


def copied(articles: list[Path], folder: Path) -> Path:
    """A folder holding these articles only (kept in --work)."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in articles:
        if not (folder / path.name).exists():
            (folder / path.name).write_bytes(path.read_bytes())
    return folder


def read(engine: Engine, marker: Marker, question: str, dataset: str) -> Reading | None:
    """The engine's path to compose.confidence (Engine.ask_with_hits, compose), with this marker."""
    loaded, info, hits, found = engine.evidence(question)
    ranked = rank(engine.model, found, loaded.index)
    if not ranked:
        return None
    probability = engine.model.refusal.probability(refusal_evidence(info, hits, ranked), loaded.calibration)
    ranked, credited = credit_first(question, engine.model, found, ranked, hits, loaded.index)
    if credited:  # a credit line is quoted as it is: no margin is read
        return None
    # without the second look, which the margins set
    settled = settle_first(question, ranked, marker, clause=not info.asks & TYPED_KINDS,
                           lacks=lambda text: lacks_asked_kind(info.asks, text, info.words, info.text))
    first = settled.ranked[0].text
    return Reading(dataset, float(settled.marks.best()[2]), probability >= engine.threshold(), bool(info.asks & TYPED_KINDS),
                   confidence(info, first, np.inf, margins=Margins(0.0, 0.0, -np.inf, 0.0)) == CONFIDENT,
                   not lacks_asked_kind(info.asks, first, info.words, info.text))


def readings(eval_dir: Path, work: Path, embedder: Embedder) -> tuple[list[Reading], list[Reading]]:
    """Every tuning question as the marker that ships reads it, and again of an index of the other
    fold's articles (even articles, odd ones)."""
    marker = Marker.for_model(model_dir(DEFAULT_MODEL), work, work / "marker-all.npz")
    squad = eval_dir / "squad-v1.1-dev"
    articles = [p for p in sorted((squad / "articles").glob("*.txt")) if int(p.name[:2]) in SQUAD_TUNING]
    questions = [q for q in map(json.loads, open(squad / "questions.jsonl", encoding="utf-8"))
                 if int(Path(q["article_file"]).name[:2]) in SQUAD_TUNING]
    fold = lambda q: int(Path(q["article_file"]).name[:2]) % 2  # noqa: E731
    own, elsewhere = [], []
    engine = engine_for(squad / "articles", work / "index-squad", embedder)  # as train_short_answer collects
    own += [read(engine, marker, q["question"], "squad") for q in questions]
    for f in (0, 1):  # fold f's questions, of the other fold's articles
        other = copied([p for p in articles if int(p.name[:2]) % 2 != f], work / f"squad-not-fold{f}" / "articles")
        engine = engine_for(other, work / f"squad-not-fold{f}" / "index", embedder)
        elsewhere += [read(engine, marker, q["question"], "squad") for q in questions if fold(q) == f]
    news = eval_dir / "news-rtqa-2023"
    engine = engine_for(news / "articles", work / "index-news", embedder)
    for q in map(json.loads, open(news / "questions.jsonl", encoding="utf-8")):
        if NEWS_TUNING[0] <= q["date"][:7] <= NEWS_TUNING[1]:
            own.append(read(engine, marker, q["question"], "news"))
    return [r for r in own if r], [r for r in elsewhere if r]


def columns(rows: list[Reading]) -> dict[str, np.ndarray]:
    return {name: np.array([getattr(r, name) for r in rows]) for name in Reading.__dataclass_fields__}


def shares(own: dict[str, np.ndarray], elsewhere: dict[str, np.ndarray], margins: Margins) -> dict[str, float]:
    """The share of the tuning questions (`columns` of their readings) each margin moves: the mean of
    SQuAD's and the news weeks' (the off-article protocol is SQuAD's alone)."""
    def mean_of(rows: dict[str, np.ndarray], among: np.ndarray, decided: np.ndarray) -> float:
        parts = [decided[among & (rows["dataset"] == d)] for d in ("squad", "news")]
        return float(np.mean([part.mean() for part in parts if len(part)]))

    through, typed = own["answered"], own["typed"]
    return {
        "confident": mean_of(own, through & typed, own["may_be_confident"] & (own["margin"] >= margins.confident)),
        "clause": mean_of(own, through & ~typed, own["may_be_confident"] & (own["margin"] >= margins.clause)),
        "decline": mean_of(own, through & typed, own["margin"] < margins.decline),
        "rescue": mean_of(elsewhere, ~elsewhere["answered"], elsewhere["offers"] & (elsewhere["margin"] >= margins.rescue)),
    }


def choose(own: dict[str, np.ndarray], elsewhere: dict[str, np.ndarray]) -> Margins:
    """For each margin, the grid value whose share is nearest its target (shares are monotone in
    the margin; on a tie, the lowest)."""
    chosen = {}
    for name, target in TARGETS.items():
        got = np.array([shares(own, elsewhere, Margins(**dict.fromkeys(TARGETS, float(m))))[name] for m in GRID])
        chosen[name] = float(GRID[int(np.argmin(np.abs(got - target)))])
    return Margins(**chosen)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/seedbot-short"))
    parser.add_argument("--eval", type=Path, default=Path("../shared/eval"))
    parser.add_argument("--at", help="print the shares these margins give: confident,clause,decline,rescue")
    args = parser.parse_args()
    own, elsewhere = map(columns, readings(args.eval, args.work, Embedder(Settings.from_env()).load()))
    margins = Margins(*map(float, args.at.split(","))) if args.at else choose(own, elsewhere)
    print(json.dumps({"margins": margins.__dict__, "shares": shares(own, elsewhere, margins)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
