"""The web chat: the real app in a subprocess driven through gradio_client, plus its parts in-process.

Known-answer checks against the project's seed article (Japan's defense minister is Nobuo Kishi)
and a small article whose sentences hold HTML markup that must stay text.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from bot.answer.compose import MAY_NOT_ANSWER, NOT_IN_DOCUMENTS
from bot.store.folder import layout as store
from bot.web import render
from testkit.server import ROOT, SCRIPT_ARTICLE, TENTATIVE_QUESTION, running_app

CONTRACT_KEYS = {"question", "answered", "answer", "quotes", "seconds"}
QUOTE_KEYS = {"n", "source", "start", "end", "text", "score"}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("ui")) as running:
        yield running


@pytest.fixture(scope="module")
def client(server):
    from gradio_client import Client

    return Client(server.url, verbose=False)


def ask(client, question, history=None):
    return client.predict(question, history or [], api_name="/ask")


def assert_quotes_verbatim(result, seeds: Path):
    for quote in result["quotes"] + result.get("closest", []):
        assert set(quote) == QUOTE_KEYS
        text = (seeds / quote["source"]).read_text(encoding="utf-8")
        assert quote["text"] == text[quote["start"] : quote["end"]]


# -- through the running app --------------------------------------------------------------------
def test_only_ask_is_listed_in_the_api(client):
    info = client.view_api(return_format="dict", print_info=False)
    assert list(info["named_endpoints"]) == ["/ask"]
    assert info["unnamed_endpoints"] == {}


def test_answer_has_verbatim_quotes(client, server):
    result = ask(client, "Who is Japan's defense minister?")
    assert CONTRACT_KEYS <= set(result)
    assert result["answered"] is True
    assert "[1]" in result["answer"]
    assert "Kishi" in result["quotes"][0]["text"]
    assert_quotes_verbatim(result, server.seeds)


def test_declined_question_says_so(client, server):
    result = ask(client, "What is the boiling point of mercury?")
    assert result["answered"] is False
    assert result["answer"] == NOT_IN_DOCUMENTS
    assert result["quotes"] == []
    assert_quotes_verbatim(result, server.seeds)


def test_follow_up_uses_history(client, server):
    first = ask(client, "Who is Japan's defense minister?")
    history = [{"role": "user", "content": first["question"]}, {"role": "assistant", "content": first["answer"]}]
    result = ask(client, "What did he point out?", history)
    assert result.get("resolved_question")  # the history reached the engine and was used
    assert result["answered"] is True and "Kishi" in result["quotes"][0]["text"]
    assert_quotes_verbatim(result, server.seeds)
    assert "resolved_question" not in ask(client, "What did he point out?")


def test_scores_say_how_likely_each_quote_answers(client):
    """A quote's score is P(answered) x P(this sentence is the one): it differs between quotes, sums
    to at most 1, and stays low for the closest passages of a declined question (issue 17)."""
    scores = [q["score"] for q in ask(client, "Who is Japan's defense minister?")["quotes"]]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0.5 and scores[0] - scores[-1] > 0.3
    assert sum(scores) <= 1 + 1e-3
    declined = ask(client, "What is the boiling point of mercury?")
    assert declined["closest"] and max(q["score"] for q in declined["closest"]) < 0.05


@pytest.mark.parametrize("question, history, words", [
    ("x" * 2001, [], "2,000"),
    ("   ", [], "empty"),
    ("Who is Kishi?", "not a list", "history"),
    ("Who is Kishi?", [{"role": "robot", "content": "Who is Austin?"}], '"user" or "assistant"'),
])
def test_bad_requests_get_an_error_object(client, question, history, words):
    result = client.predict(question, history, api_name="/ask")
    assert set(result) == {"error"} and words in result["error"]


def test_article_markup_comes_back_as_text(client, server):
    result = ask(client, "What did Marta Quill write in the logbook?")
    assert result["answered"] is True
    assert result["quotes"][0]["source"] == SCRIPT_ARTICLE
    assert "<script>alert(1)</script>" in result["quotes"][0]["text"]
    assert_quotes_verbatim(result, server.seeds)


def test_rebuild_while_answering_never_fails(client, server):
    """Questions keep coming while the CLI rebuilds the app's index from scratch, twice."""
    before = store.current_build(server.index)
    (server.seeds / "ferry.txt").write_text(
        "Ferry notes\n\nThe ferry to Lindholm island is run by captain Ilse Brandt since 2019.\n")
    results, errors, stop = [], [], threading.Event()

    def keep_asking():
        while not stop.is_set():
            try:
                results.append(ask(client, "Who is Japan's defense minister?"))
            except Exception as error:  # counted, then asserted to be none
                errors.append(repr(error))

    worker = threading.Thread(target=keep_asking)
    worker.start()
    try:
        for _ in range(2):
            done = subprocess.run(
                [sys.executable, "-m", "bot", "index", "--full", "--seeds", str(server.seeds),
                 "--index", str(server.index)], cwd=ROOT, capture_output=True, text=True, timeout=120)
            assert done.returncode == 0, done.stderr
    finally:
        stop.set()
        worker.join(timeout=30)
    assert errors == []
    assert len(results) >= 5 and all(r.get("answered") and "Kishi" in r["quotes"][0]["text"] for r in results)
    assert store.current_build(server.index) != before
    ferry = ask(client, "Who runs the ferry to Lindholm island?")  # only the new build knows
    assert ferry["answered"] and ferry["quotes"][0]["source"] == "ferry.txt"


def test_the_server_terminal_stays_quiet(client, server):
    """No deprecation warning per question, no share-link hint, no library debug lines (issue 17)."""
    ask(client, "Who is Japan's defense minister?")
    ask(client, "What is the boiling point of mercury?")
    log = server.log.read_text()
    assert f"Serving the chat on {server.url.rstrip('/')}" in log
    for noise in ("Warning", "share=True", "DEBUG", "Traceback"):
        assert noise not in log, log


# -- the parts, in-process ----------------------------------------------------------------------
@pytest.fixture()
def app(engine):
    from bot.web.chat import ChatApp

    return ChatApp(engine.settings, engine)


def test_rebuild_reports_a_busy_index(app):
    with store.build_lock(app.settings.index_dir):
        message, summary, table = app.rebuild()
    assert "Not rebuilt" in message and "another rebuild" in message
    assert "Version" in summary and ".txt</code>" in table


def test_the_rebuild_message_counts_every_skipped_file(seeds_copy, tmp_path, embedder):
    from bot import build
    from bot.answer.engine import Engine
    from bot.core.settings import Settings
    from bot.web.chat import SKIPPED_SHOWN, ChatApp

    settings = Settings.from_env(seeds_dir=seeds_copy, index_dir=tmp_path / "index")
    build(settings, embedder)
    for n in range(SKIPPED_SHOWN + 2):
        (seeds_copy / f"empty-{n}.txt").write_text("")
    message, _, _ = ChatApp(settings, Engine(settings, embedder)).rebuild()
    assert message.startswith("**Rebuilt**") and message.count("empty-") == SKIPPED_SHOWN
    assert message.endswith("; and 2 more")


def test_a_changed_vote_replaces_its_line_and_the_file_stays_bounded(engine, tmp_path, monkeypatch):
    import dataclasses

    import gradio as gr

    from bot.web import feedback
    from bot.web.chat import ChatApp

    app = ChatApp(dataclasses.replace(engine.settings, index_dir=tmp_path), engine)
    kept, chat, turns, _ = app.respond("Who is Japan's defense minister?", [])
    assert kept == ""  # answered: the box is cleared
    too_long = "Who is Japan's defense minister? " + "x" * 2970
    kept, chat, turns, _ = app.respond(too_long, turns)
    assert kept == too_long and "the limit is 2,000" in turns[-1]["error"]  # kept, to be shortened
    turns = turns[:-1]
    _, chat, turns, _ = app.respond("What is the boiling point of mercury?", turns)
    vote = lambda i, liked: app.feedback(turns, gr.LikeData(None, {"index": i, "value": chat[i], "liked": liked}))
    assert vote(1, True) == f"Thanks: saved to {feedback.FEEDBACK_FILE}, beside the index"  # no server path shown
    vote(3, True)
    vote(1, False)  # changed its mind: the up-vote is replaced
    read = lambda: [json.loads(line) for line in (tmp_path / feedback.FEEDBACK_FILE).read_text().splitlines()]
    assert [(v["question"][:8], v["vote"]) for v in read()] == [("What is ", "up"), ("Who is J", "down")]
    assert read()[1]["quotes"][0]["text"].startswith("Kyodo") and read()[1]["time"]
    assert vote(3, None).startswith("Vote taken back") and [v["vote"] for v in read()] == ["down"]
    monkeypatch.setattr(feedback, "FEEDBACK_MAX_BYTES", 100)
    assert vote(3, True).startswith("Not saved") and len(read()) == 1  # the file stays bounded


def test_a_long_chat_shows_its_newest_turns_and_a_click_finds_the_right_one(app):
    """The browser draws every message again at each answer: a long chat shows its newest
    CHAT_SHOWN turns under a note, and follow-ups, clicks and votes still find their turns."""
    turns = []
    for n in range(render.CHAT_SHOWN + 3):
        _, chat, turns, _ = app.respond(f"Who is Japan's defense minister? ({n})", turns)
    assert len(turns) == render.CHAT_SHOWN + 3 and len(chat) == 1 + 2 * render.CHAT_SHOWN
    assert chat[0]["content"].startswith("*3 earlier questions are not shown")
    assert chat[1]["content"].endswith("(3)")  # the first question shown
    click = lambda message: app._turn(turns, type("Event", (), {"index": message})())
    assert click(0) == {} and click(1)["question"].endswith("(3)") and click(2)["question"].endswith("(3)")
    assert click(len(chat) - 1)["question"].endswith(f"({render.CHAT_SHOWN + 2})")
    event = lambda message: type("Event", (), {"index": message, "liked": True})()
    assert app.select(turns, event(0)) is None and app.feedback(turns, event(0)) == ""  # the note: nothing to show
    assert "Nobuo Kishi" in app.select(turns, event(1))
    _, chat, turns, _ = app.respond("And what did he say?", turns)
    assert turns[-1]["answer"]["resolved_question"]  # read as a follow-up of the hidden-from-view chat


def test_stale_seeds_are_detected(seeds_copy, engine):
    from bot.index.watch import SeedWatch

    manifest = engine.loaded().index.manifest
    watch = SeedWatch()
    assert watch.changes(seeds_copy, manifest) == {"added": [], "changed": [], "removed": [], "skipped": [],
                                                   "duplicates": []}
    (seeds_copy / "new.txt").write_text("A new article about harbors.\n")
    (seeds_copy / "empty.txt").write_text("")  # never indexable: not a change
    source = next(iter(manifest.documents))
    with open(seeds_copy / source, "a") as handle:
        handle.write("\nOne more line.\n")
    changes = watch.changes(seeds_copy, manifest)
    assert {k: changes[k] for k in ("added", "changed", "removed")} == {"added": ["new.txt"], "changed": [source],
                                                                         "removed": []}
    assert [source for source, _ in changes["skipped"]] == ["empty.txt"]
    (seeds_copy / source).unlink()
    assert watch.changes(seeds_copy, manifest)["removed"] == [source]


def test_rendering_escapes_article_markup():
    text = "Intro line.\n\nShe wrote <script>alert(1)</script> there. Next {{x}} ${y}.\n\nLast."
    start = text.index("She")
    end = text.index("there.") + len("there.")
    quote = {"n": 1, "source": "a.txt", "start": start, "end": end, "text": text[start:end], "score": 0.9}
    html = render.sources_html({"answered": True, "answer": "x [1]", "quotes": [quote]},
                               {"a.txt": {"text": text, "title": "a"}})
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "{{" not in html and "${" not in html
    assert render.paragraph_span(text, start, end) == (text.index("She"), text.index("\n\nLast"))
    declined = render.sources_html({"answered": False, "answer": NOT_IN_DOCUMENTS, "quotes": [],
                                    "closest": [quote]}, {"a.txt": {"text": text}})
    assert render.CLOSEST_LABEL in declined
    markdown = render.chat_markdown({"answered": True, "answer": "<img src=x onerror=alert(2)> *a* [1]"})
    assert "<img" not in markdown and markdown.endswith("[1]") and r"\*a\*" in markdown


def test_long_single_line_paragraphs_narrow_to_the_quote():
    lines = [f"Line {i} " + "word " * 60 for i in range(30)]
    text = "\n".join(lines)
    start = text.index("Line 12")
    end = start + len(lines[12])
    assert render.paragraph_span(text, start, end) == (start, end)


def test_a_paragraph_two_quotes_share_is_shown_once():
    text = "Harbour news\n\nThe ferry leaves at nine. It returns at five. Tickets cost £4.\n\nOther news."
    quote = lambda n, sentence: {"n": n, "source": "a.txt", "text": sentence, "start": text.index(sentence),
                                 "end": text.index(sentence) + len(sentence), "score": 0.5}
    answer = {"question": "When does the ferry run?", "answered": True,
              "quotes": [quote(1, "The ferry leaves at nine."), quote(2, "It returns at five."), quote(3, "Other news.")]}
    html = render.sources_html(answer, {"a.txt": {"text": text, "title": "Harbour news"}})
    paragraphs = re.findall(r'<p class="src-para">(.*?)</p>', html)
    assert "Tickets cost" in paragraphs[0] and "Tickets cost" not in paragraphs[1]
    assert "<mark>It returns at five.</mark>" in paragraphs[1] and html.count("in the paragraph shown above") == 1
    assert paragraphs[2] == "<mark>Other news.</mark>"  # a paragraph of its own is shown whole


def test_start_up_rebuilds_a_stale_index(seeds_copy, tmp_path, embedder):
    from bot import build
    from bot.core.settings import Settings
    from bot.web.startup import ready_to_serve

    settings = Settings.from_env(seeds_dir=seeds_copy, index_dir=tmp_path / "index")
    build(settings, embedder)
    before = store.current_build(settings.index_dir)
    (seeds_copy / "ferry.txt").write_text("The ferry to Lindholm island is run by captain Ilse Brandt.\n")
    _, engine = ready_to_serve(settings)
    assert store.current_build(settings.index_dir) != before
    assert "ferry.txt" in engine.loaded().index.documents


def test_the_app_reads_the_refusal_calibration_from_the_manifest(client, server):
    """The running app answers with the calibration its index records: moved as if off-topic
    questions scored far higher here, the same question is declined; put back, it is answered."""
    question = "Who serves as Japan's minister of defence?"
    path = server.index / "current" / "manifest.json"
    original = path.read_text()
    manifest = json.loads(original)
    shifted = {k: v + 100.0 for k, v in manifest["refusal"]["center"].items()}
    path.write_text(json.dumps(dict(manifest, refusal=dict(manifest["refusal"], center=shifted))))
    try:
        assert ask(client, question)["answered"] is False
    finally:
        path.write_text(original)
    assert ask(client, question)["answered"] is True


def test_example_questions_name_things_as_the_article_does(engine):
    from bot.web.examples import example_questions, names

    text = "The Taiwan Strait is wide. Ships cross the Taiwan Strait. Nobuo Kishi spoke. Nobuo Kishi left."
    assert names(text) == ["the Taiwan Strait", "Nobuo Kishi"]
    act = "Under the Town and Country Planning Act the council agreed. The Town and Country Planning Act applies."
    assert names(act) == []  # never the cut "Country Planning Act"
    questions = example_questions(engine)
    assert "What is known about the Taiwan Strait?" in questions
    assert not any("the Kishi" in q or "the Nobuo" in q for q in questions), questions


def test_a_tentative_answer_has_the_shape_of_a_decline(client, server):
    """In between a confident answer and a decline: not answered, flagged tentative, the passages in
    `closest`, no short answer, and an answer text that says the documents may not answer it."""
    result = ask(client, TENTATIVE_QUESTION)
    assert result["answered"] is False and result["tentative"] is True
    assert result["quotes"] == [] and result["closest"] and "short_answer" not in result
    assert result["answer"].startswith(MAY_NOT_ANSWER) and result["closest"][0]["text"] in result["answer"]
    assert_quotes_verbatim(result, server.seeds)
    for confident_or_declined in ("Who is Japan's defense minister?", "What is the boiling point of mercury?"):
        assert "tentative" not in ask(client, confident_or_declined)


def test_an_earlier_answers_quote_after_an_edit_shows_where_it_is_now():
    """An answer given before an edit: a quote the article still holds, further on, is shown where it
    is now, saying the article changed; one it no longer holds is shown alone, saying so too."""
    before = "Club news\n\nOur new chairperson is Fiona McAllister. Rides leave at nine."
    after = before.replace("Fiona McAllister", "Gwendolyn Abernathy-Price")
    quote = lambda n, sentence: {"n": n, "source": "club.md", "text": sentence, "start": before.index(sentence),
                                 "end": before.index(sentence) + len(sentence), "score": 0.5}
    answer = {"question": "Who chairs the club?", "answered": True,
              "quotes": [quote(1, "Our new chairperson is Fiona McAllister."), quote(2, "Rides leave at nine.")]}
    html = render.sources_html(answer, {"club.md": {"text": after, "title": "Club news"}})
    cards = html.split('<div class="src-card')[1:]
    moved = after.index("Rides leave at nine.")
    assert "the article has changed since" in cards[0] and "Gwendolyn" not in cards[0]
    assert f"characters {moved}–{moved + len('Rides leave at nine.')}" in cards[1]
    assert "the passage has moved" in cards[1]
    same = render.sources_html(answer, {"club.md": {"text": before, "title": "Club news"}})
    assert "changed since" not in same
