"""Build the PDF (nursery fees letter) and the DOCX (vaccination letter) into ../articles.

Run with /work/main/.venv/bin/python from anywhere.
"""

import subprocess
import sys
import tempfile
from pathlib import Path

import docx
from docx.shared import Pt, RGBColor

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "articles"


def build_pdf() -> Path:
    src = HERE / "nursery_fees.html"
    target = OUT / "bramblewood_nursery_fees_2025.pdf"
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
            timeout=120,
        )
    if not target.exists() or target.stat().st_size == 0:
        sys.exit("PDF was not written")
    return target


def build_docx() -> Path:
    src = HERE / "vaccination_letter.txt"
    target = OUT / "shingles_vaccination_appointment.docx"
    d = docx.Document()
    d.core_properties.title = "Shingles vaccination appointment"
    d.core_properties.author = "Hollinsford Green Medical Practice"
    style = d.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    rows = None
    for line in src.read_text(encoding="utf-8").splitlines():
        if rows is not None:
            if line == "@endtable":
                table = d.add_table(rows=0, cols=2)
                table.style = "Table Grid"
                for label, value in rows:
                    cells = table.add_row().cells
                    cells[0].text = label
                    cells[1].text = value
                    cells[0].paragraphs[0].runs[0].bold = True
                rows = None
            else:
                label, value = (part.strip() for part in line.split("|", 1))
                rows.append((label, value))
            continue
        if line == "@table":
            rows = []
        elif line == "@blank":
            d.add_paragraph("")
        elif line.startswith("@letterhead "):
            p = d.add_paragraph()
            run = p.add_run(line[len("@letterhead ") :])
            run.bold = True
            run.font.size = Pt(16)
            run.font.color.rgb = RGBColor(0x00, 0x5E, 0xB8)
        elif line.startswith("@small "):
            p = d.add_paragraph()
            run = p.add_run(line[len("@small ") :])
            run.font.size = Pt(9)
        elif line.startswith("@bold "):
            p = d.add_paragraph()
            p.add_run(line[len("@bold ") :]).bold = True
        elif line.startswith("@heading "):
            d.add_heading(line[len("@heading ") :], level=2)
        else:
            d.add_paragraph(line)
    d.save(target)
    return target


def main() -> None:
    OUT.mkdir(exist_ok=True)
    print(build_pdf())
    print(build_docx())


if __name__ == "__main__":
    main()
