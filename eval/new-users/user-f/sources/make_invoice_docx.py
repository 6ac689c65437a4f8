from pathlib import Path

from docx import Document

doc = Document()
doc.core_properties.title = "Service invoice INV-30418, Brackenridge Motors"
doc.core_properties.author = "Brackenridge Motors"
doc.add_heading("Brackenridge Motors Ltd: Service Invoice", level=1)
doc.add_paragraph("Unit 6, Fallowfield Trading Estate, Harrowby Road, Dunmere DN4 7QS. "
                  "VAT registration number GB 318 4420 67.")
doc.add_heading("Invoice details", level=2)
for line in [
    "Invoice number: INV-30418",
    "Invoice date: 22 October 2024",
    "Job card: JC-11972",
    "Customer: Mrs Philippa Garroway, 9 Linden Crescent, Dunmere DN3 2HB",
    "Vehicle: 2019 Skoda Octavia Estate 1.5 TSI SE L, registration KT19 WXP",
    "Odometer at drop-off: 58,214 miles",
    "Technician: Marek Zielinski (Master Technician)",
    "Service adviser: Jonah Pettifer",
]:
    doc.add_paragraph(line)

doc.add_heading("Work requested", level=2)
doc.add_paragraph(
    "The customer booked the car in on 21 October 2024 for its major service and reported a "
    "grinding noise from the front of the car when braking at low speed, and a warning light for "
    "the tyre pressure monitoring system that came on after a long motorway journey.")

doc.add_heading("Work carried out", level=2)
table = doc.add_table(rows=1, cols=5)
table.style = "Table Grid"
hdr = table.rows[0].cells
for c, t in zip(hdr, ["Item", "Part number", "Qty", "Unit price", "Line total"]):
    c.text = t
rows = [
    ("Major service labour (2.5 hours)", "LAB-MAJ", "1", "£187.50", "£187.50"),
    ("Engine oil 5W-30 VW 504.00", "OIL-5W30-L", "4.3", "£11.20", "£48.16"),
    ("Oil filter", "04E115561H", "1", "£14.85", "£14.85"),
    ("Air filter", "5Q0129620D", "1", "£22.40", "£22.40"),
    ("Pollen filter", "5Q0819653", "1", "£18.90", "£18.90"),
    ("Front brake discs (pair)", "5Q0615301F", "1", "£96.00", "£96.00"),
    ("Front brake pads (set)", "5Q0698151B", "1", "£58.75", "£58.75"),
    ("Brake labour (1.2 hours)", "LAB-BRK", "1", "£90.00", "£90.00"),
    ("Tyre pressure sensor reset and check", "LAB-TPMS", "1", "£15.00", "£15.00"),
]
for r in rows:
    cells = table.add_row().cells
    for c, t in zip(cells, r):
        c.text = t

doc.add_heading("Totals", level=2)
doc.add_paragraph("Subtotal before VAT: £551.56")
doc.add_paragraph("Loyalty discount (5% on parts): £12.95")
doc.add_paragraph("Net total: £538.61")
doc.add_paragraph("VAT at 20%: £107.72")
doc.add_paragraph("Total due: £646.33")
doc.add_paragraph("Paid in full by debit card on 23 October 2024 at 16:42. Receipt number R-88120.")

doc.add_heading("Technician's notes", level=2)
doc.add_paragraph(
    "The grinding noise was caused by the front brake pads, which had worn down to 2 mm, and the "
    "discs were scored, so both were replaced. The rear pads measured 6 mm and do not need "
    "replacing yet; we expect them to last about another 8,000 miles. The tyre pressure warning "
    "was caused by the front left tyre, which was at 24 psi against the recommended 36 psi. No "
    "puncture was found, and the light was reset after inflating all four tyres.")
doc.add_paragraph(
    "The auxiliary drive belt shows light cracking. It is not yet a safety issue, but we advise "
    "replacing it at the next service; we quoted £142.00 for this, which the customer declined for "
    "now. The wiper blades are smearing and were also quoted, at £31.50 a pair.")

doc.add_heading("Next service and warranty", level=2)
doc.add_paragraph(
    "The next service is due at 68,000 miles or on 22 October 2025, whichever comes first. The MOT "
    "test expires on 3 March 2025. All parts fitted carry a 12-month, unlimited-mileage warranty, "
    "and labour is guaranteed for 6 months.")
doc.add_paragraph(
    "Questions about this invoice should be sent to the service manager, Gwendolyn Adeyemi, at "
    "service@brackenridgemotors.example or on 01632 774 550. Payment terms are 14 days for account "
    "customers.")
doc.save(Path(__file__).parent.parent / "articles" / "car-service-invoice.docx")
