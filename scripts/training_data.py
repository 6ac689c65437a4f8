"""Which version of the training data a learned file was made from: the sha256 of each question
file the training scripts read (the articles are fixed by the questions' sources)."""

from __future__ import annotations

import hashlib
from pathlib import Path

QUESTION_FILES = ("squad-v1.1-dev/questions.jsonl", "news-rtqa-2023/questions.jsonl")


def data_versions(eval_dir: Path) -> dict[str, str]:
    return {name: hashlib.sha256((eval_dir / name).read_bytes()).hexdigest()[:16] for name in QUESTION_FILES}
