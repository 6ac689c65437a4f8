"""Write the wedding venue quotation as a .docx with python-docx."""
import sys
from pathlib import Path

from docx import Document
from docx.shared import Pt

out = Path(sys.argv[1] if len(sys.argv) > 1 else "venue_quotation.docx")

doc = Document()
doc.core_properties.title = "Wedding Quotation - Harrowgate Mill Barn"
doc.core_properties.author = "Imogen Strickland"

doc.add_heading("Harrowgate Mill Barn", level=0)
doc.add_paragraph("Weddings and celebrations in the Teme Valley\n"
                  "Harrowgate Lane, Tenbury Wells, Worcestershire WR15 8LX\n"
                  "Telephone 01584 811 207 | events@harrowgatemill.co.uk")

doc.add_heading("Wedding Quotation", level=1)
doc.add_paragraph("Quotation reference: HMB-Q-2026-0142\n"
                  "Date of quotation: 3 February 2025\n"
                  "Prepared for: Miss Eleanor Vance and Mr Tobias Okonkwo-Reid\n"
                  "Wedding date: Saturday 19 September 2026")

doc.add_paragraph(
    "Dear Eleanor and Tobias, thank you both for visiting the mill on 25 January and for "
    "telling us so much about the day you have in mind. As promised, here is our quotation "
    "for an exclusive-use wedding for 96 daytime guests, with a further 34 guests joining "
    "for the evening reception, so 130 guests in the evening in total. The ceremony would "
    "take place in the Granary Room, which is licensed for civil ceremonies and seats up to "
    "110, with the wedding breakfast served afterwards in the Threshing Barn.")

doc.add_heading("Summary of costs", level=2)
rows = [
    ("Item", "Details", "Cost"),
    ("Exclusive venue hire", "Saturday, 11am to midnight, Granary Room and Threshing Barn", "£6,850.00"),
    ("Ceremony room fee", "Granary Room set for 96 with aisle and chair covers", "£650.00"),
    ("Drinks reception", "Two glasses of English sparkling wine per guest, 96 guests at £14.50", "£1,392.00"),
    ("Wedding breakfast", "Three-course menu, 96 guests at £68.00 per head", "£6,528.00"),
    ("Evening buffet", "Wood-fired pizza and salads, 130 guests at £16.50 per head", "£2,145.00"),
    ("Children's meals", "8 children under 12 at £22.00, included in guest numbers", "£176.00"),
    ("Bridal suite", "Night of 19 September in the Miller's Loft, breakfast included", "£295.00"),
    ("Late bar licence", "Bar open until 12.30am", "£180.00"),
    ("Total", "", "£18,216.00"),
]
table = doc.add_table(rows=0, cols=3)
table.style = "Table Grid"
for r in rows:
    cells = table.add_row().cells
    for i, val in enumerate(r):
        cells[i].text = val
for c in table.rows[0].cells + table.rows[-1].cells:
    for p in c.paragraphs:
        for run in p.runs:
            run.bold = True

doc.add_paragraph()
doc.add_paragraph(
    "The prices above include VAT at the current rate, tables and chairs for up to 150 "
    "guests, white linen, cutlery and glassware, a cake stand and knife, festoon lighting "
    "in the courtyard and our on-the-day coordinator, Dominic Asante, who will be with you "
    "from the moment the first supplier arrives until your first dance.")

doc.add_heading("Payment schedule", level=2)
doc.add_paragraph("A non-refundable booking fee of £2,000 secures the date and is deducted from the total.",
                  style="List Bullet")
doc.add_paragraph("A second payment of 50% of the balance is due on 19 March 2026.",
                  style="List Bullet")
doc.add_paragraph("The final balance and confirmed guest numbers are due 42 days before the wedding, "
                  "on 8 August 2026.", style="List Bullet")
doc.add_paragraph("A refundable damage deposit of £500 is payable with the final balance and returned "
                  "within 14 days of the wedding.", style="List Bullet")

doc.add_heading("Things to know", level=2)
doc.add_paragraph(
    "Music must end by 11.45pm, because the mill sits within 200 metres of neighbouring "
    "cottages, and a sound limiter set to 95 decibels is fitted in the Threshing Barn. Confetti "
    "is welcome outdoors as long as it is biodegradable petals. Candles must be enclosed in "
    "glass holders. We are happy for you to bring your own wine for the wedding breakfast, "
    "with a corkage charge of £12 per bottle.")
doc.add_paragraph(
    "There is parking for 60 cars on site, and Tenbury Taxis (01584 810 333) can take guests "
    "back to the town, which is 2.5 miles away. The nearest railway station is Ludlow.")
doc.add_paragraph(
    "This quotation is held for 21 days, until 24 February 2025. Saturday dates in September "
    "2026 are already in demand, so we would encourage you to let us know soon. A tasting "
    "evening for the three-course menu is included once you have booked, for up to four people.")

doc.add_paragraph("With warm wishes,")
sig = doc.add_paragraph()
r = sig.add_run("Imogen Strickland")
r.italic = True
r.font.size = Pt(14)
doc.add_paragraph("Imogen Strickland\nWeddings Manager, Harrowgate Mill Barn\nDirect line 01584 811 209")

section = doc.sections[0]
section.footer.paragraphs[0].text = "Harrowgate Mill Barn Ltd, registered in England no. 08861423"

doc.save(out)
print(out)
