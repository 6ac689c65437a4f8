"""Word vectors for soft matching, from the embedding model's own word-piece table.

A question in its own words shares few words with the sentence that answers it ("minister of
defence" for "Defense Minister", "buy" for "purchase"), and a question the article does not answer
asks about something the article never mentions even in other words ("budget", "population"). The
model's input embeddings tell which words are near: a word's vector is the mean of its pieces'
rows, normalized (defence~defense 0.84, buy~purchase 0.75, unrelated pairs near 0.1). No network,
no extra model: the table is read from the model's own `model.safetensors` (about 45 MB).
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

CACHE_WORDS = 50_000  # distinct words remembered (about 77 MB at most); a corpus's vocabulary repeats


class WordVectors:
    def __init__(self, folder: Path):
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        tables = load_file(str(folder / "model.safetensors"))
        name = next(k for k in tables if k.endswith("word_embeddings.weight"))
        self.table = tables[name].astype(np.float32)
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()
        # Words seen, as rows of one matrix: a question's thousand candidate words are then one
        # gather, not a thousand small arrays stacked (3 ms of a 25 ms answer).
        self.rows: dict[str, int] = {}
        self.vectors = np.zeros((1024, self.table.shape[1]), np.float32)  # grown by doubling
        self.lock = threading.Lock()  # the web app's questions run on several threads

    @staticmethod
    def of_model(folder: Path | None) -> "WordVectors | None":
        """The model's table, or None when the model folder has none in safetensors form (soft
        matching then falls back to exact words)."""
        if folder is None or not (folder / "model.safetensors").is_file() or not (folder / "tokenizer.json").is_file():
            return None
        try:
            return WordVectors(folder)
        except (OSError, StopIteration, ValueError):
            return None

    def __call__(self, words: list[str]) -> np.ndarray:
        """Normalized vectors of `words` (rows in order)."""
        with self.lock:
            rows = list(map(self.rows.get, words))
            if None in rows:
                missing = list(dict.fromkeys(w for w, row in zip(words, rows) if row is None))
                if len(self.rows) + len(missing) > CACHE_WORDS:
                    self.rows = {}
                    missing = list(dict.fromkeys(words))
                self._add(missing)
                rows = list(map(self.rows.__getitem__, words))
            return self.vectors[rows].reshape(len(words), self.table.shape[1])

    def _add(self, missing: list[str]) -> None:
        first, end = len(self.rows), len(self.rows) + len(missing)
        if end > len(self.vectors):
            grown = np.zeros((max(end, 2 * len(self.vectors)), self.table.shape[1]), np.float32)
            grown[:first] = self.vectors[:first]
            self.vectors = grown
        self.vectors[first:end] = 0.0
        pieces = [e.ids for e in self.tokenizer.encode_batch_fast(missing, add_special_tokens=False)]
        by_length: dict[int, list[int]] = {}
        for k, ids in enumerate(pieces):
            if ids:
                by_length.setdefault(len(ids), []).append(k)
        for rows in by_length.values():  # the words of as many pieces in one pass: a word's mean piece
            means = self.table[np.array([pieces[k] for k in rows])].mean(1)
            norms = np.sqrt(np.array([vector.dot(vector) for vector in means], np.float32))  # linalg.norm's
            self.vectors[first + np.array(rows)] = means / np.where(norms > 0, norms, 1)[:, None]
        self.rows.update((word, row) for row, word in enumerate(missing, first))
