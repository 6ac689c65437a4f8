"""Builds articles/vellmoor-instruments-annual-results-2024.docx with python-docx.
Run: .venv/bin/python make_earnings_docx.py
"""
import os

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "articles", "vellmoor-instruments-annual-results-2024.docx")

doc = Document()
doc.styles["Normal"].font.name = "Calibri"
doc.styles["Normal"].font.size = Pt(11)

doc.add_heading("Vellmoor Instruments posts record revenue as aerospace orders surge", level=0)

p = doc.add_paragraph()
r = p.add_run("By Priya Ramaswamy, Business Reporter")
r.italic = True
doc.add_paragraph("Published 6 March 2025, 09:15 GMT")

doc.add_paragraph(
    "SHEFFIELD, 6 March 2025 - Vellmoor Instruments plc, the maker of pressure and vibration "
    "sensors for aircraft engines and wind turbines, today reported revenue of £412.6 million for "
    "the year ended 31 December 2024, up 14% from £361.9 million a year earlier, helped by a surge "
    "in orders from aerospace customers in France and Canada."
)
doc.add_paragraph(
    "Pre-tax profit rose 21% to £58.3 million, while adjusted earnings per share increased to 47.2p "
    "from 39.8p. The board proposed a final dividend of 12.5p per share, bringing the full-year payout "
    "to 18.0p, an increase of 9%. The final dividend will be paid on 23 May 2025 to shareholders on "
    "the register on 11 April 2025."
)
doc.add_paragraph(
    "Chief executive Marguerite Okonkwo-Hale said the year had been \"the strongest in the "
    "company's history\". \"Our engineers delivered the new VX-9 vibration sensor six months ahead "
    "of schedule, and airframe customers have responded with orders we could only have hoped for two "
    "years ago,\" she said."
)

doc.add_heading("Financial highlights", level=1)
doc.add_paragraph("Year ended 31 December; figures in pounds sterling.")
rows = [
    ("Measure", "2024", "2023", "Change"),
    ("Revenue", "£412.6m", "£361.9m", "+14%"),
    ("Operating profit", "£63.1m", "£53.4m", "+18%"),
    ("Pre-tax profit", "£58.3m", "£48.2m", "+21%"),
    ("Adjusted earnings per share", "47.2p", "39.8p", "+19%"),
    ("Full-year dividend per share", "18.0p", "16.5p", "+9%"),
    ("Free cash flow", "£44.9m", "£31.6m", "+42%"),
    ("Net debt", "£36.7m", "£52.1m", "-30%"),
]
table = doc.add_table(rows=len(rows), cols=4)
table.style = "Light Grid Accent 1"
for i, row in enumerate(rows):
    for j, val in enumerate(row):
        cell = table.cell(i, j)
        cell.text = val
        if i == 0:
            cell.paragraphs[0].runs[0].bold = True
        if j > 0:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT

doc.add_heading("Divisional performance", level=1)
doc.add_paragraph(
    "The aerospace division, which accounts for just over half of group sales, grew revenue by 22% "
    "to £214.0 million. The energy division, which supplies sensors for offshore wind farms, reported "
    "revenue of £131.4 million, up 8%, although its operating margin narrowed to 11.2% from 12.9% "
    "because of higher copper and rare-earth magnet costs. Revenue from the smaller industrial "
    "division was flat at £67.2 million."
)
doc.add_paragraph(
    "The order book stood at £538 million at the year end, compared with £447 million twelve months "
    "earlier. Net debt fell to £36.7 million from £52.1 million after the company generated free cash "
    "flow of £44.9 million."
)

doc.add_heading("Outlook", level=1)
doc.add_paragraph(
    "For 2025, Vellmoor expects revenue growth \"in the high single digits\" at constant exchange "
    "rates and said operating margins should improve by between 50 and 80 basis points. The company "
    "plans to invest £27 million in a second production line at its Rotherham plant, which is due to "
    "open in the third quarter of 2026 and will create about 140 jobs."
)
doc.add_paragraph(
    "Finance director Tomasz Wielgosz warned that the group remained exposed to swings in the euro, "
    "which accounted for 38% of revenue. \"A 5% move in sterling against the euro changes our annual "
    "operating profit by roughly £3 million,\" he told analysts on a conference call."
)

doc.add_heading("Market reaction and board changes", level=1)
doc.add_paragraph(
    "Shares in Vellmoor rose 6.4% to 1,184p in morning trading on the London Stock Exchange, valuing "
    "the company at about £1.9 billion. Analysts at Brackenridge Securities raised their target price "
    "to 1,350p from 1,220p, calling the results \"a clean beat on every line\"."
)
doc.add_paragraph(
    "Chairman Sir Anthony Feld, who will step down at the annual general meeting on 15 May 2025, will "
    "be succeeded by non-executive director Helena Marchetti, a former chief operating officer of a "
    "European rail signalling group."
)

doc.add_heading("Contacts", level=1)
doc.add_paragraph("Investor relations: Dana Whitcombe, +44 (0)114 496 0732, ir@vellmoor.example")
doc.add_paragraph("Media: Lachlan Brodie, Harwood Fenn Communications, +44 (0)20 7946 0518")

doc.save(OUT)
print("wrote", os.path.normpath(OUT))
