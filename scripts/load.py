"""Load test of the web app: many gradio_client users asking at once, then again during a rebuild.

    .venv/bin/python scripts/load.py                       # starts its own app (temp copy of seeds/)
    .venv/bin/python scripts/load.py --users 8 --questions 5 --out /tmp/load.json
    .venv/bin/python scripts/load.py --url http://127.0.0.1:7860/ --runs steady
    .venv/bin/python scripts/load.py --postgres --apps 3 --seconds 120 --runs steady,rebuild,restart

Each user is one gradio_client `Client` (its own session) in its own thread. All connect first
(Gradio's config and API info: about 0.1 s of server time each), then they ask their questions back
to back through the public `/ask` endpoint, all at once. Two runs:

- steady: every user asks `--questions` questions.
- rebuild: the same, and when a quarter of the answers are in, the seed article is edited (a line
  put in front, which shifts every offset) and `bot index` rebuilds the app's index from another
  process; the app swaps the new build in while users keep asking. Users go on until the new build
  has answered each of them at least once. Every answer must come from exactly one build: its
  quotes are checked against the text of the build it names (`index_version`), so an answer that
  mixed the old rows with the new text, or the reverse, would fail.

With `--postgres` (a throwaway PostgreSQL from the test wheel) or `--store URL`, the index is
kept in PostgreSQL and `--apps N` app processes serve it, user i talking to app i mod N; the
rebuild run then also reports how long after the switch (seen in `current_build`) each app still
started answering from the old build, and the restart run restarts the database mid-run: answers
in flight may fail, and every user must be answered again afterwards. `--seconds S` makes users
ask for S seconds (the rebuild or restart in the middle) instead of `--questions` each.

Reported per run: questions asked, errors (exceptions, {"error"} replies, quotes not verbatim),
answers that mixed builds, client latency p50/p95/max, server time p50, throughput. Printed, and
written as JSON to --out. Checking quotes and the rebuild run need the app's index and seeds
folders on this machine: with --url, pass them as --index and --seeds (else quotes go unchecked).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUESTIONS = [
    "Who is Japan's defense minister?",
    "When was the 2 plus 2 meeting held?",
    "What did the joint document stress?",
    "Which side asked for the Taiwan contingency to be a topic of the talks?",
    "What has increased dramatically over the center line of the Taiwan Strait?",
    "Who is the U.S. Defense Secretary?",
    "What did Marta Quill write in the logbook?",
    "What is the boiling point of mercury?",
    "Who won the 2018 FIFA World Cup?",
    "What did he point out?",
]
CONNECT_TIMEOUT = 60  # seconds; 32 users connecting at once took 4 s on two cores (Gradio's config)
EDIT = "Updated edition of this article.\n\n"  # put in front of the article: every offset moves


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


class Run:
    """One load run: users, their answers, and the checks made on each answer."""

    def __init__(self, name: str, urls: list[str], users: int, questions: int, texts: dict,
                 seconds: float | None = None):
        self.name, self.urls, self.users, self.questions, self.seconds = name, urls, users, questions, seconds
        self.texts = texts  # build name -> {source: text} (a rebuild adds its own); None: unchecked
        self.deadline = float("inf")
        self.timeline: list[tuple[int, str, float, float]] = []  # (app, build, answered at, server seconds)
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.server_seconds: list[float] = []
        self.errors: list[str] = []
        self.answers: list[tuple[str, list[dict]]] = []  # (build that answered, its quotes)
        self.versions: dict[str, int] = {}
        self.swapped = threading.Event()  # set once the rebuild's new build is current
        self.stale_after_swap = 0  # asked after the swap, answered by the old build

    def check(self, result: dict, asked_after_swap: bool, old_version: str | None, app: int) -> None:
        if "error" in result:
            raise RuntimeError(f"error reply: {result['error']}")
        version = result.get("index_version", "")
        with self.lock:
            self.timeline.append((app, version, time.perf_counter(), result["seconds"]))
            self.versions[version] = self.versions.get(version, 0) + 1
            self.stale_after_swap += asked_after_swap and version == old_version
            self.server_seconds.append(result["seconds"])
            self.answers.append((version, result["quotes"] + result.get("closest", [])))

    def count_mixed(self) -> int:
        """Answers whose quotes are not the exact text of the build they name (checked once every
        build's texts are known: an answer from the new build can arrive before this script reads it)."""
        if self.texts is None:
            return 0
        return sum(version not in self.texts or any(
            self.texts[version][q["source"]][q["start"] : q["end"]] != q["text"] for q in quotes)
            for version, quotes in self.answers)

    def user(self, number: int, old_version: str | None, rebuilding: bool, ready: threading.Barrier) -> None:
        from gradio_client import Client

        app = number % len(self.urls)
        try:  # every user connects first: the questions start together, once all are connected
            client = Client(self.urls[app], verbose=False, httpx_kwargs={"timeout": CONNECT_TIMEOUT})
        except Exception as error:  # counted: a user who cannot even connect is an error
            with self.lock:
                self.errors.append(f"connect: {error!r}")
            ready.abort()
            return
        try:
            ready.wait()
        except threading.BrokenBarrierError:
            return
        asked, after_swap = 0, False
        while (time.perf_counter() < self.deadline if self.seconds else asked < self.questions) or (
                rebuilding and not after_swap):
            question = QUESTIONS[(number + asked) % len(QUESTIONS)]
            swapped = self.swapped.is_set()
            started = time.perf_counter()
            try:
                result = client.predict(question, [], api_name="/ask")
                latency = time.perf_counter() - started
                self.check(result, swapped, old_version, app)
                with self.lock:
                    self.latencies.append(latency)
            except Exception as error:
                with self.lock:
                    self.errors.append(f"{question!r}: {error!r}"[:300])
            asked += 1
            after_swap = after_swap or swapped

    def go(self, rebuild=None, old_version: str | None = None) -> dict:
        """Run the users (and `rebuild()`, a rebuild or a restart, once a quarter of the answers are
        in, or half the time has gone); the results."""
        ready = threading.Barrier(self.users + 1)
        threads = [threading.Thread(target=self.user, args=(i, old_version, rebuild is not None, ready))
                   for i in range(self.users)]
        connecting = time.perf_counter()
        for thread in threads:
            thread.start()
        try:
            ready.wait()
        except threading.BrokenBarrierError:
            pass  # a user could not connect: the others stop, and the error is reported
        started = time.perf_counter()
        self.deadline = started + (self.seconds or 0)
        connect_seconds = started - connecting
        rebuild_seconds = None
        if rebuild is not None:
            while (time.perf_counter() < started + self.seconds / 2 if self.seconds else
                   len(self.latencies) + len(self.errors) < self.users * self.questions / 4) and any(
                    t.is_alive() for t in threads):
                time.sleep(0.05)
            rebuild_started = time.perf_counter()
            rebuild()
            rebuild_seconds = time.perf_counter() - rebuild_started
            self.swapped.set()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - started
        asked = len(self.latencies) + len(self.errors)
        return {
            "run": self.name, "apps": len(self.urls), "users": self.users, "asked": asked,
            "questions_per_user": None if self.seconds else self.questions, "seconds": self.seconds,
            "errors": len(self.errors), "error_samples": self.errors[:5], "mixed_answers": self.count_mixed(),
            "stale_after_swap": self.stale_after_swap, "index_versions": self.versions,
            "p50_seconds": round(percentile(self.latencies, 0.50), 4),
            "p95_seconds": round(percentile(self.latencies, 0.95), 4),
            "max_seconds": round(max(self.latencies, default=0.0), 4),
            "server_p50_seconds": round(statistics.median(self.server_seconds), 4) if self.server_seconds else 0.0,
            "throughput_qps": round(len(self.latencies) / wall, 2), "wall_seconds": round(wall, 2),
            "rebuild_seconds": round(rebuild_seconds, 2) if rebuild_seconds is not None else None,
            "connect_seconds": round(connect_seconds, 2),
        }


def build_texts(settings) -> tuple[str, dict]:
    """The current build's name and the text of each of its documents, as the build stored it."""
    from bot.store.base import open_store

    store = open_store(settings)
    try:
        index = store.load()
        return index.version, {source: index.text(source) for source in index.documents}
    finally:
        store.close()


def where_args(settings) -> list[str]:
    return ["--store", settings.store] if settings.store else ["--index", str(settings.index_dir)]


def rebuild_once(seeds: Path, settings):
    """Edit the seed article, then rebuild the index from another process, as a user would."""

    def rebuild() -> None:
        article = sorted(seeds.glob("0*.txt"))[0]
        article.write_text(EDIT + article.read_text(encoding="utf-8"), encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "bot", "index", "--seeds", str(seeds), *where_args(settings)],
                              cwd=ROOT, capture_output=True, text=True, timeout=600)
        if done.returncode != 0:
            raise RuntimeError(f"the rebuild failed: {done.stderr}")

    return rebuild


def watch_switch(settings, old: str, seen: dict) -> threading.Thread:
    """Note when the store's current build stops being `old` (polled every 10 ms)."""
    from bot.store.base import open_store

    def poll() -> None:
        store = open_store(settings)
        try:
            while store.current_version() == old and "stop" not in seen:
                time.sleep(0.01)
            seen["switched_at"] = time.perf_counter()
        finally:
            store.close()

    thread = threading.Thread(target=poll, daemon=True)
    thread.start()
    return thread


def switch_lag(run: Run, old: str, switched_at: float) -> dict:
    """Per app: how long after the switch it still started an answer from the old build (its
    answer's arrival minus the server's own seconds), and whether the new build answered it."""
    lag = {}
    for app in range(len(run.urls)):
        old_starts = [at - seconds for a, version, at, seconds in run.timeline if a == app and version == old]
        new = any(a == app and version != old for a, version, _, _ in run.timeline)
        lag[app] = round(max(0.0, max(old_starts, default=switched_at) - switched_at), 3) if new else None
    return lag


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running app (default: start one over a temp copy of seeds/)")
    parser.add_argument("--seeds", type=Path, help="with --url: the app's seeds folder (for the rebuild run)")
    parser.add_argument("--index", type=Path, help="with --url: the app's index folder (for the rebuild run)")
    parser.add_argument("--store", help="the apps' PostgreSQL store (with --url: the app's)")
    parser.add_argument("--postgres", action="store_true", help="start a throwaway PostgreSQL for the apps")
    parser.add_argument("--apps", type=int, default=1, help="app processes over the one index (default 1)")
    parser.add_argument("--users", type=int, default=32)
    parser.add_argument("--questions", type=int, default=20, help="questions per user")
    parser.add_argument("--seconds", type=float, help="ask for this long instead (the rebuild in the middle)")
    parser.add_argument("--runs", default="steady,rebuild", help="steady, rebuild, restart (needs --postgres)")
    parser.add_argument("--out", type=Path, default=ROOT / "test-artifacts" / "load.json")
    args = parser.parse_args(argv)
    runs = args.runs.split(",")
    from bot.core.settings import Settings

    if args.url:
        settings = Settings.from_env(index_dir=args.index, store=args.store) if (args.index or args.store) else None
        return report(args, measure(args, [args.url], args.seeds, settings, runs))
    from testkit.server import make_seeds, running_app

    with tempfile.TemporaryDirectory(prefix="seedbot-load-") as folder, ExitStack() as stack:
        postgres = None
        if args.postgres:
            from testkit.pgserver import running_postgres

            postgres = stack.enter_context(running_postgres())
        store = postgres.url() if postgres else args.store
        seeds = make_seeds(Path(folder))
        settings = Settings.from_env(index_dir=Path(folder) / "index", store=store)
        extra = ["--store", store] if store else []
        urls = [stack.enter_context(running_app(Path(folder), *extra, seeds=seeds, name=f"app{i}")).url
                for i in range(args.apps)]
        print(f"apps at {', '.join(urls)} over {store or settings.index_dir} (seeds {seeds})", file=sys.stderr)
        return report(args, measure(args, urls, seeds, settings, runs, postgres))


def measure(args, urls: list[str], seeds: Path | None, settings, runs: list[str], postgres=None) -> list[dict]:
    results = []
    if "steady" in runs:
        run = Run("steady", urls, args.users, args.questions, dict([build_texts(settings)]) if settings else None,
                  args.seconds)
        results.append(run.go())
    if "rebuild" in runs:
        if not (seeds and settings):
            print("skipping the rebuild run: it needs --seeds and --index (or --store) with --url", file=sys.stderr)
            return results
        old, old_texts = build_texts(settings)
        run = Run("rebuild", urls, args.users, args.questions, {old: old_texts}, args.seconds)
        rebuild, seen = rebuild_once(seeds, settings), {}

        def rebuild_and_learn() -> None:
            watcher = watch_switch(settings, old, seen)
            rebuild()
            watcher.join(timeout=10)
            new, new_texts = build_texts(settings)
            run.texts[new] = new_texts

        result = run.go(rebuild_and_learn, old)
        seen["stop"] = True
        result["switch_lag_seconds"] = switch_lag(run, old, seen.get("switched_at", time.perf_counter()))
        results.append(result)
    if "restart" in runs:
        if postgres is None:
            print("skipping the restart run: it needs --postgres", file=sys.stderr)
            return results
        version, texts = build_texts(settings)
        run = Run("restart", urls, args.users, args.questions, {version: texts}, args.seconds)
        window = {}

        def restart() -> None:
            window["from"] = time.perf_counter()
            postgres.restart()
            window["to"] = time.perf_counter()

        result = run.go(restart)
        answered_after = {a for a, _, at, _ in run.timeline if at > window["to"]}
        result.update(restart_seconds=round(window["to"] - window["from"], 2), apps_answering_after=len(answered_after),
                      index_versions_after=sorted({v for _, v, at, _ in run.timeline if at > window["to"]}))
        results.append(result)
    return results


def report(args, results: list[dict]) -> int:
    out = {"users": args.users, "apps": args.apps, "cpu_count": os.cpu_count(), "load_average": os.getloadavg(),
           "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "runs": results}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=1))
    print(f"{'run':8} {'apps':>4} {'asked':>6} {'errors':>6} {'mixed':>6} {'p50 s':>7} {'p95 s':>7} {'max s':>7} "
          f"{'q/s':>6}  builds")
    failed = False
    for r in results:
        print(f"{r['run']:8} {r['apps']:4} {r['asked']:6} {r['errors']:6} {r['mixed_answers']:6} {r['p50_seconds']:7.3f} "
              f"{r['p95_seconds']:7.3f} {r['max_seconds']:7.3f} {r['throughput_qps']:6.1f}  "
              f"{len(r['index_versions'])}" + (f" (rebuild {r['rebuild_seconds']}s)" if r["run"] == "rebuild" else ""))
        if "switch_lag_seconds" in r:
            print(f"  after the switch, old-build answers still started for (s, per app): {r['switch_lag_seconds']}")
        if "restart_seconds" in r:
            print(f"  database restart {r['restart_seconds']}s; apps answering after it: {r['apps_answering_after']} "
                  f"of {r['apps']}, from build {r['index_versions_after']}")
        for sample in r["error_samples"]:
            print(f"  error: {sample}")
        # A restart may fail the questions in flight; everything else must be flawless.
        if r["run"] == "restart":
            failed |= bool(r["mixed_answers"] or r["apps_answering_after"] < r["apps"])
        else:
            failed |= bool(r["errors"] or r["mixed_answers"] or r["stale_after_swap"])
            failed |= None in r.get("switch_lag_seconds", {}).values()
    print(f"load average {os.getloadavg()[0]:.1f}; results: {args.out}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
