"""The marker (bot/marker.py): its shipped numbers, the span arithmetic on its marks, and the real
exported model against the torch model it was exported from."""

from __future__ import annotations

import json

import numpy as np
import pytest

from bot.core.settings import DEFAULT_MODEL
from bot.embed.embedding import Embedder, model_dir
from bot.shortanswer import marker as mk

KISHI = "Japan's Defense Minister Nobuo Kishi and Foreign Minister Toshimitsu Motegi met their U.S. counterparts."


def test_the_shipped_fine_tune_is_plain_numbers_for_every_block():
    with np.load(mk.LORA_FILE, allow_pickle=False) as stored:  # never pickle
        names, layers = set(stored.files), int(stored["layers"])
        trained_on = json.loads(str(stored[mk.TRAINED_ON]))  # the question sets' versions, as text
        assert stored["head.weight"].shape == (2, 384) and float(stored["scale"]) > 0 and 1 <= layers <= 6
        for block in range(layers):
            a, b = stored[f"encoder.layer.{block}.intermediate.dense.A"], stored[f"encoder.layer.{block}.intermediate.dense.B"]
            assert a.shape[1] == 384 and b.shape == (1536, a.shape[0])
    assert len(names) == 5 + layers * 6 * 2 and mk.LORA_FILE.stat().st_size < 3_000_000
    assert set(trained_on) == {"squad-v1.1-dev/questions.jsonl", "news-rtqa-2023/questions.jsonl",
                               "eval/new-genres/tuning/questions.jsonl"}


def test_the_weights_are_read_past_the_names_of_their_training_data(tmp_path):
    """A marker file names its question sets' versions as text (scripts/train_marker.py): the
    loader keeps only the numbers."""
    with np.load(mk.LORA_FILE, allow_pickle=False) as stored:
        weights = {k: stored[k] for k in stored.files if k != mk.TRAINED_ON}
    versions = {"squad-v1.1-dev/questions.jsonl": "77fca6d610d2b338"}
    named = tmp_path / "named.npz"
    np.savez_compressed(named, **weights, **{mk.TRAINED_ON: np.array(json.dumps(versions))})
    with np.load(named, allow_pickle=False) as stored:
        assert json.loads(str(stored[mk.TRAINED_ON])) == versions
    loaded = mk.load_weights(named)
    assert set(loaded) == set(weights) and all(v.dtype == np.float32 for v in loaded.values())


def test_margins_of_spans_are_the_start_and_end_marks_of_their_pieces():
    # "Nobuo Kishi met" in pieces: no|bu|o ki|shi met
    marks = mk.Marks(starts=np.array([0, 2, 4, 6, 8, 12]), ends=np.array([2, 4, 5, 8, 11, 15]),
                     start=np.array([3.0, -1, -1, 0.5, -1, -2]), end=np.array([-1, -1, 0.2, -1, 4.0, 1.0]))
    got = marks.margins(np.array([0, 0, 6, 12, 13]), np.array([11, 5, 11, 15, 40]))
    assert got.tolist() == [7.0, 3.2, 4.5, -1.0, -mk.MAX_MARGIN]  # the last ends past the pieces read
    assert marks.best() == (0, 11, 7.0)


@pytest.fixture(scope="module")
def marker(embedder: Embedder) -> mk.Marker:
    found = mk.load_marker(embedder.settings.cache_dir)
    assert found is not None
    return found


def test_the_marker_marks_the_answer_in_a_sentence(marker):
    marks = marker.read("Who is Japan's defense minister?", [KISHI, "The talks were held on the 16th."])
    assert len(marks) == 2
    start, end, margin = marks[0].best()
    assert KISHI[start:end] == "Nobuo Kishi" and margin > 0
    assert marks[0].margins(np.array([start]), np.array([end]))[0] == pytest.approx(margin, abs=1e-5)
    assert marker.read("Who?", []) == []


def test_the_export_gives_the_marks_of_the_model_it_was_made_from(marker):
    import torch

    model = mk.merged_model(model_dir(DEFAULT_MODEL), mk.load_weights(mk.LORA_FILE))
    question = "Who met their U.S. counterparts?"
    encoding = marker.tokenizer.encode(question, KISHI)
    ids = torch.tensor([encoding.ids])
    with torch.no_grad():
        full = model(ids, torch.ones_like(ids), torch.tensor([encoding.type_ids]))[0].numpy()
    inside = [k for k, s in enumerate(encoding.sequence_ids) if s == 1]
    exported = marker.read(question, [KISHI])[0]
    expected = full[inside] - full[0]
    # int8 weights: the marks move a little, the best span not at all
    assert np.corrcoef(expected[:, 0], exported.start)[0, 1] > 0.98
    assert np.corrcoef(expected[:, 1], exported.end)[0, 1] > 0.98
    unquantized = mk.Marks(exported.starts, exported.ends, expected[:, 0], expected[:, 1])
    assert unquantized.best()[:2] == exported.best()[:2]


def test_a_damaged_marker_means_no_short_answers_not_a_failure(tmp_path, monkeypatch):
    broken = tmp_path / "marker_lora.npz"
    broken.write_bytes(b"not numpy")
    monkeypatch.setattr(mk, "LORA_FILE", broken)
    assert mk.load_marker(tmp_path / "cache") is None
    assert not list((tmp_path / "cache" / "onnx").glob("*/marker_int8.onnx"))  # nothing half-made kept


def test_sentences_read_together_get_the_marks_each_gets_alone(marker):
    question = "Who is Japan's defense minister?"
    sentences = [KISHI, "The talks were held on the 16th.", "Both sides agreed to meet again next year."]
    together = marker.read_each(question, sentences)
    for sentence, marks in zip(sentences, together):
        alone = marker.read(question, [sentence])[0]
        assert np.array_equal(marks.start, alone.start) and np.array_equal(marks.end, alone.end)
        assert np.array_equal(marks.starts, alone.starts)
    assert marker.read_each(question, []) == []


def test_the_marker_settles_a_close_call_among_the_first_sentences(marker):
    from bot.answer.candidates import Candidate
    from bot.answer.ranking import CLOSE_GAP, settle_first

    question = "Who is Japan's defense minister?"
    date = "The talks between the two governments were held on the 16th."
    wrong, right = (Candidate(0, "a.txt", 0, len(text), text, np.zeros(1), score, share)
                    for text, score, share in ((date, 2.0, 0.4), (KISHI, 1.6, 0.3)))
    settled = settle_first(question, [wrong, right], marker)
    assert [c.text for c in settled.ranked] == [KISHI, date]  # the ranking was unsure; the marker reads a name
    assert np.array_equal(settled.marks.start, marker.read(question, [KISHI])[0].start)  # handed on: the new first's
    # Where it reads no answer in either (both under the floor), a pick holding every name of the
    # question the first holds still goes first: the date names nothing.
    floor = max(m.best()[2] for m in marker.read_each(question, [date, KISHI])) + 0.1
    assert settle_first(question, [wrong, right], marker, no_answer_below=floor).ranked == [right, wrong]

    # But one lacking a name of the question the first holds does not go before it: the marker reads
    # the other story's age less badly, yet no answer in either.
    asked = "How old is Owen Pike?"
    coach = Candidate(0, "a.txt", 0, 60, "His coach, Owen Pike, said Quill studies openings every day.",
                      np.zeros(1), 2.0, 0.4)
    age = Candidate(1, "a.txt", 0, 60, "Sixteen-year-old Marek Quill won the national chess title.",
                    np.zeros(1), 1.9, 0.3)
    assert settle_first(asked, [coach, age], marker).ranked == [age, coach]
    floor = max(m.best()[2] for m in marker.read_each(asked, [coach.text, age.text])) + 0.1
    assert settle_first(asked, [coach, age], marker, no_answer_below=floor).ranked == [coach, age]

    sure = Candidate(0, "a.txt", 0, len(date), date, np.zeros(1), right.score + CLOSE_GAP + 0.01, 0.6)
    settled = settle_first(question, [sure, right], marker)
    assert settled.ranked == [sure, right] and not settled.looked_further  # a clear lead is not second-guessed
    assert np.array_equal(settled.marks.end, marker.read(question, [date])[0].end)  # and its own marks come back
    assert settle_first(question, [right], marker).ranked == [right]
    talks = "Both sides agreed to meet again next year in Washington."
    third = [Candidate(0, "a.txt", 0, len(t), t, np.zeros(1), score, 0.3)
             for t, score in ((date, 2.0), (talks, 1.9), (KISHI, 2.0 - CLOSE_GAP + 0.1))]
    assert settle_first(question, third, marker).ranked[0].text == KISHI  # the third is read too


def test_the_second_look_reads_past_a_clear_lead_when_the_marker_finds_no_answer_in_it(marker):
    """A lead the marker finds nothing in is read past: a sentence further down that says the thing
    asked comes first, marked as found by the second look; a lead it does find the answer in is kept."""
    from bot.answer.candidates import Candidate
    from bot.answer.ranking import CLOSE_GAP, LOOK_DEPTH, settle_first

    question = "Who is Japan's defense minister?"
    filler = ["The talks between the two governments were held on the 16th.",
              "Both sides agreed to meet again next year in Washington.",
              "The joint statement did not mention the economy."]
    ranked = [Candidate(0, "a.txt", 0, len(t), t, np.zeros(1), 10.0 - 2 * CLOSE_GAP * n, 0.2)
              for n, t in enumerate([*filler, KISHI])]
    lead = marker.read(question, [filler[0]])[0].best()[2]
    assert settle_first(question, ranked, marker).ranked == ranked  # no second look asked for
    looked = settle_first(question, ranked, marker, look_below=lead + 1, promote_at=0.0)
    assert looked.ranked[0].text == KISHI and looked.looked_further
    assert [c.text for c in looked.ranked[1:]] == filler
    assert np.array_equal(looked.marks.start, marker.read(question, [KISHI])[0].start)
    kept = settle_first(question, ranked, marker, look_below=lead, promote_at=0.0)  # the lead reads well enough
    assert kept.ranked == ranked and not kept.looked_further
    # Only the first LOOK_DEPTH are read: the answer in the next place stays where it is.
    beyond = [*ranked[:3], *ranked[1:3] * LOOK_DEPTH][:LOOK_DEPTH] + [ranked[3]]
    assert settle_first(question, beyond, marker, look_below=lead + 1, promote_at=0.0).ranked == beyond
