"""Answers on the seed article through the real stack: right sentence, verbatim quotes, refusals."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.answer import NOT_IN_DOCUMENTS
from bot.chat import is_follow_up
from bot.errors import BadQuestion

from .conftest import ROOT

KNOWN = [
    ("Who is Japan's defense minister?", "Nobuo Kishi"),
    ("When was the 2 plus 2 meeting held?", "16th"),
    ("Which side asked for the Taiwan contingency to be a topic of the talks?", "U.S. side"),
    ("What did the joint document stress?", "importance of peace and stability in the Taiwan Strait"),
    ("What has increased dramatically over the center line of the Taiwan Strait?", "Chinese military aircraft"),
]


def assert_quotes_verbatim(answer, seeds: Path) -> None:
    for quote in answer.quotes + answer.closest:
        assert Path(seeds, quote.source).read_text(encoding="utf-8")[quote.start : quote.end] == quote.text


@pytest.mark.parametrize("question, expected", KNOWN)
def test_known_answers_are_in_the_first_quote(engine, seed_index, question, expected):
    answer = engine.ask(question)
    assert answer.answered, answer.text
    assert expected in answer.quotes[0].text
    assert "[1]" in answer.text
    assert_quotes_verbatim(answer, seed_index.seeds_dir)
    markers = {int(m) for m in __import__("re").findall(r"\[(\d+)\]", answer.text)}
    assert markers == {q.n for q in answer.quotes}


@pytest.mark.parametrize("question", [
    "What is the boiling point of mercury?",
    "Who won the 2018 FIFA World Cup?",
    "How do I bake sourdough bread?",
])
def test_off_topic_questions_are_declined(engine, seed_index, question):
    answer = engine.ask(question)
    assert not answer.answered
    assert answer.text == NOT_IN_DOCUMENTS and answer.quotes == ()
    assert_quotes_verbatim(answer, seed_index.seeds_dir)


def test_follow_up_uses_the_conversation(engine):
    history = [
        {"role": "user", "content": "What did Kishi say about the Self-Defense Forces?"},
        {"role": "assistant", "content": "Kishi Nobuo said it is necessary to explore ..."},
    ]
    alone = engine.ask("Why did he say it?")
    followed = engine.ask("Why did he say it?", history)
    assert followed.resolved_question and "Kishi" in followed.resolved_question
    assert followed.answered and "Self" in " ".join(q.text for q in followed.quotes)
    assert alone.resolved_question == ""


def test_a_follow_up_that_names_something_still_goes_on_from_the_last_question(engine):
    history = [{"role": "user", "content": "Who is Japan's defense minister?"},
               {"role": "assistant", "content": "**Nobuo Kishi**"}]
    followed = engine.ask("And who was the American he met?", history)
    assert "defense minister" in followed.resolved_question
    assert followed.answered and "Austin" in followed.quotes[0].text
    # The short answer reads the question as asked, not the one it leans on: never "Nobuo Kishi".
    assert followed.short_answer is None or "Austin" in followed.short_answer.text


@pytest.mark.parametrize("question, follows", [
    ("and what about the US side?", True),
    ("What about Taiwan?", True),
    ("Why did he say it?", True),
    ("Why?", True),
    ("But why did Japan protest?", True),
    ("So-called gray zone tactics: how do navies respond?", False),
    ("Who is the U.S. Defense Secretary?", False),
    ("What did Kishi say about the Self-Defense Forces at the meeting?", False),
    ("Which news agency reported on the meeting?", False),
])
def test_which_questions_lean_on_the_conversation(question, follows):
    assert is_follow_up(question) is follows


def test_repeated_sentences_are_quoted_once(engine):
    answer = engine.ask("What concern did the two sides express about the Taiwan Strait?")
    texts = [q.text for q in answer.quotes]
    assert sum("concern about the possibility of unpredictable events" in t for t in texts) == 1
    assert len({(q.source, q.start) for q in answer.quotes}) == len(answer.quotes)


@pytest.mark.parametrize("bad", ["", "   \n\t", "x" * 2001, None])
def test_bad_questions_get_a_clear_error(engine, bad):
    with pytest.raises(BadQuestion):
        engine.ask(bad)


def test_stdin_batch_with_a_bad_line_in_the_middle(seed_index):
    lines = [
        "Who is Japan's defense minister?",
        "{not json",
        "",
        json.dumps({"question": "What did he point out?", "history": [
            {"role": "user", "content": "Who is Japan's defense minister?"}]}),
        "x" * 5000,
        json.dumps({"history": []}),
        "What is the boiling point of mercury?",
    ]
    result = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--index", str(seed_index.index_dir), "--json"],
        input="\n".join(lines) + "\n", capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == len(lines)
    assert [("error" in r) for r in rows] == [False, True, True, False, True, True, False]
    first, follow, off_topic = rows[0], rows[3], rows[6]
    assert first["answered"] and "Kishi" in first["quotes"][0]["text"]
    assert set(first) >= {"question", "answered", "answer", "quotes", "seconds"}
    assert set(first["quotes"][0]) == {"n", "source", "start", "end", "text", "score"}
    assert follow["answered"] and "defense minister" in follow.get("resolved_question", "")
    assert off_topic["answered"] is False and off_topic["quotes"] == []
    seeds = Path(seed_index.seeds_dir)
    for row in (first, follow):
        for quote in row["quotes"]:
            assert (seeds / quote["source"]).read_text(encoding="utf-8")[quote["start"]:quote["end"]] == quote["text"]
