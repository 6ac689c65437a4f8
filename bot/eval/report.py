"""Present `bot eval` figures: a markdown table for the terminal and report.md, files for scripts.

The library computes; this module only formats and writes (metrics.json, results.jsonl with the
wrong answers first, a PNG bar chart comparing configurations).
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from bot.eval.scoring import contains

COLUMNS = [
    ("questions", "questions"), ("answerable", "answerable"), ("unanswerable", "unanswerable"),
    ("first_quote", "first quote"), ("top3_quotes", "top-3 quotes"), ("f1_first_quote", "F1"),
    ("first_quote_chars", "quote chars"), ("answered", "answered"), ("tentative", "tentative"), ("offered", "offered"), ("declined", "declined"),
    ("not_confident", "not confident"), ("confident_errors", "confident errors"),
    ("confident_wrong", "confident wrong"), ("confident_unanswerable", "confident unanswerable"),
    ("wrong_bold", "wrong bold"),
    ("down_votes", "down-votes"), ("down_votes_fixed", "down-votes fixed"), ("quote_validity", "valid quotes"),
    ("short_shown", "short shown"), ("short_em", "short EM"), ("short_f1", "short F1"),
    ("short_em_shown", "EM shown"), ("short_f1_shown", "F1 shown"), ("short_contains_shown", "gold in shown"),
    ("hit@1", "hit@1"), ("hit@5", "hit@5"), ("mrr", "MRR"), ("ndcg@10", "nDCG@10"),
    ("p50_ms", "p50 ms"), ("p95_ms", "p95 ms"), ("errors", "errors"),
]
COUNTS = {"questions", "answerable", "unanswerable", "down_votes", "errors", "confident_errors", "wrong_bold"}  # shown as whole numbers
LEGEND = {
    "answerable": "questions with a gold answer; unanswerable: those the articles do not answer",
    "first quote": "share of answerable questions whose gold answer is inside the first quote",
    "top-3 quotes": "... inside one of the first three quotes",
    "F1": "word overlap of the first quote with the gold answer (SQuAD's token F1)",
    "quote chars": "mean length of the first quote",
    "answered": "share of answerable questions answered confidently (not tentative, not declined)",
    "tentative": "share of answerable questions given a tentative answer (its closest passages count as quotes)",
    "offered": "share of answerable questions answered confidently or tentatively (a passage shown as the answer)",
    "declined": "share of unanswerable questions declined",
    "not confident": "share of unanswerable questions declined or given a tentative answer",
    "confident errors": "count of confident errors: a first quote missing the gold answer, an unanswerable "
                        "question answered, a wrong bold short answer (each counts: a wrong quote with a wrong "
                        "bold answer is two)",
    "confident wrong": "share of answerable questions answered confidently with a first quote missing the answer",
    "confident unanswerable": "share of unanswerable questions answered confidently",
    "wrong bold": "count of bold short answers that do not hold the gold answer",
    "down-votes fixed": "share of down-voted answers (feedback.jsonl) the bot no longer gives",
    "valid quotes": "share of quotes (and short answers) that are exactly file[start:end]",
    "short shown": "share of answerable questions given a short answer",
    "short EM": "short answer equal to a gold answer after SQuAD's normalization, over all answerable (none = 0)",
    "short F1": "token F1 of the short answer with the gold answer, over all answerable (none = 0)",
    "EM shown": "exact match among the short answers shown (F1 shown: token F1 among them)",
    "gold in shown": "share of short answers shown that hold a gold answer",
    "hit@1": "the right document ranked first (hit@5: in the first five; MRR: 1/rank)",
    "nDCG@10": "graded document ranking (BEIR)",
    "p50 ms": "median time per question (p95: 95th percentile)",
    "errors": "questions that failed with an error",
}


def _cell(value, key: str = "") -> str:
    if value is None:
        return "–"
    if key in COUNTS:
        return f"{value:,}"
    if isinstance(value, float) and value <= 1.0:
        return f"{value:.3f}"
    return f"{value:g}" if isinstance(value, float) else str(value)


# The console's table: the main figures under short labels, within 100 columns (`--wide`: all of them,
# valid quotes among them). "offered" and "not conf" are figures the README quotes (the tentative
# share is offered less answered).
MAIN = [("questions", "q"), ("first_quote", "first"), ("top3_quotes", "top-3"), ("answered", "answered"),
        ("offered", "offered"), ("declined", "declined"), ("not_confident", "not conf"),
        ("confident_errors", "conf.err"), ("short_contains_shown", "bold"), ("p50_ms", "p50 ms")]


def table(runs: dict[str, dict[str, dict]], wide: bool = True) -> str:
    """runs: configuration -> group -> metrics. Columns with no figure anywhere are left out; not
    `wide`: the MAIN ones only, and the configuration only when there are several."""
    rows = [(config, group, m) for config, groups in runs.items() for group, m in groups.items()]
    used = [(key, label) for key, label in (COLUMNS if wide else MAIN) if any(m.get(key) is not None for _, _, m in rows)]
    config = wide or len(runs) > 1
    lines = [("| config " if config else "") + ("| questions in | " if wide else "| group | ")
             + " | ".join(label for _, label in used) + " |",
             ("|---" if config else "") + "|---|" + "---|" * len(used)]
    for name, group, metrics in rows:
        group = group if wide or len(group) <= 18 else group[:17] + "…"
        lines.append((f"| {name} " if config else "") + f"| {group} | "
                     + " | ".join(_cell(metrics.get(k), k) for k, _ in used) + " |")
    return "\n".join(lines)


def legend(runs: dict[str, dict[str, dict]], wide: bool = True, width: int = 100) -> str:
    """What each column of `table(runs, wide)` means (rates are 0 to 1; – means no question of that kind),
    one entry a line, folded at `width` (0: not folded)."""
    rows = [m for groups in runs.values() for m in groups.values()]
    full = dict(COLUMNS)
    lines = ["Rates are 0 to 1; – = no question of that kind." + ("" if wide else " --wide shows every column.")]
    for key, label in (COLUMNS if wide else MAIN):
        if not any(m.get(key) is not None for m in rows):
            continue
        text = LEGEND.get(full[key], "")
        if label != full[key]:  # a short label: say what it stands for
            text = full[key] + (f": {text}" if text else "")
        if text:
            entry = f"  {label}: {text}"
            lines.append(textwrap.fill(entry, width, subsequent_indent="    ") if width else entry)
    return "\n".join(lines)


def is_wrong(row: dict) -> bool:
    """A first quote missing the answer (or an unanswerable question answered), or a confident
    bold short answer that does not hold it: each is a wrong answer to the reader."""
    bold = row.get("short_answer")
    return row["correct"] is False or bool(row["answered"] and bold and row["answers"]
                                          and not contains(bold["text"], row["answers"]))


def wrong_answers(results: dict[str, list], limit: int = 200) -> list[str]:
    """Markdown lines for the questions each configuration got wrong: what was expected, what came."""
    lines = []
    for config, rows in results.items():
        wrong = [r for r in rows if is_wrong(r)]
        if not wrong:
            continue
        lines += [f"## Wrong answers: {config} ({len(wrong):,})", ""]
        for row in wrong[:limit]:
            expected = " | ".join(row["answers"]) or "a refusal"
            got = _outcome(row)
            lines.append(f"- {row['question']}  \n  expected: {expected}  \n  got: {got}  \n  why: {_why(row)}")
        lines += ([f"- … {len(wrong) - limit:,} more in results.jsonl"] if len(wrong) > limit else []) + [""]
    return lines


def _why(row: dict) -> str:
    """Why a row counts as wrong: a writer read a right quote under "Wrong answers" and could not
    tell that its bold short answer was what missed."""
    shown = row["answered"] or row.get("tentative")
    if not row["answers"]:
        return "the documents do not answer it, and it was answered confidently"
    if row["correct"] is not False:
        return "the quote holds the answer; the bold short answer does not"
    if not shown or not row["first_quote"]:
        return "declined, though the documents answer it"
    return "the passage offered does not hold the answer" if row.get("tentative") else \
        "the first quote does not hold the answer"


def _outcome(row: dict) -> str:
    """What a question got: its first quote (said to be tentative, for a tentative answer), then the
    bold short answer if one was shown; or "declined", with the closest passage it set apart."""
    if not row["first_quote"] or not (row["answered"] or row.get("tentative")):
        closest = row.get("closest")
        return "declined" + (f" (closest: {' '.join(closest['text'].split())[:200]})" if closest else "")
    got = " ".join(row["first_quote"]["text"].split())[:200]
    if row.get("tentative"):
        return f"tentative: {got}"
    return got + (f" (bold: {row['short_answer']['text']})" if row.get("short_answer") else "")


def write(out: Path, runs: dict[str, dict[str, dict]], results: dict[str, list], dataset: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "metrics.json").write_text(json.dumps({"dataset": dataset, "runs": runs}, indent=1))
    with open(out / "results.jsonl", "w", encoding="utf-8") as handle:
        for config, rows in results.items():
            for row in sorted(rows, key=lambda r: not is_wrong(r)):  # wrong answers first
                handle.write(json.dumps({"config": config, **row}, ensure_ascii=False) + "\n")
    invalid = [q for groups in runs.values() for q in groups["all"].get("invalid_quotes", [])]
    body = [f"# Evaluation of `{dataset}`", "", table(runs), "", legend(runs, width=0).replace("\n  ", "\n- "), ""]
    if invalid:
        body += ["## Invalid quotes", "", *(f"- {q['source']} {q['start']}-{q['end']}" for q in invalid), ""]
    body += wrong_answers(results)
    body += ["![chart](chart.png)", ""]
    (out / "report.md").write_text("\n".join(body))
    chart(runs, out / "chart.png")


def chart(runs: dict[str, dict[str, dict]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rates = [(k, label) for k, label in COLUMNS if k not in COUNTS | {"first_quote_chars", "p50_ms", "p95_ms"}]
    keys = [(k, label) for k, label in rates if any(g["all"].get(k) is not None for g in runs.values())]
    figure, axis = plt.subplots(figsize=(max(6, 1.3 * len(keys)), 3.6), dpi=100)
    width = 0.8 / max(len(runs), 1)
    for i, (config, groups) in enumerate(runs.items()):
        values = [groups["all"].get(k) or 0 for k, _ in keys]
        axis.bar([x + i * width for x in range(len(keys))], values, width, label=config)
    axis.set_xticks([x + width * (len(runs) - 1) / 2 for x in range(len(keys))], [label for _, label in keys],
                    rotation=20, fontsize=8)
    axis.set_ylim(0, 1)
    axis.legend(fontsize=8)
    axis.set_title("bot eval: all questions")
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)
