"""Chunks fit the model, overlap, keep exact offsets; sentences are whole and non-overlapping."""

from __future__ import annotations

import textwrap

from bot.ingest.chunking import chunk_document, make_splitter, sentence_spans
from bot.ingest.cleaning import clean
from bot.ingest.files import load_documents
from tests.conftest import SEEDS


def test_sentences_do_not_break_at_initials_or_titles():
    text = "The U.S. Defense Secretary met Dr. Kishi in Tokyo. He said 2 plus 2 talks were held.\nNew line"
    spans = [text[s:e] for s, e in sentence_spans(text)]
    assert spans == [
        "The U.S. Defense Secretary met Dr. Kishi in Tokyo.",
        "He said 2 plus 2 talks were held.",
        "New line",
    ]


def test_a_reference_abbreviated_ref_does_not_end_a_sentence():
    """A completion statement's "Redemption of mortgage (offer ref. NBS-88213-K) £212,406.11" was cut at
    "ref.", its amount in another sentence."""
    text = "Redemption of mortgage (offer ref. NBS-88213-K) £212,406.11 paid to the lender. Tel. 01632 960 418 for queries."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Redemption of mortgage (offer ref. NBS-88213-K) £212,406.11 paid to the lender.",
        "Tel. 01632 960 418 for queries."]


def test_a_list_items_number_opens_its_sentence():
    text = "3. Leave the trees at a deer gate. Beyond it, the path bears west.\n4. Climb the ridge.\nIt was 4. Then rain."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "3. Leave the trees at a deer gate.", "Beyond it, the path bears west.", "4. Climb the ridge.",
        "It was 4.", "Then rain."]


def test_a_hard_wrapped_text_files_sentences_run_across_its_lines():
    """A notice typed at 72 columns was quoted a printed line at a time ('A "SoundLink" through ticket
    (ferry + bus 47A, day return) costs'): its paragraphs are joined, its table rows and list items not."""
    prose = ("A through ticket for the ferry and the bus, valid for a day return, costs £11.00 for an adult and "
             "£5.50 for a child, and is sold at the Portmellick kiosk only. Sailings may be cancelled at short "
             "notice in winds above Force 6 or in poor visibility, and the skipper's decision is final.")
    text = ("TIMETABLE\n\n" + textwrap.fill(prose, 72) + "\n\n" + textwrap.fill(prose, 60) +
            "\n\n Dep Portmellick   Arr Carrow Quay\n   07:15             07:40\n\n- Bicycles travel free\n- Dogs on a lead\n")
    cleaned = clean(text, unwrap=True).text
    spans = [cleaned[s:e] for s, e in sentence_spans(cleaned)]
    assert spans.count(prose.split(". ")[0] + ".") == 2, spans
    assert spans.count(prose.split(". ")[1]) == 2
    assert "Dep Portmellick Arr Carrow Quay" in spans and "07:15 07:40" in spans
    assert "- Bicycles travel free" in spans and "- Dogs on a lead" in spans
    assert "\n" in clean(text).text.split("\n\n")[1]  # only a plain text file is unwrapped


def test_an_emails_long_header_lines_do_not_set_the_width_its_body_is_wrapped_at():
    """A breach notice typed at 72 columns under an 80-character "Subject:" line: measured by that
    line, "...write to our Data" / "Protection Officer, ..." was two sentences."""
    body = ("We are very sorry for the trouble this has caused. Please have your incident reference ready when "
            "you call. You can also write to our Data Protection Officer, Priyanka Lowther, at the address "
            "below, or ring our helpline on any weekday between eight in the morning and eight at night.")
    text = ("From: Fernleigh Outdoor Customer Care <customercare@fernleighoutdoor.co.uk>\n"
            "Subject: Important: a security incident affecting your Fernleigh Outdoor account\n\n"
            + "\n".join(textwrap.wrap(body, 72)) + "\n")
    assert "our Data\nProtection" in text
    cleaned = clean(text, unwrap=True).text
    spans = [cleaned[s:e] for s, e in sentence_spans(cleaned)]
    assert "You can also write to our Data Protection Officer, Priyanka Lowther, at the address below, or ring " \
           "our helpline on any weekday between eight in the morning and eight at night." in spans, spans
    assert spans[0].startswith("From:") and spans[1].startswith("Subject:")


def test_a_text_wrapped_at_a_hundred_columns_is_unwrapped_too():
    """A press release typed at 100 columns was read as one paragraph a line, and quoted a printed
    line at a time ("She succeeds Neil" / "Hartigan, who ..."); a line ending "at its" goes on,
    though the next line's first word would have fitted on it."""
    lines = ["Dr Imogen Sayers-Blake will join the Board as Chief Executive Officer on 2 February 2026. She succeeds Neil",
             "Hartigan, who informed the Board in May of his intention to retire after eleven years in the role as chief,",
             "and who will remain with the Company until 31 March 2026 to ensure an orderly handover of all of the work.",
             "Before that she spent twelve years at Albion Traction, latterly as Operations Director at its",
             "Crewe works. She holds a doctorate in materials engineering from the University of Sheffield."]
    assert sorted(map(len, lines))[-3] > 100 and len(lines[3]) + len(" Crewe") < 100
    cleaned = clean("FOR IMMEDIATE RELEASE\n\n" + "\n".join(lines) + "\n", unwrap=True).text
    spans = [cleaned[s:e] for s, e in sentence_spans(cleaned)]
    assert any(s.startswith("She succeeds Neil Hartigan, who informed the Board") for s in spans), spans
    assert "Before that she spent twelve years at Albion Traction, latterly as Operations Director at its Crewe " \
           "works." in spans, spans


def test_pieces_counted_ahead_in_batches_give_the_same_chunks(embedder):
    (document,), _ = load_documents(SEEDS)
    text = clean(document.text).text
    one_by_one = []

    def count(piece: str) -> int:
        one_by_one.append(piece)
        return embedder.count_tokens(piece)

    ahead = make_splitter(count, 64, 12, embedder.count_tokens_many)
    assert ahead.split_text(text) == make_splitter(embedder.count_tokens, 64, 12).split_text(text)
    assert [p for p in one_by_one if p] == []  # every piece the splitter weighed was counted ahead
    assert ahead.counter.counts == {}  # and forgotten after the text


def test_chunks_fit_the_model_and_map_back_to_the_file(embedder):
    (document,), _ = load_documents(SEEDS)
    cleaned = clean(document.text)
    splitter = make_splitter(embedder.count_tokens, 64, 12)
    chunks, sentences = chunk_document(document.source, document.sha256, cleaned, splitter)
    assert len(chunks) > 3
    assert max(embedder.count_tokens(c.text) for c in chunks) <= 64
    for chunk in chunks:
        assert cleaned.text[chunk.clean_start : chunk.clean_end] == chunk.text
        begin, end = cleaned.span(chunk.clean_start, chunk.clean_end)
        assert " ".join(document.text[begin:end].split()) == " ".join(chunk.text.split())
    # Consecutive chunks overlap or touch: no text falls between them.
    for before, after in zip(chunks, chunks[1:]):
        assert after.clean_start <= before.clean_end + 1
    assert len({c.id for c in chunks}) == len(chunks)
    # Sentences: in order, inside their chunk, never overlapping each other.
    for first, second in zip(sentences, sentences[1:]):
        assert first.clean_end <= second.clean_start
    for sentence in sentences:
        chunk = chunks[sentence.chunk]
        assert chunk.clean_start <= sentence.clean_start < sentence.clean_end <= chunk.clean_end


def test_chunk_ids_are_stable(embedder):
    (document,), _ = load_documents(SEEDS)
    splitter = make_splitter(embedder.count_tokens, 64, 12)
    first, _ = chunk_document(document.source, document.sha256, clean(document.text), splitter)
    second, _ = chunk_document(document.source, document.sha256, clean(document.text), splitter)
    assert [c.id for c in first] == [c.id for c in second]


def test_chinese_and_japanese_sentences_end_at_their_own_punctuation(embedder):
    text = "岸信夫は日本の防衛大臣です。彼は台湾について語った！本当ですか？会談は東京で行われた。"
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "岸信夫は日本の防衛大臣です。", "彼は台湾について語った！", "本当ですか？", "会談は東京で行われた。"]
    long = "".join(f"第{i}回の会談は東京で行われ、防衛協力について話し合った。" for i in range(40))
    splitter = make_splitter(embedder.count_tokens, 64, 8)
    chunks, _ = chunk_document("ja.txt", "0" * 64, clean(long), splitter)
    assert len(chunks) > 2 and all(c.text.endswith("。") for c in chunks[:-1])  # cut between sentences


def test_a_numbered_clauses_heading_opens_its_first_sentence():
    """A lease's "3. Deposit. The deposit will be registered..." made "3. Deposit." a sentence of its
    own, which answered "How much is the deposit?" with a bold "3"."""
    text = "3. Deposit. The deposit will be registered within 30 days. It is returned at the end.\n10. Break clause."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "3. Deposit. The deposit will be registered within 30 days.", "It is returned at the end.",
        "10. Break clause."]
