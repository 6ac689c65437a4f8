"""README promises that had no test of their own: settings from BOT_* variables, the pronoun rule,
`bot eval` end to end, an unexpected error in one line, and a server bound to loopback."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import psutil

from bot import build
from bot.answer.engine import Engine
from bot.core.settings import Settings
from testkit.run import bot
from tests.conftest import ROOT, SEEDS


# -- settings ---------------------------------------------------------------------------------------
def test_every_bot_variable_sets_its_setting_and_flags_win(monkeypatch, tmp_path):
    values = {"BOT_SEEDS": ("seeds_dir", tmp_path / "s"), "BOT_INDEX": ("index_dir", tmp_path / "i"),
              "BOT_MODEL": ("model", "/models/other"), "BOT_BACKEND": ("backend", "torch"),
              "BOT_TOP_K": ("top_k", 7), "BOT_CACHE": ("cache_dir", tmp_path / "c"),
              "BOT_DECLINE_THRESHOLD": ("decline_threshold", 0.25), "BOT_STORE": ("store", "postgresql://db/x"),
              "BOT_STORE_READ": ("store_read", "postgresql://replica/x"), "BOT_STORE_POOL": ("store_pool", 9),
              "BOT_RAY": ("ray", "auto")}
    for variable, (_, value) in values.items():
        monkeypatch.setenv(variable, str(value))
    settings = Settings.from_env()
    assert {v: getattr(settings, field) for v, (field, _) in values.items()} == {v: x for v, (_, x) in values.items()}
    assert settings.seeds_named
    flagged = Settings.from_env(index_dir=tmp_path / "flag", top_k=3)
    assert (flagged.index_dir, flagged.top_k, flagged.model) == (tmp_path / "flag", 3, "/models/other")
    monkeypatch.delenv("BOT_SEEDS")
    assert not Settings.from_env().seeds_named and Settings.from_env(seeds_dir="x").seeds_named


def test_the_decline_threshold_and_top_k_reach_the_engine(seed_index, embedder, monkeypatch):
    question = "What is the boiling point of mercury?"  # declined at the calibrated threshold
    with Engine(seed_index, embedder) as engine:
        assert not engine.ask(question).answered
    monkeypatch.setenv("BOT_DECLINE_THRESHOLD", "0")
    monkeypatch.setenv("BOT_TOP_K", "1")
    settings = Settings.from_env(seeds_dir=seed_index.seeds_dir, index_dir=seed_index.index_dir)
    with Engine(settings, embedder) as engine:
        assert engine.threshold() == 0.0  # the refusal model declines nothing (the marker may still)
        loaded, _, hits, _ = engine.evidence("Who is Japan's defense minister?")
        assert len(hits) == 1


# -- the pronoun rule -------------------------------------------------------------------------------
def test_a_first_quote_opening_with_a_pronoun_brings_the_sentence_before_it(tmp_path, embedder):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "ferry.txt").write_text(
        "Ferry notes\n\nCaptain Ilse Brandt has run the Lindholm ferry since 2019. She sailed cargo ships "
        "in the Baltic for twelve years before that.\n\nHe who waits for the ferry in winter brings a coat. "
        "The crossing takes forty minutes.\n\nMonthly payment is open to anyone who registers by 28 February. "
        "After that date, season tickets must be paid for in full.\n", encoding="utf-8")
    settings = Settings.from_env(seeds_dir=seeds, index_dir=tmp_path / "index", decline_threshold=0.0)
    build(settings, embedder)
    with Engine(settings, embedder) as engine:
        shown = lambda answer: (answer.quotes or answer.closest)[0]  # confident or tentative
        quote = shown(engine.ask("Who sailed cargo ships in the Baltic for twelve years?"))
        assert quote.text == ("Captain Ilse Brandt has run the Lindholm ferry since 2019. She sailed cargo "
                              "ships in the Baltic for twelve years before that.")
        # Not across a paragraph break: the sentence before is another paragraph's.
        quote = shown(engine.ask("Who brings a coat when waiting for the ferry in winter?"))
        assert quote.text == "He who waits for the ferry in winter brings a coat."
        quote = shown(engine.ask("From when must season tickets be paid for in full?"))
        assert quote.text.startswith("Monthly payment is open to anyone who registers by 28 February. After that")


# -- bot eval, end to end ---------------------------------------------------------------------------
def test_bot_eval_reads_every_format_and_writes_its_report(seed_index, tmp_path):
    source = next(SEEDS.glob("*.txt")).name
    text = (SEEDS / source).read_text(encoding="utf-8")
    lines = tmp_path / "set.jsonl"
    lines.write_text("\n".join(json.dumps(row) for row in [
        {"question": "Who is Japan's defense minister?", "answers": ["Nobuo Kishi"], "source": source},
        {"question": "What is the boiling point of mercury?", "answers": []},
    ]) + "\n")
    squad = tmp_path / "squad.json"
    squad.write_text(json.dumps({"data": [{"title": "Seed", "paragraphs": [{"context": text, "qas": [
        {"id": "q1", "question": "Who is Japan's defense minister?", "answers": [{"text": "Nobuo Kishi"}]}]}]}]}))
    beir = tmp_path / "beir"
    (beir / "qrels").mkdir(parents=True)
    (beir / "corpus.jsonl").write_text(json.dumps({"_id": "d1", "title": "Seed", "text": text}) + "\n")
    (beir / "queries.jsonl").write_text(json.dumps({"_id": "q1", "text": "Japan defense minister Kishi"}) + "\n")
    (beir / "qrels" / "test.tsv").write_text("query-id\tcorpus-id\tscore\nq1\td1\t1\n")
    index = ["--index", str(seed_index.index_dir)]
    out = tmp_path / "report"
    done = bot("eval", str(lines), *index, "--configs", "fused,dense,bm25", "--peer", "langchain",
               "--out", str(out), "--json")
    assert done.returncode == 0, done.stderr
    runs = json.loads(done.stdout)["runs"]
    assert set(runs) == {"fused", "dense", "bm25", "langchain"}
    assert runs["fused"]["all"]["first_quote"] == 1.0 and runs["fused"]["all"]["declined"] == 1.0
    assert {p.name for p in out.iterdir()} >= {"report.md", "metrics.json", "results.jsonl", "chart.png"}
    assert len((out / "results.jsonl").read_text().splitlines()) == 4 * 2
    fused = [row for row in map(json.loads, (out / "results.jsonl").read_text().splitlines()) if row["config"] == "fused"]
    minister = next(row for row in fused if row["answers"])  # every passage shown, and whether the bold holds it
    assert minister["quotes"][0] == minister["first_quote"] and 1 <= len(minister["quotes"]) <= 3
    assert minister["bold_correct"] is (True if minister["short_answer"] else None)
    # SQuAD JSON names its article "00_Seed.txt", which the seed index does not hold: without --refusal
    # `bot eval` stops and says so (test_first_use); here only the reading of the format is checked.
    squad_run = bot("eval", str(squad), *index, "--json", "--refusal")
    assert squad_run.returncode == 0, squad_run.stderr
    assert json.loads(squad_run.stdout)["runs"]["fused"]["all"]["questions"] == 1
    beir_run = bot("eval", str(beir), "--json")  # builds its own index of corpus.jsonl, in the cache
    assert beir_run.returncode == 0, beir_run.stderr
    assert json.loads(beir_run.stdout)["runs"]["fused"]["all"]["ndcg@10"] == 1.0


# -- an unexpected error ----------------------------------------------------------------------------
def test_an_unexpected_error_is_one_line_and_bot_debug_shows_the_traceback(seed_index):
    code = ("import sys, bot.cli as cli\n"
            "def broken(args): raise RuntimeError('disk on fire\\nsecond line')\n"
            "cli.cmd_text = broken\n"
            "sys.exit(cli.main(['text', 'x.txt']))\n")
    env = {k: v for k, v in os.environ.items() if k != "BOT_DEBUG"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.splitlines() == ["error: unexpected RuntimeError: disk on fire second line "
                                        "(run with BOT_DEBUG=1 for the traceback)"]
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          env=dict(env, BOT_DEBUG="1"))
    assert done.returncode == 1 and "Traceback" in done.stderr and "disk on fire" in done.stderr


# -- the web app binds to loopback, with no share link ---------------------------------------------
def test_the_app_binds_to_loopback_and_makes_no_share_link(tmp_path):
    from testkit.server import running_app

    # The flag beats the environment: GRADIO_SERVER_NAME=0.0.0.0 alone would need authentication.
    with running_app(tmp_path, "--host", "127.0.0.1", env={"GRADIO_SERVER_NAME": "0.0.0.0"}) as server:
        connections = psutil.Process(server.process.pid).net_connections(kind="inet")
        listening = {c.laddr.ip for c in connections if c.status == psutil.CONN_LISTEN}
        assert listening == {"127.0.0.1"}
        assert all(c.raddr.ip in ("127.0.0.1", "::1") for c in connections if c.raddr)  # nothing outside
        log = server.log.read_text()
    assert "gradio.live" not in log and "public link" not in log and "share=True" not in log
    done = subprocess.run([sys.executable, "app.py", "--seeds", str(SEEDS), "--index", str(tmp_path / "i2")],
                          capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env=dict(os.environ, GRADIO_SERVER_NAME="0.0.0.0"))
    assert done.returncode != 0 and "needs authentication" in done.stderr


def test_gradio_server_name_is_the_host_without_the_flag(tmp_path):
    from testkit.server import running_app

    with running_app(tmp_path, env={"GRADIO_SERVER_NAME": "localhost"}) as server:
        connections = psutil.Process(server.process.pid).net_connections(kind="inet")
        assert {c.laddr.ip for c in connections if c.status == psutil.CONN_LISTEN} <= {"127.0.0.1", "::1"}
