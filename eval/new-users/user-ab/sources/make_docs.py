"""Build the PDF and DOCX articles from their sources in this folder.

- driving_agreement.html -> ../articles/brightwater-driving-agreement.pdf (Chromium print)
- charger_quote.txt      -> ../articles/voltaway-charger-quote.docx (python-docx)

charger_quote.txt is a tiny line-based markup: PREFIX: text, where PREFIX is
TITLE (document title property), HEAD (letterhead), SMALL (small print),
P (paragraph), BOLD (bold paragraph), H (heading), TABLE (a table row, cells split by " | ").
"""

import subprocess
import tempfile
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "articles"


def build_pdf():
    src = HERE / "driving_agreement.html"
    target = OUT / "brightwater-driving-agreement.pdf"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                "/usr/bin/chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                f"--user-data-dir={profile}",
                "--no-pdf-header-footer",
                f"--print-to-pdf={target}",
                src.as_uri(),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    print("wrote", target)


def build_docx():
    lines = (HERE / "charger_quote.txt").read_text(encoding="utf-8").splitlines()
    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(10.5)
    table_rows = []

    def flush_table():
        if not table_rows:
            return
        t = d.add_table(rows=0, cols=len(table_rows[0]))
        t.style = "Table Grid"
        for i, row in enumerate(table_rows):
            cells = t.add_row().cells
            for c, text in zip(cells, row):
                c.text = text
                if i == 0:
                    for r in c.paragraphs[0].runs:
                        r.bold = True
        table_rows.clear()

    for line in lines:
        if not line.strip():
            continue
        tag, _, text = line.partition(":")
        text = text[1:] if text.startswith(" ") else text
        if tag != "TABLE":
            flush_table()
        if tag == "TITLE":
            d.core_properties.title = text
            d.core_properties.author = "Voltaway Home Charging Ltd"
        elif tag == "HEAD":
            p = d.add_paragraph()
            r = p.add_run(text)
            r.bold = True
            r.font.size = Pt(18)
            r.font.color.rgb = RGBColor(0x0B, 0x6E, 0x4F)
        elif tag == "SMALL":
            p = d.add_paragraph()
            r = p.add_run(text)
            r.font.size = Pt(8)
            p.alignment = WD_ALIGN_PARAGRAPH.LEFT
        elif tag == "P":
            d.add_paragraph(text)
        elif tag == "BOLD":
            p = d.add_paragraph()
            p.add_run(text).bold = True
        elif tag == "H":
            d.add_heading(text, level=2)
        elif tag == "TABLE":
            table_rows.append([c.strip() for c in text.split(" | ")])
        else:
            raise SystemExit(f"unknown tag {tag!r}")
    flush_table()
    target = OUT / "voltaway-charger-quote.docx"
    d.save(target)
    print("wrote", target)


if __name__ == "__main__":
    OUT.mkdir(exist_ok=True)
    build_pdf()
    build_docx()
