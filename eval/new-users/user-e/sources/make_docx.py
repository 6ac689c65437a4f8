"""Write the tenancy inspection report as a .docx (python-docx)."""
from pathlib import Path

from docx import Document

doc = Document()
doc.core_properties.title = "Mid-Tenancy Inspection Report – Flat 3, 41 Alder Crescent"
doc.core_properties.author = "Fairhaven Lettings"

doc.add_heading("Mid-Tenancy Inspection Report", level=0)
doc.add_paragraph("Fairhaven Lettings Ltd · 22 Market Street, Dunmorrow DM2 7HB · Tel 01632 770 415")

doc.add_heading("Property and parties", level=1)
doc.add_paragraph("Property: Flat 3, 41 Alder Crescent, Dunmorrow DM4 9QS")
doc.add_paragraph("Landlord: Mr Everett Quillane")
doc.add_paragraph("Tenants: Ms Noor Halvorsen and Mr Jasper Ogunleye-Byrne")
doc.add_paragraph("Tenancy start date: 1 September 2023 (12-month assured shorthold, now periodic)")
doc.add_paragraph("Monthly rent: £1,085")
doc.add_paragraph("Deposit: £1,250, protected with the Deposit Protection Service")
doc.add_paragraph("Inspection date: 14 November 2024, 10:30")
doc.add_paragraph("Inspected by: Lucinda Farrow-Mbeki, Property Manager")

doc.add_heading("Summary", level=1)
doc.add_paragraph(
    "The inspection was carried out with Ms Halvorsen present; Mr Ogunleye-Byrne was at work. "
    "Overall the flat is clean and well looked after, and the tenants are keeping it to a good "
    "standard. Two matters need action by the landlord and one by the tenants, as set out below. "
    "No pets were seen in the property, in line with the tenancy agreement."
)
doc.add_paragraph(
    "The previous inspection was carried out on 2 April 2024 by Daniel Ashworth, who has since "
    "left Fairhaven Lettings. The condensation he noted in the bedroom then has got worse since, "
    "and black mould now covers an area of about 40 cm by 25 cm above the bedroom window."
)

doc.add_heading("Room-by-room condition", level=1)
rows = [
    ("Room", "Condition", "Notes", "Action by"),
    ("Entrance hall", "Good", "Carpet clean; smoke alarm tested and working", "None"),
    ("Living room", "Good", "Small scuff on wall by door, fair wear and tear", "None"),
    ("Kitchen", "Fair", "Extractor fan not working; oven clean", "Landlord"),
    ("Bathroom", "Good", "Silicone seal around bath discoloured", "Tenants"),
    ("Bedroom 1", "Poor", "Black mould above window, about 40 cm by 25 cm", "Landlord"),
    ("Bedroom 2", "Good", "Used as a home office", "None"),
    ("Balcony", "Fair", "Three plant pots and a bicycle stored; drain clear", "None"),
]
table = doc.add_table(rows=len(rows), cols=4)
table.style = "Table Grid"
for i, row in enumerate(rows):
    for j, cell in enumerate(row):
        table.cell(i, j).text = cell

doc.add_heading("Actions required", level=1)
doc.add_paragraph(
    "1. Landlord: replace the kitchen extractor fan. The tenants reported it broken on "
    "3 October 2024 and it has not yet been repaired. Fairhaven has obtained a quote of £185 from "
    "Brightwell Electrical, to be approved by the landlord by 29 November 2024.",
)
doc.add_paragraph(
    "2. Landlord: treat the mould in Bedroom 1 and fit a humidity-controlled vent in the window "
    "frame. Quote from Dryfield Damp Solutions: £420 including redecoration.",
)
doc.add_paragraph(
    "3. Tenants: clean or replace the silicone seal around the bath within 28 days, and open the "
    "bedroom window for at least 20 minutes each morning to reduce condensation.",
)

doc.add_heading("Meters and keys", level=1)
doc.add_paragraph("Electricity meter reading: 48213 kWh. Gas meter reading: 09377 m³.")
doc.add_paragraph(
    "Keys held by tenants: 4 (two front door, two flat door). Keys held by Fairhaven: 2."
)

doc.add_heading("Tenant comments", level=1)
doc.add_paragraph(
    "Ms Halvorsen asked whether the landlord would consider allowing a cat. She was told the "
    "request must be made in writing to Mr Quillane, who will decide within 14 days. She also "
    "said the tenants intend to stay for at least another year."
)

doc.add_heading("Next inspection", level=1)
doc.add_paragraph(
    "The next routine inspection is provisionally booked for May 2025. Tenants will be given at "
    "least 24 hours' written notice, as required by the tenancy agreement."
)
doc.add_paragraph(
    "Signed: Lucinda Farrow-Mbeki, Property Manager, Fairhaven Lettings Ltd, 15 November 2024."
)
doc.save(Path(__file__).parent.parent / "articles" / "tenancy_inspection_alder_crescent.docx")
