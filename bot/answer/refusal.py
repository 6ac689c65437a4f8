"""Whether the articles answer a question at all, decided the same way on any folder.

The evidence about one question (how well its best sentence scores, how close the best passages
come) means different things in one short article and in a thousand: the bigger the folder, the
closer its nearest passage to any question. So each index is calibrated when it is built: the
generic off-topic questions of `probes.txt` are asked against it, and where their evidence falls
(median and spread) is recorded in the manifest. A question's evidence is then read both as it is
and relative to those probes, and one logistic model (trained on single articles, Wikipedia and
news folders, see scripts/train_answer_model.py) turns it into the probability that the articles
answer. Below the model's threshold the bot declines.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.core.linear import sigmoid

PROBES_FILE = Path(__file__).with_name("probes.txt")
# Evidence read relative to the probes: the signals whose level depends on the corpus.
CALIBRATED = ("best_score", "best_dense_sentence", "top_dense_chunk", "best_cover_window", "margin")
# A spread below these would make a tiny difference look huge (a corpus where every probe scores alike).
MIN_SPREAD = {"best_score": 0.5, "best_dense_sentence": 0.03, "top_dense_chunk": 0.03,
              "best_cover_window": 0.05, "margin": 0.25}
RAW = ("best_score", "best_dense_sentence", "top_dense_chunk", "best_cover", "best_cover_window",
       "margin", "unseen", "unseen_names", "asks_kind", "best_holds_kind", "best_ask_cover", "best_share",
       "soft_unseen", "best_soft_cover_window")
DECLINE_NAMES = ["bias", *RAW, *(f"{name}_vs_probes" for name in CALIBRATED)]


def probe_questions(path: Path = PROBES_FILE) -> list[str]:
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


@dataclass(frozen=True)
class Calibration:
    """Where generic off-topic questions fall on one index: per calibrated signal, the median and
    the spread (`probe_spread`) over the probes."""

    probes: int
    center: dict[str, float]
    spread: dict[str, float]
    model: str  # digest of the answer model it was measured with

    def as_json(self) -> dict:
        return {"probes": self.probes, "model": self.model, "center": self.center, "spread": self.spread}

    @staticmethod
    def from_json(data) -> "Calibration | None":
        """The recorded calibration, or None when it is missing or not of this shape."""
        try:
            return Calibration(int(data["probes"]), {k: float(data["center"][k]) for k in CALIBRATED},
                               {k: float(data["spread"][k]) for k in CALIBRATED}, str(data["model"]))
        except (KeyError, TypeError, ValueError):
            return None


def calibrate(evidence_of: Callable[[str], dict[str, float]], model: str,
              probes: list[str] | None = None) -> Calibration:
    """Ask every probe through `evidence_of` (question -> raw evidence) and summarize."""
    rows = [evidence_of(q) for q in (probes or probe_questions())]
    center, spread = {}, {}
    for name in CALIBRATED:
        values = np.array([row[name] for row in rows], dtype=np.float64)
        median = float(np.median(values))
        # Rounded as the manifest records them: a build uses exactly what it records.
        center[name] = round(median, 6)
        spread[name] = round(max(probe_spread(values, median), MIN_SPREAD[name]), 6)
    return Calibration(len(rows), center, spread, model)


def probe_spread(values: np.ndarray, median: float) -> float:
    """The mean distance of the probes from their median, scaled to a standard deviation.

    Every probe counts, so vectors that move each score a little move the spread a little. The
    interquartile range used before rests on the two probes at its quartiles: over the same folders,
    vectors at cosine 0.99 to the old moved it by 10% on average and up to 29% (this spread: 4%, up
    to 11%), and every answer the refusal weighs moved with it. A far-off probe (one the folder happens to answer)
    weighs in linearly, not squared as in a standard deviation."""
    return float(np.mean(np.abs(values - median))) * SPREAD_SCALE


# Mean absolute deviation x sqrt(pi / 2) is the standard deviation of normally spread scores.
SPREAD_SCALE = 1.2533


def decline_vector(raw: dict[str, float], calibration: Calibration) -> np.ndarray:
    """The refusal model's input, in DECLINE_NAMES order."""
    relative = [(raw[n] - calibration.center[n]) / calibration.spread[n] for n in CALIBRATED]
    return np.array([1.0, *(raw[n] for n in RAW), *relative])


@dataclass(frozen=True)
class RefusalModel:
    weights: np.ndarray
    threshold: float

    def probability(self, raw: dict[str, float], calibration: Calibration) -> float:
        z = float(np.dot(self.weights, decline_vector(raw, calibration)))
        return float(sigmoid(z))


def digest(*parts) -> str:
    """A short fingerprint of the model a calibration was made with, and of how the calibration
    summarizes the probes: an index calibrated another way is calibrated again when it is loaded."""
    return hashlib.sha256(repr((CALIBRATION_RULE, *parts)).encode()).hexdigest()[:16]


CALIBRATION_RULE = "median, mean absolute deviation"
