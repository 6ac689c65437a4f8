"""Candidate sentences: the chunks next to the best hits are searched too, and each candidate knows
how well its whole paragraph matches the question."""

from __future__ import annotations

from bot.answer.candidates import ADJACENT_HITS, _adjacent, candidates
from bot.answer.features import NAMES


def test_chunks_next_to_the_best_hits_become_candidates(engine):
    loaded, info, hits, _ = engine.evidence("When was the 2 plus 2 meeting held?")
    index = loaded.index
    top = hits[:1]
    extra = _adjacent(index, top, info.vector)
    neighbours = {r for r in (top[0].row - 1, top[0].row + 1)
                  if 0 <= r < len(index.chunks) and index.chunks[r].source == index.chunks[top[0].row].source}
    assert neighbours and {h.row for h in extra} == neighbours
    for hit in extra:  # their own cosine, ranked as the hit they adjoin
        assert abs(hit.dense - float(index.chunk_vectors([hit.row])[0] @ info.vector)) < 1e-5
        assert hit.rank == top[0].rank
    found = candidates(index, info, top)
    flag = NAMES.index("adjacent")
    owners = {c.sentence: int(index.sentences[c.sentence, 0]) for c in found}
    assert {owners[c.sentence] for c in found} == {top[0].row} | neighbours
    assert all(c.features[flag] == float(owners[c.sentence] in neighbours) for c in found)


def test_only_the_best_few_hits_bring_neighbours(engine, monkeypatch):
    """The seed index has 6 chunks: with 3 hits and the best 2 of them bringing neighbours, some
    chunks are neither hits nor neighbours, so what is brought and what is not can both be seen."""
    import bot.answer.candidates

    loaded, info, _, _ = engine.evidence("When was the 2 plus 2 meeting held?")
    index = loaded.index
    hits = loaded.retriever.search(info.text, info.vector, k=3)
    monkeypatch.setattr(bot.answer.candidates, "ADJACENT_HITS", 2)
    extra = {h.row for h in _adjacent(index, hits, info.vector)}
    rows = {h.row for h in hits}

    def neighbours(hit_list) -> set[int]:
        return {r for h in hit_list for r in (h.row - 1, h.row + 1) if 0 <= r < len(index.chunks)} - rows

    assert extra and extra == neighbours(hits[:2])
    left_out = neighbours(hits[2:]) - neighbours(hits[:2])
    assert left_out and not extra & left_out  # the third hit's neighbour is not brought
    assert ADJACENT_HITS == 5  # the value the answer model was tuned with


def test_paragraph_features_are_shared_within_a_paragraph(engine):
    loaded, _, _, found = engine.evidence("What did the joint document stress?")
    text = loaded.index.text(found[0].source)
    cover_at, dense_at = NAMES.index("cover_paragraph"), NAMES.index("dense_paragraph")
    paragraphs: dict[int, list] = {}
    for c in found:  # a paragraph starts after the last line break before the sentence
        paragraphs.setdefault(text.rfind("\n", 0, c.start), []).append(c)
    assert len(paragraphs) > 1
    for group in paragraphs.values():
        assert len({c.features[cover_at] for c in group}) == 1
        assert len({c.features[dense_at] for c in group}) == 1
        assert group[0].features[dense_at] >= max(c.features[NAMES.index("dense_sentence")] for c in group) - 1e-6
    own = NAMES.index("cover")
    assert all(c.features[own] - 1e-9 <= c.features[cover_at] <= 1 for c in found)


def test_a_title_line_is_never_quoted_as_an_answer(tmp_path, embedder):
    """A file's title line restates the story and holds the question's words: it was quoted first
    for "who" questions (README: evaluation, the fresh check). The body sentence must be quoted."""
    from bot import build
    from bot.answer.engine import Engine
    from bot.core.settings import Settings

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    title = "Northwind Audio chief unveils the Aria headphones"
    (seeds / "northwind.txt").write_text(
        f"{title}\n\nThe company's chief executive, Lena Marsh, presented the Aria headphones in Oslo on "
        "Monday. They weigh 240 grams and cost 199 euros.\n\nMarsh said the battery lasts 40 hours.\n",
        encoding="utf-8")
    settings = Settings.from_env(seeds_dir=seeds, index_dir=tmp_path / "index")
    build(settings, embedder)
    with Engine(settings, embedder) as engine:
        for question in ("Who is in charge of Northwind Audio?", "Who unveiled the Aria headphones?"):
            answer = engine.ask(question)
            shown = [q.text for q in (*answer.quotes, *answer.closest)]
            assert shown and title not in shown, (question, shown)
        answer = engine.ask("Who is in charge of Northwind Audio?")
        assert "Lena Marsh" in (answer.quotes or answer.closest)[0].text  # confident or tentative


def test_a_follow_ups_borrowed_words_count_less_than_its_own(engine):
    from bot.answer.features import BORROWED_TERMS, follow_up_info

    loaded, joined, _, _ = engine.evidence("Who did he meet?", [{"role": "user", "content": "Who is Japan's defense minister?"}])
    assert joined.text == "Who did he meet? (Who is Japan's defense minister?)"
    asked = loaded.retriever.embed_question("Who did he meet?")
    info = follow_up_info(joined, "Who did he meet?", asked)
    assert info.terms["meet"] == joined.terms["meet"]
    assert info.terms["minist"] == BORROWED_TERMS * joined.terms["minist"]
    assert abs(float(info.vector @ info.vector) - 1.0) < 1e-5
    assert float(info.vector @ asked) > float(joined.vector @ asked)  # nearer the question asked
    assert info.text == joined.text  # what was searched is still shown as the resolved question
