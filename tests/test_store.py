"""store.DiskRows and store.ChunkTable: rows read from disk on demand must equal the saved arrays."""

from __future__ import annotations

import numpy as np
import pytest

from bot import store


@pytest.fixture
def saved(tmp_path):
    array = np.arange(7 * 3, dtype=np.float16).reshape(7, 3)
    np.save(tmp_path / "a.npy", array)
    return array, store.DiskRows(tmp_path / "a.npy")


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
        store.DiskRows(tmp_path / "a.npy")
    np.save(tmp_path / "b.npy", np.array([{"x": 1}], dtype=object), allow_pickle=True)
    with pytest.raises(ValueError, match="plain array"):
        store.DiskRows(tmp_path / "b.npy")


def test_chunk_table_makes_rows_with_their_text(tmp_path):
    texts = ["Grüße aus Köln.", "", "東京 is Tokyo."]
    blob, ranges = store._byte_arrays(texts)
    np.save(tmp_path / "t.npy", blob)
    rows = np.array([[1, i, i + 1, i, i + 1, *ranges[i]] for i in range(3)], dtype=np.int64)
    table = store.ChunkTable(rows, store.DiskRows(tmp_path / "t.npy"), ["a.txt", "b.txt"])
    assert len(table) == 3 and [c.text for c in table] == texts
    assert table[2] == store.ChunkRow("b.txt", 2, 3, 2, 3, "東京 is Tokyo.")
    assert table[0:2] == [table[0], table[1]] and table.source(1) == "b.txt"
