"""`make test` on a fresh machine: Debian's Chromium is checked (and installed as root) before any test.

Chromium is hidden by bind-mounting /dev/null over it inside a private mount namespace
(`unshare`), so the system's package stays untouched for everyone else; `id` and `apt-get` are
stand-ins on PATH so that no test installs anything for real.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from testkit.server import ROOT

CHROMIUM = "/usr/bin/chromium"
FIX = "sudo apt-get install -y chromium"


def fake_bin(folder: Path, uid: int) -> Path:
    """`id -u` answering `uid`, and an `apt-get` that only logs how it was called."""
    folder.mkdir()
    (folder / "id").write_text(f"#!/bin/sh\necho {uid}\n")
    (folder / "apt-get").write_text(f'#!/bin/sh\necho "$@" >> {folder}/apt.log\n')
    for name in ("id", "apt-get"):
        (folder / name).chmod(0o755)
    return folder


def make_without_chromium(target: str, bin_dir: Path) -> subprocess.CompletedProcess:
    """Run `make TARGET` with /usr/bin/chromium hidden (a private mount namespace)."""
    assert shutil.which("unshare"), "the test needs util-linux's unshare"
    script = f"mount --bind /dev/null {CHROMIUM} && exec make -s {target}"
    return subprocess.run(["unshare", "--map-root-user", "--mount", "sh", "-c", script], cwd=ROOT,
                          env=dict(os.environ, PATH=f"{bin_dir}:{os.environ['PATH']}"),
                          capture_output=True, text=True, timeout=300)


def test_make_browser_is_silent_when_chromium_is_there():
    done = subprocess.run(["make", "-s", "browser"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_make_test_without_chromium_fails_once_with_the_command(tmp_path):
    done = make_without_chromium("test", fake_bin(tmp_path / "bin", uid=1000))
    assert done.returncode != 0
    assert done.stderr.count(FIX) == 1, done.stderr
    assert "passed" not in done.stdout + done.stderr  # stopped before the suite, not two errors in it
    assert not (tmp_path / "bin" / "apt.log").exists()  # not root: nothing was tried


def test_as_root_make_installs_debians_chromium(tmp_path):
    bin_dir = fake_bin(tmp_path / "bin", uid=0)
    done = make_without_chromium("browser", bin_dir)
    calls = (bin_dir / "apt.log").read_text().splitlines()
    assert calls[0].startswith("update") and calls[1] == "install -y -qq chromium"
    # The stand-in installed nothing, so it still says what to run, once.
    assert done.returncode != 0 and done.stderr.count(FIX) == 1


def test_a_chromium_override_names_the_binary(tmp_path):
    missing = tmp_path / "no-chromium"
    done = subprocess.run(["make", "-s", "browser", f"CHROMIUM={missing}"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, env=dict(os.environ, PATH=f"{fake_bin(tmp_path / 'bin', 0)}:{os.environ['PATH']}"))
    assert done.returncode != 0 and f"{missing} is missing" in done.stderr
    assert not (tmp_path / "bin" / "apt.log").exists()  # Debian's package would not put it there


def test_ci_runs_the_readmes_test_command_then_the_slow_tests():
    readme = (ROOT / "README.md").read_text()
    assert "make test" in readme.split("\n## ")[0]
    commands = [line for line in (ROOT / ".ci" / "run").read_text().splitlines() if line.startswith("make ")]
    assert commands == ["make test", "make slow"]
    makefile = (ROOT / "Makefile").read_text()
    test_recipe = makefile.split("\ntest:")[1].split("\n\n")[0]
    assert test_recipe.index("ruff check") < test_recipe.index("pytest")  # lint first
