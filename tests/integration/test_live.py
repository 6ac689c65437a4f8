"""The web app's live folder (bot/web/live.py): the seeds folder is watched while the app serves,
rebuilt as it changes, and the chat says when the index changed, what changed, and when an
answer comes from a build older than the folder. Real model, real index folder, the app's own
ChatApp; the browser test is in tests/system/test_browser.py."""

from __future__ import annotations

import dataclasses
import time

import pytest

from bot import build
from bot.answer.engine import Engine
from bot.core.settings import Settings
from bot.web.chat import ChatApp
from bot.web.live import LiveFolder
from tests.conftest import SEED_FILE

QUESTION = "Who is Japan's defense minister?"


@pytest.fixture()
def live_app(seeds_copy, tmp_path, embedder):
    settings = Settings.from_env(seeds_dir=seeds_copy, index_dir=tmp_path / "index")
    build(settings, embedder)
    engine = Engine(settings, embedder)
    live = LiveFolder(settings, engine).start()
    yield ChatApp(settings, engine, live), seeds_copy
    live.stop()
    engine.close()


def wait_for(condition, seconds: float = 30.0):
    deadline = time.monotonic() + seconds
    while not (found := condition()):
        assert time.monotonic() < deadline, "not within the time"
        time.sleep(0.1)
    return found


def test_an_edited_file_is_answered_from_without_pressing_anything(live_app):
    app, seeds = live_app
    before = app.engine.ask(QUESTION)
    assert "Nobuo Kishi" in before.quotes[0].text
    article = seeds / SEED_FILE.name
    article.write_text(article.read_text(encoding="utf-8").replace("Nobuo Kishi", "Taro Hanada"), encoding="utf-8")
    wait_for(lambda: app.live.pending)  # seen within a poll, before the quiet period ends
    _, _, turns, _ = app.respond(QUESTION, [])
    assert "not indexed yet" in turns[-1]["note"]  # answered from the last build, and says so
    assert app.ask(QUESTION)["folder_changed"] is True  # and so does the API
    wait_for(lambda: app.engine.loaded().version != before.index_version)
    after = app.engine.ask(QUESTION)
    assert "Taro Hanada" in after.quotes[0].text and after.index_version != before.index_version
    assert app.live.status().startswith("Index updated") and f"{SEED_FILE.name} changed" in app.live.status()
    _, _, turns, _ = app.respond(QUESTION, [])
    assert "note" not in turns[-1] and "folder_changed" not in app.ask(QUESTION)


def test_answers_say_the_folder_changed_until_the_new_build_answers(live_app):
    """Also while the change is being indexed: the old build answers for the second or so the
    rebuild takes, and an answer then must still carry `folder_changed`."""
    app, seeds = live_app
    version = app.engine.loaded().version
    (seeds / "ferry.txt").write_text("The ferry to Lindholm island is run by captain Ilse Brandt.\n", encoding="utf-8")
    wait_for(lambda: app.live.pending)
    looks = 0
    while True:  # `pending` read first: once it is False, the build that answers must be the new one
        pending, current = app.live.pending, app.engine.loaded().version
        looks += 1
        if current != version:
            break
        assert pending, f"the old build answered as current after {looks} looks"
        time.sleep(0.005)
    assert looks > 20  # the quiet period and the rebuild were watched through, not skipped
    assert not app.live.pending and "folder_changed" not in app.ask(QUESTION)


def test_a_renamed_file_keeps_its_quotes_and_is_said_to_be_renamed(live_app):
    app, seeds = live_app
    _, _, turns, sources = app.respond(QUESTION, [])
    version = turns[-1]["version"]
    assert "Nobuo Kishi" in sources and "has changed since" not in sources
    (seeds / SEED_FILE.name).rename(seeds / "kishi-meeting.txt")
    wait_for(lambda: app.engine.loaded().version != version)
    assert f"{SEED_FILE.name} renamed to kishi-meeting.txt" in app.live.status()
    again = app.turn_sources(turns[-1])  # the older message, clicked again after the rename
    assert "Nobuo Kishi" in again and "has changed since" not in again
    assert app.engine.ask(QUESTION).quotes[0].source == "kishi-meeting.txt"


def test_watching_can_be_turned_off(seeds_copy, tmp_path, embedder, monkeypatch):
    monkeypatch.setenv("BOT_WATCH", "off")
    settings = Settings.from_env(seeds_dir=seeds_copy, index_dir=tmp_path / "index")
    assert settings.watch is False and dataclasses.replace(settings, watch=True).watch
    build(settings, embedder)
    with Engine(settings, embedder) as engine:
        live = LiveFolder(settings, engine).start()
        version = engine.loaded().version
        (seeds_copy / "new.txt").write_text("The ferry to Lindholm leaves at seven.\n", encoding="utf-8")
        time.sleep(4)  # a poll and the quiet period, had it been watching
        assert engine.loaded().version == version and not live.pending
        assert "not watching the folder" in ChatApp(settings, engine, live).index_status()
        live.stop()


def test_a_change_met_by_another_rebuild_is_indexed_once_that_one_ends(live_app):
    app, seeds = live_app
    version = app.engine.loaded().version
    with app.engine.store.lock():  # a `bot index` of someone else's holds the index
        (seeds / "ferry.txt").write_text("The ferry to Lindholm island is run by captain Ilse Brandt.\n",
                                         encoding="utf-8")
        time.sleep(5)  # the watcher saw the change, waited for quiet and found the lock taken
        assert app.engine.loaded().version == version and app.live.pending
    wait_for(lambda: app.engine.loaded().version != version)
    assert "ferry.txt added" in app.live.status()
