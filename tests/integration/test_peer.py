"""The LangChain peer (bot/peer.py) builds, reloads and returns spans that index the files' text."""

from __future__ import annotations

from pathlib import Path

import langchain_huggingface  # noqa: F401  (the `peer` extra, which `make test` installs: fail, never skip)

from bot.eval import peer
from tests.conftest import SEEDS


def test_peer_builds_searches_and_quotes_exact_spans(tmp_path):
    stats = peer.build_peer(SEEDS, tmp_path / "peer")
    assert stats.documents == 1 and stats.chunks >= 1
    hits = peer.PeerSearch(tmp_path / "peer").search("Who is the Japanese Defense Minister?", k=2)
    assert 1 <= len(hits) <= 2
    for hit in hits:
        assert Path(SEEDS, hit.source).read_text(encoding="utf-8")[hit.start : hit.end] == hit.text
