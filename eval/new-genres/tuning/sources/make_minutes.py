"""Build the Ashworth Town Council minutes (.docx) with python-docx.

Run with: .venv/bin/python make_minutes.py
"""
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

OUT = Path(__file__).resolve().parent.parent / "articles" / "ashworth-town-council-minutes-may-2025.docx"

TITLE = "Ashworth Town Council"
SUBTITLE = "Minutes of the Meeting of the Full Council"

META = [
    "Held on Tuesday 13 May 2025 at 7pm in the Council Chamber, Ashworth Town Hall, Market Place, Ashworth.",
]

SECTIONS = [
    ("Present", [
        "Cllr Deborah Kinsella (Town Mayor, in the Chair); Cllr Rajan Mehta (Deputy Mayor); Cllr Peter Fallowfield; "
        "Cllr Sian Aldred; Cllr Marcus Threlkeld; Cllr Olu Adebayo; Cllr Jean Whitcombe; Cllr Harry Penrose; Cllr Leah Dunmore.",
    ]),
    ("In attendance", [
        "Helen Stroud (Town Clerk); Gareth Quayle (Responsible Finance Officer); PCSO Amira Nolan (Ashworth Neighbourhood "
        "Policing Team); 11 members of the public.",
    ]),
    ("Apologies", [
        "Cllr Tom Birtles (work commitments) and Cllr Fiona Castell (illness). No councillor was absent without apology.",
    ]),
    ("25/041 Apologies for absence", [
        "The apologies listed above were received and accepted. Nine councillors were present.",
    ]),
    ("25/042 Declarations of interest", [
        "Cllr Penrose declared a non-pecuniary interest in item 25/048 as a trustee of Ashworth Bowls Club and took no part "
        "in the discussion or vote on that item.",
    ]),
    ("25/043 Minutes of the previous meeting", [
        "The minutes of the Full Council meeting held on 8 April 2025 were approved as a correct record and signed by the Chair. "
        "Proposed by Cllr Aldred, seconded by Cllr Adebayo. Carried unanimously.",
    ]),
    ("25/044 Public participation", [
        "Three residents spoke about commuter parking blocking driveways on Mill Street. "
        "One resident raised the poor condition of the play area at Cobden Park, where two swings have been out of use since February.",
    ]),
    ("25/045 Police report", [
        "PCSO Nolan reported 27 recorded incidents in the parish during April, down from 34 in March. Six of these related to "
        "anti-social behaviour near the bus station. Cllr Adebayo asked whether CCTV coverage "
        "there could be improved; PCSO Nolan agreed to look into options with him and report back.",
    ]),
    ("25/046 Finance", [
        "The Responsible Finance Officer presented the schedule of accounts for payment totalling £18,742.60, which was approved. "
        "He reported general reserves of £212,400 at the end of the 2024/25 financial year. The internal audit, carried out by "
        "Carr & Lindley on 29 April 2025, found no significant issues.",
        "Resolved: that the accounts for payment and the internal audit report be accepted. Proposed by Cllr Fallowfield, "
        "seconded by Cllr Whitcombe. Carried unanimously.",
    ]),
    ("25/047 Cobden Park play area refurbishment", [
        "The Clerk presented three quotations for replacing the play equipment at Cobden Park: Playforge Ltd at £46,800, "
        "Greenstep Play at £52,350 and Timberline Leisure at £44,900. Although Timberline was the lowest, officers recommended "
        "Playforge because its bid included rubber safety surfacing and a 15-year warranty on the equipment. Cllr Threlkeld "
        "argued for the cheapest bid.",
        "Motion: that the council accepts the Playforge Ltd quotation of £46,800, funded by £30,000 from the Play Areas earmarked "
        "reserve and £16,800 from the Section 106 contribution for the Tanner's Yard development. Proposed by Cllr Mehta, seconded "
        "by Cllr Dunmore. The motion was carried by 7 votes to 1, with 1 abstention. Cllr Threlkeld voted against and Cllr Aldred abstained.",
    ]),
    ("25/048 Grant applications", [
        "Ashworth Bowls Club had applied for £2,500 towards the purchase of a new greens mower. After discussion, members agreed "
        "a reduced grant of £1,800. Proposed by Cllr Whitcombe, seconded by Cllr Fallowfield. Carried by 6 votes to 2 "
        "(Cllr Penrose did not vote).",
        "Ashworth Youth Theatre was awarded £750. Carried unanimously.",
    ]),
    ("25/049 Mill Street parking", [
        "Members agreed that the council should write to County Highways asking for a consultation on a residents' parking scheme "
        "for Mill Street. Proposed by Cllr Mehta, seconded by Cllr Kinsella. Carried by 9 votes to 0.",
    ]),
    ("25/050 Christmas lights 2025", [
        "A budget of £9,500 was agreed for the 2025 Christmas lights, including the switch-on event on Saturday 29 November 2025. "
        "A working group of Cllrs Whitcombe, Dunmore and Penrose was appointed, with Cllr Whitcombe as convenor.",
    ]),
    ("25/051 Date of next meeting", [
        "The next meeting of the Full Council will be held on Tuesday 10 June 2025 at 7pm in the Council Chamber. "
        "There being no further business, the Chair closed the meeting at 9.12pm.",
    ]),
]

ACTIONS_HEADER = ["No.", "Action", "Owner", "Deadline"]
ACTIONS = [
    ["1", "Place order with Playforge Ltd and agree installation dates for Cobden Park", "Helen Stroud (Town Clerk)", "30 May 2025"],
    ["2", "Publish the internal audit report on the council website", "Helen Stroud (Town Clerk)", "31 May 2025"],
    ["3", "Pay grant of £1,800 to Ashworth Bowls Club", "Gareth Quayle (RFO)", "6 June 2025"],
    ["4", "Pay grant of £750 to Ashworth Youth Theatre", "Gareth Quayle (RFO)", "6 June 2025"],
    ["5", "Write to County Highways about a residents' parking scheme on Mill Street", "Cllr Rajan Mehta", "23 May 2025"],
    ["6", "Report back on CCTV options for the bus station", "PCSO Amira Nolan and Cllr Olu Adebayo", "10 June 2025"],
    ["7", "Hold first meeting of the Christmas lights working group", "Cllr Jean Whitcombe", "20 June 2025"],
]

CLOSING = [
    "Signed: ................................ (Chair)      Date: ....................",
    "Ashworth Town Council, Town Hall, Market Place, Ashworth. Clerk: Helen Stroud. Tel 01632 960 418. clerk@ashworth-tc.example",
]


def build():
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)

    doc.add_heading(TITLE, level=0)
    sub = doc.add_paragraph()
    run = sub.add_run(SUBTITLE)
    run.bold = True
    run.font.size = Pt(13)
    for line in META:
        doc.add_paragraph(line)

    for heading, paras in SECTIONS:
        doc.add_heading(heading, level=2)
        for p in paras:
            para = doc.add_paragraph(p)
            para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    doc.add_heading("Summary of actions", level=2)
    table = doc.add_table(rows=1, cols=len(ACTIONS_HEADER))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ACTIONS_HEADER):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for row in ACTIONS:
        cells = table.add_row().cells
        for cell, text in zip(cells, row):
            cell.text = text

    doc.add_paragraph("")
    for line in CLOSING:
        doc.add_paragraph(line)

    OUT.parent.mkdir(parents=True, exist_ok=True)
    doc.save(OUT)
    print("wrote", OUT)


def visible_text():
    """All text written into the document (used by check.py)."""
    parts = [TITLE, SUBTITLE] + META
    for heading, paras in SECTIONS:
        parts.append(heading)
        parts.extend(paras)
    parts.append("Summary of actions")
    parts.extend(ACTIONS_HEADER)
    for row in ACTIONS:
        parts.extend(row)
    parts.extend(CLOSING)
    return "\n".join(parts)


if __name__ == "__main__":
    build()
