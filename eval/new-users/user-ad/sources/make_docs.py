"""Build ONLY the two generated articles of this folder into ../articles:

- wgn-accounts-summary-2024-25.pdf from accounts_summary_2024-25.html (printed by Chromium)
- wgn-volunteer-handbook.docx from volunteer_handbook.txt (python-docx)

volunteer_handbook.txt is a light markup: "TITLE: " the core title property, "# " / "## "
headings, "1. " a numbered item (a new list restarts at 1), "- " a bullet, "| a | b |" table rows
(the first row is the header), anything else a paragraph.
"""

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "articles"


def build_pdf():
    src = HERE / "accounts_summary_2024-25.html"
    target = OUT / "wgn-accounts-summary-2024-25.pdf"
    tmp = tempfile.mkdtemp(prefix="h24ad-chromium-")
    try:
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
            capture_output=True,
            timeout=120,
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("wrote", target, target.stat().st_size, "bytes")


def _new_numbering(document, style_name="List Number"):
    """A fresh w:num on the abstract numbering of style_name, restarting at 1."""
    numbering = document.part.numbering_part.element
    style = document.styles[style_name]
    num_id_el = style.element.find(qn("w:pPr")).find(qn("w:numPr")).find(qn("w:numId"))
    base_num_id = num_id_el.get(qn("w:val"))
    abstract_id = None
    for num in numbering.findall(qn("w:num")):
        if num.get(qn("w:numId")) == base_num_id:
            abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    new_id = max(int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))) + 1
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(new_id))
    abstract = OxmlElement("w:abstractNumId")
    abstract.set(qn("w:val"), abstract_id)
    num.append(abstract)
    override = OxmlElement("w:lvlOverride")
    override.set(qn("w:ilvl"), "0")
    start = OxmlElement("w:startOverride")
    start.set(qn("w:val"), "1")
    override.append(start)
    num.append(override)
    numbering.append(num)
    return new_id


def _set_num(paragraph, num_id):
    ppr = paragraph._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), "0")
    nid = OxmlElement("w:numId")
    nid.set(qn("w:val"), str(num_id))
    numpr.append(ilvl)
    numpr.append(nid)
    ppr.append(numpr)


def build_docx():
    src = (HERE / "volunteer_handbook.txt").read_text(encoding="utf-8").splitlines()
    target = OUT / "wgn-volunteer-handbook.docx"
    document = docx.Document()
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(11)
    section = document.sections[0]
    section.footer.paragraphs[0].text = "Wexcombe Good Neighbours · Volunteer Handbook · Edition 4"
    num_id = None
    in_list = False
    table_rows = []

    def flush_table():
        nonlocal table_rows
        if not table_rows:
            return
        table = document.add_table(rows=0, cols=len(table_rows[0]))
        table.style = "Light Grid Accent 1"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for i, cells in enumerate(table_rows):
            row = table.add_row().cells
            for cell, text in zip(row, cells):
                cell.text = text
                if i == 0:
                    for run in cell.paragraphs[0].runs:
                        run.bold = True
        table_rows = []

    for line in src:
        stripped = line.strip()
        if stripped.startswith("|"):
            table_rows.append([c.strip() for c in stripped.strip("|").split("|")])
            continue
        flush_table()
        if not stripped:
            continue
        if stripped.startswith("TITLE: "):
            document.core_properties.title = stripped[len("TITLE: ") :]
            document.core_properties.author = "Harriet Pengelly"
            continue
        is_numbered = re.match(r"\d{1,2}\. ", stripped) is not None
        if is_numbered:
            if not in_list:
                num_id = _new_numbering(document)
                in_list = True
            p = document.add_paragraph(stripped.split(". ", 1)[1], style="List Number")
            _set_num(p, num_id)
            continue
        in_list = False
        if stripped.startswith("## "):
            document.add_heading(stripped[3:], level=2)
        elif stripped.startswith("# "):
            document.add_heading(stripped[2:], level=1)
        elif stripped.startswith("- "):
            document.add_paragraph(stripped[2:], style="List Bullet")
        else:
            document.add_paragraph(stripped)
    flush_table()
    document.save(target)
    print("wrote", target, target.stat().st_size, "bytes")


if __name__ == "__main__":
    OUT.mkdir(exist_ok=True)
    build_pdf()
    build_docx()
