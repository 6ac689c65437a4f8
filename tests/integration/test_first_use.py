"""What a new user meets first (issue 17), each through the real command in a subprocess:
rebuilding an index of another folder, hints, start-up errors of the web app, a quiet terminal,
help texts, the plain batch transcript and Ctrl-C during `bot index`."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import signal
import socket
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from bot.store.folder import layout as store
from bot.store.folder import reading
from testkit.run import bot
from testkit.server import ROOT
from tests.integration.test_hardening import one_error_line

FERRY = "Harbor notes\n\nThe ferry to Lindholm island is run by captain Ilse Brandt since 2019.\n"


WITHOUT_SEEDS = {"BOT_SEEDS": None}  # for testkit.run.bot: no seeds folder named by the environment


@pytest.fixture()
def own_index(tmp_path) -> tuple[Path, Path]:
    """An index built from a folder of one's own (not seeds/)."""
    seeds, index = tmp_path / "mine", tmp_path / "index"
    seeds.mkdir()
    (seeds / "ferry.txt").write_text(FERRY)
    done = bot("index", "--seeds", str(seeds), "--index", str(index))
    assert done.returncode == 0, done.stderr
    return seeds, index


# -- 2. rebuilding never swaps the corpus ---------------------------------------------------------
def test_rebuild_without_seeds_uses_the_folder_the_index_was_built_from(own_index):
    seeds, index = own_index
    done = bot("index", "--index", str(index), "--json", env=WITHOUT_SEEDS)
    assert done.returncode == 0, done.stderr
    assert '"removed": 0' in done.stdout and str(seeds) in done.stderr
    assert list(reading.load(index).documents) == ["ferry.txt"]


def test_rebuild_refuses_when_the_recorded_folder_is_gone(own_index):
    seeds, index = own_index
    seeds.rename(seeds.with_name("moved"))
    before = store.current_build(index)
    one_error_line(bot("index", "--index", str(index), env=WITHOUT_SEEDS), str(seeds), "--seeds")
    assert store.current_build(index) == before


@pytest.mark.parametrize("where, words, never", [
    ("/nonexistent/index", ["--seeds", "bot index"], []),
    ("seeds", ["--seeds seeds"], ["bot index --index seeds"]),
    ("index/current", ["--index index"], ["--index index/current"]),
    ("README.md", ["is a file, not an index folder"], ["--index README.md"]),
])
def test_the_missing_index_hint_names_seeds_and_a_sane_folder(where, words, never):
    message = one_error_line(bot("ask", "Who runs the ferry?", "--index", where), *words)
    assert not any(bad in message for bad in never)


def test_a_fresh_clones_index_folder_is_not_taken_for_articles(tmp_path):
    (tmp_path / "index").mkdir()
    (tmp_path / "index" / "README.md").write_text((ROOT / "index" / "README.md").read_text())
    one_error_line(bot("ask", "Who runs the ferry?", "--index", str(tmp_path / "index")),
                   f"bot index --seeds FOLDER --index {tmp_path / 'index'}",
                   "pass `--index` the folder")  # a new user had built elsewhere and run `bot text` without it


# -- 7. start-up of the web app -------------------------------------------------------------------
def serve(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "BOT_SEEDS"}
    return subprocess.run([sys.executable, "app.py", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120, env=env)


def test_serve_on_a_port_in_use_says_so_in_one_line(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = serve("--port", str(port), "--index", str(tmp_path / "index"))
    one_error_line(done, f"port {port} is in use", "--port")
    assert not (tmp_path / "index").exists()  # said before building anything


def test_serve_with_an_empty_seeds_folder_says_add_articles(tmp_path):
    (tmp_path / "empty").mkdir()
    done = serve("--seeds", str(tmp_path / "empty"), "--index", str(tmp_path / "index"), "--port", "0")
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert done.stderr.count("error:") == 1 and f"add articles to {tmp_path / 'empty'}" in done.stderr
    assert "run `bot index" not in done.stderr and "note:" not in done.stderr


def test_serve_with_seeds_naming_a_file_says_it_is_a_file(tmp_path):
    article = tmp_path / "ferry.txt"
    article.write_text(FERRY)
    one_error_line(serve("--seeds", str(article), "--index", str(tmp_path / "index"), "--port", "0"),
                   "is a file, not a folder")
    one_error_line(bot("index", "--seeds", str(article), "--index", str(tmp_path / "index")), "is a file")


# -- 10. help -------------------------------------------------------------------------------------
def test_help_speaks_to_users():
    main = bot("--help").stdout
    assert "BotError" not in main and "BOT_DECLINE_THRESHOLD" in main
    for command in ("index", "ask", "eval", "serve"):
        text = bot(command, "--help").stdout
        description = text.split("\n\n")[1]  # the paragraph after the usage line
        assert len(description.split()) >= 5 and not description.startswith(("positional", "options")), text
    assert bot("serve", "--help").stdout.startswith("usage: bot serve")
    assert '"history"' in bot("ask", "--help").stdout
    assert "--limit" in bot("eval", "--help").stdout


def run_on_a_terminal(args: list[str], until: bytes, then=None, timeout: float = 120) -> tuple[int, str]:
    """Run `bot ARGS` with a pseudo-terminal as stdin, stdout and stderr; once `until` shows up, call
    `then(process, master_fd)`. Returns the exit code and everything printed."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a new pty is 0 wide
    process = subprocess.Popen([sys.executable, "-m", "bot", *args], cwd=ROOT, stdin=slave, stdout=slave,
                               stderr=slave, close_fds=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    os.close(slave)
    output, deadline, fired = b"", time.monotonic() + timeout, False
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            output += chunk
        if not fired and until in output:
            fired = True
            if then:
                then(process, master)
        if process.poll() is not None and not ready:
            break
    process.wait(timeout=30)
    os.close(master)
    return process.returncode, output.decode(errors="replace")


def test_ask_on_a_terminal_says_it_reads_standard_input(seed_index):
    code, output = run_on_a_terminal(["ask", "--index", str(seed_index.index_dir)],
                                     until=b"standard input", then=lambda p, fd: os.write(fd, b"\x04"))
    assert code == 0 and "Reading questions from standard input" in output


# -- 11. the plain batch transcript ---------------------------------------------------------------
def test_plain_batch_names_each_question_and_keeps_errors_in_order(seed_index):
    lines = ["Who is Japan's defense minister?", "{not json", "What is the boiling point of mercury?"]
    done = bot("ask", "--index", seed_index.index_dir, input="\n".join(lines) + "\n", stdout=subprocess.PIPE,
               stderr=subprocess.STDOUT, timeout=120)
    assert done.returncode == 0
    out = done.stdout
    order = [out.index(f"Q: {lines[0]}"), out.index("Nobuo Kishi"), out.index("Q: {not json"),
             out.index("error (line 2): not valid JSON"), out.index(f"Q: {lines[2]}"),
             out.index("The documents do not answer")]
    assert order == sorted(order), out


# -- 12. Ctrl-C during bot index ------------------------------------------------------------------
def test_ctrl_c_during_index_says_one_line_and_clears_the_bar(own_index):
    seeds, index = own_index
    before = store.current_build(index)
    paragraph = "The harbor master of Port Elsby counts {n} ships, {n} cranes and {n} ferries each week. " * 6
    (seeds / "long.txt").write_text("\n\n".join(paragraph.format(n=i) for i in range(600)))
    code, output = run_on_a_terminal(["index", "--index", str(index)], until=b"%|",
                                     then=lambda process, fd: process.send_signal(signal.SIGINT))
    assert code == 130, output
    assert output.count("interrupted: the index was left as it was") == 1 and "Traceback" not in output
    last = output.rsplit("interrupted", 1)[0].rsplit("\r", 1)[-1]
    assert "Embedding" not in last  # the bar's line was wiped before the message
    assert store.current_build(index) == before


# -- 9. a quiet terminal (the web app's log is checked in test_ui.py) -------------------------------
@pytest.mark.slow  # exports the model to ONNX again (about 20 s)
def test_the_onnx_export_says_one_line(own_index, tmp_path):
    seeds, _ = own_index
    done = bot("index", "--seeds", str(seeds), "--index", str(tmp_path / "fresh"),
               env=dict(os.environ, BOT_CACHE=str(tmp_path / "cache")))
    assert done.returncode == 0, done.stderr
    assert [line.split(" ")[0] for line in done.stderr.splitlines()] == ["Exporting"], done.stderr
    # The first question exports the marker: one line too, none of transformers' or onnxruntime's.
    done = bot("ask", "Who runs the ferry to Lindholm island?", "--index", str(tmp_path / "fresh"),
               env=dict(os.environ, BOT_CACHE=str(tmp_path / "cache")))
    assert done.returncode == 0 and "Brandt" in done.stdout, done.stderr
    assert [line.split(" ")[:3] for line in done.stderr.splitlines()] == [["Exporting", "the", "marker"]], done.stderr


# -- 6. bot eval never miscounts silently ---------------------------------------------------------
@pytest.mark.parametrize("line, words", [
    ('{"question": "When does it open?", "answer": "6 a.m."}', ['"answer"', '"answers"']),
    ('{"question": "When does it open?", "answers": "6 a.m."}', ['"answers"', "list", "not str"]),
    ('{"question": "When does it open?"}', ['"answers" is missing']),
    ('["When does it open?"]', ["JSON object"]),
])
def test_eval_names_the_line_and_the_field(tmp_path, seed_index, line, words):
    dataset = tmp_path / "set.jsonl"
    dataset.write_text('{"question": "Who is Japan\'s defense minister?", "answers": ["Kishi"]}\n' + line + "\n")
    one_error_line(bot("eval", str(dataset), "--index", str(seed_index.index_dir)), f"{dataset}:2:", *words)


def test_eval_of_a_missing_file_says_so(tmp_path):
    one_error_line(bot("eval", str(tmp_path / "nothere.jsonl")), "nothere.jsonl: no such file")


def test_eval_table_has_counts_a_legend_and_the_report_lists_wrong_answers(tmp_path, seed_index):
    dataset = tmp_path / "set.jsonl"
    dataset.write_text('{"question": "Who is Japan\'s defense minister?", "answers": ["Nobuo Kishi"]}\n'
                       '{"question": "Who is the U.S. Defense Secretary?", "answers": ["Pluto the dog"]}\n'
                       '{"question": "What is the boiling point of mercury?", "answers": []}\n')
    done = bot("eval", str(dataset), "--index", str(seed_index.index_dir), "--out", str(tmp_path / "out"), "--wide")
    assert done.returncode == 0, done.stderr
    header, _, row = done.stdout.splitlines()[:3]
    cells = dict(zip([c.strip() for c in header.split("|")], [c.strip() for c in row.split("|")]))
    assert (cells["questions"], cells["answerable"], cells["unanswerable"]) == ("3", "2", "1")
    # The wrong gold answer is quoted confidently (or not): either way it is counted as a confident error.
    assert int(cells["confident errors"]) == (cells["answered"] == "1.000") + int(cells["wrong bold"])
    assert "first quote: share of answerable questions whose gold answer is inside the first quote" in done.stdout
    narrow = bot("eval", str(dataset), "--index", str(seed_index.index_dir))  # the console's default
    assert max(map(len, narrow.stdout.splitlines())) <= 100 and "conf.err: confident errors" in narrow.stdout
    assert narrow.stdout.splitlines()[0].split("|")[1:4] == [" group ", " q ", " first "]
    assert " offered " in narrow.stdout.splitlines()[0]  # a figure the README quotes
    report = (tmp_path / "out" / "report.md").read_text()
    assert "## Wrong answers: fused (1)" in report and "expected: Pluto the dog" in report
    assert "Who is Japan's defense minister?" not in report.split("## Wrong answers")[1]


def test_eval_stops_when_the_index_does_not_hold_the_sets_articles(tmp_path, seed_index):
    dataset = tmp_path / "set.jsonl"
    dataset.write_text('{"question": "How much does a Kelp Loaf cost?", "answers": ["£4.80"], "source": "bakery.html"}\n'
                       '{"question": "Who bakes it?", "answers": ["Ortega"], "source": "bakery.html"}\n')
    done = bot("eval", str(dataset), "--index", str(seed_index.index_dir))
    one_error_line(done, "only 0 of the 1 articles this set's answers are in are in the index", "--index")
    assert done.returncode != 0
    refusal = bot("eval", str(dataset), "--index", str(seed_index.index_dir), "--refusal", "--json")
    assert refusal.returncode == 0, refusal.stderr  # a refusal protocol: its articles are meant to be missing


# -- 13. a down-vote means the answer was wrong ---------------------------------------------------
def test_eval_reads_a_down_vote_as_a_wrong_answer(tmp_path, seed_index):
    index = str(seed_index.index_dir)
    asked = json.loads(bot("ask", "--json", "--index", index, "Who is Japan's defense minister?").stdout)
    vote = {"time": "2026-01-01T00:00:00+0000", "question": asked["question"], "answered": True,
            "answer": asked["answer"], "quotes": asked["quotes"], "index_version": "x", "id": "a"}
    other = dict(vote, id="b", quotes=[dict(asked["quotes"][0], text="An answer the bot no longer gives.")])
    feedback = tmp_path / "feedback.jsonl"
    feedback.write_text("".join(json.dumps(dict(v, vote="down")) + "\n" for v in (vote, other)))
    done = bot("eval", str(feedback), "--index", index, "--json")
    assert done.returncode == 0, done.stderr
    metrics = json.loads(done.stdout)["runs"]["fused"]["vote down"]
    assert metrics["unanswerable"] == 0 and metrics["declined"] is None  # not "should have declined"
    assert metrics["down_votes"] == 2 and metrics["down_votes_fixed"] == 0.5  # the same answer again: wrong


# -- issue 27, the small things ------------------------------------------------------------------
def test_a_byte_identical_copy_is_indexed_once_and_reported(tmp_path):
    from bot.core.manifest import Manifest
    from bot.index.watch import SeedWatch
    from bot.web.render import index_summary

    seeds, index = tmp_path / "mine", tmp_path / "index"
    seeds.mkdir()
    (seeds / "ferry.txt").write_text(FERRY)
    (seeds / "ferry-copy.txt").write_text(FERRY)  # sorted first: the one kept
    (seeds / "ferry.md").write_text(FERRY)  # the same bytes as another kind of file: read as Markdown
    done = bot("index", "--seeds", seeds, "--index", index, "--json")
    report = json.loads(done.stdout)
    assert report["duplicates"] == [["ferry-copy.txt", "ferry.txt"]] and report["documents"] == 2
    plain = bot("index", "--seeds", seeds, "--index", index, "--full")
    assert "not indexed again ferry.txt: the same file as ferry-copy.txt" in plain.stderr
    asked = json.loads(bot("ask", "Who runs the ferry to Lindholm island?", "--index", index, "--json").stdout)
    assert {q["source"] for q in asked["quotes"] + asked.get("closest", [])} <= {"ferry-copy.txt", "ferry.md"}
    manifest = Manifest.from_json(json.loads((store.current_build(index) / "manifest.json").read_text()))
    changes = SeedWatch().changes(seeds, manifest)
    assert changes["duplicates"] == [("ferry-copy.txt", "ferry.txt")] and not changes["added"]
    assert "Up to date" in index_summary(manifest, "v", changes) and "Indexed once" in index_summary(manifest, "v", changes)


def test_bot_text_ends_with_a_newline_and_ask_shows_the_pdf_page(tmp_path):
    from testkit.docgen import write_pdf

    seeds, index = tmp_path / "mine", tmp_path / "index"
    seeds.mkdir()
    (seeds / "ferry.txt").write_text(FERRY.rstrip("\n"))  # no newline at the end of the file
    filler = [f"Paragraph {i} of the harbour report is about the tides and the weather at the quay." * 3
              for i in range(40)]
    write_pdf(seeds / "report.pdf", "Harbour report", filler + ["The harbour master is Jonas Falk, appointed in 2021."])
    assert bot("index", "--seeds", seeds, "--index", index).returncode == 0
    text = bot("text", "ferry.txt", "--index", index).stdout
    assert text == FERRY.rstrip("\n") + "\n"
    plain = bot("ask", "Who is the harbour master?", "--index", index).stdout
    answer = json.loads(bot("ask", "Who is the harbour master?", "--index", index, "--json").stdout)
    first = answer["quotes"][0]
    assert first["source"] == "report.pdf" and first["page"] > 1
    assert f"report.pdf:{first['start']}-{first['end']} (page {first['page']})" in plain


def test_bot_index_names_the_seeds_folder_it_used(tmp_path):
    done = bot("index", "--index", tmp_path / "new-index", env=WITHOUT_SEEDS)
    assert done.returncode == 0, done.stderr
    assert f"note: indexing {ROOT / 'seeds'} (--seeds picks another folder)" in done.stderr


def test_the_web_apps_start_up_names_the_files_it_left_out(tmp_path):
    from testkit.server import running_app

    def add(seeds: Path) -> None:
        (seeds / "empty.txt").write_text("")
        (seeds / "copy.txt").write_bytes(next(p for p in sorted(seeds.glob("*.txt")) if p.name != "empty.txt").read_bytes())

    with running_app(tmp_path, add=add) as server:
        log = server.log.read_text()
    assert "skipped empty.txt: empty" in log and "not indexed again copy.txt: the same file as 000_" in log


def test_chances_never_contradict_the_order_shown():
    from bot.web.render import chances_shown, sources_html

    quote = {"source": "a.txt", "start": 0, "end": 5, "text": "Hello", "n": 1}
    unordered = {"question": "q", "answered": True, "quotes": [{**quote, "score": 0.37}, {**quote, "n": 2, "score": 0.62}]}
    ordered = {"question": "q", "answered": True, "quotes": [{**quote, "score": 0.62}, {**quote, "n": 2, "score": 0.37}]}
    assert not chances_shown(unordered["quotes"]) and chances_shown(ordered["quotes"])
    assert "chance it answers" not in sources_html(unordered, {})
    assert sources_html(ordered, {}).count("chance it answers") == 2
    # Given as the answer, yet "32% chance it answers": a contradiction, so no chance is shown.
    low = {"question": "q", "answered": True, "quotes": [{**quote, "score": 0.32}, {**quote, "n": 2, "score": 0.1}]}
    assert "chance it answers" not in sources_html(low, {})
    tentative = {"question": "q", "answered": False, "tentative": True, "quotes": [],
                 "closest": [{**quote, "score": 0.98}]}  # "may not answer" and "98%" would contradict
    assert "may not answer" in sources_html(tentative, {}) and "chance it answers" not in sources_html(tentative, {})
    declined = {**tentative, "tentative": False}  # declined on the marker's reading: a high score is no answer
    assert "not an answer" in sources_html(declined, {}) and "chance it answers" not in sources_html(declined, {})


def test_a_backup_copy_added_later_does_not_take_the_originals_citations(tmp_path):
    seeds, index = tmp_path / "mine", tmp_path / "index"
    seeds.mkdir()
    (seeds / "ferry.txt").write_text(FERRY)
    assert bot("index", "--seeds", seeds, "--index", index).returncode == 0
    (seeds / "a-ferry-backup.txt").write_text(FERRY)  # sorts first, but the index holds ferry.txt
    report = json.loads(bot("index", "--seeds", seeds, "--index", index, "--json").stdout)
    assert report["duplicates"] == [["ferry.txt", "a-ferry-backup.txt"]]
    assert report["removed"] == 0 and report["changes"] == {"added": [], "changed": [], "removed": [], "renamed": []}
    asked = json.loads(bot("ask", "Who runs the ferry to Lindholm island?", "--index", index, "--json").stdout)
    assert {q["source"] for q in asked["quotes"]} == {"ferry.txt"}
    text = bot("text", "a-ferry-backup.txt", "--index", index)
    assert text.returncode == 1 and "same bytes as ferry.txt, indexed once under that name" in text.stderr
