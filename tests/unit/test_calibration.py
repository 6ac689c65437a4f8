"""How an index's calibration summarizes the off-topic probes (bot/answer/refusal.py): a spread that
holds still when the vectors move a little, and that one probe the folder answers does not blow up."""

import numpy as np

from bot.answer.refusal import CALIBRATED, calibrate

PROBES = [f"probe {i}" for i in range(64)]


def _calibration(scores: np.ndarray):
    """The calibration of probes whose every calibrated signal is these scores, with the spread
    well above its floor (scores are similarities near 0.3, scaled up)."""
    by_probe = dict(zip(PROBES, scores * 10))
    return calibrate(lambda probe: {name: by_probe[probe] for name in CALIBRATED}, "model", PROBES)


def _clumpy_scores(rng: np.random.Generator) -> np.ndarray:
    # Small folders give probes a few distinct levels: the quartiles fall in the gaps between them.
    return np.concatenate([rng.normal(level, 0.004, 16) for level in (0.22, 0.27, 0.31, 0.38)])


def test_the_spread_holds_still_when_every_probe_moves_a_little():
    """Re-embedding the same folder (another reader version, another batch) moves each probe's
    similarity by a few thousandths; the spread, and with it every calibrated answer, must not move
    by more than a few percent. An interquartile range over these probes moves by up to 9%."""
    rng = np.random.default_rng(7)
    scores = _clumpy_scores(rng)
    base = _calibration(scores).spread["best_dense_sentence"]
    moved = [_calibration(scores + rng.normal(0, 0.004, len(scores))).spread["best_dense_sentence"]
             for _ in range(50)]
    assert max(abs(s / base - 1) for s in moved) < 0.04


def test_a_probe_the_folder_answers_widens_the_spread_a_little():
    """A cooking folder answers "How long should I boil an egg?": that probe scores far above the
    rest. It widens the spread by a fraction, not by half."""
    scores = _clumpy_scores(np.random.default_rng(3))
    base = _calibration(scores).spread["best_dense_sentence"]
    scores[0] = 0.85
    assert base < _calibration(scores).spread["best_dense_sentence"] < base * 1.2
