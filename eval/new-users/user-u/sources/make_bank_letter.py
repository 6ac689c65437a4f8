"""Write the savings rate change letter as ../articles/calder-fenn-savings-rate-letter.docx."""
from pathlib import Path

from docx import Document
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "articles" / "calder-fenn-savings-rate-letter.docx"

doc = Document()
doc.core_properties.title = "Changes to the interest rate on your savings account"
doc.core_properties.author = "Calder & Fenn Bank"
style = doc.styles["Normal"]
style.font.name = "Calibri"
style.font.size = Pt(11)

for line in ["Calder & Fenn Bank plc", "Savings Services, PO Box 4410", "Pennick Hill, Drayfield DR7 2QA"]:
    doc.add_paragraph(line)

doc.add_paragraph("Mr Tobias Wren\n41 Sallow Crescent\nBramhope St Ives\nHalverton HV4 9NE")
doc.add_paragraph("Our ref: SAV/RC/2025/1187")
doc.add_paragraph("Account ending: 6630")
doc.add_paragraph("3 October 2025")

doc.add_heading("Changes to the interest rate on your savings account", level=1)

paras = [
    "Dear Mr Wren,",
    "We are writing to let you know that we are reducing the interest rate we pay on your Easy Access "
    "Saver (Issue 4). The new rate will apply from 14 November 2025. We are giving you more than 30 days' "
    "notice of this change, as our savings terms require for any reduction on an account with a balance "
    "of £100 or more.",
    "Why are we making this change?",
    "The Bank of England lowered Bank Rate in August 2025, and the rates we earn when we lend and invest "
    "our customers' money have fallen with it. We review our savings rates regularly, and we have decided "
    "to pass on part of that reduction. Rates on our fixed-rate bonds are not affected, because their "
    "rates are set for the whole term when the bond is opened.",
]
for p in paras:
    if p.endswith("?"):
        doc.add_heading(p, level=2)
    else:
        doc.add_paragraph(p)

doc.add_heading("Your old and new rates", level=2)
doc.add_paragraph(
    "The table below shows the rates that apply to your account now and the rates that will apply from "
    "14 November 2025. Interest is calculated daily and paid on the last working day of each month."
)
rows = [
    ("Balance", "Rate until 13 November 2025 (gross/AER)", "Rate from 14 November 2025 (gross/AER)"),
    ("£1 – £9,999", "3.10%", "2.65%"),
    ("£10,000 – £49,999", "3.25%", "2.80%"),
    ("£50,000 and above", "3.40%", "3.05%"),
]
table = doc.add_table(rows=len(rows), cols=3)
table.style = "Table Grid"
for r, row in enumerate(rows):
    for c, text in enumerate(row):
        table.cell(r, c).text = text

doc.add_paragraph(
    "Based on your balance of £12,480.56 on 30 September 2025, your account is in the middle tier. If "
    "your balance stayed the same for a full year, you would earn about £56.16 less interest at the new rate."
)

doc.add_heading("What you can do", level=2)
for item in [
    "Do nothing. Your account will stay open and the new rate will apply automatically.",
    "Switch to another Calder & Fenn savings account. Our 1 Year Fixed Rate Bond (Issue 12) currently "
    "pays 3.85% gross/AER on deposits of £2,000 or more.",
    "Close your account or move your money elsewhere. You can do this without any charge or loss of "
    "interest until 13 January 2026, which is 60 days after the change takes effect.",
]:
    doc.add_paragraph(item, style="List Bullet")

doc.add_paragraph(
    "If you have a Cash ISA with us, you will receive a separate letter, as ISA rates are reviewed on a "
    "different timetable. The Financial Services Compensation Scheme continues to protect eligible "
    "deposits up to £85,000 per person."
)
doc.add_paragraph(
    "You can manage your account in the Calder & Fenn app, at any of our 34 branches, or by calling our "
    "savings team on 0800 048 2217. Lines are open from 8am to 8pm Monday to Friday and from 9am to 2pm "
    "on Saturdays. If you need this letter in large print or Braille, please let us know."
)
doc.add_paragraph("Yours sincerely,")
doc.add_paragraph("Moira Castellane\nHead of Savings, Calder & Fenn Bank plc")
doc.add_paragraph(
    "Calder & Fenn Bank plc is authorised by the Prudential Regulation Authority and regulated by the "
    "Financial Conduct Authority and the Prudential Regulation Authority. Registered in England No. 04411873."
)

OUT.parent.mkdir(parents=True, exist_ok=True)
doc.save(OUT)
print("wrote", OUT)
