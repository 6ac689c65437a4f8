"""Loading and cleaning: what is read, what is skipped and why, and that offsets map back exactly."""

from __future__ import annotations

import os

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.ingest.cleaning import clean, title_of
from bot.ingest.files import load_documents
from bot.ingest.text import decode


def test_reads_utf8_utf8_bom_and_utf16_bom_and_skips_the_rest(tmp_path):
    (tmp_path / "plain.txt").write_text("Plain text.", encoding="utf-8")
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbfWith a BOM.")
    (tmp_path / "wide.md").write_bytes("UTF-16 text, ünïcode.".encode("utf-16"))
    (tmp_path / "latin1.txt").write_bytes("café au lait".encode("latin-1"))
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("\n\n   \n\u200b\n")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden.txt").write_text("secret")
    nested = tmp_path / "sub" / "deeper"
    nested.mkdir(parents=True)
    (nested / "inner.txt").write_text("Nested article.")

    documents, skipped = load_documents(tmp_path)

    assert [d.source for d in documents] == ["bom.txt", "plain.txt", "sub/deeper/inner.txt", "wide.md"]
    reasons = {s.source: s.reason for s in skipped}
    assert set(reasons) == {"latin1.txt", "binary.txt", "empty.txt", "blank.txt"}
    assert "not UTF-8" in reasons["latin1.txt"]
    assert "binary" in reasons["binary.txt"]
    assert reasons["empty.txt"].startswith("empty")
    wide = next(d for d in documents if d.source == "wide.md")
    assert wide.text == "UTF-16 text, ünïcode."


def test_symlinks_are_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Do not index me.")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "real.txt").write_text("Index me.")
    os.symlink(outside / "secret.txt", seeds / "link.txt")
    os.symlink(outside, seeds / "linked-dir")
    documents, _ = load_documents(seeds)
    assert [d.source for d in documents] == ["real.txt"]


def test_offsets_index_the_text_as_read_text_returns_it(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"\xef\xbb\xbfFirst line.\r\nSecond line.\rThird.")
    (document,), _ = load_documents(tmp_path)
    assert document.text == path.read_text(encoding="utf-8")


def test_cleaning_normalizes_and_drops_invisible_characters_and_scraper_leftovers():
    original = "Ｆｕｌｌ\u200bwidth  and\ttabs\u202e.\n\n\n\nNext  paragraph\U000e0041.\nRecent Comments\n"
    cleaned = clean(original)
    assert cleaned.text == "Fullwidth and tabs.\n\nNext paragraph."
    start = cleaned.text.index("Next")
    begin, end = cleaned.span(start, start + len("Next paragraph"))
    assert original[begin:end] == "Next  paragraph"


def test_a_run_of_data_is_left_out_and_a_long_line_of_words_is_kept():
    words = " ".join(["word"] * 150)  # 749 characters of plain words: kept whole
    data = "QUJD" * 200  # 800 characters without a space: base64, left out
    original = f"{words} {data} café {data}\nEnd."
    cleaned = clean(original)
    assert cleaned.text == f"{words} café\nEnd."
    start = cleaned.text.index("café")
    assert original[slice(*cleaned.span(start, start + 4))] == "café"
    assert original[slice(*cleaned.span(0, len(words)))] == words


def test_title_from_file_name():
    assert title_of("02_Normans.txt") == "Normans"
    assert title_of("news/Sky__United_Kingdom_.md") == "Sky United Kingdom"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_every_cleaned_span_maps_back_to_original_characters(text):
    cleaned = clean(text)
    assert len(cleaned.offsets) == len(cleaned.text) + 1
    assert all(0 <= o <= len(text) for o in cleaned.offsets)
    assert list(cleaned.offsets[:-1]) == sorted(cleaned.offsets[:-1])
    for i, char in enumerate(cleaned.text):
        source = text[cleaned.offsets[i]]
        assert char == source or char.isspace() and source.isspace() or not source.isascii()
    # Any span of the cleaned text covers, in the original, the characters it came from.
    for start in range(0, len(cleaned.text), 7):
        end = min(len(cleaned.text), start + 11)
        begin, stop = cleaned.span(start, end)
        assert 0 <= begin <= stop <= len(text)


def test_decode_rejects_nul_bytes():
    try:
        decode(b"abc\x00def")
    except ValueError as error:
        assert "binary" in str(error)
    else:
        raise AssertionError("NUL bytes were accepted")
