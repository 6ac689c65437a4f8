"""What the short answer adds to each question's time: the marker's read of the first quote and
`choose()`, timed on the quotes the engine gives, beside the whole answer.

    python scripts/short_answer_cost.py [--index DIR] [--questions FILE] [--sample 2000]

Defaults: the SQuAD index `bot eval` builds (in $BOT_CACHE) and its fixed 2,000-question sample.
Prints p50 / p95 in ms of the whole `Engine.ask` and of that step on the same questions, and the
machine's load average (timings on a busy machine are upper bounds).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.answer.engine import Engine  # noqa: E402
from bot.core.settings import Settings  # noqa: E402
from bot.eval.datasets import load_dataset, spread  # noqa: E402
from bot.shortanswer.choose import MAX_QUOTES, ShortAnswerModel, choose  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Settings.from_env().cache_dir / "eval" / "squad-v1.1-dev" / "index"
    parser.add_argument("--index", type=Path, default=default)
    parser.add_argument("--questions", type=Path, default=Path("../shared/eval/squad-v1.1-dev"))
    parser.add_argument("--sample", type=int, default=2000)
    args = parser.parse_args()
    engine = Engine(Settings.from_env(index_dir=args.index))
    model = ShortAnswerModel.load()
    items = spread(load_dataset(args.questions), args.sample)
    engine.ask(items[0].question)  # load the index and the model first
    asked, chose = [], []
    for item in items:
        answer = engine.ask(item.question)
        asked.append(answer.seconds)
        if not answer.answered:
            continue
        loaded, info, _, _ = engine.evidence(item.question)  # the question's terms, as compose() has them
        started = time.perf_counter()
        texts = [q.text for q in answer.quotes[:MAX_QUOTES]]  # the marker's read counted as the step's
        choose(info.text, info.terms, answer.quotes, engine.marker().read(info.text, texts), model)
        chose.append(time.perf_counter() - started)
    for name, seconds in (("whole answer", asked), ("marker + choose()", chose)):
        ms = np.array(seconds) * 1000
        print(f"{name:>17}: p50 {np.percentile(ms, 50):.2f} ms, p95 {np.percentile(ms, 95):.2f} ms ({len(ms)} questions)")
    print("load average: " + " ".join(f"{x:.1f}" for x in os.getloadavg()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
