"""Build the PDF (Chromium, from solar_report.html) and the DOCX (python-docx, from piano_letter.txt) into ../articles."""

import pathlib
import subprocess
import tempfile

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE.parent / "articles"


def build_pdf():
    src = HERE / "solar_report.html"
    target = OUT / "brightfield_solar_annual_report.pdf"
    with tempfile.TemporaryDirectory() as prof:
        subprocess.run(
            [
                "/usr/bin/chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                f"--user-data-dir={prof}",
                "--no-pdf-header-footer",
                f"--print-to-pdf={target}",
                src.as_uri(),
            ],
            check=True,
            capture_output=True,
        )
    print("wrote", target)


def build_docx():
    src = HERE / "piano_letter.txt"
    target = OUT / "marchbanks_piano_terms_2025.docx"
    d = docx.Document()
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(11)
    table_rows = []

    def flush_table():
        if not table_rows:
            return
        t = d.add_table(rows=len(table_rows), cols=len(table_rows[0]))
        t.style = "Table Grid"
        for i, row in enumerate(table_rows):
            for j, cell in enumerate(row):
                t.cell(i, j).text = cell
                if i == 0:
                    for r in t.cell(i, j).paragraphs[0].runs:
                        r.bold = True
        table_rows.clear()

    block = []

    def flush_block():
        if block:
            p = d.add_paragraph()
            for k, line in enumerate(block):
                run = p.add_run(line)
                if k < len(block) - 1:
                    run.add_break()
            block.clear()

    for line in src.read_text(encoding="utf-8").splitlines():
        if line.startswith("| "):
            flush_block()
            table_rows.append([c.strip() for c in line[2:].split("|")])
            continue
        flush_table()
        if line.startswith("@letterhead "):
            p = d.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            r = p.add_run(line[len("@letterhead ") :])
            if "LRSM" in line:
                r.bold = True
                r.font.size = Pt(16)
            else:
                r.font.size = Pt(9)
        elif line.startswith("## "):
            flush_block()
            d.add_heading(line[3:], level=2)
        elif line.startswith("# "):
            flush_block()
            d.add_heading(line[2:], level=1)
        elif not line.strip():
            flush_block()
        else:
            block.append(line)
    flush_block()
    flush_table()
    d.save(target)
    print("wrote", target)


if __name__ == "__main__":
    OUT.mkdir(exist_ok=True)
    build_pdf()
    build_docx()
