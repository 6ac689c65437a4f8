"""Answers on the seed article through the real stack: right sentence, verbatim quotes, refusals."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from bot.answer.compose import MAY_NOT_ANSWER, NOT_IN_DOCUMENTS
from bot.answer.followups import is_follow_up
from bot.core.errors import BadQuestion
from testkit.server import TENTATIVE_QUESTION
from tests.conftest import ROOT

KNOWN = [
    ("Who is Japan's defense minister?", "Nobuo Kishi"),
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


def test_of_two_dates_in_a_sentence_the_bold_answer_is_the_one_asked_about(engine):
    """"On the 20th ... held on the 16th": the meeting was held on the 16th; the 20th is when the
    newspaper reported it. A wrong bold date would be worse than none, so either the answer is
    offered tentatively (as the marker before 2026-12-05's retraining did) or its bold names the
    16th."""
    answer = engine.ask("When was the 2 plus 2 meeting held?")
    first = (answer.closest if answer.tentative else answer.quotes)[0]
    assert "held on the 16th" in first.text
    assert answer.tentative or answer.short_answer.text == "the 16th", answer


def test_a_question_the_refusal_turns_away_is_offered_when_the_marker_reads_its_answer(engine, monkeypatch):
    """"emphasize" against "stressed": the refusal model finds the article a poor match (it is
    declined), while the marker reads an answer in the closest sentence (2.65 since 2026-12-05's
    retraining, 0.89 before): offered tentatively when the rescue's bar is under that, declined
    when over."""
    from bot.answer import compose
    from bot.answer.compose import Margins

    question = "What did the statement issued by both governments emphasize?"
    answer = engine.ask(question)
    assert not answer.answered and answer.tentative and answer.quotes == ()
    assert "importance of peace and stability" in answer.closest[0].text
    margin = engine.marker().read(question, [answer.closest[0].text])[0].best()[2]
    shipped = Margins.load()
    assert margin >= shipped.rescue
    monkeypatch.setattr(Margins, "load", staticmethod(lambda: replace(shipped, rescue=margin + 0.5)))
    monkeypatch.setattr(compose, "NEAR_ENOUGH", 1.0)  # nor offered as turned away but not far
    assert engine.ask(question).text == NOT_IN_DOCUMENTS


def _without_the_rescue(monkeypatch):
    """No turned-away question offered for the marker's reading alone, so that another rule shows."""
    from bot.answer.compose import Margins

    shipped = Margins.load()
    monkeypatch.setattr(Margins, "load", staticmethod(lambda: replace(shipped, rescue=float("inf"))))


def test_a_question_turned_away_but_not_far_is_offered(tmp_path, embedder, monkeypatch):
    """A table row shares few words with a paraphrase: "How much does the dehumidifier weigh?" was
    declined (refusal 0.27) while its closest passage was "Net weight | 10.8 kg" (the marker's
    margin -2). In between, a row or a "Label: value" line is offered; prose is not (it offered
    176 of the 40/8 protocol's 1,581 questions about an article not indexed), nor a line holding
    none of the question's words ("How many players are on a volleyball team?")."""
    from bot import build
    from bot.answer import compose
    from bot.answer.engine import Engine
    from bot.core.settings import Settings

    settings = Settings.from_env(seeds_dir=ROOT / "eval" / "new-users" / "user-m" / "articles",
                                 index_dir=tmp_path / "index")
    build(settings, embedder)
    with Engine(settings, embedder) as engine:
        question = "How much does the dehumidifier weigh?"
        answer = engine.ask(question)
        assert answer.tentative and not answer.answered and answer.closest[0].text == "Net weight | 10.8 kg"
        _without_the_rescue(monkeypatch)  # which offers it too when the marker reads the row high
        monkeypatch.setattr(compose, "NEAR_ENOUGH", 1.0)  # the refusal turned it away: declined without the band
        assert engine.ask(question).text == NOT_IN_DOCUMENTS
    assert not compose._shares_a_word("How many players are on a volleyball team on court?",
                                      "A crowd of 14,862, the biggest at the ground this season, saw a game.")
    assert compose._shares_a_word(question, "Net weight | 10.8 kg") and compose._laid_out("Net weight | 10.8 kg")
    assert compose._laid_out("Runtime: 22 minutes") and not compose._laid_out("The dehumidifier weighs 10.8 kg.")


def test_in_a_small_folder_a_paraphrase_the_refusal_turns_away_is_offered(tmp_path, embedder, monkeypatch):
    """One person's own papers: "How long am I tied in for on the normal deal?" was declined (refusal
    0.36) above its closest sentence, "Our standard contract lasts 18 months." (the marker's margin
    -2.0). In a folder of fewer than twenty articles such a line is offered tentatively; in a bigger
    one (news, an encyclopedia) prose turned away stays declined."""
    from bot import build
    from bot.answer import engine as engine_module
    from bot.answer.engine import Engine
    from bot.core.settings import Settings

    settings = Settings.from_env(seeds_dir=ROOT / "eval" / "new-users" / "user-u" / "articles",
                                 index_dir=tmp_path / "index")
    build(settings, embedder)
    question = "How long am I tied in for on the normal deal?"
    with Engine(settings, embedder) as engine:
        answer = engine.ask(question)
        assert answer.tentative and not answer.answered and answer.quotes == ()
        assert answer.closest[0].text == "Our standard contract lasts 18 months."
        _without_the_rescue(monkeypatch)  # which offers it too when the marker reads the line high
        monkeypatch.setattr(engine_module, "SMALL_FOLDER", 0)
        assert engine.ask(question).text == NOT_IN_DOCUMENTS


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


def test_a_tentative_answer_is_a_decline_that_offers_its_closest_passage(engine, seed_index):
    answer = engine.ask(TENTATIVE_QUESTION)
    out = answer.as_json()
    assert list(out)[:4] == ["question", "answered", "tentative", "answer"]
    assert out["answered"] is False and out["tentative"] is True and out["quotes"] == []
    assert "short_answer" not in out and out["closest"][0]["n"] == 1
    assert out["answer"] == f"{MAY_NOT_ANSWER}\n\n{' '.join(out['closest'][0]['text'].split())} [1]"
    assert_quotes_verbatim(answer, seed_index.seeds_dir)
    assert "tentative" not in engine.ask("Who is Japan's defense minister?").as_json()
    assert "tentative" not in engine.ask("What is the boiling point of mercury?").as_json()


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


def test_a_question_going_on_from_one_that_is_not_there_is_only_offered(engine):
    """Found by a new user: after a page reload emptied the chat, "and when did it open?" was answered
    confidently, in bold, about whatever matched. With no question before it, what "it" is cannot be
    known: the closest passage is offered, not asserted; with the question before it, it is answered."""
    alone = engine.ask("And who is Japan's defense minister?")
    assert not alone.answered and alone.tentative and alone.short_answer is None
    assert "Kishi" in alone.closest[0].text
    history = [{"role": "user", "content": "Who met in Tokyo?"}]
    assert engine.ask("And who is Japan's defense minister?", history).answered
    assert engine.ask("Who is Japan's defense minister?").answered


def test_a_follow_up_that_names_something_still_goes_on_from_the_last_question(engine):
    history = [{"role": "user", "content": "Who is Japan's defense minister?"},
               {"role": "assistant", "content": "**Nobuo Kishi**"}]
    followed = engine.ask("And who was the American he met?", history)
    assert "defense minister" in followed.resolved_question
    assert followed.answered and "Austin" in followed.quotes[0].text
    # The short answer reads the question as asked, not the one it leans on: never "Nobuo Kishi".
    assert followed.short_answer is None or "Austin" in followed.short_answer.text


TWO_STORIES = {
    "chess.txt": "Teen takes chess crown\n\nSixteen-year-old Marek Quill won the national chess championship in "
                 "Leeds on Sunday, the youngest winner in its history.\n\nQuill drew his last game against "
                 "grandmaster Tomas Brecht in 38 moves, enough to finish a full point clear.\n\nHis coach, "
                 "Owen Pike, said Quill studies openings for five hours every day.\n",
    "ferry.txt": "Ferry timetable cut\n\nThe island ferry will sail four times a day instead of six from March, "
                 "the operator said.\n\nCafe owners at the harbour warned that fewer sailings could halve their "
                 "winter trade.\n",
}


def _engine_over(tmp_path_factory, embedder, name: str, files: dict[str, str]):
    """An engine over a folder of these files, built on the real model."""
    from bot import build
    from bot.answer.engine import Engine
    from bot.core.settings import Settings

    folder = tmp_path_factory.mktemp(name)
    for file, text in files.items():
        (folder / file).write_text(text, encoding="utf-8")
    settings = Settings.from_env(seeds_dir=folder, index_dir=folder.parent / f"{name}-index")
    build(settings, embedder)
    return Engine(settings, embedder)


@pytest.fixture(scope="module")
def two_stories(tmp_path_factory, embedder):
    return _engine_over(tmp_path_factory, embedder, "two-stories", TWO_STORIES)


AIR_FRYER = {
    "air-fryer-faq.html": "<html><head><title>AF-400 Air Fryer FAQ</title></head><body><h1>AF-400 Air Fryer: FAQ</h1>"
    "<h2>How big is the basket?</h2><p>The AF-400 has a 5.5 litre non-stick basket, which is enough for a whole "
    "chicken of up to 1.6 kg.</p><h2>What is the warranty?</h2><p>Every AF-400 comes with a two-year "
    "manufacturer's warranty, which can be extended to five years by registering the product online.</p>"
    "<h2>Cooking guide</h2><table><tr><th>Food</th><th>Temperature</th><th>Time</th></tr>"
    "<tr><td>Frozen chips</td><td>200 °C</td><td>18 minutes</td></tr>"
    "<tr><td>Chicken wings</td><td>180 °C</td><td>25 minutes</td></tr>"
    "<tr><td>Salmon fillet</td><td>190 °C</td><td>10 minutes</td></tr></table><h2>Safety tips</h2><ul>"
    "<li>Leave at least 10 cm of space around the air fryer while it is running.</li>"
    "<li>Do not use aerosol cooking sprays, which damage the non-stick coating.</li>"
    "<li>Unplug the unit before cleaning it.</li></ul><h2>Error codes</h2><p>If the display shows the code E3, "
    "the temperature sensor has failed and the unit should be returned for repair.</p></body></html>",
    "ferry.txt": TWO_STORIES["ferry.txt"],
}


def test_the_marker_does_not_move_up_a_sentence_for_a_span_of_another_kind(tmp_path_factory, embedder):
    """The marker reads "10 cm" as how long the wings take: that reading is of no time, so the
    sentence holding it does not go before the ranking's table row (ranking.UNFIT_READING)."""
    engine = _engine_over(tmp_path_factory, embedder, "air-fryer", AIR_FRYER)
    for question, row in [("How long do chicken wings take in the air fryer?", "Chicken wings"),
                          ("How long should I cook salmon in the air fryer?", "Salmon fillet")]:
        answer = engine.ask(question)
        first = (answer.quotes or answer.closest)[0].text
        assert first.startswith(f"{row} | "), (question, answer.text)
        assert not (answer.short_answer and "cm" in answer.short_answer.text)


def test_a_follow_up_is_answered_by_a_new_sentence_not_the_last_answer_again(two_stories):
    # Searched as "Who coaches him? (Who won the chess championship?)": the winner's sentence holds
    # every borrowed word, but the question asked is about the coach.
    history = [{"role": "user", "content": "Who won the chess championship?"},
               {"role": "assistant", "content": "**Marek Quill**"}]
    answer = two_stories.ask("Who coaches him?", history)
    assert answer.resolved_question and "Owen Pike" in answer.quotes[0].text


@pytest.fixture(scope="module")
def captain_and_coach(tmp_path_factory, embedder):
    """Two stories; only the other one states an age, plainly."""
    return _engine_over(tmp_path_factory, embedder, "captain-and-coach", {
        "chess.txt": TWO_STORIES["chess.txt"].replace("Sixteen-year-old Marek", "Marek"),
        "ferry.txt": TWO_STORIES["ferry.txt"] + "\nThe 61-year-old captain, Dan Rowe, has sailed the crossing "
                                                "since he was a boy.\n"})


def test_a_follow_up_stays_with_the_story_the_conversation_is_on(captain_and_coach):
    # Weighed against "How old is he?" alone, the captain's age in the ferry story won, confidently.
    history = [{"role": "user", "content": "Who coaches Marek Quill?"},
               {"role": "assistant", "content": "**Owen Pike**"}]
    answer = captain_and_coach.ask("How old is he?", history)
    shown = answer.quotes or answer.closest
    assert shown[0].source == "chess.txt" and not answer.answered


def test_a_near_topic_question_whose_sentence_lacks_what_is_asked_is_declined(two_stories):
    """Found on users' folders: "How old is the coach?" against the sentence naming the coach, with no
    age, was offered as a tentative answer. The passage does not hold an age: declined, the passage
    still shown apart as the closest. The sentence that says it answers."""
    answer = two_stories.ask("How old is Owen Pike?")
    assert not answer.answered and not answer.tentative and answer.text == NOT_IN_DOCUMENTS
    assert "Owen Pike" in answer.closest[0].text
    assert two_stories.ask("How old is Marek Quill?").answered


def test_a_question_whose_pronoun_points_inside_it_is_searched_alone(two_stories):
    history = [{"role": "user", "content": "What will the ferry cut mean for cafes?"},
               {"role": "assistant", "content": "Cafe owners warned it could halve their winter trade."}]
    answer = two_stories.ask("Who did the teenager draw with in his last game?", history)
    assert answer.resolved_question == ""
    assert answer.quotes[0].source == "chess.txt" and "Tomas Brecht" in answer.quotes[0].text


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
    ("Who coaches him?", True),
    ("What was his role?", True),
    ("Who did the teenager draw with in his final game?", False),  # "his": the teenager's
    ("What did the ministry say about its budget?", False),
    ("How much is the monthly fee for the membership that lets me use every club?", False),  # a clause
    ("Who is picking us up at the airport, and how much does he charge?", False),  # "he": who is asked
    ("Who said that?", True), ("When did that happen?", True), ("What was the name of that company?", True),
    ("Who met him, and when?", True),
    ("Why not?", True), ("Why does the recipe use demerara rather than caster sugar in the topping?", False),
    ("Which films are showing at the cinema this weekend?", False), ("Is there a cot at the cottage?", False),
    ("Who won the best garden competition this year?", False), ("How do I get there?", True),
    ("When did this happen?", True),
    ("How much would it cost to add my son back onto the policy?", False), ("What would it cost?", True),
    ("How long does it take to charge the bike?", False), ("Is it covered?", True),
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


@pytest.mark.parametrize("bad, error", [("", "the question is empty"), ("?", "the question has no words"),
                                        ("x" * 5000, "the limit is 2,000")])
def test_one_bad_question_with_json_is_answered_in_json(seed_index, bad, error):
    """As a bad line of the batch is: a script reading --json gets JSON either way, and the status
    still says it failed; without --json, one line on stderr."""
    for flag in (["--json"], []):
        result = subprocess.run([sys.executable, "-m", "bot", "ask", bad, "--index", str(seed_index.index_dir), *flag],
                                capture_output=True, text=True, cwd=ROOT, timeout=120)
        assert result.returncode == 1
        if flag:
            assert error in json.loads(result.stdout)["error"] and result.stderr == ""
        else:
            assert result.stdout == "" and error in result.stderr and result.stderr.count("\n") == 1


EARNINGS = ("Pellworth results\n\nPellworth Instruments reported revenue of $412.6 million for the second quarter, "
            "up 9% from a year earlier. For the third quarter, the company expects revenue of $405 million to "
            "$420 million. The board raised the dividend to 12 cents a share.\n")


def test_a_sentence_about_another_quarter_is_offered_not_stated(tmp_path, embedder):
    from bot import build
    from bot.answer.engine import Engine
    from bot.core.settings import Settings

    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "pellworth.txt").write_text(EARNINGS, encoding="utf-8")
    settings = Settings.from_env(seeds_dir=tmp_path / "seeds", index_dir=tmp_path / "index")
    build(settings, embedder)
    engine = Engine(settings, embedder)
    asked = engine.ask("How much revenue did Pellworth report for the second quarter?")
    assert asked.answered and "$412.6 million" in asked.quotes[0].text
    other = engine.ask("How much revenue did Pellworth report for the first quarter?")
    assert other.tentative and not other.answered  # the second quarter's figure, offered, not stated
    assert "second quarter" in other.closest[0].text


def test_an_answer_found_by_the_second_look_is_confident_only_when_the_marker_is_sure(engine, monkeypatch):
    """A clear lead the marker finds no answer in is read past (ranking.settle_first); the sentence
    found further down is the answer, confident when the marker reads it PROMOTED_SURE over the
    confident margin, else offered tentatively (compose.py). The margins are set around the real
    marker's readings of the two sentences."""
    import numpy as np

    from bot.answer.candidates import Candidate
    from bot.answer.compose import LOOK_BELOW, PROMOTED_SURE, Margins, compose
    from bot.answer.features import question_info

    question = "Who is Japan's defense minister?"
    lead, answer = "The talks were held on the 16th.", "Japan's Defense Minister Nobuo Kishi met his U.S. counterpart."
    text = f"{lead} {answer}"
    ranked = [Candidate(0, "a.txt", 0, len(lead), lead, np.zeros(1), 10.0, 0.9),
              Candidate(1, "a.txt", len(lead) + 1, len(text), answer, np.zeros(1), 5.0, 0.1)]
    asked = question_info(question, engine.embedder.embed([question])[0], lambda term: 5.0, lambda term: True)
    marker = engine.marker()
    lead_margin, answer_margin = (marker.read(question, [s])[0].best()[2] for s in (lead, answer))
    shipped = Margins.load()

    def composed(confident: float):
        monkeypatch.setattr(Margins, "load", staticmethod(lambda: replace(shipped, confident=confident)))
        return compose(question, ranked, True, lambda source: text, asked=asked, marker=marker)

    sure = answer_margin - PROMOTED_SURE  # the confident margin under which the answer reads sure
    assert lead_margin < sure + LOOK_BELOW, (lead_margin, answer_margin)
    confident = composed(sure)
    assert confident.answered and confident.quotes[0].text == answer and "Nobuo Kishi" in confident.text
    tentative = composed(sure + 1)  # the answer now reads under the promoted answer's bar
    assert tentative.tentative and tentative.closest[0].text == answer
    kept = composed(lead_margin - LOOK_BELOW - 1)  # the lead reads well enough for no second look
    assert not kept.answered and kept.closest[0].text == lead  # tentative or declined on the lead's own reading


def test_an_answer_the_marker_moves_up_is_confident_only_when_it_reads_it_well_over_the_bar(engine, monkeypatch):
    """Among the close first sentences, the one the marker reads an answer in comes first
    (ranking.settle_first); moved up over the ranking's own first, it is confident only MOVED_SURE
    over the confident margin, else offered (compose.py)."""
    import numpy as np

    from bot.answer.candidates import Candidate
    from bot.answer.compose import MOVED_SURE, Margins, compose
    from bot.answer.features import question_info
    from bot.answer.ranking import CLOSE_GAP

    question = "Who is Japan's defense minister?"
    lead, answer = "The talks were held on the 16th.", "Japan's Defense Minister Nobuo Kishi met his U.S. counterpart."
    text = f"{lead} {answer}"
    ranked = [Candidate(0, "a.txt", 0, len(lead), lead, np.zeros(1), 10.0, 0.6),
              Candidate(1, "a.txt", len(lead) + 1, len(text), answer, np.zeros(1), 10.0 - CLOSE_GAP / 2, 0.4)]
    asked = question_info(question, engine.embedder.embed([question])[0], lambda term: 5.0, lambda term: True)
    marker = engine.marker()
    answer_margin = marker.read(question, [answer])[0].best()[2]
    shipped = Margins.load()

    def composed(confident: float):
        monkeypatch.setattr(Margins, "load", staticmethod(lambda: replace(shipped, confident=confident)))
        return compose(question, ranked, True, lambda source: text, asked=asked, marker=marker)

    sure = composed(answer_margin - MOVED_SURE)
    assert sure.answered and sure.quotes[0].text == answer and "Nobuo Kishi" in sure.text
    offered = composed(answer_margin - MOVED_SURE + 1)  # over the confident margin, under the moved answer's bar
    assert offered.tentative and offered.closest[0].text == answer


def test_a_title_held_in_another_country_is_offered_not_asserted(engine):
    """"Who is the president of Taiwan?" had been answered in bold with the seed's "President Joe
    Biden", whose sentence names Taiwan only in "the Taiwan Strait". Japan's defense minister, named
    with his country, is still answered."""
    taiwan = engine.ask("Who is the president of Taiwan?")
    assert not taiwan.answered and taiwan.short_answer is None
    japan = engine.ask("Who is the defense minister of Japan?")
    assert japan.answered and japan.short_answer and "Kishi" in japan.short_answer.text


PRODUCT_AND_FESTIVAL = {
    "festival-faq.md": "# Larkspur Vale Festival: questions and answers\n\n## Wristbands\n\nYour wristband is your "
                       "ticket for the whole weekend, so keep it on until you leave. If you lose it, go to the box "
                       "office by the main gate with photo ID. Pay the £15 replacement fee by card. Damaged "
                       "wristbands are swapped free of charge.\n\n## Parking\n\nCar parking costs £10 a day and "
                       "must be booked in advance.\n",
    "aq7-spec-sheet.txt": "Corvid AQ-7 air quality monitor\n\nThe Corvid AQ-7 is a battery-powered monitor for homes, "
                          "classrooms and small offices. It measures carbon dioxide, fine particles (PM2.5), "
                          "temperature and humidity every 10 minutes. Its laser particle sensor is rated for "
                          "five years of continuous use. The AQ-7 comes with a three-year warranty.\n",
}


@pytest.fixture(scope="module")
def product_and_festival(tmp_path_factory, embedder):
    return _engine_over(tmp_path_factory, embedder, "product-and-festival", PRODUCT_AND_FESTIVAL)


def test_a_sentence_from_an_article_that_never_names_what_is_asked_about_does_not_answer(product_and_festival):
    """Another article names the AQ-7, the festival's page never does: whatever its sentence says, it
    is not about the AQ-7, so the question is declined, with the closest passages still shown."""
    from bot.answer.compose import NOT_IN_DOCUMENTS
    from bot.answer.ranking import names_another_article

    question = "How much does a replacement particle sensor for the AQ-7 cost?"
    index = product_and_festival.loaded().index
    assert names_another_article(question, "festival-faq.md", index)
    assert not names_another_article(question, "aq7-spec-sheet.txt", index)
    assert not names_another_article("How much is a replacement wristband?", "festival-faq.md", index)
    answer = product_and_festival.ask(question)
    assert not answer.answered and not answer.tentative and not answer.short_answer
    assert answer.text == NOT_IN_DOCUMENTS and answer.closest[0].source == "festival-faq.md"
    assert product_and_festival.ask("How much is a replacement wristband?").answered


def test_in_a_bigger_folder_an_article_that_never_names_what_is_asked_about_is_only_offered(
        tmp_path_factory, embedder):
    """Past SMALL_FOLDER articles (news, an encyclopedia) a question's preamble names what the article
    answering it need not name: the festival's sentence is offered, not declined."""
    from bot.answer.ranking import SMALL_FOLDER

    notes = {f"parish-note-{n:02d}.txt": f"Parish note {n}. The bell ringers of St Ebba's met on evening {n} "
             f"and rang {n * 10} changes before the harvest supper.\n" for n in range(SMALL_FOLDER)}
    engine = _engine_over(tmp_path_factory, embedder, "bigger-folder", PRODUCT_AND_FESTIVAL | notes)
    answer = engine.ask("How much does a replacement particle sensor for the AQ-7 cost?")
    assert answer.tentative and answer.closest[0].source == "festival-faq.md" and not answer.short_answer


MANUAL_AND_NEWSLETTER = {
    "px300-manual.md": "# Halloway AquaJet PX-300 pressure washer\n\n## Battery\n\nThe PX-300 runs on the HB-18/4 "
                       "battery (18 V, 4.0 Ah). A full charge takes 90 minutes with the FC-18 fast charger, and one "
                       "charge lasts up to 35 minutes in eco mode.\n\n## Storage\n\nStore the washer indoors above "
                       "5 °C.\n",
    "newsletter.txt": "Ashcombe Parva village newsletter, March\n\nThe spring fair raised £1,240 for the village hall "
                      "roof. Volunteers are needed to run the tombola stall on 12 April.\n",
}


def test_a_number_the_article_never_holds_is_declined_in_a_small_folder(tmp_path_factory, embedder):
    """The manual is about a 4.0 Ah battery: a question about a 2.0 Ah one is declined with the closest
    passage shown, where the one the manual holds is answered."""
    from bot.answer.compose import NOT_IN_DOCUMENTS

    engine = _engine_over(tmp_path_factory, embedder, "manual-and-newsletter", MANUAL_AND_NEWSLETTER)
    other = engine.ask("How long does the FC-18 charger take to charge a 2.0 Ah battery?")
    assert other.text == NOT_IN_DOCUMENTS and not other.tentative
    assert other.closest[0].source == "px300-manual.md"
    held = engine.ask("How long does the FC-18 charger take to charge the 4.0 Ah battery?")
    assert (held.quotes or held.closest)[0].text.startswith("A full charge takes 90 minutes")
    assert held.text != NOT_IN_DOCUMENTS


def test_a_table_row_is_quoted_with_its_header(tmp_path_factory, embedder):
    engine = _engine_over(tmp_path_factory, embedder, "festival-tickets", {"tickets.md": (
        "# Larkspur Vale Festival tickets\n\nTickets go on sale on 1 February. Prices for the weekend:\n\n"
        "| Ticket | Adult | Teen | Child |\n|---|---|---|---|\n| Day ticket | £60 | £30 | £10 |\n"
        "| Weekend without camping | £120 | £65 | £25 |\n| Weekend with camping | £145 | £80 | £35 |\n\n"
        "Children under five go free. Campervan passes are sold separately.\n")})
    answer = engine.ask("How much is a weekend ticket with camping?")
    first = (answer.quotes or answer.closest)[0]
    assert first.text == "Weekend with camping | £145 | £80 | £35"
    assert first.as_json()["header"] == "Ticket | Adult | Teen | Child"
    assert "\n(columns: Ticket | Adult | Teen | Child)" in answer.text


def test_asked_how_much_a_week_the_bold_answer_is_the_sum_said_a_week(tmp_path_factory, embedder):
    """A court report's "to pay £412 compensation to the pharmacy at £10 a week": "How much a week
    must she pay back?" was answered with a confident bold "£412"."""
    engine = _engine_over(tmp_path_factory, embedder, "court-report", {"court.txt": (
        "SHOPLIFTER WHO TARGETED PHARMACY\n\nA Hollinbridge woman who stole cosmetics and vitamins worth £412 "
        "from the same pharmacy on three occasions has been given a community order.\n\nTamsin Garrow, 27, of "
        "Weaver's Close, pleaded guilty to three counts of theft from Pellow's Pharmacy on Market Street between "
        "August 2 and August 23.\n\nThe court heard that staff recognised her from CCTV on her third visit and "
        "detained her until police arrived. None of the goods were recovered.\n\nHer solicitor, Imran Qadir, "
        "said Garrow had been struggling with debts since her partner left and had \"never been in trouble "
        "before\". She was ordered to complete 120 hours of unpaid work and 15 rehabilitation activity days, "
        "and to pay £412 compensation to the pharmacy at £10 a week.\n")})
    answer = engine.ask("How much a week must Tamsin Garrow pay back to the pharmacy?")
    assert answer.answered and answer.short_answer and answer.short_answer.text == "£10", answer.text


def test_what_time_is_not_answered_by_a_day_alone(tmp_path, embedder):
    """A surgery newsletter gives the booster clinics' days, not their hours: "What time do the Saturday
    booster clinics start?" was answered confidently with "Clinics run on Saturday 26 April and
    Saturday 10 May." (the marker's margin 5). A time of day asked needs one."""
    from bot import build
    from bot.answer.engine import Engine
    from bot.core.settings import Settings

    settings = Settings.from_env(seeds_dir=ROOT / "eval" / "new-users" / "user-v" / "articles",
                                 index_dir=tmp_path / "index")
    build(settings, embedder)
    with Engine(settings, embedder) as engine:
        answer = engine.ask("What time do the Saturday booster clinics start?")
        assert not answer.answered and "Saturday 26 April" in answer.closest[0].text


def test_i_ve_in_a_question_names_no_other_article(tmp_path_factory, embedder):
    """ "Who do I tell once I've arranged to swap a shift?" was declined in a bakery owner's folder:
    "I've" was taken for a name that only a customer's email holds, so the rota's answer was not
    about it."""
    engine = _engine_over(tmp_path_factory, embedder, "rota-and-email", {
        "rota.md": ("# Staff rota, October\n\nHouse rules for the rota:\n\n1. If you want to swap a shift, agree it "
                    "with the other person first and then tell Priya Sandhu by noon on Thursday so the next "
                    "week's rota can be printed.\n2. If you are ill, phone the shop landline before 6am.\n"),
        "complaint.txt": ("Dear Ms Castellow,\n\nI've ordered cakes from you for years and I've never had a "
                          "problem before. I'm writing because the birthday cake was wrong.\n\nYours sincerely,\n"
                          "Joanne Penhallow\n")})
    answer = engine.ask("Who do I tell once I've arranged to swap a shift with someone?")
    assert answer.answered or answer.tentative, answer.text
    assert "Priya Sandhu" in (answer.quotes or answer.closest)[0].text


def test_of_the_close_sentences_one_holding_the_kind_asked_comes_first(tmp_path_factory, embedder):
    """A school report's "What percentage of the school year was she present?" was offered "Class:
    Year 5, Kestrel Class", which the marker read higher than "Attendance: 96.4% ...", the line
    beside it that holds a percentage."""
    engine = _engine_over(tmp_path_factory, embedder, "school-report", {"report.md": (
        "# Larkfield Primary School: End of Year Report 2024-2025\n\n**Pupil:** Niamh Halloran\n"
        "**Class:** Year 5, Kestrel Class\n**Class teacher:** Mr Tobias Wren\n**Attendance:** 96.4% (7 sessions "
        "missed, all authorised)\n\nThis report describes Niamh's progress across the curriculum this year.\n\n"
        "## Personal development\n\nNiamh is kind, polite and a good friend to others. She was elected as one of "
        "Kestrel Class's two school councillors in September.\n")})
    answer = engine.ask("What percentage of the school year was she present?")
    assert (answer.quotes or answer.closest)[0].text.startswith("Attendance: 96.4%"), answer.text


def test_who_plays_a_part_is_answered_with_the_player(tmp_path_factory, embedder):
    """A theatre review (eval/new-users/user-ag): "Which actor plays the relief keeper?" had the bold
    "Silas Karkeek", the part, in "... matched by Femi Adeyemo-Grant as Silas Karkeek, the relief keeper"."""
    review = ROOT / "eval" / "new-users" / "user-ag" / "articles" / "review_the_lighthouse_keepers_wife.htm"
    engine = _engine_over(tmp_path_factory, embedder, "review", {review.name: review.read_text(encoding="utf-8")})
    answer = engine.ask("Which actor plays the relief keeper?")
    assert answer.short_answer and answer.short_answer.text == "Femi Adeyemo-Grant", answer.text
