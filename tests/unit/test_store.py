"""reading.DiskRows and reading.ChunkTable: rows read from disk on demand must equal the saved arrays."""

from __future__ import annotations

import numpy as np
import pytest

from bot.store.folder import layout as store
from bot.store.folder import reading


@pytest.fixture
def saved(tmp_path):
    array = np.arange(7 * 3, dtype=np.float16).reshape(7, 3)
    np.save(tmp_path / "a.npy", array)
    return array, reading.DiskRows(tmp_path / "a.npy")


def test_disk_rows_read_what_was_saved(saved):
    array, rows = saved
    assert rows.shape == (7, 3) and len(rows) == 7 and rows.dtype == np.float16
    assert np.array_equal(rows[2], array[2]) and np.array_equal(rows[-1], array[-1])
    assert np.array_equal(rows[1:4], array[1:4]) and rows[5:2].shape == (0, 3)
    picked = [0, 1, 2, 5, 6, 3]  # runs of consecutive rows, in any order
    assert np.array_equal(rows[picked], array[picked])
    assert np.array_equal(rows[np.array([], dtype=np.int64)], array[:0])
    assert np.array_equal(np.asarray(rows, dtype=np.float32), array.astype(np.float32))


def test_disk_rows_refuse_rows_outside_the_array(saved):
    _, rows = saved
    for key in (7, -8, [6, 7], [-1]):
        with pytest.raises(IndexError):
            rows[key]
    with pytest.raises(IndexError):
        rows[::2]


def test_disk_rows_refuse_short_files_and_object_arrays(tmp_path):
    np.save(tmp_path / "a.npy", np.zeros((100, 4)))
    data = (tmp_path / "a.npy").read_bytes()
    (tmp_path / "a.npy").write_bytes(data[:-8])
    with pytest.raises(ValueError, match="shorter"):
        reading.DiskRows(tmp_path / "a.npy")
    np.save(tmp_path / "b.npy", np.array([{"x": 1}], dtype=object), allow_pickle=True)
    with pytest.raises(ValueError, match="plain array"):
        reading.DiskRows(tmp_path / "b.npy")


def test_chunk_table_makes_rows_with_their_text(tmp_path):
    texts = ["Grüße aus Köln.", "", "東京 is Tokyo."]
    blob, ranges = store._byte_arrays(texts)
    np.save(tmp_path / "t.npy", blob)
    rows = np.array([[1, i, i + 1, i, i + 1, *ranges[i]] for i in range(3)], dtype=np.int64)
    table = reading.ChunkTable(rows, reading.DiskRows(tmp_path / "t.npy"), ["a.txt", "b.txt"])
    assert len(table) == 3 and [c.text for c in table] == texts
    assert table[2] == store.ChunkRow("b.txt", 2, 3, 2, 3, "東京 is Tokyo.")
    assert table[0:2] == [table[0], table[1]] and table.source(1) == "b.txt"


def test_a_manifest_reads_what_it_writes_and_refuses_a_wrong_shape():
    from bot.core.manifest import DocumentInfo, Manifest

    data = {"format": 3, "built_at": "2026-11-29T21:00:00+0000", "seeds": "/articles",
            "model": {"id": "all-MiniLM-L6-v2", "dim": 384, "backend": "onnx-int8-avx2", "max_tokens": 256},
            "chunking": {"splitter": "recursive-tokens-v1", "chunk_tokens": 128, "overlap_tokens": 16},
            "dense_index": "flat-fp16-ip", "counts": {"documents": 2, "chunks": 5, "sentences": 9},
            "documents": {"a.txt": {"sha256": "ab" * 32, "size": 10, "title": "A", "chunks": 2},
                          "b.pdf": {"sha256": "cd" * 32, "size": 99, "title": "B", "chunks": 3, "pages": [0, 40]}},
            "files": {"chunks.npy": "ef" * 32}, "refusal": {"probes": 60}, "synthetic": {"seed": 1}}
    manifest = Manifest.from_json(data)
    assert manifest.documents["b.pdf"] == DocumentInfo("cd" * 32, 99, "B", 3, (0, 40))
    assert manifest.refusal == {"probes": 60} and manifest.extra == {"synthetic": {"seed": 1}}
    assert manifest.as_json() == data
    for wrong in [[], {"model": "x"}, {"model": {"id": "m", "dim": "384"}},
                  dict(data, documents={"a.txt": {"sha256": 5}}), dict(data, files={"../x": "y"}),
                  dict(data, documents={"a.pdf": {"sha256": "x", "pages": [5, 0]}})]:
        with pytest.raises(ValueError):
            Manifest.from_json(wrong)


def test_the_bm25_index_of_the_same_texts_is_the_same_bytes_whatever_the_hash_seed(tmp_path):
    """bm25s numbers a list of lists' terms in set order, which follows Python's hash seed."""
    import os
    import subprocess
    import sys

    script = ("import sys; from bot.core.lexical import build_bm25; "
              "build_bm25(['The ferry sails at noon.', 'Cafe owners warned of fewer sailings.', '']).save(sys.argv[1])")
    for seed in ("1", "2"):
        subprocess.run([sys.executable, "-c", script, str(tmp_path / seed)], check=True, timeout=120,
                       env={**os.environ, "PYTHONHASHSEED": seed})
    files = sorted(p.name for p in (tmp_path / "1").iterdir())
    assert "vocab.index.json" in files
    assert all((tmp_path / "1" / f).read_bytes() == (tmp_path / "2" / f).read_bytes() for f in files)
