"""Build the PDF (completion statement) and the DOCX (removal quote) into ../articles."""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "articles"
OUT.mkdir(exist_ok=True)


def build_pdf():
    src = HERE / "completion_statement.html"
    target = OUT / "completion_statement.pdf"
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
            timeout=120,
        )
    if not target.exists() or target.stat().st_size < 1000:
        sys.exit("PDF was not written")
    print("wrote", target)


def build_docx():
    data = json.loads((HERE / "removal_quote.json").read_text(encoding="utf-8"))
    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(10.5)

    head = d.add_paragraph()
    run = head.add_run(data["letterhead"][0])
    run.bold = True
    run.font.size = Pt(16)
    run.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
    for line in data["letterhead"][1:]:
        p = d.add_paragraph(line)
        p.runs[0].font.size = Pt(9)

    meta = d.add_table(rows=0, cols=2)
    meta.style = "Table Grid"
    for label, value in data["meta"]:
        cells = meta.add_row().cells
        cells[0].text = label
        cells[1].text = value
        cells[0].paragraphs[0].runs[0].bold = True

    d.add_heading(data["title"], level=1)
    for para in data["intro"]:
        d.add_paragraph(para)

    d.add_heading(data["table_heading"], level=2)
    rows = data["table"]
    t = d.add_table(rows=0, cols=len(rows[0]))
    t.style = "Table Grid"
    for i, row in enumerate(rows):
        cells = t.add_row().cells
        for j, value in enumerate(row):
            cells[j].text = value
            if j == 2:
                cells[j].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if (i == 0 or row[0] in ("Subtotal", "Total price")) and cells[j].paragraphs[0].runs:
                cells[j].paragraphs[0].runs[0].bold = True

    for para in data["after_table"]:
        d.add_paragraph(para)

    d.add_heading(data["terms_heading"], level=2)
    for para in data["terms"]:
        d.add_paragraph(para)

    for para in data["closing"]:
        p = d.add_paragraph(para)
        if para == "Rebecca Hartwell":
            p.runs[0].bold = True

    section = d.sections[0]
    fp = section.footer.paragraphs[0]
    fp.text = data["footer"]
    fp.runs[0].font.size = Pt(8)

    target = OUT / "removal_quote.docx"
    d.save(target)
    print("wrote", target)


if __name__ == "__main__":
    build_pdf()
    build_docx()
