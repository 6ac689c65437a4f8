"""Learn the answer step's two models on the tuning halves only; write bot/answer_model.json.

    python scripts/train_answer_model.py [--eval ../shared/eval] [--work /tmp/seedbot-train]

Tuning data (never the held-out halves: SQuAD articles 24-47, news weeks July-December):
  - SQuAD v1.1 dev articles 00-23, asked over all 48 articles, and each article indexed alone;
  - the news dev set's January-June questions, asked over its 1,500 articles, and each question's
    source article indexed alone.

1. Sentence ranking: a linear listwise model (softmax over each question's candidate sentences; the
   sentences holding a gold answer are the targets) fit on all four kinds of corpus at once, so one
   set of weights serves a Wikipedia folder, a news folder and a single short article.
2. Refusal: logistic regression on question-level evidence, raw and relative to each index's
   off-topic probes (bot/refusal.py), over corpora where some questions are answered and some are
   not: 20 SQuAD articles asked about 24; one article asked 15 of its own questions and 15 of others';
   a news article alone, asked its own questions and two of other weeks'; and the news questions over
   all 1,500 articles (all answerable, half weight). The threshold is chosen on the same data.
   Corpora with on-topic questions the article does not answer (half of an article's paragraphs
   left out, a news article without the lines holding its answer) were tried and left out: they
   taught the model to decline paraphrased questions the article does answer (a news article alone
   answered 0.30 of its own questions, the seed article 0.08).
Takes about 40 minutes on two cores, most of it building the ~800 small indexes once (kept in --work).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from training_data import data_versions  # noqa: E402

from bot import build  # noqa: E402
from bot.answer.engine import Engine  # noqa: E402
from bot.answer.features import NAMES  # noqa: E402
from bot.answer.ranking import MODEL_FILE, AnswerModel  # noqa: E402
from bot.answer.refusal import DECLINE_NAMES, RefusalModel, calibrate, decline_vector, probe_questions  # noqa: E402
from bot.core.settings import Settings  # noqa: E402
from bot.embed.embedding import Embedder  # noqa: E402
from bot.eval.scoring import contains  # noqa: E402

TUNING_ARTICLES = range(0, 24)
DECLINE_INDEXED = range(0, 20)  # the multi-article refusal corpus: 20 indexed, 4 asked about but left out
NEWS_TUNING = "2023/07"  # questions dated before this
# Sentence ranking: how much each kind of corpus weighs, per question (news questions are few, and
# they are the kind of folder the bot is for). L2 by 2-fold cross-validation on the tuning data.
RANK_WEIGHTS = {"squad": 1.0, "news": 5.0, "squad-alone": 1.0, "news-alone": 3.0}
RANK_L2 = 1e-4
SQUAD_ALONE_QUESTIONS = 40  # per article indexed alone
# Refusal: how much each family of corpora weighs in the fit, whatever its number of questions.
DECLINE_FAMILIES = {"squad-20-of-24": 1.0, "squad-alone": 1.0, "news-alone": 1.0, "news": 0.5}
DECLINE_L2 = 1e-3
PER_ARTICLE = 15  # questions of its own and of other articles, per article indexed alone
# The threshold: the one that answers most on every family while declining at least this share of
# the unanswerable questions in each (a margin over the issues' goals of 75-85%).
MIN_DECLINED = {"squad-20-of-24": 0.80, "squad-alone": 0.90, "news-alone": 0.90, "news": 0.0}
THRESHOLDS = np.round(np.arange(0.20, 0.91, 0.01), 2)


class Corpora:
    """The indexes the training asks questions of, built once into `work` and reused."""

    def __init__(self, eval_dir: Path, work: Path, embedder: Embedder):
        self.eval_dir, self.work, self.embedder = eval_dir, work, embedder
        self.squad = [json.loads(line) for line in open(eval_dir / "squad-v1.1-dev" / "questions.jsonl")]
        self.news = [json.loads(line) for line in open(eval_dir / "news-rtqa-2023" / "questions.jsonl")]
        self.articles = eval_dir / "squad-v1.1-dev" / "articles"
        self.news_articles = eval_dir / "news-rtqa-2023" / "articles"

    def index(self, name: str, files: dict[str, str]) -> Settings:
        """An index of these files (name -> text), built unless it already is. An index kept under
        the name with other files is an error: reusing it would silently train on the wrong corpus."""
        seeds = self.work / name / "seeds"
        settings = Settings.from_env(seeds_dir=seeds, index_dir=self.work / name / "index")
        if (settings.index_dir / "current").exists():
            kept = sorted(p.name for p in seeds.iterdir())
            if kept != sorted(files):
                raise SystemExit(f"{self.work / name} holds {len(kept)} other files; remove it or use another --work")
        else:
            seeds.mkdir(parents=True, exist_ok=True)
            for file, text in files.items():
                (seeds / file).write_text(text, encoding="utf-8")
            build(settings, self.embedder)
        return settings

    def squad_index(self, numbers, name: str) -> Settings:
        paths = [p for p in sorted(self.articles.glob("*.txt")) if int(p.name[:2]) in numbers]
        return self.index(name, {p.name: p.read_text(encoding="utf-8") for p in paths})

    def news_index(self) -> Settings:
        return self.index("news", {p.name: p.read_text(encoding="utf-8") for p in sorted(self.news_articles.glob("*.txt"))})

    def news_text(self, source: str) -> str:
        return (self.news_articles / source).read_text(encoding="utf-8")

    def tuning_squad(self) -> list[dict]:
        return [q for q in self.squad if article(q) in TUNING_ARTICLES]

    def tuning_news(self) -> list[dict]:
        return [q for q in self.news if q["date"] < NEWS_TUNING]


def article(row: dict) -> int:
    return int(Path(row["article_file"]).name[:2])


def golds(row: dict) -> list[str]:
    return [a["text"] if isinstance(a, dict) else a for a in row["answers"]]


def short(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:12]


# -- 1. sentence ranking ------------------------------------------------------------------------
def ranking_groups(engine: Engine, questions: list[dict]) -> list[tuple[np.ndarray, np.ndarray]]:
    groups = []
    for row in questions:
        _, _, _, found = engine.evidence(row["question"])
        if found:
            groups.append((np.array([c.features for c in found]),
                           np.array([contains(c.text, golds(row)) for c in found], dtype=float)))
    return groups


def ranking_data(corpora: Corpora, embedder: Embedder, untrained: AnswerModel, rng: random.Random) -> dict:
    def ask(settings, questions):
        with Engine(settings, embedder, untrained) as engine:
            return ranking_groups(engine, questions)

    data = {"squad": ask(corpora.squad_index(range(48), "squad-48"), corpora.tuning_squad()),
            "news": ask(corpora.news_index(), corpora.tuning_news()), "squad-alone": [], "news-alone": []}
    for number in TUNING_ARTICLES:
        own = [q for q in corpora.squad if article(q) == number]
        data["squad-alone"] += ask(corpora.squad_index([number], f"squad-{number:02d}"),
                                   rng.sample(own, SQUAD_ALONE_QUESTIONS))
    for source in sorted({q["source"] for q in corpora.tuning_news()}):
        own = [q for q in corpora.tuning_news() if q["source"] == source]
        data["news-alone"] += ask(corpora.index(f"news-{short(source)}", {source: corpora.news_text(source)}), own)
    return data


def fit_listwise(groups, weights) -> np.ndarray:
    usable = [(X, y, w) for (X, y), w in zip(groups, weights) if y.any()]
    X = np.concatenate([g[0] for g in usable])
    y = np.concatenate([g[1] for g in usable])
    bounds = np.cumsum([0] + [len(g[1]) for g in usable])
    owner = np.repeat(np.arange(len(usable)), np.diff(bounds))
    weight = np.array([g[2] for g in usable])

    def loss(w):
        z = X @ w
        z = z - np.maximum.reduceat(z, bounds[:-1])[owner]
        p = np.exp(z)
        p /= np.add.reduceat(p, bounds[:-1])[owner]
        hit = np.add.reduceat(p * y, bounds[:-1])
        posterior = p * y / (hit[owner] + 1e-12)
        total = -(weight * np.log(hit + 1e-12)).sum() / weight.sum()
        grad = -(X * ((posterior - p) * weight[owner])[:, None]).sum(0) / weight.sum()
        return total + RANK_L2 * w @ w, grad + 2 * RANK_L2 * w

    return minimize(loss, np.zeros(X.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": 2000}).x


def first_right(groups, w) -> float:
    return float(np.mean([y[np.argmax(X @ w)] > 0 for X, y in groups]))


# -- 2. refusal ---------------------------------------------------------------------------------
def refusal_rows(settings: Settings, embedder: Embedder, model: AnswerModel,
                 asked: list[tuple[dict, bool]]) -> list[tuple[np.ndarray, bool]]:
    """Each question's refusal input on this index (calibrated by the probes), and whether it is
    one the index answers."""
    with Engine(settings, embedder, model) as engine:
        loaded = engine.loaded()

        def evidence(question: str) -> dict:
            return loaded.refusal_evidence(question, model, settings.top_k)

        calibration = calibrate(evidence, model.digest, probe_questions())
        return [(decline_vector(evidence(q["question"]), calibration), answerable) for q, answerable in asked]


def refusal_data(corpora: Corpora, embedder: Embedder, model: AnswerModel, rng: random.Random) -> dict:
    data = {family: [] for family in DECLINE_FAMILIES}
    squad = corpora.tuning_squad()
    data["squad-20-of-24"] = refusal_rows(corpora.squad_index(DECLINE_INDEXED, "squad-first-20"), embedder, model,
                                          [(q, article(q) in DECLINE_INDEXED) for q in squad[::3]])
    for number in TUNING_ARTICLES:
        own = [q for q in squad if article(q) == number]
        others = [q for q in squad if article(q) != number]
        asked = [(q, True) for q in rng.sample(own, PER_ARTICLE)] + [(q, False) for q in rng.sample(others, PER_ARTICLE)]
        data["squad-alone"] += refusal_rows(corpora.squad_index([number], f"squad-{number:02d}"), embedder, model, asked)
    news = corpora.tuning_news()
    for source in sorted({q["source"] for q in news}):
        own = [q for q in news if q["source"] == source]
        weeks = {q["date"] for q in own}
        others = rng.sample([q for q in news if q["date"] not in weeks], 2)
        settings = corpora.index(f"news-{short(source)}", {source: corpora.news_text(source)})
        data["news-alone"] += refusal_rows(settings, embedder, model, [(q, True) for q in own] + [(q, False) for q in others])
    data["news"] = refusal_rows(corpora.news_index(), embedder, model, [(q, True) for q in news])
    return data


def fit_refusal(data: dict) -> np.ndarray:
    """Logistic regression, each family weighing its DECLINE_FAMILIES share; standardized for the fit, returned on
    the raw scale (refusal.decline_vector's)."""
    X = np.concatenate([np.array([v for v, _ in data[f]]) for f in DECLINE_FAMILIES])
    y = np.concatenate([np.array([a for _, a in data[f]], dtype=float) for f in DECLINE_FAMILIES])
    weight = np.concatenate([np.full(len(data[f]), share / len(data[f])) for f, share in DECLINE_FAMILIES.items()])
    weight /= weight.sum()
    center, scale = X.mean(0), X.std(0) + 1e-9
    center[0], scale[0] = 0.0, 1.0  # the bias column
    Z = (X - center) / scale

    def loss(w):
        p = 1 / (1 + np.exp(-np.clip(Z @ w, -50, 50)))
        ll = -(weight * (y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12))).sum()
        return ll + DECLINE_L2 * w[1:] @ w[1:], Z.T @ (weight * (p - y)) + 2 * DECLINE_L2 * np.r_[0, w[1:]]

    w = minimize(loss, np.zeros(X.shape[1]), jac=True, method="L-BFGS-B").x
    raw = w / scale
    raw[0] = w[0] - (w[1:] * center[1:] / scale[1:]).sum()
    return raw


def rates(data: dict, w: np.ndarray, threshold: float) -> dict[str, tuple[float | None, float | None]]:
    """Per family: (answered share of the answerable, declined share of the rest)."""
    out = {}
    for family in DECLINE_FAMILIES:
        X = np.array([v for v, _ in data[family]])
        y = np.array([a for _, a in data[family]])
        answered = 1 / (1 + np.exp(-np.clip(X @ w, -50, 50))) >= threshold
        out[family] = (float(answered[y].mean()) if y.any() else None,
                       float((~answered[~y]).mean()) if (~y).any() else None)
    return out


def choose_threshold(data: dict, w: np.ndarray) -> float:
    """The lowest threshold (answering the most) at which every family declines its MIN_DECLINED."""
    for threshold in THRESHOLDS:
        if all(declined is None or declined >= MIN_DECLINED[f]
               for f, (_, declined) in rates(data, w, threshold).items()):
            return float(threshold)
    return float(THRESHOLDS[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=Path("../shared/eval"))
    parser.add_argument("--work", type=Path, default=Path("/tmp/seedbot-train"))
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    args = parser.parse_args()
    started = time.time()
    embedder = Embedder(Settings.from_env()).load()
    corpora = Corpora(args.eval, args.work, embedder)
    untrained = AnswerModel(np.zeros(len(NAMES)), RefusalModel(np.zeros(len(DECLINE_NAMES)), 0.5), "untrained")

    groups = ranking_data(corpora, embedder, untrained, random.Random(11))
    weights = [RANK_WEIGHTS[kind] for kind, found in groups.items() for _ in found]
    w = fit_listwise([g for found in groups.values() for g in found], weights)
    for kind, found in groups.items():
        recall = np.mean([y.any() for _, y in found])
        print(f"sentences, {kind} ({len(found)} questions): candidates hold the answer {recall:.3f}; "
              f"first sentence right {first_right(found, w):.3f}")

    ranker = AnswerModel(w, RefusalModel(np.zeros(len(DECLINE_NAMES)), 0.5), "training")
    data = refusal_data(corpora, embedder, ranker, random.Random(7))
    decline_w = fit_refusal(data)
    threshold = choose_threshold(data, decline_w)
    for family, (answered, declined) in rates(data, decline_w, threshold).items():
        print(f"refusal, {family} ({len(data[family])} questions): answered {answered}, declined {declined}")
    print(f"threshold {threshold:.2f}")
    for name, weight in zip(DECLINE_NAMES, decline_w):
        print(f"  {name:>30} {weight:+.3f}")
    args.out.write_text(json.dumps({
        "trained_on": "SQuAD v1.1 dev articles 00-23 and news-rtqa-2023 January-June (scripts/train_answer_model.py)",
        "data": data_versions(args.eval),
        "features": NAMES,
        "weights": [round(float(x), 6) for x in w],
        "decline": {"features": DECLINE_NAMES, "weights": [round(float(x), 6) for x in decline_w],
                    "threshold": round(threshold, 6)},
    }, indent=1) + "\n")
    print(f"wrote {args.out} in {time.time() - started:.0f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
