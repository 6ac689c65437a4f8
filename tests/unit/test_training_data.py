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


def test_every_shipped_learned_file_names_the_versions_it_learned_from():
    """The answer model, the marker and the short-answer model each name the question sets they
    were learned from; the repository's own tuning half is named at its current version, so editing
    those questions without retraining shows here."""
    import json

    import numpy as np

    answer = json.loads((ROOT / "bot" / "answer" / "answer_model.json").read_text())["data"]
    short = json.loads((ROOT / "bot" / "shortanswer" / "short_answer_model.json").read_text())["data"]
    with np.load(ROOT / "bot" / "shortanswer" / "marker_lora.npz", allow_pickle=False) as stored:
        marker = json.loads(str(stored["trained_on"]))
    assert set(answer) == set(QUESTION_FILES)
    own = training_data.FOLDER_QUESTIONS.relative_to(ROOT).as_posix()
    assert set(short) == set(marker) == set(QUESTION_FILES) | {own}
    assert short == marker and all(answer[name] == short[name] for name in QUESTION_FILES)
    assert short[own] == hashlib.sha256(training_data.FOLDER_QUESTIONS.read_bytes()).hexdigest()[:16]
