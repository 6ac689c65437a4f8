"""The two link functions of the learned linear models (answer/, shortanswer/choose.py and the training
scripts), written once: a logistic probability, and a softmax over one question's candidates."""

from __future__ import annotations

import numpy as np

CLIP = 50.0  # scores beyond this are certainties already; clipping keeps exp() from overflowing


def sigmoid(z):
    """The probability a logistic model gives a score (or an array of scores)."""
    return 1 / (1 + np.exp(-np.clip(z, -CLIP, CLIP)))


def softmax(scores: np.ndarray) -> np.ndarray:
    """Each candidate's share of the probability that one of them is the answer (as trained)."""
    shares = np.exp(scores - scores.max())
    return shares / shares.sum()
