"""Build the PDF (invoice) and the DOCX (lease renewal offer) into ../articles.

Only these two articles are built; the .html, .htm, .md and .txt articles are
hand-written in ../articles and are their own source.

Run with: /work/main/.venv/bin/python make_docs.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "articles"

PDF_SOURCE = HERE / "invoice.html"
PDF_TARGET = OUT / "thornbury-invoice-INV-2025-08817.pdf"
DOCX_SOURCE = HERE / "lease_offer.html"
DOCX_TARGET = OUT / "lease-renewal-offer-14-tanners-row.docx"


def build_pdf() -> None:
    with tempfile.TemporaryDirectory() as profile:
        cmd = [
            "/usr/bin/chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={PDF_TARGET}",
            PDF_SOURCE.as_uri(),
        ]
        subprocess.run(cmd, check=True, capture_output=True, timeout=120)
    if not PDF_TARGET.exists() or PDF_TARGET.stat().st_size < 1000:
        sys.exit("PDF was not written")


class _LetterParser(HTMLParser):
    """Reads the small subset of HTML used by lease_offer.html into blocks.

    Blocks: ("p", [(text, bold)], css_class) and ("table", [[cell, ...], ...]).
    """

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list = []
        self._runs: list | None = None
        self._class = ""
        self._bold = 0
        self._table: list | None = None
        self._row: list | None = None
        self._cell: list | None = None
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "title":
            self._in_title = True
        elif tag == "p":
            self._runs = []
            self._class = attrs.get("class", "")
        elif tag == "b":
            self._bold += 1
        elif tag == "br" and self._runs is not None:
            self._runs.append(("\n", False))
        elif tag == "table":
            self._table = []
        elif tag == "tr":
            self._row = []
        elif tag == "td":
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "p" and self._runs is not None:
            self.blocks.append(("p", self._runs, self._class))
            self._runs = None
        elif tag == "b":
            self._bold -= 1
        elif tag == "td" and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self._table.append(self._row)
            self._row = None
        elif tag == "table" and self._table is not None:
            self.blocks.append(("table", self._table))
            self._table = None

    def handle_data(self, data):
        if self._in_title:
            return
        if self._cell is not None:
            self._cell.append(data)
        elif self._runs is not None:
            text = " ".join(data.split())
            if data[:1].isspace() and text:
                text = " " + text
            if data[-1:].isspace() and text:
                text = text + " "
            if text:
                self._runs.append((text, self._bold > 0))


def build_docx() -> None:
    parser = _LetterParser()
    parser.feed(DOCX_SOURCE.read_text(encoding="utf-8"))
    document = docx.Document()
    document.core_properties.title = "Lease renewal offer - 14 Tanner's Row, Hollinsford"
    document.core_properties.author = "Ambrose Tilling"
    section = document.sections[0]
    section.left_margin = section.right_margin = Cm(2.2)
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(10.5)

    footer = section.footer.paragraphs[0]
    footer.text = "Quillon & Finch · Chartered Surveyors · Regulated by RICS"
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER

    for block in parser.blocks:
        if block[0] == "p":
            _, runs, css = block
            para = document.add_paragraph()
            if css == "letterhead":
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                para.paragraph_format.space_after = Pt(0)
            # join runs, turning "\n" into line breaks, trimming the ends
            pieces = list(runs)
            while pieces and pieces[0][0].strip() == "":
                pieces.pop(0)
            for i, (text, bold) in enumerate(pieces):
                if text == "\n":
                    para.add_run().add_break()
                    continue
                if i == 0 or pieces[i - 1][0] == "\n":
                    text = text.lstrip()
                if i + 1 == len(pieces) or pieces[i + 1][0] == "\n":
                    text = text.rstrip()
                run = para.add_run(text)
                run.bold = bold or css == "letterhead" and i == 0 and "QUILLON" in text
                if css == "letterhead" and "QUILLON" in text:
                    run.font.size = Pt(16)
                if css == "small":
                    run.font.size = Pt(8)
        else:
            rows = block[1]
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    cell = table.cell(r, c)
                    cell.text = value
                    if r == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
                cells = table.rows[r].cells
                cells[0].width = Cm(4.2)
                cells[1].width = Cm(12.0)
            document.add_paragraph()
    document.save(DOCX_TARGET)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    build_pdf()
    build_docx()
    print("wrote", PDF_TARGET.name, "and", DOCX_TARGET.name)


if __name__ == "__main__":
    main()
