"""The learned files name the question sets they were trained on, the repository's own ones too."""

import hashlib
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("training_data", ROOT / "scripts" / "training_data.py")
training_data = importlib.util.module_from_spec(spec)
spec.loader.exec_module(training_data)
QUESTION_FILES, data_versions = training_data.QUESTION_FILES, training_data.data_versions


def test_each_question_file_is_named_with_its_digest(tmp_path):
    for n, name in enumerate(QUESTION_FILES):
        (tmp_path / name).parent.mkdir(parents=True)
        (tmp_path / name).write_text(f"question {n}\n", encoding="utf-8")
    own = training_data.FOLDER_QUESTIONS
    versions = data_versions(tmp_path, own)
    assert versions["eval/new-genres/tuning/questions.jsonl"] == hashlib.sha256(own.read_bytes()).hexdigest()[:16]
    assert versions[QUESTION_FILES[0]] == hashlib.sha256(b"question 0\n").hexdigest()[:16]
    assert versions[QUESTION_FILES[0]] != versions[QUESTION_FILES[1]]
    assert len(versions) == len(QUESTION_FILES) + 1
