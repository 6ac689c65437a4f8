"""PDF, DOCX, HTML and Markdown articles: real files made here (tests/docgen.py), read, indexed with
the real model, asked about, and every quote checked through `bot text` (the text its offsets index)."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from bot import build
from bot.answer.engine import Engine
from bot.cli import main as bot_main
from bot.core.settings import Settings
from bot.eval.datasets import Item, spread
from bot.eval.runs import run
from bot.eval.scoring import score
from bot.ingest import extract
from bot.ingest.formats import extract as extract_text
from bot.ingest.pdf import Line, reflow
from bot.store.folder import reading
from testkit.docgen import write_docx, write_html, write_pdf
from testkit.run import bot

ROOT = Path(__file__).resolve().parents[2]
HARBOR_MASTER = "The harbor master of Port Elsby is Marta Quill."
BREAKWATER = "The new breakwater was finished in 2019 at a cost of 41 million euros."
RECIPE = """# Pancakes

Ready in **30 minutes**, for four people.

## Ingredients

- 4 large eggs
- 2 cups of [flour](https://example.com/flour)

1. Beat the eggs with the flour and a pinch of salt.
2. Fry each pancake for *two minutes* on each side in hot butter.
"""


def filler(n: int, seed: int) -> list[str]:
    """Paragraphs of plausible report prose with long words (hyphenated at line ends) and no facts."""
    rng = random.Random(seed)
    subjects = ["The committee", "The administrative office", "The maintenance department", "The council",
                "The transportation authority", "The environmental agency"]
    verbs = ["reviewed", "postponed", "discussed", "documented", "recommended", "summarized"]
    objects = ["the refurbishment of the northern warehouses", "the documentation of infrastructure repairs",
               "an environmental assessment of the coastal wetlands", "the consolidation of administrative tasks",
               "the modernization of the transportation network", "a questionnaire about recreational facilities"]
    seasons = ["spring", "autumn"]
    sentences = [f"{rng.choice(subjects)} {rng.choice(verbs)} {rng.choice(objects)} in {rng.choice(seasons)}."
                 for _ in range(n)]
    return [" ".join(sentences[i:i + 5]) for i in range(0, n, 5)]


def make_articles(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    write_pdf(folder / "report.pdf", "Harbor Annual Report",
              [HARBOR_MASTER + " She was appointed by the council in 2021."] + filler(150, 1) + [BREAKWATER]
              + filler(20, 2), spaces="gaps")
    write_docx(folder / "notes.docx", "Ferry Notes",
               ["The ferry to Lindholm island is run by captain Ilse Brandt since 2019.", *filler(10, 3)],
               table=[["Route", "Departure"], ["Lindholm", "07:45 from pier 3"]])
    write_html(folder / "page.html", "Lighthouse News",
               ["The lighthouse of Vardo was painted red by keeper Sigrid Holm in 1987.", *filler(20, 4)])
    (folder / "recipe.md").write_text(RECIPE, encoding="utf-8")
    (folder / "crane.txt").write_text("Quay notes\n\nThe quay crane of Port Elsby lifts 40 tonnes.\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def articles(tmp_path_factory, embedder) -> Settings:
    folder = tmp_path_factory.mktemp("formats")
    settings = Settings.from_env(seeds_dir=make_articles(folder / "seeds"), index_dir=folder / "index")
    build(settings, embedder)
    return settings


@pytest.fixture(scope="module")
def engine(articles, embedder) -> Engine:
    return Engine(articles, embedder)


def bot_text(settings: Settings, source: str, capsysbinary) -> str:
    assert bot_main(["text", source, "--index", str(settings.index_dir)]) == 0
    return capsysbinary.readouterr().out.decode("utf-8")


QUESTIONS = [
    ("Who is the harbor master of Port Elsby?", "report.pdf", "Marta Quill"),
    ("How much did the new breakwater cost?", "report.pdf", "41 million euros"),
    ("Who runs the ferry to Lindholm island?", "notes.docx", "Ilse Brandt"),
    ("Who painted the lighthouse of Vardo red?", "page.html", "Sigrid Holm"),
    ("How long is each pancake fried on each side?", "recipe.md", "for two minutes on each side"),
    ("How much does the quay crane lift?", "crane.txt", "40 tonnes"),
]


def test_every_format_answers_and_every_quote_checks_through_bot_text(articles, engine, capsysbinary):
    texts = {}
    for question, source, expected in QUESTIONS:
        answer = engine.ask(question)
        first = answer.quotes[0] if answer.answered else answer.closest[0]
        assert first.source == source and expected in first.text, (question, answer)
        for quote in answer.quotes + answer.closest:
            if quote.source not in texts:
                texts[quote.source] = bot_text(articles, quote.source, capsysbinary)
            assert texts[quote.source][quote.start : quote.end] == quote.text
    # .txt: `bot text` prints the file's own text, so offsets index the file as before.
    assert bot_text(articles, "crane.txt", capsysbinary) == (articles.seeds_dir / "crane.txt").read_text("utf-8")


def test_bot_eval_checks_quotes_against_the_text_of_each_kind(engine):
    doubled = [Item(question, (expected,), source) for question, source, expected in QUESTIONS for _ in (1, 2)]
    items = spread(doubled, 6)
    assert [i.question for i in items] == [q for q, _, _ in QUESTIONS]  # evenly spaced: every second one
    metrics = score(run(engine, items))
    assert metrics["first_quote"] == 1.0 and metrics["quote_validity"] == 1.0 and metrics["quotes_checked"] >= 6


def test_pdf_quotes_carry_the_page_they_start_on(articles, engine):
    pdf = pdfium.PdfDocument(articles.seeds_dir / "report.pdf")
    pages = [" ".join(pdf[i].get_textpage().get_text_range().split()) for i in range(len(pdf))]
    assert len(pages) >= 3
    for question, expected_page in [("Who is the harbor master of Port Elsby?", 1),
                                    ("How much did the new breakwater cost?", None)]:
        quote = engine.ask(question).quotes[0]
        assert quote.page is not None and quote.as_json()["page"] == quote.page
        # Checked against PDFium's own text of that page, not against our re-flowed text.
        assert " ".join(quote.text.split()[:6]) in pages[quote.page - 1]
        if expected_page:
            assert quote.page == expected_page
        else:
            assert quote.page >= 3
    crane = engine.ask("How much does the quay crane lift?").quotes[0]
    assert crane.page is None and "page" not in crane.as_json()


def test_titles_are_the_documents_own(articles):
    documents = reading.load(articles.index_dir).documents
    assert {s: d.title for s, d in documents.items()} == {
        "report.pdf": "Harbor Annual Report", "notes.docx": "Ferry Notes", "page.html": "Lighthouse News",
        "recipe.md": "Pancakes", "crane.txt": "Quay notes"}
    assert len(documents["report.pdf"].pages) >= 3 and documents["notes.docx"].pages == ()


def test_markdown_is_read_as_markdown(articles, engine, capsysbinary):
    text = bot_text(articles, "recipe.md", capsysbinary)
    assert text.startswith("Pancakes\n\nReady in 30 minutes, for four people.\n\nIngredients\n\n4 large eggs\n")
    for raw in ("**", "# ", "- 4", "](", "https://", "*two"):
        assert raw not in text
    assert "2 cups of flour\n\n1. Beat the eggs" in text  # a step keeps its number, a bullet is dropped
    # Headings and list markers are never quoted as sentences of their own; a step is quoted with its number.
    index = engine.loaded().index
    sentences = {index.text(index.chunks[int(row[0])].source)[int(row[1]):int(row[2])] for row in index.sentences}
    headings = {"Pancakes", "Ingredients", "Harbor Annual Report", "Ferry Notes", "Lighthouse News"}
    assert not (headings | {"1.", "2."}) & sentences
    assert "1. Beat the eggs with the flour and a pinch of salt." in sentences


def test_a_markdown_block_after_a_list_or_a_table_is_a_block_of_its_own():
    from bot.ingest.formats import read_markdown

    text = read_markdown("Packing\n\n- passports\n- chargers\n\nCheck in online.\n\n| Name | Seat |\n|---|---|\n"
                         "| Ruth | Window |\n## Outbound journey\n\nWe fly at 06:45.\n").text
    assert text == ("Packing\n\npassports\nchargers\n\nCheck in online.\n\nName | Seat\nRuth | Window\n\n"
                    "Outbound journey\n\nWe fly at 06:45.")


def test_markdown_keeps_a_steps_number_and_a_note_mark():
    """A trail guide's steps lost their numbers ("What is step 4?"), and authors' affiliation marks ran
    into their names ("Oduya1")."""
    from bot.ingest.formats import read_markdown

    text = read_markdown("**Maya Oduya**<sup>1</sup> and **Felix Brannigan**<sup>2</sup>\n\n1. University of "
                         "Carrowmoor\n2. Severnside Institute\n\n- a bullet\n\n3) Leave the trees at a deer gate.\n").text
    assert text == ("Maya Oduya¹ and Felix Brannigan²\n\n1. University of Carrowmoor\n2. Severnside Institute\n\n"
                    "a bullet\n\n3) Leave the trees at a deer gate.")


def test_markdown_lines_that_open_with_a_label_stay_lines():
    """Minutes headed "**Date:** ...", "**Venue:** ...", "**Chair:** ..." on lines of their own were
    read as one run-on line (CommonMark's soft line break is a space); a wrapped sentence still joins."""
    from bot.ingest.formats import read_markdown

    text = read_markdown("**Date:** Wednesday 25 June 2025, 7.30pm\n**Venue:** The Clubhouse\nChair: Graham "
                         "Pendleton\n\nThe President welcomed members and\nthanked the bar volunteers.\n").text
    assert text == ("Date: Wednesday 25 June 2025, 7.30pm\nVenue: The Clubhouse\nChair: Graham Pendleton\n\n"
                    "The President welcomed members and thanked the bar volunteers.")


def test_html_keeps_the_article_and_drops_the_page_around_it(articles, capsysbinary):
    text = bot_text(articles, "page.html", capsysbinary)
    assert text.startswith("Lighthouse News\n\nThe lighthouse of Vardo was painted red")
    for boilerplate in ("Sign in", "Accept all cookies", "Great read", "Buy cheap watches", "Related posts",
                        "Privacy policy", "dataLayer", "font-family", "Leave a reply"):
        assert boilerplate not in text


def test_docx_paragraphs_headings_and_tables_in_order(articles, capsysbinary):
    text = bot_text(articles, "notes.docx", capsysbinary)
    assert text.startswith("Ferry Notes\n\nThe ferry to Lindholm island is run by captain Ilse Brandt since 2019.")
    assert text.endswith("Route | Departure\nLindholm | 07:45 from pier 3\n")
    assert "internal draft" not in text and "Page footer" not in text  # header and footer left out


def test_a_docx_numbered_lists_numbers_are_read_as_word_shows_them(tmp_path):
    """Word draws a numbered step's "5." from the list's definition, not from its text: "What is step
    5?" of a router guide found no step 5. Numbers go on across the paragraphs between, as Word's
    do for one list; a number typed by hand is not doubled; bullets stay unnumbered."""
    import docx

    document = docx.Document()
    document.add_paragraph("Connecting your hub")
    for step in ("Find your main telephone socket.", "Plug in the grey cable.", "Switch the hub on."):
        document.add_paragraph(step, style="List Number")
    document.add_paragraph("If the light stays red, carry on.")
    document.add_paragraph("Wait three minutes.", style="List Number")
    document.add_paragraph("5. Register the hub online.", style="List Number")
    document.add_paragraph("Keep the box.", style="List Bullet")
    document.save(tmp_path / "guide.docx")
    text = extract_text(".docx", (tmp_path / "guide.docx").read_bytes()).text
    assert "1. Find your main telephone socket.\n2. Plug in the grey cable.\n3. Switch the hub on." in text, text
    assert "4. Wait three minutes.\n5. Register the hub online.\nKeep the box." in text, text
    # a damaged list definition costs the numbers, never the document
    import zipfile

    with zipfile.ZipFile(tmp_path / "guide.docx") as whole, zipfile.ZipFile(tmp_path / "damaged.docx", "w") as damaged:
        for item in whole.infolist():
            data = whole.read(item)
            if item.filename == "word/numbering.xml":
                data = data.replace(b'w:ilvl="0"', b'w:ilvl="zero"')
            damaged.writestr(item, data)
    text = extract_text(".docx", (tmp_path / "damaged.docx").read_bytes()).text
    assert "Find your main telephone socket.\nPlug in the grey cable." in text, text


def test_pdf_lines_are_reflowed_into_the_paragraphs_that_were_written(tmp_path):
    paragraphs = filler(60, 5)
    write_pdf(tmp_path / "plain.pdf", "Plain", paragraphs, hyphenate=False)
    found = extract_text(".pdf", (tmp_path / "plain.pdf").read_bytes())
    assert found.text.split("\n\n") == ["Plain", *paragraphs]  # no sentence cut at a line or page end
    assert found.headings == ((0, 5),) and found.title == "Plain" and len(found.pages) >= 2
    for spaces in ("chars", "gaps"):  # space glyphs, or words placed by TJ offsets as LaTeX does
        write_pdf(tmp_path / "hyphenated.pdf", "Hyphenated", paragraphs, spaces=spaces)
        text = extract_text(".pdf", (tmp_path / "hyphenated.pdf").read_bytes()).text
        assert text.split("\n\n")[1:] == paragraphs


def line(text: str, bottom: float, left: float = 72, right: float = 540, height: float = 11) -> Line:
    return Line(text, left, bottom, right, bottom + height)


def test_reflow_joins_hyphens_by_the_words_it_knows_and_drops_page_furniture():
    page1 = [line("Annual Report", 700, height=18, right=200), line("The old recog-", 660),
             line("nition station was built by self-", 646), line("driving cranes and a well-", 632),
             line("known crew of the consoli\x02", 618), line("dation office, 1990-", 604),
             line("2000. Here the page ends", 590), line("1", 40, left=300, right=306)]
    page2 = [line("in the middle of a sentence.", 700, right=230), line("A new paragraph starts.", 680, right=200),
             line("2", 40, left=300, right=306)]
    found = reflow([page1, page2], "")
    assert found.text == ("Annual Report\n\nThe old recognition station was built by self-driving cranes and a "
                          "well-known crew of the consolidation office, 1990-2000. Here the page ends in the middle "
                          "of a sentence.\n\nA new paragraph starts.")
    assert found.title == "Annual Report" and found.headings == ((0, 13),)
    assert found.text[found.pages[1]:].startswith("in the middle")  # page 2 starts mid-paragraph
    # A double-barrelled name wrapped at its hyphen keeps it, though an email address spells it whole.
    found = reflow([[line("Year 2 tutor: Dr Kwabena Ashworth-", 700), line("Lyle (k.ashworthlyle@example.ac.uk).", 686)]], "")
    assert "Dr Kwabena Ashworth-Lyle (k.ashworthlyle@" in found.text, found.text
    # A browser hyphenates no word: a hyphen it printed at a line end was typed.
    wrapped = [line("The councillor did not stand for re-", 700), line("election in May.", 686)]
    assert "stand for reelection in May." in reflow([wrapped], "").text
    assert "stand for re-election in May." in reflow([wrapped], "", browser=True).text


def test_a_tables_last_row_alone_on_the_next_page_is_still_a_row():
    """A course handbook's contacts table ended with one row at the top of page 3, with no row beside
    it to line up with: it was read into the paragraph after it ("Student Office Mr Declan Orbell ...
    P1.01 The Student Office is open from 09:30")."""
    from bot.ingest.pdf import _mark_rows

    def row(cells: list[str], bottom: float) -> Line:
        text, gaps, x = "", [], 72.0
        for n, cell in enumerate(cells):
            if n:
                gaps.append((len(text), x, x + 20))
                text += " "
                x += 20
            text += cell
            x += 6 * len(cell)
        return Line(text, 72, bottom, x, bottom + 11, gaps=tuple(gaps))

    table = [["Role", "Name", "Room"], ["Programme Director", "Dr Imogen Tresize", "P2.07"],
             ["Year 2 Tutor", "Dr Kwabena Lyle", "P2.11"], ["Student Office", "Mr Declan Orbell", "P1.01"]]
    width = [max(len(r[i]) for r in table) for i in range(3)]
    padded = [[cell.ljust(width[i]) for i, cell in enumerate(r)] for r in table]
    page1 = _mark_rows([line("Who to contact", 700, right=200)] + [row(r, 680 - 14 * n) for n, r in enumerate(padded[:3])])
    page2 = _mark_rows([row(padded[3], 700), line("The Student Office is open from 09:30 to 16:00, Monday to Friday.", 680)])
    text = reflow([page1, page2], "").text
    assert "Year 2 Tutor" in text and text.endswith("Student Office | Mr Declan Orbell | P1.01\n\n"
                                                    "The Student Office is open from 09:30 to 16:00, Monday to Friday."), text


def test_a_running_header_that_wraps_is_page_furniture_whole():
    """Under a browser's print header, the document's own header on every page, wrapped onto a
    second line ("... Private and" / "confidential"): both of its lines are left out."""
    def page(body: str) -> list[Line]:
        return [line("12/6/26, 9:27 AM Pension statement", 780, left=24, right=300),
                line("Northgate Pensions · Member reference NM-448213-K · Private and", 760, right=500),
                line("confidential", 748, right=130), line(body, 700, right=300), line("file:///statement.html", 20)]

    found = reflow([page("Your pot was worth £84,316.52 on 5 April."), page("Your pot grew by 4.6% in the year.")], "")
    assert found.text.split() == "Your pot was worth £84,316.52 on 5 April. Your pot grew by 4.6% in the year.".split()


def test_a_heading_at_the_foot_of_a_page_is_not_joined_to_the_next_page():
    """A browser's h2 is about 1.24 times as tall as the body text; at the foot of a page it had run
    into the paragraph at the top of the next ("Section 106 obligations Before any work begins")."""
    body = [line(f"The committee met on the {n}th and heard the objections of the residents.", 700 - 14 * n)
            for n in range(10)]
    page1 = [*body, line("Section 106 obligations", 60, height=11 * 1.24, right=230)]
    page2 = [line("Before any work begins, the applicant must sign an agreement.", 700, right=400)]
    found = reflow([page1, page2], "")
    assert found.text.endswith("\n\nSection 106 obligations\n\nBefore any work begins, the applicant must sign an agreement.")
    assert (found.text.index("Section 106"), found.text.index("Section 106") + 23) in found.headings


def test_replacing_a_pdf_rebuilds_it_alone_and_unchanged_files_are_not_read_again(articles, embedder, tmp_path,
                                                                                    monkeypatch):
    seeds = tmp_path / "seeds"
    shutil.copytree(articles.seeds_dir, seeds)
    settings = Settings.from_env(seeds_dir=seeds, index_dir=tmp_path / "index")
    first = build(settings, embedder)
    reads = []
    real_read = extract.Readers.read
    monkeypatch.setattr(extract.Readers, "read",
                        lambda self, suffix, data: reads.append(suffix) or real_read(self, suffix, data))
    again = build(settings, embedder)
    assert reads == [] and again.embedded == 0 and again.reused == first.chunks
    write_pdf(seeds / "report.pdf", "Harbor Report 2024",
              filler(120, 9) + ["The harbor master of Port Elsby is now Jonas Berg, since March 2024."])
    report = build(settings, embedder)
    assert reads == [".pdf"]
    pdf_chunks = sum(1 for c in reading.load(settings.index_dir).chunks if c.source == "report.pdf")
    assert report.embedded == pdf_chunks and report.reused == report.chunks - pdf_chunks
    answer = Engine(settings, embedder).ask("Who is the harbor master of Port Elsby?")
    quote = answer.quotes[0]
    assert "Jonas Berg" in quote.text and quote.page >= 2
    assert "Marta Quill" not in reading.load(settings.index_dir).text("report.pdf")


def test_bot_text_is_a_real_command_with_one_line_errors(articles):
    def run(*args):
        return bot("text", *args, "--index", articles.index_dir, text=False, timeout=120)

    result = run("report.pdf")
    assert result.returncode == 0
    indexed = Engine(articles).loaded().index.text("report.pdf")
    assert result.stdout.decode("utf-8") == indexed + ("" if indexed.endswith("\n") else "\n")  # ends a line
    by_path = run(str(articles.seeds_dir / "report.pdf"))
    assert by_path.stdout == result.stdout
    missing = run("nowhere.pdf")
    assert missing.returncode == 1 and missing.stdout == b""
    assert missing.stderr.decode().count("\n") == 1 and "neither in the index" in missing.stderr.decode()
    assert "run `bot index`" not in missing.stderr.decode()  # indexing would not add a file that is not there
    junk = articles.seeds_dir / "junk.pdf"  # a file the last build skipped: why, as `bot index` says it
    junk.write_bytes(b"\x00not a pdf")
    later = articles.seeds_dir / "later.txt"  # and one that came after it
    later.write_text("The lighthouse at Port Elsby was first lit in 1871.\n")
    try:
        unread, new = run("junk.pdf"), run("later.txt")
    finally:
        junk.unlink()
        later.unlink()
    assert unread.returncode == 1 and unread.stderr.decode().count("\n") == 1
    assert "but not in the index" in unread.stderr.decode() and "`bot index` skips it (" in unread.stderr.decode()
    assert new.returncode == 1 and "came after the last build: run `bot index`" in new.stderr.decode()
    ask = bot("ask", "--json", "--index", articles.index_dir, "How much did the new breakwater cost?", timeout=120)
    quote = json.loads(ask.stdout)["quotes"][0]
    assert quote["source"] == "report.pdf" and quote["page"] >= 3
    assert result.stdout.decode("utf-8")[quote["start"]:quote["end"]] == quote["text"]


BYLINE_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Rates rise again | The Ledger</title>
<meta name="author" content="Fiona McAllister"><meta property="article:published_time" content="2024-03-12T09:00:00Z">
</head><body><nav>Home | Business | Sport</nav><article><h1>Rates rise again</h1>
<p class="byline">By Fiona McAllister, Business Reporter<br>Published 12 March 2024</p>
<p>The central bank raised its main rate by a quarter point on Tuesday, the third rise this year, citing stubborn
inflation in services and a tight labour market across the region.</p>
<p>Economists had expected the move. "It was priced in," said Tom Reyes of Halden Capital, who added that
markets would now look to the summer meeting for a pause.</p>
<p>Mortgage lenders said they would pass the rise on to borrowers within a week, and two of the largest
building societies withdrew their cheapest fixed-rate deals on Wednesday.</p>
</article><footer>Comments are closed.</footer></body></html>"""


def test_an_html_byline_is_kept_and_answers_only_who_wrote_it_and_when(tmp_path, embedder):
    from bot.ingest.formats import read_html

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "rates.html").write_text(BYLINE_PAGE, encoding="utf-8")
    (seeds / "ferry.txt").write_text("The ferry to Lindholm island is run by captain Ilse Brandt since 2019.\n")
    meta_only = BYLINE_PAGE.replace('<p class="byline">By Fiona McAllister, Business Reporter<br>Published 12 March 2024</p>', "")
    assert read_html(meta_only.encode()).text.startswith("By Fiona McAllister · Published 12 March 2024\n")
    # a council's page that says only when it was last updated: its date is that, not a publication's
    council = (meta_only.replace('<meta name="author" content="Fiona McAllister">', "")
               .replace("</article>", "</article><p>Page last updated: 12 March 2024</p>"))
    assert read_html(council.encode()).text.startswith("Updated 12 March 2024\n")
    # a date on a line of its own under the byline: not added to it, so the page's lines are quoted as they are
    apart = BYLINE_PAGE.replace("<br>Published", '</p><p class="date">Published')
    text = read_html(apart.encode()).text
    assert text.startswith("By Fiona McAllister, Business Reporter\n") and text.count("Published 12 March 2024") == 1
    settings = Settings.from_env(seeds_dir=seeds, index_dir=tmp_path / "index")
    build(settings, embedder)
    text = bot("text", "rates.html", "--index", settings.index_dir).stdout
    assert text.startswith("By Fiona McAllister, Business Reporter · Published 12 March 2024\n")
    with Engine(settings, embedder) as engine:
        for question, bold in [("Who wrote the article about the rate rise?", "Fiona McAllister"),
                               ("Who is the author of the article about interest rates?", "Fiona McAllister"),
                               ("When was the article about the central bank published?", "12 March 2024"),
                               # what a piece is called varies with what it is
                               ("When was the press release about the rate rise published?", "12 March 2024"),
                               ("Who wrote the announcement about interest rates?", "Fiona McAllister")]:
            answer = engine.ask(question)
            assert answer.answered and answer.short_answer.text == bold, (question, answer.text)
            assert [q.source for q in answer.quotes] == ["rates.html"]  # the byline alone
            assert text[answer.quotes[0].start:answer.quotes[0].end] == answer.quotes[0].text
        for question in ["Who said the rise was priced in?", "How much did the bank raise its rate?",
                         "What did mortgage lenders say?", "Who runs the ferry to Lindholm?",
                         "Who wrote the article about the ferry to Lindholm?",  # that one has no byline
                         "Who wrote the article about the volcano eruption?"]:  # no such article
            answer = engine.ask(question)
            assert all("McAllister" not in q.text for q in answer.quotes), question
            assert not (answer.short_answer and "McAllister" in answer.short_answer.text), question


CLASSED_PAGE = """<html><head><title>Storm warning</title></head><body>
<nav><a href="/">Home</a> · <a href="/warnings">All warnings</a></nav>
<div id="cookie-banner"><p class="cookie-text">We use cookies to improve this site.</p></div>
<div class="warning"><h1>Amber wind warning for the coast</h1>
<p class="rating">Rating: 4 out of 5</p>
<p>Gusts of 70 to 80 mph are expected along the coast from 18:00 on Thursday until 06:00 on Friday,
with waves breaking over sea walls and promenades at high tide.</p>
<p>Ferries between the islands are likely to be cancelled, and the harbour bridge may close to
high-sided vehicles for much of the night.</p>
<p class="next-update">The next update to this warning will be issued at 16:00 on Wednesday.</p>
</div>
<aside class="sidebar"><p class="related-text">Five-day forecast for the coast</p></aside>
<footer><p class="copyright">Weather Service 2025</p></footer></body></html>"""


def test_html_paragraphs_are_kept_whatever_their_class_says():
    """A page's paragraphs named "rating" or "next-update" are content (trafilatura took them for a
    ratings widget and a link to the next story); its banner, aside and footer are still left out."""
    from bot.ingest.formats import read_html

    text = read_html(CLASSED_PAGE.encode()).text
    assert "Rating: 4 out of 5" in text and text.rstrip().endswith("issued at 16:00 on Wednesday.")
    for boilerplate in ("All warnings", "cookies", "Five-day forecast", "Weather Service"):
        assert boilerplate not in text


def test_html_line_breaks_stay_line_breaks():
    """A signature written "Mrs Fenella Oduya<br>Headteacher" read as "Mrs Fenella OduyaHeadteacher"."""
    from bot.ingest.formats import read_html

    filler = "".join(f"<p>The council reviewed item {n} of the maintenance plan at length in spring.</p>"
                     for n in range(8))
    page = (f"<html><body><article><p>Dear parents,</p>{filler}<p>Wishing you all a restful break,</p>"
            "<p>Mrs Fenella Oduya<br>Headteacher</p></article></body></html>")
    text = read_html(page.encode()).text
    assert text.endswith("Wishing you all a restful break,\n\nMrs Fenella Oduya\nHeadteacher"), text[-120:]


def test_the_paragraphs_of_a_quoted_message_stay_apart():
    """An email saved from a mail client quotes the message it answers in a <blockquote>: its
    paragraphs ran together ("...on the Saturday.Many thanks,Doug")."""
    from bot.ingest.formats import read_html

    filler = "".join(f"<p>The council reviewed item {n} of the maintenance plan at length in spring.</p>"
                     for n in range(8))
    page = (f"<html><body><article><p>Dear Doug,</p>{filler}<p>Kind regards, Saskia</p><blockquote><p>Hi Saskia,"
            "</p><p>We celebrate our anniversary on the Saturday.</p><p>Many thanks,</p><p>Doug</p></blockquote>"
            "</article></body></html>")
    text = read_html(page.encode()).text
    assert text.endswith("Hi Saskia,\n\nWe celebrate our anniversary on the Saturday.\n\nMany thanks,\n\nDoug"), text[-120:]


def test_a_quoted_message_keeps_its_header_lines_and_its_table():
    """Found by a new user: in an email thread saved as .htm, trafilatura flattened a quoted message
    holding a header block and a table of quotes: its "From:"/"Sent:" lines were lost and the table
    came out as loose cells."""
    from bot.ingest.formats import read_html

    filler = "".join(f"<p>The fitters will need access to both gardens on day {n} of the job.</p>" for n in range(6))
    page = ("<html><body><div><b>From:</b> Geoffrey Hallworth<br><b>Sent:</b> 27 February 2025</div>"
            f"<p>Hi Priya,</p>{filler}<p>Geoff</p><blockquote><div><b>From:</b> Priya Ramaswamy<br>"
            "<b>Sent:</b> Wednesday, 26 February 2025 21:15</div><p>Hi Geoff,</p><p>Both quotes side by side:</p>"
            "<table><tr><th>Item</th><th>Thornbury</th><th>Pennock</th></tr>"
            "<tr><td>Removal of old fence</td><td>£60</td><td>£110</td></tr>"
            "<tr><td>Total</td><td>£1,236</td><td>£1,385</td></tr></table><p>Priya</p></blockquote></body></html>")
    text = read_html(page.encode()).text
    assert "From: Priya Ramaswamy\nSent: Wednesday, 26 February 2025 21:15" in text, text
    assert "Item | Thornbury | Pennock\nRemoval of old fence | £60 | £110\nTotal | £1,236 | £1,385" in text, text


def test_a_sidebar_of_facts_is_read_and_one_of_links_or_an_advert_is_not():
    """A school newsletter's "Dates for your diary" was dropped with every <aside> (sports day
    unanswerable); its "Related stories" and an advertisement still are."""
    from bot.ingest.formats import read_html

    filler = "".join(f"<p>The governors reviewed item {n} of the school improvement plan at length.</p>"
                     for n in range(8))
    page = ("<html><body><aside class='ad-slot'>ADVERTISEMENT<br>Treat yourself this autumn: 20% off spa days at "
            f"Glenmoor Hall. Book by 31 October.</aside><main><article><p>Dear parents,</p>{filler}</article>"
            "<aside><h3>Dates for your diary</h3><ul><li>Friday 4 April: Term ends at 1.30pm</li>"
            "<li>Wednesday 18 June: Sports day (reserve date Friday 20 June)</li></ul></aside>"
            "<aside><h3>Related stories</h3><ul><li><a href='/1'>School choir wins regional final in Leeds</a></li>"
            "<li><a href='/2'>New library opens its doors to pupils and parents</a></li></ul></aside>"
            "</main></body></html>")
    found = read_html(page.encode())
    assert found.text.endswith("Dates for your diary\nFriday 4 April: Term ends at 1.30pm\n"
                               "Wednesday 18 June: Sports day (reserve date Friday 20 June)"), found.text[-200:]
    assert "Dates for your diary" in [found.text[a:b] for a, b in found.headings]
    for left_out in ("Related stories", "School choir", "ADVERTISEMENT", "spa days"):
        assert left_out not in found.text


def test_a_sidebars_table_of_key_facts_reads_a_row_a_line():
    """An estate agent's "Key facts" box, a table in an <aside>, read "Council taxBand E (Hollinsford
    District Council)": its header cell ran into its value."""
    from bot.ingest.formats import read_html

    filler = "".join(f"<p>The house has room {n} of a generous family home, updated by the owners.</p>"
                     for n in range(8))
    page = ("<html><body><main><article><h1>Orchard Rise</h1><aside class='key-facts'><h2>Key facts</h2>"
            "<table><tr><th>Council tax</th><td>Band E (Hollinsford District Council)</td></tr>"
            "<tr><th>Plot size</th><td>0.21 acres</td></tr><tr><th>Parking</th><td>Driveway for two cars and a "
            "single garage</td></tr></table></aside>"
            f"<section class='description'><h2>Property description</h2>{filler}</section></article></main></body></html>")
    text = read_html(page.encode()).text
    assert "\nCouncil tax | Band E (Hollinsford District Council)\nPlot size | 0.21 acres" in text, text


def test_an_html_tables_caption_is_its_heading_not_a_row():
    """A caption read as 'Rainfall in the 24 hours to 9am on Monday | |' was quoted, its '9' in bold,
    for how much rain fell."""
    from bot.ingest.formats import read_html

    filler = "".join(f"<p>The forecasters reviewed gauge {n} of the river network after the storm.</p>"
                     for n in range(8))
    page = (f"<html><body><article>{filler}<table><caption>Rainfall in the 24 hours to 9am on Monday</caption>"
            "<tr><th>Location</th><th>Rainfall (mm)</th></tr><tr><td>Brackley Moor</td><td>171</td></tr>"
            "</table></article></body></html>")
    found = read_html(page.encode())
    assert "Rainfall in the 24 hours to 9am on Monday\nLocation | Rainfall (mm)\nBrackley Moor | 171" in found.text
    assert "Rainfall in the 24 hours to 9am on Monday" in [found.text[a:b] for a, b in found.headings]


def test_a_reviews_star_rating_is_read():
    """A gig review's "★★★★☆ Four stars" (a <div class="rating"> of its own) was left out, so "What
    rating did the critic give?" had nothing to answer from."""
    from bot.ingest.formats import read_html

    filler = "".join(f"<p>The band played song {n} of the new album to a packed and patient hall.</p>" for n in range(8))
    page = ("<html><body><header><div class='rating-widget'>Rate this site</div></header><article><h1>Gig review</h1>"
            "<div class='rating' aria-label='Rating: 4 out of 5 stars'>★★★★☆ Four stars</div>"
            f"{filler}</article></body></html>")
    text = read_html(page.encode()).text
    assert "★★★★☆ Four stars" in text and "Rate this site" not in text


def test_a_rating_in_a_box_or_in_stars_alone_is_read_and_a_cookie_banners_heading_is_not():
    """A food hygiene page's "Rating: 4 – Good" sat in a <div class="rating-badge"> beside its
    picture, and trafilatura left the box out; a review's stars alone ("★★★★☆") said nothing a
    question could match, while their label said "four out of five stars"; and the heading of a
    cookie banner ("Cookies on hollinsford.gov.uk") was put back as the page's first heading."""
    from bot.ingest.formats import read_html

    filler = "".join(f"<p>The inspector looked at area {n} of the kitchen and found it clean and in order.</p>"
                     for n in range(8))
    page = ("<html><body><div id='cookie-banner' role='region'><h2>Cookies on hollinsford.gov.uk</h2>"
            "<p>We use some essential cookies.</p><button>Accept</button></div><main><article>"
            "<h1>Food hygiene rating: Larkspur Bakehouse</h1><div class='rating-badge'><img src='fhrs-4.svg' alt='4'>"
            "<p class='rating-badge__text'>Rating: <strong>4 – Good</strong></p></div>"
            "<div class='stars' aria-label='Rating: four out of five stars'>★★★★☆</div>"
            f"{filler}</article></main></body></html>")
    text = read_html(page.encode()).text
    assert "Rating: 4 – Good" in text and "★★★★☆ (Rating: four out of five stars)" in text, text
    assert "Cookies" not in text


def test_a_plain_list_in_the_body_of_an_html_page_is_read():
    """A booking email's "Terms of your booking" list (one adult for every eight pupils, the price of
    another adult, the late-arrival rule) was left out whole by trafilatura's main-content choice,
    and nothing said so: extracting for recall keeps it, and the page around it is still dropped."""
    from bot.ingest.formats import read_html

    terms = ["We require at least one adult for every six children. Additional adults pay the standard admission of £7.",
             "If you cancel more than 14 days before the visit, we will refund everything except the deposit.",
             "If you arrive more than 20 minutes late, we may have to shorten your tour."]
    page = ("<html><head><title>Booking confirmed</title></head><body><nav><a href='/'>Home</a> <a href='/visit'>Visit"
            "</a></nav><p>Dear Ms Lindgren,</p><p>Thank you for booking a group visit to the Harbour Museum. We are "
            "pleased to confirm your booking for Saturday. Please check the details below and tell us within seven "
            "days if anything is wrong.</p><p>Your guided tour will be led by our curator, who will show the group "
            "the old lifeboat, the rope walk and the lighthouse lens. The galleries are cold in the morning, so bring "
            "a coat.</p><h3>Terms of your booking</h3><ul>" + "".join(f"<li>{t}</li>" for t in terms) + "</ul>"
            "<p>We look forward to welcoming you.</p><footer>© Harbour Museum Trust · Privacy · Cookies</footer>"
            "</body></html>")
    text = read_html(page.encode()).text
    assert all(t in text for t in terms), text
    assert text.index("so bring a coat.") < text.index(terms[0])  # in the page's order
    assert "Privacy" not in text and "Home" not in text


def test_html_headings_are_kept_on_a_page_with_no_article():
    """A council tax bill saved as .htm (no <article> or <main>) lost its <h1> and every <h2>:
    trafilatura kept the paragraphs and tables but not which part of the bill each belongs to."""
    from bot.ingest.formats import read_html

    page = ("<html><head><title>Council Tax Bill 2025/26</title></head><body><div class='header'><p><b>Dunmere "
            "District Council</b><br>Civic Offices, Market Street</p></div><h1>Council Tax Bill 2025/26</h1>"
            "<table><tr><td>Account reference</td><td>40018837</td></tr><tr><td>Valuation band</td><td>Band C</td>"
            "</tr></table><p>This is your council tax bill for the year starting 1 April 2025. It shows how much "
            "you have to pay for your home and how the money is shared between the councils.</p>"
            "<h2>Your instalments</h2><p>Your first instalment of £163.44 is due on 1 April 2025, and the nine "
            "after it on the first of each month.</p><h2>How to pay</h2><p>The easiest way to pay is by Direct "
            "Debit; set one up online or ring the number on the front of this bill.</p></body></html>")
    text = read_html(page.encode()).text
    assert "\n\nYour instalments\n\nYour first instalment of £163.44" in text, text
    assert "\n\nHow to pay\n\nThe easiest way to pay" in text
    assert "\n\nCouncil Tax Bill 2025/26\nAccount reference | 40018837" in text


def test_an_html_recipes_steps_keep_their_numbers_and_a_wikis_edit_links_go():
    """"What is step 5?" had nothing to match: trafilatura drops an <ol>'s numbers. A list of links
    (a contents box) gets none, and a wiki heading's "[edit]" link neither stays nor doubles the heading."""
    from bot.ingest.formats import read_html

    method = ["Heat the oven to 200°C and put a baking tray in to heat up.", "Melt the butter over a low heat.",
              "Brush with the beaten yolk and bake for 40 minutes."]
    page = ("<html><head><title>Leek pie</title></head><body><article><h1>Leek pie</h1><p>This is the pie my "
            "grandmother made every Sunday, and the one my readers ask about most. It takes an hour.</p>"
            "<div id='toc'><ol><li><a href='#m'>Method</a></li><li><a href='#n'>Notes</a></li></ol></div>"
            "<h2 id='m'>Method <span class='mw-editsection'>[<a href='?action=edit'>edit</a>]</span></h2><ol start='3'>"
            + "".join(f"<li>{step}</li>" for step in method) + "</ol><p>Leave it to rest for ten minutes before "
            "you cut it, or the filling will run all over the plate.</p></article></body></html>")
    text = read_html(page.encode()).text
    assert "\n".join(f"{n}. {step}" for n, step in enumerate(method, start=3)) in text, text
    assert "1. Method" not in text and "edit" not in text and text.count("Method") == 1



def test_an_older_pages_layout_table_reads_as_the_page_it_lays_out():
    """A 2009 news page saved as .htm puts its navigation, story and sidebar in the cells of one
    <table>: read as a table of data, the story became one cell, its paragraphs run together with the
    advert beside it ("...next year.Daughter's angerOutside court..."). A table of data in the story
    stays one."""
    from bot.ingest.formats import read_html

    story = ["A rogue builder who targeted elderly homeowners with bogus repair bills has been jailed for six "
             "years and four months at Kingsbarrow Crown Court.",
             "Merriweather was also disqualified from acting as a company director for ten years, and a hearing "
             "to recover money for the victims will take place on 22 January next year.",
             "Outside court, the daughter of one victim said the sentence was a start, but that nothing could give "
             "her father back the last years of his life."]
    page = ("<html><head><title>Rogue builder jailed</title></head><body><table width='980'>"
            "<tr><td colspan='2'><a href='/'>Home</a> | <a href='/news/'>News</a> | <a href='/sport/'>Sport</a></td></tr>"
            "<tr><td class='story'><h1>Rogue builder jailed</h1>" + "".join(f"<p>{p}</p>" for p in story)
            + "<table><tr><td>Victims</td><td>11</td></tr><tr><td>Total taken</td><td>£340,000</td></tr></table>"
            "</td><td class='side'><p>Most read</p><p>Advertisement</p><p>Care assistant, Pellingford, £6.20 per hour"
            "</p></td></tr></table></body></html>")
    text = read_html(page.encode("cp1252")).text
    assert all(f"\n\n{p}\n\n" in f"\n\n{text}\n\n" for p in story[:2]), text
    assert story[2] in text and "Victims | 11\nTotal taken | £340,000" in text
    assert "year.Outside" not in text and "Advertisement" not in text
