"""Build ONLY the PDF and the DOCX articles into ../articles.

- castlebridge_battery_release.html -> ../articles/castlebridge_battery_release.pdf (Chromium print)
- kettleby_season_review.txt        -> ../articles/kettleby_season_review.docx (python-docx)
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
    src = HERE / "castlebridge_battery_release.html"
    target = OUT / "castlebridge_battery_release.pdf"
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [
                "/usr/bin/chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                f"--user-data-dir={tmp}",
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
    src = HERE / "kettleby_season_review.txt"
    target = OUT / "kettleby_season_review.docx"
    d = docx.Document()
    d.core_properties.title = "Kettleby Town FC: Season Review 2024/25"
    d.core_properties.author = "Kettleby Town FC Committee"
    section = d.sections[0]
    section.header.paragraphs[0].text = "Kettleby Town Football Club · Brook Lane, Kettleby"
    section.footer.paragraphs[0].text = "Registered club no. NCL/0412 · kettlebytownfc.co.uk"

    table_rows = []

    def flush_table():
        if not table_rows:
            return
        t = d.add_table(rows=len(table_rows), cols=len(table_rows[0]))
        t.style = "Light Grid Accent 1"
        for i, row in enumerate(table_rows):
            for j, cell in enumerate(row):
                t.cell(i, j).text = cell
        table_rows.clear()

    for line in src.read_text(encoding="utf-8").splitlines():
        line = line.rstrip()
        if line.startswith("|"):
            table_rows.append(line[1:].split("|"))
            continue
        flush_table()
        if not line:
            continue
        if line.startswith("#TITLE "):
            d.add_heading(line[7:], level=0)
        elif line.startswith("#SUB "):
            p = d.add_paragraph()
            r = p.add_run(line[5:])
            r.italic = True
            r.font.size = Pt(10)
            r.font.color.rgb = RGBColor(0x44, 0x44, 0x44)
        elif line.startswith("# "):
            d.add_heading(line[2:], level=1)
        elif line == "Maureen Ellis, Chairman":
            p = d.add_paragraph(line)
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        else:
            d.add_paragraph(line)
    flush_table()
    d.save(target)
    print("wrote", target)


if __name__ == "__main__":
    OUT.mkdir(exist_ok=True)
    build_pdf()
    build_docx()
