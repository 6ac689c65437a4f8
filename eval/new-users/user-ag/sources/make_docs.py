"""Build the PDF (Chromium print of an HTML source) and the DOCX (python-docx) into ../articles."""

import subprocess
import tempfile
from pathlib import Path

import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "articles"


def build_pdf():
    src = HERE / "election_declaration.html"
    target = OUT / "marlcombe_vale_declaration.pdf"
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
            capture_output=True,
        )
    print("wrote", target)


def build_docx():
    src = HERE / "inspection_summary.txt"
    target = OUT / "larkspur_lane_inspection.docx"
    d = docx.Document()
    d.core_properties.title = "Inspection of Larkspur Lane Primary School"
    d.core_properties.author = "Office for Standards in Education (fictional)"
    section = d.sections[0]
    section.header.paragraphs[0].text = "Inspection report: Larkspur Lane Primary School, 11 and 12 March 2025"
    section.footer.paragraphs[0].text = "OFFICIAL - report reference 148216/2025"
    table_rows = []

    def flush_table():
        if not table_rows:
            return
        t = d.add_table(rows=0, cols=len(table_rows[0]))
        t.style = "Table Grid"
        for i, row in enumerate(table_rows):
            cells = t.add_row().cells
            for c, value in zip(cells, row):
                c.text = value
                if i == 0:
                    for r in c.paragraphs[0].runs:
                        r.bold = True
        d.add_paragraph("")
        table_rows.clear()

    for line in src.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        if line.startswith("|"):
            table_rows.append(line[1:].split("|"))
            continue
        flush_table()
        tag, text = line[:2], line[3:]
        if tag == "=T":
            d.add_heading(text, level=0)
        elif tag == "=H":
            d.add_heading(text, level=1)
        else:
            p = d.add_paragraph(text)
            for r in p.runs:
                r.font.size = Pt(11)
    flush_table()
    d.save(target)
    print("wrote", target)


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    build_pdf()
    build_docx()
