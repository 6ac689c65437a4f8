"""The training script's kept indexes: one kept under a name with other files must stop the run,
not be reused (the 20-of-24 refusal corpus once trained on article 20's index alone)."""

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


def load_script():
    sys.path.insert(0, str(SCRIPTS))
    try:
        spec = importlib.util.spec_from_file_location("train_answer_model", SCRIPTS / "train_answer_model.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(SCRIPTS))


def kept(work: Path, name: str, files: list[str]) -> None:
    """A corpus as an earlier run leaves it: its seeds and a current build."""
    (work / name / "seeds").mkdir(parents=True)
    for file in files:
        (work / name / "seeds" / file).write_text("text", encoding="utf-8")
    (work / name / "index" / "builds" / "x").mkdir(parents=True)
    (work / name / "index" / "current").symlink_to("builds/x")


def corpora(tmp_path: Path):
    script = load_script()
    found = object.__new__(script.Corpora)  # no eval folder needed to look up a kept index
    found.work, found.embedder = tmp_path, None
    return found


def test_a_kept_index_of_the_same_files_is_reused(tmp_path):
    kept(tmp_path, "squad-20", ["20_Black_Death.txt"])
    settings = corpora(tmp_path).index("squad-20", {"20_Black_Death.txt": "text"})
    assert settings.index_dir == tmp_path / "squad-20" / "index"


def test_a_kept_index_of_other_files_stops_the_run(tmp_path):
    kept(tmp_path, "squad-20", ["20_Black_Death.txt"])
    with pytest.raises(SystemExit, match="other files"):
        corpora(tmp_path).index("squad-20", {f"{n:02d}_a.txt": "text" for n in range(20)})
