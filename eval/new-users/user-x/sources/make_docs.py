"""Build the six documents in articles/ from the texts in sources/.

PDF: sources/statement.html printed by headless Chromium (/usr/bin/chromium --print-to-pdf).
DOCX: sources/heat-pump-quote.txt -> python-docx (headings, paragraphs, one table).
The HTML, HTM, Markdown and text articles are written by hand: each is its own source.
Run with the project's .venv python (python-docx).
"""
import subprocess
from pathlib import Path

import docx
from docx.shared import Pt

ROOT = Path(__file__).resolve().parents[1]  # user-x/
SRC = ROOT / "sources"
OUT = ROOT / "articles"
OUT.mkdir(exist_ok=True)


def make_pdf():
    target = OUT / "harbourside-statement-march-2025.pdf"
    subprocess.run(
        ["/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
         "--no-pdf-header-footer", f"--print-to-pdf={target}",
         (SRC / "statement.html").as_uri()],
        check=True, capture_output=True, timeout=120)
    assert target.exists() and target.stat().st_size > 1000, "PDF not written"


def make_docx():
    lines = (SRC / "heat-pump-quote.txt").read_text(encoding="utf-8").splitlines()
    d = docx.Document()
    d.core_properties.title = "Quotation for Air Source Heat Pump Installation"
    d.core_properties.author = "Greenfurrow Heating & Renewables Ltd"
    table_rows = []

    def flush_table():
        if not table_rows:
            return
        cols = max(len(r) for r in table_rows)
        t = d.add_table(rows=len(table_rows), cols=cols)
        t.style = "Table Grid"
        for i, row in enumerate(table_rows):
            for j in range(cols):
                t.cell(i, j).text = row[j] if j < len(row) else ""
        table_rows.clear()

    for line in lines:
        if " | " in line or line.startswith("| "):
            cells = [c.strip() for c in line.split("|")]
            table_rows.append(cells)
            continue
        flush_table()
        if not line.strip():
            continue
        if line.startswith("# "):
            d.add_heading(line[2:], level=1)
        elif line.startswith("## "):
            d.add_heading(line[3:], level=2)
        else:
            p = d.add_paragraph(line)
            for r in p.runs:
                r.font.size = Pt(11)
    flush_table()
    d.save(OUT / "greenfurrow-heat-pump-quote.docx")


if __name__ == "__main__":
    make_pdf()
    make_docx()
    for p in sorted(OUT.iterdir()):
        print(p.name, p.stat().st_size)
