"""The sentence features are computed as columns over all of a question's candidates at once; each
must equal what its definition gives for one sentence at a time (sets of terms, `question_cover`)."""

from __future__ import annotations

import numpy as np

from bot.answer.features import Evidence, Present, question_cover, question_info, sentence_features
from bot.core.lexical import terms

IDF = {"mayor": 2.0, "okafor": 3.0, "budget": 1.5, "approv": 1.2, "council": 0.7}

TEXTS = [
    "The council met on Tuesday.",  # chunk 7
    "Mayor Okafor approved the budget.",  # chunk 7
    "The budget was approved after a long debate about the budget.",  # chunk 7
    "Okafor thanked the council.",  # chunk 9
]


def evidence() -> tuple:
    question = question_info("Which budget did Mayor Okafor approve?", np.ones(4, np.float32),
                             lambda t: IDF.get(t, 1.0), lambda t: True)
    e = Evidence(TEXTS, [terms(t) for t in TEXTS], np.array([7, 7, 7, 9]), np.array([0.2, 0.6, 0.5, -0.1]),
                 np.full(4, 0.5), np.full(4, 1.0), np.array([0, 0, 0, 3]), np.array([False, False, False, True]))
    return question, e


def test_columns_equal_the_per_sentence_definitions():
    question, e = evidence()
    columns = sentence_features(question, e, Present(question, e))
    own = [set(o) for o in e.own]
    windows = [own[0] | own[1], own[0] | own[1] | own[2], own[1] | own[2], own[3]]
    chunks = [own[0] | own[1] | own[2]] * 3 + [own[3]]
    for i in range(4):
        assert columns["cover"][i] == question_cover(question, own[i])
        assert columns["cover_window"][i] == question_cover(question, windows[i])
        assert columns["cover_chunk"][i] == question_cover(question, chunks[i])
        assert columns["cover_count"][i] == sum(t in own[i] for t in question.terms) / len(question.terms)
        assert columns["names_cover"][i] == len(question.names & windows[i]) / len(question.names)
    assert list(columns["sentence_first"]) == [1.0, 0.0, 0.0, 1.0]
    assert list(columns["dense_neighbour"]) == [0.6, 0.5, 0.6, 0.0]  # none beside the last: 0
    assert list(columns["dense_gap"]) == [0.2 - 0.6, 0.0, 0.5 - 0.6, -0.1 - 0.6]
    assert columns["rarest_term"][1] == 1.0 and columns["rarest_term"][0] == 0.0
    # BM25 of the sentence alone: the repeated "budget" counts more than once, the longer sentence less
    assert columns["bm25_sentence"][0] == 0.0
    assert 0 < columns["bm25_sentence"][2] < columns["bm25_sentence"][1] < 1
