"""The two embedding backends behind one interface give the same vectors (real model, both ways)."""

from __future__ import annotations

import numpy as np

from bot.core.settings import Settings
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
