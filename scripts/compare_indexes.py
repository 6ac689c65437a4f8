"""Compare two index folders built from the same articles (e.g. `bot index --ray` and a local build).

    .venv/bin/python scripts/compare_indexes.py INDEX_A INDEX_B

Checks that documents (sha256, title, size, pages), texts, chunk rows and sentence rows are
identical, then says how much the vectors differ: cosine between the two builds' vector of each
chunk and each sentence, and the largest difference in any component. The int8 model quantizes
activations per batch, so a text embedded beside other texts gets a slightly different vector.
Exit code 1 when the rows differ.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.store.folder.reading import load  # noqa: E402


def cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    a, b = a.astype(np.float32), b.astype(np.float32)
    return (a * b).sum(axis=1) / np.linalg.norm(a, axis=1) / np.linalg.norm(b, axis=1)


def main(first: str, second: str) -> int:
    a, b = load(Path(first)), load(Path(second))
    problems = []
    if a.documents != b.documents:
        problems.append("documents differ")
    elif any(a.text(s) != b.text(s) for s in a.documents):
        problems.append("document texts differ")
    if len(a.chunks) != len(b.chunks) or a.chunks.many(range(len(a.chunks))) != b.chunks.many(range(len(b.chunks))):
        problems.append("chunk rows differ")
    if not np.array_equal(np.asarray(a.sentences), np.asarray(b.sentences)):
        problems.append("sentence rows differ")
    print(f"{len(a.documents)} documents, {len(a.chunks)} chunks, {len(a.sentences)} sentences: "
          + ("; ".join(problems) if problems else "documents, texts, chunks and sentences identical"))
    if problems:
        return 1
    rows = range(len(a.chunks))
    chunk_a, chunk_b = a.chunk_vectors(rows), b.chunk_vectors(rows)
    sentence_a = np.asarray(a.sentence_vectors[0 : len(a.sentences)])
    sentence_b = np.asarray(b.sentence_vectors[0 : len(b.sentences)])
    for name, x, y in (("chunk", chunk_a, chunk_b), ("sentence", sentence_a, sentence_b)):
        c = cosines(x, y)
        same = float(np.mean(np.all(x == y, axis=1)))
        print(f"{name} vectors: cosine min {c.min():.4f}, 1st percentile {np.percentile(c, 1):.4f}, "
              f"median {np.median(c):.5f}, mean {c.mean():.5f}; identical {same:.1%}; "
              f"largest component difference {np.abs(x.astype(np.float32) - y.astype(np.float32)).max():.4f}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
