"""The margins are chosen for the marker's own scale: a marker that reads every sentence a point
higher gets margins a point higher, and so the same confident, tentative and declined answers."""

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


@pytest.fixture(scope="module")
def script():
    sys.path.insert(0, str(SCRIPTS))
    try:
        spec = importlib.util.spec_from_file_location("choose_margins", SCRIPTS / "choose_margins.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # its dataclass looks itself up there
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(SCRIPTS))


def readings(script, shift: float) -> tuple[dict, dict]:
    """Tuning questions on both sets, margins spread evenly, all read `shift` higher."""
    rng = np.random.default_rng(0)
    own = [script.Reading(dataset, float(m) + shift, answered, typed, may, True)
           for dataset in ("squad", "news") for m in rng.uniform(-10, 6, 400)
           for answered, typed, may in [(True, True, True), (True, False, True), (False, True, True)]]
    elsewhere = [script.Reading("squad", float(m) + shift, False, True, offers, offers)
                 for m in rng.uniform(-10, 4, 400) for offers in (True, False)]
    return script.columns(own), script.columns(elsewhere)


def test_each_margin_gives_its_target_share(script, monkeypatch):
    targets = {"confident": 0.6, "clause": 0.8, "decline": 0.05, "rescue": 0.01}
    monkeypatch.setattr(script, "TARGETS", targets)
    own, elsewhere = readings(script, 0.0)
    margins = script.choose(own, elsewhere)
    got = script.shares(own, elsewhere, margins)
    assert got == pytest.approx(targets, abs=0.01)
    assert margins.decline < margins.clause < margins.confident < margins.rescue


def test_a_marker_reading_higher_gets_higher_margins(script, monkeypatch):
    monkeypatch.setattr(script, "TARGETS", {"confident": 0.6, "clause": 0.8, "decline": 0.05, "rescue": 0.01})
    low, high = (script.choose(*readings(script, shift)) for shift in (0.0, 1.5))
    for name in ("confident", "clause", "decline", "rescue"):
        assert getattr(high, name) - getattr(low, name) == pytest.approx(1.5, abs=0.06)


def test_the_show_threshold_shows_its_share_of_each_set(script):  # script: choose_margins, which it imports
    """The short answer's show threshold is set the same way: the mean of SQuAD's and the news
    weeks' shares of questions shown is the target, whatever the scale of the probabilities."""
    spec = importlib.util.spec_from_file_location("train_short_answer", SCRIPTS / "train_short_answer.py")
    train = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(SCRIPTS))
    try:
        spec.loader.exec_module(train)
    finally:
        sys.path.remove(str(SCRIPTS))
    rng = np.random.default_rng(1)
    p = np.r_[rng.uniform(0.0, 1.0, 1000), rng.uniform(0.0, 0.5, 200)]
    datasets = np.array(["squad"] * 1000 + ["news"] * 200)
    threshold = train.threshold_for_share(p, datasets, 0.4)
    shown = [(p[datasets == d] >= threshold).mean() for d in ("squad", "news")]
    assert np.mean(shown) == pytest.approx(0.4, abs=0.01)
    assert shown[0] > shown[1]  # the news probabilities run lower: fewer of them are shown
