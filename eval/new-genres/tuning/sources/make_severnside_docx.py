"""Build the court-ruling news story as a .docx with python-docx.

Run: .venv/bin/python make_severnside_docx.py
"""
from pathlib import Path

from docx import Document
from docx.shared import Pt

OUT = Path(__file__).resolve().parent.parent / "articles" / "severnside-fraud-sentencing.docx"

TITLE = "Former housing association finance chief jailed for £2.3m fraud"
STANDFIRST = ("Gareth Pembury siphoned money from Severnside Homes for six years "
              "through a sham consultancy, a jury at Bristol Crown Court found")
BYLINE = "By Tom Ashdown, Courts Reporter"
PUBLISHED = "Published 3 October 2025, 17:25"

INTRO = [
    "BRISTOL, 3 October 2025 – The former finance director of a West Country housing "
    "association has been jailed for seven years and three months after a jury found he "
    "stole £2.3 million from the charity by paying invoices from a consultancy firm he "
    "secretly controlled.",
    "Gareth Pembury, 54, of Clevedon, was sentenced at Bristol Crown Court on Friday by His "
    "Honour Judge Malcolm Treharne, who told him he had \"betrayed the trust of an "
    "organisation that exists to house people who have nowhere else to go\". The judge also "
    "disqualified Pembury from acting as a company director for 10 years.",
]

SECTIONS = [
    ("A six-year scheme", [
        "Severnside Homes manages around 7,200 rented properties across Bristol, Somerset and "
        "south Gloucestershire. The court heard that between April 2017 and March 2023 Pembury "
        "approved 143 invoices from Quayside Advisory Ltd, a company that claimed to provide "
        "treasury and procurement advice but had no staff and no office.",
        "Prosecutor Helen Achebe KC told the jury that Quayside was registered in the name of "
        "Pembury's brother-in-law and that almost all of the money was moved on to accounts "
        "Pembury controlled within days. It paid for a holiday home in Brittany, a Porsche 911 "
        "and more than £400,000 in bets on horse racing.",
        "The fraud came to light in June 2023, three months after Lorna Baptiste became chief "
        "executive of Severnside Homes and ordered an independent review of spending on outside "
        "advisers. Pembury was suspended the same week and arrested by Avon and Somerset Police "
        "in August 2023.",
    ]),
    ("Verdicts and sentence", [
        "The trial lasted seven weeks and the jury deliberated for 11 hours before returning "
        "its verdicts. Pembury was convicted of fraud by abuse of position and of false "
        "accounting, but cleared of money laundering. His wife, Alison Pembury, 51, who stood "
        "trial alongside him, was found not guilty of the single charge she faced.",
    ]),
]

TABLE_INTRO = "How the jury decided each charge:"
TABLE_HEADER = ["Defendant", "Charge", "Verdict", "Sentence"]
TABLE_ROWS = [
    ["Gareth Pembury", "Fraud by abuse of position", "Guilty (unanimous)", "7 years 3 months"],
    ["Gareth Pembury", "False accounting (3 counts)", "Guilty (11-1 majority)", "2 years, concurrent"],
    ["Gareth Pembury", "Money laundering", "Not guilty", "None"],
    ["Alison Pembury", "Money laundering", "Not guilty", "None"],
]

AFTER_TABLE = [
    ("Reaction and appeal", [
        "Passing sentence, Judge Treharne said the offending was \"sophisticated, persistent and "
        "motivated by nothing more than greed\", and that tenants had waited longer for repairs "
        "because of the money Pembury took. He gave Pembury credit for his previous good "
        "character but said only an immediate custodial term could be justified.",
        "Speaking outside court, Ms Baptiste said the housing association had recovered "
        "£610,000 through its insurers and had tightened its controls so that no single officer "
        "could approve payments to a supplier. \"Our tenants deserved better than this,\" she said.",
        "Pembury's barrister, Simon Wragg KC, said his client maintained his innocence and would "
        "seek permission to appeal against both conviction and sentence. An application must be "
        "lodged with the Court of Appeal within 28 days.",
        "A confiscation hearing under the Proceeds of Crime Act has been listed for 14 November "
        "2025, when prosecutors will ask the court to order Pembury to hand over the Brittany "
        "property and other assets.",
    ]),
]


def main() -> None:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)

    doc.add_heading(TITLE, level=0)
    p = doc.add_paragraph()
    p.add_run(STANDFIRST).italic = True
    p = doc.add_paragraph()
    p.add_run(BYLINE).bold = True
    doc.add_paragraph(PUBLISHED)

    for para in INTRO:
        doc.add_paragraph(para)

    for heading, paras in SECTIONS:
        doc.add_heading(heading, level=1)
        for para in paras:
            doc.add_paragraph(para)

    doc.add_paragraph(TABLE_INTRO)
    table = doc.add_table(rows=1, cols=len(TABLE_HEADER))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, TABLE_HEADER):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for row in TABLE_ROWS:
        cells = table.add_row().cells
        for cell, text in zip(cells, row):
            cell.text = text

    for heading, paras in AFTER_TABLE:
        doc.add_heading(heading, level=1)
        for para in paras:
            doc.add_paragraph(para)

    OUT.parent.mkdir(parents=True, exist_ok=True)
    doc.save(OUT)
    print("wrote", OUT)


if __name__ == "__main__":
    main()
