"""The fast tier: the whole pipeline (build, store, retrieve, rank, quote) on a small fake embedding
backend registered the way any backend is (embed/backends.py `register_backend`): words hashed into
a 64-dimension vector, one token per word. Seconds, and no model is loaded to embed."""

from __future__ import annotations

import re
import threading
import zlib

import numpy as np
import pytest

import bot
from bot.core.errors import IndexMismatch
from bot.embed.backends import TokenStates, register_backend

DIM = 64
WORD = re.compile(r"\w+")


class HashedWords:
    """Each word's vector is fixed by a hash of its lower-cased form; a text's tokens are its words."""

    name = "fake-hashed-words"
    dim = DIM
    max_tokens = 512
    file = None
    parallel = False

    def __init__(self, embedder):
        self.embedder = embedder

    def count_tokens(self, text: str) -> int:
        return len(WORD.findall(text)) + 2

    def token_states(self, texts: list[str]) -> list[TokenStates]:
        out = []
        for text in texts:
            spans = [(m.start(), m.end()) for m in WORD.finditer(text)][: self.max_tokens] or [(0, 0)]
            states = np.array([np.random.default_rng(zlib.crc32(text[a:b].lower().encode())).standard_normal(DIM)
                               for a, b in spans], dtype=np.float32)
            out.append(TokenStates(states, np.array(spans, dtype=np.int64)))
        return out


register_backend("fake", HashedWords)

ARTICLE = ("Harbour notes\n\nThe lighthouse of Vardo was painted red by keeper Sigrid Holm in 1987. "
           "The harbour master of Port Elsby is Marta Quill.\n\nThe ferry to Lindholm island leaves "
           "pier 3 at 07:45 every morning.\n")


@pytest.fixture()
def fake_index(tmp_path) -> bot.Settings:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "harbour.txt").write_text(ARTICLE, encoding="utf-8")
    settings = bot.Settings.from_env(seeds_dir=tmp_path / "seeds", index_dir=tmp_path / "index", backend="fake")
    report = bot.build(settings)
    assert report.documents == 1 and report.embedded == report.chunks > 0
    return settings


def test_a_registered_backend_builds_and_answers_through_the_whole_pipeline(fake_index):
    with bot.Engine(fake_index) as engine:
        assert engine.loaded().index.manifest.model.backend == HashedWords.name
        answer = engine.ask("Who painted the lighthouse of Vardo red?")
        shown = answer.quotes or answer.closest
        assert shown and "Sigrid Holm" in shown[0].text
        for quote in shown:
            assert ARTICLE[quote.start:quote.end] == quote.text


def test_an_index_of_another_backends_vectors_is_refused(fake_index):
    real = bot.Settings.from_env(seeds_dir=fake_index.seeds_dir, index_dir=fake_index.index_dir)
    with pytest.raises(IndexMismatch, match="dimensions"):
        bot.Engine(real).ask("Who painted the lighthouse?")


def test_the_encoder_starts_before_the_last_document_is_chunked(tmp_path, monkeypatch):
    """The build overlaps its stages: the first document's chunks are embedded while the next are
    chunked. The last document's chunking waits for the first embedding, which a build that chunks
    everything first never starts."""
    from bot.index import builder

    (tmp_path / "seeds").mkdir()
    for n in range(4):
        (tmp_path / "seeds" / f"harbour-{n}.txt").write_text(ARTICLE.replace("1987", str(1980 + n)), encoding="utf-8")
    settings = bot.Settings.from_env(seeds_dir=tmp_path / "seeds", index_dir=tmp_path / "index", backend="fake")
    embedding = threading.Event()
    encode, chunk = HashedWords.token_states, builder._chunk
    monkeypatch.setattr(HashedWords, "token_states", lambda self, texts: embedding.set() or encode(self, texts))
    waited = []

    def chunk_last_after_an_embedding(document, splitter):
        if document.source == "harbour-3.txt":
            waited.append(embedding.wait(timeout=5))
        return chunk(document, splitter)

    monkeypatch.setattr(builder, "_chunk", chunk_last_after_an_embedding)
    progress = []
    report = bot.build(settings, progress=lambda done, total: progress.append((done, total)))
    assert waited == [True] and report.documents == 4
    # counted once every document is chunked: the total never changes, and the count reaches it
    assert progress == [(done, report.chunks) for done in range(1, report.chunks + 1)]
