"""Quality gates: the hand-written seed gold set, follow-ups about seven articles, and a slice of
twelve articles the test writes itself (one article cannot show a retrieval regression: every chunk
of it is always a hit), through the real bot, must not get worse; the first quote must stay a
sentence, not a whole passage.

Thresholds are the figures measured when they were last raised, minus a few points (README,
"Evaluation"). Raise them when the bot improves; never lower them to make a change pass.
"""

from __future__ import annotations

from bot.eval.datasets import load_dataset
from bot.eval.runs import run
from bot.eval.scoring import score
from tests.conftest import ROOT

GOLD = ROOT / "eval" / "seed-gold.jsonl"
# measured 2026-11-29: first quote 0.854, answered 0.917, declined 0.667, validity 1.0; first quote
# 0.875 since 2026-11-30 (a follow-up's marker reads the question as asked). 2026-12-05, three
# outcomes (README, "Confident, tentative or declined"): first quote 0.854, answered confidently
# 0.750, offered (confidently or tentatively) 0.896, declined 0.750, confident errors 10. With the
# retrained models (docs/evaluation.md, "Retraining", seventh session): first quote 0.896, answered
# confidently 0.708, offered 0.938, declined 0.750, confident errors 7.
MIN_FIRST_QUOTE = 0.83
MIN_OFFERED = 0.85
MIN_DECLINED = 0.70
MAX_CONFIDENT_ERRORS = 10


FOLLOW_UPS = ROOT / "eval" / "followups.jsonl"
# measured 2026-11-30 (README, "Follow-up questions"): first quote 0.768, answered 0.929; before the
# follow-up weighing 0.607 / 0.929. 2026-12-05: first quote 0.786, offered 0.929.
MIN_FOLLOW_UP_FIRST_QUOTE = 0.74
MIN_FOLLOW_UP_OFFERED = 0.88


def test_follow_ups_about_seven_articles_meet_their_gate(tmp_path, embedder):
    """Follow-ups written by someone who had not seen the bot, about the fresh articles and the
    seed article, all in one index: the words a follow-up borrows must not pull the answer back to
    the last one's sentence, nor to another article."""
    import shutil

    from bot import build
    from bot.answer.engine import Engine
    from bot.core.settings import Settings

    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "eval" / "fresh-articles" / "articles", seeds)
    for article in (ROOT / "seeds").glob("*.txt"):
        shutil.copy(article, seeds)
    settings = Settings.from_env(seeds_dir=seeds, index_dir=tmp_path / "index")
    build(settings, embedder)
    items = load_dataset(FOLLOW_UPS)
    assert len(items) >= 50 and all(i.history for i in items)
    with Engine(settings, embedder) as engine:
        metrics = score(run(engine, items))
    assert metrics["quote_validity"] == 1.0 and metrics["errors"] == 0, metrics
    assert metrics["first_quote"] >= MIN_FOLLOW_UP_FIRST_QUOTE, metrics
    assert metrics["offered"] >= MIN_FOLLOW_UP_OFFERED, metrics


def test_gold_set_is_big_enough_and_its_answers_are_in_the_article():
    items = load_dataset(GOLD)
    answerable = [i for i in items if i.answers]
    assert len(answerable) >= 40
    assert len([i for i in items if not i.answers]) >= 10
    assert len([i for i in items if i.history]) >= 5
    for item in answerable:
        text = (ROOT / "seeds" / item.source).read_text(encoding="utf-8")
        assert all(answer in text for answer in item.answers), item.question


def test_seed_gold_set_meets_the_quality_gate(engine):
    metrics = score(run(engine, load_dataset(GOLD)))
    assert metrics["quote_validity"] == 1.0, metrics["invalid_quotes"]
    assert metrics["errors"] == 0
    assert metrics["first_quote"] >= MIN_FIRST_QUOTE, metrics
    assert metrics["offered"] >= MIN_OFFERED, metrics
    assert metrics["declined"] >= MIN_DECLINED, metrics
    assert metrics["confident_errors"] <= MAX_CONFIDENT_ERRORS, metrics


# -- a multi-article gate: retrieval has to find the article, the quote has to be the sentence ------
TOWNS = ["Kelmouth", "Arnsby", "Wyrdale", "Ostholm", "Penmarrow", "Tessaly", "Brackwater", "Lindqvist",
         "Carrowmore", "Feldheim", "Dunmarsh", "Velloria"]
ENGINEERS = ["Agnes Marlow", "Tobias Rennick", "Hilde Sorensen", "Ibrahim Kaya", "Oona Whitlock",
             "Pavel Dostal", "Grace Ilori", "Matteo Bruni", "Sanna Kivi", "Declan Foyle", "Mirela Costa",
             "Henrik Lund"]
MAYORS = ["Ruth Abernethy", "Jonas Feld", "Clara Vance", "Emeka Obi", "Lotte Brandt", "Nils Ekberg",
          "Priya Raman", "Samuel Orr", "Yuki Tanaka", "Bianca Ferro", "Tomasz Wrona", "Ada Quill"]
PRODUCTS = ["salted herring", "slate roof tiles", "woollen blankets", "rapeseed oil", "oak barrels",
            "copper wire", "smoked eel", "glass bottles", "pickled beets", "linen sails", "peat bricks",
            "tin lanterns"]
FILLER = ("Winters on this stretch of coast are long and wet, and most families keep a small garden "
          "behind the house. The regional bus stops twice a day, and the school closes in the first "
          "week of July. Visitors mostly come for the walking paths along the cliffs.")
# Not in any article: the bot should decline them.
ELSEWHERE = ["Who is the mayor of Zarbridge?", "When was the lighthouse of Quenby built?",
             "What does the town of Harrowgate export?", "Who designed the railway bridge in Ostend Bay?"]
# measured when this gate was added: first quote 0.750 (the export questions get the town's first
# sentence), hit@1 1.000, declined 1.000, mean first quote 75 characters, longest 95. Thresholds a
# few points below, and length bounds that quoting whole chunks or paragraphs could not meet.
MIN_SLICE_FIRST_QUOTE = 0.70
MIN_SLICE_HIT1 = 0.95
MIN_SLICE_DECLINED = 0.75
MAX_SLICE_MEAN_QUOTE_CHARS = 150
MAX_SLICE_QUOTE_CHARS = 300


def write_articles(folder) -> list:
    """Twelve short articles about twelve made-up towns, alike in shape (so that only finding the
    right article answers), and 48 paraphrased questions about them plus 4 about none of them."""
    from bot.eval.datasets import Item

    folder.mkdir(parents=True, exist_ok=True)
    items = []
    for n, town in enumerate(TOWNS):
        engineer, mayor, product = ENGINEERS[n], MAYORS[n], PRODUCTS[n]
        year = 1841 + 7 * n
        source = f"{n:02d}_{town.lower()}.txt"
        (folder / source).write_text(
            f"{town}\n\n{town} is a small harbour town of about {1200 + 350 * n:,} people. {FILLER}\n\n"
            f"The stone harbour of {town} was designed by the engineer {engineer} and finished in {year}. "
            f"Before that, boats were pulled up on the beach.\n\n"
            f"Since the last election the town has been led by mayor {mayor}, who grew up on a farm nearby. "
            f"Most of what leaves the harbour today is {product}, shipped south every autumn.\n",
            encoding="utf-8")
        items += [Item(f"Who was the engineer behind the harbour in {town}?", (engineer,), source),
                  Item(f"In which year was the {town} harbour completed?", (str(year),), source),
                  Item(f"What does {town} mostly ship out of its harbour?", (product,), source),
                  Item(f"How many people live in {town}?", (f"{1200 + 350 * n:,}",), source)]
    items += [Item(question) for question in ELSEWHERE]
    return items


def test_a_multi_article_slice_meets_its_gate(tmp_path, embedder):
    from bot import build
    from bot.answer.engine import Engine
    from bot.core.settings import Settings

    items = write_articles(tmp_path / "seeds")
    settings = Settings.from_env(seeds_dir=tmp_path / "seeds", index_dir=tmp_path / "index")
    build(settings, embedder)
    with Engine(settings, embedder) as engine:
        results = run(engine, items)
    metrics = score(results)
    assert metrics["quote_validity"] == 1.0 and metrics["errors"] == 0, metrics
    assert metrics["first_quote"] >= MIN_SLICE_FIRST_QUOTE, metrics
    assert metrics["hit@1"] >= MIN_SLICE_HIT1, metrics
    assert metrics["declined"] >= MIN_SLICE_DECLINED, metrics
    assert metrics["first_quote_chars"] <= MAX_SLICE_MEAN_QUOTE_CHARS, metrics
    assert max(len(r.quotes[0]["text"]) for r in results if r.quotes) <= MAX_SLICE_QUOTE_CHARS


# -- a folder of one's own: ten documents in new genres and all five formats, one index --------------
NEW_GENRES = ROOT / "eval" / "new-genres" / "held-out"
# measured 2026-12-05 on this held-out half (written by two people who saw neither the bot nor its
# data; nothing was chosen on it): first quote 0.650, answered confidently 0.525, offered 0.833,
# near-topic not answered confidently 0.667 (declined 0.317), off-topic declined 0.933, bold short
# answers holding the gold answer 0.833, confident errors 36 of 210 questions (103 before the three
# outcomes and the PDF reader of this date, 39 before the period, restating and clock-time rules;
# first quote 0.633 before a declined question was offered when the marker reads its answer). With
# the retrained models (docs/evaluation.md, "Retraining", seventh session): first quote 0.633,
# offered 0.808, near-topic not confident 0.717 (declined 0.350), off-topic declined 0.933, bold
# right 0.881, confident errors 30. On 2026-12-06 (thirteenth session: readers mended, a birth, an
# address, another of a series): first quote 0.675, offered 0.825, near-topic not confident 0.733,
# off-topic declined 0.933, bold right 0.952, confident errors 24. Fourteenth session (lines the
# writer broke in PDFs, another train or release, an old value): 0.683, 0.825, 0.750, 0.933, 0.976, 21.
# Nineteenth session (a table row turned away but not far is offered; a first row naming columns is
# no answer): 0.717, 0.867, 0.767, 0.933, 0.976, 20. Twenty-second session (an answer from an
# article lacking what the question names or gives is declined in a small folder; PDF rows keep
# their empty cells): 0.733, 0.850, 0.817 (near-topic declined 0.383), 0.933, 0.976, 18.
MIN_NEW_FIRST_QUOTE = 0.70
MIN_NEW_OFFERED = 0.83
MIN_NEW_NEAR_NOT_CONFIDENT = 0.77
MIN_NEW_NEAR_DECLINED = 0.33
MIN_NEW_OFF_TOPIC_DECLINED = 0.90
MAX_NEW_CONFIDENT_ERRORS = 22
MIN_NEW_BOLD_RIGHT = 0.85  # the goal for bold short answers holding the gold answer


def test_a_mixed_folder_of_new_genres_meets_its_gate(tmp_path, embedder):
    from bot import build
    from bot.answer.engine import Engine
    from bot.core.settings import Settings
    from bot.eval.scoring import score_groups

    settings = Settings.from_env(seeds_dir=NEW_GENRES / "articles", index_dir=tmp_path / "index")
    report = build(settings, embedder)
    assert report.documents == 10 and not report.skipped
    assert {p.suffix for p in (NEW_GENRES / "articles").iterdir()} == {".txt", ".md", ".html", ".docx", ".pdf"}
    with Engine(settings, embedder) as engine:
        groups = score_groups(run(engine, load_dataset(NEW_GENRES / "questions.jsonl")))
    every, near, off = groups["all"], groups["near-topic"], groups["off-topic"]
    assert every["quote_validity"] == 1.0 and every["errors"] == 0, every
    assert every["first_quote"] >= MIN_NEW_FIRST_QUOTE and every["offered"] >= MIN_NEW_OFFERED, every
    assert near["not_confident"] >= MIN_NEW_NEAR_NOT_CONFIDENT and near["declined"] >= MIN_NEW_NEAR_DECLINED, near
    assert off["declined"] >= MIN_NEW_OFF_TOPIC_DECLINED, off
    assert every["confident_errors"] <= MAX_NEW_CONFIDENT_ERRORS, every
    assert every["short_contains_shown"] >= MIN_NEW_BOLD_RIGHT, every
