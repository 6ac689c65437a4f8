"""Build the PDF (car hire letter, printed by Chromium) and the DOCX (router guide, python-docx)
into ../articles. Only these two articles are built; the others are written by hand."""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "articles"


def build_pdf():
    src = HERE / "car_hire_letter.html"
    target = OUT / "tarnbrook_booking_confirmation.pdf"
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    try:
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
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    if not target.exists() or target.stat().st_size == 0:
        sys.exit("PDF was not written")
    print("wrote", target)


def build_docx():
    src = HERE / "router_guide.txt"
    target = OUT / "corvex_hub4_setup_guide.docx"
    d = docx.Document()
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(11)
    table = None
    for line in src.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        tag, _, text = line.partition(": ")
        if tag == "TITLE":
            d.core_properties.title = text
            d.add_heading(text, level=0)
        elif tag == "H1":
            d.add_heading(text, level=1)
        elif tag == "P":
            d.add_paragraph(text)
        elif tag == "NUM":
            d.add_paragraph(text, style="List Number")
        elif tag in ("TABLE", "ROW"):
            cells = [c.strip() for c in text.split("|")]
            if tag == "TABLE":
                table = d.add_table(rows=0, cols=len(cells))
                table.style = "Table Grid"
            row = table.add_row().cells
            for i, c in enumerate(cells):
                row[i].text = c
                if tag == "TABLE":
                    for r in row[i].paragraphs[0].runs:
                        r.bold = True
        else:
            sys.exit(f"unknown tag in {src}: {line!r}")
    sec = d.sections[0]
    sec.footer.paragraphs[0].text = "Brackenwire Broadband Ltd - BBW-CXH400-QSG"
    d.save(target)
    print("wrote", target)


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    build_pdf()
    build_docx()
