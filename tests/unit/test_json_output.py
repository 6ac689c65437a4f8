"""`--json` commands: standard output is the JSON and nothing else, whatever a library prints."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT

NOISY_COMMAND = """
import os, sys
from bot import cli

with cli.json_on_stdout():
    print("(raylet) A worker died or was killed")  # as Ray prints it: sys.stdout
    sys.stdout.flush()
    os.write(1, b"a C library's line\\n")  # as onnxruntime or PyTorch would: file descriptor 1
    cli.emit_json({"documents": 2, "note": "ok"})
print("after the command, stdout is stdout again")
"""


def test_library_lines_go_to_stderr_and_stdout_holds_only_the_json():
    result = subprocess.run([sys.executable, "-c", NOISY_COMMAND], cwd=ROOT, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    first, rest = result.stdout.split("\n", 1)
    assert json.loads(first) == {"documents": 2, "note": "ok"}
    assert rest == "after the command, stdout is stdout again\n"
    assert "(raylet) A worker died" in result.stderr and "a C library's line" in result.stderr


RAY_NOISE = """
import os, time
from bot.cluster.driver import _CoreLogFilter

quiet = _CoreLogFilter()
os.write(1, b"\\x1b[33m(raylet)\\x1b[0m A worker died or was killed while executing a task")
time.sleep(0.05)  # the newline written apart, then the blank line Ray's messages end with
os.write(1, b"\\n")
os.write(1, b"\\n")
os.write(1, b"[2026-12-05 07:00:00,123 W 12 34] a core log line\\n")
os.write(2, b"\\rEmbedding on Ray 1/5")
os.write(1, b"Indexed 5 documents\\n")
quiet.close()
"""


def test_ray_lines_and_the_blank_lines_after_them_are_dropped_while_a_cluster_is_joined():
    result = subprocess.run([sys.executable, "-c", RAY_NOISE], cwd=ROOT, capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout == b"Indexed 5 documents\n" and result.stderr == b"\rEmbedding on Ray 1/5"
