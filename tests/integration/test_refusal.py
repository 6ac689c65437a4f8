"""The refusal decision means the same on any folder: each index is calibrated against off-topic
probes when it is built, the calibration is recorded in its manifest, and `bot ask` and the web
app read it back."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from bot import build
from bot.answer.engine import Engine
from bot.answer.ranking import AnswerModel
from bot.answer.refusal import Calibration, probe_questions
from bot.core.settings import Settings
from testkit.run import bot
from tests.conftest import SEEDS

# Short articles of other kinds, so that a many-article folder is not only about Japan and Taiwan.
OTHER_ARTICLES = {
    "bakery.txt": "The Old Mill bakery in Harwick reopened on Saturday after a fire closed it for eight months. "
                  "Owner Priya Nandakumar rebuilt the wood-fired oven with bricks salvaged from the original. "
                  "The first loaves sold out within forty minutes, and a queue stretched past the post office.",
    "comet.txt": "Astronomers at the Kessler Observatory have confirmed a new comet, named C/2026 K4, which "
                 "will pass closest to the Sun in March. The comet is expected to be visible with binoculars "
                 "from dark sites in the northern hemisphere. Its tail was measured at two million kilometres.",
    "rowing.txt": "The Danube Cup regatta was won by the crew from Lisnave Rowing Club, who finished the two "
                  "kilometre course in five minutes and fifty seconds. Stroke Ana Ferreira said the tailwind "
                  "helped. The Vienna crew, last year's winners, came third after clashing oars at the start.",
    "library.txt": "The city council of Brantwood voted to extend the central library's opening hours to 10 pm "
                   "on weekdays from next month. The change costs about 120,000 euros a year and is paid for by "
                   "closing two reading rooms in the old annex. Students had collected 3,400 signatures for it.",
    "orchard.txt": "A late frost destroyed nearly half of the apple blossom in the Vellow valley this spring, "
                   "growers reported. Cooperative chair Jonas Aberle said the Braeburn variety suffered most, "
                   "while older Bramley trees on the upper slopes were largely spared.",
    "ferry.txt": "The island ferry between Kerrin and the mainland will switch to a battery-electric vessel in "
                 "the autumn. The new ship, the Saltmarsh, carries 180 passengers and 40 cars and charges at "
                 "the pier in twelve minutes. Fares will stay the same for residents.",
}
ON_TOPIC = "Who serves as Japan's minister of defence?"  # a paraphrase: the article says "Defense Minister"
OFF_TOPIC = "What dose of ibuprofen is safe for an adult with a headache?"  # not one of the probes


@pytest.fixture(scope="module")
def many_articles(tmp_path_factory, embedder) -> Settings:
    seeds = tmp_path_factory.mktemp("many-seeds")
    shutil.copytree(SEEDS, seeds, dirs_exist_ok=True)
    for name, text in OTHER_ARTICLES.items():
        (seeds / name).write_text(text, encoding="utf-8")
    settings = Settings.from_env(seeds_dir=seeds, index_dir=tmp_path_factory.mktemp("many-index"))
    build(settings, embedder)
    return settings


def test_one_article_and_many_articles_decline_off_topic_and_answer_a_paraphrase(seed_index, many_articles, embedder):
    for settings in (seed_index, many_articles):
        with Engine(settings, embedder) as engine:
            answer = engine.ask(ON_TOPIC)
            assert answer.answered, (settings.seeds_dir, answer.text)
            assert "Nobuo Kishi" in answer.quotes[0].text
            declined = engine.ask(OFF_TOPIC)
            assert not declined.answered and declined.quotes == ()


def test_each_build_records_its_calibration_and_the_engine_uses_it(seed_index, many_articles, embedder):
    calibrations = []
    for settings in (seed_index, many_articles):
        manifest = json.loads((settings.index_dir / "current" / "manifest.json").read_text())
        recorded = Calibration.from_json(manifest["refusal"])
        assert recorded is not None and recorded.probes == len(probe_questions())
        assert recorded.model == AnswerModel.load().digest
        with Engine(settings, embedder) as engine:
            assert engine.loaded().calibration == recorded  # read back, not measured again
        calibrations.append(recorded)
    # Off-topic questions come closer to some passage in a bigger folder: the two differ.
    assert calibrations[0].center != calibrations[1].center


def _tamper(index_dir, center_shift: float) -> dict:
    """Move the recorded calibration as if off-topic questions scored far higher on this index
    (the manifest vouches for the other files, not for itself: the files still check)."""
    path = index_dir / "current" / "manifest.json"
    manifest = json.loads(path.read_text())
    original = dict(manifest)
    manifest["refusal"] = dict(manifest["refusal"], center={k: v + center_shift for k, v in manifest["refusal"]["center"].items()})
    path.write_text(json.dumps(manifest))
    return original


def test_bot_ask_reads_the_calibration_from_the_manifest(tmp_path):
    index = tmp_path / "index"
    env = {k: v for k, v in os.environ.items() if not k.startswith("BOT_")}
    assert bot("index", "--seeds", str(SEEDS), "--index", str(index), env=env).returncode == 0
    ask = ["ask", "--json", "--index", str(index), ON_TOPIC]
    assert json.loads(bot(*ask, env=env).stdout)["answered"] is True
    original = _tamper(index, center_shift=100.0)
    assert json.loads(bot(*ask, env=env).stdout)["answered"] is False
    (index / "current" / "manifest.json").write_text(json.dumps(original))
    assert json.loads(bot(*ask, env=env).stdout)["answered"] is True


def test_an_index_without_a_calibration_is_calibrated_when_loaded(seed_index, embedder, tmp_path):
    copy = tmp_path / "index"
    shutil.copytree(seed_index.index_dir, copy, symlinks=True)
    path = copy / "current" / "manifest.json"
    manifest = json.loads(path.read_text())
    recorded = Calibration.from_json(manifest.pop("refusal"))
    path.write_text(json.dumps(manifest))
    settings = Settings.from_env(seeds_dir=SEEDS, index_dir=copy)
    with Engine(settings, embedder) as engine:
        measured = engine.loaded().calibration
        assert measured == recorded  # the same probes through the same pipeline
        assert engine.ask(ON_TOPIC).answered


# -- bot eval: the news set's halves and the single-article protocol ------------------------------
def _dataset(tmp_path):
    """A dataset folder in the shape of the shared ones: articles/ and questions.jsonl with dates."""
    folder = tmp_path / "set"
    (folder / "articles").mkdir(parents=True)
    shutil.copy(next(SEEDS.glob("*.txt")), folder / "articles" / "japan.txt")
    for name in ("bakery.txt", "rowing.txt"):
        (folder / "articles" / name).write_text(OTHER_ARTICLES[name], encoding="utf-8")
    rows = [
        ("Who is Japan's defense minister?", "Nobuo Kishi", "japan.txt", "2023/02/01"),
        ("Which news agency reported the meeting?", "Kyodo News", "japan.txt", "2023/08/01"),
        ("Who owns the Old Mill bakery?", "Priya Nandakumar", "bakery.txt", "2023/03/01"),
        ("How long after the fire did the first loaves sell out?", "forty minutes", "bakery.txt", "2023/09/01"),
        ("Which club won the Danube Cup regatta?", "Lisnave Rowing Club", "rowing.txt", "2023/10/01"),
        ("How much did the new oven cost?", None, "bakery.txt", "2023/11/01"),  # about it, not in it
    ]
    (folder / "questions.jsonl").write_text("".join(
        json.dumps({"question": q, "answers": [a] if a else [], "source": s, "date": d}) + "\n" for q, a, s, d in rows))
    return folder


def test_eval_reports_the_news_halves_and_filters_by_group(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("BOT_")} | {"BOT_CACHE": str(tmp_path / "cache")}
    dataset = _dataset(tmp_path)
    done = bot("eval", str(dataset), "--json", env=env)
    assert done.returncode == 0, done.stderr
    groups = json.loads(done.stdout)["runs"]["fused"]
    assert groups["tuning Jan-Jun"]["questions"] == 2 and groups["held-out Jul-Dec"]["questions"] == 4
    held = bot("eval", str(dataset), "--json", "--group", "held-out", env=env)
    assert json.loads(held.stdout)["runs"]["fused"]["all"]["questions"] == 4


def test_eval_each_article_alone_asks_its_own_questions_and_others(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("BOT_")} | {"BOT_CACHE": str(tmp_path / "cache")}
    done = bot("eval", str(_dataset(tmp_path)), "--json", "--each-article", "1", env=env)
    assert done.returncode == 0, done.stderr
    groups = json.loads(done.stdout)["runs"]["each article alone"]
    # three articles, each asked one of its own questions and one about another article; the
    # bakery's also the question about it that it does not answer
    assert groups["all"]["answerable"] == 3 and groups["all"]["unanswerable"] == 4
    assert groups["source not indexed"]["declined"] == 1.0
    assert groups["not in its article"]["questions"] == 1
    assert groups["all"]["answered"] >= 2 / 3
