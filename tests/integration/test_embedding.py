"""The two embedding backends behind one interface give the same vectors (real model, both ways)."""

from __future__ import annotations

import numpy as np

from bot.core.settings import DEFAULT_MODEL, Settings
from bot.embed.embedding import Embedder

TEXTS = ["Japanese Defense Minister Nobuo Kishi met his U.S. counterpart.",
         "The ferry to Lindholm island is run by captain Ilse Brandt since 2019. She took over from her father.",
         "岸信夫は日本の防衛大臣です。"]


def test_onnx_and_torch_backends_agree(embedder):
    torch = Embedder(Settings.from_env(backend="torch")).load()
    assert embedder.backend.startswith("onnx-int8-") and torch.backend == "torch"
    assert (embedder.dim, embedder.max_tokens) == (torch.dim, torch.max_tokens) == (384, 256)
    assert [embedder.count_tokens(t) for t in TEXTS] == [torch.count_tokens(t) for t in TEXTS]
    spans = [[(0, 20)], [(0, 70), (71, len(TEXTS[1]))], []]
    onnx_vectors, onnx_spans = embedder.embed_with_spans(TEXTS, spans)
    torch_vectors, torch_spans = torch.embed_with_spans(TEXTS, spans)
    assert np.allclose(np.linalg.norm(onnx_vectors, axis=1), 1, atol=1e-5)
    assert np.all(np.sum(onnx_vectors * torch_vectors, axis=1) > 0.98)
    for mine, theirs in zip(onnx_spans, torch_spans):
        assert mine.shape == theirs.shape and np.all(np.sum(mine * theirs, axis=1) > 0.98)


def test_word_vectors_are_kept_per_word_and_stay_right_when_the_cache_is_emptied(monkeypatch):
    from bot.embed import wordvectors
    from bot.embed.embedding import model_dir

    words = wordvectors.WordVectors.of_model(model_dir(DEFAULT_MODEL))
    first = words(["defence", "budget", "defence"])
    assert first.shape == (3, words.table.shape[1]) and np.array_equal(first[0], first[2])
    assert float(first[0] @ words(["defense"])[0]) > 0.7 > float(first[0] @ first[1])  # near words are near
    monkeypatch.setattr(wordvectors, "CACHE_WORDS", 4)
    again = words(["budget", "purchase", "buy", "defence", "soldier"])  # more than it keeps: emptied first
    assert np.array_equal(again[0], first[1]) and np.array_equal(again[3], first[0])
    assert len(words.rows) == 5 and np.allclose(np.linalg.norm(again, axis=1), 1.0, atol=1e-5)


def test_a_texts_vectors_are_its_own_whatever_is_embedded_beside_it(embedder):
    """Each text is encoded alone: a chunk gets the same vectors in a full build, in an incremental
    one beside other changed files, and asked as a question (int8 activations are quantized per
    batch, so batched beside a longer text its vector moved)."""
    bulk = Embedder(Settings.from_env(), bulk=True).load()
    spans = [[(0, 20)], [(0, 70), (71, len(TEXTS[1]))], []]
    together, together_spans = bulk.embed_with_spans(TEXTS, spans)
    alone, alone_spans = embedder.embed_with_spans([TEXTS[0]], [spans[0]])
    assert np.array_equal(together[0], alone[0]) and np.array_equal(together_spans[0], alone_spans[0])
    assert np.array_equal(together[1], embedder.embed([TEXTS[1]])[0])
