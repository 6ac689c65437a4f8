"""Word vectors for soft matching, from the embedding model's own word-piece table.

A question in its own words shares few words with the sentence that answers it ("minister of
defence" for "Defense Minister", "buy" for "purchase"), and a question the article does not answer
asks about something the article never mentions even in other words ("budget", "population"). The
model's input embeddings tell which words are near: a word's vector is the mean of its pieces'
rows, normalized (defence~defense 0.84, buy~purchase 0.75, unrelated pairs near 0.1). No network,
no extra model: the table is read from the model's own `model.safetensors` (about 45 MB).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

CACHE_WORDS = 50_000  # distinct words remembered (at most about 77 MB); a corpus's vocabulary repeats


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
        self.cache: dict[str, np.ndarray] = {}

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
        missing = list(dict.fromkeys(w for w in words if w not in self.cache))
        if missing:
            if len(self.cache) + len(missing) > CACHE_WORDS:
                self.cache.clear()
            for word, encoding in zip(missing, self.tokenizer.encode_batch(missing, add_special_tokens=False)):
                vector = self.table[encoding.ids].mean(0) if encoding.ids else np.zeros(self.table.shape[1], np.float32)
                norm = float(np.linalg.norm(vector))
                self.cache[word] = vector / norm if norm else vector
        return np.array([self.cache[w] for w in words], dtype=np.float32).reshape(len(words), self.table.shape[1])

