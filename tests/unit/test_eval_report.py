"""bot eval's report.md: each wrong answer says what the question got, as the user saw it."""

from bot.eval.report import wrong_answers


def test_a_wrong_answer_says_whether_it_was_tentative_declined_or_bold():
    quote = {"text": "The top reader was Zainab Malik, who read 87 books."}
    rows = [
        {"question": "How many books in all?", "answers": ["4,612"], "correct": False, "answered": True,
         "tentative": False, "first_quote": quote, "short_answer": {"text": "87"}},
        {"question": "Who read most?", "answers": ["Ada"], "correct": False, "answered": False,
         "tentative": True, "first_quote": quote, "short_answer": None},
        {"question": "What is the fare?", "answers": ["£4"], "correct": False, "answered": False,
         "tentative": False, "first_quote": None, "short_answer": None},
        {"question": "Who wrote it?", "answers": ["Ada"], "correct": True, "answered": True,
         "tentative": False, "first_quote": quote, "short_answer": None},
        {"question": "What is the code?", "answers": ["CGE2104"], "correct": False, "answered": False,  # a new
         "tentative": False, "first_quote": None, "short_answer": None,  # user wanted to see what was set apart
         "closest": {"text": "CGE2104 | Estuarine   Sediment Dynamics | 20"}},
    ]
    got = [line.split("got: ")[1].split("  \n")[0] for line in wrong_answers({"fused": rows}) if "got: " in line]
    assert got == ["The top reader was Zainab Malik, who read 87 books. (bold: 87)",
                   "tentative: The top reader was Zainab Malik, who read 87 books.", "declined",
                   "declined (closest: CGE2104 | Estuarine Sediment Dynamics | 20)"]


def test_a_right_quote_with_a_wrong_bold_answer_is_listed_as_wrong():
    """conf.err counts a wrong bold short answer; the report must let the reader find it."""
    quote = {"text": "Pennine Trek E7 | £2,649 | 24.8 kg"}
    rows = [
        {"question": "How much does it weigh?", "answers": ["24.8 kg"], "correct": True, "answered": True,
         "tentative": False, "first_quote": quote, "short_answer": {"text": "£2,649"}},
        {"question": "What does it cost?", "answers": ["£2,649"], "correct": True, "answered": True,
         "tentative": False, "first_quote": quote, "short_answer": {"text": "£2,649"}},
    ]
    lines = wrong_answers({"fused": rows})
    assert "## Wrong answers: fused (1)" in lines
    assert any("How much does it weigh?" in line for line in lines)
    assert not any("What does it cost?" in line for line in lines)


def test_two_question_sets_in_folders_of_one_name_get_an_index_each(tmp_path):
    """Two folders named docs/ had shared one cached index, rebuilt from scratch at each switch."""
    from bot.cli import _eval_work

    first, second = tmp_path / "a" / "docs", tmp_path / "b" / "docs"
    cache = tmp_path / "cache"
    mine = _eval_work(cache, first)
    assert mine == cache / "eval" / "docs"  # named as the README's --index path names it
    other = _eval_work(cache, second)
    assert other != mine and other.parent == mine.parent and other.name.startswith("docs-")
    assert _eval_work(cache, first) == mine and _eval_work(cache, second) == other


def test_each_wrong_answer_says_why_it_counts():
    quote = {"text": "Pennine Trek E7 | £2,649 | 24.8 kg"}
    rows = [
        {"question": "How much does it weigh?", "answers": ["24.8 kg"], "correct": True, "answered": True,
         "tentative": False, "first_quote": quote, "short_answer": {"text": "£2,649"}},
        {"question": "What does it cost?", "answers": ["£1,999"], "correct": False, "answered": True,
         "tentative": False, "first_quote": quote, "short_answer": None},
        {"question": "Who sells it?", "answers": ["Halewood"], "correct": False, "answered": False,
         "tentative": True, "first_quote": quote, "short_answer": None},
        {"question": "What colour is it?", "answers": ["red"], "correct": False, "answered": False,
         "tentative": False, "first_quote": None, "short_answer": None},
        {"question": "Who designed it?", "answers": [], "correct": False, "answered": True,
         "tentative": False, "first_quote": quote, "short_answer": None},
    ]
    why = [line.split("why: ")[1] for line in wrong_answers({"fused": rows}) if "why: " in line]
    assert why == ["the quote holds the answer; the bold short answer does not",
                   "the first quote does not hold the answer", "the passage offered does not hold the answer",
                   "declined, though the documents answer it",
                   "the documents do not answer it, and it was answered confidently"]
