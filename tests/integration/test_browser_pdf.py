"""PDFs as a browser saves them: web pages printed by Debian's Chromium at test time ("Save as PDF":
justified text, tables, two columns, the print header and footer on every page), read back and
compared with the page's own text, then indexed with the real model and asked about."""

from __future__ import annotations

import re

import pypdfium2 as pdfium
import pytest

from bot import build
from bot.answer.engine import Engine
from bot.core.settings import Settings
from bot.ingest.formats import extract
from testkit.docgen import write_printed_pdf
from tests.conftest import ROOT
from tests.integration.test_formats import filler

TABLE = [["Ticket", "Price", "Notes"], ["Adult", "£14", "£9 off-peak"],
         ["Family", "£38", "2 + 3 children"]]
FACT = "The exhibition at the Harlow Gallery was curated by Odile Marchetti and shows 212 objects."
# What a browser's print header and footer hold: the date and time, the page's address, "1/3".
FURNITURE = re.compile(r"file://|\d{1,2}/\d{1,2}/\d{2,4}, \d{1,2}:\d\d|\b\d/\d\b")


def words(text: str) -> list[str]:
    return text.replace(" | ", " ").split()


@pytest.mark.parametrize("header_footer, columns", [(True, 1), (False, 2)])
def test_a_printed_page_reads_as_the_page_does(tmp_path, header_footer, columns):
    paragraphs = [FACT, *filler(90, 11)]
    pdf = write_printed_pdf(tmp_path / "page.pdf", "Gallery Notes", paragraphs, header_footer=header_footer,
                            columns=columns, table=TABLE)
    found = extract(".pdf", pdf.read_bytes())
    assert len(found.pages) == len(pdfium.PdfDocument(pdf)) >= 3
    rows = [" | ".join(row) for row in TABLE]
    # Every word the page shows, in the order it shows them, and nothing else: no print header or footer.
    assert words(found.text) == words(" ".join(["Gallery Notes", paragraphs[0], *rows, *paragraphs[1:]]))
    assert not FURNITURE.search(found.text)
    blocks = found.text.split("\n\n")
    assert blocks[:2] == ["Gallery Notes", FACT] and found.headings == ((0, 13),)
    assert blocks[2] == "\n".join(rows)  # a table row per line, its cells " | " apart
    # No sentence cut at a line, a column or a page end (two paragraphs may join where the first one
    # fills the last line of a column or page: nothing on the page tells them apart).
    assert all(block.endswith(".") for block in blocks[3:])


def test_page_furniture_is_never_quoted(tmp_path, embedder):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    pdf = write_printed_pdf(seeds / "gallery.pdf", "Gallery Notes", [FACT, *filler(40, 12)], table=TABLE)
    assert len(pdfium.PdfDocument(pdf)) == 2  # a header and footer repeated on two pages only
    single = write_printed_pdf(tmp_path / "single.pdf", "Gallery Notes", [FACT, *filler(20, 12)])
    assert len(pdfium.PdfDocument(single)) == 1 and not FURNITURE.search(extract(".pdf", single.read_bytes()).text)
    settings = Settings.from_env(seeds_dir=seeds, index_dir=tmp_path / "index")
    build(settings, embedder)
    engine = Engine(settings, embedder)
    answer = engine.ask("Who curated the exhibition at the Harlow Gallery?")
    assert answer.answered and "Odile Marchetti" in answer.quotes[0].text
    for question in ("What is the address of this page?", "When was this printed?", "What page is this?",
                     "How much is a family ticket?", "What is the boiling point of water?"):
        answer = engine.ask(question)
        for quote in answer.quotes + answer.closest:
            assert not FURNITURE.search(quote.text), (question, quote.text)


def test_a_table_whose_cells_wrap_reads_a_row_a_line(tmp_path):
    """A browser writes a table cell by cell, so a row whose cells wrap comes out of PDFium in pieces
    ("9.20 | Keynote: Counting carbon in", "upland peat", "Dr Samuel Achterberg | Rowan Lecture", ...)."""
    wrapped = [["Time", "Session", "Speaker", "Room"],
               ["9.20", "Keynote: counting the carbon held in upland peat bogs across the northern hills",
                "Dr Samuel Achterberg of the Dutch Institute for Peatland Studies", "Rowan Lecture Theatre, ground floor"],
               ["10.30", "Coffee", "–", "Atrium"],
               ["16.00", "Panel: cover crops on heavy clay soils and what they do for drainage in wet winters",
                "Chaired by Tom Lindqvist", "Seminar room 2.14 on the second floor of Kestrel Hall"]]
    pdf = write_printed_pdf(tmp_path / "programme.pdf", "Forum Programme", [FACT, *filler(3, 11)], table=wrapped)
    text = extract(".pdf", pdf.read_bytes()).text
    assert "\n".join(" | ".join(row) for row in wrapped) in text
    assert words(text) == words(" ".join(["Forum Programme", FACT, *(" ".join(r) for r in wrapped), *filler(3, 11)]))


def test_a_table_whose_first_cells_and_header_wrap_reads_a_row_a_line(tmp_path):
    """A first column whose labels wrap ("Application" / "reference") and a header whose cells wrap
    around a one-line one ("Obligation" beside "Amount or" / "number"), left-aligned: still a row a line."""
    wrapped = [["Obligation", "Amount or number agreed with the council for the whole scheme",
                "When the obligation falls due under the signed agreement"],
               ["Affordable homes for social rent and for shared ownership across the site", "25 flats",
                "Before the fiftieth flat is occupied"],
               ["Contribution to primary school places in the catchment of the canal ward", "£186,400",
                "On commencement of the development"],
               ["Car club membership", "3 years a flat", "On first occupation"],
               ["Public art", "£20,000", "Before completion"]]
    pdf = write_printed_pdf(tmp_path / "decision.pdf", "Planning Decision", [FACT, *filler(3, 11)], table=wrapped,
                            header_align="left")
    text = extract(".pdf", pdf.read_bytes()).text
    assert "\n".join(" | ".join(row) for row in wrapped) in text


def test_a_narrow_first_column_is_a_cell_of_its_own(tmp_path):
    """A time column with little padding: PDFium sees no gap between "09:25" and the session beside
    it, so the row came out as "09:25 Keynote: What ten years..." with its speaker and room on lines
    of their own; and a heading under the table, as wide, stays a heading."""
    rows = [["Time", "Session", "Speaker", "Room"],
            ["08:30", "Registration, coffee and poster set-up", "–", "Atrium"],
            ["09:25", "Keynote: what ten years of cover crops did to our soil organic matter",
             "Prof. Aled Pryce-Morgan, Aberystwyth University", "Brackenfield Hall"],
            ["10:10", "Earthworm counts as a farm-scale indicator: results from 212 fields",
             "Dr Ruth Oyelaran, Yorkshire Soils Partnership", "Brackenfield Hall"],
            ["12:15", "Lunch (hot buffet; vegetarian and gluten-free options labelled)", "–", "Refectory"]]
    style = "<style>table { width: 100%; font-size: 10pt; } td, th { padding: 4px; vertical-align: top; }</style>"
    heading = "Employer contributions to the forum, not deducted from your fee"
    pdf = write_printed_pdf(tmp_path / "programme.pdf", "Forum Programme", [FACT, *filler(3, 11)], table=rows,
                            markup=style, closing=f"<p><b>{heading}</b></p>", header_align="left")
    text = extract(".pdf", pdf.read_bytes()).text
    assert "\n".join(" | ".join(row) for row in rows) in text, text
    assert f"\n\n{heading}" in text


def test_a_row_whose_first_cell_is_the_widest_keeps_its_cells(tmp_path):
    """A browser's default table (border="1", 1px padding): the widest first cell leaves only its
    padding before the next, too little for a cell gap, and "Noise level (sleep mode) 22 dB" was
    read as a paragraph amid the rows; the heading after the table stays a heading of its own."""
    rows = [["Specification", "Value"], ["Room size", "Up to 40 square metres"], ["Power consumption", "45 W"],
            ["Noise level (sleep mode)", "22 dB"], ["Weight", "5.2 kg"]]
    style = "<style>table { border-collapse: separate; } td, th { padding: 1px; border: 1px solid #999; }</style>"
    closing = "<h2>Warranty</h2><p>The purifier comes with a 2-year warranty from the date of purchase.</p>"
    pdf = write_printed_pdf(tmp_path / "manual.pdf", "AeroPure 300 Manual", [FACT], table=rows, markup=style,
                            closing=closing)
    text = extract(".pdf", pdf.read_bytes()).text
    assert "\n".join(" | ".join(row) for row in rows) + "\n\nWarranty\n\nThe purifier" in text, text


def test_a_tables_empty_cells_are_kept(tmp_path):
    """A bank statement's rows leave "Money out" or "Money in" empty, and its figures are right-aligned
    under their headers: a row keeps its empty cells, as the HTML table reads, so that it says which
    column its figure is in, and its quote can carry the header. A table's foot on the next page is
    read against its header on the page before."""
    from bot.answer.statements import table_header

    rows = [["Date", "Description", "Money out", "Money in", "Balance"],
            ["01 Mar", "Balance brought forward", "", "", "1,842.37"],
            ["03 Mar", "DD Stockport MBC Council Tax", "148.00", "", "1,694.37"],
            ["07 Mar", "FPI Northcliffe Analytics Ltd Salary", "", "2,316.54", "3,222.43"],
            *([f"{day:02d} Mar", f"CARD Corner Shop {day}", f"{day}.50", "", "3,100.00"] for day in range(8, 40)),
            ["31 Mar", "Interest paid", "", "0.84", "2,893.94"]]
    style = "<style>td:nth-child(n+3), th:nth-child(n+3) { text-align: right; } td, th { padding: 3px 8px; }</style>"
    pdf = write_printed_pdf(tmp_path / "statement.pdf", "Current account statement", [FACT], table=rows,
                            markup=style, header_footer=False)
    assert len(pdfium.PdfDocument(pdf)) == 2
    text = extract(".pdf", pdf.read_bytes()).text
    lines = [re.sub(r"\| {2}(?=\|)", "| ", " | ".join(row)) for row in rows]  # an empty cell: "| |"
    for line in (lines[0], lines[1], lines[2], lines[3], lines[-1]):
        assert "\n" + line in text, (line, text)
    salary = text.index(lines[3])
    assert table_header(text, salary, salary + len(lines[3])) == lines[0]


def test_a_right_aligned_column_of_figures_stays_in_its_rows(tmp_path):
    """A declaration of a poll's result: votes right-aligned under their header, and a description
    that wraps. The wider figure beside the wrapped cell starts left of the narrower ones under it,
    and was read as text running across the column: its row was cut there, and "1,209" stood alone."""
    rows = [["Name of Candidate", "Description (if any)", "Number of Votes", ""],
            ["BRIDGEWATER, Hamish Clement", "Liberal Democrats", "1,482", "Elected"],
            ["OKONJO-FAIRLEY, Priya Amara", "Green Party", "1,377", "Elected"],
            ["TREMAYNE, Sylvia Rose", "Conservative Party Candidate", "1,209", ""],
            ["DUNSMORE, Kenneth Arthur", "Reform UK", "964", ""],
            ["HALLORAN, Bernadette Mary", "Labour Party", "611", ""]]
    style = ("<style>table { width: 100%; } td, th { text-align: left; padding: 5px 8px; }"
             " td:nth-child(3) { text-align: right; } td:nth-child(2) { width: 9em; }</style>")
    pdf = write_printed_pdf(tmp_path / "declaration.pdf", "Declaration of Result of Poll", [FACT], table=rows,
                            markup=style, header_footer=False, header_align="left")
    text = extract(".pdf", pdf.read_bytes()).text
    assert "\nTREMAYNE, Sylvia Rose | Conservative Party Candidate | 1,209\n" in text, text
    assert "\nDUNSMORE, Kenneth Arthur | Reform UK | 964\n" in text, text


def test_an_invoices_totals_box_under_its_lines_is_rows_of_its_own():
    """A supplier's invoice printed by Chromium (eval/new-users/user-af): a table of lines, figures
    right-aligned, and under it a box of totals to the right. The totals were read into the last
    line's row ("DL-01 | Delivery charge ... | Net Net Total VAT Total due | ..."), so "What is the
    total due?" had a bold "0%"."""
    pdf = ROOT / "eval" / "new-users" / "user-af" / "articles" / "thornbury-invoice-INV-2025-08817.pdf"
    text = extract(".pdf", pdf.read_bytes()).text
    assert "\nDL-01 | Delivery charge (order under £1,000) | 1 | £12.50 | 20% | £12.50\n" in text, text
    for row in ("Net at 0% (zero-rated food) | £660.25", "VAT at 20% | £26.40", "Total due | £818.65"):
        assert f"\n{row}\n" in text, text


LETTER = """<p>Mrs Rosalind Achterberg-Lyle<br>17 Copperbeech Walk<br>Farrowden<br>FD6 2RN</p>
<div><b>Your annual statement</b></div>
<div>This letter tells you how much is in your pension pot and how much was paid in over the year.
It also says what you might get when you retire, if you and your employer keep paying in.</div>
<div style="float: left; width: 40%; height: 9em; margin: 0 1em 0 0; background: #ddd"></div>
<p>Your money is invested in the Northgate Lifestyle Growth Fund, which returned 4.6% after charges
over the year to 5 April. From ten years before your selected retirement date, the fund will move
your savings into lower-risk investments, such as bonds and cash, a little at a time, so that a fall
in share prices close to your retirement would cost you less than it would today.</p>
<p style="clear: both">Yours sincerely,<br>Marguerite Olufemi-Stone<br>Head of Member Services<br>Northgate Mutual Pensions</p>"""


def test_lines_the_writer_broke_stay_lines(tmp_path):
    """An address, a signature and a heading in the body's type keep their lines, where they were
    joined into one ('... Achterberg-Lyle 17 Copperbeech Walk Farrowden FD6 2RN'); text wrapping
    around a picture, or in two columns, stays one paragraph."""
    pdf = write_printed_pdf(tmp_path / "letter.pdf", "Annual Statement", filler(4, 21), markup=LETTER)
    text = extract(".pdf", pdf.read_bytes()).text
    assert "Mrs Rosalind Achterberg-Lyle\n17 Copperbeech Walk\nFarrowden\nFD6 2RN" in text
    assert "Yours sincerely,\nMarguerite Olufemi-Stone\nHead of Member Services\nNorthgate Mutual Pensions" in text
    assert "Your annual statement\nThis letter tells you" in text
    assert " ".join(LETTER.split("<p>")[2].split("</p>")[0].split()) in text  # beside the picture: one line
    two = write_printed_pdf(tmp_path / "two.pdf", "Gallery Notes", [FACT, *filler(30, 11)], columns=2,
                            header_footer=False)
    assert "\n" not in extract(".pdf", two.read_bytes()).text.replace("\n\n", "")


def test_an_address_in_a_narrow_block_keeps_its_lines(tmp_path):
    """A bill's address block at the right of its letterhead: its longest line set the block's right
    edge, so the line before it read as wrapped ('Mr Tobias Ferncastle Flat 3, 41 Quarry Hill Road')."""
    markup = ('<div style="display: flex; justify-content: space-between"><div><b>Brightwell Energy</b><br>'
              'PO Box 7731, Ashbourne Vale AV1 2BW</div><div>Mr T. J. Ferncastle<br>Flat 3, 41 Quarry Hill Road<br>'
              'Ashbourne Vale<br>AV2 9LS</div></div><h2>Your gas and electricity bill</h2>')
    pdf = write_printed_pdf(tmp_path / "bill.pdf", "Your bill", filler(3, 5), markup=markup)
    text = extract(".pdf", pdf.read_bytes()).text
    assert "Mr T. J. Ferncastle\nFlat 3, 41 Quarry Hill Road\nAshbourne Vale" in text, text[:300]


def test_a_letters_sender_heading_its_first_page_and_signing_its_last_is_kept(tmp_path):
    """A two-page letter's sender, first at the top of page 1 and last at the foot of page 2, was
    dropped as a running header; and an email address was joined to the postcode above it."""
    sender = "<p><b>Pemberton &amp; Hale Lettings</b><br>3 Market Hill<br>Sedgecombe<br>SD1 4RW<br>" \
             "lettings@pembertonhale.co.uk</p>"
    signed = "<p>Yours sincerely,<br>Oliver Brandreth<br>Senior Lettings Negotiator<br>Pemberton &amp; Hale Lettings</p>"
    pdf = write_printed_pdf(tmp_path / "renewal.pdf", "Tenancy Renewal", filler(50, 21), header_footer=False,
                            markup=sender, closing=signed)
    assert len(pdfium.PdfDocument(str(pdf))) == 2
    text = extract(".pdf", pdf.read_bytes()).text
    assert "\n\nPemberton & Hale Lettings\n3 Market Hill\nSedgecombe\nSD1 4RW\nlettings@pembertonhale.co.uk\n\n" in text
    assert text.endswith("Oliver Brandreth\nSenior Lettings Negotiator\nPemberton & Hale Lettings")


def test_paragraphs_a_small_margin_apart_stay_apart(tmp_path):
    """A news page's paragraphs 9px apart in 12pt type: the gap is 1.39 line steps, under the 1.4
    read as a paragraph break before, so a paragraph whose last line filled the column ran on into
    the next ("...without a single train. Brendan Oyelaran, the general secretary, said..."). A
    byline over its dateline keeps its two lines."""
    style = "<style>p { margin: 0 0 9px; font-size: 12pt; line-height: 1.45; }</style>" \
            "<p>By Nadia Trelawney, Transport Correspondent<br>KELSBY, 29 May 2024</p>"
    paragraphs = filler(60, 31)
    pdf = write_printed_pdf(tmp_path / "story.pdf", "Rail Strike", paragraphs, markup=style, header_footer=False)
    blocks = extract(".pdf", pdf.read_bytes()).text.split("\n\n")
    assert "By Nadia Trelawney, Transport Correspondent\nKELSBY, 29 May 2024" in blocks
    assert blocks[-len(paragraphs):] == paragraphs
