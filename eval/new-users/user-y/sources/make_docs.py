"""Build the PDF and the DOCX in ../articles from the texts in this folder; the HTML, HTM,
Markdown and text articles are written by hand, each its own source.

Run with /work/main/.venv/bin/python; needs python-docx (imported as docx) and /usr/bin/chromium.
"""

import subprocess
import tempfile
from pathlib import Path

import docx
from docx.shared import Pt

BASE = Path(__file__).resolve().parent.parent
SOURCES = BASE / "sources"
ARTICLES = BASE / "articles"


def make_pdf(source_name: str, target_name: str) -> None:
    source = SOURCES / source_name
    target = ARTICLES / target_name
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
                source.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    if not target.exists() or target.stat().st_size == 0:
        raise RuntimeError(f"chromium wrote no PDF for {source_name}")


def make_docx(source_name: str, target_name: str) -> None:
    """Read a small line format (TITLE:, H1:, H2:, P:, BULLET:, TABLE ... ENDTABLE) into a DOCX."""
    document = docx.Document()
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(11)
    rows: list[list[str]] | None = None
    for raw in (SOURCES / source_name).read_text(encoding="utf-8").splitlines():
        line = raw.rstrip()
        if not line:
            continue
        if line == "TABLE":
            rows = []
            continue
        if line == "ENDTABLE":
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for row_index, cells in enumerate(rows):
                for col_index, cell_text in enumerate(cells):
                    cell = table.cell(row_index, col_index)
                    cell.text = cell_text
                    if row_index == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
            rows = None
            continue
        if rows is not None:
            rows.append([part.strip() for part in line.split("|")])
            continue
        tag, _, text = line.partition(": ")
        if tag == "TITLE":
            document.core_properties.title = text
            document.core_properties.author = "Harbourside Motor Insurance"
        elif tag == "H1":
            document.add_heading(text, level=1)
        elif tag == "H2":
            document.add_heading(text, level=2)
        elif tag == "BULLET":
            document.add_paragraph(text, style="List Bullet")
        elif tag == "P":
            document.add_paragraph(text)
        else:
            raise ValueError(f"unknown line in {source_name}: {line!r}")
    document.save(ARTICLES / target_name)


def main() -> None:
    ARTICLES.mkdir(parents=True, exist_ok=True)
    make_pdf("trip_consent.html", "year5_residential_letter.pdf")
    make_docx("claim_acknowledgement.txt", "car_claim_acknowledgement.docx")
    for path in sorted(ARTICLES.iterdir()):
        print(f"{path.name}\t{path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
