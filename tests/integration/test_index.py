"""`bot index` on the real model and real FAISS: build, reuse, change, refuse, survive a kill."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from bot import build
from bot.answer.engine import Engine
from bot.core.errors import IndexBusy, IndexDamaged, IndexMismatch, IndexMissing, NothingToIndex
from bot.core.settings import Settings
from bot.store.folder import layout as store
from bot.store.folder import reading
from testkit.run import bot
from tests.conftest import ROOT

EXTRA = "The Zanzibar lighthouse keeper, Amina Okafor, counted 412 ships in March 1999.\n"


def _settings(seeds: Path, tmp_path: Path) -> Settings:
    return Settings.from_env(seeds_dir=seeds, index_dir=tmp_path / "index")


def test_build_then_reload_answers_from_disk(seed_index, embedder):
    index = reading.load(seed_index.index_dir, embedder.model_id, embedder.dim)
    assert index.dense.ntotal == len(index.chunks) > 0
    manifest = index.manifest
    assert manifest.model.as_json() == {"id": embedder.model_id, "dim": embedder.dim,
                                        "backend": embedder.backend, "max_tokens": embedder.max_tokens}
    assert manifest.seeds == str(seed_index.seeds_dir.resolve())
    for chunk in index.chunks:
        original = index.text(chunk.source)
        assert " ".join(original[chunk.start : chunk.end].split()) == " ".join(chunk.text.split())
        assert embedder.count_tokens(chunk.text) <= manifest.chunking["chunk_tokens"]
    assert not any(p.suffix in {".pkl", ".pickle"} for p in index.folder.rglob("*"))


def test_incremental_rebuild_reuses_embeds_and_removes(seeds_copy, tmp_path, embedder):
    settings = _settings(seeds_copy, tmp_path)
    first = build(settings, embedder)
    assert first.embedded == first.chunks > 0 and first.reused == 0

    again = build(settings, embedder)
    assert (again.embedded, again.reused, again.removed) == (0, first.chunks, 0)

    (seeds_copy / "extra.txt").write_text(EXTRA, encoding="utf-8")
    before = reading.load(settings.index_dir)
    added = build(settings, embedder)
    assert added.documents == 2 and added.reused == first.chunks and added.embedded >= 1
    # The seed's rows and vectors (read back from the FAISS index) are carried over unchanged.
    after, n = reading.load(settings.index_dir), first.chunks
    assert after.chunks[:n] == before.chunks[:] and after.text("extra.txt") == EXTRA
    assert np.array_equal(after.chunk_vectors(range(n)), before.chunk_vectors(range(n)))
    assert np.array_equal(after.sentence_vectors[: len(before.sentences)], before.sentence_vectors)
    # And they are the vectors a full build of both files gives: each chunk is embedded alone, so
    # what was embedded beside it in an earlier build leaves no mark.
    build(Settings.from_env(seeds_dir=seeds_copy, index_dir=tmp_path / "whole"), embedder)
    whole = reading.load(tmp_path / "whole")
    assert _vectors_by_chunk(whole) == _vectors_by_chunk(after)
    engine = Engine(settings, embedder)
    answer = engine.ask("How many ships did the lighthouse keeper count?")
    assert answer.answered and "412" in answer.quotes[0].text

    seed = next(p for p in seeds_copy.glob("0*.txt"))
    seed.write_text(seed.read_text(encoding="utf-8") + "\nA brand new closing sentence.", encoding="utf-8")
    edited = build(settings, embedder)
    assert edited.embedded == first.chunks or edited.embedded >= 1
    assert edited.reused >= 1  # extra.txt kept its vectors

    (seeds_copy / "extra.txt").rename(seeds_copy / "lighthouse.txt")
    renamed = build(settings, embedder)
    assert (renamed.embedded, renamed.removed, renamed.changes["renamed"]) == (0, 0, [("extra.txt", "lighthouse.txt")])
    assert "0 removed, 1 renamed)" in renamed.summary()

    (seeds_copy / "lighthouse.txt").unlink()
    removed = build(settings, embedder)
    assert removed.removed == 1 and removed.documents == 1
    answer = engine.ask("How many ships did the lighthouse keeper count?")
    assert all("412" not in q.text for q in answer.quotes + answer.closest)

    full = build(settings, embedder, full=True)
    assert full.reused == 0 and full.embedded == full.chunks


def _vectors_by_chunk(index) -> dict[tuple[str, int, int], bytes]:
    """Each chunk's vector (its bytes), by where the chunk is, whatever its row."""
    rows = range(len(index.chunks))
    return {(c.source, c.start, c.end): v.tobytes() for c, v in zip(index.chunks.many(rows), index.chunk_vectors(rows))}


def test_skipped_files_are_reported_and_utf16_is_indexed(tmp_path, embedder):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "wide.txt").write_bytes(EXTRA.encode("utf-16"))
    (seeds / "latin1.txt").write_bytes("Café crème brûlée.".encode("latin-1"))
    (seeds / "binary.txt").write_bytes(os.urandom(2048) + b"\x00")
    (seeds / "empty.txt").write_bytes(b"")
    report = build(_settings(seeds, tmp_path), embedder)
    assert report.documents == 1
    assert {s.source for s in report.skipped} == {"latin1.txt", "binary.txt", "empty.txt"}
    answer = Engine(_settings(seeds, tmp_path), embedder).ask("Who counted the ships?")
    first = (answer.quotes or answer.closest)[0]  # confident or, as the marker may read it, tentative
    assert (answer.answered or answer.tentative) and first.source == "wide.txt"
    assert "Amina Okafor" in first.text


def test_empty_folder_exits_2_and_keeps_the_previous_index(seeds_copy, tmp_path, embedder):
    settings = _settings(seeds_copy, tmp_path)
    build(settings, embedder)
    before = store.current_build(settings.index_dir)
    for path in seeds_copy.iterdir():
        path.unlink()
    (seeds_copy / "broken.txt").write_bytes(b"\xff\xfe\x00")  # not even valid UTF-16 text
    with pytest.raises(NothingToIndex):
        build(settings, embedder)
    assert store.current_build(settings.index_dir) == before
    result = bot("index", "--seeds", str(seeds_copy), "--index", str(settings.index_dir), "--json")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "error:" in result.stderr and "Traceback" not in result.stderr


def test_cli_json_report(seeds_copy, tmp_path):
    result = bot("index", "--seeds", str(seeds_copy), "--index", str(tmp_path / "ix"), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert set(report) == {"documents", "chunks", "embedded", "reused", "removed", "skipped", "duplicates", "changes",
                           "seconds", "index"}
    assert report["documents"] == 1 and report["embedded"] == report["chunks"] > 0


def test_model_mismatch_and_damage_are_refused_with_the_fix(seed_index, embedder, tmp_path):
    with pytest.raises(IndexMismatch, match="other-model.*bot index --full"):
        reading.load(seed_index.index_dir, "other-model", embedder.dim)
    with pytest.raises(IndexMismatch, match="dimension"):
        reading.load(seed_index.index_dir, embedder.model_id, 768)
    with pytest.raises(IndexMissing, match="bot index"):
        reading.load(tmp_path / "nowhere")

    # A copy of the build with one byte flipped in the FAISS file: FAISS would load it silently.
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(seed_index.index_dir, copy, symlinks=True)
    faiss_file = store.current_build(copy) / "dense.faiss"
    data = bytearray(faiss_file.read_bytes())
    data[len(data) // 2] ^= 0xFF
    faiss_file.write_bytes(bytes(data))
    with pytest.raises(IndexDamaged, match="dense.faiss.*bot index --full"):
        reading.load(copy, embedder.model_id, embedder.dim)


def test_an_index_of_the_previous_format_is_refused_then_rebuilt(seeds_copy, tmp_path, embedder):
    settings = _settings(seeds_copy, tmp_path)
    first = build(settings, embedder)
    manifest_file = store.current_build(settings.index_dir) / store.MANIFEST
    manifest_file.write_text(json.dumps(dict(json.loads(manifest_file.read_text()), format=1)))
    with pytest.raises(IndexMismatch, match="format 1 is not .*bot index --full"):
        reading.load(settings.index_dir)
    again = build(settings, embedder)  # a plain incremental `bot index` rebuilds it all
    assert again.embedded == again.chunks == first.chunks
    assert reading.load(settings.index_dir).manifest.format == store.FORMAT_VERSION


def test_second_rebuild_is_refused_while_one_runs(seeds_copy, tmp_path, embedder):
    settings = _settings(seeds_copy, tmp_path)
    with store.build_lock(settings.index_dir):
        with pytest.raises(IndexBusy, match="another rebuild"):
            build(settings, embedder)
        result = bot("index", "--seeds", str(seeds_copy), "--index", str(settings.index_dir))
        assert result.returncode == 3 and "another rebuild" in result.stderr


def test_killed_build_leaves_the_previous_index_current(seeds_copy, tmp_path, embedder):
    settings = _settings(seeds_copy, tmp_path)
    build(settings, embedder)
    before = store.current_build(settings.index_dir)
    for i in range(30):  # enough text that the rebuild is still embedding when killed
        (seeds_copy / f"more{i}.txt").write_text(EXTRA * 40 + f"Article {i}.", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "index", "--full", "--seeds", str(seeds_copy), "--index",
         str(settings.index_dir)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    builds = settings.index_dir / "builds"
    temp = lambda: [p for p in builds.iterdir() if p.name.startswith(".tmp")]
    while process.poll() is None and not temp():  # the new build's folder appears as it is written
        time.sleep(0.01)
    assert process.poll() is None and temp(), "the build ended before it could be killed mid-write"
    process.send_signal(signal.SIGKILL)
    assert process.wait() == -signal.SIGKILL
    assert temp()  # killed mid-build: its half-written folder is left behind...
    assert store.current_build(settings.index_dir) == before  # ...and never became current
    reading.load(settings.index_dir, embedder.model_id, embedder.dim)  # still loads and verifies
    build(settings, embedder)  # and the next run cleans the leftovers
    assert not any(p.name.startswith(".tmp") for p in builds.iterdir())


def test_watch_reindexes_after_a_change(seeds_copy, tmp_path, embedder):
    import threading

    from bot.index.watch import watch

    settings = _settings(seeds_copy, tmp_path)
    runner = threading.Thread(target=watch, args=(settings, embedder), kwargs={"rounds": 2}, daemon=True)
    runner.start()
    deadline = time.time() + 30
    while store.current_build(settings.index_dir) is None and time.time() < deadline:
        time.sleep(0.1)
    first = store.current_build(settings.index_dir)
    assert first is not None
    (seeds_copy / "extra.txt").write_text(EXTRA, encoding="utf-8")
    runner.join(timeout=60)
    assert not runner.is_alive()
    index = reading.load(settings.index_dir)
    assert "extra.txt" in index.documents and store.current_build(settings.index_dir) != first


def test_models_with_layers_after_pooling_are_refused(tmp_path):
    from bot.core.errors import BotError
    from bot.embed.embedding import Embedder

    folder = tmp_path / "labse-like"
    folder.mkdir()
    (folder / "modules.json").write_text(json.dumps([
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Dense", "type": "sentence_transformers.models.Dense"},
    ]))
    with pytest.raises(BotError, match="Dense layers after pooling"):
        Embedder(Settings.from_env(model=str(folder))).load()


def test_rows_made_by_older_readers_are_read_again(seeds_copy, tmp_path, embedder, monkeypatch):
    """A reader that changed (a new PDF or HTML reader) must not leave its old text in the index:
    the build records the readers' version with its chunking, and rows from another are not reused,
    by `bot index` or by the web app's start-up."""
    from bot.index import builder
    from bot.web.startup import ready_to_serve

    settings = Settings.from_env(seeds_dir=seeds_copy, index_dir=tmp_path / "index")
    monkeypatch.setattr(builder, "READERS", builder.READERS - 1)
    old = build(settings, embedder)
    monkeypatch.undo()
    report = build(settings, embedder)
    assert report.embedded == report.chunks == old.chunks and report.reused == 0
    assert reading.load(settings.index_dir).manifest.chunking["readers"] == builder.READERS
    monkeypatch.setattr(builder, "READERS", builder.READERS - 1)
    build(settings, embedder)
    monkeypatch.undo()
    _, engine = ready_to_serve(settings)
    with engine:
        assert engine.loaded().index.manifest.chunking["readers"] == builder.READERS


@pytest.mark.parametrize("first, then", [("library.md", "library-copy.txt"), ("notes.txt", "library.md")])
def test_the_same_bytes_as_two_kinds_are_two_texts(tmp_path, embedder, first, then):
    """A `.md` and a `.txt` with the same bytes read differently (Markdown's markup is dropped from one
    only): the second never takes the first's rows, so a `.txt` quote stays file[start:end]."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    page = "# New Library Opens\n\nThe *new* library in Millbrook cost 7 million pounds and opened in **May**.\n"
    (seeds / first).write_text(page, encoding="utf-8")
    settings = Settings.from_env(seeds_dir=seeds, index_dir=tmp_path / "index")
    build(settings, embedder)
    (seeds / then).write_text(page, encoding="utf-8")
    report = build(settings, embedder)
    assert report.embedded > 0 and report.documents == 2
    index = reading.load(settings.index_dir)
    texts = {name: index.text(name) for name in (first, then)}
    for name, text in texts.items():
        assert (text == page) == name.endswith(".txt")  # the .txt is its file; the .md lost its markup
    with Engine(settings, embedder) as engine:
        answer = engine.ask("How much did the library in Millbrook cost?")
    for quote in answer.quotes + answer.closest:
        assert texts[quote.source][quote.start:quote.end] == quote.text
