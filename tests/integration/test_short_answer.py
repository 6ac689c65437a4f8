"""The short answer inside the quote: candidates and offsets on tiny inputs, then the real stack on
the seed article (the bold answer, its verbatim offsets in quote and document, none for a declined
question), the `bot ask --json` contract and the chat's rendering of it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from bot.answer.compose import Quote, compose
from bot.answer.ranking import rank
from bot.core.lexical import terms as stems
from bot.core.settings import Settings
from bot.eval.scoring import contains, exact_match
from bot.shortanswer import choose as sa
from bot.shortanswer import spans
from bot.shortanswer.marker import load_marker
from bot.web import render
from tests.conftest import ROOT

SHORT_KEYS = {"text", "source", "start", "end", "quote"}
SEED_EXAMPLES = [  # the examples: the span chosen in the quote that holds it
    ("Who is Japan's defense minister?", "Nobuo Kishi"),
    ("On which day was the 2 plus 2 meeting held?", "the 16th"),  # or "16th": the same after normalization
    ("Whose administration had recently taken office?", "Joe Biden‘s"),  # the article's own apostrophe
]


def question_of(text: str) -> spans.Asked:
    return spans.asked(text, {t: 3.0 for t in stems(text)})


def candidates(question: str, sentence: str) -> set[str]:
    tokens = spans.tokenize(sentence, question_of(question))
    i, j = spans.candidate_spans(tokens, question_of(question).whose)
    return {sentence[tokens.starts[a] : tokens.ends[b]] for a, b in zip(i, j)}


def test_candidates_are_phrases_that_say_something_new():
    found = candidates("Who recovered the fumble?",
                       "The fumble was recovered by safety T. J. Ward, who returned it (five yards).")
    assert {"T. J. Ward", "safety T. J. Ward", "five yards"} <= found
    assert not any(c.startswith(("and ", "who ", ",")) or c.endswith((" the", ",", "(")) for c in found)
    assert "fumble" not in found and "the fumble" not in found  # only the question's own words
    assert not any("(" in c or ")" in c for c in found)  # never across a bracket


def test_a_whose_question_asks_for_a_possessor():
    sentence = "It was held for the first time since President Joe Biden‘s administration took office."
    found = candidates("Whose administration had recently taken office?", sentence)
    assert "Joe Biden" in found and all(sentence[sentence.index(c) + len(c):].startswith("‘s") for c in found)


def test_question_types_and_sides():
    asked = question_of("Tesla was influenced by whom in school?")
    assert asked.kind == "who" and asked.before_wh == "influenc" and asked.side["tesla"] == -1
    assert question_of("In what year did the war end?").kind == "when"
    assert question_of("How many people live there?").kind == "count"
    assert question_of("Which river flows through Paris?").head == "river"
    news = question_of("Damar Hamlin collapsed this week. He plays for which team?")
    assert news.sentences == 2 and news.head == "team"


def test_features_have_one_column_each_and_match_the_model_file():
    data = json.loads(sa.MODEL_FILE.read_text())
    assert data["features"] == spans.FEATURES and len(set(spans.FEATURES)) == len(spans.FEATURES)
    assert data["show"]["features"] == sa.SHOW_FEATURES
    assert 0 < data["show"]["threshold"] < 1 and "pickle" not in sa.MODEL_FILE.read_text()


@pytest.fixture(scope="module")
def marker(embedder):
    return load_marker(embedder.settings.cache_dir)


@hsettings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["Nobuo", "Kishi", "the", "16th", " ", " ", ",", ".", ";", "(", ")",
                                           "“", "”", "‘s", "'", "\n", "Biden", "held", "on", "minister",
                                           "é", "2", "x"]), max_size=40).map("".join),
                min_size=1, max_size=3),
       st.sampled_from([q for q, _ in SEED_EXAMPLES] + ["Why?", "", "What is the name of the minister"]))
def test_any_short_answer_is_a_verbatim_span_of_its_quote(marker, texts, question):
    model = sa.ShortAnswerModel.load()
    loose = sa.ShortAnswerModel(model.weights, model.lexicon, model.show_weights, -1.0)  # always shows
    document = "\n".join(texts)
    quotes, at = [], 0
    for n, text in enumerate(texts, start=1):
        quotes.append(Quote(n, "doc.txt", at, at + len(text), text, 0.5))
        at += len(text) + 1
    marks = marker.read(question, [q.text for q in quotes[: sa.MAX_QUOTES]])
    short = sa.choose(question, {t: 2.0 for t in stems(question)}, quotes, marks, loose)
    if short is None:
        return
    quote = quotes[short.quote - 1]
    assert quote.start <= short.start < short.end <= quote.end
    assert short.text == document[short.start : short.end] == quote.text[short.start - quote.start : short.end - quote.start]
    assert short.text.strip() == short.text and short.text


# -- the real stack --------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def answering_engine(seed_index, embedder):
    """The seed article with the refusal threshold at 0: the span step is tested on every quote
    whatever the refusal decides (the sentence ranking and refusal have their own tests)."""
    from bot.answer.engine import Engine

    return Engine(Settings.from_env(seeds_dir=seed_index.seeds_dir, index_dir=seed_index.index_dir,
                                    decline_threshold=0.0), embedder)


def assert_verbatim(answer, seeds: Path) -> None:
    short = answer.short_answer
    quote = answer.quotes[short.quote - 1]
    document = (seeds / short.source).read_text(encoding="utf-8")
    assert short.source == quote.source
    assert quote.start <= short.start < short.end <= quote.end
    assert document[short.start : short.end] == short.text


def test_the_bold_answer_opens_the_chat_answer(engine, seed_index):
    answer = engine.ask("Who is Japan's defense minister?")
    assert answer.short_answer is not None and answer.short_answer.text == "Nobuo Kishi"
    assert_verbatim(answer, seed_index.seeds_dir)
    assert answer.text.startswith("**Nobuo Kishi**\n\n")
    assert "Defense Minister **Nobuo Kishi** and" in answer.text and "[1]" in answer.text
    assert set(answer.as_json()["short_answer"]) == SHORT_KEYS


@pytest.mark.parametrize("question, expected", SEED_EXAMPLES)
def test_seed_examples_bold_the_right_span_or_none(answering_engine, question, expected):
    """A wrong bold answer is worse than none: a bold answer shown holds the expected one. Since the
    marker and short-answer models were retrained (2026-12-05), the best span forced out of the quote
    is "20th" for the meeting's day (not shown) and "President Joe Biden‘s" for whose administration
    (shown); the right one is still a candidate."""
    answer = answering_engine.ask(question)
    if answer.short_answer is not None or expected == "Nobuo Kishi":
        assert answer.short_answer is not None and contains(answer.short_answer.text, [expected]), answer
    loaded, info, hits, found = answering_engine.evidence(question)
    quotes = compose(question, rank(answering_engine.model, found, loaded.index), True, loaded.original_text).quotes
    named = expected.removesuffix("‘s")  # a whose-question's candidates are the possessor's name
    assert any(exact_match(c, [named]) for q in quotes[: sa.MAX_QUOTES] for c in candidates(question, q.text))


def test_every_short_answer_on_the_gold_set_is_verbatim(answering_engine, seed_index):
    rows = [json.loads(line) for line in (ROOT / "eval" / "seed-gold.jsonl").read_text().splitlines()]
    shown = 0
    for row in rows:
        answer = answering_engine.ask(row["question"], row.get("history"))
        if answer.short_answer:
            shown += 1
            assert_verbatim(answer, seed_index.seeds_dir)
    assert shown >= 3


@pytest.mark.parametrize("question", ["What is the boiling point of mercury?", "How do I bake sourdough bread?"])
def test_no_short_answer_for_a_declined_question(engine, question):
    answer = engine.ask(question)
    assert not answer.answered and answer.short_answer is None
    assert "short_answer" not in answer.as_json() and "**" not in answer.text


def test_bot_ask_json_carries_the_short_answer(seed_index):
    done = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--json", "--index", str(seed_index.index_dir)],
        input="Who is Japan's defense minister?\nWho won the 2018 FIFA World Cup?\n", cwd=ROOT,
        capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    kishi, off_topic = (json.loads(line) for line in done.stdout.splitlines())
    short = kishi["short_answer"]
    assert set(short) == SHORT_KEYS and short["text"] == "Nobuo Kishi" and short["quote"] == 1
    text = (seed_index.seeds_dir / short["source"]).read_text(encoding="utf-8")
    assert text[short["start"] : short["end"]] == short["text"]
    assert "short_answer" not in off_topic


# -- rendering ------------------------------------------------------------------------------------
def test_chat_and_sources_mark_the_short_answer_as_text():
    text = "Intro.\n\nThe keeper <b>Ilse</b> Brandt runs the ferry since 2019.\n\nEnd."
    start, end = text.index("The keeper"), text.index("2019.") + len("2019.")
    at = text.index("<b>Ilse</b> Brandt")
    short = {"text": "<b>Ilse</b> Brandt", "source": "a.txt", "start": at, "end": at + 18, "quote": 1}
    quote = {"n": 1, "source": "a.txt", "start": start, "end": end, "text": text[start:end], "score": 0.9}
    answer = {"answered": True, "answer": f"**{short['text']}**\n\n... [1]", "short_answer": short, "quotes": [quote]}
    markdown = render.chat_markdown(answer)
    assert markdown.startswith("**&lt;b&gt;Ilse&lt;/b&gt; Brandt**\n\n")
    assert "The keeper <mark>&lt;b&gt;Ilse&lt;/b&gt; Brandt</mark> runs the ferry since 2019. [1]" in markdown
    html = render.sources_html(answer, {"a.txt": {"text": text, "title": "a"}})
    assert '<mark>The keeper <mark class="short">&lt;b&gt;Ilse&lt;/b&gt; Brandt</mark> runs' in html
    assert "<b>" not in html
