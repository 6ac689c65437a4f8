"""Build ONLY the PDF and DOCX articles into ../articles.

- appointment_letter.html -> ../articles/outpatient-appointment-letter.pdf (Chromium headless print)
- physio_plan.json        -> ../articles/physio-exercise-plan.docx (python-docx)

Run with: /work/main/.venv/bin/python make_docs.py
"""

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "articles"


def build_pdf():
    src = HERE / "appointment_letter.html"
    target = OUT / "outpatient-appointment-letter.pdf"
    tmp = tempfile.mkdtemp(prefix="chromium-")
    try:
        cmd = [
            "/usr/bin/chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            f"--user-data-dir={tmp}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={target}",
            src.as_uri(),
        ]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if not target.exists() or target.stat().st_size == 0:
        sys.exit(f"PDF not written: {target}")
    print("wrote", target)


def build_docx():
    spec = json.loads((HERE / "physio_plan.json").read_text(encoding="utf-8"))
    d = docx.Document()
    d.core_properties.title = spec["title"]
    d.core_properties.author = "Tobias Ferrand-Lowe"
    style = d.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    header = d.sections[0].header.paragraphs[0]
    header.text = spec["header"]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for kind, content in spec["blocks"]:
        if kind == "heading1":
            d.add_heading(content, level=1)
        elif kind == "heading2":
            d.add_heading(content, level=2)
        elif kind == "para":
            d.add_paragraph(content)
        elif kind == "table":
            rows = content
            t = d.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = "Table Grid"
            for i, row in enumerate(rows):
                for j, cell in enumerate(row):
                    c = t.cell(i, j)
                    c.text = cell
                    if i == 0 and len(rows[0]) > 2:
                        for r in c.paragraphs[0].runs:
                            r.bold = True
                    if len(rows[0]) == 2 and j == 0:
                        for r in c.paragraphs[0].runs:
                            r.bold = True
                            r.font.color.rgb = RGBColor(0x1F, 0x4E, 0x79)
            d.add_paragraph("")
        else:
            sys.exit(f"unknown block kind {kind}")
    target = OUT / "physio-exercise-plan.docx"
    d.save(target)
    print("wrote", target)


if __name__ == "__main__":
    OUT.mkdir(exist_ok=True)
    build_pdf()
    build_docx()
