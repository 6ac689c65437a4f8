"""Present `bot eval` figures: a markdown table for the terminal and report.md, files for scripts.

The library computes; this module only formats and writes (metrics.json, results.jsonl with the
wrong answers first, a PNG bar chart comparing configurations).
"""

from __future__ import annotations

import json
from pathlib import Path

COLUMNS = [
    ("first_quote", "first quote"), ("top3_quotes", "top-3 quotes"), ("f1_first_quote", "F1"),
    ("first_quote_chars", "quote chars"), ("answered", "answered"), ("declined", "declined"), ("quote_validity", "valid quotes"),
    ("hit@1", "hit@1"), ("hit@5", "hit@5"), ("mrr", "MRR"), ("ndcg@10", "nDCG@10"),
    ("p50_ms", "p50 ms"), ("p95_ms", "p95 ms"), ("questions", "questions"),
]


def _cell(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float) and value <= 1.0:
        return f"{value:.3f}"
    return f"{value:g}" if isinstance(value, float) else str(value)


def table(runs: dict[str, dict[str, dict]]) -> str:
    """runs: configuration -> group -> metrics. Columns with no figure anywhere are left out."""
    rows = [(config, group, m) for config, groups in runs.items() for group, m in groups.items()]
    used = [(key, label) for key, label in COLUMNS if any(m.get(key) is not None for _, _, m in rows)]
    lines = ["| config | questions in | " + " | ".join(label for _, label in used) + " |",
             "|---|---|" + "---|" * len(used)]
    for config, group, metrics in rows:
        lines.append(f"| {config} | {group} | " + " | ".join(_cell(metrics.get(k)) for k, _ in used) + " |")
    return "\n".join(lines)


def write(out: Path, runs: dict[str, dict[str, dict]], results: dict[str, list], dataset: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "metrics.json").write_text(json.dumps({"dataset": dataset, "runs": runs}, indent=1))
    with open(out / "results.jsonl", "w", encoding="utf-8") as handle:
        for config, rows in results.items():
            for row in sorted(rows, key=lambda r: r["correct"] is not False):  # wrong answers first
                handle.write(json.dumps({"config": config, **row}, ensure_ascii=False) + "\n")
    invalid = [q for groups in runs.values() for q in groups["all"].get("invalid_quotes", [])]
    body = [f"# Evaluation of `{dataset}`", "", table(runs), ""]
    if invalid:
        body += ["## Invalid quotes", "", *(f"- {q['source']} {q['start']}-{q['end']}" for q in invalid), ""]
    body += ["![chart](chart.png)", ""]
    (out / "report.md").write_text("\n".join(body))
    chart(runs, out / "chart.png")


def chart(runs: dict[str, dict[str, dict]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rates = [(k, label) for k, label in COLUMNS if k not in ("first_quote_chars", "p50_ms", "p95_ms", "questions")]
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
