"""Which version of the training data a learned file was made from: the sha256 of each question
file the training scripts read (the articles are fixed by the questions' sources)."""

from __future__ import annotations

import hashlib
from pathlib import Path

QUESTION_FILES = ("squad-v1.1-dev/questions.jsonl", "news-rtqa-2023/questions.jsonl")
# The tuning halves the short-answer step learns on: SQuAD articles 00-23, the news weeks of these
# months (inclusive); the rest of each is held out.
SQUAD_TUNING = range(0, 24)
NEWS_TUNING = ("2023/01", "2023/06")
# The repository's own: the new-genre folder's tuning half (the marker and the short answer learn on it).
FOLDER_QUESTIONS = Path(__file__).resolve().parents[1] / "eval" / "new-genres" / "tuning" / "questions.jsonl"
# New users' own folders (eval/new-users), each written by a helper who never saw the code: users a
# to y are tuning data for the marker and the short answer; the later ones (z, aa, ...) stay held out.
USERS = Path(__file__).resolve().parents[1] / "eval" / "new-users"
USER_TUNING = tuple(f"user-{letter}" for letter in "abcdefghijklmnopqrstuvwxy")
USER_QUESTIONS = tuple(USERS / user / "questions.jsonl" for user in USER_TUNING)


def data_versions(eval_dir: Path, *in_repository: Path) -> dict[str, str]:
    """Each question file of `eval_dir` the scripts read, and the repository's own ones named."""
    root = Path(__file__).resolve().parents[1]
    files = {name: eval_dir / name for name in QUESTION_FILES} | {str(p.relative_to(root)): p for p in in_repository}
    return {name: hashlib.sha256(path.read_bytes()).hexdigest()[:16] for name, path in files.items()}
